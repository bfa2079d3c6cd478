"""Photos moved along the model's motion at their own size: a PNG to look at, and whether
the ground stays still and a loop closes.

For each photo prints its size, the mean frame-to-frame change of its sky rows and of its
ground rows (the rows below are chosen by looking at each photo; the ground should change
at most a tenth as much as the sky), and for a --loop video the step from its last frame
to its first over its median step (at most 1). Writes one row per photo to --output:
frame 0 | frame 15 | frame 31 | |frame 31 - frame 0| x 4 (where it moved). --gif also
writes the --loop videos side by side as an animated GIF: the README's picture.

Photos: the shipped example, scikit-image's rocket (NASA, public domain) and, where
Debian's mate-backgrounds package is installed, its Storm.jpg (Sergey Nazarov, GPL-2+);
--photos adds any others (e.g. ../shared/real/photos/*, for looking only).

    pip install scikit-image; apt-get install mate-backgrounds   # for their photos
    python examples/animated_photos.py [--photos a.jpg,b.png] [--output animated_photos.png]
    python examples/animated_photos.py --output /tmp/grid.png --gif docs/images/timelapses.gif
    python examples/animated_photos.py --model mdgan_sky_wind_128 --wind 180   # right to left
"""

from pathlib import Path

import numpy as np
from absl import app, flags
from PIL import Image

from mdgan_tf import MDGAN
from mdgan_tf.hub.shipped import example_photo
from mdgan_tf.inference import write_video
from mdgan_tf.generation.grid import GRID_GAP, SideBySide
from mdgan_tf.preprocessing.images import read_image

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Preset name, model directory, or URL.")
flags.DEFINE_list("photos", [], "More photos to animate.")
flags.DEFINE_string("output", "animated_photos.png", "Where to write the grid.")
flags.DEFINE_integer("height", 180, "Height of each panel in the grid.")
flags.DEFINE_integer("max_side", 1920, "Longest side of the videos.")
flags.DEFINE_string("gif", None, "Also write the looping videos side by side here.")
flags.DEFINE_integer("gif_height", 200, "Height of each video in the GIF.")
flags.DEFINE_integer("gif_fps", 12, "Frame rate of the GIF.")
flags.DEFINE_float("wind", None, "For a model told the wind: its heading in degrees (0: left "
                   "to right; default: the model chooses).")

STORM = Path("/usr/share/backgrounds/mate/nature/Storm.jpg")
# (sky rows, ground rows) as fractions of the height, read off each photo by eye.
REGIONS = {
    "example sky.jpg": ((0.0, 0.4), (0.85, 1.0)),
    "skimage rocket": ((0.0, 0.45), (0.95, 1.0)),
    "Storm.jpg": ((0.0, 0.5), (0.75, 1.0)),
    "animating_landscape_input.png": ((0.0, 0.3), (0.75, 1.0)),
}


def photos():
    import skimage.data

    found = [("example sky.jpg", read_image(example_photo())),
             ("skimage rocket", skimage.data.rocket())]
    if STORM.is_file():
        found.append(("Storm.jpg", read_image(STORM)))
    found += [(Path(p).name, read_image(p)) for p in FLAGS.photos]
    return found


def mean_step(frames, rows):
    top, bottom = (round(f * frames.shape[1]) for f in rows)
    return float(np.abs(np.diff(frames[:, top:bottom].astype(np.float32) / 255, axis=0)).mean())


def panel(image, height=None):
    height = height or FLAGS.height
    width = round(image.shape[1] * height / image.shape[0])
    return np.asarray(Image.fromarray(image).resize((width, height), Image.LANCZOS))


def loop_join(frames):
    """A loop's step from its last frame to its first, over its median step."""
    frames = frames.astype(np.float32)
    steps = np.abs(np.diff(frames, axis=0)).mean(axis=(1, 2, 3))
    return float(np.abs(frames[-1] - frames[0]).mean() / np.median(steps))


def panel_row(images):
    """The images as panels side by side, 4 white pixels apart."""
    parts = [panel(image) for image in images]
    gap = np.full((FLAGS.height, 4, 3), 255, np.uint8)
    return np.concatenate([p for part in parts for p in (part, gap)][:-1], axis=1)


def save_rows(rows, path):
    """Rows of panels, one under the other, padded white to the widest, as a PNG."""
    width = max(row.shape[1] for row in rows)
    rows = [np.pad(row, ((0, 4), (0, width - row.shape[1]), (0, 0)), constant_values=255)
            for row in rows]
    Image.fromarray(np.concatenate(rows)).save(path)


def main(_):
    model = MDGAN.from_pretrained(FLAGS.model)
    rows, loops = [], []
    for name, photo in photos():
        frames = model.animate(photo, max_side=FLAGS.max_side, wind=FLAGS.wind)
        looped = model.animate(photo, max_side=FLAGS.max_side, loop=True, wind=FLAGS.wind)
        loops.append(np.stack([panel(frame, FLAGS.gif_height) for frame in looped]))
        join = loop_join(looped)
        line = f"{name:<32} {frames.shape[2]}x{frames.shape[1]}  loop join / median step {join:.2f}"
        if name in REGIONS:
            sky, ground = (mean_step(frames, rows) for rows in REGIONS[name])
            line += f"  sky {sky:.5f}  ground {ground:.6f}  ground / sky {ground / sky:.3f}"
        else:
            line += f"  whole photo {mean_step(frames, (0, 1)):.5f}"
        print(line)
        change = np.clip(np.abs(frames[-1].astype(int) - frames[0]) * 4, 0, 255).astype(np.uint8)
        rows.append(panel_row([frames[0], frames[15], frames[-1], change]))
    save_rows(rows, FLAGS.output)
    print(f"{FLAGS.output}: frame 0 | frame 15 | frame 31 | |frame 31 - frame 0| x 4")
    if FLAGS.gif:
        Path(FLAGS.gif).parent.mkdir(parents=True, exist_ok=True)
        write_video(FLAGS.gif, np.stack(list(SideBySide(loops))), fps=FLAGS.gif_fps)
        size = Path(FLAGS.gif).stat().st_size
        print(f"{FLAGS.gif}: {len(loops)} looping videos side by side, {GRID_GAP} px apart, "
              f"{size / 1e6:.2f} MB")


if __name__ == "__main__":
    app.run(main)
