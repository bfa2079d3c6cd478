"""What a time-lapse can be written as, at what size and how long: the choices and limits
the API and the binaries share. Plain Python, apart from the code that makes videos, so
that a binary defines its flags from them (and answers `--help`) without TensorFlow."""

import os
from pathlib import Path

# suffix -> (PyAV encoder, pixel format, encoder options)
VIDEO_FORMATS = {
    ".mp4": ("libx264", "yuv420p", {"crf": "18"}),
    ".webm": ("libvpx-vp9", "yuv420p", {"crf": "24", "b": "0"}),
    ".gif": ("gif", "pal8", {}),
}
SIZES = ("photo", "model")   # the photo moved at its own size, or the model's own square
MAX_SIDE = 1920   # the longest side of a photo-size video, unless told otherwise
# Videos whose frames would hold more than this many MB at once are refused before any is
# made: a probe's --frames 100000 grew to 2.3 GB in a minute, on its way past 4.9 GB.
DEFAULT_MAX_VIDEO_MB = 2048
VIDEO_LIMIT_NAMES = "--max_video_mb, $MDGAN_MAX_VIDEO_MB"


def output_kind(path):
    """'.mp4', '.webm', '.gif', or 'png' for a folder of frames (a path without a suffix)."""
    suffix = Path(path).suffix.lower()
    if suffix in VIDEO_FORMATS:
        return suffix
    if not suffix:
        return "png"
    raise ValueError(f"{path}: unknown output format {suffix!r}; use .mp4, .webm, .gif, or a "
                     f"folder name (no suffix) for PNG frames")


def video_memory_limit():
    """The memory limit of a video's frames, in MB: `$MDGAN_MAX_VIDEO_MB`, else
    DEFAULT_MAX_VIDEO_MB (the binaries' --max_video_mb sets it)."""
    text = os.environ.get("MDGAN_MAX_VIDEO_MB")
    if text is None:
        return DEFAULT_MAX_VIDEO_MB
    if not text.strip().isdigit() or int(text) < 1:
        raise ValueError(f"$MDGAN_MAX_VIDEO_MB must be a positive whole number of MB, got "
                         f"{text!r}")
    return int(text)


def check_video_memory(what, megabytes):
    """Refuse `what` (a description of the frames) when `megabytes` is over the limit."""
    limit = video_memory_limit()
    if megabytes > limit:
        raise ValueError(f"{what} would take about {megabytes:,.0f} MB of memory, over the "
                         f"limit of {limit:,} MB; make it shorter or smaller, or raise the "
                         f"limit ({VIDEO_LIMIT_NAMES})")
