"""The binaries start TensorFlow without its start-up lines on stderr; MDGAN_TF_LOGS=1
brings them back."""

import os
import re
import subprocess
import sys

# TensorFlow's C++ log lines ("I0000 00:00:17... port.cc:153] ...") and absl's preamble.
TF_LINE = re.compile(r"^([IWEF]\d{4} |WARNING: All log messages before absl)", re.M)


def stderr_of(code, **env):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("TF_CPP_MIN_LOG_LEVEL", "MDGAN_TF_LOGS")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, env={**environment, **env})
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


def test_binaries_start_quietly_and_the_variable_brings_the_lines_back():
    start = "import mdgan_tf.cli.generate, tensorflow as tf; tf.constant(1) + 1"
    quiet = stderr_of(start)
    assert TF_LINE.findall(quiet) == [], quiet
    plain = stderr_of("import tensorflow as tf; tf.constant(1) + 1")
    verbose = stderr_of(start, MDGAN_TF_LOGS="1")
    # Whatever TensorFlow says on this machine at start-up, the variable shows it all.
    assert len(TF_LINE.findall(verbose)) == len(TF_LINE.findall(plain))


def test_an_import_that_fails_shows_what_it_wrote(tmp_path):
    (tmp_path / "tensorflow.py").write_text(
        "import os\nos.write(2, b'libcudart.so: cannot open shared object\\n')\n"
        "raise ImportError('no TensorFlow here')\n")
    code = ("import os, sys\nsys.path.insert(0, os.environ['FAKE'])\n"
            "try:\n    import mdgan_tf.cli\nexcept ImportError as error:\n"
            "    print('raised', error, file=sys.stderr)\n")
    stderr = stderr_of(code, FAKE=str(tmp_path))
    assert "libcudart.so: cannot open shared object" in stderr
    assert "raised no TensorFlow here" in stderr
