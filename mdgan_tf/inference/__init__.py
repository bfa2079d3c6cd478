"""What a user gets from a trained model: `MDGAN` (a backbone with both tasks at hand), the
time-lapse at the photo's size or the model's, alone or in a grid, video files, and the
choices of format and size the binaries share, and the sky found written as a mask to
edit."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.generation.export": ("SIGNATURES", "export_saved_model", "signatures"),
    "mdgan_tf.inference.formats": ("SIZES", "VIDEO_FORMATS", "output_kind"),
    "mdgan_tf.inference.found_sky_file": ("write_found_sky",),
    "mdgan_tf.inference.mdgan": ("MDGAN",),
    "mdgan_tf.inference.timelapse": ("timelapse",),
    "mdgan_tf.inference.video_writer": ("write_video",),
    "mdgan_tf.animation.slide": ("SLIDE_FRAMES", "slide", "slide_timelapse"),
    "mdgan_tf.preprocessing.images": ("fit_to_model", "prepare_images", "read_image",
                                      "to_uint8"),
    "mdgan_tf.preprocessing.limits": ("MAX_SIDE",),
})
