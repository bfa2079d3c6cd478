"""Train one MD-GAN stage end to end: data, strategy, resumable checkpoints, logs, export.

`train(config, options)` is what `mdgan-train` runs. A run is a sequence of short `fit`
calls of `log_every` steps each. Between them the step counter, both networks and both
optimizers are checkpointed; because the clip order is a function of (seed, epoch) and a
stream can start k clips in, a restarted run reads exactly the batches an uninterrupted
one would have, and a killed run loses only the steps since its last checkpoint.

`model_dir` holds:
    config.json, model.weights.h5    the MDGAN so far (written at the end): from_pretrained
    checkpoints/stage{1,2}/          tf.train checkpoints of the stage being trained
    logs/stage{1,2}/                 TensorBoard: losses, and input | generated | real strips
"""

import dataclasses
import hashlib
import json
import math
import os
import shutil
import time
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
from absl import logging

from mdgan_tf.base_net import BaseNet
from mdgan_tf.config import MDGANConfig
from mdgan_tf.data import make_dataset, open_source, split_by_video
from mdgan_tf.mdgan import CONFIG_FILE, MDGAN, WEIGHTS_FILE
from mdgan_tf.refine_net import RefineNet

STRATEGIES = ("default", "mirrored", "multi_worker")
# Fields that only steer training: a run may resume with them changed.
TRAINING_FIELDS = ("adversarial_weight", "content_weight", "ranking_weight", "learning_rate",
                   "beta_1", "beta_2")


class NonFiniteLossError(RuntimeError):
    """A loss became NaN or infinite: training stopped before checkpointing that state."""


class SetupError(ValueError):
    """A run that cannot start as asked: say what to change."""


@dataclasses.dataclass(frozen=True)
class TrainingOptions:
    """How to run a stage. The model itself (and the optimizer) is the `MDGANConfig`.

    The paper gives neither batch size nor length of training; the released test script
    batches 48 clips. Here the batch is 16 and training runs 20 epochs unless `steps` is set.
    """

    stage: int = 1
    data: str = "synthetic"
    model_dir: str = "mdgan_model"
    stage1_dir: str | None = None      # stage 2: where the trained G1 is (default: model_dir)
    batch_size: int = 16               # global, over all replicas
    epochs: int = 20
    steps: int = 0                     # total steps; overrides `epochs` when positive
    strategy: str = "default"
    mixed_precision: bool = False
    jit_compile: bool = False
    seed: int = 0
    checkpoint_every: int = 500
    log_every: int = 50
    video_every: int = 500
    video_clips: int = 3
    keep_checkpoints: int = 3
    validation_fraction: float = 0.05
    crop: bool = False
    stride: int = 1
    first_clip_only: bool = False

    def __post_init__(self):
        if self.stage not in (1, 2):
            raise SetupError(f"stage must be 1 or 2, got {self.stage}")
        if self.strategy not in STRATEGIES:
            raise SetupError(f"strategy must be one of {', '.join(STRATEGIES)}, got {self.strategy!r}")
        for name in ("batch_size", "log_every", "checkpoint_every"):
            if getattr(self, name) < 1:
                raise SetupError(f"{name} must be positive, got {getattr(self, name)}")
        if self.steps <= 0 and self.epochs <= 0:
            raise SetupError("give a positive number of steps or epochs")


def make_strategy(name):
    """`default` (one device), `mirrored` (all local GPUs, or CPUs), `multi_worker` (TF_CONFIG)."""
    if name == "mirrored":
        if tf.config.list_logical_devices("GPU"):
            return tf.distribute.MirroredStrategy()
        # No GPU: one replica per logical CPU device (`--logical_cpus`), as tests do.
        return tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
    if name == "multi_worker":
        return tf.distribute.MultiWorkerMirroredStrategy()
    return tf.distribute.get_strategy()


def set_mixed_precision(enabled):
    """float16 compute on GPUs, bfloat16 on CPUs (AVX-512 BF16 / AMX); variables stay float32."""
    if not enabled:
        keras.mixed_precision.set_global_policy("float32")
        return "float32"
    policy = "mixed_float16" if tf.config.list_physical_devices("GPU") else "mixed_bfloat16"
    keras.mixed_precision.set_global_policy(policy)
    return policy


def is_chief(strategy):
    """Whether this process writes checkpoints, logs and the model (one per cluster)."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not resolver.task_type:
        return True
    has_chief = "chief" in resolver.cluster_spec().as_dict()
    return resolver.task_type == "chief" or (not has_chief and resolver.task_type == "worker"
                                             and resolver.task_id == 0)


def weights_digest(model):
    """SHA-256 of all of `model`'s weights: equal digests mean bit-identical weights."""
    digest = hashlib.sha256()
    for weight in model.weights:
        digest.update(np.ascontiguousarray(keras.ops.convert_to_numpy(weight)).tobytes())
    return digest.hexdigest()


def _check_same_model(saved, config, where):
    mismatch = [f.name for f in dataclasses.fields(MDGANConfig)
                if f.name not in TRAINING_FIELDS + ("name",)
                and getattr(saved, f.name) != getattr(config, f.name)]
    if mismatch:
        raise SetupError(f"{where} holds a different model (differs in {', '.join(mismatch)}); "
                         f"use another model_dir or the same config")


def _read_config(directory):
    path = Path(directory) / CONFIG_FILE
    return MDGANConfig.from_json(path.read_text()) if path.is_file() else None


def _build_stage(config, options, strategy):
    """The stage to train, and the MDGAN that holds its generator(s) for export."""
    with strategy.scope():
        if options.stage == 1:
            stage = BaseNet(config)
            exported = MDGAN(config, base=stage.generator)
        else:
            stage1_dir = options.stage1_dir or options.model_dir
            saved = _read_config(stage1_dir)
            if saved is None or not os.path.isfile(os.path.join(stage1_dir, WEIGHTS_FILE)):
                raise FileNotFoundError(
                    f"stage 2 needs the trained G1: {stage1_dir} has no {CONFIG_FILE} and "
                    f"{WEIGHTS_FILE}; train stage 1 there first or pass --stage1_dir")
            _check_same_model(saved, config, stage1_dir)
            stage1 = MDGAN(config)
            stage1.load_weights(os.path.join(stage1_dir, WEIGHTS_FILE))
            stage = RefineNet(config, stage1_generator=stage1.base_generator)
            exported = MDGAN(config, base=stage1.base_generator, refine=stage.generator)
        stage.compile(jit_compile=options.jit_compile)
    return stage, exported


def _checkpoint_dir(options, strategy, chief):
    directory = os.path.join(options.model_dir, "checkpoints", f"stage{options.stage}")
    if chief:
        return directory
    # Every worker must save (variables may need collectives to read); only the chief's
    # copy is kept.
    return os.path.join(directory, f".worker_{strategy.cluster_resolver.task_id}")


def _strip(model, clips, stage):
    """Per clip, three rows (input | generated | real) of 8 frames: a uint8 image batch."""
    inputs = model.generator_input(clips)
    generated = model.generator(inputs, training=False)
    frames = np.linspace(0, clips.shape[1] - 1, min(8, clips.shape[1])).round().astype(int)
    rows = [tf.gather(video, frames, axis=1) for video in (inputs, generated, clips)]
    strip = tf.stack(rows, axis=1)                                   # N x 3 x F x H x W x 3
    n, _, f, h, w, c = strip.shape
    image = tf.reshape(tf.transpose(strip, [0, 1, 3, 2, 4, 5]), [n, 3 * h, f * w, c])
    return tf.cast(tf.round((tf.clip_by_value(image, -1, 1) + 1) * 127.5), tf.uint8)


def average_moving_statistics(stage, strategy):
    """Make every replica's BatchNorm moving statistics their mean over all replicas.

    Without `sync_batchnorm`, each replica updates its own copy from its own clips, and
    across workers these copies drift apart; averaging them before a checkpoint or export
    makes every worker save the same model, with statistics of all the data.
    """
    if strategy.num_replicas_in_sync == 1:
        return
    variables = [v for net in (stage.generator, stage.discriminator)
                 for v in net.non_trainable_variables]

    def replica_means():
        context = tf.distribute.get_replica_context()
        return context.all_reduce(tf.distribute.ReduceOp.MEAN,
                                  [tf.identity(v.value) for v in variables])

    @tf.function
    def average():
        means = strategy.run(replica_means)
        for variable, mean in zip(variables, means):
            # In cross-replica context an assign writes every local copy.
            variable.assign(strategy.experimental_local_results(mean)[0])

    average()


class _StopOnNonFinite(keras.callbacks.Callback):
    def on_train_batch_end(self, batch, logs=None):
        if logs and not all(np.all(np.isfinite(v)) for v in logs.values()):
            self.model.stop_training = True


def train(config, options, out=print):
    """Train stage `options.stage` of `config`; returns the final losses and step.

    Resumes from the newest checkpoint in `model_dir` if there is one. Raises
    `NonFiniteLossError` (after keeping the last good checkpoint as it is) when a loss is
    NaN or infinite.
    """
    strategy = make_strategy(options.strategy)
    policy = set_mixed_precision(options.mixed_precision)
    keras.utils.set_random_seed(options.seed)
    chief = is_chief(strategy)
    saved = _read_config(options.model_dir)
    if saved is not None:
        _check_same_model(saved, config, options.model_dir)

    source = open_source(options.data, config.frames, config.resolution, stride=options.stride,
                         first_clip_only=options.first_clip_only)
    if len(source.videos()) >= 2 and options.validation_fraction > 0:
        splits = split_by_video(source, {"train": 1 - options.validation_fraction,
                                         "validation": options.validation_fraction},
                                seed=options.seed)
        train_source, validation = splits["train"], splits["validation"]
    else:
        logging.warning("one source video only: validation strips show training clips")
        train_source = validation = source
    batch = options.batch_size
    steps_per_epoch = len(train_source) // batch
    if steps_per_epoch == 0:
        raise SetupError(f"the batch of {batch} clips is larger than the {len(train_source)} "
                         f"training clips")
    total = options.steps if options.steps > 0 else options.epochs * steps_per_epoch

    stage, exported = _build_stage(config, options, strategy)
    step = tf.Variable(0, dtype=tf.int64, trainable=False, name="step")
    checkpoint = tf.train.Checkpoint(generator=stage.generator, discriminator=stage.discriminator,
                                     g_optimizer=stage.g_optimizer, d_optimizer=stage.d_optimizer,
                                     step=step)
    checkpoint_dir = _checkpoint_dir(options, strategy, chief)
    manager = tf.train.CheckpointManager(checkpoint, checkpoint_dir, options.keep_checkpoints)
    primary = _checkpoint_dir(options, strategy, True)
    latest = tf.train.latest_checkpoint(primary)
    if latest:
        checkpoint.restore(latest).assert_existing_objects_matched()
        out(f"stage {options.stage}: resuming from step {int(step.numpy())} ({latest})")
    if chief:
        os.makedirs(options.model_dir, exist_ok=True)
        if saved is None:   # marks the model_dir as this model's; rewritten with the weights
            with open(os.path.join(options.model_dir, CONFIG_FILE), "w") as f:
                f.write(config.to_json())
        writer = tf.summary.create_file_writer(
            os.path.join(options.model_dir, "logs", f"stage{options.stage}"))
    else:
        writer = tf.summary.create_noop_writer()
    strips = next(iter(make_dataset(validation, config.resolution, options.video_clips,
                                    shuffle=False, crop=options.crop)))

    out(f"stage {options.stage}: {len(train_source)} training clips of {len(train_source.videos())} "
        f"videos, batch {batch}, {strategy.num_replicas_in_sync} replica(s), {policy}, "
        f"steps {int(step.numpy())} -> {total}")
    logs = {}
    while int(step.numpy()) < total:
        done = int(step.numpy())
        chunk = min(options.log_every - done % options.log_every, total - done,
                    options.checkpoint_every - done % options.checkpoint_every)
        clips = make_dataset(train_source, config.resolution, batch, shuffle=True,
                             seed=options.seed, crop=options.crop, epochs=None,
                             skip=done * batch, drop_remainder=True)
        started = time.perf_counter()
        history = stage.fit(clips, epochs=1, steps_per_epoch=chunk, verbose=0, shuffle=False,
                            callbacks=[_StopOnNonFinite()])
        seconds = time.perf_counter() - started
        logs = {name: float(np.mean(values[-1])) for name, values in history.history.items()}
        if not all(math.isfinite(v) for v in logs.values()):
            last = manager.latest_checkpoint if chief else latest
            raise NonFiniteLossError(
                f"stage {options.stage}: non-finite loss between steps {done} and "
                f"{done + chunk} ({', '.join(f'{k} {v:.4g}' for k, v in sorted(logs.items()))}); "
                f"stopped without saving. The last good checkpoint is "
                f"{last or 'none (no step was saved)'}. Lower the learning rate or check the data.")
        step.assign(done + chunk)
        done += chunk
        with writer.as_default(step=done):
            for name, value in logs.items():
                tf.summary.scalar(f"loss/{name}", value)
            tf.summary.scalar("clips_per_second", chunk * batch / seconds)
            if options.video_every and done % options.video_every == 0 or done == total:
                tf.summary.image("input|generated|real", _strip(stage, strips, options.stage),
                                 max_outputs=options.video_clips)
        remaining = (total - done) * seconds / chunk
        out(f"stage {options.stage} step {done}/{total} | "
            + " ".join(f"{k} {v:.4f}" for k, v in sorted(logs.items()))
            + f" | {chunk * batch / seconds:.2f} clips/s | {remaining:.0f} s left")
        if done % options.checkpoint_every == 0 or done == total:
            average_moving_statistics(stage, strategy)
            manager.save(checkpoint_number=done)
            if not chief:
                shutil.rmtree(checkpoint_dir, ignore_errors=True)
    if chief:
        exported.save_pretrained(options.model_dir)
    out(f"stage {options.stage}: done at step {int(step.numpy())}; "
        f"weights sha256 {weights_digest(exported)}")
    return {"step": int(step.numpy()), **logs}


def load_config(preset=None, config_json=None):
    """The model config from a preset name or a JSON file (the JSON wins when both are given)."""
    try:
        if config_json:
            with open(config_json) as f:
                return MDGANConfig.from_dict(json.load(f))
        return MDGANConfig.from_preset(preset or "mdgan_sky_128")
    except (OSError, ValueError) as error:   # unreadable, not JSON, unknown field or preset
        raise SetupError(f"{config_json or preset}: {error}") from error
