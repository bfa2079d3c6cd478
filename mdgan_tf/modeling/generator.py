"""The MD-GAN generator: a 3D-conv U-Net whose skips are additive identity mappings.

G1 (Base-Net) keeps every skip; G2 (Refine-Net) is the same network with the two outermost
skips removed, because the paper found skips help content but hinder motion. Both come from
this one class; only `skips` differs, and what each one's last deconv makes: its head
(`modeling.heads`, `MDGANConfig.base_head` and `refine_head`).
"""

import keras
import tensorflow as tf

from mdgan_tf.modeling.config import as_config
from mdgan_tf.modeling.head_layers import head_layer
from mdgan_tf.modeling.heads import MOVING_HEADS, head_from_dict
from mdgan_tf.modeling.layers import conv_unit, deconv_unit, encoder_geometry
from mdgan_tf.modeling.wind import CHANNELS as WIND_CHANNELS, WindCode


class Generator(keras.Model):
    """Video-to-video U-Net. Input and output are N x T x H x W x 3 in [-1, 1].

    Encoder conv k (1-based) is followed by BatchNorm and LeakyReLU except the first and the
    bottleneck; decoder deconvs are followed by BatchNorm and ReLU, then, for k in `skips`,
    the output of encoder conv k is added. The last deconv ends in tanh, with as many
    channels as the head takes, and the head makes the video from it and the input.

    Args:
        config: an `MDGANConfig`, or its dict form.
        skips: the encoder convs whose outputs are added in the decoder.
        head: a head of `modeling.heads`, or its dict form.
        conditioned: a second input, N x 3, tells the network the wind (`modeling.wind`),
            as a code added to its bottleneck and a bias added to its head.
        name: the network's name.
    """

    def __init__(self, config, skips, head, conditioned=False, name="generator", **kwargs):
        config = as_config(config)
        skips = tuple(skips)
        head = head_from_dict(head)
        filters = config.generator_filters
        n = len(filters)
        geometry = encoder_geometry(config.frames, config.resolution, n, config.spatial_stem)

        video = keras.Input((config.frames, config.resolution, config.resolution, 3), name="video")
        inputs, x = video, video
        if conditioned:
            wind = keras.Input((WIND_CHANNELS,), name="wind")
            inputs = [video, wind]
        encoded = []
        for k in range(1, n + 1):
            outer = k in (1, n)
            x = conv_unit(x, filters[k - 1], geometry[k - 1], f"conv{k}", config=config,
                          norm=not outer, activation=None if outer else "lrelu")
            if conditioned and k == n:   # the wind's code joins the bottleneck
                x = keras.layers.Add(name="wind_added")(
                    [x, WindCode(filters[-1], name="wind_code")(wind)])
            encoded.append(x)
        for j in range(1, n + 1):
            mirror = n - j  # the encoder conv whose output shape deconv j restores; 0: the input
            if mirror == 0:
                x = deconv_unit(x, head.channels, geometry[0], f"deconv{j}", config=config,
                                norm=False, activation=None if conditioned else "tanh",
                                zero_init=head.zero_init)
                if conditioned:   # the wind's bias joins the head, before its tanh
                    x = keras.layers.Add(name="wind_biased")(
                        [x, WindCode(head.channels, name="wind_bias")(wind)])
                    x = keras.layers.Activation("tanh", name=f"deconv{j}_act")(x)
                break
            x = deconv_unit(x, filters[mirror - 1], geometry[mirror], f"deconv{j}",
                            config=config, norm=True, activation="relu")
            if mirror in skips:
                x = keras.layers.Add(name=f"skip{mirror}")([x, encoded[mirror - 1]])
        x = head_layer(head, config.resolution)(
            [video, x, wind] if conditioned and head.type in MOVING_HEADS else [video, x])
        super().__init__(inputs, x, name=name, **kwargs)
        self.config = config
        self.skips = skips
        self.head = head
        self.conditioned = bool(conditioned)

    def get_config(self):
        return {"config": self.config.to_dict(), "skips": list(self.skips),
                "head": self.head.to_dict(), "conditioned": self.conditioned,
                "name": self.name, "trainable": self.trainable}


def base_generator(config):
    """G1 of the Base-Net, told the wind where the config says so."""
    return Generator(config, config.base_skips, config.base_head,
                     conditioned=config.wind_condition, name="base_generator")


def refine_generator(config):
    """G2 of the Refine-Net."""
    return Generator(config, config.refine_skips, config.refine_head, name="refine_generator")


def with_motion(generator):
    """A G1 that moves the photo (its "warp" layer), with that layer's raw tanh output as a
    second output: what its velocities and change are read from (`warp.WarpPhoto`)."""
    warp = generator.get_layer("warp")
    return keras.Model(generator.inputs, [generator.outputs[0], warp.input[1]])


def still_video(images, frames):
    """The generator input for one frame per clip: N x H x W x 3 -> N x T x H x W x 3."""
    return tf.repeat(tf.expand_dims(images, 1), frames, axis=1)


def first_frames(videos):
    """The photo each clip starts from: N x T x H x W x 3 -> N x H x W x 3."""
    return videos[:, 0]
