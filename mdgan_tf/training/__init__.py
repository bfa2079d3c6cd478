"""Training a stage end to end: the trainer, its callbacks, and the runtime it runs on."""

from mdgan_tf.training.callbacks import NonFiniteLossError
from mdgan_tf.training.runtime import STRATEGIES, make_strategy, set_mixed_precision
from mdgan_tf.training.trainer import SetupError, TrainingOptions, train, weights_digest

__all__ = [
    "NonFiniteLossError", "STRATEGIES", "SetupError", "TrainingOptions", "make_strategy",
    "set_mixed_precision", "train", "weights_digest",
]
