"""Reading and preparing photos, before any model runs: decoding (EXIF, pixel limits),
resizing, where a photo's sky is, and every limit on what a user may ask for."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.preprocessing.given_sky": ("given_sky",),
    "mdgan_tf.preprocessing.images": ("fit_to_model", "fit_within", "photo_pixels",
                                      "prepare_images", "read_image", "to_uint8"),
    "mdgan_tf.preprocessing.limits": ("MAX_SIDE", "MIN_SIDE", "check_frames", "check_max_side",
                                      "check_photo_size", "check_speed"),
    "mdgan_tf.preprocessing.preprocessor": ("ImagePreprocessor",),
    "mdgan_tf.preprocessing.sky_mask": ("faded_inwards", "found_sky", "sky_and_sun",
                                        "sky_mask"),
    "mdgan_tf.preprocessing.sky_matte": ("sky_matte",),
})
