"""Inception-I3D (Carreira & Zisserman, 2017) in Keras: the Kinetics-400 classifier FVD uses.

DeepMind's architecture, Conv3d_1a_7x7 ... Mixed_5c and the logits, as the reference FVD
code runs it: N x T x 224 x 224 x 3 videos in [-1, 1] -> N x 400 logits (averaged over
time). Every conv is a Unit3D: a bias-free conv with TensorFlow's SAME padding, BatchNorm
without scale (epsilon 1e-3), ReLU. Layer names follow the checkpoint's module paths, with
"." for "/", so `load_i3d` maps each variable by name.
"""

import keras
import numpy as np

from mdgan_tf.errors import InputError
from mdgan_tf.hub.i3d_weights import load_i3d_variables

SIZE = 224
CLASSES = 400
MIN_FRAMES = 9   # three temporal halvings must leave the 2 frames the logits' pooling takes
# Inception modules: output channels of branch 0 (1x1), branch 1 (1x1, 3x3),
# branch 2 (1x1, 3x3), branch 3 (max pool, 1x1).
_MIXED = {
    "Mixed_3b": (64, 96, 128, 16, 32, 32), "Mixed_3c": (128, 128, 192, 32, 96, 64),
    "Mixed_4b": (192, 96, 208, 16, 48, 64), "Mixed_4c": (160, 112, 224, 24, 64, 64),
    "Mixed_4d": (128, 128, 256, 24, 64, 64), "Mixed_4e": (112, 144, 288, 32, 64, 64),
    "Mixed_4f": (256, 160, 320, 32, 128, 128), "Mixed_5b": (256, 160, 320, 32, 128, 128),
    "Mixed_5c": (384, 192, 384, 48, 128, 128),
}
# The network in order: ("conv", name, channels, kernel, strides), ("pool", name, window,
# strides), or ("mixed", name).
_LAYERS = (
    ("conv", "Conv3d_1a_7x7", 64, (7, 7, 7), (2, 2, 2)),
    ("pool", "MaxPool3d_2a_3x3", (1, 3, 3), (1, 2, 2)),
    ("conv", "Conv3d_2b_1x1", 64, (1, 1, 1), (1, 1, 1)),
    ("conv", "Conv3d_2c_3x3", 192, (3, 3, 3), (1, 1, 1)),
    ("pool", "MaxPool3d_3a_3x3", (1, 3, 3), (1, 2, 2)),
    ("mixed", "Mixed_3b"), ("mixed", "Mixed_3c"),
    ("pool", "MaxPool3d_4a_3x3", (3, 3, 3), (2, 2, 2)),
    ("mixed", "Mixed_4b"), ("mixed", "Mixed_4c"), ("mixed", "Mixed_4d"), ("mixed", "Mixed_4e"),
    ("mixed", "Mixed_4f"),
    ("pool", "MaxPool3d_5a_2x2", (2, 2, 2), (2, 2, 2)),
    ("mixed", "Mixed_5b"), ("mixed", "Mixed_5c"),
)


class FoldedStemConv3D(keras.layers.Conv3D):
    """The 7x7x7 stride-2 SAME stem conv, computed on 2x2x2 blocks of the padded input.

    With 3 input channels the direct convolution runs far below the machine's speed. Each
    output sees taps k = 2a + p (a = 0..3, phase p = 0..1) of input 2i + k, which is tap a
    of block i + a, phase p: a stride-1 4x4x4 conv over 8 x 3 channels, with the kernel
    zero-padded to 8 taps. Same variables as Conv3D, so the weights load unchanged.
    """

    def call(self, inputs):
        shape = inputs.shape[1:4]
        pads = []
        for n in shape:
            out = -(-n // 2)
            before = max(2 * (out - 1) + 7 - n, 0) // 2     # TensorFlow's SAME split
            pads.append((before, 2 * (out + 3) - n - before))
        x = keras.ops.pad(inputs, [(0, 0), *pads, (0, 0)])
        t, h, w = (x.shape[1] // 2, x.shape[2] // 2, x.shape[3] // 2)
        c, filters = x.shape[4], self.kernel.shape[-1]
        x = keras.ops.reshape(x, (-1, t, 2, h, 2, w, 2, c))
        x = keras.ops.transpose(x, (0, 1, 3, 5, 2, 4, 6, 7))
        x = keras.ops.reshape(x, (-1, t, h, w, 8 * c))
        kernel = keras.ops.pad(self.kernel, [(0, 1), (0, 1), (0, 1), (0, 0), (0, 0)])
        kernel = keras.ops.reshape(kernel, (4, 2, 4, 2, 4, 2, c, filters))
        kernel = keras.ops.transpose(kernel, (0, 2, 4, 1, 3, 5, 6, 7))
        kernel = keras.ops.reshape(kernel, (4, 4, 4, 8 * c, filters))
        return keras.ops.conv(x, kernel, padding="valid")


def _unit(x, name, channels, kernel=(1, 1, 1), strides=(1, 1, 1)):
    key = name.replace("/", ".")
    conv = FoldedStemConv3D if kernel == (7, 7, 7) else keras.layers.Conv3D
    x = conv(channels, kernel, strides, padding="same", use_bias=False, name=f"{key}.conv")(x)
    x = keras.layers.BatchNormalization(epsilon=1e-3, scale=False, name=f"{key}.bn")(x)
    return keras.layers.ReLU(name=f"{key}.relu")(x)


def _mixed(x, name, channels):
    b0, b1a, b1b, b2a, b2b, b3 = channels
    branches = [
        _unit(x, f"{name}/Branch_0/Conv3d_0a_1x1", b0),
        _unit(_unit(x, f"{name}/Branch_1/Conv3d_0a_1x1", b1a),
              f"{name}/Branch_1/Conv3d_0b_3x3", b1b, (3, 3, 3)),
        _unit(_unit(x, f"{name}/Branch_2/Conv3d_0a_1x1", b2a),
              f"{name}/Branch_2/Conv3d_0b_3x3", b2b, (3, 3, 3)),
        _unit(keras.layers.MaxPooling3D(3, 1, padding="same", name=f"{name}.Branch_3.pool")(x),
              f"{name}/Branch_3/Conv3d_0b_1x1", b3),
    ]
    return keras.layers.Concatenate(name=f"{name}.concat")(branches)


def inception_i3d(frames):
    """The untrained network for `frames`-frame videos at 224x224 (a functional model)."""
    if frames < MIN_FRAMES:
        raise InputError(f"I3D (and so FVD) needs clips of at least {MIN_FRAMES} frames, "
                         f"got {frames}")
    inputs = keras.Input((frames, SIZE, SIZE, 3), name="video")
    x = inputs
    for layer in _LAYERS:
        if layer[0] == "conv":
            x = _unit(x, *layer[1:])
        elif layer[0] == "pool":
            x = keras.layers.MaxPooling3D(layer[2], layer[3], padding="same", name=layer[1])(x)
        else:
            x = _mixed(x, layer[1], _MIXED[layer[1]])
    x = keras.layers.AveragePooling3D((2, 7, 7), 1, padding="valid", name="Logits.pool")(x)
    x = keras.layers.Conv3D(CLASSES, 1, name="Logits.Conv3d_0c_1x1.conv")(x)
    logits = keras.layers.Lambda(lambda v: keras.ops.mean(v, axis=(1, 2, 3)), name="logits")(x)
    return keras.Model(inputs, logits, name="inception_i3d")


def load_i3d(frames, checkpoint=None):
    """Inception-I3D with DeepMind's Kinetics-400 weights (see `mdgan_tf.hub.i3d_weights`)."""
    model = inception_i3d(frames)
    variables = load_i3d_variables(checkpoint)
    used = set()

    def take(key, shape):
        used.add(key)
        return np.reshape(variables[key], shape)

    for layer in model.layers:
        path = layer.name.rsplit(".", 1)[0].replace(".", "/")
        if isinstance(layer, keras.layers.Conv3D):
            params = f"params/{path}/Conv_0/"
            layer.set_weights([take(params + name, w.shape) for name, w in
                               zip(("kernel", "bias"), layer.get_weights())])
        elif isinstance(layer, keras.layers.BatchNormalization):
            shape = layer.get_weights()[0].shape
            layer.set_weights([take(f"params/{path}/BatchNorm_0/bias", shape),
                               take(f"batch_stats/{path}/BatchNorm_0/mean", shape),
                               take(f"batch_stats/{path}/BatchNorm_0/var", shape)])
    unused = sorted(set(variables) - used)
    if unused:
        raise InputError(f"I3D checkpoint variables with no layer: {unused[:5]}")
    return model
