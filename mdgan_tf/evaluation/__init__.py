"""Scoring videos against real clips: the paper's MSE/PSNR/SSIM, motion, FVD and KVD, for the
model and for videos other methods made, and the per-frame curves."""

from mdgan_tf.evaluation.curves import plot_per_frame
from mdgan_tf.evaluation.evaluator import METHODS, EvaluationResult, evaluate
from mdgan_tf.evaluation.kvd import kernel_distance
from mdgan_tf.evaluation.video_folders import VideoFolder, parse_videos_flag

__all__ = ["EvaluationResult", "METHODS", "VideoFolder", "evaluate", "kernel_distance",
           "parse_videos_flag", "plot_per_frame"]
