"""The wind G1 may be told: which way the sky should move, as a second input.

From one photo the wind's direction cannot be known; a G1 trained on skies blowing every
way, told their heading, moves a photo's sky the way it is asked. A heading is in degrees
in the image, as the synthetic skies have it (0: left to right, 90: downwards). Its input
is N x 3: (cos, sin, 1), or zeros where none is given: trained with the heading
sometimes dropped (`TrainingConfig.wind_dropout`), G1 then chooses one itself. A told
G1's velocities are turned to the heading (`modeling.warp.steered`); the wind also enters
G1 at its bottleneck, as Animating Landscape's motion code and DTVNet's motion vector
enter theirs, and as a bias on its head (`WindCode`), for what else it changes.
"""

import keras
import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError

CHANNELS = 3


def wind_vector(heading):
    """A heading in degrees (None: not given) -> its input row, float32 of 3."""
    if heading is None:
        return np.zeros(CHANNELS, np.float32)
    if isinstance(heading, bool) or not isinstance(heading, (int, float, np.number)) \
            or not np.isfinite(heading):
        raise InputError(f"the wind's heading must be a number of degrees (0: left to "
                         f"right, 90: downwards), got {heading!r}")
    angle = np.radians(float(heading))
    return np.array([np.cos(angle), np.sin(angle), 1.0], np.float32)


def wind_vectors(headings, dropout=0.0, seed=None, within=180.0):
    """Headings in degrees, N float (NaN: unknown) -> N x 3 inputs, each within `within`
    degrees of 0 dropped to zeros with probability `dropout` (a tensor op, for training)."""
    headings = tf.cast(headings, tf.float32)
    angle = headings * (np.pi / 180)
    known = tf.math.is_finite(headings)
    if dropout:
        off = tf.abs(tf.math.floormod(headings + 180, 360) - 180)
        dropped = tf.random.uniform(tf.shape(headings), seed=seed) < dropout
        known &= ~(dropped & (off <= within))
    rows = tf.stack([tf.cos(angle), tf.sin(angle), tf.ones_like(angle)], axis=-1)
    return tf.where(known[:, None], rows, tf.zeros_like(rows))


class WindCode(keras.layers.Layer):
    """The wind (N x 3) as a code of `units` (N x 1 x 1 x 1 x units) added to a layer of
    the generator, the same at every pixel of every frame. G1 gets two: at its bottleneck,
    where one vector sets the whole video, and as a bias on its head, before the tanh.
    The direction of a told G1's drift is set exactly by `modeling.warp.steered`; these
    let the rest of its motion and change depend on the wind. (Fed in as three more input
    channels, the wind's weights stayed at 1/50 of the photo's after 200 steps:
    docs/training.md.) A linear map started at zero (a G1 grown from one that was never
    told starts as it: `training.warm_start`), its output scaled by GAIN: Adam moves a
    weight by about the learning rate a step whatever its gradient, and a code must reach
    its layer's scale (about 1) in hundreds of steps, not thousands."""

    GAIN = 20.0

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer="zeros", name="kernel")

    def call(self, wind):
        code = keras.ops.matmul(keras.ops.cast(wind, self.kernel.dtype), self.kernel)
        return keras.ops.reshape(code * self.GAIN, (-1, 1, 1, 1, self.units))

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 1, 1, 1, self.units)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


def check_told(config, wind):
    """Refuse a wind for a G1 that cannot be told one."""
    if wind is not None and not config.wind_condition:
        raise InputError(f"model {config.name!r} cannot be told the wind (its config has no "
                         f"wind_condition): leave --wind out, or use a model that has it "
                         f"(the shipped mdgan_sky_wind_128)")


def generator_inputs(config, still, wind=None):
    """What G1 takes: the still video, and for a `wind_condition` config its wind (N x 3;
    None: zeros, G1 chooses)."""
    check_told(config, wind)
    if not config.wind_condition:
        return still
    if wind is None:
        wind = tf.zeros([tf.shape(still)[0], CHANNELS], tf.float32)
    return [still, tf.cast(wind, tf.float32)]
