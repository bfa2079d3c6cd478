"""Each clip's first frame as a photo, named as the clip, to make other videos from.

`mdgan-data first_frames` writes `<output>/<clip name>.png` (see `ClipSource.clip_name`) at
the frame's own size. `mdgan-generate --images_dir` turns that tree into videos in the same
layout, and `mdgan-evaluate --videos` scores them against the clips they started from.
"""

import tensorflow as tf

from mdgan_tf.data.source import DataError, stops_as_data_errors
from mdgan_tf.fileio import atomic_path, require_new_folder


@stops_as_data_errors()
def write_first_frames(source, root, progress=None):
    """Write the first frame of every clip of `source` that starts its folder or file (the
    frame a method's video is made from) as PNG under `root`. Returns how many it wrote.

    The tree is written under a temporary name and renamed when complete; `root` must not
    exist yet, or be empty.
    """
    root = require_new_folder(root, "the first frames")
    starts = source.starting_clips()
    if not starts.clips:
        raise DataError(f"{source.description or source.kind}: no clip starts a folder or file")
    frames = starts.clip_dataset(lambda frames: tf.cast(frames, tf.float32))
    written = 0
    with atomic_path(root, directory=True) as temporary:
        for index, clip in frames.as_numpy_iterator():
            path = temporary / f"{starts.clip_name(starts.clips[index])}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(tf.io.encode_png(clip[0].round().astype("uint8")).numpy())
            written += 1
            if progress:
                progress.update()
    return written
