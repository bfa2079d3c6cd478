"""Whether a photo stays whole while its sky moves, over a long video and a loop: the figures
of issue 35, and a PNG to look at.

For each photo (those of `animated_photos.py`, Debian's Dune.jpg where mate-backgrounds is
installed, and --photos) makes a --frames video (256 by default) and a --loop_frames loop
(32), frames streamed, and prints:

- sky: the mean frame-to-frame change of its sky rows (values in [0, 1]; the sky should
  move on every photo that has one);
- ground / sky: its ground rows' change over the sky's (at most 0.1), for photos whose
  rows are known (`animated_photos.REGIONS`; photos named skyar_* are all sky);
- mirror: the sky's strongest left-right mirror symmetry of fine texture at frame 0 and
  at the last frame (`evaluation.photo_checks.mirror_symmetry`; the last at most the
  first + 0.1);
- long texture: the least fine-texture energy of the sky rows at the frames shown, over
  frame 0's, and light drift: the most their mean colour moved from frame 0's, in levels
  (`evaluation.photo_checks.light_drift`): a long video should stay a sky, with the
  photo's texture and light;
- lines: how strongly one straight line crosses the sky (the mask's, with any ground
  the renderer frees as sky), along rows (a tear, a streak along a roofline) and along
  columns (a seam where new sky joins), at frame 0 and at the worst of the frames shown
  (`evaluation.photo_checks.straight_lines`; the worst at most the first + 1);
- loop sharpness: the loop's least fine-texture energy of the sky over the photo's (at
  least 0.9), and its join (last frame to first) over its median step (at most 1);
- loop doubling: how much more the sky of the loop's worst frame repeats itself sideways
  than the photo's (`evaluation.photo_checks.doubling`: a cloud shown twice, its two
  ends mixed); an ordinary 32-frame video of these photos scores 0.02-0.11;
- still points: the most any of the photo's `STILL_POINTS` changed from frame 0 at the
  frames shown, in levels (`evaluation.photo_checks.point_change`; at most 5): points on
  ground things that reach into the sky and on the sun. A piece of them carried off with
  the sky changes them by 20-50 levels; a thin tip's edge, blended by the matte, by up
  to 4.3 at 960 pixels and 5.0 at 480 over 1,024 frames (Dune's bright blade tips).

Writes --output: per photo, frames 0 | 31 | 127 | last of the video | frame 0, 16, last of
the loop.

    python examples/photo_checks.py [--photos ../shared/real/photos/skyar_cloudy.jpg,...]
"""

from pathlib import Path

import cv2
import numpy as np
from absl import app, flags
from animated_photos import REGIONS, loop_join, panel_row, photos, save_rows

from mdgan_tf import PhotoAnimator
from mdgan_tf.cli.flags import DEFAULT_MODEL
from mdgan_tf.evaluation.photo_checks import (doubling, light_drift, mirror_symmetry,
                                              point_change, region_change, straight_lines,
                                              texture_energy)
from mdgan_tf.preprocessing.sky_mask import sky_mask
from mdgan_tf.preprocessing.images import read_image

FLAGS = flags.FLAGS
flags.DEFINE_integer("frames", 256, "Length of the long video.")
flags.DEFINE_integer("loop_frames", 32, "Length of the loop.")
FLAGS.set_default("model", DEFAULT_MODEL)
FLAGS.set_default("max_side", 960)
FLAGS.set_default("output", "photo_checks.png")

SHOWN = (0, 31, 127)
# Debian's mate-backgrounds (GPL-2+), beside Storm.jpg: grass tips against the sky.
DUNE = Path("/usr/share/backgrounds/mate/nature/Dune.jpg")
DUNE_ROWS = ((0.0, 0.25), (0.6, 1.0))   # read off the photo by eye
# Points that must stay where they are, (x, y) as fractions of the width and height, read
# off the photos by eye: ground things that reach into the sky, and the sun.
STILL_POINTS = {
    "example sky.jpg": ((0.214, 0.511), (0.609, 0.439), (0.758, 0.439)),   # roofs' tops
    # The left mast's tip, the nose in shade, the right mast's tip.
    "skimage rocket": ((0.3125, 0.3044), (0.5156, 0.3232), (0.6984, 0.3044)),
    "Storm.jpg": ((0.5, 0.66),),                                  # the fields below the horizon
    "animating_landscape_input.png": ((0.0469, 0.4861), (0.1875, 0.5417)),   # the hill's top
    "skyar_sunny.jpg": ((0.3856, 0.2513),),                       # the sun
    # A faint, out-of-focus blade against the sky, and two bright blades' tips.
    DUNE.name: ((0.0125, 0.2), (0.0958, 0.2367), (0.901, 0.2417)),
}


def rows_of(name):
    """(sky rows, ground rows or None) as fractions of the height."""
    if name in REGIONS:
        return REGIONS[name]
    if name == DUNE.name:
        return DUNE_ROWS
    if name.startswith("skyar_"):
        return (0.0, 1.0), None
    return (0.0, 0.5), None


def band(shape, rows):
    region = np.zeros(shape[:2], bool)
    region[round(rows[0] * shape[0]):round(rows[1] * shape[0])] = True
    return region


def long_video(animator, photo, sky_rows, ground_rows, points):
    """(shown frames, mean sky step, mean ground step or None, mirror at 0, at the end,
    straight lines (rows, columns) at 0, worst over the shown frames and the last, least
    texture over frame 0's, most light drift and most change of the still `points` over
    the shown frames and the last)."""
    shown, sky, ground, lines, before = [], [], [], [], None
    textures, drifts, still = [], [], []
    animation = animator.animation(photo, FLAGS.frames, max_side=FLAGS.max_side)
    for t, frame in enumerate(animation):
        if before is None:
            sky_region = band(frame.shape, sky_rows)
            ground_region = band(frame.shape, ground_rows) if ground_rows else None
            # The sky as the renderer finds it: on the photo as given, not on the frame
            # (at 480 pixels the rocket's towers slipped through, and counted as lines),
            # with the ground it frees as sky (the landscape's band: left out, its clouds
            # moving on into the sliver of sky beside it counted as lines).
            size = (frame.shape[1], frame.shape[0])
            first = frame
            mask = cv2.resize(sky_mask(photo), size, interpolation=cv2.INTER_LINEAR)
            if animation.freed is not None:
                mask = np.maximum(mask, animation.freed)
            weight = sky_region.astype(np.float32)
        else:
            sky.append(region_change(before, frame, sky_region))
            if ground_region is not None:
                ground.append(region_change(before, frame, ground_region))
        if t in SHOWN or t == FLAGS.frames - 1:
            if t in SHOWN:
                shown.append(frame)
            lines.append(straight_lines(frame, mask))
            textures.append(texture_energy(frame, weight))
            drifts.append(light_drift(frame, first, sky_rows))
            still.append(point_change(frame, first, points))
        before = frame
    shown.append(before)
    worst = tuple(max(line[axis] for line in lines[1:]) for axis in (0, 1))
    return (shown, float(np.mean(sky)), float(np.mean(ground)) if ground else None,
            mirror_symmetry(first, sky_rows), mirror_symmetry(before, sky_rows), lines[0], worst,
            min(textures[1:]) / max(textures[0], 1e-12), max(drifts[1:]), max(still[1:]))


def loop(animator, photo, sky_rows):
    """(frames 0, middle, last; least sky texture energy over frame 0's; join / median
    step; worst doubling)."""
    frames = animator.animate(photo, FLAGS.loop_frames, loop=True, max_side=FLAGS.max_side)
    weight = band(frames.shape[1:], sky_rows).astype(np.float32)
    energy = [texture_energy(frame, weight) for frame in frames]
    doubled = max(doubling(frame, frames[0], sky_rows) for frame in frames[1:])
    return ([frames[0], frames[len(frames) // 2], frames[-1]], min(energy) / energy[0],
            loop_join(frames), doubled)


def main(_):
    animator = PhotoAnimator.from_preset(FLAGS.model)
    rows = []
    print(f"{'photo':<30} {'size':>9}  {'sky':>7}  {'ground/sky':>10}  mirror 0 -> "
          f"{FLAGS.frames - 1}  lines 0 -> worst (rows, columns)  long texture  light drift  "
          f"loop sharpness  loop join  loop doubling  still points")
    found = photos()
    if DUNE.is_file():
        found.append((DUNE.name, read_image(DUNE)))
    for name, photo in found:
        sky_rows, ground_rows = rows_of(name)
        points = STILL_POINTS.get(name, ())
        (shown, sky, ground, mirror_first, mirror_last, lines_first, lines_worst, texture,
         drift, moved) = long_video(animator, photo, sky_rows, ground_rows, points)
        looped, sharpness, join, doubled = loop(animator, photo, sky_rows)
        ratio = f"{ground / sky:10.3f}" if ground is not None else f"{'n/a':>10}"
        held = f"{moved:12.1f}" if points else f"{'n/a':>12}"
        size = f"{shown[0].shape[1]}x{shown[0].shape[0]}"
        lines = (f"{lines_first[0]:4.1f}, {lines_first[1]:4.1f} -> {lines_worst[0]:4.1f}, "
                 f"{lines_worst[1]:4.1f}")
        print(f"{name:<30} {size:>9}  {sky:7.4f}  {ratio}  {mirror_first:5.2f} -> "
              f"{mirror_last:4.2f}  {lines:>32}  {texture:12.2f}  {drift:11.1f}  "
              f"{sharpness:14.2f}  {join:9.2f}  "
              f"{doubled:13.2f}  {held}")
        rows.append(panel_row(shown + looped))
    save_rows(rows, FLAGS.output)
    frames = [t for t in SHOWN if t < FLAGS.frames - 1] + [FLAGS.frames - 1]
    print(f"{FLAGS.output}: frames {' | '.join(map(str, frames))} | loop 0 | "
          f"{FLAGS.loop_frames // 2} | {FLAGS.loop_frames - 1}")


if __name__ == "__main__":
    app.run(main)
