"""Whether a model told the wind moves its sky that way (issue 36: within 20 degrees).

1. Held-out synthetic skies (version 3, seed 1, which training never draws): each first
   frame given to G1 told each of --headings, its video's sky heading measured by optical
   flow (`evaluation.dynamics.sky_heading`), and told nothing, which way it chose.
2. Photos (--photos, default the shipped example): the video `mdgan-generate --wind`
   makes at the photo's size, told 0 and 180 degrees (only the part along the horizon is
   drawn there).

    python examples/wind_direction.py --model MODEL [--videos 24] [--photos a.jpg,b.jpg]
"""

import numpy as np
from absl import app, flags

from mdgan_tf.data.synthetic import render_clip
from mdgan_tf.evaluation.dynamics import sky_heading, sky_region

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_128", "A model that can be told the wind.")
flags.DEFINE_integer("videos", 24, "Held-out synthetic skies.")
flags.DEFINE_list("headings", ["0", "90", "180", "270"], "Winds to ask for, in degrees.")
flags.DEFINE_list("photos", [], "Photos to animate told 0 and 180 degrees (default: the "
                  "shipped example).")
flags.DEFINE_integer("frames", 32, "Frames of each photo's video.")
WITHIN = 20.0


def off(measured, asked):
    """The angle between two headings, 0..180 degrees."""
    return abs((measured - asked + 180.0) % 360.0 - 180.0)


def synthetic(animator, size):
    print(f"Held-out synthetic skies (v3, seed 1, {FLAGS.videos}), the model's own video, "
          f"stage I: asked | median off | within {WITHIN:g} | speed (px a frame)")
    generator = animator.generator
    for asked in [float(h) for h in FLAGS.headings] + [None]:
        offs, speeds, chosen = [], [], []
        for video in range(FLAGS.videos):
            photo = render_clip(1, video, 0, 1, size, 1, version=3)[0]
            clip = generator.generate(photo, stage=1, wind=asked)[0]
            heading, speed = sky_heading(clip, sky_region(clip[0]))
            speeds.append(speed)
            if asked is None:
                chosen.append(heading)
            else:
                offs.append(off(heading, asked))
        if asked is None:
            print(f"  told nothing: chose {', '.join(f'{h:.0f}' for h in chosen)} degrees; "
                  f"median speed {np.median(speeds):.3f}", flush=True)
        else:
            print(f"  {asked:<6g} {np.median(offs):>8.1f} {np.mean(np.array(offs) <= WITHIN):>8.2f}"
                  f" {np.median(speeds):>8.3f}", flush=True)


def photos(animator):
    from mdgan_tf.hub.shipped import example_photo
    from mdgan_tf.inference import read_image

    paths = FLAGS.photos or [str(example_photo())]
    print(f"Photos at their own size (max side 512), {FLAGS.frames} frames: asked | heading "
          f"| off")
    for path in paths:
        image = read_image(path)
        for asked in (0.0, 180.0):
            video = animator.animate(image, FLAGS.frames, max_side=512, wind=asked)
            heading, speed = sky_heading(video, sky_region(video[0]))
            print(f"  {path.rsplit('/', 1)[-1]:<28} {asked:>5g} {heading:>8.1f} "
                  f"{off(heading, asked):>6.1f} ({speed:.2f} px a frame)", flush=True)


def main(_):
    from mdgan_tf.animation import PhotoAnimator

    animator = PhotoAnimator.from_preset(FLAGS.model)
    if not animator.config.wind_condition:
        raise SystemExit(f"{FLAGS.model} cannot be told the wind")
    synthetic(animator, animator.config.resolution)
    photos(animator)


if __name__ == "__main__":
    app.run(main)
