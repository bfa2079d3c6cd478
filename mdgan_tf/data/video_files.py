"""Clips from ordinary video files (mp4, mov, avi, mkv, webm), decoded with PyAV.

Scanning reads each file's packet timestamps without decoding a pixel; a clip is then T
frame timestamps, and loading it seeks to the keyframe before its first frame and decodes
forward. `stride` keeps every stride-th frame, which turns ordinary footage into a
time-lapse. A file that cannot be opened is skipped and named; one that fails while a clip
decodes loses that clip, with a warning, and the epoch goes on.
"""

import logging
from pathlib import Path

import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.data.source import Clip, ClipSource, DataError, Skipped

VIDEO_SUFFIXES = (".mp4", ".mov", ".avi", ".mkv", ".webm")
logger = logging.getLogger("mdgan_tf.data")


def video_files(path):
    """The video files at `path` (a file, or a folder searched recursively), sorted."""
    path = Path(path)
    if path.is_file():
        return [path]
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in VIDEO_SUFFIXES)


def frame_timestamps(path):
    """Presentation timestamps of every frame of the first video stream, in order.

    Read from the packets (no decoding). Containers that leave packet timestamps out get
    frame numbers instead, and clips of them are decoded from the start.
    """
    import av

    with av.open(str(path)) as container:
        if not container.streams.video:
            raise InputError("no video stream")
        stream = container.streams.video[0]
        stamps = [packet.pts for packet in container.demux(stream) if packet.size > 0]
    if stamps and None not in stamps:
        return "pts", sorted(stamps)
    return "index", list(range(len(stamps)))


def read_frames(path, mode, stamps):
    """The frames with the given timestamps (or frame numbers): T x H x W x 3 uint8."""
    import av

    wanted = set(stamps)
    found = {}
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        if mode == "pts":
            container.seek(stamps[0], stream=stream, backward=True, any_frame=False)
        for number, frame in enumerate(container.decode(stream)):
            stamp = frame.pts if mode == "pts" else number
            if stamp in wanted:
                found[stamp] = frame.to_ndarray(format="rgb24")
                if len(found) == len(wanted):
                    break
            if stamp is not None and stamp > stamps[-1]:
                break
    if len(found) != len(wanted):
        raise InputError(f"decoded {len(found)} of the clip's {len(wanted)} frames")
    return np.stack([found[s] for s in stamps])


class VideoFileSource(ClipSource):
    """Consecutive non-overlapping T-frame clips of every video file under `path`.

    Each file is its own source video (its id: the path under `path`, without suffix).
    """

    kind = "video files"

    def __init__(self, path, frames=32, stride=1):
        if stride < 1:
            raise InputError(f"stride must be 1 or more, got {stride}")
        self.path = Path(path)
        if not self.path.exists():
            raise DataError(f"{self.path}: no such file or directory")
        files = video_files(self.path)
        if not files:
            raise DataError(f"{self.path} holds no video files ({', '.join(VIDEO_SUFFIXES)})")
        self.stride = stride
        clips, skipped = [], []
        for file in files:
            try:
                mode, stamps = frame_timestamps(file)
            except Exception as error:  # PyAV raises many kinds; every one means unreadable
                skipped.append(Skipped(str(file), f"cannot be read: {error}"))
                continue
            kept = stamps[::stride]
            if len(kept) < frames:
                skipped.append(Skipped(str(file), f"{len(kept)} frames at stride {stride}, "
                                                  f"fewer than {frames}"))
                continue
            video_id = self._relative_name(file).replace("/", "_")
            for start in range(0, len(kept) - frames + 1, frames):
                clips.append(Clip(video_id, f"{video_id}_1", start,
                                  (str(file), mode, tuple(kept[start:start + frames]))))
        super().__init__(frames, clips, skipped, description=f"{self.path} ({self.kind})")
        self.check_usable()

    def _relative_name(self, file):
        """The file's path under the folder given, without its suffix."""
        file = Path(file)
        if self.path.is_file():
            return file.stem
        return file.relative_to(self.path).with_suffix("").as_posix()

    def clip_name(self, clip):
        return self._relative_name(clip.key[0])

    def load_clips(self, indices, to_square):
        keys = [clip.key for clip in self.clips]

        def decode(index):
            path, mode, stamps = keys[index]
            try:
                return read_frames(path, mode, stamps)
            except Exception as error:  # a damaged file costs its clip, not the epoch
                logger.warning("%s: clip from frame %d left out: %s", path,
                               self.clips[index].start, error)
                return np.zeros((0, 0, 0, 3), np.uint8)

        def load(index):
            frames = tf.numpy_function(decode, [index], tf.uint8, stateful=False)
            frames.set_shape((None, None, None, 3))
            return index, frames

        clips = indices.map(load, num_parallel_calls=tf.data.AUTOTUNE)
        clips = clips.filter(lambda _, frames: tf.shape(frames)[0] == self.frames)
        return clips.map(lambda i, frames: (i, to_square(frames)),
                         num_parallel_calls=tf.data.AUTOTUNE)
