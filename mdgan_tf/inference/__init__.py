"""Using a trained model: photo in, time-lapse out (MDGAN), image preparation, the
side-by-side grid, video files, and the TF Serving export."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.inference.export": ("SIGNATURES", "export_saved_model", "signatures"),
    "mdgan_tf.inference.formats": ("MAX_SIDE", "SIZES", "VIDEO_FORMATS", "output_kind"),
    "mdgan_tf.inference.images": ("fit_to_model", "prepare_images", "read_image", "to_uint8"),
    "mdgan_tf.inference.mdgan": ("MDGAN",),
    "mdgan_tf.inference.photo_motion": ("slide",),
    "mdgan_tf.inference.timelapse": ("grid_panels", "side_by_side", "slide_timelapse",
                                     "timelapse", "SLIDE_FRAMES"),
    "mdgan_tf.inference.video_writer": ("write_video",),
})
