"""Where weights come from: preset names, directories and URLs (with a checked download
cache), the files shipped inside the package, and the authors' PyTorch checkpoints."""

from mdgan_tf.hub.pretrained import (
    CONFIG_FILE, WEIGHTS_FILE, ChecksumError, PretrainedModelError, resolve_model,
)
from mdgan_tf.hub.shipped import example_photo, shipped_path

__all__ = [
    "CONFIG_FILE", "ChecksumError", "PretrainedModelError", "WEIGHTS_FILE", "example_photo",
    "resolve_model", "shipped_path",
]
