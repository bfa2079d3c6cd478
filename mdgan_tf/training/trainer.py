"""Train one MD-GAN stage end to end: data, strategy, resumable checkpoints, logs, export.

`train(config, options)` is what `mdgan-train` runs: one `fit` over an endless stream of
clips, in epochs of `log_every` steps, with the callbacks of `training.callbacks`. Because
the clip order is a function of (seed, epoch) and a stream can start k clips in, a
restarted run reads exactly the batches an uninterrupted one would have, and a killed run
loses only the steps since its last checkpoint.

`model_dir` holds:
    config.json, model.weights.h5    the MDGANBackbone so far (written at the end, and when stage 2
                                     starts with none there): from_pretrained
    training.json                    the TrainingConfig of the latest run
    checkpoints/stage{1,2}/          tf.train checkpoints of the stage being trained; each
                                     opens as a model too (hub.training_checkpoints)
    logs/stage{1,2}/                 TensorBoard: losses, and input | generated | real strips
"""

import dataclasses
import hashlib
import math
import os
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
from absl import logging

from mdgan_tf.errors import MissingFileError
from mdgan_tf.fileio import write_text_atomic
from mdgan_tf.data import make_dataset, open_source, split_by_video, stops_as_data_errors
from mdgan_tf.hub.pretrained import CONFIG_FILE, WEIGHTS_FILE
from mdgan_tf.modeling.backbone import MDGANBackbone, read_config
from mdgan_tf.training import callbacks
from mdgan_tf.training.config import TrainingConfig
from mdgan_tf.training.options import SetupError
from mdgan_tf.training.stages import BaseNet, RefineNet
from mdgan_tf.training.runtime import is_chief, make_strategy, set_mixed_precision
from mdgan_tf.training.warm_start import warm_start

TRAINING_FILE = "training.json"   # how the model in model_dir was last trained


def weights_digest(model):
    """SHA-256 of all of `model`'s weights: equal digests mean bit-identical weights."""
    digest = hashlib.sha256()
    for weight in model.weights:
        digest.update(np.ascontiguousarray(keras.ops.convert_to_numpy(weight)).tobytes())
    return digest.hexdigest()


def _check_same_model(saved, config, where):
    """Refuse a model_dir that holds another architecture (its name aside); how it is
    trained may change on any resume."""
    mismatch = [f.name for f in dataclasses.fields(config)
                if f.name != "name" and getattr(saved, f.name) != getattr(config, f.name)]
    if mismatch:
        raise SetupError(f"{where} holds a different model (differs in {', '.join(mismatch)}); "
                         f"use another model_dir or the same config")


def _read_config(directory):
    return read_config(directory) if (Path(directory) / CONFIG_FILE).is_file() else None


def _build_stage(config, training, options, strategy):
    """The stage to train, and the backbone that holds its generator(s) for saving."""
    with strategy.scope():
        if options.stage == 1:
            stage = BaseNet(config, training)
            exported = MDGANBackbone(config, base=stage.generator)
        else:
            stage1_dir = options.stage1_dir or options.model_dir
            saved = _read_config(stage1_dir)
            if saved is None or not os.path.isfile(os.path.join(stage1_dir, WEIGHTS_FILE)):
                raise MissingFileError(
                    f"stage 2 needs the trained G1: {stage1_dir} has no {CONFIG_FILE} and "
                    f"{WEIGHTS_FILE}; train stage 1 there first or pass --stage1_dir")
            _check_same_model(saved, config, stage1_dir)
            stage1 = MDGANBackbone(config)
            stage1.load_weights(os.path.join(stage1_dir, WEIGHTS_FILE))
            stage = RefineNet(config, training, stage1_generator=stage1.base_generator)
            exported = MDGANBackbone(config, base=stage1.base_generator, refine=stage.generator)
        stage.compile(jit_compile=options.jit_compile)
    return stage, exported


@stops_as_data_errors()
def train(config, options, training=None, out=print):
    """Train stage `options.stage` of `config` as `training` says (the paper's settings by
    default); returns the final losses and step.

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
    train_source, validation = _split(config, options)
    total = _total_steps(options, len(train_source))
    training = training or TrainingConfig()
    stage, exported = _build_stage(config, training, options, strategy)
    label = f"stage {options.stage}"
    step = tf.Variable(0, dtype=tf.int64, trainable=False, name="step")
    checkpointing = _checkpointing(stage, step, options, total, strategy, chief)
    if checkpointing.restore():
        out(f"{label}: resuming from step {int(step.numpy())} ({checkpointing.latest})")
    elif options.init_from:
        trained = MDGANBackbone.from_preset(options.init_from)
        copied, grown, _ = warm_start(stage.generator, trained.base_generator
                                      if options.stage == 1 else trained.refine_generator)
        out(f"{label}: generator started from {options.init_from}: {len(copied)} layers "
            f"copied, grown: {', '.join(grown) or 'none'}")
    writer = _claim_model_dir(config, training, options, chief, saved, exported)
    strips = next(iter(make_dataset(validation, config.resolution, options.video_clips,
                                    shuffle=False, crop=options.crop)))

    done = int(step.numpy())
    out(f"{label}: {len(train_source)} training clips of {len(train_source.videos())} videos, "
        f"batch {options.batch_size}, {strategy.num_replicas_in_sync} replica(s), {policy}, "
        f"steps {done} -> {total}")
    window = callbacks.WindowLog(step, total, options.batch_size, label, writer, out)
    if done < total:
        knows_wind = config.wind_condition or bool(training.speed_weight)
        clips = make_dataset(train_source, config.resolution, options.batch_size, shuffle=True,
                             seed=options.seed, crop=options.crop, epochs=None,
                             skip=done * options.batch_size, drop_remainder=True,
                             with_index=knows_wind)
        if knows_wind:   # each clip with its wind: G1 is told its heading, charged its speed
            winds = tf.constant(train_source.winds())
            clips = clips.map(lambda index, batch: (batch, tf.gather(winds, index)))
        stage.fit(clips, shuffle=False, epochs=math.ceil((total - done) / options.log_every),
                  steps_per_epoch=options.log_every, verbose=0, callbacks=[
                      callbacks.StepCounter(step, total),
                      callbacks.StopOnNonFinite(step, label, checkpointing),
                      checkpointing,
                      window,
                      callbacks.SampleStrips(step, total, options.video_every, strips, writer),
                  ])
    if chief:
        exported.save_pretrained(options.model_dir)
    out(f"{label}: done at step {int(step.numpy())}; weights sha256 {weights_digest(exported)}")
    return {"step": int(step.numpy()), **window.logs}


def _total_steps(options, clips):
    """`options.steps`, or `options.epochs` passes over `clips` training clips."""
    steps_per_epoch = clips // options.batch_size
    if steps_per_epoch == 0:
        raise SetupError(f"the batch of {options.batch_size} clips is larger than the {clips} "
                         f"training clips")
    return options.steps if options.steps > 0 else options.epochs * steps_per_epoch


def _checkpointing(stage, step, options, total, strategy, chief):
    checkpoint = tf.train.Checkpoint(generator=stage.generator, discriminator=stage.discriminator,
                                     g_optimizer=stage.g_optimizer, d_optimizer=stage.d_optimizer,
                                     step=step)
    return callbacks.Checkpointing(
        checkpoint, step, os.path.join(options.model_dir, "checkpoints", f"stage{options.stage}"),
        every=options.checkpoint_every, total=total, keep=options.keep_checkpoints, chief=chief,
        worker_id=0 if chief else strategy.cluster_resolver.task_id)


def _claim_model_dir(config, training, options, chief, saved, exported):
    """The chief marks `model_dir` as this model's (config.json, rewritten with the weights
    at the end; training.json, how it is trained now) and gets its TensorBoard writer;
    other workers write no logs.

    Stage 2 writes the whole model there first if it holds no weights (G1 from
    --stage1_dir), so its checkpoints open as models before it ends
    (hub.training_checkpoints)."""
    if not chief:
        return tf.summary.create_noop_writer()
    os.makedirs(options.model_dir, exist_ok=True)
    if options.stage == 2 and not os.path.isfile(os.path.join(options.model_dir, WEIGHTS_FILE)):
        exported.save_pretrained(options.model_dir)
    elif saved is None:
        write_text_atomic(os.path.join(options.model_dir, CONFIG_FILE), config.to_json())
    write_text_atomic(os.path.join(options.model_dir, TRAINING_FILE), training.to_json())
    return tf.summary.create_file_writer(
        os.path.join(options.model_dir, "logs", f"stage{options.stage}"))


def _split(config, options):
    """(training clips, validation clips for the sample strips), split by video."""
    source = open_source(options.data, config.frames, config.resolution, stride=options.stride,
                         first_clip_only=options.first_clip_only)
    if len(source.videos()) >= 2 and options.validation_fraction > 0:
        splits = split_by_video(source, {"train": 1 - options.validation_fraction,
                                         "validation": options.validation_fraction},
                                seed=options.seed)
        return splits["train"], splits["validation"]
    logging.warning("one source video only: validation strips show training clips")
    return source, source
