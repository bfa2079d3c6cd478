"""mdgan-tf: MD-GAN (Xiong et al., CVPR 2018) time-lapse generation in Keras 3 / TensorFlow."""

from mdgan_tf.base_net import BaseNet
from mdgan_tf.config import PRESETS, MDGANConfig
from mdgan_tf.discriminator import Discriminator, feature_model
from mdgan_tf.generator import Generator, base_generator, refine_generator
from mdgan_tf.mdgan import MDGAN
from mdgan_tf.refine_net import RefineNet

__version__ = "0.1.0"

__all__ = [
    "BaseNet", "Discriminator", "Generator", "MDGAN", "MDGANConfig", "PRESETS", "RefineNet",
    "base_generator", "feature_model", "refine_generator",
]
