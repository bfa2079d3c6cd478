"""Turning whatever image a user passes into model input, or a clear error saying why not."""

import io

import numpy as np
import tensorflow as tf
from PIL import Image


def prepare_images(images, resolution, value_range=(0.0, 1.0)):
    """One image (H x W x C, or H x W) or a batch (N x H x W x C) -> N x R x R x 3 in [-1, 1].

    uint8 (and other integer) images are read as 0..255. Float images must lie in
    `value_range`: (0, 1) by default, or (-1, 1). Grayscale is repeated to RGB and an alpha
    channel dropped; the result is resized (bilinear, antialiased) to the model's square
    resolution, aspect ratio not kept, as the paper's data were.
    """
    array = images.numpy() if isinstance(images, tf.Tensor) else np.asarray(images)
    if array.size == 0:
        raise ValueError(f"the image is empty (shape {array.shape})")
    if array.ndim == 2:
        array = array[..., None]
    if array.ndim == 3:
        array = array[None]
    if array.ndim != 4:
        raise ValueError(
            f"expected one image H x W x C or a batch N x H x W x C, got an array of rank "
            f"{np.ndim(images)} with shape {np.shape(images)}"
        )
    channels = array.shape[-1]
    if channels not in (1, 3, 4):
        raise ValueError(
            f"expected 1 (grayscale), 3 (RGB) or 4 (RGBA) channels, got {channels} "
            f"(shape {array.shape})"
        )
    array = _to_unit_range(array, value_range)
    if channels == 1:
        array = np.repeat(array, 3, axis=-1)
    elif channels == 4:
        array = array[..., :3]
    return fit_to_model(tf.convert_to_tensor(array * 2.0 - 1.0, tf.float32), resolution)


def fit_to_model(frames, resolution):
    """N x H x W x 3 in [-1, 1] -> N x R x R x 3: resized (bilinear, antialiased) unless
    already R x R, then clipped. Also traced into the TF Serving export, where the size is
    known only at run time."""
    size = (resolution, resolution)
    frames = tf.cond(tf.reduce_all(tf.equal(tf.shape(frames)[1:3], size)),
                     lambda: frames, lambda: tf.image.resize(frames, size, antialias=True))
    return tf.clip_by_value(frames, -1.0, 1.0)


def _to_unit_range(array, value_range):
    if array.dtype == np.bool_ or not np.issubdtype(array.dtype, np.number):
        raise ValueError(f"images must be numeric arrays, got dtype {array.dtype}")
    if np.issubdtype(array.dtype, np.integer):
        low, high = array.min(), array.max()
        if low < 0 or high > 255:
            raise ValueError(
                f"integer images must hold values 0..255, got {low}..{high} (dtype {array.dtype})"
            )
        return array.astype(np.float32) / 255.0
    array = array.astype(np.float32)
    if not np.all(np.isfinite(array)):
        raise ValueError("the image contains NaN or infinite values")
    low, high = (float(v) for v in value_range)
    if (low, high) not in ((0.0, 1.0), (-1.0, 1.0)):
        raise ValueError(f"value_range must be (0, 1) or (-1, 1), got {value_range}")
    tolerance = 1e-3
    if array.min() < low - tolerance or array.max() > high + tolerance:
        other = "(-1, 1)" if low == 0.0 else "(0, 1)"
        raise ValueError(
            f"float images are expected in [{low:g}, {high:g}], got values in "
            f"[{array.min():g}, {array.max():g}]; pass value_range={other} if that is "
            f"their range, or uint8 images with values 0..255"
        )
    return np.clip((array - low) / (high - low), 0.0, 1.0)


def to_uint8(videos):
    """[-1, 1] floats -> uint8 0..255, rounded."""
    return tf.cast(tf.round((tf.clip_by_value(videos, -1.0, 1.0) + 1.0) * 127.5), tf.uint8)


# EXIF orientation (tag 0x0112) -> the transpose that shows the photo upright.
_UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}
_ORIENTATION = 0x0112


def read_image(path):
    """An image file (JPEG, PNG, BMP or the first frame of a GIF) -> H x W x 3 uint8,
    turned upright by its EXIF orientation (phone photos are stored sideways)."""
    try:
        data = tf.io.read_file(str(path))
        image = tf.io.decode_image(data, channels=3, expand_animations=False).numpy()
    except tf.errors.NotFoundError:
        raise FileNotFoundError(f"{path}: no such image file") from None
    except tf.errors.InvalidArgumentError as error:
        reason = error.message.splitlines()[0] if error.message else "undecodable"
        raise ValueError(f"{path}: not a readable JPEG/PNG/BMP/GIF image ({reason})") from None
    return _upright(image, data.numpy())


def _upright(image, data):
    """`image` as its EXIF orientation says it is to be shown (only the header is read)."""
    try:
        with Image.open(io.BytesIO(data)) as header:
            orientation = header.getexif().get(_ORIENTATION, 1)
    except (OSError, SyntaxError, ValueError):   # no EXIF Pillow can read: as stored
        return image
    if orientation not in _UPRIGHT:
        return image
    return np.asarray(Image.fromarray(image).transpose(_UPRIGHT[orientation]))
