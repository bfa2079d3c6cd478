"""Run many invocations of one binary in one process, as its console script would run them.

`run_cases(module, argvs)` starts `python binary_cases.py <module> <argvs as JSON>` and
returns, per invocation, {"status", "stdout", "stderr"}: its exit status and what it wrote.
One process per binary pays TensorFlow's start-up once rather than once per invocation.
Invocations run in order, so a later one can read what an earlier one wrote.
"""

import contextlib
import importlib
import io
import json
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path

# TensorFlow's C++ log lines ("I0000 00:00:17... port.cc:153] ...") and absl's preamble,
# which the binaries keep off stderr at start-up.
TF_LINE = re.compile(r"^([IWEF]\d{4} |WARNING: All log messages before absl)", re.M)


def run_cases(module, argvs, env=None):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    argvs = [[str(a) for a in argv] for argv in argvs]
    result = subprocess.run([sys.executable, str(Path(__file__)), module, json.dumps(argvs)],
                            capture_output=True, text=True, timeout=600, env=env)
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == len(argvs), result.stderr[-3000:]
    return lines


def _run_one(run, argv):
    from absl import flags

    flags.FLAGS.unparse_flags()
    sys.argv = list(argv)
    environment = dict(os.environ)   # each case as its own process: what one sets goes
    stdout, stderr = io.StringIO(), io.StringIO()
    status = 0
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
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
    os.environ.clear()
    os.environ.update(environment)
    return {"status": status, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}


def main():
    module = importlib.import_module(sys.argv[1])
    program = "mdgan-" + sys.argv[1].rsplit(".", 1)[-1]
    results = [_run_one(module.run, [program, *argv]) for argv in json.loads(sys.argv[2])]
    for result in results:
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
