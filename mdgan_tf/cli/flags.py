"""The flags the model binaries share, defined once, and the configs they name.

A binary defines its own flags at import and calls the `define_*` functions for the shared
ones it takes. Nothing here loads TensorFlow (see `mdgan_tf.cli`).
"""

from pathlib import Path

from absl import flags

from mdgan_tf.hub.pretrained import resolve_model
from mdgan_tf.hub.presets import PRESETS
from mdgan_tf.modeling.config import MDGANConfig
from mdgan_tf.training.config import TrainingConfig, apply_overrides, configs_from_file

FLAGS = flags.FLAGS
# The model every binary starts from unless told: the shipped one, and its preset for
# training and conversion.
DEFAULT_MODEL = "mdgan_sky_synthetic_128"


def define_model():
    flags.DEFINE_string("model", DEFAULT_MODEL, "Preset name, model directory, or URL.")


def check_model(name_or_path):
    """Raise, naming it, for a --model that is not a preset with weights or a model folder,
    before TensorFlow loads. A URL is left to loading, which fetches it, and so is a
    training checkpoint (a folder with a `checkpoint` file, or a prefix with an `.index`)."""
    text = str(name_or_path)
    if not ("://" in text or (Path(text) / "checkpoint").is_file()
            or Path(f"{text}.index").is_file()):
        resolve_model(text)


def define_stage(default, help):
    flags.DEFINE_enum("stage", default, ["1", "2"], help)


def define_max_pixels():
    flags.DEFINE_integer("max_pixels", None, "Largest photo to decode, in pixels (read from "
                         "its header first); default $MDGAN_MAX_PIXELS or 50,000,000.",
                         lower_bound=1)


def define_data(default=None, required=False):
    flags.DEFINE_string("data", default, "Clips: synthetic[:name=value,...], a Sky Timelapse "
                        "folder (<video>/<clip>/ JPEG or PNG frames), a video file or a folder "
                        "of them (.mp4, .mov, .avi, .mkv, .webm), or TFRecord shards (a folder "
                        "or a glob; see mdgan-data).",
                        required=required)


def define_clip_reading():
    """How clips are read from a source: square crop, frame stride, first clip only."""
    flags.DEFINE_boolean("crop", False, "Centre-crop frames to a square before resizing, "
                         "instead of resizing the whole frame as the paper does.")
    flags.DEFINE_integer("stride", 1, "Video files: keep every n-th frame.")
    flags.DEFINE_boolean("first_clip_only", False, "Sky Timelapse folders: only the first T "
                         "frames of each clip folder (the authors' test protocol).")


def define_config(default=DEFAULT_MODEL):
    flags.DEFINE_enum("preset", default, list(PRESETS), "Model preset: its architecture and "
                      "how it is trained (the paper's model: mdgan_sky_128).")
    flags.DEFINE_string("config", None, "A JSON file of settings over --preset's: "
                        '{"model": {...}, "training": {...}}, or a model\'s config.json.')
    flags.DEFINE_multi_string("set", [], "key=value: one setting of the model's architecture "
                              "(MDGANConfig) or training (TrainingConfig), over --preset and "
                              "--config; the value is read as JSON. Repeat for more.")


def configs_from_flags():
    """The architecture and training configs: --preset's, then --config's, then --set's."""
    config = MDGANConfig.from_preset(FLAGS.preset)
    training = TrainingConfig.from_preset(FLAGS.preset)
    if FLAGS.config:
        config, training = configs_from_file(FLAGS.config, config, training)
    return apply_overrides(config, training, FLAGS.set)
