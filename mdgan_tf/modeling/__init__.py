"""The networks and how they learn: config and presets, layers, G and D, losses, both stages.

Pure Keras: nothing here reads files, downloads or writes videos (see `inference`, `hub`).
"""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.modeling.backbone": ("MDGANBackbone",),
    "mdgan_tf.modeling.config": ("MDGANConfig", "as_config"),
    "mdgan_tf.modeling.discriminator": ("Discriminator", "feature_model"),
    "mdgan_tf.modeling.generator": ("Generator", "base_generator", "refine_generator",
        "still_video"),
})
