"""ImagePreprocessor: the one object that reads photos and prepares them for a model."""

from mdgan_tf.preprocessing.images import (
    fit_within, photo_pixels, prepare_images, read_image,
)
from mdgan_tf.preprocessing.limits import MAX_SIDE, check_max_side

_OWN = object()   # a `max_side` not given: the preprocessor's own


class ImagePreprocessor:
    """Reads photos (JPEG/PNG/BMP/GIF, turned upright by their EXIF orientation) and
    prepares them: for a model, as its square frames; for a photo-size video, at the
    photo's own size within `max_side`. Every photo is checked against the pixel limit.

    Args:
        resolution: the model's square frame size.
        max_pixels: the largest photo accepted, in pixels (None: `$MDGAN_MAX_PIXELS`, else
            50,000,000; see `limits.pixel_limit`), read from a file's header before it is
            decoded.
        max_side: the longest side of a photo-size video; a larger photo is shrunk to it
            (None: no limit; else at least `limits.MIN_SIDE`).

    Examples:
        >>> preprocessor = ImagePreprocessor(128)
        >>> frames = preprocessor.model_input(preprocessor.read("sky.jpg"))  # 1 x 128 x 128 x 3
    """

    def __init__(self, resolution, max_pixels=None, max_side=MAX_SIDE):
        check_max_side(max_side)
        self.resolution, self.max_pixels, self.max_side = resolution, max_pixels, max_side

    def read(self, path, max_pixels=None):
        """An image file -> H x W x 3 uint8, upright."""
        return read_image(path, max_pixels or self.max_pixels)

    def model_input(self, images, value_range=(0.0, 1.0), max_pixels=None):
        """One image or a batch (uint8, or floats in `value_range`) -> N x R x R x 3
        float32 in [-1, 1] (see `images.prepare_images`)."""
        return prepare_images(images, self.resolution, value_range,
                              max_pixels or self.max_pixels)

    def photo(self, image, max_side=_OWN, max_pixels=None):
        """One image -> H x W x 3 uint8 at its own size, its longer side at most
        `max_side` (the preprocessor's by default; None: as it is)."""
        max_side = self.max_side if max_side is _OWN else max_side
        check_max_side(max_side)
        pixels = photo_pixels(image, max_pixels=max_pixels or self.max_pixels)
        return fit_within(pixels, max_side) if max_side is not None else pixels

    def get_config(self):
        return {"resolution": self.resolution, "max_pixels": self.max_pixels,
                "max_side": self.max_side}
