"""Writing generated videos: MP4 (H.264), WebM (VP9), GIF, or a folder of PNG frames."""

from pathlib import Path

import av
import numpy as np
import tensorflow as tf

# suffix -> (PyAV encoder, pixel format, encoder options)
VIDEO_FORMATS = {
    ".mp4": ("libx264", "yuv420p", {"crf": "18"}),
    ".webm": ("libvpx-vp9", "yuv420p", {"crf": "24", "b": "0"}),
    ".gif": ("gif", "pal8", {}),
}
GIF_COLOURS = 256


def output_kind(path):
    """'.mp4', '.webm', '.gif', or 'png' for a folder of frames (a path without a suffix)."""
    suffix = Path(path).suffix.lower()
    if suffix in VIDEO_FORMATS:
        return suffix
    if not suffix:
        return "png"
    raise ValueError(f"{path}: unknown output format {suffix!r}; use .mp4, .webm, .gif, or a "
                     f"folder name (no suffix) for PNG frames")


def write_video(path, frames, fps=25):
    """Write T x H x W x 3 uint8 `frames` to `path` (format from its suffix, see `output_kind`).

    H.264 and VP9 store 4:2:0 colour, which needs even sizes: an odd height or width is
    padded by repeating the last row or column.
    """
    frames = np.asarray(frames)
    if frames.ndim != 4 or frames.shape[-1] != 3 or frames.dtype != np.uint8:
        raise ValueError(f"expected T x H x W x 3 uint8 frames, got {frames.dtype} {frames.shape}")
    if fps <= 0:
        raise ValueError(f"fps must be positive, got {fps}")
    path = Path(path)
    kind = output_kind(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "png":
        path.mkdir(exist_ok=True)
        for t, frame in enumerate(frames):
            tf.io.write_file(str(path / f"frame_{t:04d}.png"), tf.io.encode_png(frame))
        return path
    codec, pixel_format, options = VIDEO_FORMATS[kind]
    if pixel_format == "yuv420p":
        frames = np.pad(frames, ((0, 0), (0, frames.shape[1] % 2), (0, frames.shape[2] % 2),
                                 (0, 0)), mode="edge")
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=fps, options=options)
        stream.width, stream.height = frames.shape[2], frames.shape[1]
        stream.pix_fmt = pixel_format
        if pixel_format == "pal8":
            palette, indices = _palette(frames)
            argb = np.concatenate([np.full((GIF_COLOURS, 1), 255, np.uint8), palette], axis=1)
            encoded = [av.VideoFrame.from_ndarray((index, argb), format="pal8") for index in indices]
        else:
            encoded = (av.VideoFrame.from_ndarray(frame, format="rgb24") for frame in frames)
        for frame in encoded:
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    return path


def _palette(frames, iterations=8, sample_size=20000):
    """One 256-colour palette for the whole clip (no flicker between frames) and each pixel's
    index into it: k-means on a fixed sample of the clip's pixels (ffmpeg's scaler cannot
    convert RGB to a palette itself)."""
    pixels = frames.reshape(-1, 3).astype(np.float32)
    rng = np.random.RandomState(0)
    sample = pixels[rng.choice(len(pixels), min(len(pixels), sample_size), replace=False)]
    palette = sample[rng.choice(len(sample), GIF_COLOURS, replace=len(sample) < GIF_COLOURS)]
    for _ in range(iterations):
        nearest = _nearest(sample, palette)
        counts = np.bincount(nearest, minlength=GIF_COLOURS)
        sums = np.stack([np.bincount(nearest, sample[:, c], GIF_COLOURS) for c in range(3)], 1)
        used = counts > 0
        palette[used] = sums[used] / counts[used, None]
    palette = np.round(palette).astype(np.uint8)
    indices = _nearest(pixels, palette.astype(np.float32)).astype(np.uint8)
    return palette, indices.reshape(frames.shape[:3])


def _nearest(pixels, palette, chunk=65536):
    squared = (palette ** 2).sum(1)
    return np.concatenate([
        np.argmin(squared - 2 * pixels[i:i + chunk] @ palette.T, axis=1)
        for i in range(0, len(pixels), chunk)])
