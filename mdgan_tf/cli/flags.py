"""The flags the model binaries share, defined once, and the model config they name.

A binary defines its own flags at import and calls the `define_*` functions for the shared
ones it takes. Nothing here loads TensorFlow (see `mdgan_tf.cli`).
"""

import json

from absl import flags

from mdgan_tf.modeling.config import MDGANConfig
from mdgan_tf.modeling.presets import PRESETS

FLAGS = flags.FLAGS
DEFAULT_MODEL = "mdgan_sky_synthetic_128"


def define_model():
    flags.DEFINE_string("model", DEFAULT_MODEL, "Preset name, model directory, or URL.")


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


def define_config():
    flags.DEFINE_enum("preset", "mdgan_sky_128", list(PRESETS), "Model preset.")
    flags.DEFINE_string("config", None, "MDGANConfig as a JSON file; overrides --preset.")


def config_from_flags():
    """The model config from --config (a JSON file) or else --preset."""
    if not FLAGS.config:
        return MDGANConfig.from_preset(FLAGS.preset)
    try:
        with open(FLAGS.config) as f:
            return MDGANConfig.from_dict(json.load(f))
    except (OSError, ValueError) as error:   # unreadable, not JSON, unknown field
        raise ValueError(f"{FLAGS.config}: {error}") from error
