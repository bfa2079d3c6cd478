"""How fast the synthetic skies render, per version of the generator: version 2 (turned
cloud octaves, a change of light) must cost no more than version 1 did.

Renders the same clips (32 frames at 128x128, seed 1) with each version, after one warm-up
clip, and prints seconds per clip (the best of --repeats passes).

    python benchmarks/benchmark_synthetic.py [--clips 16] [--repeats 3]
"""

import time

from absl import app, flags

from mdgan_tf.data.synthetic import VERSIONS, render_clip

FLAGS = flags.FLAGS
flags.DEFINE_integer("clips", 16, "Clips rendered per pass.")
flags.DEFINE_integer("repeats", 3, "Passes; the fastest counts.")


def main(_):
    for version in VERSIONS:
        render_clip(1, 0, 0, 32, 128, 1, version)
        passes = []
        for _ in range(FLAGS.repeats):
            start = time.perf_counter()
            for video in range(FLAGS.clips):
                render_clip(1, video, 0, 32, 128, 1, version)
            passes.append((time.perf_counter() - start) / FLAGS.clips)
        print(f"version {version}: {min(passes) * 1000:.0f} ms per clip of 32 x 128 x 128 "
              f"({FLAGS.clips} clips, best of {FLAGS.repeats})")


if __name__ == "__main__":
    app.run(main)
