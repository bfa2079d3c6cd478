"""What the binaries share: flags defined once, the model config they name, and `run`.

A binary defines its own flags at import, calls the `define_*` functions for the shared
ones it takes, and ends in `run_main(main)`.
"""

import inspect
import json
import re
import sys
from pathlib import Path

import tensorflow as tf
from absl import app, flags

from mdgan_tf.modeling import PRESETS, MDGANConfig

FLAGS = flags.FLAGS
DEFAULT_MODEL = "mdgan_sky_synthetic_64"
# Errors a user can fix (bad input, a file that is missing, unreadable or damaged, an
# unusable model or data set, a run that diverged): one line and exit status 1. h5py and
# json raise OSError and ValueError subclasses. Anything else is a bug and keeps its
# traceback.
USER_ERRORS = (ValueError, OSError, ImportError, FloatingPointError, tf.errors.OpError)


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
                        "folder, video files, or TFRecord shards (see mdgan-data).",
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


def run_main(main, commands=None):
    """Run a binary's `main` under absl.

    Without `commands`, the binary takes flags only and `main()` is called; with them, it
    takes exactly one of `commands`, which `main(command)` receives. An error in
    `USER_ERRORS` becomes one line, `<binary>[ <command>]: <message>`, and exit status 1.
    """
    program = "mdgan-" + Path(inspect.getfile(main)).stem
    _show_in_help(sys.modules[main.__module__])

    def checked_main(argv):
        if commands:
            if len(argv) != 2 or argv[1] not in commands:
                raise app.UsageError(f"give one command: {' | '.join(commands)}")
            args, where = (argv[1],), f"{program} {argv[1]}"
        else:
            if len(argv) > 1:
                raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
            args, where = (), program
        try:
            main(*args)
        except USER_ERRORS as error:
            sys.exit(f"{where}: {one_line(error)}")

    app.run(checked_main)


def one_line(error):
    """What a user-fixable error says, on one line.

    TensorFlow's errors carry the graph context ("Graph execution error", "Detected at
    node", a stack of frames) before the message itself: keep the message. An OSError
    without its file name in the text gets it added; line breaks become spaces.
    """
    if isinstance(error, tf.errors.OpError):
        lines = [line.strip() for line in (error.message or "").splitlines()]
        context = ("[[", "File ", "Detected at", "Graph execution error")
        lines = [line for line in lines if line and not line.startswith(context)]
        text = re.sub(r"\{\{function_node [^}]*\}\}\s*", "", lines[-1] if lines else "")
        failed = re.search(r"assertion failed: \[(.*?)\] \[", text)   # our own checks
        if failed:
            return failed.group(1)
        return f"{text or 'failed'} (TensorFlow {type(error).__name__})"
    text = str(error)
    if isinstance(error, OSError) and error.filename and str(error.filename) not in text:
        text = f"{error.filename}: {text}"
    return " ".join(text.split())


def _show_in_help(module):
    """Make `--help` show the binary's docstring and flags (its own and the shared ones).

    absl's `--help` lists the flags of the module named by `sys.argv[0]`. Run as
    `python -m`, that is the binary's module, but a console script's `sys.argv[0]` is the
    script, so without this `--help` shows none of the flags.
    """
    main = sys.argv[0]
    for name in (module.__name__, __name__):
        for flag in FLAGS.get_key_flags_for_module(name):
            FLAGS.register_key_flag_for_module(main, flag)
    sys.modules["__main__"].__doc__ = module.__doc__
