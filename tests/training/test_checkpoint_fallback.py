"""Resuming from a damaged newest checkpoint falls back to the one before it."""

import logging

import pytest
import tensorflow as tf

from mdgan_tf.training.callbacks import Checkpointing


def saved_run(directory, values):
    """A checkpointed variable saved once per value (checkpoint numbers 1, 2, ...)."""
    value = tf.Variable(0.0)
    step = tf.Variable(0, dtype=tf.int64)
    checkpoint = tf.train.Checkpoint(value=value, step=step)
    manager = tf.train.CheckpointManager(checkpoint, directory, max_to_keep=5)
    for number, v in enumerate(values, 1):
        value.assign(v)
        step.assign(number)
        manager.save(checkpoint_number=number)
    return manager.checkpoints


def fresh(directory):
    value, step = tf.Variable(-1.0), tf.Variable(0, dtype=tf.int64)
    checkpointing = Checkpointing(tf.train.Checkpoint(value=value, step=step), step,
                                  str(directory), every=1, total=10, keep=5, chief=True)
    return checkpointing, value, step


def damage(prefix):
    data = tf.io.gfile.glob(prefix + ".data-*")[0]
    with open(data, "r+b") as f:
        f.truncate(2)


def test_a_damaged_newest_checkpoint_falls_back_with_a_warning(tmp_path, caplog):
    paths = saved_run(tmp_path, [1.0, 2.0, 3.0])
    damage(paths[-1])
    checkpointing, value, step = fresh(tmp_path)
    with caplog.at_level(logging.WARNING):
        assert checkpointing.restore() == paths[1]
    assert float(value.numpy()) == 2.0 and int(step.numpy()) == 2
    assert checkpointing.latest == paths[1]
    assert "ckpt-3" in caplog.text and "trying the one before it" in caplog.text


def test_every_checkpoint_damaged_is_one_error_naming_the_folder(tmp_path):
    for path in saved_run(tmp_path, [1.0, 2.0]):
        damage(path)
    checkpointing, _, _ = fresh(tmp_path)
    with pytest.raises(ValueError, match="no checkpoint in .* can be read.*Delete the folder"):
        checkpointing.restore()


def test_no_checkpoint_is_a_fresh_start(tmp_path):
    checkpointing, value, _ = fresh(tmp_path)
    assert checkpointing.restore() is None and float(value.numpy()) == -1.0
