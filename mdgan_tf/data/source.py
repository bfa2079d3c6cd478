"""What every clip source has in common: its clips in order, what it skipped, and subsets.

A source knows its clips before any pixel is decoded (a list of `Clip`s), so splits,
summaries and shuffling work on that list, and only the clips actually used get decoded.
Bad items are found while the list is built, counted in `skipped`, and reported in one
warning, so training never meets them mid-epoch.
"""

import dataclasses
import logging

logger = logging.getLogger("mdgan_tf.data")

# How many skipped items one warning names before it says "and N more".
_NAMED_IN_WARNING = 50


class DataError(ValueError):
    """A data source that cannot be used at all: missing, empty, or with no usable clip."""


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


class ClipSource:
    """Base of the sources: `clips`, `skipped`, `frames`, and a way to decode clips.

    Subclasses fill `clips` and `skipped` in their constructor and implement
    `clip_dataset`, which decodes clips into frames of the model's square size.
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

    def subset(self, video_ids):
        """The same source restricted to the clips of `video_ids` (order kept)."""
        keep = set(video_ids)
        other = object.__new__(type(self))
        other.__dict__.update(self.__dict__)
        other.clips = [clip for clip in self.clips if clip.video_id in keep]
        other.skipped = []
        return other

    def clip_dataset(self, to_square, shuffle, seed):
        """A dataset of clips, T x R x R x 3 float32 in 0..255, `to_square` applied to frames.

        With `shuffle`, the order changes every epoch (seeded); without, it is `clips`'
        order. `to_square` maps frames (... x H x W x 3, uint8) to the model's size.
        """
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
