"""mdgan-data: make, convert, pack and inspect time-lapse clip data.

    mdgan-data synthesize --output data/synthetic --videos 64 --resolution 128
    mdgan-data import_videos --data my_videos/ --output data/mine --stride 4
    mdgan-data pack --data data/sky_train --output data/sky_train_tfrecords --resolution 128
    mdgan-data summary --data data/sky_test --verify
    mdgan-data first_frames --data data/sky_test --first_clip_only --output photos/

`--data` is what `mdgan-train --data` takes: `synthetic[:options]`, a Sky Timelapse folder,
video files, or TFRecord shards.
"""

import json

from absl import app, flags
from tqdm import tqdm

# The data package's names import on first use (mdgan_tf.lazy): --help needs none of them.
from mdgan_tf import data
from mdgan_tf.cli.flags import define_clip_reading, define_data
from mdgan_tf.cli.runner import run_main
from mdgan_tf.data.spec import check_spec
from mdgan_tf.errors import InputError
from mdgan_tf.fileio import check_can_write, require_new_folder

COMMANDS = ("synthesize", "import_videos", "pack", "summary", "first_frames")
READS = ("import_videos", "pack", "summary", "first_frames")     # take --data
WRITES = ("synthesize", "import_videos", "pack", "first_frames")  # take --output

FLAGS = flags.FLAGS
define_data()
define_clip_reading()
flags.DEFINE_string("output", None, "Folder to write (synthesize, import_videos, pack, "
                    "first_frames).")
flags.DEFINE_integer("frames", 32, "Frames per clip (T).")
flags.DEFINE_integer("resolution", 0, "Square frame size to write; 0 keeps the source's "
                     "(synthesize: 0 means 128).")
flags.DEFINE_integer("videos", 64, "synthesize: number of videos.")
flags.DEFINE_integer("clips_per_video", 4, "synthesize: clips per video.")
flags.DEFINE_integer("seed", 0, "synthesize: scene seed; pack --split: split seed.")
flags.DEFINE_integer("sky_version", 2, "synthesize: the sky generator's version (1: the data "
                     "the 64x64 model was trained on; 3: clouds in perspective that form "
                     "and thin).")
flags.DEFINE_float("sky_heading", None, "synthesize: blow every wind within 30 degrees of "
                   "this heading (0: left to right, 90: downwards); unset: any way.")
flags.DEFINE_boolean("verify", False, "Sky Timelapse folders: decode every frame while "
                     "scanning, not only check each file's ends.")
flags.DEFINE_integer("shards", 0, "pack: number of shards; 0 = one per 256 clips.")
flags.DEFINE_enum("image_format", None, ["as-is", "png", "jpeg"], "pack: how frames are "
                  "stored; default copies JPEG/PNG files as they are, else PNG.")
flags.DEFINE_integer("quality", 95, "JPEG quality for frames that are encoded.")
flags.DEFINE_enum("split", "all", ["all", "train", "validation", "test"], "pack: only this "
                  "split of the source (by video; 90/5/5 with --seed).")
flags.DEFINE_boolean("json", False, "summary: print JSON.")


def _source():
    return data.open_source(FLAGS.data, FLAGS.frames, FLAGS.resolution or 128,
                            stride=FLAGS.stride, first_clip_only=FLAGS.first_clip_only,
                            verify=FLAGS.verify)


def synthesize():
    source = data.SyntheticSkySource(FLAGS.videos, FLAGS.clips_per_video, FLAGS.frames,
                                     FLAGS.resolution or 128, FLAGS.seed, FLAGS.sky_version,
                                     FLAGS.sky_heading)
    with tqdm(total=len(source), desc="synthesize", unit="clips") as progress:
        written = data.write_sky_layout(source, FLAGS.output, progress=progress,
                                        quality=FLAGS.quality)
    print(f"wrote {written} clips of {FLAGS.videos} videos to {FLAGS.output}")


def import_videos():
    source = data.VideoFileSource(FLAGS.data, FLAGS.frames, FLAGS.stride)
    with tqdm(total=len(source), desc="import", unit="clips") as progress:
        written = data.write_sky_layout(source, FLAGS.output, FLAGS.resolution or None,
                                        FLAGS.crop, FLAGS.quality, progress)
    print(f"wrote {written} clips of {len(source.videos())} videos to {FLAGS.output}"
          + (f"; skipped {len(source.skipped)} file(s)" if source.skipped else ""))


def pack():
    source = _source()
    if FLAGS.split != "all":
        source = data.split_by_video(source, seed=FLAGS.seed)[FLAGS.split]
    with tqdm(total=len(source), desc="pack", unit="clips") as progress:
        manifest = data.write_tfrecords(source, FLAGS.output, FLAGS.shards or None,
                                        FLAGS.resolution or None, FLAGS.crop,
                                        FLAGS.image_format, FLAGS.quality, progress)
    clips = sum(len(s["clips"]) for s in manifest["shards"])
    print(f"packed {clips} clips into {len(manifest['shards'])} shard(s) in {FLAGS.output}"
          + (f"; {len(manifest['skipped'])} item(s) skipped" if manifest["skipped"] else ""))


def summary():
    source = _source()
    counts = source.summary()
    if FLAGS.json:
        print(json.dumps({**counts, "skipped_items": [str(s) for s in source.skipped]}, indent=1))
        return
    for name, value in counts.items():
        print(f"{name:>20}: {value}")
    for item in source.skipped:
        print(f"  skipped {item}")


def first_frames():
    """Each clip's first frame as <output>/<clip name>.png, to make videos from (mdgan-generate
    --images_dir) and score them against the clips (mdgan-evaluate --videos)."""
    source = _source().starting_clips()
    with tqdm(total=len(source), desc="first frames", unit="clips") as progress:
        written = data.write_first_frames(source, FLAGS.output, progress)
    print(f"wrote the first frames of {written} clips to {FLAGS.output}")


def check_request(command):
    """The flags, --data's spec and whether --output can be written, before TensorFlow
    loads: a mistake is one line in a fraction of a second."""
    if command in READS and not FLAGS.data:
        raise app.UsageError(f"{command} needs --data"
                             + (" (a video file or a folder of them)"
                                if command == "import_videos" else ""))
    if command in WRITES and not FLAGS.output:
        raise app.UsageError(f"{command} needs --output")
    for name, least in (("frames", 1), ("videos", 1), ("clips_per_video", 1), ("stride", 1),
                        ("resolution", 0), ("shards", 0)):
        if FLAGS[name].value < least:
            raise InputError(f"--{name} must be {'positive' if least else '0 or more'}, got "
                             f"{FLAGS[name].value}")
    if not 1 <= FLAGS.quality <= 100:
        raise InputError(f"--quality must be 1 to 100, got {FLAGS.quality}")
    if command in READS:
        check_spec(FLAGS.data)
    if command in WRITES:
        if command != "pack":   # pack adds shards to a folder that holds none yet
            require_new_folder(FLAGS.output, "the first frames" if command == "first_frames"
                               else "the clips")
        check_can_write(FLAGS.output)


def main(command):
    globals()[command]()


def run():
    run_main(main, COMMANDS, precheck=check_request)


if __name__ == "__main__":
    run()
