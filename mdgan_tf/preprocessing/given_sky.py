"""A sky the user draws, for a photo whose sky the package finds wrongly.

`sky_mask.found_sky` finds the sky from the photo alone and holds still what it is unsure
of. On some photos that is real sky: the Animating Landscape photo's band of low sunset
clouds, cut off by their hard edges, stays still, and the sky moving on beside it brings
out the fill from behind it, grey against the band's gold. No rule found so far frees
such a band without tearing others (docs/generating.md). A mask drawn in any editor, of
the photo's shape at any size, white where the sky is, replaces what is found; the sun
is still found in it. The sky found can be written out as such a mask, to edit rather
than draw from nothing (`inference.write_found_sky`). Read with Pillow, so that a binary
checks it before TensorFlow loads.
"""

from pathlib import Path

import numpy as np

from mdgan_tf.errors import InputError
from mdgan_tf.preprocessing.photo_file import check_photo_file

SIDEWAYS = (5, 6, 7, 8)    # the EXIF orientations that show a photo turned a quarter


def given_sky(mask):
    """A sky mask as a user gives it -> h x w float32 in [0, 1], 1 in the sky.

    Args:
        mask: a path to a JPEG, PNG, BMP or GIF image, whose brightness is read (white:
            sky; turned upright by its EXIF orientation, any alpha channel ignored); or an
            array h x w (bool, integers 0..255 or floats in [0, 1]) or h x w x C (the
            mean of its first three channels, or its one).

    Raises:
        InputError: an unreadable file, values out of range, or no sky marked at all.
    """
    name = ""
    if isinstance(mask, (str, Path)):
        from PIL import Image, ImageOps

        name = f"{mask}: "
        check_photo_file(mask)
        with Image.open(mask) as image:
            mask = np.asarray(ImageOps.exif_transpose(image).convert("L"))
    array = np.asarray(mask)
    if array.dtype == bool:
        sky = array.astype(np.float32)
    elif np.issubdtype(array.dtype, np.integer):
        sky = np.clip(array.astype(np.float32) / 255, 0, 1)
    elif np.issubdtype(array.dtype, np.floating):
        sky = array.astype(np.float32)
        if not np.isfinite(sky).all() or sky.min() < 0 or sky.max() > 1:
            raise InputError(f"a float sky mask must lie in [0, 1], got values from "
                             f"{np.nanmin(sky):g} to {np.nanmax(sky):g}")
    else:
        raise InputError(f"a sky mask must be bool, integer or float, got {array.dtype}")
    if sky.ndim == 3:
        sky = sky[..., :3].mean(axis=-1) if sky.shape[-1] >= 3 else sky[..., 0]
    if sky.ndim != 2:
        raise InputError(f"a sky mask must be h x w or h x w x channels, got shape "
                         f"{array.shape}")
    if not (sky >= 0.5).any():
        raise InputError(f"{name}the sky mask marks no sky: white (or 1) is sky, black ground")
    return sky


def check_fits(mask_shape, photo_shape):
    """Raise unless a mask of `mask_shape` (h, w, ...) has the shape of a photo of
    `photo_shape` (H, W, ...): its height within a pixel of the photo's aspect at its
    width."""
    (height, width), (photo_height, photo_width) = mask_shape[:2], photo_shape[:2]
    if abs(height - width * photo_height / photo_width) > 1:
        raise InputError(f"the sky mask is {width}x{height} and the photo {photo_width}x"
                         f"{photo_height}: a mask must have the photo's shape (at any size)")


def check_mask_file(mask_path, photo_path):
    """Raise, naming the problem, unless `mask_path` is a readable sky mask (`given_sky`) of
    the shape of the photo at `photo_path` as it is shown (turned by its EXIF orientation),
    both read with Pillow: a binary's check before TensorFlow loads."""
    from PIL import ExifTags, Image

    mask = given_sky(mask_path)
    with Image.open(photo_path) as photo:
        width, height = photo.size
        if photo.getexif().get(ExifTags.Base.Orientation, 1) in SIDEWAYS:
            width, height = height, width
    check_fits(mask.shape, (height, width))

