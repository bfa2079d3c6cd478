"""A short stage-II run from the shipped G1, scored on held-out clips: how the card's
stage-II settings were compared (200 steps, about 4 minutes on a 2-core CPU).

    mdgan-data pack --data synthetic:videos=240,clips_per_video=8,seed=0,size=64,version=1 \\
        --output data/synthetic_train_64 --resolution 64 --image_format png
    python examples/short_stage2.py --data data/synthetic_train_64 --set motion_weight=1000

Prints frame-0 PSNR, PSNR over frames 1.. and motion (mean |x[t+1] - x[t]|) for G1 alone
and for G1 then the new G2, on the first frames of --clips held-out synthetic scenes
(seed 1), and the real clips' motion.
"""

import json

import keras
import tensorflow as tf
from absl import app, flags

from mdgan_tf import MDGANBackbone, RefineNet, TrainingConfig
from mdgan_tf.data import make_dataset, open_source
from mdgan_tf.evaluation.metrics import frame_mse, frame_motion, psnr_from_mse
from mdgan_tf.training import apply_overrides

FLAGS = flags.FLAGS
flags.DEFINE_string("data", None, "Training clips (what mdgan-train --data takes).", required=True)
flags.DEFINE_integer("steps", 200, "Stage-II steps at batch 8.")
flags.DEFINE_multi_string("set", [], "key=value over the shipped model's training settings, "
                          "as mdgan-train --set takes it (e.g. motion_weight=1000).")
flags.DEFINE_integer("clips", 48, "Held-out clips to score on.")


def scores(video, real):
    unit = lambda v: (tf.clip_by_value(v, -1.0, 1.0) + 1.0) / 2.0  # noqa: E731
    psnr = psnr_from_mse(frame_mse(unit(video), unit(real))).numpy()
    return {"frame0_psnr": round(float(psnr[:, 0].mean()), 2),
            "psnr_1..": round(float(psnr[:, 1:].mean()), 2),
            "motion": round(float(frame_motion(unit(video)).numpy().mean()), 5)}


def main(argv):
    shipped = MDGANBackbone.from_preset("mdgan_sky_synthetic_64")
    config, training = apply_overrides(
        shipped.config, TrainingConfig.from_preset("mdgan_sky_synthetic_64"), FLAGS.set)
    keras.utils.set_random_seed(0)
    stage = RefineNet(config, training, stage1_generator=shipped.base_generator)
    stage.compile()
    train = make_dataset(open_source(FLAGS.data, config.frames, config.resolution),
                         config.resolution, 8, seed=0, epochs=None, drop_remainder=True)
    stage.fit(train, epochs=1, steps_per_epoch=FLAGS.steps, verbose=0, shuffle=False)
    held_out = open_source(f"synthetic:videos={FLAGS.clips},clips_per_video=1,seed=1,version=1,"
                           f"size={config.resolution}", config.frames, config.resolution)
    real = next(iter(make_dataset(held_out, config.resolution, FLAGS.clips, shuffle=False)))
    first = tf.repeat(real[:, :1], config.frames, axis=1)
    stage1 = shipped.base_generator(first, training=False)
    stage2 = stage.generator(stage1, training=False)
    print(json.dumps({"motion_weight": training.motion_weight, "steps": FLAGS.steps,
                      "stage1": scores(stage1, real), "stage2": scores(stage2, real),
                      "real_motion": round(float(frame_motion((real + 1) / 2).numpy().mean()), 5)}))


if __name__ == "__main__":
    app.run(main)
