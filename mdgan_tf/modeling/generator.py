"""The MD-GAN generator: a 3D-conv U-Net whose skips are additive identity mappings.

G1 (Base-Net) keeps every skip; G2 (Refine-Net) is the same network with the two outermost
skips removed, because the paper found skips help content but hinder motion. Both come from
this one class; only `skips` differs, and, where the config asks for it, G2's output being a
correction added to its input (`MDGANConfig.refine_residual`) or its input's frames moved
again (`MDGANConfig.refine_output`), and G1's being the photo moved along displacements it
predicts (`MDGANConfig.base_output`).
"""

import keras
import tensorflow as tf

from mdgan_tf.modeling.config import as_config
from mdgan_tf.modeling.layers import conv_unit, deconv_unit, encoder_geometry
from mdgan_tf.modeling.warp import MoveFrames, WarpPhoto, first_frame_zeroed


class Generator(keras.Model):
    """Video-to-video U-Net. Input and output are N x T x H x W x 3 in [-1, 1].

    Encoder conv k (1-based) is followed by BatchNorm and LeakyReLU except the first and the
    bottleneck; decoder deconvs are followed by BatchNorm and ReLU, then, for k in `skips`,
    the output of encoder conv k is added. The last deconv ends in tanh.

    `residual=True` adds that tanh output to the input video (clipped to [-1, 1]), and its
    last deconv starts at zero, so the network starts as the identity: a Refine-Net that
    begins exactly at stage I's video and learns corrections to it. Frame 0 gets none: it
    is the photo as stage I redrew it, and the Refine-Net's job is the motion that follows
    (corrected, it drifted 1.4 dB further from the example photo than stage I's).

    `warp=True` makes the last deconv two channels: each frame's velocity, smooth over a
    quarter of the frame, along which the input's frame 0 is moved (`modeling.warp`). It
    too starts at zero, so the network starts as a still copy of the photo; frame 0 is the
    photo.

    `rewarp=True` makes it two channels too: a displacement per frame of up to an eighth
    of the frame, smooth over a 16 x 16 grid, along which each frame of the input is moved
    again
    (`modeling.warp.MoveFrames`); it starts at zero, so a Refine-Net begins exactly at stage
    I's video, and frame 0 is kept.
    """

    def __init__(self, config, skips, residual=False, warp=False, rewarp=False,
                 name="generator", **kwargs):
        config = as_config(config)
        skips = tuple(skips)
        filters = config.generator_filters
        n = len(filters)
        geometry = encoder_geometry(config.frames, config.resolution, n, config.spatial_stem)

        inputs = keras.Input((config.frames, config.resolution, config.resolution, 3), name="video")
        x = inputs
        encoded = []
        for k in range(1, n + 1):
            outer = k in (1, n)
            x = conv_unit(x, filters[k - 1], geometry[k - 1], f"conv{k}", config=config,
                          norm=not outer, activation=None if outer else "lrelu")
            encoded.append(x)
        for j in range(1, n + 1):
            mirror = n - j  # the encoder conv whose output shape deconv j restores; 0: the input
            if mirror == 0:
                x = deconv_unit(x, 2 if warp or rewarp else 3, geometry[0], f"deconv{j}",
                                config=config, norm=False, activation="tanh",
                                zero_init=residual or warp or rewarp)
                break
            x = deconv_unit(x, filters[mirror - 1], geometry[mirror], f"deconv{j}",
                            config=config, norm=True, activation="relu")
            if mirror in skips:
                x = keras.layers.Add(name=f"skip{mirror}")([x, encoded[mirror - 1]])
        if warp:
            # Up to 2 pixels a frame at 128x128 (real skies: 0.7 at the median, 1.6 at p90).
            x = WarpPhoto(max_pixels=config.resolution / 64, cell=max(1, config.resolution // 4),
                          name="warp")([inputs, x])
        if rewarp:
            # Up to 16 pixels at 128x128, on a 16 x 16 grid: finer than G1's 4 x 4, so that
            # it can set right what G1's coarse field moves with the sky (trees, roofs).
            x = MoveFrames(max_pixels=config.resolution / 8, cell=max(1, config.resolution // 16),
                           name="move_frames")([inputs, x])
        if residual:
            x = keras.layers.Activation(first_frame_zeroed, name="keep_first_frame")(x)
            x = keras.layers.Add(name="correction")([inputs, x])
            x = keras.layers.Activation(_unit_clip, name="clip")(x)
        super().__init__(inputs, x, name=name, **kwargs)
        self.config = config
        self.skips = skips
        self.residual = residual
        self.warp = warp
        self.rewarp = rewarp

    def get_config(self):
        return {"config": self.config.to_dict(), "skips": list(self.skips),
                "residual": self.residual, "warp": self.warp, "rewarp": self.rewarp,
                "name": self.name, "trainable": self.trainable}


def _unit_clip(x):
    return keras.ops.clip(x, -1.0, 1.0)


def base_generator(config):
    """G1 of the Base-Net."""
    return Generator(config, config.base_skips, warp=config.base_output == "warp",
                     name="base_generator")


def refine_generator(config):
    """G2 of the Refine-Net."""
    return Generator(config, config.refine_skips, residual=config.refine_residual,
                     rewarp=config.refine_output == "warp",
                     name="refine_generator")


def still_video(images, frames):
    """The generator input for one frame per clip: N x H x W x 3 -> N x T x H x W x 3."""
    return tf.repeat(tf.expand_dims(images, 1), frames, axis=1)


def first_frames(videos):
    """The photo each clip starts from: N x T x H x W x 3 -> N x H x W x 3."""
    return videos[:, 0]
