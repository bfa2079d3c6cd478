"""Using a trained model: photo in, time-lapse out (MDGAN), image preparation, the
side-by-side grid, video files, and the TF Serving export."""

from mdgan_tf.inference.export import SIGNATURES, export_saved_model
from mdgan_tf.inference.images import fit_to_model, prepare_images, read_image, to_uint8
from mdgan_tf.inference.mdgan import MDGAN
from mdgan_tf.inference.timelapse import grid_panels, side_by_side, timelapse
from mdgan_tf.inference.video_writer import VIDEO_FORMATS, output_kind, write_video

__all__ = [
    "MDGAN", "SIGNATURES", "VIDEO_FORMATS", "export_saved_model", "fit_to_model",
    "grid_panels", "output_kind", "prepare_images", "read_image", "side_by_side", "timelapse",
    "to_uint8", "write_video",
]
