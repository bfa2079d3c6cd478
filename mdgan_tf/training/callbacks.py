"""What happens around the training steps of a run, as Keras callbacks (keras-io's GANMonitor
style): counting global steps, stopping on a non-finite loss, checkpointing, logging losses
and speed, and sample strips for TensorBoard.

They share the run's `step` variable, which `StepCounter` advances after every batch and
the checkpoint stores, so that a restarted run continues the same count. Keep
`StepCounter` first and `StopOnNonFinite` before `Checkpointing`: a step is counted before
anything reads it, and a non-finite step is never saved.
"""

import os
import shutil
import time

import keras
import numpy as np
import tensorflow as tf
from absl import logging

from mdgan_tf.errors import InputError
from mdgan_tf.errors import UserError
from mdgan_tf.preprocessing.images import to_uint8
from mdgan_tf.training.runtime import average_moving_statistics


class NonFiniteLossError(UserError, FloatingPointError):
    """A loss became NaN or infinite: training stopped before checkpointing that state."""


class StepCounter(keras.callbacks.Callback):
    """Advances the global `step` after each batch and ends `fit` once it reaches `total`."""

    def __init__(self, step, total):
        super().__init__()
        self.step, self.total = step, total

    def on_train_batch_end(self, batch, logs=None):
        self.step.assign_add(1)
        if int(self.step.numpy()) >= self.total:
            self.model.stop_training = True


class StopOnNonFinite(keras.callbacks.Callback):
    """Raises `NonFiniteLossError` as soon as any logged value is NaN or infinite.

    Keras's `TerminateOnNaN` reads only `logs["loss"]`, which a GAN does not log; here
    every loss term counts. Raising (rather than `stop_training`) keeps the callbacks after
    this one, the checkpoint among them, from seeing that step.
    """

    def __init__(self, step, label, checkpointing):
        super().__init__()
        self.step, self.label, self.checkpointing = step, label, checkpointing

    def on_train_batch_end(self, batch, logs=None):
        logs = logs or {}
        if all(np.all(np.isfinite(value)) for value in logs.values()):
            return
        done = int(self.step.numpy())
        values = ", ".join(f"{k} {float(np.mean(v)):.4g}" for k, v in sorted(logs.items()))
        raise NonFiniteLossError(
            f"{self.label}: non-finite loss between steps {done - 1} and {done} ({values}); "
            f"stopped without saving. The last good checkpoint is "
            f"{self.checkpointing.latest or 'none (no step was saved)'}. Lower the learning "
            f"rate or check the data.")


class Checkpointing(keras.callbacks.Callback):
    """Saves networks, optimizers and `step` every `every` steps and at the last one.

    Every replica's BatchNorm moving statistics are averaged first, so all workers save
    the same model. Every worker must save (reading a variable may need collectives), but
    only the chief's copy, in `directory`, is kept; the others write into a scratch folder
    beside it and remove it again.
    """

    def __init__(self, checkpoint, step, directory, *, every, total, keep, chief, worker_id=0):
        super().__init__()
        self.step, self.every, self.total, self.chief = step, every, total, chief
        self.directory = directory
        self.own_directory = directory if chief else os.path.join(directory, f".worker_{worker_id}")
        self.checkpoint = checkpoint
        self.manager = tf.train.CheckpointManager(checkpoint, self.own_directory, keep)
        self.latest = tf.train.latest_checkpoint(directory)

    def restore(self):
        """Restore the newest kept checkpoint that reads back whole; returns its path, or
        None if there is none.

        A damaged newest checkpoint (a write cut short, a disk error) is skipped with a
        warning and the one before it used, losing `every` steps rather than the run.
        """
        state = tf.train.get_checkpoint_state(self.directory)
        kept = list(state.all_model_checkpoint_paths) if state else []
        failures = []
        for path in reversed(kept):
            try:
                self.checkpoint.restore(path).assert_existing_objects_matched()
            except Exception as error:  # noqa: BLE001 - damage shows as OpError, IndexError,
                # ValueError or AssertionError by where it is; each names itself below
                reason = getattr(error, "message", None) or f"{type(error).__name__}: {error}"
                reason = reason.strip().splitlines()[0]
                failures.append(f"{path}: {reason}")
                logging.warning("checkpoint %s cannot be read (%s); trying the one before it",
                                path, reason)
                continue
            self.latest = path
            return path
        if failures:
            raise InputError(f"no checkpoint in {self.directory} can be read: "
                             f"{'; '.join(failures)}. Delete the folder to start the stage again")
        return None

    def on_train_batch_end(self, batch, logs=None):
        done = int(self.step.numpy())
        if done % self.every and done != self.total:
            return
        average_moving_statistics(self.model, self.model.distribute_strategy)
        self.manager.save(checkpoint_number=done)
        if self.chief:
            self.latest = self.manager.latest_checkpoint
        else:
            shutil.rmtree(self.own_directory, ignore_errors=True)
            self.latest = os.path.join(self.directory, f"ckpt-{done}")


class WindowLog(keras.callbacks.Callback):
    """After each epoch (a window of `log_every` steps): the window's mean losses and clips
    per second as TensorBoard scalars and as one progress line through `out`."""

    def __init__(self, step, total, batch_size, label, writer, out):
        super().__init__()
        self.step, self.total, self.batch_size = step, total, batch_size
        self.label, self.writer, self.out = label, writer, out
        self.logs = {}

    def on_epoch_begin(self, epoch, logs=None):
        self.started, self.first = time.perf_counter(), int(self.step.numpy())

    def on_epoch_end(self, epoch, logs=None):
        done = int(self.step.numpy())
        steps, seconds = done - self.first, time.perf_counter() - self.started
        self.logs = {name: float(np.mean(value)) for name, value in (logs or {}).items()}
        rate = steps * self.batch_size / seconds
        with self.writer.as_default(step=done):
            for name, value in self.logs.items():
                tf.summary.scalar(f"loss/{name}", value)
            tf.summary.scalar("clips_per_second", rate)
        self.out(f"{self.label} step {done}/{self.total} | "
                 + " ".join(f"{k} {v:.4f}" for k, v in sorted(self.logs.items()))
                 + f" | {rate:.2f} clips/s | {(self.total - done) * seconds / steps:.0f} s left")


class SampleStrips(keras.callbacks.Callback):
    """Every `every` steps (0: only at the last), an input | generated | real image per
    validation clip for TensorBoard."""

    def __init__(self, step, total, every, clips, writer):
        super().__init__()
        self.step, self.total, self.every = step, total, every
        self.clips, self.writer = clips, writer

    def on_train_batch_end(self, batch, logs=None):
        done = int(self.step.numpy())
        if (self.every and done % self.every == 0) or done == self.total:
            with self.writer.as_default(step=done):
                tf.summary.image("input|generated|real", strip(self.model, self.clips),
                                 max_outputs=len(self.clips))


def strip(stage, clips):
    """Per clip, three rows (input | generated | real) of 8 frames: a uint8 image batch."""
    inputs = stage.generator_input(clips)
    generated = stage.generator(inputs, training=False)
    inputs = inputs[0] if isinstance(inputs, list) else inputs   # a G1 told the wind
    frames = np.linspace(0, clips.shape[1] - 1, min(8, clips.shape[1])).round().astype(int)
    rows = [tf.gather(video, frames, axis=1) for video in (inputs, generated, clips)]
    image = tf.stack(rows, axis=1)                                   # N x 3 x F x H x W x 3
    n, _, f, h, w, c = image.shape
    image = tf.reshape(tf.transpose(image, [0, 1, 3, 2, 4, 5]), [n, 3 * h, f * w, c])
    return to_uint8(image)
