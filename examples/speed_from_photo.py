"""Whether a model reads from a photo how fast its sky will move (issue 36: the model should
matter beyond a slide at one speed).

On held-out synthetic skies (version 3, seed 1, which training never draws), each first
frame's drift as the photo animation draws it (`animation.motion.sky_drift` over the
sky, G1 told nothing) is ranked against the sky's own speed (`SyntheticSkySource.winds`):
Spearman's rank correlation, and the median ratio of the two. The real clips' ranking is
in `examples/real_sky_table.py`.

    python examples/speed_from_photo.py [--models a,b] [--videos 24]
"""

import numpy as np
from absl import app, flags
from real_sky_table import spearman

FLAGS = flags.FLAGS
flags.DEFINE_list("models", ["mdgan_sky_synthetic_128", "mdgan_sky_wind_128"],
                  "Models whose G1 moves the photo.")
flags.DEFINE_integer("videos", 24, "Held-out synthetic skies.")


def main(_):
    from mdgan_tf.animation import PhotoAnimator
    from mdgan_tf.animation.motion import sky_drift
    from mdgan_tf.data.synthetic import SyntheticSkySource, foreground_mask, render_clip

    for model in FLAGS.models:
        animator = PhotoAnimator.from_preset(model)
        size = animator.config.resolution
        source = SyntheticSkySource(videos=FLAGS.videos, clips_per_video=1, size=size, seed=1,
                                    version=3)
        true = source.winds()[:, 1] * size                 # pixels a frame
        drawn = []
        for video in range(FLAGS.videos):
            photo = render_clip(1, video, 0, 1, size, 1, version=3)[0]
            sky = ~foreground_mask(1, video, (size, size))
            steps = animator.motion(photo, animator.config.frames)
            drift = sky_drift(steps, sky.astype(np.float32)[None, ..., None],
                              full_speed=animator.config.wind_condition)[0, 0, 0]
            drawn.append(float(np.hypot(*drift)))
        print(f"{model}: {FLAGS.videos} held-out v3 skies, drift against the sky's speed: "
              f"Spearman {spearman(drawn, list(true)):+.2f}, median ratio "
              f"{np.median(np.array(drawn) / true):.2f}", flush=True)


if __name__ == "__main__":
    app.run(main)
