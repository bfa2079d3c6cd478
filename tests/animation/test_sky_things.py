"""Things in the sky (a kite) are found by colours the sky has nowhere, and left out of
the new sky that repeats the photo's own; cloud shades are no things."""

import cv2
import numpy as np

from mdgan_tf.animation.sky_canvas import SkyCanvas
from mdgan_tf.animation.sky_things import things_in_sky

HEIGHT, WIDTH = 240, 400
# A kite, x y: a fan of five colours, each a thousandth of the sky at most (one colour over
# that much is taken for the sky's), under a top panel of the sky's own blue.
TIP, TOP, BOTTOM = (206, 60), (182, 56), (184, 76)
COLOURS = [(220, 40, 30), (240, 140, 20), (240, 210, 20), (40, 180, 60), (230, 60, 170)]
KITE = np.array([TOP, TIP, BOTTOM], np.int32)


def cloudy_sky(seed=0):
    """A blue sky, lighter towards the horizon, with soft white and grey clouds."""
    rng = np.random.default_rng(seed)
    rows = np.linspace(0, 1, HEIGHT, dtype=np.float32)[:, None, None]
    sky = np.float32([50, 100, 200]) + rows * np.float32([40, 40, 30])
    sky = np.broadcast_to(sky, (HEIGHT, WIDTH, 3)).copy()
    for _ in range(6):
        x, y = rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)
        yy, xx = np.mgrid[:HEIGHT, :WIDTH]
        cloud = np.exp(-((xx - x) ** 2 / 300 + (yy - y) ** 2 / 80))[..., None]
        shade = rng.uniform(150, 235)
        sky = sky * (1 - cloud) + shade * cloud
    sky += rng.normal(0, 2, sky.shape)
    return np.clip(np.rint(sky), 0, 255).astype(np.uint8)


def with_kite(photo):
    """A rainbow kite with a top panel of the sky's own blue."""
    photo = photo.copy()
    rim = np.linspace(np.float32(TOP), np.float32(BOTTOM), len(COLOURS) + 1)
    for i, colour in enumerate(COLOURS):
        fan = np.array([TIP, rim[i], rim[i + 1]]).round().astype(np.int32)
        cv2.fillConvexPoly(photo, fan, colour)
    cv2.fillConvexPoly(photo, np.array([TOP, TIP, (190, 60)], np.int32), (50, 100, 205))
    return photo


def kite_colours(image):
    """How many pixels have the kite's colours (red or green well above blue)."""
    red, green, blue = np.moveaxis(image.astype(int), -1, 0)
    return int(np.count_nonzero((red > blue + 60) | (green > blue + 60)))


def test_a_kite_is_found_whole_and_nothing_else():
    photo = with_kite(cloudy_sky())
    things = things_in_sky(photo, np.ones((HEIGHT, WIDTH), np.float32))
    kite = np.zeros((HEIGHT, WIDTH), np.uint8)
    cv2.fillConvexPoly(kite, KITE, 1)
    assert things[kite > 0].all()                      # its sky-blue panel too
    near = cv2.dilate(kite, np.ones((13, 13), np.uint8)) > 0
    assert not things[~near].any()


def test_cloud_shades_are_no_things():
    for seed in range(3):
        assert not things_in_sky(cloudy_sky(seed), np.ones((HEIGHT, WIDTH), np.float32)).any()


def test_the_new_sky_repeats_no_kite_and_the_photo_keeps_it():
    """The new sky is the photo's sky repeated: with the kite in it, a second kite came in
    (KDE's Kite, frame 255)."""
    photo = with_kite(cloudy_sky())
    canvas = SkyCanvas(photo, np.ones((HEIGHT, WIDTH), np.float32), left=WIDTH)
    new, own = canvas.image[:, :WIDTH], canvas.image[:, WIDTH:]
    assert kite_colours(own) == kite_colours(photo) > 100
    assert kite_colours(new) == 0
