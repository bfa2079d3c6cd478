"""Training speed of both stages, with XLA off and on, and with mixed precision.

Times `train_on_batch` (one full step: D update, then G update) on random clips, after one
warm-up step that also traces (and, with XLA, compiles). Mixed precision is bfloat16 on
CPUs and float16 on GPUs (`mdgan_tf.training.set_mixed_precision`).

    python benchmarks/benchmark_training.py [--preset mdgan_sky_128] [--batch 4]
        [--configs plain,xla,mixed] [--stages 1,2] [--repeats 3]
"""

import time

import keras
import numpy as np
import tensorflow as tf
from absl import app, flags
from benchmark_models import conv_flops  # also defines --preset and --repeats

from mdgan_tf import BaseNet, MDGANConfig, RefineNet
from mdgan_tf.modeling import Discriminator, base_generator
from mdgan_tf.training import set_mixed_precision

FLAGS = flags.FLAGS
flags.DEFINE_integer("batch", 4, "Clips per training step.")
flags.DEFINE_list("configs", ["plain", "mixed", "xla"], "plain, xla (--jit_compile), mixed "
                  "(--mixed_precision).")
flags.DEFINE_list("stages", ["1", "2"], "Stages to time.")

CONFIGS = {"plain": (False, False), "xla": (True, False), "mixed": (False, True)}


def step_flops(config, stage):
    """Analytic FLOPs of one step per clip (backward = 2 x forward; see benchmark_models)."""
    g, d = conv_flops(base_generator(config)), conv_flops(Discriminator(config))
    if stage == 1:
        return 3 * g + 9 * d   # G fwd+bwd; D on real and fake fwd+bwd; D on fake for G
    # Stage II adds frozen G1 (forward) and D2 on G1's video: the D update runs D2 on three
    # videos (9 D), the G update through D2 on G2's (3 D) and forward on the other two (2 D).
    return 4 * g + 14 * d


def main(argv):
    del argv
    config = MDGANConfig.from_preset(FLAGS.preset)
    device = tf.config.list_physical_devices("GPU") and "GPU" or "CPU"
    rng = np.random.RandomState(0)
    clips = rng.uniform(-1, 1, (FLAGS.batch, config.frames, config.resolution,
                                config.resolution, 3)).astype(np.float32)
    print(f"{config.name}, batch {FLAGS.batch}, {device}", flush=True)
    for name in FLAGS.configs:
        jit, mixed = CONFIGS[name]
        policy = set_mixed_precision(mixed)
        for stage_number in map(int, FLAGS.stages):
            keras.utils.clear_session()
            stage = BaseNet(config) if stage_number == 1 else RefineNet(config)
            stage.compile(jit_compile=jit)
            started = time.perf_counter()
            stage.train_on_batch(clips)
            first = time.perf_counter() - started
            started = time.perf_counter()
            for _ in range(FLAGS.repeats):
                logs = stage.train_on_batch(clips, return_dict=True)
            seconds = (time.perf_counter() - started) / FLAGS.repeats
            flops = step_flops(config, stage_number) * FLAGS.batch
            print(f"stage {stage_number} {name:<5} ({policy:<14}) {FLAGS.batch / seconds:6.3f} clips/s  "
                  f"{seconds:7.2f} s/step  {flops / seconds / 1e9:7.1f} GFLOP/s  "
                  f"first step {first:6.1f} s  d_loss {float(logs['d_loss']):.3f}", flush=True)
    set_mixed_precision(False)


if __name__ == "__main__":
    app.run(main)
