"""From what a user types after `--data` to a clip source.

`check_spec` says what is wrong with a spec without opening anything, and without
TensorFlow (which every source loads): a binary refuses a bad `--data` at once.
"""

import glob
from pathlib import Path

from mdgan_tf.errors import InputError, MissingFileError

_SYNTHETIC_OPTIONS = {"videos": int, "clips_per_video": int, "seed": int, "size": int,
                      "version": int, "heading": float}


def synthetic_options(spec):
    """The options of a `synthetic[:name=value,...]` spec, or None for any other spec."""
    if not (spec == "synthetic" or spec.startswith("synthetic:")):
        return None
    options = {}
    for item in filter(None, spec.partition(":")[2].split(",")):
        name, _, value = item.partition("=")
        try:
            options[name] = _SYNTHETIC_OPTIONS[name](value)
        except (KeyError, ValueError):
            raise InputError(f"bad synthetic option {item!r}; known: "
                             f"{', '.join(_SYNTHETIC_OPTIONS)} (as name=value)") from None
    return options


def _is_shards(spec):
    return (glob.has_magic(spec) and not Path(spec).exists()) or spec.endswith(".tfrecord")


def check_spec(spec):
    """Raise, naming it, for a spec that cannot name a source: a bad synthetic option, or a
    path that does not exist."""
    spec = str(spec)
    if synthetic_options(spec) is None and not _is_shards(spec) and not Path(spec).exists():
        raise MissingFileError(f"{spec}: no such file or directory (nor 'synthetic')")


def open_source(spec, frames=32, resolution=128, *, stride=1, first_clip_only=False,
                verify=False):
    """A clip source from `spec`:

    - `synthetic`, or `synthetic:videos=64,clips_per_video=4,seed=0,size=128,version=2`:
      procedural skies (size defaults to `resolution`; version 1 is the generator the
      64x64 model was trained on, version 3 adds perspective and clouds that form and
      thin; `heading=0` makes all winds blow left to right, within 30 degrees);
    - a folder of TFRecord shards, or a glob such as `data/train/*.tfrecord`;
    - a video file, or a folder with video files in it (`stride` keeps every n-th frame);
    - otherwise a folder in the Sky Timelapse layout (`first_clip_only`: the authors' test
      protocol; `verify`: decode every frame while scanning).
    """
    # The sources load TensorFlow: imported only when one is opened.
    from mdgan_tf.data.sky_folders import SkyTimelapseSource
    from mdgan_tf.data.source import DataError
    from mdgan_tf.data.synthetic import SyntheticSkySource
    from mdgan_tf.data.tfrecords import TFRecordSource
    from mdgan_tf.data.video_files import VIDEO_SUFFIXES, VideoFileSource, video_files

    spec = str(spec)
    check_spec(spec)
    options = synthetic_options(spec)
    if options is not None:
        return SyntheticSkySource(frames=frames, **{"size": resolution, **options})
    if _is_shards(spec):
        return TFRecordSource(spec, frames)
    path = Path(spec)
    if path.is_file():
        if path.suffix.lower() not in VIDEO_SUFFIXES:
            raise DataError(f"{spec} is a file but not a video ({', '.join(VIDEO_SUFFIXES)}) "
                            f"or TFRecord shard")
        return VideoFileSource(path, frames, stride)
    if any(path.glob("*.tfrecord")):
        return TFRecordSource(path, frames)
    if video_files(path):
        return VideoFileSource(path, frames, stride)
    return SkyTimelapseSource(path, frames, first_clip_only=first_clip_only, verify=verify)
