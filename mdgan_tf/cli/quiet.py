"""Starting TensorFlow without its start-up noise on stderr (see mdgan_tf.cli)."""

import contextlib
import os
import sys
import tempfile

VERBOSE_VARIABLE = "MDGAN_TF_LOGS"


def import_tensorflow_quietly():
    """Import TensorFlow and find its devices with file descriptor 2 sent to a temporary
    file, unless $MDGAN_TF_LOGS is set (to anything but 0) or TensorFlow is already loaded.

    Python-level warnings are held back the same way; if the import raises an error, what
    was written is replayed to stderr before the error propagates. Interrupted (Ctrl-C,
    SIGTERM), nothing is replayed: the run was stopped, not broken, and its one line
    says so.
    """
    if "tensorflow" in sys.modules or os.environ.get(VERBOSE_VARIABLE, "0") not in ("", "0"):
        return
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")   # later C++ INFO/WARNING lines
    with tempfile.TemporaryFile() as held:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(held.fileno(), 2)
            import tensorflow

            # Finding the devices is where a machine without a GPU logs its cuInit error.
            tensorflow.config.list_physical_devices()
        except Exception:
            os.dup2(saved, 2)
            held.seek(0)
            with contextlib.suppress(OSError):
                sys.stderr.buffer.write(held.read())
                sys.stderr.flush()
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
