"""Building blocks shared by every MD-GAN network: encoder geometry and the conv units.

The paper's generator encoder and its discriminators use one layer geometry (Table 1), so it
is defined once here. Convolutions have no bias (the authors' code); padding "same" with
these kernels and strides pads exactly as PyTorch's padding=1, so weights convert 1:1.
"""

import dataclasses

import keras
import tensorflow as tf

from mdgan_tf.modeling.config import encoder_shapes


@dataclasses.dataclass(frozen=True)
class ConvGeometry:
    """Kernel, strides and padding of one encoder conv (and of the deconv that mirrors it)."""

    kernel: tuple[int, int, int]
    strides: tuple[int, int, int]
    padding: str


STEM = ConvGeometry((3, 4, 4), (1, 2, 2), "same")
HALVING = ConvGeometry((4, 4, 4), (2, 2, 2), "same")


def encoder_geometry(frames, resolution, num_layers, spatial_stem):
    """Geometry of each encoder conv; the last one collapses what is left to 1x1x1."""
    shapes = encoder_shapes(frames, resolution, num_layers, spatial_stem)
    before_bottleneck = shapes[-2] if num_layers > 1 else (frames, resolution, resolution)
    layers = [STEM if spatial_stem and i == 0 else HALVING for i in range(num_layers - 1)]
    layers.append(ConvGeometry(before_bottleneck, (1, 1, 1), "valid"))
    return layers


# The moving statistics' momentum: PyTorch's BatchNorm3d default (0.1 there is 0.9 here).
# Training may set another (`TrainingConfig.batchnorm_momentum`), and synchronise them.
BATCHNORM_MOMENTUM = 0.9


def batch_norm(config, name):
    return keras.layers.BatchNormalization(
        momentum=BATCHNORM_MOMENTUM,
        epsilon=config.batchnorm_epsilon,
        name=name,
    )


def conv_unit(x, filters, geometry, name, *, config, norm, activation):
    """Conv3D, then optional BatchNorm, then an optional activation ("lrelu", "relu", "tanh")."""
    return _unit(keras.layers.Conv3D, x, filters, geometry, name, config, norm, activation)


def deconv_unit(x, filters, geometry, name, *, config, norm, activation, zero_init=False):
    """Conv3DTranspose that undoes `geometry`, then optional BatchNorm and activation.
    `zero_init` starts its kernel at zero instead of N(0, 0.02)."""
    return _unit(keras.layers.Conv3DTranspose, x, filters, geometry, name, config, norm,
                 activation, zero_init)


def _unit(layer_class, x, filters, geometry, name, config, norm, activation, zero_init=False):
    transpose = layer_class is keras.layers.Conv3DTranspose
    if geometry == HALVING:
        layer_class = Conv3DTranspose if transpose else Conv3D
    if geometry == STEM:
        layer_class = StemConv3DTranspose if transpose else StemConv3D
    elif transpose and x.shape[1:4] == (1, 1, 1):
        layer_class = ExpandConv3DTranspose
    elif geometry.kernel == tuple(x.shape[1:4]) and geometry.padding == "valid":
        layer_class = CollapseConv3D  # the bottleneck: its kernel covers the whole input
    x = layer_class(
        filters,
        geometry.kernel,
        strides=geometry.strides,
        padding=geometry.padding,
        use_bias=False,
        kernel_initializer=("zeros" if zero_init
                            else keras.initializers.RandomNormal(stddev=0.02)),
        name=name,
    )(x)
    if norm:
        x = batch_norm(config, f"{name}_bn")(x)
    if activation == "lrelu":
        x = keras.layers.LeakyReLU(negative_slope=config.leaky_relu_slope, name=f"{name}_act")(x)
    elif activation is not None:
        x = keras.layers.Activation(activation, name=f"{name}_act")(x)
    return x


# The layers below compute exactly what their Keras base class computes, with the same
# variables, so weights load and convert unchanged. They exist for speed: TensorFlow's CPU
# convolutions handle layers with few channels or with huge kernels poorly
# (docs/performance.md has the figures).


def _phase_kernel(kernel, strides):
    """(kt,kh,kw,a,b) -> the same taps for blocks of `strides` pixels folded into channels:
    along each axis of stride 2, 4 taps become 2 blocks x 2 phases, and the phases go to
    the channels (phase t, phase h, phase w, a), as `_fold_phases` orders them."""
    split = [size for k, s in zip(kernel.shape[:3], strides) for size in (k // s, s)]
    a, b = kernel.shape[3], kernel.shape[4]
    kernel = keras.ops.reshape(kernel, (*split, a, b))  # block t, phase t, block h, ...
    kernel = keras.ops.transpose(kernel, (0, 2, 4, 1, 3, 5, 6, 7))
    blocks = split[0::2]
    return keras.ops.reshape(kernel, (*blocks, strides[0] * strides[1] * strides[2] * a, b))


def _fold_phases(x, strides):
    """N,T,H,W,C -> N,T/st,H/sh,W/sw,(st*sh*sw*C): each block of `strides` pixels becomes
    channels (phase t, phase h, phase w, c)."""
    (_, t, h, w, c), (st, sh, sw) = x.shape, strides
    x = keras.ops.reshape(x, (-1, t // st, st, h // sh, sh, w // sw, sw, c))
    x = keras.ops.transpose(x, (0, 1, 3, 5, 2, 4, 6, 7))
    return keras.ops.reshape(x, (-1, t // st, h // sh, w // sw, st * sh * sw * c))


def _unfold_phases(x, strides):
    """The inverse of `_fold_phases`."""
    (_, t, h, w, folded), (st, sh, sw) = x.shape, strides
    c = folded // (st * sh * sw)
    x = keras.ops.reshape(x, (-1, t, h, w, st, sh, sw, c))
    x = keras.ops.transpose(x, (0, 1, 4, 2, 5, 3, 6, 7))
    return keras.ops.reshape(x, (-1, t * st, h * sh, w * sw, c))


def _phase_conv(inputs, kernel, strides):
    """A padding-1 conv of `strides` (1 or 2 per axis, 4 taps where 2) as a stride-1 conv
    over phase-folded blocks: the same products, in one dense op."""
    padded = keras.ops.pad(inputs, ((0, 0), (1, 1), (1, 1), (1, 1), (0, 0)))
    return keras.ops.conv(_fold_phases(padded, strides), _phase_kernel(kernel, strides),
                          padding="valid")


def _phase_conv_transpose(inputs, kernel, strides, training):
    """The transposed conv that undoes `_phase_conv`'s geometry: output pixel s*i+p only
    sees kernel taps of phase p, so each phase is a stride-1 transposed conv over blocks;
    the phases are unfolded into pixels and the one-pixel border of padding 1 cropped."""
    kernel = _phase_kernel(kernel, strides)  # a transposed kernel's layout: (..., out, in)
    full = each_clip(lambda clips: keras.ops.conv_transpose(clips, kernel, strides=1,
                                                            padding="valid"),
                     inputs, training)
    return _unfold_phases(full, strides)[:, 1:-1, 1:-1, 1:-1, :]


class StemConv3D(keras.layers.Conv3D):
    """The (3,4,4)/(1,2,2) stem conv, computed on 2x2 pixel blocks.

    With 3 input channels the direct convolution runs at a quarter of the machine's speed;
    padding by one pixel and folding 2x2 blocks into channels turns it into a stride-1
    (3,2,2) conv over 12 channels with the same products.
    """

    def call(self, inputs):
        return _phase_conv(inputs, self.kernel, self.strides)


# Up to this many clips a replica, training runs halving convs and deconvs on phase-folded
# blocks. With the gradients, TensorFlow's CPU op took 1,154 ms for two clips at the 64x64
# model's second conv, where the folded form takes 38 ms (29 against 2 ms at mdgan_tiny's);
# from 8 clips, at that layer, TensorFlow's op is about as fast or faster (298 against
# 268 ms for 8, 545 against 675 ms for 16). 2-core AVX2 EPYC,
# `python benchmarks/benchmark_transposed_conv.py`.
FOLDED_BATCH = 4


def _trained(inputs, folded, plain):
    """`folded()` for a batch of up to FOLDED_BATCH clips, else `plain()`. A batch whose
    size is unknown when the step is traced (a dataset batched without drop_remainder;
    mdgan-train's drops it) counts as small: deciding as the step runs, with tf.cond,
    would trace both forms and their gradients in every step."""
    batch = inputs.shape[0]
    return folded() if batch is None or batch <= FOLDED_BATCH else plain()


class Conv3D(keras.layers.Conv3D):
    """A halving (4,4,4)/2 conv: Keras's own op, except for small batches in training,
    which run on 2x2x2 blocks (`_phase_conv`, `FOLDED_BATCH`). Inference keeps Keras's op,
    so generated videos are unchanged to the bit. Its class name is Keras's, so weights
    files, which name layers by class, load unchanged."""

    def call(self, inputs, training=None):
        if training:
            return _trained(inputs, lambda: _phase_conv(inputs, self.kernel, self.strides),
                            lambda: super(Conv3D, self).call(inputs))
        return super().call(inputs)


def each_clip(function, inputs, training):
    """`function` of a batch of clips, run on one clip at a time outside training.

    TensorFlow's CPU transposed 3D convolution (Conv3DBackpropInput, through oneDNN) can be
    hundreds of times slower on a batch than on its clips one by one (on a 2-core AVX2 EPYC,
    4 s against 17 ms for two clips: benchmarks/benchmark_transposed_conv.py). One clip's
    result is the op's own, to the bit. In training the batch is kept whole: the per-clip
    loop's gradient cost more than it saved.
    """
    if training:
        return function(inputs)
    return tf.map_fn(lambda clip: function(clip[None])[0], inputs)


class Conv3DTranspose(keras.layers.Conv3DTranspose):
    """Keras's Conv3DTranspose, computed a clip at a time (`each_clip`); small batches in
    training run on 2x2x2 blocks (`_phase_conv_transpose`, `FOLDED_BATCH`). Its class
    name is Keras's, so the weights files of the package's models, which name layers by
    class, load unchanged."""

    def call(self, inputs, training=None):
        if training:
            return _trained(
                inputs,
                lambda: _phase_conv_transpose(inputs, self.kernel, self.strides, training),
                lambda: super(Conv3DTranspose, self).call(inputs))
        return each_clip(super().call, inputs, training)


class StemConv3DTranspose(keras.layers.Conv3DTranspose):
    """The transposed stem, computed as a stride-1 (3,2,2) transposed conv to 4x channels
    (`_phase_conv_transpose`)."""

    def call(self, inputs, training=None):
        return _phase_conv_transpose(inputs, self.kernel, self.strides, training)


class CollapseConv3D(keras.layers.Conv3D):
    """A valid Conv3D whose kernel covers its whole input: exactly one matrix product.

    Same variables as Conv3D, so weights load and convert unchanged; computed as a matmul
    because the convolution kernels of TensorFlow's CPU backend re-lay out the kernel on
    every call, which for the bottleneck's 8M weights costs ten times the arithmetic.
    """

    def call(self, inputs):
        kernel = keras.ops.reshape(self.kernel, (-1, self.filters))
        flat = keras.ops.reshape(inputs, (-1, kernel.shape[0]))
        return keras.ops.reshape(keras.ops.matmul(flat, kernel), (-1, 1, 1, 1, self.filters))


class ExpandConv3DTranspose(keras.layers.Conv3DTranspose):
    """A valid Conv3DTranspose of a 1x1x1 input: exactly one matrix product (see above)."""

    def call(self, inputs):
        in_channels = self.kernel.shape[-1]
        kernel = keras.ops.reshape(self.kernel, (-1, in_channels))
        flat = keras.ops.reshape(inputs, (-1, in_channels))
        out = keras.ops.matmul(flat, keras.ops.transpose(kernel))
        return keras.ops.reshape(out, (-1, *self.kernel_size, self.filters))
