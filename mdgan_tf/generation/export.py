"""TF Serving export: a SavedModel that needs TensorFlow only, with named signatures.

- `serving_default`: `images`, a batch of encoded JPEG/PNG/BMP/GIF bytes of any sizes ->
  `videos`, N x T x R x R x 3 uint8. What a web client sends and wants back.
- `generate_from_frames`: `frames`, N x H x W x 3 float32 in [-1, 1], any H and W ->
  `videos`, N x T x R x R x 3 float32 in [-1, 1]. For pipelines that already hold pixels.

- `motion_from_images` (a backbone whose G1 moves the photo only, `moves_photo`):
  `images` as above -> `videos` as above and `velocities`, N x T x R x R x 2 float32, the
  steps G1 moved the photo along (frame 0's is zero), what `PhotoAnimator.motion` gives: a
  client
  moves the photo at its own size with `PhotoAnimation(photo, velocities[0, 1:],
  drift=True)`, as `mdgan-generate` does.

All run the same frozen forward pass as `VideoGenerator.generate`, so they return its videos.
Undecodable bytes, non-finite frames, and images over the export's pixel limit (read from
their headers before decoding) fail the request with InvalidArgumentError; the server keeps
running.
"""

from pathlib import Path

import tensorflow as tf

from mdgan_tf.fileio import atomic_path
from mdgan_tf.generation.export_folder import check_export_dir
from mdgan_tf.generation.video_generator import MOTION, VideoGenerator
from mdgan_tf.preprocessing.images import (
    decode_photo, encoded_pixels, exif_orientation, fit_to_model, to_uint8, upright,
)
from mdgan_tf.preprocessing.limits import pixel_limit, too_many_pixels_message

SIGNATURES = ("serving_default", "generate_from_frames")
MOTION_SIGNATURE = "motion_from_images"


def signatures(model):
    """The names of the signatures the export of `model` (an `MDGANBackbone` or a
    `VideoGenerator`) has."""
    return SIGNATURES + ((MOTION_SIGNATURE,) if _generator(model).backbone.moves_photo else ())


def _generator(model):
    return model if isinstance(model, VideoGenerator) else VideoGenerator(model)


class ServingModule(tf.Module):
    """The exported object: the frozen generator(s) of one stage and its signatures.
    `generator`: a `VideoGenerator`."""

    def __init__(self, generator, stage=2, max_pixels=None):
        super().__init__(name="mdgan_serving")
        # Told no wind, a model that can be told one chooses it (`modeling.wind`). The
        # passes are frozen here, eagerly: the signatures traced later reuse them.
        generator.forward(stage)
        self._forward = lambda images: generator.run(stage, images)
        if generator.backbone.moves_photo:   # a plain export never traces it
            generator.forward(MOTION)
            self._motion = lambda images: generator.run(MOTION, images)
            self.serve_motion = tf.function(self._serve_motion, input_signature=[
                tf.TensorSpec([None], tf.string, name="images")])
        self._resolution = generator.config.resolution
        self._max_pixels = pixel_limit(max_pixels)

    def _decode(self, data):
        pixels = encoded_pixels(data)
        check = tf.debugging.assert_less_equal(
            pixels, tf.constant(self._max_pixels, tf.int64),
            message=too_many_pixels_message(self._max_pixels, what="an image"))
        with tf.control_dependencies([check]):
            image = upright(decode_photo(data), exif_orientation(data))
        pixels = tf.cast(image, tf.float32) / 255.0 * 2.0 - 1.0
        return fit_to_model(pixels[None], self._resolution)[0]

    def _decode_all(self, images):
        spec = tf.TensorSpec([self._resolution, self._resolution, 3], tf.float32)
        return tf.map_fn(self._decode, images, fn_output_signature=spec)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name="images")])
    def serve_images(self, images):
        return {"videos": to_uint8(self._forward(self._decode_all(images))[0])}

    def _serve_motion(self, images):
        clip, velocities, *change = self._motion(self._decode_all(images))
        return {"videos": to_uint8(clip), "velocities": velocities,
                **({"changes": change[0]} if change else {})}

    @tf.function(input_signature=[tf.TensorSpec([None, None, None, 3], tf.float32, name="frames")])
    def serve_frames(self, frames):
        frames = tf.debugging.assert_all_finite(frames, "frames hold NaN or infinite values")
        return {"videos": self._forward(fit_to_model(frames, self._resolution))[0]}


def export_saved_model(model, export_dir, stage=2, overwrite=False, max_pixels=None):
    """Write `model` (an `MDGANBackbone` or a `VideoGenerator`) as a TF Serving SavedModel
    into `export_dir` (…/<name>/<version>).

    The SavedModel is written under a hidden name beside `export_dir` and renamed when
    complete: TF Serving, which loads any numeric folder it sees, never sees a part of one,
    and a failed export leaves nothing behind. `max_pixels`: the largest image
    `serving_default` decodes (see `pixel_limit`), fixed into the export.
    """
    export_dir = Path(export_dir)
    check_export_dir(export_dir, overwrite)
    generator = _generator(model)
    module = ServingModule(generator, stage, max_pixels)
    functions = {"serving_default": "serve_images", "generate_from_frames": "serve_frames",
                 MOTION_SIGNATURE: "serve_motion"}
    named = {name: getattr(module, functions[name]).get_concrete_function()
             for name in signatures(generator)}
    with atomic_path(export_dir, directory=True) as temporary:
        tf.saved_model.save(module, str(temporary), signatures=named)
    return export_dir
