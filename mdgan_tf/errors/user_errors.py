"""The package's own type for a mistake the user can fix, and what it says on one line:
shared by the binaries and the demo page, which show it instead of a traceback.

Every check of the package raises a `UserError`: bad input, a file that is missing,
unreadable or in the way, an unusable model or data set, a run that diverged, a missing
extra. Each kind is also the built-in exception it has always been (`InputError` is a
`ValueError`), so `except ValueError` still catches it. Any other exception is a bug, and
keeps its traceback.

TensorFlow is not imported here (mdgan-study runs without it).
"""

import re
import sys


class UserError(Exception):
    """A mistake the user can fix; the message says what to change."""


class InputError(UserError, ValueError):
    """A value given is not usable: out of range, of the wrong kind, or inconsistent."""


class MissingFileError(UserError, FileNotFoundError):
    """A file or folder named is not there."""


class ExistingFileError(UserError, FileExistsError):
    """What would be written is already there."""


class FolderGivenError(UserError, IsADirectoryError):
    """A folder was named where a file is wanted."""


class FileGivenError(UserError, NotADirectoryError):
    """A file was named where a folder is wanted."""


class FileAccessError(UserError, PermissionError):
    """A place cannot be written or read with the user's permissions."""


class UnreadableFileError(UserError, OSError):
    """A file or connection could not be read."""


class MissingExtraError(UserError, ImportError):
    """An optional dependency is not installed; the message says which pip extra has it."""


def one_line(error):
    """What a user error says, on one line.

    TensorFlow's errors carry the graph context ("Graph execution error", "Detected at
    node", a stack of frames) before the message itself: keep the message. An OSError
    without its file name in the text gets it added; line breaks become spaces.
    """
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is not None and isinstance(error, tensorflow.errors.OpError):
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
