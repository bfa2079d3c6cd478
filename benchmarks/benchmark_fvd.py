"""Speed of the Kinetics-400 I3D that FVD runs, next to `generate` on the same machine.

Prints seconds per clip, analytic FLOPs per clip (convolutions, as benchmark_models.py
counts them) and FLOP/s for I3D on 224x224 clips of --frames frames, then for `generate`
(G1+G2) of the paper model, and the ratio of the two rates (the target is I3D at >= 60%).
The wall time and memory of a whole evaluation with FVD come from
`benchmark_evaluation.py --fvd`.

    python benchmarks/benchmark_fvd.py [--frames 32] [--batches 1,4] [--repeats 3]
"""

import numpy as np
from absl import app, flags
from timing import conv_flops, report, timed

from mdgan_tf import MDGAN, MDGANConfig
from mdgan_tf.evaluation.fvd import I3DFeatures
from mdgan_tf.evaluation.i3d import SIZE, inception_i3d
from mdgan_tf.modeling import base_generator

FLAGS = flags.FLAGS
flags.DEFINE_integer("frames", 32, "Frames per clip.")
flags.DEFINE_list("batches", ["1", "4"], "Batch sizes for I3D.")
flags.DEFINE_integer("repeats", 3, "Timed repetitions after one warm-up call.")


def main(argv):
    del argv
    rng = np.random.RandomState(0)
    i3d_flops = conv_flops(inception_i3d(FLAGS.frames))
    features = I3DFeatures(FLAGS.frames)
    rates = {}
    for batch in map(int, FLAGS.batches):
        videos = rng.uniform(-1, 1, (batch, FLAGS.frames, SIZE, SIZE, 3)).astype(np.float32)
        seconds = timed(lambda: features(videos), FLAGS.repeats)
        report(f"I3D, {FLAGS.frames} frames", batch, seconds, i3d_flops)
        rates["i3d"] = max(rates.get("i3d", 0), i3d_flops * batch / seconds)
    config = MDGANConfig.from_preset("mdgan_sky_128")
    g_flops = 2 * conv_flops(base_generator(config))
    model = MDGAN(config)
    photos = rng.randint(0, 256, (8, config.resolution, config.resolution, 3), np.uint8)
    seconds = timed(lambda: model.generate(photos), FLAGS.repeats)
    report("generate (G1+G2)", 8, seconds, g_flops)
    rates["generate"] = g_flops * 8 / seconds
    print(f"I3D reaches {100 * rates['i3d'] / rates['generate']:.0f}% of generate's FLOP/s")


if __name__ == "__main__":
    app.run(main)
