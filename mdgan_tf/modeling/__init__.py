"""The networks and how they learn: config and presets, layers, G and D, losses, both stages.

Pure Keras: nothing here reads files, downloads or writes videos (see `inference`, `hub`).
"""

from mdgan_tf.modeling.config import MDGANConfig, as_config
from mdgan_tf.modeling.discriminator import Discriminator, feature_model
from mdgan_tf.modeling.generator import Generator, base_generator, refine_generator, still_video
from mdgan_tf.modeling.presets import PRESETS
from mdgan_tf.modeling.stages import BaseNet, RefineNet, VideoGAN

__all__ = [
    "BaseNet", "Discriminator", "Generator", "MDGANConfig", "PRESETS", "RefineNet", "VideoGAN",
    "as_config", "base_generator", "feature_model", "refine_generator", "still_video",
]
