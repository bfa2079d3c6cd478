"""TF Serving's folder layout for an export, checked without TensorFlow: a numeric version
folder inside the model's folder, never replaced unless asked."""

from pathlib import Path

from mdgan_tf.errors import ExistingFileError, InputError


def check_export_dir(export_dir, overwrite=False):
    """Raise, naming `export_dir`, unless an export may be written there."""
    export_dir = Path(export_dir)
    if not export_dir.name.isdigit():
        raise InputError(f"{export_dir}: the export folder must be a numeric version folder "
                         f"inside the model's folder, as TF Serving expects "
                         f"(e.g. savedmodels/sky/1)")
    if export_dir.exists() and any(export_dir.iterdir()) and not overwrite:
        raise ExistingFileError(f"{export_dir} already holds an export; choose a new version "
                                f"number or pass overwrite=True (--overwrite)")
