"""Turning whatever image a user passes into model input, or a clear error saying why not."""

import re

import cv2
import numpy as np
import tensorflow as tf

from mdgan_tf.errors import FolderGivenError, InputError, MissingFileError, UnreadableFileError
from mdgan_tf.preprocessing.limits import pixel_limit, too_many_pixels_message


def encoded_pixels(data):
    """Width x height of an encoded JPEG/PNG/GIF/BMP image, read from its header without
    decoding it (0 for any other bytes, which decoding then rejects). Graph-safe, so the
    serving signature checks requests the same way the CLI and API check files."""
    data = tf.convert_to_tensor(data, tf.string)
    padded = tf.strings.join([data, tf.constant(b"\0" * 32)])   # header reads never run off

    def field(position, length, dtype, little_endian):
        raw = tf.strings.substr(padded, position, length)
        value = tf.io.decode_raw(raw, dtype, little_endian=little_endian)[0]
        return tf.abs(tf.cast(value, tf.int64))   # BMP heights are negative when top-down

    def starts(magic):
        return tf.equal(tf.strings.substr(padded, 0, len(magic)), magic)

    def jpeg():
        shape = tf.cast(tf.image.extract_jpeg_shape(data), tf.int64)
        return shape[0] * shape[1]

    return tf.case([
        (starts(b"\x89PNG\r\n\x1a\n"),
         lambda: field(16, 4, tf.int32, False) * field(20, 4, tf.int32, False)),
        (starts(b"GIF8"), lambda: field(6, 2, tf.uint16, True) * field(8, 2, tf.uint16, True)),
        (starts(b"BM"), lambda: field(18, 4, tf.int32, True) * field(22, 4, tf.int32, True)),
        (tf.io.is_jpeg(data), jpeg),
    ], default=lambda: tf.constant(0, tf.int64), exclusive=False)


def prepare_images(images, resolution, value_range=(0.0, 1.0), max_pixels=None):
    """One image (H x W x C, or H x W) or a batch (N x H x W x C) -> N x R x R x 3 in [-1, 1].

    uint8 (and other integer) images are read as 0..255. Float images must lie in
    `value_range`: (0, 1) by default, or (-1, 1). Grayscale is repeated to RGB and an alpha
    channel dropped; the result is resized (bilinear, antialiased) to the model's square
    resolution, aspect ratio not kept, as the paper's data were. Images over `max_pixels`
    (see `limits.pixel_limit`) are refused.
    """
    array = _rgb(_to_unit_range(_checked_batch(images, max_pixels), value_range))
    return fit_to_model(tf.convert_to_tensor(array * 2.0 - 1.0, tf.float32), resolution)


def photo_pixels(image, value_range=(0.0, 1.0), max_pixels=None):
    """One image, as `prepare_images` takes it -> H x W x 3 uint8 at its own size.

    uint8 RGB passes without a copy into floats, so a 48-megapixel photo costs its bytes
    once, not four times over."""
    array = _checked_batch(image, max_pixels)
    if len(array) != 1:
        raise InputError(f"expected one image, got a batch of {len(array)}")
    array = array[0]
    if array.dtype != np.uint8:
        array = np.round(_to_unit_range(array, value_range) * 255).astype(np.uint8)
    return np.ascontiguousarray(_rgb(array))


def fit_within(photo, max_side):
    """The photo shrunk (area-averaged) so its longer side is at most `max_side`."""
    height, width = photo.shape[:2]
    scale = max_side / max(height, width)
    if scale >= 1:
        return photo
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(photo, size, interpolation=cv2.INTER_AREA)


def _checked_batch(images, max_pixels):
    """One image or a batch -> N x H x W x C, checked: not empty, of a known rank and
    channel count, and within the pixel limit (read from the shape, before any copy)."""
    array = images.numpy() if isinstance(images, tf.Tensor) else np.asarray(images)
    if array.size == 0:
        raise InputError(f"the image is empty (shape {array.shape})")
    if array.ndim == 2:
        array = array[..., None]
    if array.ndim == 3:
        array = array[None]
    if array.ndim != 4:
        raise InputError(
            f"expected one image H x W x C or a batch N x H x W x C, got an array of rank "
            f"{np.ndim(images)} with shape {np.shape(images)}"
        )
    limit = pixel_limit(max_pixels)
    if array.shape[1] * array.shape[2] > limit:   # resizing it would take several copies
        raise InputError(too_many_pixels_message(limit, array.shape[1] * array.shape[2]))
    channels = array.shape[-1]
    if channels not in (1, 3, 4):
        raise InputError(
            f"expected 1 (grayscale), 3 (RGB) or 4 (RGBA) channels, got {channels} "
            f"(shape {array.shape})"
        )
    return array


def _rgb(array):
    """... x 1, 3 or 4 channels -> ... x 3: grayscale repeated, alpha dropped."""
    if array.shape[-1] == 1:
        return np.repeat(array, 3, axis=-1)
    return array[..., :3]


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
        raise InputError(f"images must be numeric arrays, got dtype {array.dtype}")
    if np.issubdtype(array.dtype, np.integer):
        low, high = array.min(), array.max()
        if low < 0 or high > 255:
            raise InputError(
                f"integer images must hold values 0..255, got {low}..{high} (dtype {array.dtype})"
            )
        return array.astype(np.float32) / 255.0
    array = array.astype(np.float32)
    if not np.all(np.isfinite(array)):
        raise InputError("the image contains NaN or infinite values")
    low, high = (float(v) for v in value_range)
    if (low, high) not in ((0.0, 1.0), (-1.0, 1.0)):
        raise InputError(f"value_range must be (0, 1) or (-1, 1), got {value_range}")
    tolerance = 1e-3
    if array.min() < low - tolerance or array.max() > high + tolerance:
        other = "(-1, 1)" if low == 0.0 else "(0, 1)"
        raise InputError(
            f"float images are expected in [{low:g}, {high:g}], got values in "
            f"[{array.min():g}, {array.max():g}]; pass value_range={other} if that is "
            f"their range, or uint8 images with values 0..255"
        )
    return np.clip((array - low) / (high - low), 0.0, 1.0)


def to_uint8(videos):
    """[-1, 1] floats -> uint8 0..255, rounded."""
    return tf.cast(tf.round((tf.clip_by_value(videos, -1.0, 1.0) + 1.0) * 127.5), tf.uint8)


_ORIENTATION_TAG = 0x0112
_IFD_ENTRIES_READ = 64   # IFD0 holds a few dozen entries at most


def exif_orientation(data):
    """The EXIF orientation (1-8) of encoded JPEG or PNG bytes; 1 when there is none.

    Graph-safe, so the serving signature turns photos upright exactly as the CLI and API
    do. The TIFF block follows "Exif\\0\\0" in a JPEG's APP1 segment and the chunk type
    in a PNG's eXIf chunk; orientation is a SHORT entry of its first IFD. Every read is
    clamped to the bytes there are, so damaged EXIF gives 1, never an error.
    """
    data = tf.convert_to_tensor(data, tf.string)

    def block_start(marker):
        parts = tf.strings.split(data, sep=marker, maxsplit=1)
        return tf.size(parts) == 2, tf.cast(tf.strings.length(parts[0]) + len(marker), tf.int64)

    in_jpeg, jpeg_start = block_start(b"Exif\0\0")
    in_png, png_start = block_start(b"eXIf")
    start = tf.where(in_jpeg, jpeg_start, png_start)
    padded = tf.strings.join([data, tf.constant(b"\0" * 16)])
    size = tf.cast(tf.strings.length(padded), tf.int64)
    two = tf.constant(2, tf.int64)
    little = tf.equal(tf.strings.substr(padded, tf.minimum(start, size - two), two), b"II")

    def read(position, length, dtype):
        position = tf.clip_by_value(position, 0, size - length)
        lengths = tf.fill(tf.shape(position), tf.constant(length, tf.int64))
        raw = tf.strings.substr(padded, position, lengths)
        values = [tf.cast(tf.io.decode_raw(raw, dtype, little_endian=order)[..., 0], tf.int64)
                  for order in (True, False)]
        return tf.where(little, values[0], values[1])

    ifd = start + tf.bitwise.bitwise_and(read(start + 4, 4, tf.int32), 0xFFFFFFFF)
    count = tf.minimum(read(ifd, 2, tf.uint16), _IFD_ENTRIES_READ)
    entries = tf.range(_IFD_ENTRIES_READ, dtype=tf.int64)
    tags = read(ifd + 2 + 12 * entries, 2, tf.uint16)
    values = read(ifd + 10 + 12 * entries, 2, tf.uint16)
    match = (tags == _ORIENTATION_TAG) & (entries < count)
    orientation = tf.reduce_max(tf.where(match, values, 0))
    valid = (in_jpeg | in_png) & (orientation >= 1) & (orientation <= 8)
    return tf.where(valid, orientation, tf.constant(1, tf.int64))


def upright(image, orientation):
    """H x W x C `image` as EXIF `orientation` says it is to be shown (phone photos are
    stored sideways): a flip, a rotation or a transpose."""
    transposed = lambda: tf.transpose(image, [1, 0, 2])
    return tf.switch_case(tf.cast(orientation, tf.int32) - 1, [
        lambda: image,
        lambda: tf.image.flip_left_right(image),
        lambda: tf.image.rot90(image, 2),
        lambda: tf.image.flip_up_down(image),
        transposed,
        lambda: tf.image.rot90(image, 3),
        lambda: tf.image.rot90(transposed(), 2),
        lambda: tf.image.rot90(image, 1),
    ])


def upright_array(image, orientation):
    """`upright` for a numpy image, as `read_image` turns a photo: TensorFlow's own uint8
    transposes log an error line on CPUs whose AVX-512 lacks what oneDNN wants for uint8
    (seen on an AVX-512 machine, 2026-12-04), after the quiet start is over."""
    turns = {2: np.fliplr, 3: lambda a: np.rot90(a, 2), 4: np.flipud,
             5: lambda a: a.transpose(1, 0, 2), 6: lambda a: np.rot90(a, 3),
             7: lambda a: np.rot90(a.transpose(1, 0, 2), 2), 8: lambda a: np.rot90(a, 1)}
    turn = turns.get(int(orientation))
    return image if turn is None else np.ascontiguousarray(turn(image))


def decode_photo(data):
    """Encoded JPEG/PNG/BMP/GIF bytes -> H x W x 3 uint8 (a GIF's first frame).

    JPEGs are decoded with the accurate integer DCT: TensorFlow's default, the fast one,
    is up to 42/255 off on fine detail.
    """
    return tf.cond(
        tf.io.is_jpeg(data),
        lambda: tf.io.decode_jpeg(data, channels=3, dct_method="INTEGER_ACCURATE"),
        lambda: tf.io.decode_image(data, channels=3, expand_animations=False))


def read_image(path, max_pixels=None):
    """An image file (JPEG, PNG, BMP or the first frame of a GIF) -> H x W x 3 uint8,
    turned upright by its EXIF orientation (phone photos are stored sideways).

    An image of more than `max_pixels` (see `limits.pixel_limit`) is refused from its header,
    before it is decoded.
    """
    limit = pixel_limit(max_pixels)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except IsADirectoryError:
        raise FolderGivenError(f"{path}: is a folder, not an image file") from None
    except FileNotFoundError:
        raise MissingFileError(f"{path}: no such image file") from None
    except OSError as error:
        raise UnreadableFileError(
            f"{path}: cannot read the image ({error.strerror or error})") from None
    try:
        pixels = int(encoded_pixels(data))
        if pixels > limit:
            raise InputError(f"{path}: " + too_many_pixels_message(limit, pixels))
        image = decode_photo(data)
    except tf.errors.InvalidArgumentError as error:
        reason = error.message.splitlines()[0] if error.message else "undecodable"
        reason = re.sub(r"\{\{function_node [^}]*\}\}\s*|\s*\[Op:\w+\]", "", reason)
        raise InputError(f"{path}: not a readable JPEG/PNG/BMP/GIF image ({reason})") from None
    return upright_array(image.numpy(), exif_orientation(data))
