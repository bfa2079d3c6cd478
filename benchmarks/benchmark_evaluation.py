"""Evaluation speed and memory as the number of clips grows: memory must stay flat.

Runs `mdgan_tf.evaluation.evaluate` on synthetic clips for each --clips value in a fresh
process and reports clips/s and the peak resident memory (ru_maxrss) of that process.

    python benchmarks/benchmark_evaluation.py [--model mdgan_sky_synthetic_64] [--clips 50,400]
    python benchmarks/benchmark_evaluation.py --fvd --clips 64,1000   # with FVD (I3D weights)
"""

import json
import resource
import subprocess
import sys
import time

from absl import app, flags

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Model to evaluate.")
flags.DEFINE_list("clips", ["50", "400"], "Sample sizes, each timed in its own process.")
flags.DEFINE_integer("batch_size", 8, "Clips per batch.")
flags.DEFINE_boolean("fvd", False, "Also compute FVD.")
flags.DEFINE_integer("run", 0, "Internal: evaluate this many clips and print JSON.")


def run_once(clips):
    from mdgan_tf import MDGAN
    from mdgan_tf.data import SyntheticSkySource
    from mdgan_tf.evaluation import evaluate

    model = MDGAN.from_pretrained(FLAGS.model)
    size = model.config.resolution
    source = SyntheticSkySource(videos=clips, clips_per_video=1, frames=model.config.frames,
                                size=size, seed=1)
    started = time.perf_counter()
    evaluate(model, source, clips=clips, batch_size=FLAGS.batch_size, progress=False,
             fvd=FLAGS.fvd)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"clips": clips, "seconds": seconds, "peak_mib": peak_mib}))


def main(argv):
    del argv
    if FLAGS.run:
        run_once(FLAGS.run)
        return
    print(f"{FLAGS.model}, batch {FLAGS.batch_size}{', with FVD' if FLAGS.fvd else ''}")
    print(f"{'clips':>6} {'seconds':>9} {'clips/s':>9} {'peak RSS MiB':>13}")
    for clips in map(int, FLAGS.clips):
        output = subprocess.run(
            [sys.executable, __file__, f"--run={clips}", f"--model={FLAGS.model}",
             f"--batch_size={FLAGS.batch_size}", f"--fvd={FLAGS.fvd}"], capture_output=True,
            text=True, check=True)
        result = json.loads(output.stdout.strip().splitlines()[-1])
        print(f"{clips:>6} {result['seconds']:>9.1f} {clips / result['seconds']:>9.2f} "
              f"{result['peak_mib']:>13.0f}", flush=True)


if __name__ == "__main__":
    app.run(main)
