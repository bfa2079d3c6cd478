"""The networks: MDGANBackbone (G1 and G2, loaded and saved through `hub`), the
architecture config and the generators' heads, layers, G and D, the losses.

Keras: nothing here reads photos or writes videos (see `preprocessing`, the tasks); how the
networks are trained is `training`'s.
"""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.modeling.backbone": ("MDGANBackbone",),
    "mdgan_tf.modeling.config": ("MDGANConfig", "as_config"),
    "mdgan_tf.modeling.discriminator": ("Discriminator", "feature_model"),
    "mdgan_tf.modeling.generator": ("Generator", "base_generator", "refine_generator",
                                    "still_video"),
    "mdgan_tf.modeling.heads": ("MoveFramesHead", "PaintHead", "ResidualHead", "WarpHead"),
})
