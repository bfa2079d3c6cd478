"""How much a photo moved along the model's motion moves, against the clips it was trained
on: the mean frame-to-frame change (docs/evaluation.md: "motion") of the animations of
held-out clips' first frames at each --speeds, and of the clips themselves.

A model whose motion is real moves a photo about as much as its clips move at speed 1. The
shipped model moves it about a tenth as much: its frame-to-frame flow is mostly jitter,
which composed goes nowhere.

    python examples/motion_scale.py [--model mdgan_sky_synthetic_64] \\
        [--data synthetic:videos=64,clips_per_video=1,seed=1,version=1] [--resolution 128]
"""

import numpy as np
from absl import app, flags

from mdgan_tf import MDGAN
from mdgan_tf.data import make_dataset, open_source

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Preset name or model directory.")
flags.DEFINE_string("data", "synthetic:videos=64,clips_per_video=1,seed=1,version=1",
                    "Held-out clips of the training source (the shipped model trained on "
                    "seed 0).")
flags.DEFINE_integer("resolution", 128, "Size the clips (and so the photos) are read at.")
flags.DEFINE_list("speeds", ["1", "10"], "Speeds to animate at.")


def motion(videos):
    return float(np.mean([np.abs(np.diff(v.astype(np.float32) / 255, axis=0)).mean()
                          for v in videos]))


def main(_):
    model = MDGAN.from_pretrained(FLAGS.model)
    source = open_source(FLAGS.data, model.config.frames, FLAGS.resolution)
    clips = [np.round((clip + 1) * 127.5).astype(np.uint8)
             for batch in make_dataset(source, FLAGS.resolution, 8, shuffle=False)
             for clip in batch.numpy()]
    real = motion(clips)
    print(f"{len(clips)} clips of {FLAGS.data} at {FLAGS.resolution}: motion {real:.5f}")
    for speed in map(float, FLAGS.speeds):
        moved = motion([model.animate(clip[0], speed=speed) for clip in clips])
        print(f"animated at speed {speed:g}: motion {moved:.5f} ({moved / real:.2f} of the clips')")


if __name__ == "__main__":
    app.run(main)
