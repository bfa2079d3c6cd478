"""G1 as a motion predictor: the clip is the photo moved, frame by frame, along velocities
the network predicts, instead of a video it paints pixel by pixel.

A pixel-painting G1 trained on skies whose drift it cannot foresee from one frame meets its
losses by fading the photo in place; a moved photo cannot fade, flicker or blur, so what
the losses can still ask of it is motion (docs/training.md, "The 128x128 model").
"""

import keras
import tensorflow as tf

from mdgan_tf.modeling.heads import DETAIL_GRID


class _SmoothField(keras.layers.Layer):
    """What G1's and G2's moving layers share: a generator's tanh output, N x T x H x W x 2,
    read as a field of up to `max_pixels` pixels (x to the right, y downwards), averaged over
    `cell` x `cell` pixels and interpolated back, and zero at frame 0, which stays put."""

    def __init__(self, max_pixels, cell, **kwargs):
        super().__init__(**kwargs)
        self.max_pixels = max_pixels
        self.cell = cell

    def field(self, raw):
        return smooth_from_frame_1(raw, self.max_pixels, self.cell)

    def get_config(self):
        return {**super().get_config(), "max_pixels": self.max_pixels, "cell": self.cell}

    def compute_output_shape(self, input_shapes):
        return input_shapes[0]


class WarpPhoto(_SmoothField):
    """Each clip's first frame moved along the velocities G1 predicts.

    Inputs: the generator's input video, N x T x H x W x C (frame 0 is the photo), and
    G1's tanh output: each frame's velocity, up to `max_pixels` pixels per frame. The
    velocities are summed over frames 1..t into the displacement at which frame t samples
    the photo: a sky drifts smoothly, steadily and nearly as one (what freer fields did:
    docs/paper_notes.md). Sampling is bilinear, so the gradient reaches the velocities;
    beyond the border the photo is mirrored, as the photo animation mirrors it.

    A third input, for a G1 told the wind, is its wind rows (N x 3, `modeling.wind`): a
    told clip's velocities are turned to the told heading, their speeds across the frame
    and over time kept as G1 made them (`steered`).
    """

    def call(self, inputs):
        video, raw, *wind = inputs
        return backward_warp(video[:, 0], tf.cumsum(self.velocities(raw, *wind), axis=1))

    def velocities(self, raw, wind=None):
        """G1's tanh output (and wind rows) -> the velocities the photo is moved along, in
        pixels per frame: N x T x H x W x 2 (frame 0's is zero)."""
        field = self.field(raw[..., :2])
        return field if wind is None else steered(field, wind)


class WarpAndChange(WarpPhoto):
    """`WarpPhoto`'s moved photo plus a smooth change of colour: what the clouds do that
    motion does not explain (they form, thin and change light).

    G1's tanh output has five channels: the two velocities, then three of change, up to
    `max_change` (in [-1, 1]), averaged over `change_cell` x `change_cell` pixels and
    interpolated back, zero at frame 0. Each frame's change is its own, in that frame's
    place, not summed over frames. The sum is clipped to [-1, 1].
    """

    def __init__(self, max_pixels, cell, max_change, change_cell, **kwargs):
        super().__init__(max_pixels, cell, **kwargs)
        self.max_change = max_change
        self.change_cell = change_cell

    def call(self, inputs):
        moved = super().call(inputs)
        return keras.ops.clip(moved + tf.cast(self.changes(inputs[1]), moved.dtype), -1.0, 1.0)

    def changes(self, raw):
        """G1's tanh output -> each frame's change of colour: N x T x H x W x 3 in
        [-max_change, max_change] (frame 0's zero)."""
        return smooth_from_frame_1(raw[..., 2:], self.max_change, self.change_cell)

    def get_config(self):
        return {**super().get_config(), "max_change": self.max_change,
                "change_cell": self.change_cell}


class WarpAndCover(WarpPhoto):
    """`WarpPhoto`'s moved photo with its clouds' cover changed steadily over the clip:
    the clouds' detail (`detail`) scaled by 1 + c, where c grows from 0 at frame 0 to a
    rate G1 gives each place, up to `max_cover`, at the last frame.

    G1's tanh output has three channels: the two velocities, then one whose mean over
    frames 1.. is the rate, averaged over `cover_cell` x `cover_cell` pixels and
    interpolated back. Clouds strengthen where it is positive and fade towards their
    surroundings where it is negative; an even sky has no detail to change, so no tint or
    pulse of colour (what `WarpAndChange` made, docs/training.md) can come of it.
    """

    def __init__(self, max_pixels, cell, max_cover, cover_cell, taps=2, **kwargs):
        super().__init__(max_pixels, cell, **kwargs)
        self.max_cover = max_cover
        self.cover_cell = cover_cell
        self.taps = taps

    def call(self, inputs):
        video, raw, *wind = inputs
        moved = backward_warp(video[:, 0], tf.cumsum(self.velocities(raw, *wind), axis=1),
                              self.taps)
        cover = tf.cast(self.changes(inputs[1]), moved.dtype)
        return keras.ops.clip(moved + cover * detail(moved), -1.0, 1.0)

    def changes(self, raw):
        """G1's tanh output -> each frame's change of cover, N x T x H x W x 1: 0 at frame 0,
        growing evenly to the rate at the last frame, in [-max_cover, max_cover]."""
        raw = tf.cast(raw[..., 2:], tf.float32)
        rate = smoothed(tf.reduce_mean(raw[:, 1:], axis=1, keepdims=True) * self.max_cover,
                        self.cover_cell)
        frames = tf.shape(raw)[1]
        ramp = tf.range(frames, dtype=tf.float32) / tf.cast(tf.maximum(frames - 1, 1),
                                                            tf.float32)
        return rate * ramp[None, :, None, None, None]

    def get_config(self):
        return {**super().get_config(), "max_cover": self.max_cover,
                "cover_cell": self.cover_cell, "taps": self.taps}


def detail(video):
    """N x T x H x W x C -> what each frame has beyond its mean over cells of 1/DETAIL_GRID
    of it, interpolated back (`smoothed`)."""
    cell = max(1, video.shape[2] // DETAIL_GRID)
    return video - smoothed(video, cell)


class MoveFrames(_SmoothField):
    """Each frame of a video moved again, by a displacement of its own: G2 refining the
    motion of G1's moved photo rather than its pixels, which a moved photo leaves nothing
    to sharpen in (docs/training.md, "Stage II at 128x128").

    Inputs: the video, N x T x H x W x C, and G2's tanh output: each frame's displacement,
    up to `max_pixels` pixels. Frame t of the output shows frame t of the input at each
    pixel plus its displacement; frame 0 is kept.
    """

    def call(self, inputs):
        video, raw = inputs
        shape = tf.shape(video)
        frames = tf.reshape(video, tf.concat([[-1], shape[2:]], 0))
        shift = tf.reshape(self.field(raw), tf.concat([[-1, 1], shape[2:4], [2]], 0))
        return tf.reshape(backward_warp(frames, shift), shape)


def steered(velocities, wind):
    """`velocities` (N x T x H x W x 2, where each frame samples the photo) with each told
    clip's every velocity turned to its wind's heading (the photo moves against the
    velocities), its length kept; clips told nothing (a zero row) as they are.

    Learned, the direction came slowly: told the wind at its bottleneck and head, with a
    loss on the direction, G1 moved every held-out sky the same way after 50 steps
    (docs/training.md). Turned here, the told heading holds exactly, and G1 still sets
    the speed and how it varies across the sky and over time. Only the mean over the
    frame was turned at first: a G1 trained so moved the sky down and the ground up, and
    the sky of its own video missed the told heading on most held-out skies."""
    wind = tf.cast(wind, velocities.dtype)[:, None, None, None, :]
    # A length with a gradient at zero too (frame 0's velocities are zero).
    speed = tf.sqrt(tf.reduce_sum(tf.square(velocities), axis=-1, keepdims=True) + 1e-12)
    told = tf.cast(wind[..., 2:3] > 0, velocities.dtype)
    return first_frame_zeroed(told * (-speed * wind[..., :2]) + (1 - told) * velocities)


def smooth_from_frame_1(raw, scale, cell):
    """A generator's tanh output (N x T x H x W x C) scaled by `scale`, `smoothed` over
    `cell` x `cell` pixels, and zero at frame 0: what the moving heads make of it."""
    return first_frame_zeroed(smoothed(tf.cast(raw, tf.float32) * scale, cell))


def first_frame_zeroed(x):
    """x (N x T x ...) with its frame 0 set to zero."""
    return keras.ops.concatenate([keras.ops.zeros_like(x[:, :1]), x[:, 1:]], axis=1)


def smoothed(field, cell):
    """An N x T x H x W x C field averaged over cell x cell blocks, then bilinearly
    interpolated back to H x W."""
    if cell == 1:
        return field
    shape = tf.shape(field)
    frames = tf.reshape(field, [-1, shape[2], shape[3], field.shape[-1]])
    coarse = tf.nn.avg_pool2d(frames, cell, cell, "VALID")
    fine = tf.image.resize(coarse, shape[2:4], method="bilinear")
    return tf.reshape(tf.cast(fine, field.dtype), shape)


def backward_warp(image, displacement, taps=2):
    """`image` (N x H x W x C) sampled at each pixel plus `displacement` (N x T x H x W x 2):
    N x T x H x W x C. `taps`: 2, bilinear; 4, cubic (Catmull-Rom), which keeps the fine
    detail a bilinear sample at a fraction of a pixel blurs (a moved photo's own video
    kept 0.76 of it by frame 31, docs/training.md)."""
    image = tf.convert_to_tensor(image)
    displacement = tf.cast(displacement, tf.float32)
    n, h, w = tf.shape(image)[0], tf.shape(image)[1], tf.shape(image)[2]
    ys, xs = tf.meshgrid(tf.range(h, dtype=tf.float32), tf.range(w, dtype=tf.float32),
                         indexing="ij")
    x = _reflected(xs + displacement[..., 0], w)
    y = _reflected(ys + displacement[..., 1], h)
    x0, y0 = tf.floor(x), tf.floor(y)
    weights_x, weights_y = _kernel(x - x0, taps), _kernel(y - y0, taps)
    x0, y0 = tf.cast(x0, tf.int32), tf.cast(y0, tf.int32)
    pixels = tf.reshape(tf.cast(image, tf.float32), [-1, tf.shape(image)[3]])
    first = tf.reshape(tf.range(n) * h * w, [-1, 1, 1, 1])
    start = 1 - taps // 2
    columns = [tf.clip_by_value(x0 + start + i, 0, w - 1) for i in range(taps)]
    out = 0.0
    for j, weight_y in enumerate(weights_y):
        row = tf.clip_by_value(y0 + start + j, 0, h - 1)
        line = sum(weight_x * tf.gather(pixels, first + row * w + column)
                   for weight_x, column in zip(weights_x, columns))
        out += weight_y * line
    return tf.cast(out, image.dtype)


def _kernel(t, taps):
    """The weights of the `taps` pixels around a position `t` (in [0, 1)) past the first
    of the middle two: N x T x H x W x 1 each."""
    t = t[..., None]
    if taps == 2:
        return [1 - t, t]
    if taps != 4:
        raise ValueError(f"taps must be 2 or 4, got {taps}")
    t2, t3 = t * t, t * t * t
    return [(-t3 + 2 * t2 - t) / 2, (3 * t3 - 5 * t2 + 2) / 2, (-3 * t3 + 4 * t2 + t) / 2,
            (t3 - t2) / 2]


def _reflected(position, size):
    """Positions mirrored into [0, size - 1] about the outermost pixels (OpenCV's
    BORDER_REFLECT_101), for displacements of up to one frame."""
    last = tf.cast(size - 1, tf.float32)
    position = tf.abs(position)
    return tf.clip_by_value(last - tf.abs(last - position), 0.0, last)
