"""Every limit on what a user asks for, checked in one place each: a photo's pixels and
sides, a video's length, speed and memory, and their bounds.

Plain Python, so that a binary defines its flags from these values (and answers `--help`)
without TensorFlow; the binaries, the API and the demo all call these checks.
"""

import numbers
import os

from mdgan_tf.errors import InputError

# Photos above this many pixels are refused before they are decoded: decoding and resizing
# a 10000x10000 PNG (316 KB on disk) took 6.1 GB. 50 MP admits 48-MP phone photos.
DEFAULT_MAX_PIXELS = 50_000_000
MAX_SIDE = 1920   # the longest side of a photo-size video, unless told otherwise
MIN_SIDE = 16     # the smallest longest side a photo-size video may be given, and the
                  # smallest shorter side of a photo to animate
MAX_SPEED = 100   # the motion may be scaled from 0 (still) to this
# Videos whose frames would hold more than this many MB at once are refused before any is
# made: a probe's --frames 100000 grew to 2.3 GB in a minute, on its way past 4.9 GB.
DEFAULT_MAX_VIDEO_MB = 2048
VIDEO_LIMIT_NAMES = "--max_video_mb, $MDGAN_MAX_VIDEO_MB"


# Each check names what it refuses as the caller calls it: a parameter, or a binary's flag.


def _real(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_frames(frames, name="frames"):
    """`frames` as an int, refused unless a whole number of at least 1."""
    if not _real(frames) or not float(frames).is_integer() or frames < 1:
        raise InputError(f"{name} must be a whole number of at least 1, got {frames!r}")
    return int(frames)


def check_speed(speed, name="speed"):
    """Refuse a motion scale outside 0..MAX_SPEED."""
    if not _real(speed) or not 0 <= speed <= MAX_SPEED:
        raise InputError(f"{name} must be from 0 to {MAX_SPEED}, got {speed!r}")


def check_slide_speed(speed, name="speed"):
    """Refuse a slide's speed (percent of the width per frame) outside -100..100."""
    if not _real(speed) or not -100 <= speed <= 100:
        raise InputError(f"{name} must be from -100 to 100 (percent of the width per "
                         f"frame), got {speed!r}")


def pixel_limit(limit=None):
    """The pixel limit: `limit`, else `$MDGAN_MAX_PIXELS`, else DEFAULT_MAX_PIXELS."""
    where = "max_pixels"
    if limit is None:
        text = os.environ.get("MDGAN_MAX_PIXELS")
        if text is None:
            return DEFAULT_MAX_PIXELS
        where, limit = "$MDGAN_MAX_PIXELS", int(text) if text.strip().isdigit() else text
    if isinstance(limit, bool) or not isinstance(limit, numbers.Integral) or limit < 1:
        raise InputError(f"{where} must be a positive whole number of pixels, got {limit!r}")
    return int(limit)


def too_many_pixels_message(limit, pixels=None, what="the image"):
    count = f"has {pixels:,} pixels" if pixels is not None else "has more pixels than that"
    return (f"{what} {count}, over the limit of {limit:,} pixels; shrink it first, or raise "
            f"the limit (max_pixels=, --max_pixels, $MDGAN_MAX_PIXELS)")


def check_photo_size(shape, name="photo"):
    """Refuse a photo whose shorter side is under MIN_SIDE pixels: nothing in it to move
    (a 1x1 photo was taken, and written as 2x2). `shape`: (height, width, ...)."""
    height, width = shape[:2]
    if min(height, width) < MIN_SIDE:
        raise InputError(f"{name} is {width}x{height} pixels: a photo to animate needs at "
                         f"least {MIN_SIDE} on its shorter side")


def check_max_side(max_side, name="max_side"):
    """Refuse a longest side under MIN_SIDE pixels (None: no limit)."""
    if max_side is not None and (not _real(max_side) or max_side < MIN_SIDE):
        raise InputError(f"{name} must be {MIN_SIDE} pixels or more, got {max_side!r}")


def video_memory_limit():
    """The memory limit of a video's frames, in MB: `$MDGAN_MAX_VIDEO_MB`, else
    DEFAULT_MAX_VIDEO_MB (the binaries' --max_video_mb sets it)."""
    text = os.environ.get("MDGAN_MAX_VIDEO_MB")
    if text is None:
        return DEFAULT_MAX_VIDEO_MB
    if not text.strip().isdigit() or int(text) < 1:
        raise InputError(f"$MDGAN_MAX_VIDEO_MB must be a positive whole number of MB, got "
                         f"{text!r}")
    return int(text)


def check_video_memory(what, megabytes):
    """Refuse `what` (a description of the frames) when `megabytes` is over the limit."""
    limit = video_memory_limit()
    if megabytes > limit:
        raise InputError(f"{what} would take about {megabytes:,.0f} MB of memory, over the "
                         f"limit of {limit:,} MB; make it shorter or smaller, or raise the "
                         f"limit ({VIDEO_LIMIT_NAMES})")
