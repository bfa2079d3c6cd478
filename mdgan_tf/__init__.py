"""mdgan-tf: MD-GAN (Xiong et al., CVPR 2018) time-lapse generation in Keras 3 / TensorFlow.

    hub/           presets (data), model folders and URLs; shipped files; PyTorch weights
    modeling/      MDGANBackbone (G1, G2): the networks, their heads and losses
    preprocessing/ ImagePreprocessor: reading and preparing photos, the sky mask, limits
    generation/    VideoGenerator, the paper's task: the model's own video; the export
    animation/     PhotoAnimator, the photo at its own size moved along the model's motion
    inference/     MDGAN (a backbone with both tasks), time-lapses, video files
    training/      TrainingConfig, both stages, mdgan-train's trainer, callbacks, runtime
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
    "mdgan_tf.animation": ("PhotoAnimator",),
    "mdgan_tf.generation": ("VideoGenerator",),
    "mdgan_tf.hub.presets": ("PRESETS",),
    "mdgan_tf.inference": ("MDGAN",),
    "mdgan_tf.modeling": ("MDGANBackbone", "Discriminator", "Generator", "MDGANConfig",
                          "base_generator", "feature_model", "refine_generator"),
    "mdgan_tf.preprocessing": ("ImagePreprocessor",),
    "mdgan_tf.training": ("BaseNet", "RefineNet", "TrainingConfig"),
})
