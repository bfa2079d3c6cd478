"""What the model's clouds do that motion does not explain, brought to the photo's size.

A G1 that changes the moved photo's colour (`heads.WarpChangeHead`) gives each of its
frames a smooth change: clouds that form and thin, light that shifts. The photo animation
moves the photo's own pixels along one steady drift, so that change is carried along the
same drift, summed over the model's chained clips (older change fading, HALF_LIFE), and
added to the moved photo at its size. It is smooth (a few of the model's pixels across),
so it shifts the light and cover of the photo's clouds and never paints over their
detail.
"""

import cv2
import numpy as np

from mdgan_tf.animation.blending import smoothstep
from mdgan_tf.animation.motion import pixel_grid

# Changes below this many levels everywhere are not drawn at all.
LEAST_LEVEL = 0.5
# Earlier change fades with this half-life, in frames (one of the model's clips): summed
# without end over chained clips, a model's tint walked away (purple and teal skies by
# frame 127 of a wind model's first run), where real light comes and goes.
HALF_LIFE = 32


def carried(increments, steps, speed=1.0, ease=8, loop=False):
    """Each frame's change: T x R x R x 3 float32, in levels (0..255 units).

    Args:
        increments: (T-1) x R x R x 3, each frame's change from the frame before in the
            model's [-1, 1], at the place the frame shows it.
        steps: (T-1) x R x R x 2, the steps the photo is moved along (backward, as
            `rendering.compose` takes them), in pixels of the R x R frame.
        speed: what the steps are scaled by; the change keeps the model's pace, but a
            photo held still (0) does not change either.
        ease: the frames over which the change eases in, as the motion does.
        loop: the change rises and falls back to none at the loop's end.
    """
    increments = np.asarray(increments, np.float32)
    height, width = increments.shape[1:3]
    grid = pixel_grid(height, width)
    change = np.zeros((height, width, 3), np.float32)
    out = [change]
    kept = 0.5 ** (1 / HALF_LIFE)
    for step, increment in zip(steps, increments):
        earlier = cv2.remap(change, grid + speed * step, None, cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_REPLICATE)
        change = kept * earlier + increment * 127.5 * min(speed, 1.0)
        out.append(change)
    frames = len(out)
    weight = smoothstep(np.arange(frames, dtype=np.float32) / ease)
    if loop:
        weight = weight * np.sin(np.pi * np.arange(frames) / frames) ** 2
    return np.stack(out) * weight[:, None, None, None]


def increments(changes):
    """The change of each frame from the one before, from clips' changes: a list of
    N=1 x T x R x R x 3 arrays of the model's chained clips, each clip's frame 0 change-free
    (it is the last clip's last frame) -> (sum of T-1) x R x R x 3."""
    return np.concatenate([np.diff(clip[0], axis=0) for clip in changes])


def apply_change(frame, change, positive, negative):
    """`frame` (H x W x 3 uint8) plus `change` (R x R x 3 levels), enlarged smoothly to its
    size, in place; `positive` and `negative` are H x W x 3 uint8 buffers to reuse."""
    if float(np.abs(change).max()) < LEAST_LEVEL:
        return frame
    size = (frame.shape[1], frame.shape[0])
    cv2.resize(np.clip(np.rint(change), 0, 255).astype(np.uint8), size, dst=positive,
               interpolation=cv2.INTER_LINEAR)
    cv2.resize(np.clip(np.rint(-change), 0, 255).astype(np.uint8), size, dst=negative,
               interpolation=cv2.INTER_LINEAR)
    cv2.add(frame, positive, dst=frame)
    cv2.subtract(frame, negative, dst=frame)
    return frame
