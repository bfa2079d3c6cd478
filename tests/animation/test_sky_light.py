"""Ground of the sky's colour beside the sky takes the sky's change of light."""

import warnings

import numpy as np

from mdgan_tf.animation.sky_light import SkyLight

SKY = (100, 150, 200)
SIZE = 256


def scene():
    """(photo, canvas at rest, ground, moving sky): sky above row 127, a dark ground
    below it with a window of sky beside the sky (rows 127-150) and one far below it
    (rows 220-240), both held as ground. The copy it is worked on is half as high, so
    one of its rows holds sky and ground."""
    photo = np.zeros((SIZE, SIZE, 3), np.uint8)
    photo[:] = 20
    photo[:127] = SKY
    photo[127:150, 100:130] = SKY          # near the sky
    photo[220:240, 100:130] = SKY          # more than NEAR of the width away
    rest = photo.copy()
    rest[127:] = SKY                       # the ground filled with the sky around it
    ground = np.zeros((SIZE, SIZE), np.uint8)
    ground[127:] = 1
    sky = np.zeros((SIZE, SIZE), np.float32)
    sky[:127] = 1
    return photo, rest, ground, sky


def test_a_window_of_sky_beside_the_sky_follows_its_light_and_the_ground_keeps_its_own():
    photo, rest, ground, sky = scene()
    light = SkyLight(photo, rest, ground, sky)
    frame = photo.copy()
    frame[:127] = np.add(SKY, 30)          # the moving sky lightened by 30 levels
    lit = light.lit(frame.copy()).astype(int)
    window = lit[128:138, 105:125] - photo[128:138, 105:125]   # within NEAR of the sky
    assert np.abs(window - 30).max() <= 1  # wholly sky-coloured
    assert np.array_equal(lit[127:, :90], frame[127:, :90])        # dark ground: its own
    assert np.array_equal(lit[220:240], frame[220:240])            # too far from the sky
    assert np.array_equal(lit[:127], frame[:127])                  # the sky as moved


def test_a_still_frame_is_left_exactly_as_it_is():
    """Frame 0 is the photo: where the copy's pixels hold ground as well as sky, the
    canvas at rest differs from the photo by the ground's fill, which is not a change of
    the sky's light."""
    photo, rest, ground, sky = scene()
    assert np.array_equal(SkyLight(photo, rest, ground, sky).lit(photo.copy()), photo)


def test_more_lit_pixels_than_opencv_maps_take_in_one_row():
    """OpenCV's remap takes maps under 32767 pixels a side: 40,000 lit pixels here."""
    photo = np.full((100, 1000, 3), SKY, np.uint8)
    ground = np.zeros((100, 1000), np.uint8)
    ground[50:] = 1                        # all of it sky-coloured, within NEAR of the sky
    sky = (1 - ground).astype(np.float32)
    light = SkyLight(photo, photo, ground, sky)
    assert len(light.pixels) > 32767
    frame = photo.copy()
    frame[:50] = np.add(SKY, 30)
    lit = light.lit(frame).astype(int) - photo
    assert np.abs(lit[50:] - 30).max() <= 1


def test_a_photo_with_no_moving_sky_is_left_as_it_is_without_warnings():
    """No sky that moves, in a photo 16 pixels wide: nothing is lit, and no division
    overflows on the way (the distance to a sky that is not there is the largest float,
    and NEAR of 16 pixels is under one)."""
    photo = np.full((16, 16, 3), 20, np.uint8)
    photo[:4] = SKY
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        light = SkyLight(photo, photo, np.ones((16, 16), np.uint8), np.zeros((16, 16), np.float32))
    assert np.array_equal(light.lit(photo.copy()), photo)
