"""The binaries start TensorFlow without its start-up lines on stderr; MDGAN_TF_LOGS=1
brings them back."""

import os
import subprocess
import sys

from binary_cases import TF_LINE


def environment(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("TF_CPP_MIN_LOG_LEVEL", "MDGAN_TF_LOGS")}
    return {**clean, **env}


def stderr_of(code, **env):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, env=environment(**env))
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


QUIET_START = ("from mdgan_tf.cli.quiet import import_tensorflow_quietly; "
               "import_tensorflow_quietly(); ")


def test_a_binary_that_runs_starts_tensorflow_quietly(tmp_path):
    """TensorFlow starts once the flags are read (runner.run_main), before `main`: the one
    line of a refused number is all that stderr holds."""
    result = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.generate", "--output", str(tmp_path / "a.mp4"),
         "--frames", "-1"], capture_output=True, text=True, timeout=300, env=environment())
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "mdgan-generate: --frames must be 0 (the model's clip length) or more, got -1"]
    assert "tensorflow" in subprocess.run(
        [sys.executable, "-c", "import sys, mdgan_tf.cli.runner as r; "
         "r.run_main(lambda: print(sorted(m for m in sys.modules if m == 'tensorflow')))"],
        capture_output=True, text=True, timeout=300, env=environment()).stdout


def test_the_variable_brings_back_what_tensorflow_says_at_start_up():
    codes = {"plain": ("import tensorflow as tf; tf.constant(1) + 1", {}),
             "verbose": (QUIET_START + "import tensorflow as tf; tf.constant(1) + 1",
                         {"MDGAN_TF_LOGS": "1"})}
    processes = {name: subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE,
                                        text=True, env=environment(**env))
                 for name, (code, env) in codes.items()}
    stderr = {name: process.communicate(timeout=300)[1] for name, process in processes.items()}
    assert len(TF_LINE.findall(stderr["verbose"])) == len(TF_LINE.findall(stderr["plain"]))


def test_an_import_that_fails_shows_what_it_wrote(tmp_path):
    (tmp_path / "tensorflow.py").write_text(
        "import os\nos.write(2, b'libcudart.so: cannot open shared object\\n')\n"
        "raise ImportError('no TensorFlow here')\n")
    code = ("import os, sys\nsys.path.insert(0, os.environ['FAKE'])\n"
            "try:\n    " + QUIET_START + "\nexcept ImportError as error:\n"
            "    print('raised', error, file=sys.stderr)\n")
    stderr = stderr_of(code, FAKE=str(tmp_path))
    assert "libcudart.so: cannot open shared object" in stderr
    assert "raised no TensorFlow here" in stderr


FAKE_TENSORFLOW = """
import importlib.abc, importlib.machinery, os, sys
from mdgan_tf.cli.quiet import import_tensorflow_quietly

class Noisy(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        if name == "tensorflow":
            return importlib.machinery.ModuleSpec(name, self)
    def create_module(self, spec):
        return None
    def exec_module(self, module):
        os.write(2, b"I0000 start-up noise\\n")
        raise {raised}

sys.meta_path.insert(0, Noisy())
try:
    import_tensorflow_quietly()
except BaseException as stopped:
    print(type(stopped).__name__)
"""


def test_an_interrupted_start_up_leaves_no_tensorflow_lines_but_a_failed_one_does():
    """Ctrl-C during TensorFlow's start-up printed three of its lines before the binary's
    own `interrupted`; an import that fails still shows what TensorFlow said."""
    for raised, shown in (("KeyboardInterrupt", ""), ("ImportError('broken')",
                                                        "I0000 start-up noise")):
        result = subprocess.run([sys.executable, "-c", FAKE_TENSORFLOW.format(raised=raised)],
                                capture_output=True, text=True, timeout=120,
                                env=environment())
        assert result.stdout.strip() in ("KeyboardInterrupt", "ImportError"), result.stderr
        assert result.stderr.strip() == shown, result.stderr


def test_a_normal_run_on_a_photo_turned_by_exif_leaves_stderr_empty(tmp_path):
    """A probe saw a oneDNN / AVX-512 line on such a run (on a machine with AVX-512): the
    EXIF turn is the one step of reading a phone photo that a plain photo skips."""
    import numpy as np
    from PIL import Image

    photo = tmp_path / "phone.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6                                   # stored sideways
    Image.fromarray(np.random.RandomState(0).randint(0, 256, (96, 160, 3), np.uint8)).save(
        photo, exif=exif)
    result = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.generate", "--image", str(photo), "--frames", "4",
         "--output", str(tmp_path / "phone.mp4")], capture_output=True, text=True, timeout=300,
        env=environment())
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stderr == ""
    assert "(4 frames, 96x160, 25 fps)" in result.stdout       # upright: 96 wide, 160 high
