"""The per-frame scores of an evaluation, each over N x T x H x W x C videos in [0, 1].

MSE and PSNR as usual (PSNR capped at 100 dB, so that a frame equal to its target, as a
still clip's, cannot make a mean infinite); SSIM as scikit-image's default (a 7x7 uniform
window, not `tf.image.ssim`'s Gaussian, so numbers compare with scikit-image's); and
motion, the mean absolute change between consecutive frames.
"""

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
    """N x T x H x W x C in [0, 1] -> N x T, as scikit-image's default SSIM (data range 1).

    scikit-image filters with a 7x7 mean and then drops the 3-pixel border, which leaves
    exactly the windows that lie inside the image: a VALID 7x7 box mean. (Not
    `tf.image.ssim`: its 11x11 Gaussian window gives other numbers than the papers' tools.)
    """
    shape = tf.shape(videos)
    x = tf.reshape(tf.cast(videos, tf.float64), tf.concat([[-1], shape[2:]], 0))
    y = tf.reshape(tf.cast(real, tf.float64), tf.concat([[-1], shape[2:]], 0))

    def mean(z):  # a VALID 7x7 box mean from running sums (float64 pooling is slow on CPUs)
        w = SSIM_WINDOW
        rows = tf.pad(tf.cumsum(z, axis=1), [[0, 0], [1, 0], [0, 0], [0, 0]])
        z = rows[:, w:] - rows[:, :-w]
        cols = tf.pad(tf.cumsum(z, axis=2), [[0, 0], [0, 0], [1, 0], [0, 0]])
        return (cols[:, :, w:] - cols[:, :, :-w]) / w ** 2

    ux, uy, uxx, uyy, uxy = tf.split(mean(tf.concat([x, y, x * x, y * y, x * y], -1)), 5, -1)
    cov_norm = SSIM_WINDOW ** 2 / (SSIM_WINDOW ** 2 - 1)
    vx = cov_norm * (uxx - ux * ux)
    vy = cov_norm * (uyy - uy * uy)
    vxy = cov_norm * (uxy - ux * uy)
    c1, c2 = SSIM_K1 ** 2, SSIM_K2 ** 2
    s = ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2))
    return tf.reshape(tf.reduce_mean(s, axis=[1, 2, 3]), shape[:2])


def frame_motion(videos):
    """N x T x H x W x C in [0, 1] -> N x (T-1): mean |x[t+1] - x[t]|."""
    videos = tf.cast(videos, tf.float64)
    return tf.reduce_mean(tf.abs(videos[:, 1:] - videos[:, :-1]), axis=[2, 3, 4])
