"""mdgan-tf: MD-GAN (Xiong et al., CVPR 2018) time-lapse generation in Keras 3 / TensorFlow.

    modeling/    the networks, losses and both training stages (pure Keras)
    inference/   MDGAN: photo -> time-lapse; images, video files, TF Serving export
    hub/         presets, model directories and URLs; shipped files; PyTorch weights
    training/    mdgan-train's trainer, callbacks and runtime
    evaluation/  scores against real clips
    data/        clip sources and the tf.data pipeline
    cli/         the mdgan-* binaries
"""

from mdgan_tf.inference import MDGAN
from mdgan_tf.modeling import (
    PRESETS, BaseNet, Discriminator, Generator, MDGANConfig, RefineNet, base_generator,
    feature_model, refine_generator,
)

__version__ = "0.1.0"

__all__ = [
    "BaseNet", "Discriminator", "Generator", "MDGAN", "MDGANConfig", "PRESETS", "RefineNet",
    "base_generator", "feature_model", "refine_generator",
]
