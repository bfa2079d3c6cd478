"""mdgan-train: train MD-GAN's stage I or stage II from the command line.

    mdgan-train --stage 1 --data data/sky_train --model_dir runs/sky
    mdgan-train --stage 2 --data data/sky_train --model_dir runs/sky     # G1 from runs/sky

    mdgan-train --preset mdgan_tiny --set motion_weight=100 --set learning_rate=1e-4

The shipped model's preset is the default (--preset mdgan_sky_128 is the paper's: Adam 2e-4,
beta_1 0.5, lambda 1). Settings apply in the order --preset, --config, --set. Started again
with the same flags, a run resumes from its last checkpoint, with any training setting
changed. For several machines, set TF_CONFIG on each and pass --strategy multi_worker;
model_dir must be on a file system all of them share.
"""

import dataclasses

from absl import flags

from mdgan_tf.cli.flags import (
    configs_from_flags, define_clip_reading, define_config, define_data, define_stage,
)
from mdgan_tf.cli.runner import run_main
from mdgan_tf.data.spec import check_spec
from mdgan_tf.training.options import STRATEGIES, TrainingOptions

DEFAULTS = TrainingOptions()
FLAGS = flags.FLAGS
define_stage("1", "1: Base-Net (G1, D1); 2: Refine-Net (G2, D2; G1 frozen).")
define_config()
define_data(DEFAULTS.data)
define_clip_reading()
flags.DEFINE_string("model_dir", DEFAULTS.model_dir, "Where checkpoints, logs and the model go.")
flags.DEFINE_string("stage1_dir", None, "Stage 2: model_dir of the trained stage 1 "
                    "(default: --model_dir).")
flags.DEFINE_string("init_from", DEFAULTS.init_from, "A fresh run's generator (G1, or G2 at "
                    "stage 2) starts from this model's (a preset, folder or checkpoint), "
                    "grown where it has more channels (training.warm_start).")
flags.DEFINE_integer("batch_size", DEFAULTS.batch_size, "Global batch, over all replicas.")
flags.DEFINE_integer("epochs", DEFAULTS.epochs, "Passes over the training clips.")
flags.DEFINE_integer("steps", DEFAULTS.steps, "Total steps; overrides --epochs when positive.")
flags.DEFINE_enum("strategy", DEFAULTS.strategy, list(STRATEGIES), "Distribution strategy.")
flags.DEFINE_boolean("mixed_precision", DEFAULTS.mixed_precision, "float16 on GPUs, "
                     "bfloat16 on CPUs.")
flags.DEFINE_boolean("jit_compile", DEFAULTS.jit_compile, "XLA (slow for 3D convs on CPUs).")
flags.DEFINE_integer("seed", DEFAULTS.seed, "Weights, split and clip order.")
flags.DEFINE_integer("checkpoint_every", DEFAULTS.checkpoint_every, "Steps between checkpoints.")
flags.DEFINE_integer("log_every", DEFAULTS.log_every, "Steps between progress lines and scalars.")
flags.DEFINE_integer("video_every", DEFAULTS.video_every, "Steps between sample strips (0: end only).")
flags.DEFINE_integer("keep_checkpoints", DEFAULTS.keep_checkpoints, "Checkpoints kept.")
flags.DEFINE_float("validation_fraction", DEFAULTS.validation_fraction, "Share of the source "
                   "videos held out for the sample strips.")
flags.DEFINE_integer("logical_cpus", 0, "Split the CPU into this many devices, so that "
                     "--strategy mirrored has replicas without GPUs (testing).")


def options_from_flags():
    values = {f.name: FLAGS[f.name].value for f in dataclasses.fields(TrainingOptions)
              if f.name in FLAGS}
    values["stage"] = int(FLAGS.stage)
    return TrainingOptions(**values)


def check_request():
    """The configs and the training options, before TensorFlow loads: a bad --preset,
    --config, --set, training flag or --data is one line in a fraction of a second."""
    configs_from_flags()
    options_from_flags()
    check_spec(FLAGS.data)


def main():
    from mdgan_tf.training import train

    if FLAGS.logical_cpus > 1:
        import tensorflow as tf

        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * FLAGS.logical_cpus)
    config, training = configs_from_flags()
    train(config, options_from_flags(), training, out=lambda line: print(line, flush=True))


def run():
    run_main(main, precheck=check_request)


if __name__ == "__main__":
    run()
