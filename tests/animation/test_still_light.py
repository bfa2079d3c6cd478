"""The sky's light stays in the frame while its clouds move through it."""

import cv2
import numpy as np

from mdgan_tf.animation import still_light
from mdgan_tf.animation.still_light import StillLight

HEIGHT, WIDTH, OFFSET = 96, 256, 256   # the photo at columns 256-511 of a canvas 768 wide
R = 32                                  # the displacement grid


def canvas(slope=np.log(4) / 768, base=50):
    """A canvas whose light rises exp(slope * 768) times (4 by default) from its left end
    to its right, from `base`, crossed by clouds 16 pixels across."""
    y, x = np.mgrid[0:HEIGHT, 0:3 * WIDTH].astype(np.float32)
    clouds = 1 + 0.3 * np.sin(2 * np.pi * x / 16) * np.cos(2 * np.pi * y / 16)
    value = base * np.exp(slope * x) * clouds
    return np.repeat(np.clip(np.rint(value), 0, 255)[..., None], 3, axis=-1).astype(np.uint8)


def shifted(image, by):
    """The photo's part of the canvas moved left by `by` pixels: each pixel shows what
    lies `by` to its right, as a drift to the left fetches."""
    return np.ascontiguousarray(image[:, OFFSET + by:OFFSET + by + WIDTH])


def displacement(by):
    return np.tile(np.float32([by * R / WIDTH, 0]), (R, R, 1))


def test_a_still_frame_is_left_as_it_is():
    image = canvas()
    light = StillLight(image, OFFSET, WIDTH)
    np.testing.assert_array_equal(light.change(displacement(0))[0], 1)
    frame = shifted(image, 0)
    assert np.array_equal(light.apply(frame.copy(), displacement(0)), frame)


def test_moved_clouds_are_shown_in_the_light_of_where_they_are_not_of_where_they_were():
    image = canvas()
    light = StillLight(image, OFFSET, WIDTH)
    by = 128                # half the photo's width: 26% brighter there (4 ** (128 / 768))
    moved = shifted(image, by)
    lit = light.apply(moved.copy(), displacement(by)).astype(np.float32)
    rest = shifted(image, 0).astype(np.float32)
    inner = slice(32, WIDTH - 32)
    # The light (a blur over two clouds) is the place's, within 3%, where unlit it was
    # 26% brighter ...
    unlit = moved.astype(np.float32)
    coarse = [cv2.blur(frame, (32, 32))[:, inner] for frame in (lit, rest, unlit)]
    assert np.abs(coarse[0] / coarse[1] - 1).max() < 0.03
    assert (coarse[2] / coarse[1]).mean() > 1.2
    # ... and the clouds are the moved ones: their pattern, relit, is the moved frame's.
    clouds = [frame[:, inner, 0] / coarse_one[..., 0] - 1
              for frame, coarse_one in ((lit, coarse[0]), (unlit, coarse[2]))]
    assert np.abs(clouds[0] - clouds[1]).mean() < 0.02


def test_clouds_in_an_even_light_move_as_they_are():
    image = canvas(slope=0.0)
    light = StillLight(image, OFFSET, WIDTH)
    moved = shifted(image, 40)
    assert np.abs(light.change(displacement(40))[0] - 1).max() < 0.01
    assert np.abs(light.apply(moved.copy(), displacement(40)).astype(int) - moved).max() <= 2


def test_a_frame_lit_in_strips_is_lit_as_a_whole(monkeypatch):
    image = canvas()
    light = StillLight(image, OFFSET, WIDTH)
    moved = shifted(image, 100)
    whole = light.apply(moved.copy(), displacement(100))
    monkeypatch.setattr(still_light, "STRIP_PIXELS", 7 * WIDTH)    # strips of 7 rows
    assert np.array_equal(light.apply(moved.copy(), displacement(100)), whole)


def test_a_frame_lit_in_its_first_rows_only_is_lit_there_as_a_whole_and_left_below():
    image = canvas()
    light = StillLight(image, OFFSET, WIDTH)
    moved = shifted(image, 100)
    whole = light.apply(moved.copy(), displacement(100))
    top = light.apply(moved.copy(), displacement(100), rows=37)
    assert np.array_equal(top[:37], whole[:37])
    assert np.array_equal(top[37:], moved[37:]) and not np.array_equal(whole[37:], moved[37:])


def test_the_gain_is_at_most_most_either_way_its_channels_bounded_as_one(monkeypatch):
    image = canvas(slope=np.log(16) / 768, base=12)   # 2.5 times brighter a photo's width on
    image[..., 2] = image[..., 2] // 2 + 40           # a bluer light, brightening less
    light = StillLight(image, OFFSET, WIDTH)
    gain = light.change(displacement(-WIDTH))[0]     # the darker sky brought in from the left
    assert gain.max() <= still_light.MOST * 1.0001 and gain.min() > 1
    monkeypatch.setattr(still_light, "MOST", 1e6)
    unbounded = light.change(displacement(-WIDTH))[0]
    assert unbounded.max() > 2.2
    # Each channel's log gain scaled by one factor: their proportions are the light's.
    proportions = [np.log(g) / np.log(g).max(axis=-1, keepdims=True) for g in (gain, unbounded)]
    np.testing.assert_allclose(proportions[0], proportions[1], atol=1e-4)
    assert proportions[1][..., 2].max() < 0.9                 # the blue did brighten less


def test_light_the_bounded_gain_leaves_short_is_added_not_multiplied():
    """`Storm.jpg`: its dark storm moving into its bright corner, the gain bounded at
    MOST, went dark there. What the bound leaves short is added: the place's light is
    reached, and the clouds' contrast is raised no more than MOST."""
    image = canvas(slope=np.log(16) / 768, base=12)   # 2.5 times brighter a photo's width on
    light = StillLight(image, OFFSET, WIDTH)
    gain, lift = light.change(displacement(-WIDTH))   # the darker sky brought in from the left
    assert gain.max() <= still_light.MOST * 1.0001 and lift.max() > 10
    assert light.change(displacement(WIDTH))[1].max() == 0     # darker: a gain alone
    rest, moved = shifted(image, 0).astype(np.float32), shifted(image, -WIDTH)
    lit = light.apply(moved.copy(), displacement(-WIDTH)).astype(np.float32)
    inner = slice(32, WIDTH - 32)
    coarse = [cv2.blur(frame, (32, 32))[:, inner] for frame in (lit, rest)]
    # The place's light within 8%, 2% on average (the gain alone: 21% short) ...
    off = np.abs(coarse[0] / coarse[1] - 1)
    assert off.max() < 0.08 and off.mean() < 0.04
    # ... and the clouds' levels spread no more than MOST times the moved ones'.
    detail = [(frame - cv2.blur(frame, (32, 32)))[:, inner] for frame in (lit, moved.astype(
        np.float32))]
    assert detail[0].std() <= still_light.MOST * 1.05 * detail[1].std()


def glows(darkest=60):
    """A canvas with no clouds whose light rises twofold in a glow 48 pixels across every
    128 columns: narrower than the held light's blur (SPREAD of the width)."""
    x = np.arange(3 * WIDTH, dtype=np.float32)
    glow = 1 + np.exp(-(((x % 128) - 64) / 24) ** 2)
    value = np.tile(darkest * glow, (HEIGHT, 1))
    return np.repeat(np.clip(np.rint(value), 0, 255)[..., None], 3, axis=-1).astype(np.uint8)


def test_a_clear_sky_s_glow_is_held_where_it_is_at_a_finer_scale():
    image = glows()
    clear = np.ones(image.shape[:2], np.float32)
    by = 40
    rest = shifted(image, 0).astype(np.float32)
    held = StillLight(image, OFFSET, WIDTH, clear=clear).apply(shifted(image, by),
                                                               displacement(by))
    coarse = StillLight(image, OFFSET, WIDTH).apply(shifted(image, by), displacement(by))
    inner = slice(16, WIDTH - 16)
    # Held at SPREAD only, the glows move with the sky: 57 levels off at their peaks, 31
    # on average. Held at CLEAR_LIGHT, they stay: the fine blur rounds them a little.
    off, coarse_off = (np.abs(frame.astype(np.float32) - rest)[:, inner]
                       for frame in (held, coarse))
    assert coarse_off.max() > 40 and coarse_off.mean() > 20
    assert off.max() < 16 and off.mean() < 6


def test_the_sky_is_clear_where_its_light_changes_smoothly_not_where_clouds_cross_it():
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    # A glow that changes with the height, darker towards the sides (a vignette).
    light = 60 + 80 * np.exp(-((y - 70) / 30) ** 2) - 40 * ((x - WIDTH / 2) / WIDTH) ** 2 * 4
    noise = np.random.RandomState(0).uniform(-1, 1, (HEIGHT, WIDTH)).astype(np.float32)
    clouds = 12 * cv2.GaussianBlur(noise, (0, 0), 6) / cv2.GaussianBlur(noise, (0, 0), 6).std()

    def photo(value):
        return np.repeat(np.clip(np.rint(value), 0, 255)[..., None], 3, axis=-1).astype(np.uint8)

    clear = still_light.clear_sky(photo(light))
    assert clear.shape == (HEIGHT, WIDTH) and clear.dtype == np.float32
    # At the sides too: the slope is fitted within the photo (a blur there read the
    # vignette's slope as cloud).
    assert clear.min() > 0.9
    assert still_light.clear_sky(photo(light + clouds)).mean() < 0.2


def test_a_cloud_moved_into_clear_sky_is_lit_as_it_is_without_the_finer_light():
    image = glows()
    by = 40
    # Cloud in the canvas's columns 96-160 of the photo: shown, moved, at its 56-120.
    clear = np.ones(image.shape[:2], np.float32)
    clear[:, OFFSET + 96:OFFSET + 160] = 0
    finer = StillLight(image, OFFSET, WIDTH, clear=clear).change(displacement(by))[0]
    coarse = StillLight(image, OFFSET, WIDTH).change(displacement(by))[0]
    cloud = slice(round(64 * R / WIDTH), round(112 * R / WIDTH))      # grid columns
    clear_sky = slice(round(160 * R / WIDTH), round(240 * R / WIDTH))
    # Where the sky is clear at one end of the move only, the light is the coarse one's;
    # clear at both, the finer light moves it otherwise.
    assert np.abs(finer[:, cloud] / coarse[:, cloud] - 1).max() < 0.01
    assert np.abs(finer[:, clear_sky] / coarse[:, clear_sky] - 1).max() > 0.2
