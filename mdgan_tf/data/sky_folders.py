"""The Sky Timelapse layout: `root/<video_id>/<clip_id>/*.jpg`, read and written.

Frames of a clip folder, in sorted order, are cut into consecutive non-overlapping T-frame
clips (paper section 4.1); the authors' test protocol takes only the first T frames of
each folder. Frame files are checked when the folder is scanned, so a truncated or
foreign file costs its clip, named in one warning, and never an epoch.
"""

import re
from pathlib import Path

import numpy as np
import tensorflow as tf

from mdgan_tf.fileio import atomic_path, require_new_folder
from mdgan_tf.data.pipeline import decode_frame, encoded_clips
from mdgan_tf.data.source import Clip, ClipSource, DataError, Skipped

FRAME_SUFFIXES = (".jpg", ".jpeg", ".png")
_JPEG_START, _JPEG_END = b"\xff\xd8\xff", b"\xff\xd9"
_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND"


def natural_key(path):
    """Sort key that puts frame_2 before frame_10, whether or not names are zero-padded."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", Path(path).name)]


def frame_files(folder):
    """The JPEG and PNG files directly in `folder`, in natural order: a clip's frames."""
    return sorted((p for p in Path(folder).iterdir()
                   if p.is_file() and p.suffix.lower() in FRAME_SUFFIXES), key=natural_key)


def frame_problem(path):
    """Why the file at `path` cannot be a whole JPEG or PNG frame, or None if it looks whole.

    Reads only its first and last bytes: enough to catch empty, truncated and foreign files,
    the usual damage from interrupted copies and downloads.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as file:
            head = file.read(8)
            file.seek(max(0, size - 64))
            tail = file.read()
    except OSError as error:
        return f"unreadable: {error.strerror or error}"
    if size == 0:
        return "empty file"
    if head.startswith(_JPEG_START):
        return None if _JPEG_END in tail else "truncated JPEG (no end-of-image marker)"
    if head.startswith(_PNG_START):
        return None if _PNG_END in tail else "truncated PNG (no IEND chunk)"
    return "not a JPEG or PNG image"


def undecodable(paths):
    """The subset of `paths` that TensorFlow's decoder rejects: a full decode of each.

    Slower than `frame_problem` (every pixel is decoded, in parallel), and sure: what passes
    here decodes in training too.
    """
    decoded = (
        tf.data.Dataset.from_tensor_slices([str(p) for p in paths] or [""])
        .map(lambda p: (p, tf.shape(decode_frame(tf.io.read_file(p)))),
             num_parallel_calls=tf.data.AUTOTUNE, deterministic=False)
        .ignore_errors()
    )
    good = {path.decode() for path, _ in decoded.as_numpy_iterator()}
    return [p for p in paths if str(p) not in good]


class SkyTimelapseSource(ClipSource):
    """Clips from `root/<video_id>/<clip_id>/` frame folders (also `root/<video_id>/*.jpg`).

    `first_clip_only` follows the authors' test protocol: the first T frames of each clip
    folder. `verify` decodes every frame used while scanning, instead of checking only each
    file's first and last bytes.
    """

    kind = "Sky Timelapse folders"

    def __init__(self, root, frames=32, first_clip_only=False, verify=False):
        self.root = Path(root)
        if not self.root.is_dir():
            raise DataError(f"{self.root}: no such directory")
        videos = sorted((d for d in self.root.iterdir() if d.is_dir()), key=natural_key)
        if not videos:
            raise DataError(
                f"{self.root} holds no video folders; expected the Sky Timelapse layout "
                f"root/<video_id>/<clip_id>/*.jpg"
            )
        clips, skipped = [], []
        for video in videos:
            for segment in self._segments(video):
                self._cut(video, segment, frames, first_clip_only, clips, skipped)
        if verify:
            clips = self._verified(clips, skipped)
        super().__init__(frames, clips, skipped, description=f"{self.root} ({self.kind})")
        self.check_usable()

    @staticmethod
    def _segments(video):
        folders = sorted((d for d in video.iterdir() if d.is_dir()), key=natural_key)
        loose = any(p.suffix.lower() in FRAME_SUFFIXES for p in video.iterdir() if p.is_file())
        return ([video] if loose else []) + folders

    def _cut(self, video, segment, frames, first_clip_only, clips, skipped):
        paths = frame_files(segment)
        name = segment.relative_to(self.root).as_posix()
        if len(paths) < frames:
            skipped.append(Skipped(str(segment), f"{len(paths)} frames, fewer than {frames}"))
            return
        runs = 1 if first_clip_only else len(paths) // frames
        for run in range(runs):
            run_paths = paths[run * frames:(run + 1) * frames]
            problems = [(p, frame_problem(p)) for p in run_paths]
            problems = [(p, why) for p, why in problems if why]
            if problems:
                for path, why in problems:
                    skipped.append(Skipped(str(path), f"{why}; clip {name} frames "
                                                      f"{run * frames}-{(run + 1) * frames - 1} left out"))
                continue
            clips.append(Clip(video.name, segment.name, run * frames,
                              tuple(str(p) for p in run_paths)))

    @staticmethod
    def _verified(clips, skipped):
        bad = set(undecodable([p for clip in clips for p in clip.key]))
        kept = []
        for clip in clips:
            failing = [p for p in clip.key if p in bad]
            if failing:
                skipped.extend(Skipped(p, f"does not decode; clip {clip.video_id}/{clip.segment} "
                                          f"frames from {clip.start} left out") for p in failing)
            else:
                kept.append(clip)
        return kept

    def clip_name(self, clip):
        """The clip folder's path under the root: `<video>/<clip>` (or `<video>` for frames
        directly in a video folder)."""
        return Path(clip.key[0]).parent.relative_to(self.root).as_posix()

    def _paths(self):
        return np.array([clip.key for clip in self.clips], dtype=object).reshape(-1, self.frames)

    def load_clips(self, indices, to_square):
        paths = tf.constant(self._paths().astype(str))

        def load(index):
            frames = tf.map_fn(lambda p: to_square(decode_frame(tf.io.read_file(p))),
                               tf.gather(paths, index), fn_output_signature=tf.float32)
            return index, frames

        return indices.map(load, num_parallel_calls=tf.data.AUTOTUNE)

    def encoded_dataset(self):
        """(index, T encoded frames) in order, the files' bytes as they are: for lossless packing."""
        clips = tf.data.Dataset.from_tensor_slices((np.arange(len(self.clips)), self._paths()))
        return clips.map(lambda i, paths: (i, tf.map_fn(tf.io.read_file, paths)),
                         num_parallel_calls=tf.data.AUTOTUNE)


def clip_folder(root, clip):
    """Where `write_sky_layout` puts a clip's frames: root/<video_id>/<segment>/."""
    return Path(root) / clip.video_id / clip.segment


def write_sky_layout(source, root, resolution=None, crop=False, quality=95, progress=None):
    """Write every clip of `source` as JPEG frames in the Sky Timelapse layout under `root`.

    Frames keep their numbers within their segment, `<video_id>_frames_<8 digits>.jpg`, so a
    `SkyTimelapseSource` over `root` gives back the same clips in the same order.
    `resolution` resizes (or centre-crops, with `crop`) to square frames; None keeps the
    source's size. Returns the number of clips written.

    The tree is written under a temporary name beside `root` and renamed when complete, so
    a failure leaves no partial data set; `root` must not exist yet, or be empty.
    """
    root = require_new_folder(root, "the clips")
    encode = lambda frame: tf.io.encode_jpeg(frame, quality=quality)  # noqa: E731
    clips = encoded_clips(source, encode, resolution, crop).ignore_errors(log_warning=True)
    written = 0
    with atomic_path(root, directory=True) as temporary:
        for index, encoded in clips.as_numpy_iterator():
            clip = source.clips[index]
            folder = clip_folder(temporary, clip)
            folder.mkdir(parents=True, exist_ok=True)
            for offset, data in enumerate(encoded):
                (folder / f"{clip.video_id}_frames_{clip.start + offset:08d}.jpg").write_bytes(data)
            written += 1
            if progress:
                progress.update()
    return written
