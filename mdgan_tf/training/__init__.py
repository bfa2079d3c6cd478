"""Training: how (TrainingConfig), the two stages as Keras models (BaseNet, RefineNet), and
a stage end to end (the trainer, its callbacks, and the runtime it runs on)."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.training.callbacks": ("NonFiniteLossError",),
    "mdgan_tf.training.config": ("TrainingConfig", "apply_overrides", "configs_from_file"),
    "mdgan_tf.training.stages": ("BaseNet", "RefineNet", "VideoGAN"),
    "mdgan_tf.training.options": ("STRATEGIES", "SetupError", "TrainingOptions"),
    "mdgan_tf.training.runtime": ("make_strategy", "set_mixed_precision"),
    "mdgan_tf.training.trainer": ("train", "weights_digest"),
})
