"""Real clips beside other methods' videos of the same first frames: a PNG grid to look at.

One row per clip: the photo (frame 0 of the real clip), then for the real clip and each
--videos folder (laid out as `mdgan-evaluate --videos` reads them) the frames listed in
--frames, each resized to --resolution. Clips a folder has no video for stay grey.

    python examples/compare_grid.py --data sky_test --first_clip_only --clips 6 \\
        --videos theirs=their_outputs --videos ours=our_outputs --output grid.png
"""

import numpy as np
from absl import app, flags
from PIL import Image

from mdgan_tf.data import open_source
from mdgan_tf.data.pipeline import square_frames
from mdgan_tf.evaluation import VideoFolder, parse_videos_flag
from mdgan_tf.evaluation.video_folders import read_given_video

FLAGS = flags.FLAGS
flags.DEFINE_string("data", None, "The real clips (any source mdgan-evaluate --data takes).",
                    required=True)
flags.DEFINE_boolean("first_clip_only", False, "Sky Timelapse folders: first T frames only.")
flags.DEFINE_multi_string("videos", [], "NAME=DIR, as mdgan-evaluate --videos.")
flags.DEFINE_integer("clips", 6, "Source videos to show (a row per clip), the first ones.")
flags.DEFINE_list("frames", ["0", "10", "20", "31"], "Frames shown per video.")
flags.DEFINE_integer("length", 32, "Clip length T.")
flags.DEFINE_integer("resolution", 128, "Size of each panel.")
flags.DEFINE_string("output", "compare_grid.png", "Where to write the grid.")

GAP = 4


def main(_):
    source = open_source(FLAGS.data, FLAGS.length, FLAGS.resolution,
                         first_clip_only=FLAGS.first_clip_only).starting_clips()
    source.check_usable()
    sample = source.subset(source.videos()[:FLAGS.clips])
    folders = [VideoFolder(*parse_videos_flag(v)) for v in FLAGS.videos]
    coverage = [folder.coverage(source, sample).videos for folder in folders]
    times = [int(t) for t in FLAGS.frames]
    to_square = square_frames(FLAGS.resolution)
    r = FLAGS.resolution
    blank = np.full((r, r, 3), 128, np.uint8)
    rows = []
    for index, real in sample.clip_dataset(to_square).as_numpy_iterator():
        real = real.round().astype(np.uint8)
        groups = [[real[0]], [real[t] for t in times]]
        for videos in coverage:
            if index in videos:
                video = to_square(read_given_video(videos[index], FLAGS.length)).numpy()
                groups.append([video[t].round().astype(np.uint8) for t in times])
            else:
                groups.append([blank] * len(times))
        panels = []
        for group in groups:
            panels += group + [np.full((r, GAP, 3), 255, np.uint8)]
        rows.append(np.concatenate(panels[:-1], axis=1))
    grid = np.concatenate([np.concatenate([row, np.full((GAP, row.shape[1], 3), 255, np.uint8)])
                           for row in rows])
    Image.fromarray(grid).save(FLAGS.output)
    names = ["photo", "real"] + [folder.name for folder in folders]
    print(f"{FLAGS.output}: {len(rows)} clips; columns: {' | '.join(names)}, frames {times}")


if __name__ == "__main__":
    app.run(main)
