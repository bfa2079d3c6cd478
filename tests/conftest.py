"""Test set-up: two logical CPU devices, so MirroredStrategy can be tested without GPUs.

The split has to happen before TensorFlow initialises its devices, hence at import time.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tensorflow as tf  # noqa: E402

_cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    _cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()]
)


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def mirrored():
    """One MirroredStrategy over the two logical CPUs for the whole session.

    A second MirroredStrategy in one process restarts the collective instance keys, and its
    all-reduces can then be matched with the first one's (a shape-mismatch error), so tests
    share this one, as a training process does.
    """
    return tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
