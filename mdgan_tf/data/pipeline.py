"""One tf.data builder over any clip source: square frames, [-1, 1], shuffled, batched."""

import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.data.source import DataError


def square_frames(resolution, crop=False):
    """frames (... x H x W x 3, any number type) -> ... x R x R x 3 float32 in 0..255.

    The paper resizes the whole frame (aspect ratio not kept); `crop` takes the centred
    square first. Resizing is bilinear and antialiased, as `VideoGenerator.generate` does it.
    """

    def to_square(frames):
        frames = tf.cast(frames, tf.float32)
        if crop:
            height, width = tf.shape(frames)[-3], tf.shape(frames)[-2]
            side = tf.minimum(height, width)
            top, left = (height - side) // 2, (width - side) // 2
            frames = frames[..., top:top + side, left:left + side, :]
        if frames.shape[-3:-1] == (resolution, resolution):
            return frames
        # Resizing to the same size is exact, so frames already square pass unchanged.
        return tf.image.resize(frames, (resolution, resolution), antialias=True)

    return to_square


def decode_frame(data):
    """Encoded JPEG/PNG bytes -> H x W x 3 uint8; grayscale is repeated, alpha dropped."""
    frame = tf.io.decode_image(data, channels=3, expand_animations=False)
    frame.set_shape((None, None, 3))
    return frame


def encoded_clips(source, encode, resolution=None, crop=False):
    """(index, T encoded frames) for every clip of `source`, in order, for writing out.

    Frames are brought to `resolution` (None keeps their size), rounded to uint8 and passed
    through `encode` (e.g. `tf.io.encode_png`), in parallel.
    """
    to_size = square_frames(resolution, crop) if resolution else (lambda f: tf.cast(f, tf.float32))
    return source.clip_dataset(to_size).map(
        lambda i, frames: (i, tf.map_fn(encode, tf.cast(tf.round(frames), tf.uint8),
                                        fn_output_signature=tf.string)),
        num_parallel_calls=tf.data.AUTOTUNE)


def make_dataset(source, resolution, batch_size, *, shuffle=True, seed=0, crop=False,
                 epochs=1, skip=0, drop_remainder=False, with_index=False):
    """Batches of real clips for training: N x T x R x R x 3 float32 in [-1, 1].

    Clips are decoded in parallel and prefetched. With `shuffle`, each epoch's order is
    drawn from (seed, epoch), so a seed fixes the whole run; without, batches follow
    `source.clips`. `epochs=None` repeats forever; `skip` starts that many clips into the
    stream (a resumed run passes steps done x batch size). Clips that fail to decode (a
    file that changed after the scan) are left out with a logged warning instead of
    stopping the epoch, unless none decodes (see `ClipSource.clip_dataset`). `with_index`:
    batches of (indices into `source.clips`, clips), to know which clip is which.
    """
    if len(source) == 0:
        raise DataError(f"{source.description or source.kind} has no clips to make batches of")
    if batch_size < 1:
        raise InputError(f"batch_size must be positive, got {batch_size}")
    clips = source.clip_dataset(square_frames(resolution, crop), shuffle, seed, epochs, skip)
    clips = clips.map(lambda index, frames: (index, frames / 127.5 - 1.0) if with_index
                      else frames / 127.5 - 1.0, num_parallel_calls=tf.data.AUTOTUNE)
    clips = clips.batch(batch_size, drop_remainder=drop_remainder)
    return clips.prefetch(tf.data.AUTOTUNE)
