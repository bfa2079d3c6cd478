"""Videos that another method made, in a folder that mirrors the real clips' layout.

`mdgan-evaluate --videos NAME=DIR` scores them beside the model. The video made from a real
clip's first frame sits under DIR at that clip's name (`ClipSource.clip_name`, e.g.
`<video>/<clip>` for Sky Timelapse folders), either as a folder of frames
(`<video>/<clip>/01.png ...`, the Sky Timelapse layout) or as one video file
(`<video>/<clip>.mp4`, what `mdgan-generate --images_dir` writes for a tree of photos).
Any size and length will do: the first T frames are taken and brought to the scoring
resolution the way the real clips are.
"""

import dataclasses
from pathlib import Path

import av
import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.data.pipeline import decode_frame
from mdgan_tf.data.sky_folders import frame_files, natural_key
from mdgan_tf.data.source import DataError
from mdgan_tf.data.video_files import VIDEO_SUFFIXES

GIVEN_VIDEO_SUFFIXES = VIDEO_SUFFIXES + (".gif",)


def parse_videos_flag(value):
    """'NAME=DIR' -> (NAME, DIR), with a one-line error for anything else."""
    name, equals, folder = value.partition("=")
    if not equals or not name or not folder:
        raise InputError(f"--videos {value!r}: expected NAME=DIR, e.g. authors=outputs/stage1")
    return name, folder


@dataclasses.dataclass
class Coverage:
    """How a folder's videos meet the sampled real clips: `videos[i]` is the video (a path)
    of sampled clip i, where there is one; `missing` names the sampled clips with none, and
    `unmatched` the folder's entries that match no clip of the source."""

    videos: dict
    missing: list
    unmatched: list


class VideoFolder:
    """The videos under `root`, by the clip name they mirror; `name` labels their rows."""

    def __init__(self, name, root):
        self.name, self.root = name, Path(root)
        if not self.root.is_dir():
            raise DataError(f"--videos {name}={root}: no such folder")
        self.entries = {}
        for path in sorted(self.root.rglob("*"), key=natural_key):
            if path.is_file() and path.suffix.lower() in GIVEN_VIDEO_SUFFIXES:
                self._add(path.relative_to(self.root).with_suffix("").as_posix(), path)
            elif path.is_dir() and frame_files(path):
                self._add(path.relative_to(self.root).as_posix(), path)
        if not self.entries:
            raise DataError(f"--videos {name}={root} holds no video files "
                            f"({', '.join(GIVEN_VIDEO_SUFFIXES)}) and no folders of frames")

    def _add(self, clip_name, path):
        if clip_name in self.entries:
            raise DataError(f"--videos {self.name}: two videos for clip {clip_name}: "
                            f"{self.entries[clip_name]} and {path}; keep one")
        self.entries[clip_name] = path

    def coverage(self, source, sample):
        """Which of `sample`'s clips (a subset of `source`) have a video here. A video
        follows its folder's or file's first frame, so it matches the clip starting there."""
        videos, missing = {}, []
        for index, clip in enumerate(sample.clips):
            path = self.entries.get(sample.clip_name(clip)) if clip.start == 0 else None
            if path is None:
                missing.append(f"{sample.clip_name(clip)}@{clip.start}" if clip.start
                               else sample.clip_name(clip))
            else:
                videos[index] = path
        known = {source.clip_name(clip) for clip in source.clips}
        unmatched = [name for name in self.entries if name not in known]
        return Coverage(videos, missing, unmatched)


def read_given_video(path, frames):
    """The first `frames` frames of a video file or frame folder: T x H x W x 3 uint8.

    Raises ValueError naming the file when it has fewer frames or does not decode.
    """
    path = Path(path)
    try:
        decoded = _read_folder(path, frames) if path.is_dir() else _read_file(path, frames)
    except (OSError, av.error.FFmpegError, tf.errors.OpError) as error:
        raise InputError(f"{path}: does not decode ({error})") from None
    if len(decoded) < frames:
        raise InputError(f"{path}: {len(decoded)} frames, fewer than {frames}")
    if len({frame.shape for frame in decoded}) > 1:
        raise InputError(f"{path}: its frames are not all of one size")
    return np.stack(decoded)


def _read_folder(folder, frames):
    # The real clips' own decoder: a copy of a real clip's JPEGs then decodes to its pixels.
    return [decode_frame(tf.io.read_file(str(file))).numpy()
            for file in frame_files(folder)[:frames]]


def _read_file(path, frames):
    out = []
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            out.append(frame.to_ndarray(format="rgb24"))
            if len(out) == frames:
                break
    return out
