"""Writing generated videos: MP4 (H.264), WebM (VP9), GIF, or a folder of PNG frames."""

import re
from pathlib import Path

import av
import numpy as np
import tensorflow as tf
from PIL import Image

from mdgan_tf.errors import ExistingFileError, FileGivenError, FolderGivenError, InputError
from mdgan_tf.fileio import atomic_path
from mdgan_tf.inference.formats import VIDEO_FORMATS, output_kind
from mdgan_tf.preprocessing.limits import check_video_memory

# Encoder settings for speed at the same quality target (`write_video(fast=True)`).
FAST_OPTIONS = {"libx264": {"preset": "veryfast"}}
GIF_COLOURS = 256
_FRAME_NAME = re.compile(r"frame_\d{4,}\.png")


def write_video(path, frames, fps=25, fast=False):
    """Write uint8 `frames` to `path` (format from its suffix, see `output_kind`).

    `frames`: an array T x H x W x 3, or any sequence of H x W x 3 frames with a `shape`
    (a `PhotoAnimation`): MP4, WebM and PNG folders take such frames one at a time as they
    are made, so a long video of a large photo never sits whole in memory. A GIF needs them
    all at once for its palette.

    `fast`: encode H.264 at x264's `veryfast` preset, at the same quality target (the file
    size changes by a few percent, either way): the demo page's choice, to answer sooner.
    Other formats ignore it.

    H.264 and VP9 store 4:2:0 colour, which needs even sizes: an odd height or width is
    padded by repeating the last row or column. The file or folder is written under a
    temporary name and renamed when complete, so a failure (a full disk) leaves no half
    video, and an existing one is replaced whole.
    """
    shape = tuple(np.shape(frames)) if isinstance(frames, np.ndarray) else tuple(frames.shape)
    if len(shape) != 4 or shape[-1] != 3 or (isinstance(frames, np.ndarray)
                                             and frames.dtype != np.uint8):
        raise InputError(f"expected T x H x W x 3 uint8 frames, got "
                         f"{getattr(frames, 'dtype', 'frames')} {shape}")
    if fps <= 0:
        raise InputError(f"fps must be positive, got {fps}")
    path = Path(path)
    kind = output_kind(path)
    if kind == ".gif" and not isinstance(frames, np.ndarray):
        # Its frames, and an index into the palette for each pixel.
        check_video_memory(f"a GIF of {shape[0]:,} frames at {shape[2]}x{shape[1]} (a GIF "
                           f"holds them all at once; MP4 and WebM do not)",
                           np.prod(shape) * 4 / 3 / 2**20)
    if path.is_dir() and kind != "png":
        raise FolderGivenError(f"{path} is a folder; name a video file to write")
    if kind == "png" and path.exists():
        if not path.is_dir():
            raise FileGivenError(f"{path} is a file; a name without a suffix is a folder "
                                     f"of PNG frames")
        others = [p.name for p in path.iterdir() if not _FRAME_NAME.fullmatch(p.name)]
        if others:   # replacing it would delete them
            raise ExistingFileError(f"{path} holds files that are not frames ({others[0]}, ...); "
                                  f"name a new folder for the PNG frames")
    with atomic_path(path, directory=kind == "png") as temporary:
        if kind == "png":
            for t, frame in enumerate(frames):
                tf.io.write_file(str(temporary / f"frame_{t:04d}.png"), tf.io.encode_png(frame))
        else:
            codec, pixel_format, options = VIDEO_FORMATS[kind]
            if fast:
                options = {**options, **FAST_OPTIONS.get(codec, {})}
            _encode(temporary, frames, shape[1:3], fps, codec, pixel_format, options)
    return path


def _encode(path, frames, size, fps, codec, pixel_format, options):
    height, width = size
    pad = (height % 2, width % 2) if pixel_format == "yuv420p" else (0, 0)
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps, options=options)
        stream.width, stream.height = width + pad[1], height + pad[0]
        stream.pix_fmt = pixel_format
        if pixel_format == "pal8":
            palette, indices = _palette(np.stack(list(frames)))
            argb = np.concatenate([np.full((GIF_COLOURS, 1), 255, np.uint8), palette], axis=1)
            encoded = (av.VideoFrame.from_ndarray((index, argb), format="pal8")
                       for index in indices)
        else:
            encoded = (av.VideoFrame.from_ndarray(
                np.pad(frame, ((0, pad[0]), (0, pad[1]), (0, 0)), mode="edge"), format="rgb24")
                for frame in frames)
        for frame in encoded:
            container.mux(stream.encode(frame))
        container.mux(stream.encode())


def _palette(frames):
    """One 256-colour palette for the whole clip and each pixel's index into it.

    Pillow quantizes all frames at once (stacked into one image), without dithering, so a
    colour maps to the same palette entry in every frame and still regions do not flicker.
    (ffmpeg's scaler cannot convert RGB to a palette itself.)
    """
    stacked = Image.fromarray(np.ascontiguousarray(frames.reshape(-1, *frames.shape[2:])))
    paletted = stacked.quantize(GIF_COLOURS, method=Image.Quantize.MEDIANCUT,
                                dither=Image.Dither.NONE)
    palette = np.zeros((GIF_COLOURS, 3), np.uint8)
    used = np.asarray(paletted.getpalette()[:3 * GIF_COLOURS], np.uint8).reshape(-1, 3)
    palette[:len(used)] = used
    return palette, np.asarray(paletted).reshape(frames.shape[:3])
