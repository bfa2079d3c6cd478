"""How much the sky and the foreground move in a model's videos, on synthetic clips.

In the synthetic skies the bottom fifth of every frame is foreground that never moves
(`GROUND_FROM`), and the top rows are sky. A good model moves the second and not the first.

    python examples/motion_by_region.py [--model mdgan_sky_synthetic_64] [--clips 16]
"""

import numpy as np
from absl import app, flags

from mdgan_tf import MDGAN
from mdgan_tf.data import SyntheticSkySource
from mdgan_tf.data.pipeline import make_dataset
from mdgan_tf.data.synthetic import GROUND_FROM, SKY_TOP
from mdgan_tf.evaluation.metrics import frame_motion

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Preset name, model directory, or URL.")
flags.DEFINE_integer("sky_version", 1, "The synthetic sky generator the model was trained on "
                     "(1: the 64x64 model's).")
flags.DEFINE_integer("clips", 16, "Held-out clips (scenes of seed 1, one clip each).")


def motion(videos, rows):
    """Mean |x[t+1] - x[t]| over the given rows of [-1, 1] videos, in [0, 1] units."""
    return float(np.mean(frame_motion((videos[:, :, rows] + 1) / 2)))


def main(argv):
    del argv
    model = MDGAN.from_pretrained(FLAGS.model)
    size, frames = model.config.resolution, model.config.frames
    source = SyntheticSkySource(videos=FLAGS.clips, clips_per_video=1, frames=frames, size=size,
                                seed=1, version=FLAGS.sky_version)
    real = next(iter(make_dataset(source, size, FLAGS.clips, shuffle=False))).numpy()
    # The foreground never reaches above SKY_TOP: the rows above it are always sky.
    sky, foreground = slice(0, int(SKY_TOP * size)), slice(int(np.ceil(GROUND_FROM * size)), size)
    print(f"{FLAGS.model}, {len(real)} clips; mean |x[t+1]-x[t]| in rows "
          f"{sky.start}-{sky.stop - 1} (sky) and {foreground.start}-{size - 1} (foreground)")
    print(f"{'':10}{'sky':>8}{'foreground':>12}")
    print(f"{'real':10}{motion(real, sky):>8.4f}{motion(real, foreground):>12.4f}")
    for stage in (1, 2):
        video = model.generate(real[:, 0], stage, value_range=(-1, 1), dtype="float32")
        print(f"{f'stage {stage}':10}{motion(video, sky):>8.4f}{motion(video, foreground):>12.4f}")


if __name__ == "__main__":
    app.run(main)
