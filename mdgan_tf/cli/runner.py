"""How every binary runs: absl parses its flags, and an error the user can fix becomes one
line and exit status 1 instead of a traceback. Ctrl-C (SIGINT) and SIGTERM, as systemd and
docker stop a service, end a binary with one line and the shell's status for them (130,
143), after the cleanup that any failure gets (temporary files, scratch folders)."""

import contextlib
import inspect
import signal
import sys
from pathlib import Path

from absl import app, flags

from mdgan_tf.errors import MissingExtraError
from mdgan_tf.cli.quiet import import_tensorflow_quietly
from mdgan_tf.errors import UserError, one_line

FLAGS = flags.FLAGS
SHARED_FLAGS = "mdgan_tf.cli.flags"   # the module whose define_* functions binaries call
HELP_FLAGS = ("help", "?", "helpshort", "helpfull", "helpxml")


class Terminated(BaseException):
    """SIGTERM arrived: raised in the main thread so that cleanup runs as for Ctrl-C."""


def _terminate(signum, frame):
    raise Terminated()


def run_main(main, commands=None, tensorflow=True, precheck=None):
    """Run a binary's `main` under absl.

    Without `commands`, the binary takes flags only and `main()` is called; with them, it
    takes exactly one of `commands`, which `main(command)` receives. An error in
    A `UserError` (the package's own) becomes one line, `<binary>[ <command>]: <message>`,
    and exit status 1; any other exception keeps its traceback.
    `tensorflow`: start TensorFlow quietly once the flags are read, before `main`.
    `precheck`: called before that, with what `main` gets: the checks of the request
    that need no TensorFlow (flags, files), so that bad input is answered in a fraction
    of a second rather than after TensorFlow's start-up.
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
            if precheck:
                precheck(*args)
            if tensorflow:
                import_tensorflow_quietly()
            main(*args)
        except UserError as error:
            sys.exit(f"{where}: {one_line(error)}")
        except KeyboardInterrupt:
            print(f"{where}: interrupted", file=sys.stderr)
            sys.exit(128 + signal.SIGINT)
        except Terminated:
            print(f"{where}: terminated", file=sys.stderr)
            sys.exit(128 + signal.SIGTERM)

    signal.signal(signal.SIGTERM, _terminate)
    app.run(checked_main, flags_parser=_parse_flags)


def _parse_flags(argv):
    """absl's parser, except that help asked for ends with status 0 (absl exits 1): it
    printed what was asked, so a script that runs `--help` has not failed."""
    try:
        return app.parse_flags_with_usage(argv)
    except SystemExit as stop:
        asked = {arg.lstrip("-").partition("=")[0] for arg in argv[1:] if arg.startswith("-")}
        if stop.code == 1 and asked & set(HELP_FLAGS):
            sys.exit(0)
        raise


@contextlib.contextmanager
def needs_extra(binary, extra):
    """Imports in the block come from the pip extra `extra`: one that is missing becomes
    one line saying what to install."""
    try:
        yield
    except ImportError as error:
        raise MissingExtraError(f"{binary} needs {error.name}: pip install 'mdgan-tf[{extra}]'") \
            from error


def _show_in_help(module):
    """Make `--help` show the binary's docstring and flags (its own and the shared ones).

    absl's `--help` lists the flags of the module named by `sys.argv[0]`. Run as
    `python -m`, that is the binary's module, but a console script's `sys.argv[0]` is the
    script, so without this `--help` shows none of the flags.
    """
    main = sys.argv[0]
    for name in (module.__name__, SHARED_FLAGS):
        for flag in FLAGS.get_key_flags_for_module(name):
            FLAGS.register_key_flag_for_module(main, flag)
    sys.modules["__main__"].__doc__ = module.__doc__
