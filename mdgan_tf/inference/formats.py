"""What a time-lapse can be written as, and at which size: the choices the API and the
binaries share (their limits are `preprocessing.limits`). Plain Python, so that a binary
defines its flags from them (and answers `--help`) without TensorFlow."""

from pathlib import Path

from mdgan_tf.errors import InputError

# suffix -> (PyAV encoder, pixel format, encoder options)
VIDEO_FORMATS = {
    ".mp4": ("libx264", "yuv420p", {"crf": "18"}),
    ".webm": ("libvpx-vp9", "yuv420p", {"crf": "24", "b": "0"}),
    ".gif": ("gif", "pal8", {}),
}
SIZES = ("photo", "model")   # the photo moved at its own size, or the model's own square


def output_kind(path):
    """'.mp4', '.webm', '.gif', or 'png' for a folder of frames (a path without a suffix)."""
    suffix = Path(path).suffix.lower()
    if suffix in VIDEO_FORMATS:
        return suffix
    if not suffix:
        return "png"
    raise InputError(f"{path}: unknown output format {suffix!r}; use .mp4, .webm, .gif, or a "
                     f"folder name (no suffix) for PNG frames")


def stored_size(path, width, height):
    """(width, height) of the frames a video at `path` stores for width x height ones:
    H.264 and VP9 keep 4:2:0 colour, which needs even sides (`write_video` pads an odd
    one by repeating its last row or column); GIFs and PNG frames keep them as they are."""
    if VIDEO_FORMATS.get(output_kind(path), (None, ""))[1] == "yuv420p":
        return width + width % 2, height + height % 2
    return width, height
