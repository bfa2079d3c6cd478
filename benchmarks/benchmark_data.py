"""Input pipeline speed next to the training rate it has to feed, on this machine.

Writes synthetic sky clips as 640x360 JPEG frames (the Sky Timelapse data set's size) in
the Sky Timelapse layout, packs them into TFRecords (frames copied as they are, and
pre-resized to the model's size), and times `make_dataset` on each: clips per second of
32 x 128 x 128 x 3, shuffled and batched as training reads them. Then it times the paper
preset's stage-I training step. The pipeline must deliver at least twice what training uses.

    python benchmarks/benchmark_data.py [--videos 8] [--batches 12]
"""

import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
from absl import app, flags
from benchmark_models import timed  # also defines --preset and --repeats

from mdgan_tf import BaseNet, MDGANConfig
from mdgan_tf.data import (
    SkyTimelapseSource, SyntheticSkySource, TFRecordSource, make_dataset, write_sky_layout,
    write_tfrecords,
)

FLAGS = flags.FLAGS
flags.DEFINE_integer("videos", 8, "Synthetic videos to write (2 clips each).")
flags.DEFINE_integer("batches", 12, "Timed batches per pipeline, after one warm-up batch.")
flags.DEFINE_integer("batch_size", 4, "Clips per batch, for the pipeline and training.")


def clips_per_second(source, resolution, batch_size, batches):
    dataset = iter(make_dataset(source, resolution, batch_size, shuffle=True, seed=0, epochs=None))
    next(dataset)
    start = time.perf_counter()
    for _ in range(batches):
        next(dataset)
    return batches * batch_size / (time.perf_counter() - start)


def main(argv):
    del argv
    config = MDGANConfig.from_preset(FLAGS.preset)
    frames, resolution = config.frames, config.resolution
    work = Path(tempfile.mkdtemp(prefix="mdgan_data_benchmark_"))
    synthetic = SyntheticSkySource(FLAGS.videos, 2, frames, (360, 640), seed=0)
    start = time.perf_counter()
    write_sky_layout(synthetic, work / "folders")
    print(f"wrote {len(synthetic)} clips of {frames} frames at 640x360 JPEG in "
          f"{time.perf_counter() - start:.0f} s ({work})", flush=True)
    folders = SkyTimelapseSource(work / "folders", frames)
    write_tfrecords(folders, work / "as_is")
    write_tfrecords(folders, work / "png", resolution=resolution)
    write_tfrecords(folders, work / "jpeg", resolution=resolution, image_format="jpeg")

    rates = {
        "JPEG folders, 640x360": folders,
        "TFRecords, 640x360 JPEG as-is": TFRecordSource(work / "as_is", frames),
        f"TFRecords, {resolution}x{resolution} PNG": TFRecordSource(work / "png", frames),
        f"TFRecords, {resolution}x{resolution} JPEG": TFRecordSource(work / "jpeg", frames),
    }
    for name, source in rates.items():
        rates[name] = clips_per_second(source, resolution, FLAGS.batch_size, FLAGS.batches)
        print(f"{name:<34} {rates[name]:7.2f} clips/s", flush=True)

    stage = BaseNet(config)
    stage.compile()
    rng = np.random.RandomState(0)
    clips = rng.uniform(-1, 1, (FLAGS.batch_size, frames, resolution, resolution, 3)).astype(np.float32)
    seconds = timed(lambda: stage.train_on_batch(clips), FLAGS.repeats)
    training = FLAGS.batch_size / seconds
    print(f"{'stage-I training, ' + config.name:<34} {training:7.2f} clips/s "
          f"(batch {FLAGS.batch_size})")
    slowest = min(rates, key=rates.get)
    print(f"slowest input ({slowest}) / training = {rates[slowest] / training:.1f}x "
          f"(needs >= 2x)")
    shutil.rmtree(work)


if __name__ == "__main__":
    app.run(main)
