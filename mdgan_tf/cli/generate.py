"""mdgan-generate: make a sky time-lapse from a photo.

The photo keeps its own size (its longer side at most --max_side) and its sky moves along
the motion of the model's video; --size model gives the model's own square video instead.

    mdgan-generate                                   # the example photo, the shipped model
    mdgan-generate --image photo.jpg --output timelapse.gif --frames 64
    mdgan-generate --image photo.jpg --output loop.mp4 --loop --speed 2
    mdgan-generate --image photo.jpg --output frames/ --grid   # input | stage I | stage II
    mdgan-generate --images_dir photos/ --output videos/ --format webm
    mdgan-generate --image photo.jpg --slide 0.5 --frames 128   # no model: a constant slide
    mdgan-generate --image photo.jpg --write_sky_mask found.png   # the sky found, to edit
    mdgan-generate --image photo.jpg --sky_mask sky.png   # white where the sky is

`--model` takes a preset name, a model directory or a URL (see MDGANBackbone.from_preset).
"""

import os
import sys
import time
from pathlib import Path

from absl import app, flags, logging

# These packages' names import on first use (mdgan_tf.lazy): --help needs only the plain
# values of the formats and limits modules.
from mdgan_tf import animation, inference
from mdgan_tf.cli.flags import check_model, define_max_pixels, define_model, define_stage
from mdgan_tf.cli.runner import run_main
from mdgan_tf.errors import InputError, MissingFileError
from mdgan_tf.fileio import check_can_write
from mdgan_tf.hub.shipped import example_photo
from mdgan_tf.inference.formats import SIZES, VIDEO_FORMATS, output_kind, stored_size
from mdgan_tf.preprocessing.limits import (
    DEFAULT_MAX_VIDEO_MB, MAX_SIDE, MAX_SPEED, MIN_SIDE, check_max_side, check_photo_size,
    check_slide_speed, check_speed,
)
from mdgan_tf.preprocessing.given_sky import check_mask_file
from mdgan_tf.preprocessing.photo_file import check_photo_file

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".gif")
IMAGE_FORMATS = "JPEG, PNG, BMP or GIF (its first frame)"

FLAGS = flags.FLAGS
flags.DEFINE_string("image", None, f"A photo of any size: {IMAGE_FORMATS} (default: the "
                    "shipped example photo).")
flags.DEFINE_string("images_dir", None, f"A folder of photos ({', '.join(IMAGE_SUFFIXES)}; "
                    "subfolders too): one video each, written into --output as a folder, in "
                    "the same subfolders.")
define_model()
flags.DEFINE_string("sha256", None, "Expected SHA-256 of a URL model's weights.")
flags.DEFINE_boolean("force_download", False, "Download a URL model again.")
flags.DEFINE_string("output", "timelapse.mp4", ".mp4, .gif or .webm file, or a folder (no "
                    "suffix) of PNG frames; with --images_dir, a folder.")
flags.DEFINE_enum("format", "mp4", [s[1:] for s in VIDEO_FORMATS] + ["png"],
                  "--images_dir: what each video is written as.")
define_stage("2", "1: Base-Net only; 2: Base-Net then Refine-Net.")
flags.DEFINE_integer("fps", 25, "Frames per second of the video file.")
flags.DEFINE_integer("frames", 0, "Video length; 0: the model's clip length (T). Longer "
                     "videos chain clips, each starting from the last frame of the one before.")
flags.DEFINE_boolean("grid", False, "Input | stage I | stage II side by side (at the "
                     "photo's size, input | moved where both stages share one motion).")
flags.DEFINE_enum("size", "photo", list(SIZES), "photo: the photo at its own size and aspect "
                  "ratio, its sky moved along the model's motion; model: the model's own "
                  "square video.")
flags.DEFINE_integer("max_side", MAX_SIDE, "--size photo: the longest side of the video, in "
                     f"pixels ({MIN_SIDE} or more); a larger photo is shrunk to it.")
flags.DEFINE_float("speed", 1.0, "--size photo: scales the motion, from 0 (still) to "
                   f"{MAX_SPEED}; 2: twice as fast.")
flags.DEFINE_boolean("loop", False, "--size photo: the last frame flows into the first, for "
                     "endless playback.")
flags.DEFINE_float("wind", None, "For a model that can be told the wind: the heading its "
                   "sky moves towards, in degrees (0: left to right, 180: right to left, "
                   "90: downwards); default: the model chooses. At the photo's size only "
                   "its part along the horizon is drawn.")
flags.DEFINE_float("slide", None, "No model: the photo's sky slid sideways at this speed, "
                   "in percent of the photo's width per frame (negative: to the left), "
                   "rendered as the model's drift is (faster high in the sky). The row that "
                   "shows what a model adds; --frames defaults to 32.")
flags.DEFINE_string("sky_mask", None, "--size photo, one photo: an image of the photo's "
                    "shape (any size), white where its sky is: the sky to move, for a photo "
                    "whose sky is found wrongly (a band of clouds held still).")
flags.DEFINE_string("write_sky_mask", None, "--size photo, one photo: also write the sky found "
                    "on the photo (white; with the ground it frees as sky) to this PNG, to "
                    "edit and give back with --sky_mask.")
define_max_pixels()
flags.DEFINE_integer("max_video_mb", None, "Largest amount of memory a video's frames may "
                     "hold at once, in MB (the model's video; a GIF's frames); default "
                     f"$MDGAN_MAX_VIDEO_MB or {DEFAULT_MAX_VIDEO_MB}. Longer videos are "
                     "refused before they are made.", lower_bound=1)
PROGRESS_EVERY = 10.0   # seconds between progress lines while a video is written


class Progress:
    """A frame sequence (with `shape`) passed through unchanged, with a line on stderr
    every `every` seconds while it is consumed: a long video says how far it has got."""

    def __init__(self, frames, label, every=PROGRESS_EVERY, clock=time.monotonic):
        self.frames, self.label, self.every, self.clock = frames, label, every, clock
        self.shape = tuple(frames.shape)

    def __len__(self):
        return self.shape[0]

    def __iter__(self):
        start = shown = self.clock()
        for done, frame in enumerate(self.frames, 1):
            yield frame
            now = self.clock()
            if now - shown >= self.every and done < len(self):
                left = (now - start) / done * (len(self) - done)
                print(f"{self.label}: {done:,} of {len(self):,} frames, about {left:,.0f} s "
                      f"left", file=sys.stderr, flush=True)
                shown = now


def generate_file(model, image_path, output, image=None):
    """`model`: a `PhotoAnimator`, or None for a slide (--slide)."""
    image = inference.read_image(image_path, FLAGS.max_pixels) if image is None else image
    check_photo_size(image.shape, str(image_path))
    if FLAGS.write_sky_mask:
        written = inference.write_found_sky(FLAGS.write_sky_mask, image)
        print(f"{image_path}: the sky found -> {written}")
    if model is None:
        video = animation.slide_timelapse(
            image, FLAGS.slide, frames=FLAGS.frames or animation.SLIDE_FRAMES,
            loop=FLAGS.loop, max_side=FLAGS.max_side, max_pixels=FLAGS.max_pixels,
            sky_mask=FLAGS.sky_mask)
    else:
        video = inference.timelapse(model, image, frames=FLAGS.frames or None,
                                    stage=int(FLAGS.stage), grid=FLAGS.grid, size=FLAGS.size,
                                    speed=FLAGS.speed, loop=FLAGS.loop,
                                    max_side=FLAGS.max_side, max_pixels=FLAGS.max_pixels,
                                    wind=FLAGS.wind, sky_mask=FLAGS.sky_mask)
    inference.write_video(output, Progress(video, f"mdgan-generate: {output}"), FLAGS.fps)
    width, height = stored_size(output, *video.shape[2:0:-1])
    print(f"{image_path} -> {output} ({len(video)} frames, {width}x{height}, {FLAGS.fps} fps)")


def generate_folder(model, images_dir, out_dir):
    """One video per photo, in the same subfolder of `out_dir` as the photo's in
    `images_dir` (so the videos of a tree of first frames mirror it, as `mdgan-evaluate
    --videos` reads them). Photos that cannot be read (undecodable, too large or too small,
    no read permission, a broken link) are skipped and counted; a failure to write stops
    the run."""
    images_dir, out_dir = Path(images_dir), Path(out_dir)
    photos = sorted(p for p in images_dir.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES
                    and out_dir.resolve() not in p.resolve().parents)
    if not photos:
        raise InputError(f"{images_dir}: no {', '.join(IMAGE_SUFFIXES)} files")
    suffix = "" if FLAGS.format == "png" else f".{FLAGS.format}"
    skipped = []
    for photo in photos:
        try:
            image = inference.read_image(photo, FLAGS.max_pixels)
            check_photo_size(image.shape, str(photo))
        except (ValueError, OSError) as error:
            skipped.append(str(error))
            continue
        output = out_dir / photo.relative_to(images_dir).parent / f"{photo.stem}{suffix}"
        generate_file(model, photo, output, image)
    if skipped:
        logging.warning("skipped %d of %d photos:\n  %s", len(skipped), len(photos),
                        "\n  ".join(skipped))
    print(f"{len(photos) - len(skipped)} videos written to {out_dir}, {len(skipped)} photos "
          f"skipped")


def check_request():
    """Everything about the request that needs no TensorFlow, before it loads: the flags,
    the photo file (or the folder of them) and whether the output can be written."""
    if FLAGS.image and FLAGS.images_dir:
        raise app.UsageError("pass --image or --images_dir, not both")
    if FLAGS.frames < 0:
        raise InputError(f"--frames must be 0 (the model's clip length) or more, got "
                         f"{FLAGS.frames}")
    if FLAGS.fps <= 0:
        raise InputError(f"--fps must be positive, got {FLAGS.fps}")
    check_speed(FLAGS.speed, "--speed")
    if FLAGS.slide is not None:
        moved_by_model = [f"--{name}" for name, default in
                          (("grid", False), ("size", "photo"), ("speed", 1.0),
                           ("wind", None))
                          if getattr(FLAGS, name) != default]
        if moved_by_model:
            raise app.UsageError(f"--slide uses no model: drop {', '.join(moved_by_model)}")
        check_slide_speed(FLAGS.slide, "--slide")
    check_max_side(FLAGS.max_side, "--max_side")
    if FLAGS.slide is None:
        check_model(FLAGS.model)
    if FLAGS.max_video_mb:
        os.environ["MDGAN_MAX_VIDEO_MB"] = str(FLAGS.max_video_mb)
    for mask in ("sky_mask", "write_sky_mask"):
        if getattr(FLAGS, mask) and (FLAGS.images_dir or FLAGS.size == "model"):
            raise app.UsageError(f"--{mask} is one photo's sky, moved at its own size: not "
                                 f"with --images_dir or --size model")
    if FLAGS.write_sky_mask:
        if Path(FLAGS.write_sky_mask).suffix.lower() != ".png":
            raise InputError(f"--write_sky_mask writes a PNG: name a .png file, got "
                             f"{FLAGS.write_sky_mask}")
        check_can_write(FLAGS.write_sky_mask)
    if FLAGS.images_dir:
        if not Path(FLAGS.images_dir).is_dir():
            raise MissingFileError(f"{FLAGS.images_dir}: no such folder of photos")
    else:   # a bad suffix or place fails before the model loads
        output_kind(FLAGS.output)
        check_photo_file(FLAGS.image or example_photo(), FLAGS.max_pixels)
        if FLAGS.sky_mask:
            check_mask_file(FLAGS.sky_mask, FLAGS.image or example_photo())
    check_can_write(Path(FLAGS.output) / "video" if FLAGS.images_dir else FLAGS.output)


def main():
    model = None if FLAGS.slide is not None else animation.PhotoAnimator.from_preset(
        FLAGS.model, sha256=FLAGS.sha256, force_download=FLAGS.force_download)
    if FLAGS.images_dir:
        generate_folder(model, FLAGS.images_dir, FLAGS.output)
    else:
        generate_file(model, FLAGS.image or example_photo(), FLAGS.output)


def run():
    run_main(main, precheck=check_request)


if __name__ == "__main__":
    run()
