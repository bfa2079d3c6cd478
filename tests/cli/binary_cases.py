"""Run many invocations of one binary in one process, as its console script would run them.

    python tests/cli/binary_cases.py mdgan_tf.cli.generate '[["--image", "x.jpg"], ...]'

prints, per invocation, a JSON line {"status", "stderr"}: its exit status and what it wrote
to stderr. One process per binary keeps TensorFlow's start-up to once per binary rather
than once per case.
"""

import contextlib
import importlib
import io
import json
import sys
import traceback

from absl import flags


def run_case(run, argv):
    flags.FLAGS.unparse_flags()
    sys.argv = [argv[0], *argv[1:]]
    stderr = io.StringIO()
    status = 0
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        try:
            run()
        except SystemExit as exit:
            if isinstance(exit.code, str):
                print(exit.code, file=sys.stderr)
                status = 1
            else:
                status = exit.code or 0
        except BaseException:   # noqa: BLE001 - a traceback is what the tests look for
            traceback.print_exc()
            status = "traceback"
    return {"status": status, "stderr": stderr.getvalue()}


def main():
    module = importlib.import_module(sys.argv[1])
    program = sys.argv[1].rsplit(".", 1)[-1]
    for argv in json.loads(sys.argv[2]):
        print(json.dumps(run_case(module.run, [f"mdgan-{program}", *argv])), flush=True)


if __name__ == "__main__":
    main()
