"""Why transposed convs run one clip at a time outside training (`modeling.layers.each_clip`)
and why halving convs and deconvs train on phase-folded blocks (`modeling.layers.Conv3D`).

Prints milliseconds for a (4,4,4)/2 transposed conv from 32 channels to 3 (the 64x64
model's last deconv) on a 16x32x32 clip, batched and clip by clip, for each batch size;
seconds for `VideoGenerator.generate` of a batch of two photos; and milliseconds for one
forward and backward pass (a training step's share) of halving convs and deconvs, with
TensorFlow's op, on phase-folded blocks, and as the package's layer, for each batch size.

    python benchmarks/benchmark_transposed_conv.py [--batches 1,2,8,16] [--repeats 3]
"""

import keras
import numpy as np
import tensorflow as tf
from absl import app, flags
from timing import timed

from mdgan_tf import VideoGenerator
from mdgan_tf.modeling import layers
from mdgan_tf.modeling.layers import each_clip

FLAGS = flags.FLAGS
flags.DEFINE_list("batches", ["1", "2", "8", "16"], "Batch sizes.")
flags.DEFINE_integer("repeats", 3, "Timed repetitions after one warm-up call.")

# (name, clip shape, output channels, transposed) of the halving layers timed in training.
TRAINED = [
    ("mdgan_tiny conv2", (8, 16, 16, 4), 8, False),
    ("mdgan_tiny deconv3", (4, 8, 8, 8), 4, True),
    ("mdgan_sky_synthetic_64 conv2", (16, 32, 32, 32), 32, False),
    ("mdgan_sky_synthetic_64 deconv3", (8, 16, 16, 32), 32, True),
]


def training_pass(forward, kernel):
    """One forward and backward pass of `forward` in training, as a train step runs it."""
    @tf.function
    def run(clips):
        with tf.GradientTape() as tape:
            tape.watch(clips)
            out = forward(clips)
            loss = tf.reduce_sum(out * out)
        return tape.gradient(loss, [clips, kernel])
    return run


def time_training(repeats):
    """TensorFlow's op, the phase-folded form, and the package's layer, which picks one by
    the batch's size (`layers.FOLDED_BATCH`)."""
    for name, shape, filters, transposed in TRAINED:
        kwargs = dict(kernel_size=4, strides=2, padding="same", use_bias=False)
        op = (keras.layers.Conv3DTranspose if transposed else keras.layers.Conv3D)(
            filters, **kwargs)
        package = (layers.Conv3DTranspose if transposed else layers.Conv3D)(filters, **kwargs)
        op.build((None, *shape))
        package.build((None, *shape))
        if transposed:
            folded = lambda clips: layers._phase_conv_transpose(  # noqa: E731
                clips, package.kernel, package.strides, True)
        else:
            folded = lambda clips: layers._phase_conv(  # noqa: E731
                clips, package.kernel, package.strides)
        passes = [training_pass(op, op.kernel), training_pass(folded, package.kernel),
                  training_pass(lambda clips: package(clips, training=True), package.kernel)]
        for batch in map(int, FLAGS.batches):
            clips = tf.random.uniform((batch, *shape), seed=batch)
            ms = [1000 * timed(lambda f=f: [g.numpy() for g in f(clips)], repeats)
                  for f in passes]
            print(f"training pass, {name}, batch {batch}: TensorFlow's op {ms[0]:.1f} ms, "
                  f"phase-folded {ms[1]:.1f} ms, the package's layer {ms[2]:.1f} ms")


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
    time_training(FLAGS.repeats)


if __name__ == "__main__":
    app.run(main)
