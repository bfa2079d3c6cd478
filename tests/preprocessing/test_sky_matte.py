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


def test_the_matte_reaches_the_photos_edge_and_never_passes_it():
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


def test_a_mask_short_of_a_hard_edge_is_taken_up_to_it():
    """The mask, found at the working width on a blurred photo, stops a working pixel or
    two short of a roof: those rows of old sky stood still beside the moving sky (the
    example's merlons). Of the sky's colour, and the roof's edge hard, they are sky."""
    matte = sky_matte(horizon_photo(128), region(126), radius=4 / SIZE)
    assert np.all(matte[:128] == 1) and np.all(matte[128:] == 0)


def test_a_soft_edge_a_haze_and_a_blades_pale_rim_are_not_taken():
    """Across an edge softer than a roof's (a hazy sea's: the sky's colour fading a few
    levels a row, then a step of 32) the photo's own fade is the matte's to follow:
    taken up to where its colour left the sky's, Dune's sea horizon came out a ragged
    light line. A haze keeps its share, and a thin thing's pale rim stays with it: the
    matte is at most the mask."""
    hazy_sea = horizon_photo(128)
    hazy_sea[126], hazy_sea[127], hazy_sea[128:] = 196, 192, 160
    assert np.all(sky_matte(hazy_sea, region(126), radius=4 / SIZE) <= region(126))
    # A haze over a hard edge: its share, above a half and below, is not made sky.
    hazy = region(126)
    hazy[126:128], hazy[128:130] = 0.6, 0.3
    assert np.all(sky_matte(horizon_photo(130), hazy, radius=4 / SIZE) <= hazy + 1e-6)
    # A blade standing on the ground: a dark core with a rim within a few levels of the
    # sky, all held (a hard edge, but no ground past the reach beside the rim).
    photo = horizon_photo(128)
    photo[40:128, 100] = photo[40:128, 103] = 195
    photo[40:128, 101:103] = 40
    held = region(128)
    held[40:128, 100:104] = 0
    assert np.all(sky_matte(photo, held, radius=4 / SIZE)[40:120, 100:104] == 0)
