"""Atomic writes: build under a hidden temporary name beside the target, then rename.

A rename within one folder is atomic, so a reader (TF Serving watching a model folder, a
later run reading a cache, a user opening a video) sees either the old target or the whole
new one, never a part. A failure of any kind, disk full or Ctrl-C included, removes the
temporary and leaves the target as it was.
"""

import contextlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from mdgan_tf.errors import ExistingFileError, FileAccessError, FileGivenError


def temporary_sibling(target):
    """A hidden, unique name in the target's folder that ends in the target's whole name:
    writers choose the format from the suffix (PyAV, matplotlib) or insist on one (Keras:
    `.weights.h5`), and a hidden non-numeric name is not a version TF Serving loads."""
    target = Path(target)
    return target.with_name(f".partial-{uuid.uuid4().hex[:12]}-{target.name}")


def make_parent(target):
    """Create the folder `target` goes in, or say which part of its path is a file."""
    parent = Path(target).parent
    for folder in (parent, *parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise FileGivenError(f"{folder} is a file, not a folder: cannot write {target}")
            break
    parent.mkdir(parents=True, exist_ok=True)


def require_new_folder(root, what):
    """Raise unless `root` is free to become a folder of `what`: missing, or an empty folder
    (a tree written whole under a temporary name must not replace anything)."""
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ExistingFileError(f"{root} exists and is not an empty folder; choose a new one to "
                              f"write {what} into")
    return root


def check_can_write(target):
    """Raise, naming `target`, unless a file can be created where it is to go: in its folder
    or, where that does not exist yet, in the nearest folder above that does (`make_parent`
    creates the rest). A probe file is made and removed: permission bits alone do not say
    it (root may write anywhere by them, yet not into /proc)."""
    target = Path(target)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise FileGivenError(f"{folder} is a file, not a folder: cannot write {target}")
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise FileAccessError(f"{target}: cannot write into {folder} "
                              f"({error.strerror or error}); choose another place for it") from None


def remove(path):
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def atomic_path(target, *, directory=False, overwrite=True):
    """Yield a temporary path to write `target` at; rename it into place if the block ends
    normally, remove it otherwise.

    `directory=True` creates the temporary as an empty folder. A folder target that exists
    is replaced whole when `overwrite` (the old one is moved aside, then deleted); a file
    target is replaced by `os.replace`. With `overwrite=False` an existing target raises
    FileExistsError before anything is written.
    """
    target = Path(target)
    if not overwrite and target.exists():
        raise ExistingFileError(f"{target} already exists")
    make_parent(target)
    temporary = temporary_sibling(target)
    if directory:
        temporary.mkdir()
    try:
        yield temporary
        if directory:
            publish_directory(temporary, target, overwrite=overwrite)
        else:
            if not overwrite and target.exists():
                raise ExistingFileError(f"{target} already exists")
            os.replace(temporary, target)
    finally:
        remove(temporary)


def publish_directory(source, target, *, overwrite=True):
    """Rename the finished folder `source` to `target`.

    If `target` exists it is moved aside first and deleted after (`overwrite`), or
    FileExistsError is raised. A folder cannot be renamed over a non-empty one, so two
    publishers racing for one target see FileExistsError in the one that lost.
    """
    source, target = Path(source), Path(target)
    if target.exists() and not overwrite:
        raise ExistingFileError(f"{target} already exists")
    old = None
    if target.exists():
        old = temporary_sibling(target)
        os.rename(target, old)
    try:
        os.rename(source, target)
    except OSError as error:
        if target.exists():   # another process published it meanwhile
            raise ExistingFileError(f"{target} was created by another process meanwhile") from error
        if old is not None:
            os.rename(old, target)   # put the old one back
            old = None
        raise
    finally:
        if old is not None:
            remove(old)


def write_text_atomic(path, text):
    """Write `text` to `path` so that it is either the old file or the whole new one."""
    with atomic_path(path) as temporary:
        Path(temporary).write_text(text)
    return Path(path)
