"""Files the package ships beside its code: the pretrained model and the example photo.

They live in the repository's top-level `savedmodels/` and `examples/`. `pip install` copies
the ones the package needs into `mdgan_tf/savedmodels` and `mdgan_tf/examples` (setup.py
maps them there), so they are found the same way installed or in a source checkout.
"""

from pathlib import Path

from mdgan_tf.errors import MissingFileError

_PACKAGE = Path(__file__).resolve().parent.parent  # mdgan_tf/
EXAMPLE_PHOTO = "sky.jpg"


def shipped_path(folder, relative=""):
    """The path of `relative` inside shipped `folder` ("savedmodels" or "examples").

    The installed copy wins; a checkout falls back to the repository's own folder.
    """
    for root in (_PACKAGE / folder, _PACKAGE.parent / folder):
        if root.is_dir():
            return root / relative
    raise MissingFileError(
        f"the package's {folder}/ folder is missing (looked in {_PACKAGE / folder} and "
        f"{_PACKAGE.parent / folder}); reinstall mdgan-tf")


def example_photo():
    """The example photo `mdgan-generate` uses when it is given none."""
    return shipped_path("examples", EXAMPLE_PHOTO)
