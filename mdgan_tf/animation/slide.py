"""The photo's sky slid sideways at one speed, with no model: the row of an evaluation that
shows what a model adds to the package's rendering (which gives it perspective, as it
does a model's drift)."""

import numpy as np

from mdgan_tf.animation.rendering import PhotoAnimation
from mdgan_tf.preprocessing.given_sky import given_sky
from mdgan_tf.preprocessing.images import fit_within, photo_pixels
from mdgan_tf.preprocessing.limits import (
    MAX_SIDE, check_frames, check_max_side, check_slide_speed, check_video_memory,
)

SLIDE_FRAMES = 32  # a slide's length by default: the paper's clip length
# The grid a slide's steps are given on (any size would do: they are one number).
SLIDE_RESOLUTION = 128


def slide(photo, frames, speed, loop=False, source=None, sky_mask=None):
    """The photo's sky slid sideways at a constant speed.

    Args:
        photo: H x W x 3 uint8.
        frames: the length.
        speed: percent of the photo's width per frame, to the right (negative: left): the
            mean over the sky, faster high up and slower near the horizon
            (`motion.with_perspective`).
        loop: the last frame flows into the first (as `PhotoAnimation` loops).
        source: the photo as it was given, when `photo` is it shrunk (as for
            `PhotoAnimation`).
        sky_mask: a sky the user drew, h x w float32 in [0, 1] of the photo's shape, slid
            instead of the one found (as for `PhotoAnimation`).

    Returns:
        A `PhotoAnimation`, rendered as a model's drift is (perspective, the sky mask, the
        ease-in, new sky at the edges).
    """
    frames = check_frames(frames)
    check_slide_speed(speed)
    # Its motion is held whole: each frame's displacement map and its copy kept in the
    # sky, twice over for a loop, float32 x and y.
    maps = frames * SLIDE_RESOLUTION ** 2 * 2 * 4 * 2 * (2 if loop else 1)
    check_video_memory(f"a slide of {frames:,} frames", maps / 2 ** 20)
    step = np.array([-speed / 100 * SLIDE_RESOLUTION, 0.0], np.float32)
    steps = np.broadcast_to(step, (frames - 1, SLIDE_RESOLUTION, SLIDE_RESOLUTION, 2))
    return PhotoAnimation(photo, steps, loop=loop, drift=True, source=source,
                          sky_mask=sky_mask)


def slide_timelapse(image, speed, *, frames=SLIDE_FRAMES, loop=False, max_side=MAX_SIDE,
                    max_pixels=None, sky_mask=None):
    """`slide` of any image a user passes: at its own size, its longer side at most
    `max_side`, made frame by frame. `sky_mask`: a sky the user drew, as `given_sky`
    takes it (a path or an array), or None: the sky found."""
    check_max_side(max_side)
    given = photo_pixels(image, max_pixels=max_pixels)
    photo = fit_within(given, max_side) if max_side else given
    return slide(photo, frames, speed, loop, source=None if photo is given else given,
                 sky_mask=None if sky_mask is None else given_sky(sky_mask))
