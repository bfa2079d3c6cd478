"""Errors a user can fix, and what they say on one line: shared by the binaries and the
demo page, which show them instead of a traceback.

TensorFlow is not imported here (mdgan-study runs without it): its errors count only once
something else has loaded it, which is the only time they can be raised.
"""

import re
import sys

# Bad input, a file that is missing, unreadable or damaged, an unusable model or data set,
# a run that diverged. h5py and json raise OSError and ValueError subclasses. Anything
# else is a bug and keeps its traceback.
_ALWAYS = (ValueError, OSError, ImportError, FloatingPointError)


def _op_error():
    tensorflow = sys.modules.get("tensorflow")
    return tensorflow.errors.OpError if tensorflow is not None else None


def user_errors():
    """The exception types that mean bad input rather than a bug, as an `except` tuple."""
    op_error = _op_error()
    return _ALWAYS + ((op_error,) if op_error else ())


def one_line(error):
    """What a user-fixable error says, on one line.

    TensorFlow's errors carry the graph context ("Graph execution error", "Detected at
    node", a stack of frames) before the message itself: keep the message. An OSError
    without its file name in the text gets it added; line breaks become spaces.
    """
    op_error = _op_error()
    if op_error is not None and isinstance(error, op_error):
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
