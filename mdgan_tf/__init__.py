"""mdgan-tf: MD-GAN (Xiong et al., CVPR 2018) time-lapse generation in Keras 3 / TensorFlow.

    modeling/    the networks, losses and both training stages (pure Keras)
    inference/   MDGAN: photo -> time-lapse; images, video files, TF Serving export
    hub/         presets, model directories and URLs; shipped files; PyTorch weights
    training/    mdgan-train's trainer, callbacks and runtime
    evaluation/  scores against real clips
    data/        clip sources and the tf.data pipeline
    fileio/      atomic writes, shared by every part that writes files
    errors/      which errors are the user's to fix, told in one line
    demo/        mdgan-demo's web page (Gradio)
    study/       mdgan-study: a pairwise preference study, its votes and report
    cli/         the mdgan-* binaries
"""

from mdgan_tf.lazy import lazy_exports

__version__ = "0.1.0"

# The public names, imported on first use (see mdgan_tf.lazy), so that importing a part of
# the package, such as the binaries in cli/, does not load TensorFlow before that part has
# decided how TensorFlow starts up (quietly, see mdgan_tf.cli).
__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.inference": ("MDGAN",),
    "mdgan_tf.modeling": ("PRESETS", "BaseNet", "Discriminator", "Generator", "MDGANConfig",
                          "RefineNet", "base_generator", "feature_model", "refine_generator"),
})
