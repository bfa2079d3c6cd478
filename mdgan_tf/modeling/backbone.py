"""MDGANBackbone: the two generators of one MD-GAN, G1 (Base-Net) and G2 (Refine-Net).

What every task runs and what training saves: the networks and their architecture
config, loaded from a preset name, a model folder, a URL or a training checkpoint, and
saved as a model folder (`config.json`, `model.weights.h5`). It makes videos of the
model's own size from model-size frames; reading photos is the preprocessor's
(`mdgan_tf.preprocessing`), and what a user gets, the tasks' (`mdgan_tf.generation`,
`mdgan_tf.animation`).
"""

import os

import keras

from mdgan_tf.errors import InputError, MissingFileError
from mdgan_tf.fileio import atomic_path, write_text_atomic
from mdgan_tf.hub.pretrained import (
    CONFIG_FILE, WEIGHTS_FILE, PretrainedModelError, check_weights_file, read_config_dict,
    resolve_model,
)
from mdgan_tf.hub.training_checkpoints import find_training_checkpoint, restore_generator
from mdgan_tf.modeling.config import MDGANConfig, as_config
from mdgan_tf.modeling.generator import (base_generator, refine_generator, still_video,
                                         with_motion)
from mdgan_tf.modeling.heads import MOVING_HEADS
from mdgan_tf.modeling.wind import generator_inputs

STAGES = (1, 2)


def check_stage(stage):
    """Refuse a stage other than the int 1 (Base-Net) or 2 (Refine-Net), in one line,
    before any tracing."""
    if isinstance(stage, bool) or stage not in STAGES:
        raise InputError(f"stage must be the int 1 (Base-Net) or 2 (Refine-Net), got {stage!r}")


def read_config(directory):
    """The `MDGANConfig` in a model folder's config.json; a damaged one is named."""
    try:
        return MDGANConfig.from_dict(read_config_dict(directory))
    except (ValueError, TypeError) as error:
        if isinstance(error, PretrainedModelError):
            raise
        path = os.path.join(directory, CONFIG_FILE)
        raise PretrainedModelError(
            f"{path} is not a valid MD-GAN config: {error}. Restore it from where the model "
            f"came from (save_pretrained, mdgan-train and mdgan-convert write it)") from error


class MDGANBackbone(keras.Model):
    """G1 and G2 of one MD-GAN.

    Both generators run with inference-mode BatchNorm here, so a photo gives the same video
    alone as inside a batch (the authors' test script used batch statistics).

    Args:
        config: an `MDGANConfig`, or its dict form.
        base: a G1 to hold (training passes its own); a new one when omitted.
        refine: a G2 to hold; a new one when omitted.

    Examples:
        >>> backbone = MDGANBackbone.from_preset("mdgan_sky_synthetic_64")
        >>> video = backbone(frames)   # N x 64 x 64 x 3 in [-1, 1] -> N x 32 x 64 x 64 x 3
    """

    def __init__(self, config, base=None, refine=None, **kwargs):
        super().__init__(**kwargs)
        self.config = as_config(config)
        self.base_generator = base or base_generator(self.config)
        self.refine_generator = refine or refine_generator(self.config)
        self.built = True

    def call(self, images, stage=2, wind=None):
        """N x R x R x 3 frames in [-1, 1] at the model's resolution -> N x T x R x R x 3.
        `wind`: for a G1 told the wind (`config.wind_condition`), N x 3 rows of
        `modeling.wind.wind_vector` (None: G1 chooses)."""
        check_stage(stage)
        video = self.base_generator(self._g1_input(images, wind), training=False)
        if stage == 2:
            video = self.refine_generator(video, training=False)
        return video

    def both_stages(self, images, wind=None):
        """G1's clip and G2's refinement of it, from one G1 pass."""
        base = self(images, stage=1, wind=wind)
        return base, self.refine_generator(base, training=False)

    def _g1_input(self, images, wind):
        return generator_inputs(self.config, still_video(images, self.config.frames), wind)

    @property
    def moves_photo(self):
        """Whether G1 moves the photo along velocities it predicts (a `WarpHead`) rather
        than painting frames: its motion can then be read from G1 itself (`base_motion`)."""
        return self.config.base_head.type in MOVING_HEADS

    @property
    def changes_photo(self):
        """Whether G1 also changes the moved photo's colour (a `WarpChangeHead`)."""
        return self.config.base_head.type == "warp_change"

    def base_motion(self, images, wind=None):
        """G1's clip and the velocities it moved the photo along (`modeling.warp`), for a
        G1 that `moves_photo`: N x T x R x R x 3 and N x T x R x R x 2 (frame 0's zero),
        and for one that `changes_photo`, third, the change of colour it added: N x T x R
        x R x 3."""
        if not self.moves_photo:
            raise InputError("this G1 paints frames; only a G1 that moves the photo (a "
                             "'warp' base_head) has velocities of its own")
        warp = self.base_generator.get_layer("warp")
        given = self._g1_input(images, wind)
        clip, raw = with_motion(self.base_generator)(given, training=False)
        velocities = warp.velocities(raw, *given[1:] if isinstance(given, list) else [])
        if self.changes_photo:
            return clip, velocities, warp.changes(raw)
        return clip, velocities

    def refine_motion(self, video):
        """G2's refinement of `video` (G1's clip, N x T x R x R x 3 in [-1, 1]) and, for a
        G2 that moves frames again (a `MoveFramesHead`), the displacement it moved each
        frame by: N x T x R x R x 2, where each pixel of frame t shows frame t of `video`
        (frame 0's zero). What stage II adds to G1's motion (`animation.motion.refined`)."""
        if self.config.refine_head.type != "move_frames":
            raise InputError("this G2 paints or corrects frames; only a G2 that moves them "
                             "(a 'move_frames' refine_head) has displacements of its own")
        move = self.refine_generator.get_layer("move_frames")
        refined, raw = keras.Model(self.refine_generator.inputs,
                                   [self.refine_generator.outputs[0], move.input[1]])(
            video, training=False)
        return refined, move.field(raw)

    def get_config(self):
        return {"config": self.config.to_dict(), "name": self.name,
                "trainable": self.trainable}

    @classmethod
    def from_config(cls, config):
        return cls(**config)

    def save_pretrained(self, directory):
        """Write `config.json` and `model.weights.h5` into `directory` (created if needed),
        each under a temporary name first, so neither is ever left half-written."""
        with atomic_path(os.path.join(directory, WEIGHTS_FILE)) as weights:
            self.save_weights(weights)
        write_text_atomic(os.path.join(directory, CONFIG_FILE), self.config.to_json())

    @classmethod
    def from_preset(cls, name_or_path, *, sha256=None, force_download=False):
        """Load a model by preset name, from a folder written by `save_pretrained` (or by
        training), from a URL (https://, http://, file://) of such a folder, or as it was
        at a training checkpoint (`model_dir/checkpoints/stage2/ckpt-50`, or that folder
        for its newest).

        Args:
            name_or_path: a preset name (`mdgan_tf.hub.presets.PRESETS`), a folder, a URL
                or a checkpoint.
            sha256: a URL's expected SHA-256 of `model.weights.h5`; URLs are downloaded
                once into `$MDGAN_HOME` and checked (see `mdgan_tf.hub`).
            force_download: fetch a URL again even if it is cached.

        Returns:
            An instance of `cls` with the trained weights.
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
            raise MissingFileError(
                f"a stage-2 checkpoint needs its G1, and {str(model_dir)!r} has no "
                f"{WEIGHTS_FILE} (mdgan-train writes one there when stage 2 starts)")
        else:   # stage 1 before its end: G2 untrained, as mdgan-train saves it then
            model = cls(read_config(model_dir))
        restore_generator(model.base_generator if stage == 1 else model.refine_generator,
                          prefix)
        return model
