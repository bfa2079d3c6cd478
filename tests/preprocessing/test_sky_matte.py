"""The sky's matte at the photo's size follows the photo's own edges, not the working-size
mask's."""

import cv2
import numpy as np

from mdgan_tf.preprocessing.sky_matte import sky_matte

SIZE = 256


def horizon_photo(row, soft=0):
    """A bright sky over a dark ground meeting at `row`, blurred over `soft` pixels."""
    photo = np.full((SIZE, SIZE, 3), 40, np.uint8)
    photo[:row] = 200
    if soft:
        photo = cv2.GaussianBlur(photo, (0, 0), soft)
    return photo


def region(row):
    found = np.zeros((SIZE, SIZE), np.float32)
    found[:row] = 1
    return found


def test_the_matte_reaches_the_photos_edge_and_never_passes_the_found_sky():
    """Faded inwards from the mask's edge, the matte left a strip of the photo's old sky
    standing along every roof; refined by the photo, it is 1 up to the photo's edge. It
    is never more than the found sky, so no ground pixel beyond it changes; where the
    mask reaches onto the ground, the photo pulls the matte back down there."""
    photo = horizon_photo(128)
    matte = sky_matte(photo, region(128), radius=4 / SIZE)
    assert np.all(matte[:128] == 1) and np.all(matte[128:] == 0)
    over = sky_matte(photo, region(130), radius=4 / SIZE)   # the mask 2 rows too low
    assert np.all(over <= region(130)) and np.all(over[:124] == 1)
    assert over[128:130].max() < 0.6


def test_a_soft_edge_in_the_photo_gives_a_soft_matte_and_a_sharp_one_a_sharp_matte():
    sharp = sky_matte(horizon_photo(128), region(128), radius=4 / SIZE)[:, SIZE // 2]
    soft = sky_matte(horizon_photo(128, soft=3), region(128), radius=4 / SIZE)[:, SIZE // 2]
    assert np.count_nonzero((sharp > 0) & (sharp < 1)) <= 1
    between = (soft > 0) & (soft < 1)
    assert np.count_nonzero(between) >= 3                   # fades over the photo's blur
    assert np.all(np.diff(soft) <= 1e-6)                     # from sky down to ground
