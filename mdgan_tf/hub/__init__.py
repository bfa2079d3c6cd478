"""Where weights come from: the preset registry (as data), model folders and URLs (with a
checked download cache), the files shipped inside the package, mdgan-train's checkpoints,
and the authors' PyTorch checkpoints. It knows files, not networks: `modeling` loads
through it."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.hub.presets": ("PRESETS",),
    "mdgan_tf.hub.pretrained": ("CONFIG_FILE", "WEIGHTS_FILE", "ChecksumError",
        "PretrainedModelError", "resolve_model"),
    "mdgan_tf.hub.shipped": ("example_photo", "shipped_path"),
})
