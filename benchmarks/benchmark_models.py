"""Speed of the paper model on this machine: generate (G1+G2) and one stage-I training step.

Prints seconds per clip, the analytic FLOPs per clip and the FLOP/s achieved. FLOPs count
the convolutions only (2 per multiply-add; BatchNorm and activations are <1% and left out).
A training step is counted with the usual rule backward = 2 x forward: G1 forward and
backward (3 G), D1's update on a real and a generated clip (2 x 3 D) and the generator's
pass through D1 (3 D).

    python benchmarks/benchmark_models.py [--preset mdgan_sky_128] [--repeats 3]
"""

import numpy as np
from absl import app, flags
from timing import conv_flops, report, timed

from mdgan_tf import MDGAN, BaseNet, MDGANConfig
from mdgan_tf.modeling import Discriminator, base_generator

FLAGS = flags.FLAGS
flags.DEFINE_string("preset", "mdgan_sky_128", "Model preset to time.")
flags.DEFINE_integer("repeats", 3, "Timed repetitions after one warm-up call.")
flags.DEFINE_list("generate_batches", ["1", "8"], "Batch sizes for generate.")
flags.DEFINE_list("train_batches", ["1", "4"], "Batch sizes for a stage-I training step.")


def main(argv):
    del argv
    config = MDGANConfig.from_preset(FLAGS.preset)
    shape = (config.frames, config.resolution, config.resolution, 3)
    rng = np.random.RandomState(0)
    g_flops = conv_flops(base_generator(config))
    d_flops = conv_flops(Discriminator(config))
    print(f"{config.name}: G {g_flops / 1e9:.1f} GFLOP, D {d_flops / 1e9:.1f} GFLOP per clip")

    model = MDGAN(config)
    for batch in map(int, FLAGS.generate_batches):
        photos = rng.randint(0, 256, (batch, config.resolution, config.resolution, 3), np.uint8)
        seconds = timed(lambda: model.generate(photos), FLAGS.repeats)
        report("generate (G1+G2)", batch, seconds, 2 * g_flops)

    stage = BaseNet(config)
    stage.compile()
    for batch in map(int, FLAGS.train_batches):
        clips = rng.uniform(-1, 1, (batch, *shape)).astype(np.float32)
        seconds = timed(lambda: stage.train_on_batch(clips), FLAGS.repeats)
        report("stage-I training step", batch, seconds, 3 * g_flops + 9 * d_flops)


if __name__ == "__main__":
    app.run(main)
