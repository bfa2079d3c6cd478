"""Scoring videos against real clips: the paper's MSE/PSNR/SSIM, motion, FVD and KVD, for the
model and for videos other methods made, and the per-frame curves."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.evaluation.curves": ("plot_per_frame",),
    "mdgan_tf.evaluation.evaluator": ("METHODS", "EvaluationResult", "evaluate"),
    "mdgan_tf.evaluation.kvd": ("kernel_distance",),
    "mdgan_tf.evaluation.video_folders": ("VideoFolder", "parse_videos_flag"),
})
