"""The per-frame scores of an evaluation, each over N x T x H x W x C videos in [0, 1].

MSE and PSNR as usual (PSNR capped at 100 dB, so that a frame equal to its target, as a
still clip's, cannot make a mean infinite); SSIM as scikit-image's default (a 7x7 uniform
window, not `tf.image.ssim`'s Gaussian, so numbers compare with scikit-image's); and
motion, the mean absolute change between consecutive frames.
"""

import cv2
import numpy as np
import tensorflow as tf

PSNR_CAP = 100.0   # dB: the PSNR of an MSE of 1e-10, far below one 8-bit step (1.5e-5)
SSIM_WINDOW = 7
SSIM_K1, SSIM_K2 = 0.01, 0.03


def frame_mse(videos, real):
    """N x T x H x W x C in [0, 1] -> N x T."""
    return tf.reduce_mean(tf.square(tf.cast(videos, tf.float64) - tf.cast(real, tf.float64)),
                          axis=[2, 3, 4])


def psnr_from_mse(mse):
    """10 log10(1 / MSE) in dB, at most `PSNR_CAP`."""
    mse = tf.maximum(mse, tf.constant(10.0 ** (-PSNR_CAP / 10), mse.dtype))
    return 10.0 * tf.math.log(1.0 / mse) / tf.math.log(tf.constant(10.0, mse.dtype))


def frame_ssim(videos, real):
    """N x T x H x W x C in [0, 1] -> N x T float64, as scikit-image's default SSIM (data
    range 1).

    scikit-image filters with a 7x7 mean and then drops the 3-pixel border, which leaves
    exactly the windows that lie inside the image: a VALID 7x7 box mean, here OpenCV's box
    filter cropped, frame by frame in float64 (a 128-frame 256x256 clip in about a second,
    where TensorFlow's float64 running sums took ten). (Not `tf.image.ssim`: its 11x11
    Gaussian window gives other numbers than the papers' tools.)
    """
    videos, real = np.asarray(videos, np.float64), np.asarray(real, np.float64)
    frames = videos.reshape(-1, *videos.shape[2:])
    targets = real.reshape(-1, *real.shape[2:])
    return np.array([_ssim(x, y) for x, y in zip(frames, targets)]).reshape(videos.shape[:2])


def _ssim(x, y):
    """One H x W x C frame pair, float64 -> its SSIM, averaged over windows and channels."""
    w, border = SSIM_WINDOW, SSIM_WINDOW // 2

    def mean(z):
        return cv2.boxFilter(z, cv2.CV_64F, (w, w))[border:-border, border:-border]

    ux, uy, uxx, uyy, uxy = (mean(z) for z in (x, y, x * x, y * y, x * y))
    cov_norm = w ** 2 / (w ** 2 - 1)
    vx = cov_norm * (uxx - ux * ux)
    vy = cov_norm * (uyy - uy * uy)
    vxy = cov_norm * (uxy - ux * uy)
    c1, c2 = SSIM_K1 ** 2, SSIM_K2 ** 2
    s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
    return float(s.mean())


def frame_motion(videos):
    """N x T x H x W x C in [0, 1] -> N x (T-1): mean |x[t+1] - x[t]|."""
    videos = tf.cast(videos, tf.float64)
    return tf.reduce_mean(tf.abs(videos[:, 1:] - videos[:, :-1]), axis=[2, 3, 4])
