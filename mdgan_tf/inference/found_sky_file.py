"""The sky found on a photo, written as a mask for the user to edit and give back
(`preprocessing.given_sky`): a few strokes where it is wrong, rather than a sky drawn
from nothing."""

from pathlib import Path

import numpy as np
from PIL import Image

from mdgan_tf.animation.sky_canvas import freed_sky
from mdgan_tf.fileio import atomic_path
from mdgan_tf.preprocessing.sky_mask import found_sky


def write_found_sky(path, photo):
    """Write the sky found on `photo` (H x W x 3 uint8; `sky_mask.found_sky`, the sun in
    it, with the ground the renderer frees as sky, `sky_canvas.freed_sky`) to `path` as
    a PNG at the photo's size, white where the sky is. Given back unedited, it moves what
    was found, but for the haze under a soft horizon, which a drawn sky has none of.
    Written whole or not at all. Returns the path."""
    region, sun, _ = found_sky(photo)
    freed = freed_sky(photo, region, sun)
    if freed is not None:
        region = np.maximum(region, freed)
    with atomic_path(path) as temporary:
        Image.fromarray((region * 255).astype(np.uint8)).save(temporary, format="PNG")
    return Path(path)
