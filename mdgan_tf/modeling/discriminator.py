"""The MD-GAN discriminator, and the sub-model that reads its inner activations.

D1 and D2 share one structure: the generator's encoder geometry ending in a single score.
D2's conv activations also feed the Gram matrices of the ranking loss; a subclassed model's
inner outputs cannot be read, so the discriminator is functional and a sub-model over the
same layers exposes them.
"""

import keras

from mdgan_tf.modeling.config import as_config
from mdgan_tf.modeling.layers import conv_unit, encoder_geometry


class Discriminator(keras.Model):
    """Video -> probability that it is real (N x 1).

    conv1 has LeakyReLU but no BatchNorm, the middle convs both, and the last conv collapses
    the video to one logit, named "logits", before the sigmoid "score".
    """

    def __init__(self, config, name="discriminator", **kwargs):
        config = as_config(config)
        filters = config.discriminator_filters + (1,)
        geometry = encoder_geometry(config.frames, config.resolution, len(filters),
                                    config.spatial_stem)
        inputs = keras.Input((config.frames, config.resolution, config.resolution, 3), name="video")
        x = inputs
        for k, (f, g) in enumerate(zip(filters, geometry), start=1):
            last = k == len(filters)
            x = conv_unit(x, f, g, f"conv{k}", config=config, norm=1 < k < len(filters),
                          activation=None if last else "lrelu")
        logits = keras.layers.Reshape((1,), name="logits")(x)
        score = keras.layers.Activation("sigmoid", name="score")(logits)
        super().__init__(inputs, score, name=name, **kwargs)
        self.config = config

    def get_config(self):
        return {"config": self.config.to_dict(), "name": self.name, "trainable": self.trainable}


def feature_model(discriminator, layers=()):
    """A model sharing `discriminator`'s weights that returns [logits, conv k activation, ...].

    Training reads logits rather than the sigmoid score so the BCE is computed stably.
    """
    outputs = [discriminator.get_layer("logits").output]
    outputs += [discriminator.get_layer(f"conv{k}_act").output for k in layers]
    return keras.Model(discriminator.input, outputs, name=f"{discriminator.name}_features")
