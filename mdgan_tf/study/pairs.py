"""Which videos a study compares: two folders made from the same photos, matched by name."""

import dataclasses
import logging
from pathlib import Path

from mdgan_tf.errors import FileGivenError, InputError

# What a browser's <video> plays; a GIF is an image, not a video, to a browser.
PLAYABLE_SUFFIXES = (".mp4", ".webm")


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Two conditions (say, stage I and stage II) and the videos they share by name:
    `videos[name] = (path under condition a, path under condition b)`."""

    label_a: str
    label_b: str
    videos: dict

    @property
    def names(self):
        return sorted(self.videos)


def match_videos(folder_a, folder_b, labels=None):
    """Pair the videos of two folders by file name without suffix (`sky1.mp4` with
    `sky1.webm`). Videos in only one folder are left out with a warning; none in common
    is an error. `labels`: the two conditions' names (default: the folders' names)."""
    found = [_videos(folder) for folder in (folder_a, folder_b)]
    if labels is None:
        labels = (Path(folder_a).resolve().name, Path(folder_b).resolve().name)
    labels = tuple(str(label).strip() for label in labels)
    if len(labels) != 2 or not all(labels) or labels[0] == labels[1]:
        raise InputError(f"the two conditions need two different, non-empty labels, got "
                         f"{labels!r}; name them with --labels")
    common = sorted(found[0].keys() & found[1].keys())
    if not common:
        raise InputError(f"{folder_a} and {folder_b} have no videos of the same name "
                         f"({'/'.join(PLAYABLE_SUFFIXES)}); a study compares videos of the "
                         f"same photos")
    alone = sorted(found[0].keys() ^ found[1].keys())
    if alone:
        logging.warning("%d videos are in only one folder and left out: %s", len(alone),
                        ", ".join(alone[:5]) + (", ..." if len(alone) > 5 else ""))
    return Comparison(labels[0], labels[1],
                      {name: (found[0][name], found[1][name]) for name in common})


def _videos(folder):
    folder = Path(folder)
    if not folder.is_dir():
        raise FileGivenError(f"{folder}: not a folder of videos")
    videos = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in PLAYABLE_SUFFIXES and path.is_file():
            if path.stem in videos:
                raise InputError(f"{folder}: two videos are named {path.stem!r} "
                                 f"({videos[path.stem].name}, {path.name}); keep one")
            videos[path.stem] = path
    return videos
