"""Scoring a model against real clips: the paper's MSE/PSNR/SSIM, motion, and the curves."""

from mdgan_tf.evaluation.curves import plot_per_frame
from mdgan_tf.evaluation.evaluator import METHODS, EvaluationResult, evaluate

__all__ = ["EvaluationResult", "METHODS", "evaluate", "plot_per_frame"]
