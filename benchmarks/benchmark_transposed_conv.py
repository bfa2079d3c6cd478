"""Why transposed convs run one clip at a time outside training (`modeling.layers.each_clip`):
TensorFlow's batched transposed 3D conv against the same op clip by clip, and the shipped
64x64 model's `generate` of two photos.

Prints milliseconds for a (4,4,4)/2 transposed conv from 32 channels to 3 (the 64x64
model's last deconv) on a 16x32x32 clip, batched and clip by clip, for each batch size,
and seconds for `VideoGenerator.generate` of a batch of two photos.

    python benchmarks/benchmark_transposed_conv.py [--batches 1,2,8] [--repeats 3]
"""

import keras
import numpy as np
import tensorflow as tf
from absl import app, flags
from timing import timed

from mdgan_tf import VideoGenerator
from mdgan_tf.modeling.layers import each_clip

FLAGS = flags.FLAGS
flags.DEFINE_list("batches", ["1", "2", "8"], "Batch sizes.")
flags.DEFINE_integer("repeats", 3, "Timed repetitions after one warm-up call.")


def main(argv):
    del argv
    layer = keras.layers.Conv3DTranspose(3, (4, 4, 4), strides=(2, 2, 2), padding="same",
                                         use_bias=False)
    batched = tf.function(lambda clips: layer(clips))
    one_by_one = tf.function(lambda clips: each_clip(layer, clips, training=False))
    for batch in map(int, FLAGS.batches):
        clips = tf.random.uniform((batch, 16, 32, 32, 32), seed=batch)
        seconds = [timed(lambda f=f: f(clips).numpy(), FLAGS.repeats)
                   for f in (batched, one_by_one)]
        print(f"transposed conv, batch {batch}: batched {seconds[0] * 1000:.1f} ms, "
              f"clip by clip {seconds[1] * 1000:.1f} ms")
    generator = VideoGenerator.from_preset("mdgan_sky_synthetic_64")
    photos = np.random.RandomState(0).randint(0, 256, (2, 64, 80, 3)).astype(np.uint8)
    seconds = timed(lambda: generator.generate(photos), FLAGS.repeats)
    print(f"generate, mdgan_sky_synthetic_64, 2 photos: {seconds:.3f} s")


if __name__ == "__main__":
    app.run(main)
