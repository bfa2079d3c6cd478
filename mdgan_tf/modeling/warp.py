"""G1 as a motion predictor: the clip is the photo moved, frame by frame, along velocities
the network predicts, instead of a video it paints pixel by pixel.

A pixel-painting G1 trained on skies whose drift it cannot foresee from one frame meets its
losses by fading the photo in place; a moved photo cannot fade, flicker or blur, so what
the losses can still ask of it is motion (docs/training.md, "The 128x128 model").
"""

import keras
import tensorflow as tf


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
    told = tf.cast(wind[..., 2:] > 0, velocities.dtype)
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


def backward_warp(image, displacement):
    """`image` (N x H x W x C) sampled at each pixel plus `displacement` (N x T x H x W x 2):
    N x T x H x W x C."""
    image = tf.convert_to_tensor(image)
    displacement = tf.cast(displacement, tf.float32)
    n, h, w = tf.shape(image)[0], tf.shape(image)[1], tf.shape(image)[2]
    ys, xs = tf.meshgrid(tf.range(h, dtype=tf.float32), tf.range(w, dtype=tf.float32),
                         indexing="ij")
    x = _reflected(xs + displacement[..., 0], w)
    y = _reflected(ys + displacement[..., 1], h)
    x0, y0 = tf.floor(x), tf.floor(y)
    wx, wy = (x - x0)[..., None], (y - y0)[..., None]
    x0, y0 = tf.cast(x0, tf.int32), tf.cast(y0, tf.int32)
    x1, y1 = tf.minimum(x0 + 1, w - 1), tf.minimum(y0 + 1, h - 1)
    pixels = tf.reshape(tf.cast(image, tf.float32), [-1, tf.shape(image)[3]])
    first = tf.reshape(tf.range(n) * h * w, [-1, 1, 1, 1])

    def at(row, col):
        return tf.gather(pixels, first + row * w + col)

    top = (1 - wx) * at(y0, x0) + wx * at(y0, x1)
    bottom = (1 - wx) * at(y1, x0) + wx * at(y1, x1)
    return tf.cast((1 - wy) * top + wy * bottom, image.dtype)


def _reflected(position, size):
    """Positions mirrored into [0, size - 1] about the outermost pixels (OpenCV's
    BORDER_REFLECT_101), for displacements of up to one frame."""
    last = tf.cast(size - 1, tf.float32)
    position = tf.abs(position)
    return tf.clip_by_value(last - tf.abs(last - position), 0.0, last)
