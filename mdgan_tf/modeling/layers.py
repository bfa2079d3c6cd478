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
    if transpose:
        layer_class = Conv3DTranspose
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


def _stem_kernel(kernel):
    """(3,4,4,a,b) -> (3,2,2,4a,b): each 4-tap spatial kernel split into 2 blocks x 2 phases."""
    a, b = kernel.shape[3], kernel.shape[4]
    kernel = keras.ops.reshape(kernel, (3, 2, 2, 2, 2, a, b))  # kt, block h, phase h, block w, phase w
    kernel = keras.ops.transpose(kernel, (0, 1, 3, 2, 4, 5, 6))
    return keras.ops.reshape(kernel, (3, 2, 2, 4 * a, b))


def _fold_phases(x):
    """N,T,2H,2W,C -> N,T,H,W,4C: each 2x2 pixel block becomes channels (phase h, phase w, c)."""
    _, t, h, w, c = x.shape
    x = keras.ops.reshape(x, (-1, t, h // 2, 2, w // 2, 2, c))
    x = keras.ops.transpose(x, (0, 1, 2, 4, 3, 5, 6))
    return keras.ops.reshape(x, (-1, t, h // 2, w // 2, 4 * c))


def _unfold_phases(x):
    """The inverse of `_fold_phases`."""
    _, t, h, w, c4 = x.shape
    x = keras.ops.reshape(x, (-1, t, h, w, 2, 2, c4 // 4))
    x = keras.ops.transpose(x, (0, 1, 2, 4, 3, 5, 6))
    return keras.ops.reshape(x, (-1, t, 2 * h, 2 * w, c4 // 4))


class StemConv3D(keras.layers.Conv3D):
    """The (3,4,4)/(1,2,2) stem conv, computed on 2x2 pixel blocks.

    With 3 input channels the direct convolution runs at a quarter of the machine's speed;
    padding by one pixel and folding 2x2 blocks into channels turns it into a stride-1
    (3,2,2) conv over 12 channels with the same products.
    """

    def call(self, inputs):
        padded = keras.ops.pad(inputs, ((0, 0), (1, 1), (1, 1), (1, 1), (0, 0)))
        return keras.ops.conv(_fold_phases(padded), _stem_kernel(self.kernel), padding="valid")


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
    """Keras's Conv3DTranspose, computed a clip at a time (`each_clip`). Its class name is
    Keras's, so the weights files of the package's models, which name layers by class,
    load unchanged."""

    def call(self, inputs, training=None):
        return each_clip(super().call, inputs, training)


class StemConv3DTranspose(keras.layers.Conv3DTranspose):
    """The transposed stem, computed as a stride-1 (3,2,2) transposed conv to 4x channels.

    Output pixel 2i+p of the full transposed conv only sees kernel taps of phase p, so each
    phase is a 2-tap transposed conv; the phases are unfolded into pixels and the one-pixel
    border that padding=1 removes is cropped.
    """

    def call(self, inputs, training=None):
        kernel = _stem_kernel(self.kernel)  # (3,2,2,4*out,in): a transposed kernel's layout
        full = each_clip(lambda clips: keras.ops.conv_transpose(clips, kernel, strides=1,
                                                                padding="valid"),
                         inputs, training)
        return _unfold_phases(full)[:, 1:-1, 1:-1, 1:-1, :]


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
