"""MD-GAN's two training stages as Keras models: a generator trained against a discriminator.

Stage I (BaseNet) and stage II (RefineNet) run the same alternating step (Algorithm 1):
update D on real vs. generated clips, then update G against the updated D with an L1
content term. They differ only in what the generator is fed and in whether the ranking loss
on D's Gram features is on, so both are `VideoGAN` with a different `generator_input` and
`gram_layers`. How they are weighted and optimised is the `TrainingConfig`'s.
"""

import keras
import tensorflow as tf

from mdgan_tf.modeling import losses
from mdgan_tf.modeling.discriminator import Discriminator, feature_model
from mdgan_tf.modeling.generator import (base_generator, first_frames, refine_generator,
                                         still_video, with_motion)
from mdgan_tf.modeling.wind import generator_inputs, wind_vectors
from mdgan_tf.training.config import TrainingConfig


class VideoGAN(keras.Model):
    """A generator/discriminator pair trained with `fit` on batches of real clips.

    Data are real clips, N x T x H x W x 3 in [-1, 1], or `(clips, winds)`: each clip's
    wind, N x 2 (`ClipSource.winds`: heading in degrees, speed over its sky in widths per
    frame; NaN: unknown). A G1 told the wind
    (`MDGANConfig.wind_condition`) is given the heading, dropped at random in training
    (`TrainingConfig.wind_dropout`); a G1 that moves the photo is charged the speed
    (`TrainingConfig.speed_weight`). `call(clips)` returns what the generator makes from
    them.

    Args:
        config: the `MDGANConfig` (architecture).
        generator, discriminator: the networks to train.
        gram_layers: D's conv layers whose Gram matrices the ranking loss compares (none:
            no ranking loss).
        training: a `TrainingConfig` (the paper's settings when omitted): the loss weights,
            the optimizers `compile` makes, and the networks' BatchNorm statistics.
    """

    def __init__(self, config, generator, discriminator, gram_layers=(), training=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.config = config
        self.training = training = training or TrainingConfig()
        losses.check_ranking_form(training.ranking_loss)
        self.generator = generator
        self.discriminator = discriminator
        for network in (generator, discriminator):
            gather_statistics(network, training)
        # D's logits and Gram-layer activations, over D's own weights.
        self.discriminator_features = feature_model(discriminator, gram_layers)
        self.ranked = bool(gram_layers)
        # The speed term reads the velocities a G1 that moves the photo drew its clip along.
        self.charges_speed = bool(training.speed_weight) and _is_moving(generator)
        if self.charges_speed:
            self.drawn = with_motion(generator)
        # The motion-shape terms cost a share of a step (25 shifted copies of each clip for
        # the unexplained change): computed and logged only where they are weighted.
        self.shape_terms = {name: (weight, loss) for name, weight, loss in (
            ("change_profile", training.change_profile_weight, losses.change_profile_loss),
            ("unexplained_change", training.unexplained_change_weight,
             losses.unexplained_change_loss)) if weight}
        names = (["d_loss", "g_loss", "adversarial", "content", "motion", *self.shape_terms]
                 + ["speed"] * self.charges_speed + ["ranking"] * self.ranked)
        self.trackers = {name: keras.metrics.Mean(name=name) for name in names}

    def generator_input(self, clips, winds=None, training=False):
        raise NotImplementedError

    def call(self, clips, training=False):
        return self.generator(self.generator_input(clips), training=training)

    def g1_input(self, clips, winds, training):
        """What G1 takes for `clips`: the still video of their first frames, and for a G1
        told the wind, their headings' inputs (dropped at random in training)."""
        still = still_video(first_frames(clips), self.config.frames)
        if not self.config.wind_condition:
            return still
        headings = (tf.fill(tf.shape(clips)[:1], float("nan")) if winds is None
                    else winds[:, 0])
        dropout = self.training.wind_dropout if training else 0.0
        return generator_inputs(self.config, still, wind_vectors(
            headings, dropout, within=self.training.untold_within))

    def compile(self, g_optimizer=None, d_optimizer=None, jit_compile=False, **kwargs):
        """Paper defaults: Adam(2e-4, beta_1=0.5) for both. XLA is off by default because
        its CPU 3D convolutions are ~100x slower than TensorFlow's own (see docs/performance.md)."""
        super().compile(jit_compile=jit_compile, **kwargs)
        # Optimizer slots must exist before `fit` runs under a distribution strategy.
        with self.distribute_strategy.scope():
            self.g_optimizer = _loss_scaled(g_optimizer or self._adam())
            self.d_optimizer = _loss_scaled(d_optimizer or self._adam())
            self.g_optimizer.build(self.generator.trainable_variables)
            self.d_optimizer.build(self.discriminator.trainable_variables)

    def _adam(self):
        c = self.training
        return keras.optimizers.Adam(c.learning_rate, beta_1=c.beta_1, beta_2=c.beta_2)

    @property
    def metrics(self):
        return list(self.trackers.values())

    def train_step(self, data):
        clips, winds = _clips(data)
        source = self.generator_input(clips, winds, training=True)
        # G's forward pass is recorded once and reused after D's update: the G tape is
        # paused, not closed, while D steps.
        g_tape = tf.GradientTape()
        with g_tape:
            fake, velocities = self._generate(source, True)
        with tf.GradientTape() as d_tape:
            d_loss = self._discriminator_loss(source, tf.stop_gradient(fake), clips, True)
            d_mean = losses.replica_mean(d_loss)
        _apply(self.d_optimizer, d_tape, d_mean, self.discriminator.trainable_variables)
        with g_tape:
            parts = self._generator_losses(source, fake, clips, True)
            self._charge_speed(parts, velocities, winds, clips)
            g_loss = losses.replica_mean(parts["g_loss"])
        _apply(self.g_optimizer, g_tape, g_loss, self.generator.trainable_variables)
        return self._track(d_loss, parts)

    def test_step(self, data):
        clips, winds = _clips(data)
        source = self.generator_input(clips, winds)
        fake, velocities = self._generate(source, False)
        d_loss = self._discriminator_loss(source, fake, clips, False)
        parts = self._generator_losses(source, fake, clips, False)
        self._charge_speed(parts, velocities, winds, clips)
        return self._track(d_loss, parts)

    def _generate(self, source, training):
        """The generator's clips, and for the speed term the velocities G1 drew them along
        (None where it is not charged)."""
        if not self.charges_speed:
            return self.generator(source, training=training), None
        fake, raw = self.drawn(source, training=training)
        wind = source[1:] if isinstance(source, (list, tuple)) else []
        return fake, self.generator.get_layer("warp").velocities(raw, *wind)

    def _charge_speed(self, parts, velocities, winds, clips):
        """Add the speed term to `parts` (and its weight to g_loss) where it is charged:
        over the part of each clip that changes, its sky."""
        if not self.charges_speed:
            return
        if winds is None:
            winds = tf.fill([tf.shape(velocities)[0], 2], float("nan"))
        parts["speed"] = losses.speed_loss(velocities, winds[:, 1] * self.config.resolution,
                                           losses.changing(clips))
        parts["g_loss"] += self.training.speed_weight * parts["speed"]

    def _discriminator_loss(self, source, fake, clips, training):
        """Per clip: -[log D(Y) + log(1 - D(G(x)))] - lambda * L_rank (D maximises L_rank)."""
        real_logits, real_features = self._critique(clips, training)
        fake_logits, fake_features = self._critique(fake, training)
        loss = losses.adversarial_loss(real_logits, True) + losses.adversarial_loss(fake_logits, False)
        if self.ranked:
            source_features = self._critique(source, training)[1]
            rank = losses.ranking_loss(source_features, fake_features, real_features,
                                       self.training.ranking_loss)
            loss -= self.training.ranking_weight * rank
        return loss

    def _critique(self, video, training):
        """D's logits and, for the ranking loss, its Gram-layer activations."""
        outputs = self.discriminator_features(video, training=training)
        return (outputs[0], outputs[1:]) if self.ranked else (outputs, [])

    def _generator_losses(self, source, fake, clips, training):
        """Per clip: the non-saturating adversarial loss -log D(G(x)), L1 on frames and on
        their changes, the weighted motion-shape terms, and L_rank. The motion term is
        tracked even at weight 0, to watch."""
        c = self.training
        fake_logits, fake_features = self._critique(fake, training)
        parts = {
            "adversarial": losses.adversarial_loss(fake_logits, True),
            "content": losses.content_loss(clips, fake),
            "motion": losses.motion_loss(clips, fake),
        }
        total = (c.adversarial_weight * parts["adversarial"] + c.content_weight * parts["content"]
                 + c.motion_weight * parts["motion"])
        for name, (weight, loss) in self.shape_terms.items():
            parts[name] = loss(clips, fake)
            total += weight * parts[name]
        if self.ranked:
            real_features = self._critique(clips, training)[1]
            source_features = self._critique(source, training)[1]
            parts["ranking"] = losses.ranking_loss(source_features, fake_features, real_features,
                                                   c.ranking_loss)
            total += c.ranking_weight * parts["ranking"]
        parts["g_loss"] = total
        return parts

    def _track(self, d_loss, parts):
        # Trackers see per-clip values, so their means are global-batch means on any
        # number of replicas.
        for name, values in {"d_loss": d_loss, **parts}.items():
            self.trackers[name].update_state(values)
        results = {name: tracker.result() for name, tracker in self.trackers.items()}
        if isinstance(self.distribute_strategy, tf.distribute.MultiWorkerMirroredStrategy):
            # Keras 3 reduces logs across workers with reduce(MEAN, axis=0), which fails on
            # scalars (tensorflow/tensorflow#72388): give each replica's value an axis.
            results = {name: tf.reshape(value, [1]) for name, value in results.items()}
        return results


class BaseNet(VideoGAN):
    """Stage I: G1 turns a still video of the first frame into a clip, against D1, with
    adversarial + L1 content loss (eq. 3)."""

    def __init__(self, config, training=None, **kwargs):
        super().__init__(config, base_generator(config),
                         Discriminator(config, name="base_discriminator"),
                         training=training, **kwargs)

    def generator_input(self, clips, winds=None, training=False):
        return self.g1_input(clips, winds, training)


class RefineNet(VideoGAN):
    """Stage II: G2 refines G1's clip against D2, with adversarial + lambda * ranking + L1
    loss (eq. 7); G1 frozen.

    `stage1_generator` is the trained G1 (a fresh one if omitted, to load weights into). It is
    made non-trainable and always run in inference mode, so its BatchNorm statistics and
    weights are exactly those stage I produced.
    """

    def __init__(self, config, training=None, stage1_generator=None, **kwargs):
        super().__init__(config, refine_generator(config),
                         Discriminator(config, name="refine_discriminator"),
                         gram_layers=config.gram_layers, training=training, **kwargs)
        self.stage1_generator = stage1_generator or base_generator(config)
        self.stage1_generator.trainable = False

    def generator_input(self, clips, winds=None, training=False):
        return self.stage1_generator(self.g1_input(clips, winds, training), training=False)


def gather_statistics(network, training):
    """Set how `network`'s BatchNorm layers gather their moving statistics in training:
    `training.batchnorm_momentum`, and across replicas when `training.sync_batchnorm`.
    Neither changes a trained network's output."""
    for layer in network.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            layer.momentum = training.batchnorm_momentum
            layer.synchronized = training.sync_batchnorm


def _is_moving(generator):
    """Whether `generator` is a G1 that moves the photo (its "warp" layer)."""
    return any(layer.name == "warp" for layer in generator.layers)


def _clips(data):
    """(clips, winds or None) of a batch."""
    if isinstance(data, (tuple, list)):
        return data[0], (data[1] if len(data) > 1 else None)
    return data, None


def _loss_scaled(optimizer):
    """float16 gradients underflow without loss scaling; bfloat16 and float32 need none."""
    if (keras.config.dtype_policy().name == "mixed_float16"
            and not isinstance(optimizer, keras.optimizers.LossScaleOptimizer)):
        return keras.optimizers.LossScaleOptimizer(optimizer)
    return optimizer


def _apply(optimizer, tape, loss, variables):
    if isinstance(optimizer, keras.optimizers.LossScaleOptimizer):
        with tape:  # recorded, so the gradient is of the scaled loss; apply_gradients unscales
            loss = optimizer.scale_loss(loss)
    optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
