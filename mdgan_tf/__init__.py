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

import importlib

__version__ = "0.1.0"

# Where each public name lives. They are imported on first use (PEP 562), so that importing
# a part of the package, such as the binaries in cli/, does not load TensorFlow before
# that part has decided how TensorFlow starts up (quietly, see mdgan_tf.cli).
_EXPORTS = {"MDGAN": "mdgan_tf.inference"} | {
    name: "mdgan_tf.modeling" for name in (
        "PRESETS", "BaseNet", "Discriminator", "Generator", "MDGANConfig", "RefineNet",
        "base_generator", "feature_model", "refine_generator")
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'mdgan_tf' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
