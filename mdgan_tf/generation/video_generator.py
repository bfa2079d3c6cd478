"""VideoGenerator: the paper's task. A photo in, the model's own T-frame video out, at
stage I or II, and longer videos chained from its clips."""

import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.modeling.backbone import MDGANBackbone, check_stage
from mdgan_tf.modeling.frozen import frozen
from mdgan_tf.modeling.wind import CHANNELS as WIND_CHANNELS, check_told, wind_vector
from mdgan_tf.preprocessing.images import to_uint8
from mdgan_tf.preprocessing.limits import check_frames, check_video_memory
from mdgan_tf.preprocessing.preprocessor import ImagePreprocessor

# Bytes one value of the model's video takes while it is made: the float32 clips, their
# concatenation, and the uint8 copy returned.
_BYTES_PER_VALUE = 4 + 4 + 1
# What `forward` traces: a stage, or these.
BOTH, MOTION = "both", "motion"


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


class VideoGenerator:
    """The paper's video generator: photo(s) -> the model's own video(s), R x R.

    Args:
        backbone: an `MDGANBackbone`.
        preprocessor: an `ImagePreprocessor` for the backbone's resolution (a default one
            when omitted).

    Examples:
        >>> generator = VideoGenerator.from_preset("mdgan_sky_synthetic_64")
        >>> video = generator.generate(photo)          # 1 x 32 x 64 x 64 x 3 uint8
        >>> longer = generator.generate(photo, frames=100, stage=1)
    """

    def __init__(self, backbone, preprocessor=None):
        self.backbone = backbone
        self.config = backbone.config
        self.preprocessor = preprocessor or ImagePreprocessor(backbone.config.resolution)
        self._frozen = {}

    @classmethod
    def from_preset(cls, name_or_path, **kwargs):
        """The task over `MDGANBackbone.from_preset(name_or_path, **kwargs)`."""
        return cls(MDGANBackbone.from_preset(name_or_path, **kwargs))

    def video_length(self, frames, videos=1):
        """The length `frames` asks for (T when None), checked, and refused where `videos`
        videos of that length would hold more memory than the limit allows."""
        length = check_frames(self.config.frames if frames is None else frames)
        side = self.config.resolution
        what = f"{length:,} frames at {side}x{side}" + (f", {videos} videos" if videos > 1
                                                         else "")
        check_video_memory(what, videos * length * side * side * 3 * _BYTES_PER_VALUE / 2**20)
        return length

    def generate(self, images, stage=2, value_range=(0.0, 1.0), dtype="uint8", frames=None,
                 max_pixels=None, *, wind=None):
        """Photo(s) -> video(s).

        Args:
            images: one image (H x W x 3, H x W x 1, H x W x 4 or H x W) or a batch, uint8
                or float in `value_range`, of any size (resized to the model's resolution).
            stage: 1 (Base-Net) or 2 (Refine-Net).
            dtype: "uint8", or "float32" for values in [-1, 1].
            frames: the length, T (the model's clip length) by default. Longer videos are
                chained: the last frame of each clip starts the next one, whose first frame
                (a copy of that start) is dropped; see `anchored`.
            max_pixels: the largest image accepted (see `preprocessing.limits.pixel_limit`).
            wind: for a model told the wind (`config.wind_condition`), the heading its sky
                should move towards, in degrees (0: left to right, 90: downwards); None:
                the model chooses.

        Returns:
            N x frames x R x R x 3, a numpy array.
        """
        if dtype not in ("uint8", "float32"):
            raise InputError(f"dtype must be 'uint8' or 'float32', got {dtype!r}")
        check_stage(stage)
        batch = self.preprocessor.model_input(images, value_range, max_pixels)
        length = self.video_length(frames, videos=len(batch))
        clip = self.run(stage, batch, wind)[0]
        videos = self._chained(clip, stage, length, wind)
        return (to_uint8(videos) if dtype == "uint8" else videos).numpy()

    def generate_stages(self, images, frames=None, max_pixels=None, *, wind=None):
        """Stage I's and stage II's uint8 videos of the same photo(s), as `generate` makes
        them, with G1's first clip made once for both."""
        batch = self.preprocessor.model_input(images, max_pixels=max_pixels)
        length = self.video_length(frames, videos=2 * len(batch))
        base, refined = self.run(BOTH, batch, wind)
        return tuple(to_uint8(self._chained(clip, stage, length, wind)).numpy()
                     for clip, stage in ((base, 1), (refined, 2)))

    def grid_panels(self, image, frames=None, max_pixels=None, *, wind=None):
        """The paper's figure's three videos of one photo, each frames x R x R x 3 uint8:
        the photo held still (as the model sees it), stage I's video and stage II's."""
        base, refined = (video[0] for video in self.generate_stages(
            image, frames=frames, max_pixels=max_pixels, wind=wind))
        photo = to_uint8(self.preprocessor.model_input(image, max_pixels=max_pixels)).numpy()
        return np.repeat(photo, len(base), axis=0), base, refined

    def forward(self, stage):
        """The forward pass at `stage` (1, 2, BOTH: G1's clip and G2's refinement of it, or
        MOTION: G1's clip and its velocities, for a backbone that `moves_photo`), on
        N x R x R x 3 frames in [-1, 1], with the current weights frozen in, made on first
        use; for a model told the wind, on those and N x 3 wind rows (`run` makes them).
        Weights changed in place afterwards are not seen until `clear_inference_cache()`."""
        if stage not in (BOTH, MOTION):
            check_stage(stage)
        if stage not in self._frozen:
            resolution = self.config.resolution
            specs = [tf.TensorSpec((None, resolution, resolution, 3), tf.float32)]
            if self.config.wind_condition:
                specs.append(tf.TensorSpec((None, WIND_CHANNELS), tf.float32))
            function = {BOTH: self.backbone.both_stages,
                        MOTION: self.backbone.base_motion}.get(
                stage, lambda images, *wind: self.backbone(images, stage=stage,
                                                       wind=wind[0] if wind else None))
            self._frozen[stage] = frozen(function, *specs)
        return self._frozen[stage]

    def run(self, stage, images, wind=None):
        """`forward(stage)` on N x R x R x 3 frames, the model told the heading `wind`
        (degrees; None: it chooses), where it can be told."""
        check_told(self.config, wind)
        if not self.config.wind_condition:
            return self.forward(stage)(images)
        rows = tf.tile(tf.constant(wind_vector(wind))[None], [tf.shape(images)[0], 1])
        return self.forward(stage)(images, rows)

    def clear_inference_cache(self):
        self._frozen = {}

    def _chained(self, clip, stage, length, wind=None):
        """`clip` (N x T x R x R x 3, in [-1, 1]) continued at `stage` to `length` frames:
        the last frame of each clip starts the next, whose first frame is dropped."""
        clips, have = [clip], clip.shape[1]
        while have < length:
            start = clip[:, -1]
            clip = anchored(self.run(stage, start, wind)[0], start)
            clips.append(clip[:, 1:])
            have += clip.shape[1] - 1
        return tf.concat(clips, axis=1)[:, :length]
