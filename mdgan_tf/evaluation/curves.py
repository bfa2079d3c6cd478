"""Per-frame quality curves as a PNG: how each score changes over the predicted frames."""

import matplotlib

matplotlib.use("Agg")  # files only; no display is needed or wanted
import matplotlib.pyplot as plt  # noqa: E402

from mdgan_tf.fileio import atomic_path  # noqa: E402

LABELS = {"mse": "MSE", "psnr": "PSNR (dB)", "ssim": "SSIM", "motion": "motion |x[t+1]-x[t]|"}
METHOD_NAMES = {"stage1": "stage I", "stage2": "stage II", "copy_first_frame": "copy frame 0"}


def plot_per_frame(result, path, resolution=None):
    """One panel per score, one line per method, x = time step; real motion as a dashed line."""
    resolution = resolution or next(iter(result.per_frame))
    curves = result.per_frame[resolution]
    figure, axes = plt.subplots(1, len(LABELS), figsize=(4 * len(LABELS), 3.2))
    for axis, (metric, label) in zip(axes, LABELS.items()):
        for method, values in curves.items():
            # Scores are over frames t = 0..T-1; motion over frame pairs (t, t+1).
            axis.plot(range(len(values[metric])), values[metric],
                      label=METHOD_NAMES.get(method, method))
        if metric == "motion":
            axis.axhline(result.real_motion[resolution], color="black", linestyle="--",
                         label="real clips")
        axis.set_xlabel("time step")
        axis.set_title(label)
        axis.grid(alpha=0.3)
    axes[-1].legend(fontsize=8)
    figure.suptitle(f"{result.model}: {result.clips} clips at {resolution}x{resolution}")
    figure.tight_layout()
    with atomic_path(path) as temporary:
        figure.savefig(temporary, dpi=100)
    plt.close(figure)
    return path
