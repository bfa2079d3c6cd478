"""MD-GAN's losses, each returned per clip so that it averages correctly over replicas.

Every function here returns one value per clip (shape N). `replica_mean` turns that into
the share of the global-batch mean that one replica owns: Keras sums gradients across
replicas, so each replica must divide by the global batch, not by its own.
"""

import tensorflow as tf

from mdgan_tf.errors import InputError


def adversarial_loss(logits, real):
    """Binary cross-entropy of eq. 1 against the label real (True) or fake (False), per clip.

    Takes the discriminator's logits rather than its sigmoid score, for a stable log.
    """
    logits = tf.cast(logits, tf.float32)
    labels = tf.ones_like(logits) if real else tf.zeros_like(logits)
    return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels, logits), axis=-1)


def content_loss(real, generated):
    """L1 content loss of eq. 2, as the mean absolute error over each clip's values."""
    diff = tf.abs(tf.cast(real, tf.float32) - tf.cast(generated, tf.float32))
    return tf.reduce_mean(tf.reshape(diff, [tf.shape(diff)[0], -1]), axis=-1)


def motion_loss(real, generated):
    """L1 between the clips' frame-to-frame changes, per clip.

    A generator that cannot know where the clouds go next is pulled by frame L1 toward the
    mean future, and its frames then vary independently around it: flicker. Matching the
    real change x[t+1] - x[t] instead charges that flicker directly, and costs nothing in
    a still foreground whose real change is zero.
    """
    real, generated = (tf.cast(v, tf.float32) for v in (real, generated))
    return content_loss(real[:, 1:] - real[:, :-1], generated[:, 1:] - generated[:, :-1])


def change_profile_loss(real, generated, grid=8):
    """L1 between the clips' local amounts of change over lags 1, 2, 4, ..., per clip.

    From one photo the clouds' direction cannot be known, so any loss that compares the
    generated change with the real one pixel by pixel (`content_loss`, `motion_loss`) is
    least for a video that does not move. This compares how much each region changes
    instead, whatever the direction: the mean |x[t+lag] - x[t]| over each cell of a
    grid x grid split of the frame, for every power-of-two lag shorter than the clip. A
    still video is charged the real change; flicker, whose change does not grow with the
    lag as drifting clouds' does, is charged at the short lags; a still ground costs
    nothing.
    """
    real, generated = (tf.cast(v, tf.float32) for v in (real, generated))
    frames = real.shape[1]
    lags = [2 ** k for k in range(frames.bit_length()) if 2 ** k < frames]
    total = 0.0
    for lag in lags:
        total += content_loss(_cell_change(real, lag, grid), _cell_change(generated, lag, grid))
    return total / len(lags)


def _cell_change(video, lag, grid):
    """N x T x H x W x C -> N x grid x grid: mean |x[t+lag] - x[t]| over each cell."""
    change = tf.reduce_mean(tf.abs(video[:, lag:] - video[:, :-lag]), axis=4)
    return tf.reduce_mean(_cells(change, grid), axis=1)


def unexplained_change_loss(real, generated, lag=4, scale=2, max_shift=2, grid=8):
    """L1 between the clips' local change that no small shift explains, per clip.

    For each pair of frames `lag` apart and each cell of a grid x grid split of the frame,
    the least mean |x[t+lag] - x[t] shifted by s| over shifts s of up to `max_shift`
    pixels in x and y, on frames shrunk `scale` times: small where clouds drift, large
    where they fade or are repainted in place. A video can meet `change_profile_loss` by
    fading; this term, with it, asks that the change be motion, as much of it as in the
    real clip (real clouds also change shape). Over one frame a sky drifts less than a
    pixel, which no whole-pixel shift explains; over 4 frames at half size, up to 4
    pixels are covered. On the 16 real clips at 128x128 this leaves 0.66 of the change
    unexplained, and 0.94 of the authors' stage I's (examples/unexplained_change.py).
    """
    real, generated = (tf.cast(v, tf.float32) for v in (real, generated))
    return content_loss(unexplained_change(real, lag, scale, max_shift, grid),
                        unexplained_change(generated, lag, scale, max_shift, grid))


def unexplained_change(video, lag, scale, max_shift, grid):
    """N x T x H x W x C -> N x (T-lag) x grid x grid: per pair of frames `lag` apart and
    per cell, the mean change left by the best shift (see `unexplained_change_loss`)."""
    if scale > 1:
        video = tf.nn.avg_pool3d(video, [1, 1, scale, scale, 1], [1, 1, scale, scale, 1], "VALID")
    before, after = video[:, :-lag], video[:, lag:]
    shifts = range(-max_shift, max_shift + 1)
    residuals = [_cells(tf.reduce_mean(tf.abs(after - tf.roll(before, [dy, dx], [2, 3])),
                                       axis=-1), grid)
                 for dy in shifts for dx in shifts]
    return tf.reduce_min(tf.stack(residuals), axis=0)


def _cells(values, grid):
    """N x T x H x W -> N x T x grid x grid: the mean over each cell."""
    shape = tf.shape(values)
    cells = tf.reshape(values, [shape[0], shape[1], grid, shape[2] // grid, grid,
                                shape[3] // grid])
    return tf.reduce_mean(cells, axis=[3, 5])


def gram_matrix(features):
    """Eq. 4 for each clip on its own: N x T x H x W x C features -> N x M x M, M = C*T.

    Features are reshaped to N x (C*T) x (H*W), channel-major as in the paper's C x T order,
    and each clip's product with itself is divided by M*S. The paper's sum over the batch is
    taken outside, in the per-clip average of the ranking loss (Algorithm 1).
    """
    features = tf.cast(features, tf.float32)
    shape = tf.shape(features)
    n, t, h, w, c = shape[0], shape[1], shape[2], shape[3], shape[4]
    rows = tf.reshape(tf.transpose(features, [0, 4, 1, 2, 3]), [n, c * t, h * w])
    scale = tf.cast(c * t * h * w, tf.float32)
    return tf.matmul(rows, rows, transpose_b=True) / scale


RANKING_FORMS = ("normalized", "literal")   # see ranking_loss


def check_ranking_form(form):
    if form not in RANKING_FORMS:
        raise InputError(f"ranking loss form must be one of {RANKING_FORMS}, got {form!r}")


def ranking_loss(input_features, output_features, real_features, form="normalized"):
    """The adversarial ranking loss of eqs. 5-6, per clip, summed over feature layers.

    Each argument is a list of D2 activations, one per layer, for Y1 (the Refine-Net's
    input), Y2 (its output) and Y (the real clip). With a = |g(Y2)-g(Y)|_1 and
    b = |g(Y2)-g(Y1)|_1, eq. 5 is -log(e^-a / (e^-a + e^-b)) = log(1 + e^(a-b)), which
    softplus computes without overflow for any gap a-b.

    `form="normalized"` (the default) divides each Gram matrix by its own L1 norm first, so
    a and b lie in [0, 2] and each layer's loss in [softplus(-2), softplus(2)]. D2
    maximises this loss (Algorithm 1), and in the literal form it can raise it at no cost:
    its conv1 has no BatchNorm and conv2's BatchNorm undoes any scale, so scaling conv1's
    kernel by s scales that layer's Gram matrices by s^2 (conv3's free BatchNorm gamma does
    the same for layer 3). Normalised Gram matrices keep the paper's comparison of
    feature correlations but cannot be inflated. `form="literal"` is eqs. 4-6 as written,
    and is unbounded (what it did in training: docs/paper_notes.md).
    """
    check_ranking_form(form)
    total = 0.0
    for y1, y2, y in zip(input_features, output_features, real_features, strict=True):
        g1, g2, g = (gram_matrix(features) for features in (y1, y2, y))
        if form == "normalized":
            g1, g2, g = (_unit_l1(matrix) for matrix in (g1, g2, g))
        to_real = tf.reduce_sum(tf.abs(g2 - g), axis=[1, 2])
        to_input = tf.reduce_sum(tf.abs(g2 - g1), axis=[1, 2])
        total += tf.nn.softplus(to_real - to_input)
    return total


def _unit_l1(matrices):
    """Each N x M x M matrix divided by the sum of its absolute entries."""
    norms = tf.reduce_sum(tf.abs(matrices), axis=[1, 2], keepdims=True)
    return matrices / tf.maximum(norms, 1e-12)


def speed_loss(velocities, speeds, sky, floor=0.05):
    """|log| of the ratio of a moving G1's drift speed over each clip's sky to the clip's
    known one, per clip (0 where the speed is unknown, NaN).

    `velocities` are where each frame samples the photo, N x T x H x W x 2 in pixels per
    frame (`modeling.warp`); the drift is their mean over frames 1.. and the sky (`sky`,
    N x H x W weights: `changing`), as the photo animation takes it
    (`animation.motion.sky_drift`); `speeds` (N) are the clips' over their sky in pixels
    per frame (`ClipSource.winds`). The losses that compare frames pixel by pixel meet a
    speed they cannot foresee from one photo by slowing down (a warping G1 trained with
    them all but stopped: docs/training.md); a loss on the speed's logarithm is least at
    the speeds' typical (geometric mean) value, never at a standstill. Charged over the
    top quarter of the frame only, G1 moved that part and let the rest of the sky
    cancel it. `floor` (pixels a frame) keeps the logarithm finite.
    """
    velocities = tf.cast(velocities, tf.float32)
    sky = tf.cast(sky, tf.float32)[:, None, :, :, None]
    total = tf.maximum(tf.reduce_sum(sky, axis=[2, 3]), 1e-6)                 # N x 1 x 1
    drift = tf.reduce_mean(tf.reduce_sum(velocities[:, 1:] * sky, axis=[2, 3]) / total, axis=1)
    speed = tf.sqrt(tf.reduce_sum(tf.square(drift), axis=-1) + 1e-12)   # a gradient at 0 too
    speeds = tf.cast(speeds, tf.float32)
    known = tf.math.is_finite(speeds)
    ratio = tf.math.log((speed + floor) / (tf.where(known, speeds, 0.0) + floor))
    return tf.where(known, tf.abs(ratio), 0.0)


def changing(clips, least=0.02):
    """Where each clip changes at all over its frames: N x H x W, 1 or 0 (values in
    [-1, 1]). The synthetic skies' ground never changes and their sky always does (its
    light changes), so this is their sky."""
    clips = tf.cast(clips, tf.float32)
    change = tf.reduce_max(tf.abs(clips - clips[:, :1]), axis=[1, 4])
    return tf.cast(change > least, tf.float32)


def replica_mean(per_clip):
    """This replica's share of the mean of `per_clip` over the whole global batch.

    Summed over replicas it is the global-batch mean, also when the last batch is split
    unevenly, because the global size is counted rather than assumed. (Not
    `tf.nn.compute_average_loss`: it divides by the local batch times the number of
    replicas, which assumes every replica got the same number of clips.)
    """
    per_clip = tf.cast(per_clip, tf.float32)
    count = tf.cast(tf.shape(per_clip)[0], tf.float32)
    context = tf.distribute.get_replica_context()
    if context is not None and context.num_replicas_in_sync > 1:
        count = context.all_reduce(tf.distribute.ReduceOp.SUM, count)
    return tf.reduce_sum(per_clip) / count
