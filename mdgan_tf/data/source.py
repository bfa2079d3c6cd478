"""What every clip source has in common: its clips in order, what it skipped, and subsets.

A source knows its clips before any pixel is decoded (a list of `Clip`s), so splits,
summaries and shuffling work on that list, and only the clips actually used get decoded.
Bad items are found while the list is built, counted in `skipped`, and reported in one
warning, so training never meets them mid-epoch.
"""

import contextlib
import copy
import dataclasses
import logging

import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError, one_line

logger = logging.getLogger("mdgan_tf.data")

# How many skipped items one warning names before it says "and N more".
_NAMED_IN_WARNING = 50


class DataError(InputError):
    """A data source that cannot be used at all: missing, empty, or with no usable clip."""


# What a clip stream's own stop says (`ClipSource.clip_dataset`).
UNDECODABLE = "no clip could be decoded"


@contextlib.contextmanager
def stops_as_data_errors():
    """Within the block, a clip stream that stopped because no clip decodes (TensorFlow's
    InvalidArgumentError, raised from inside tf.data) is a `DataError`, told in one line."""
    try:
        yield
    except tf.errors.InvalidArgumentError as error:
        if UNDECODABLE not in (error.message or ""):
            raise
        raise DataError(one_line(error)) from None


@dataclasses.dataclass(frozen=True)
class Clip:
    """One T-frame clip: which source video it comes from and where it starts.

    `segment` is the clip folder (Sky Timelapse) or file the frames come from, `start` the
    index of the clip's first frame in it. `key` is what the source needs to load the clip
    (frame paths, a file name, a synthetic video number).
    """

    video_id: str
    segment: str
    start: int
    key: tuple = ()


@dataclasses.dataclass(frozen=True)
class Skipped:
    """An item left out, and why."""

    item: str
    reason: str

    def __str__(self):
        return f"{self.item} ({self.reason})"


def epoch_passes(epochs, one_pass):
    """`one_pass(epoch)` for epoch 0, 1, ... `epochs` - 1 (forever if None), one after another."""
    passes = tf.data.Dataset.range(epochs) if epochs else tf.data.Dataset.counter()
    return passes.flat_map(one_pass)


def clip_order(count, shuffle, seed, epochs):
    """Indices 0..count-1 once per epoch, each epoch shuffled by (seed, epoch) if `shuffle`."""

    def one_pass(epoch):
        order = tf.range(count, dtype=tf.int64)
        if shuffle:
            key = tf.stack([tf.constant(seed, tf.int64), epoch])
            order = tf.random.experimental.stateless_shuffle(order, seed=key)
        return tf.data.Dataset.from_tensor_slices(order)

    return epoch_passes(epochs, one_pass)


class ClipSource:
    """Base of the sources: `clips`, `skipped`, `frames`, and a way to decode clips.

    Subclasses fill `clips` and `skipped` in their constructor and implement `load_clips`,
    which decodes clips (by index) into frames of the model's square size.
    """

    kind = "source"

    def __init__(self, frames, clips, skipped=(), description=""):
        self.frames = int(frames)
        self.clips = list(clips)
        self.skipped = list(skipped)
        self.description = description

    def __len__(self):
        return len(self.clips)

    def videos(self):
        """Source video ids in the order their first clip appears."""
        return list(dict.fromkeys(clip.video_id for clip in self.clips))

    def clip_name(self, clip):
        """Where the video made from `clip`'s first frame sits in a folder that mirrors this
        source: a relative path without suffix (`<video>/<clip>`); see `mdgan-evaluate
        --videos` and `mdgan-data first_frames`."""
        return f"{clip.video_id}/{clip.segment}"

    def subset(self, video_ids):
        """The same source restricted to the clips of `video_ids` (order kept)."""
        keep = set(video_ids)
        return self._with_clips([clip for clip in self.clips if clip.video_id in keep])

    def sample(self, count, seed=0):
        """`count` clips drawn without replacement, the same ones for the same seed, kept in
        source order; all clips when there are no more than `count`."""
        if count >= len(self.clips):
            return self._with_clips(self.clips)
        chosen = np.random.default_rng(seed).choice(len(self.clips), count, replace=False)
        return self._with_clips([self.clips[i] for i in sorted(chosen)])

    def winds(self):
        """Each clip's wind, float32 of len(clips) x 2: its heading, in degrees in the image
        (0: left to right, 90: downwards), and its speed, the mean over the sky's pixels,
        in frame widths per frame; NaN where the source does not know them (real footage).
        What a G1 told the wind (`modeling.wind`) and charged its speed
        (`TrainingConfig.speed_weight`) is trained with."""
        return np.full((len(self.clips), 2), np.nan, np.float32)

    def starting_clips(self):
        """The same source with only the clips that start their folder or file: those whose
        first frame is the one a photo-to-video method is given (see `clip_name`)."""
        return self._with_clips([clip for clip in self.clips if clip.start == 0])

    def _with_clips(self, clips):
        other = copy.copy(self)
        other.clips = clips
        other.skipped = []
        return other

    def clip_dataset(self, to_square, shuffle=False, seed=0, epochs=1, skip=0):
        """(index into `clips`, T x R x R x 3 float32 in 0..255) for `epochs` passes.

        `to_square` maps frames (... x H x W x 3, uint8) to the model's size. With
        `shuffle`, epoch e visits the clips in an order that depends only on (seed, e);
        without, in `clips`' order. `epochs=None` repeats forever. `skip` leaves out the
        first clips of that stream before any is decoded, so a resumed run picks up where
        it stopped at no cost.

        A clip that fails to decode (a file damaged or changed after the scan) is left out
        with a logged warning. When as many clips in a row fail as the source holds, a
        whole epoch's worth, the stream stops with an InvalidArgumentError saying so:
        skipping bad clips of an endless stream in which every clip is bad would
        otherwise spin for ever.
        """
        order = clip_order(len(self.clips), shuffle, seed, epochs).skip(skip)
        attempts = order.interleave(self._attempt(to_square), block_length=1,
                                    num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
        limit = tf.constant(max(len(self.clips), 1), tf.int64)
        where = self.description or self.kind

        def count_failures(in_row, attempt):
            decoded, index, frames = attempt
            in_row = tf.where(decoded, tf.constant(0, tf.int64), in_row + 1)
            check = tf.debugging.assert_less(
                in_row, limit, message=f"{where}: {UNDECODABLE}: {len(self.clips)} "
                f"failures in a row, as many as it has clips (the warnings above say why); "
                f"check the files")
            with tf.control_dependencies([check]):
                return in_row, (tf.identity(decoded), index, frames)

        return (attempts.scan(tf.constant(0, tf.int64), count_failures)
                .filter(lambda decoded, index, frames: decoded)
                .map(lambda decoded, index, frames: (index, frames)))

    def _attempt(self, to_square):
        """index -> a one-element dataset: (True, index, frames), or (False, index, no
        frames) if decoding failed."""
        probe = self.load_clips(tf.data.Dataset.from_tensors(tf.constant(0, tf.int64)), to_square)
        frames_spec = probe.element_spec[1]
        empty = [0 if size is None else size for size in frames_spec.shape]

        def attempt(index):
            clip = self.load_clips(tf.data.Dataset.from_tensors(index), to_square)
            decoded = clip.ignore_errors(log_warning=True).map(
                lambda i, frames: (tf.constant(True), i, frames))
            failed = tf.data.Dataset.from_tensors(
                (tf.constant(False), index, tf.zeros(empty, frames_spec.dtype)))
            return decoded.concatenate(failed).take(1)

        return attempt

    def load_clips(self, indices, to_square):
        """A dataset of indices into `clips` -> a dataset of (index, square frames)."""
        raise NotImplementedError

    def summary(self):
        """Counts for people: videos, clips, frames, skipped items."""
        return {
            "source": self.description or self.kind,
            "videos": len(self.videos()),
            "clips": len(self.clips),
            "frames": len(self.clips) * self.frames,
            "skipped": len(self.skipped),
        }

    def check_usable(self):
        """Warn once about skipped items; fail when no clip is left."""
        if self.skipped:
            named = ", ".join(str(s) for s in self.skipped[:_NAMED_IN_WARNING])
            more = len(self.skipped) - _NAMED_IN_WARNING
            logger.warning(
                "%s: skipped %d item(s): %s%s", self.description or self.kind,
                len(self.skipped), named, f", and {more} more" if more > 0 else "",
            )
        if not self.clips:
            reasons = f"; skipped: {len(self.skipped)} item(s)" if self.skipped else ""
            raise DataError(
                f"{self.description or self.kind} has no usable clip of {self.frames} "
                f"frames{reasons}"
            )
        return self
