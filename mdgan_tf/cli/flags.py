"""What the binaries share: flags defined once, the model config they name, and `run`.

A binary defines its own flags at import, calls the `define_*` functions for the shared
ones it takes, and ends in `run_main(main)`.
"""

import inspect
import json
import sys
from pathlib import Path

from absl import app, flags

from mdgan_tf.inference.user_errors import USER_ERRORS, one_line
from mdgan_tf.modeling import PRESETS, MDGANConfig

FLAGS = flags.FLAGS
DEFAULT_MODEL = "mdgan_sky_synthetic_64"


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
