"""MDGAN: the two trained generators together, for making videos from photos."""

import numbers
import os

import keras
import numpy as np
import tensorflow as tf
# Freezing weights into constants lets TensorFlow's CPU kernels cache their re-laid-out
# filters and fuse BatchNorm; it is the same tool TensorFlow's own exporters use.
from tensorflow.python.framework.convert_to_constants import convert_variables_to_constants_v2

from mdgan_tf.fileio import atomic_path, write_text_atomic
from mdgan_tf.hub.pretrained import (
    CONFIG_FILE, WEIGHTS_FILE, PretrainedModelError, check_weights_file, read_config, resolve_model,
)
from mdgan_tf.hub.training_checkpoints import find_training_checkpoint, restore_generator
from mdgan_tf.inference.formats import MAX_SIDE, check_video_memory
from mdgan_tf.inference.images import photo_pixels, prepare_images, to_uint8
from mdgan_tf.inference.photo_motion import PhotoAnimation, fit_within
from mdgan_tf.modeling import as_config, base_generator, refine_generator, still_video


def frozen(function, spec):
    """`function` traced for inputs of `spec` with every variable it reads made a constant.

    Returns a concrete function whose outputs are a list. Constant weights let TensorFlow's
    CPU kernels cache their re-laid-out filters and fold BatchNorm into the convolutions.
    """
    return convert_variables_to_constants_v2(tf.function(function).get_concrete_function(spec))


def anchored(clip, start):
    """A chained clip made to begin exactly at `start`, the frame it was generated from.

    The generators redraw frame 0 rather than copy it, and their error there (a blur of
    fine detail) would show as a jump where two clips meet, larger than a frame step.
    That error, start - clip[0], is added back with a weight fading from 1 at frame 0 to 0
    at the last frame, so each clip starts where the last one ended and ends as the model
    drew it. The first clip of a video is left as the model made it.
    """
    frames = clip.shape[1]
    fade = tf.reshape(tf.linspace(1.0, 0.0, frames), (1, frames, 1, 1, 1))
    return tf.clip_by_value(clip + fade * (start - clip[:, 0])[:, None], -1.0, 1.0)


# Bytes one value of the model's video takes while it is made: the float32 clips, their
# concatenation, and the uint8 copy returned.
_BYTES_PER_VALUE = 4 + 4 + 1


def _video_length(frames, config, videos=1):
    """The length `frames` asks for (T when None), checked, and refused where `videos`
    videos of that length would hold more memory than the limit allows."""
    length = config.frames if frames is None else frames
    if isinstance(length, bool) or not float(length).is_integer() or length < 1:
        raise ValueError(f"frames must be a whole number of at least 1, got {frames!r}")
    length = int(length)
    side = config.resolution
    what = f"{length:,} frames at {side}x{side}" + (f", {videos} videos" if videos > 1 else "")
    check_video_memory(what, videos * length * side * side * 3 * _BYTES_PER_VALUE / 2**20)
    return length


def check_stage(stage):
    # Checked before any tracing, so the error is this line and not a trace of "user code".
    if isinstance(stage, bool) or stage not in (1, 2):
        raise ValueError(f"stage must be the int 1 (Base-Net) or 2 (Refine-Net), got {stage!r}")


class MDGAN(keras.Model):
    """G1 and G2 of a trained MD-GAN. `generate(photo)` returns the time-lapse that follows.

    Both generators always run with inference-mode BatchNorm, so a photo gives the same
    video alone as inside a batch (the authors' test script used batch statistics).
    """

    def __init__(self, config, base=None, refine=None, **kwargs):
        """`base` and `refine`: trained G1 and G2 to hold (training passes its own); new
        ones are built when omitted."""
        super().__init__(**kwargs)
        self.config = as_config(config)
        self.base_generator = base or base_generator(self.config)
        self.refine_generator = refine or refine_generator(self.config)
        self.built = True
        self._frozen = {}

    def call(self, images, stage=2):
        """N x R x R x 3 frames in [-1, 1] at the model's resolution -> N x T x R x R x 3."""
        check_stage(stage)
        video = self.base_generator(still_video(images, self.config.frames), training=False)
        if stage == 2:
            video = self.refine_generator(video, training=False)
        return video

    def generate(self, images, stage=2, value_range=(0.0, 1.0), dtype="uint8", frames=None,
                 max_pixels=None):
        """Photo(s) -> video(s) N x frames x R x R x 3 as uint8, or as float32 in [-1, 1].

        `images`: one image (H x W x 3, H x W x 1, H x W x 4 or H x W) or a batch of them,
        uint8 or float in `value_range`, of any size (resized to the model's resolution).
        `frames`: the video length, T (the model's clip length) by default. Longer videos
        are chained: the last frame of each clip starts the next one, whose first frame (a
        copy of that start) is dropped; see `anchored` for how the join is kept smooth.
        `max_pixels`: the largest image accepted (see `inference.images.pixel_limit`).
        """
        if dtype not in ("uint8", "float32"):
            raise ValueError(f"dtype must be 'uint8' or 'float32', got {dtype!r}")
        check_stage(stage)
        batch = prepare_images(images, self.config.resolution, value_range, max_pixels)
        length = _video_length(frames, self.config, videos=len(batch))
        clip = self._inference(stage)(batch)[0]
        videos = self._chained(clip, stage, length)
        return (to_uint8(videos) if dtype == "uint8" else videos).numpy()

    def generate_stages(self, images, frames=None, max_pixels=None):
        """Stage I's and stage II's uint8 videos of the same photo(s), as `generate` makes
        them at stage 1 and at stage 2, with G1's first clip made once for both (the
        side-by-side grid shows both; this saves one G1 pass)."""
        batch = prepare_images(images, self.config.resolution, max_pixels=max_pixels)
        length = _video_length(frames, self.config, videos=2 * len(batch))
        base, refined = self._inference("both")(batch)
        return tuple(to_uint8(self._chained(clip, stage, length)).numpy()
                     for clip, stage in ((base, 1), (refined, 2)))

    @property
    def moves_photo(self):
        """Whether G1 moves the photo along velocities (`base_output="warp"`) rather than
        painting frames: its motion is then read from G1 itself (`motion`)."""
        return self.config.base_output == "warp"

    def motion(self, photo, frames=None, max_pixels=None):
        """The velocities a moving G1 (`moves_photo`) gives one photo: (frames - 1) x R x R
        x 2 float32, each frame's step from the one before in pixels of the model's frame,
        as `PhotoAnimation` takes them. Longer than T, G1 runs again from the last frame of
        its clip, as `generate` chains clips (a moved photo's frame 0 is exact, so no join
        needs smoothing)."""
        if not self.moves_photo:
            raise ValueError("motion() needs a G1 that moves the photo (base_output='warp'); "
                             "this one paints frames: read their flow (PhotoAnimation."
                             "from_video)")
        length = _video_length(frames, self.config)
        start = prepare_images(photo, self.config.resolution, max_pixels=max_pixels)
        if len(start) != 1:
            raise ValueError(f"motion() takes one photo, got {len(start)}")
        steps, have = [], 0
        while have < length - 1:
            clip, velocity = self._inference("motion")(start)
            steps.append(velocity[0, 1:].numpy())
            have += len(steps[-1])
            start = clip[:, -1]
        if not steps:   # one frame: no step
            resolution = self.config.resolution
            return np.zeros((0, resolution, resolution, 2), np.float32)
        return np.concatenate(steps)[:length - 1]

    def animation(self, photo, frames=None, stage=2, speed=1.0, loop=False, max_side=MAX_SIDE,
                  max_pixels=None, video=None):
        """The photo at its own size and aspect ratio, moved along the model's motion: a
        `PhotoAnimation`, whose frames (H x W x 3 uint8) are made one at a time as it is
        iterated. See `mdgan_tf.inference.photo_motion`.

        `photo`: one image, as `generate` takes it. `frames`: the length (T by default;
        longer videos follow the model's chained clips). `stage`: whose video's motion, for
        a painting G1; a G1 that moves the photo gives its motion itself (`motion`), the
        same at both stages (a G2 that moves G1's frames again refines the model's own
        square video only). `speed` scales the motion. `loop`: the last frame flows into
        the first. `max_side`: the longest side of the output; a larger photo is shrunk to
        it (None: no limit). `video`: a painting G1's uint8 video of the photo at `stage`,
        when already made: `frames` + 1 frames (its step from frame 0 is left out, see
        `PhotoAnimation.from_video`).
        """
        length = _video_length(frames, self.config)
        if isinstance(speed, bool) or not (isinstance(speed, numbers.Real) and 0 <= speed <= 100):
            raise ValueError(f"speed must be a number from 0 to 100, got {speed!r}")
        if max_side is not None and max_side < 1:
            raise ValueError(f"max_side must be positive, got {max_side!r}")
        image = photo_pixels(photo, max_pixels=max_pixels)
        if max_side is not None:
            image = fit_within(image, max_side)
        if self.moves_photo:
            return PhotoAnimation(image, self.motion(image, length, max_pixels), speed, loop,
                                  drift=True)
        if video is None:
            video = self.generate(image, stage=stage, frames=length + 1,
                                  max_pixels=max_pixels)[0]
        return PhotoAnimation.from_video(image, video, speed=speed, loop=loop)

    def animate(self, photo, frames=None, stage=2, speed=1.0, loop=False, max_side=MAX_SIDE,
                max_pixels=None):
        """`animation(...)` made whole: frames x H x W x 3 uint8, H x W the photo's size
        (its longer side at most `max_side`). For long videos of large photos, iterate
        `animation` instead, or let `write_video` stream it."""
        return np.stack(list(self.animation(photo, frames, stage, speed, loop, max_side,
                                            max_pixels)))

    def _chained(self, clip, stage, length):
        """`clip` (N x T x R x R x 3, in [-1, 1]) continued at `stage` to `length` frames:
        the last frame of each clip starts the next, whose first frame is dropped."""
        clips, have = [clip], clip.shape[1]
        while have < length:
            start = clip[:, -1]
            clip = anchored(self._inference(stage)(start)[0], start)
            clips.append(clip[:, 1:])
            have += clip.shape[1] - 1
        return tf.concat(clips, axis=1)[:, :length]

    def _inference(self, stage):
        """The forward pass at `stage` (1, 2, "both": G1's clip and G2's refinement of it,
        or "motion": G1's clip and its velocities) with the current weights frozen in,
        made on first use.

        Weights changed in place afterwards are not seen until `clear_inference_cache()`;
        `load_weights` and `from_pretrained` clear it themselves.
        """
        if stage not in self._frozen:
            resolution = self.config.resolution
            spec = tf.TensorSpec((None, resolution, resolution, 3), tf.float32)
            forward = {"both": self._both_stages, "motion": self._base_motion}.get(
                stage, lambda images: self(images, stage=stage))
            self._frozen[stage] = frozen(forward, spec)
        return self._frozen[stage]

    def _both_stages(self, images):
        base = self(images, stage=1)
        return base, self.refine_generator(base, training=False)

    def _base_motion(self, images):
        """G1's clip and the velocities it moved the photo along (`modeling.warp`)."""
        warp = self.base_generator.get_layer("warp")
        inner = keras.Model(self.base_generator.inputs,
                            [self.base_generator.outputs[0], warp.input[1]])
        clip, raw = inner(still_video(images, self.config.frames), training=False)
        return clip, warp.velocities(raw)

    def clear_inference_cache(self):
        self._frozen = {}

    def load_weights(self, *args, **kwargs):
        self.clear_inference_cache()
        return super().load_weights(*args, **kwargs)

    def save_pretrained(self, directory):
        """Write `config.json` and `model.weights.h5` into `directory` (created if needed),
        each under a temporary name first, so neither is ever left half-written."""
        with atomic_path(os.path.join(directory, WEIGHTS_FILE)) as weights:
            self.save_weights(weights)
        write_text_atomic(os.path.join(directory, CONFIG_FILE), self.config.to_json())

    @classmethod
    def from_preset(cls, name_or_path, *, sha256=None, force_download=False):
        """Load a model by preset name, from a directory written by `save_pretrained` (or
        by training), from a URL (https://, http://, file://) of such a directory, or as it
        was at a training checkpoint (`model_dir/checkpoints/stage2/ckpt-50`, or that
        folder for its newest).

        URLs are downloaded once into `$MDGAN_HOME` and checked by SHA-256 (`sha256`: the
        expected digest of `model.weights.h5`); see `mdgan_tf.hub`.
        """
        checkpoint = find_training_checkpoint(name_or_path)
        if checkpoint is not None:
            return cls._from_training_checkpoint(*checkpoint)
        directory = resolve_model(name_or_path, sha256=sha256, force_download=force_download)
        model = cls(read_config(directory))
        weights = os.path.join(directory, WEIGHTS_FILE)
        check_weights_file(weights)
        try:
            model.load_weights(weights)
        except (ValueError, KeyError) as error:   # weights of another architecture
            raise PretrainedModelError(
                f"{weights} does not fit the model in its config.json ({error}); save the "
                f"model again, or pass the config it was trained with") from error
        return model

    # The Hugging Face name for the same thing, which many users reach for first.
    from_pretrained = from_preset

    @classmethod
    def _from_training_checkpoint(cls, prefix, stage, model_dir):
        """The model in `model_dir` with the generator of `stage` read from `prefix`."""
        if (model_dir / WEIGHTS_FILE).is_file():
            model = cls.from_preset(model_dir)
        elif stage == 2:
            raise FileNotFoundError(
                f"a stage-2 checkpoint needs its G1, and {str(model_dir)!r} has no "
                f"{WEIGHTS_FILE} (mdgan-train writes one there when stage 2 starts)")
        else:   # stage 1 before its end: G2 untrained, as mdgan-train saves it then
            model = cls(read_config(model_dir))
        restore_generator(model.base_generator if stage == 1 else model.refine_generator,
                          prefix)
        model.clear_inference_cache()
        return model
