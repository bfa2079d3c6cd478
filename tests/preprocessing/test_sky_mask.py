"""The sky mask in a small frame: clouds with hard edges are sky when they have the sky's
colours, and the ground stays ground; a soft, straight horizon ends the sky."""

import importlib

import cv2
import numpy as np
import pytest

from mdgan_tf.preprocessing.sky_mask import found_sky, sky_mask

# The module, which the package's `sky_mask` function hides.
sky_mask_module = importlib.import_module("mdgan_tf.preprocessing.sky_mask")


def cumulus_over_a_town(size=128):
    """A blue sky with a soft white cloud high up, and a white cloud with a hard edge whose
    base reaches down to a dark town along the bottom quarter, as in a 128x128 frame of
    the Sky Timelapse clips."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    rng = np.random.RandomState(0)
    photo = np.stack([70 + 40 * y / size, 120 + 40 * y / size, 215 + 0 * y], -1)
    soft = np.clip(2 - np.hypot(x - 24, y - 20) / 12, 0, 1)[..., None]   # fades out
    photo = photo + soft * (235 + rng.uniform(-8, 8, (size, size, 1)) - photo)
    cloud = (x - 64) ** 2 / 40 ** 2 + (y - 80) ** 2 / 36 ** 2 < 1    # base at row 116
    photo[cloud] = 235 + rng.uniform(-8, 8, (cloud.sum(), 1))
    town = y >= 0.75 * size
    photo[town] = rng.uniform(10, 70, (town.sum(), 3))               # dark, busy ground
    return np.clip(photo, 0, 255).astype(np.uint8), cloud & ~town, town


def test_a_hard_edged_cloud_joined_to_the_ground_is_sky_and_the_ground_is_not():
    photo, cloud, town = cumulus_over_a_town()
    mask = sky_mask(photo)
    # Its hard edge stops the sky, and its base joins it to the ground: it was ground,
    # held still while the sky moved around it (the tears of dev clips 1, 4, 5 and 9).
    assert mask[cloud].mean() > 0.9
    assert mask[town].max() == 0.0


def test_without_a_ground_along_the_bottom_nothing_is_weighed_by_colour():
    photo, cloud, town = cumulus_over_a_town()
    photo[town] = photo[0, 0]       # sky down to the bottom edge: no sure ground
    mask = sky_mask(photo)
    assert mask[:8].min() == 1.0


def hazy_fields(height=240, width=320, base=None):
    """A grey-blue sky over dark fields, their meeting blurred (haze, a moving car) so
    that no pixel's gradient stops the sky, with a hard bright rail across the ground
    lower down. `base`: each column's horizon row (a straight one at 150 by default)."""
    y = np.arange(height, dtype=np.float32)[:, None]
    base = np.full(width, 150.0) if base is None else base
    below = (y >= base[None, :]).astype(np.float32)
    light = 150 + 40 * y / height - 105 * below
    photo = np.repeat(light[..., None], 3, -1) * np.float32([0.9, 1.0, 1.15])
    photo = cv2.GaussianBlur(photo, (0, 0), 10)
    photo[200:210] = 220                                    # the rail
    return np.clip(photo, 0, 255).astype(np.uint8)


def test_a_soft_straight_horizon_ends_the_sky_and_a_cloud_base_does_not(monkeypatch):
    photo = hazy_fields()
    mask = sky_mask(photo)
    assert mask[:130].min() == 1.0 and mask[165:].max() == 0.0
    # Without the horizon the fields, reached through the blur, were sky down to the rail.
    monkeypatch.setattr(sky_mask_module, "_horizon", lambda sky, gray: None)
    assert sky_mask(photo)[165:195].mean() > 0.9
    monkeypatch.undo()
    # A dark band whose edge waves across the frame (a cloud base) is no horizon.
    wavy = hazy_fields(base=150 + 25 * np.sin(np.arange(320) / 20.0))
    found = sky_mask(wavy)
    monkeypatch.setattr(sky_mask_module, "_horizon", lambda sky, gray: None)
    np.testing.assert_array_equal(found, sky_mask(wavy))


def test_below_a_soft_horizon_its_haze_fades_out_of_the_sky_over_a_few_rows():
    region, _, haze = found_sky(hazy_fields())
    assert haze.max() <= 1 and not haze[region == 1].any()
    # Sky, then its haze, fading out downwards over a few rows under the cut.
    going = (region + haze).mean(axis=1)
    end = int(np.flatnonzero(region.mean(axis=1) > 0)[-1])  # the sky's last row
    assert going[:end].min() == 1.0 and np.all(np.diff(going[end - 2:end + 10]) <= 1e-6)
    assert going[end + 1:end + 4].min() > 0.05               # the haze, still going
    assert not haze[end + 8:].any()                          # the fields below, untouched
    # No horizon, no haze.
    _, _, none = found_sky(cumulus_over_a_town()[0])
    assert not none.any()


def test_the_sky_ends_where_each_columns_own_fall_begins_and_the_haze_is_whole_to_it():
    """Fields rising 4 rows higher on the left (a far tree line, Storm.jpg's): the sky
    ends higher there than the horizon's straight line, and the rows down to the line
    are haze in full (what the renderer holds still, but for the sky's change of light:
    in the sky, the trees' soft tops slid with it). Enlarged, the haze is whole under
    the sky's last row: once half in one row, a light line along Storm.jpg's horizon."""
    base = np.full(320, 150.0)
    base[:100] = 146
    photo = hazy_fields(base=base)
    for size in (None, (480, 360)):
        region, _, haze = found_sky(photo, size)
        scale = region.shape[1] / 320
        columns = np.arange(region.shape[1])
        last = region.shape[0] - 1 - np.argmax(region[::-1] > 0, axis=0)
        left, right = columns < 90 * scale, columns > 110 * scale
        assert last[left].max() <= last[right].min() - 2 * scale
        for below in range(1, 4):
            assert haze[last + below, columns][left].min() == 1.0


def test_a_horizon_half_hidden_by_a_thing_before_it_still_ends_the_sky(monkeypatch):
    # A dark bush hides the horizon's left 47%: seen over the rest of the width, it is
    # still the horizon (Dune.jpg's sea, behind its grass, slid with the sky).
    photo = hazy_fields()
    photo[40:, :150] = 25
    mask = sky_mask(photo)
    assert mask[:30].min() == 1.0 and mask[165:195, 200:].max() == 0.0
    # Counted over the whole width it was not a horizon, and the fields moved.
    monkeypatch.setattr(sky_mask_module, "HORIZON_SEEN", 1.0)
    assert sky_mask(photo)[165:195, 200:].mean() > 0.9


def sea_behind_a_blade(height=240, width=320):
    """A light sky over a darker sea, their meeting soft, a dark shore along the bottom,
    and a thin dark blade rising from the shore through the horizon, steep enough that
    the sea goes on under it in the columns it crosses."""
    y = np.arange(height, dtype=np.float32)[:, None]
    light = np.where(y < 100, 200.0, 120.0) + np.zeros(width, np.float32)
    photo = np.repeat(light[..., None], 3, -1) * np.float32([0.8, 0.95, 1.1])
    photo = cv2.GaussianBlur(photo, (0, 0), 5)
    photo[215:] = 30
    cv2.line(photo, (150, 239), (190, 60), (40, 35, 30), 3)
    return np.clip(photo, 0, 255).astype(np.uint8)


def test_the_haze_is_measured_from_the_horizon_not_from_under_a_blade():
    region, _, haze = found_sky(sea_behind_a_blade())
    assert region[:90].mean() > 0.99 and not region[130:210].any()
    # Under the blade the sea began again; measured from there, a pocket of it went
    # with the sky in full (Dune.jpg: a fleck moving off its dunes).
    assert haze[:110].max() > 0.5 and not haze[125:].any()


def ridge_under_clouds(size=128, wander=0.0, below=(100, 55, 30), grain=15):
    """A blue sky with white clouds whose bases fall at many heights, over a dark reddish
    desert below a ridge (rows 96-104 of 128), sharp but for its right fifth, where it is
    blurred as a cloud coming down to meet it softly blurs it (dev clip 7). The ridge is
    straight, or wanders up and down from its line by `wander` of the width, in three
    waves across it. `below`: the desert's colour, `grain` how far its pixels vary from
    it. Returns the photo and the desert (size x size bool)."""
    scale = size / 128
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    rng = np.random.RandomState(0)
    photo = np.stack([40 + 30 * y / size, 80 + 40 * y / size, 150 + 40 * y / size], -1)
    for cx, cy in rng.uniform([0, 10], [128, 80], (14, 2)) * scale:
        blob = np.hypot((x - cx) / (9 * scale), (y - cy) / (5 * scale))
        photo = photo + np.clip(1.5 - blob, 0, 1)[..., None] * (235 - photo)
    ridge = (96 + 8 * x / size) * scale + wander * size * np.sin(6 * np.pi * x / size)
    desert = y >= ridge
    photo[desert] = np.float32(below) + rng.uniform(-grain, grain, (desert.sum(), 1))
    photo = np.where((x >= 0.8 * size)[..., None], cv2.GaussianBlur(photo, (0, 0), 4 * scale),
                     photo)
    return np.clip(photo, 0, 255).astype(np.uint8), desert


@pytest.mark.parametrize("size, wander", [(128, 0.0), (320, 1 / 100), (640, 0.0),
                                          (640, 1 / 80)])
def test_a_ridge_the_sky_got_round_ends_it_though_clouds_fall_above_it(monkeypatch, size,
                                                                      wander):
    photo, desert = ridge_under_clouds(size, wander)
    mask = sky_mask(photo)
    sharp = (np.arange(size) < 0.78 * size)[None, :]
    assert mask[:round(0.7 * size)].min() == 1.0 and mask[desert & sharp].max() == 0
    # Nor does any of the ridge's edge go with the sky as haze: moved, it left dark smears
    # above the ridge.
    assert not found_sky(photo)[2].any()
    # Reached round the ridge's soft end, the desert was sky, and slid with it: the
    # clouds' bases above the ridge hid it from a horizon found by each column's first
    # fall. A ridge that wanders by more than 1/160 of the width from its line was not
    # found, nor was a straight one in a photo wider than 320 pixels, whose hard edge was
    # looked for a step above it.
    monkeypatch.setattr(sky_mask_module, "_horizon", lambda sky, gray: None)
    assert sky_mask(photo)[desert].mean() > 0.9


def test_a_line_through_the_most_falls_is_a_horizon_only_along_a_ridge():
    photo, _ = ridge_under_clouds()
    gray = cv2.GaussianBlur(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255,
                            (0, 0), 1.0)
    seen, columns = np.ones(128, bool), np.arange(128)
    assert sky_mask_module._a_ridge(96 + 8 * columns / 128, gray, seen)
    # A line through the clouds: more sky below it, no darker than above.
    assert not sky_mask_module._a_ridge(np.full(128, 46.0), gray, seen)
    # A contrail's lower side: a hard fall, but the sky below as light as above it.
    trail = photo.copy()
    trail[39:43] = 240
    gray = cv2.GaussianBlur(cv2.cvtColor(trail, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255,
                            (0, 0), 1.0)
    assert not sky_mask_module._a_ridge(np.full(128, 43.0), gray, seen)


def test_no_ridge_is_looked_for_where_the_ground_holds_the_bottom_edge(monkeypatch):
    """A straight hard edge over a darker band of sky, above fields that hold the bottom
    edge (an aurora's lower edge, long clip 7): the band stays sky."""
    photo, band = ridge_under_clouds(below=(30, 50, 110), grain=1)
    photo[112:] = np.where(np.arange(112, 128)[:, None, None] % 4 < 2, (20, 60, 10),
                           (70, 110, 40))   # furrowed fields
    band[112:] = False
    band &= (np.arange(128) < 100)[None, :]
    assert found_sky(photo)[0][band].min() == 1
    # Looked for there too, the ridge's line held the band still.
    def ridge_anyway(sky, gray):
        begins, inside = sky_mask_module._falls(sky, gray)
        rows = np.floor(sky_mask_module._ridge(begins, gray, inside))
        return rows, rows, False

    monkeypatch.setattr(sky_mask_module, "_horizon", ridge_anyway)
    assert found_sky(photo)[0][band].mean() < 0.1


def lake_in_fog(size=320):
    """A dusk sky over a lake that mirrors it, darker, from row 0.62 of the height down to
    the bottom edge, with wooded islands along the shore whose tops wave between 3% and
    6% of the height above it, all soft in fog (blurred over 1/80 of the width), as in
    KDE's DarkestHour. Returns the photo and the water (size x size bool)."""
    y, x = np.mgrid[0:size, 0:size].astype(np.float32)
    shore = 0.62 * size
    def sky(rows):
        return np.stack([70 + 50 * rows / size, 100 + 50 * rows / size,
                         170 + 30 * rows / size], -1)
    water = y >= shore
    photo = np.where(water[..., None], 0.8 * sky(2 * shore - y), sky(y))
    tops = shore - size * (0.03 + 0.015 * (1 + np.sin(9 * x / size)))
    islands = (y >= tops) & ~water & ((x < 0.35 * size) | (x > 0.5 * size))
    photo[islands] = (55, 75, 120)
    photo = cv2.GaussianBlur(photo.astype(np.float32), (0, 0), size / 80)
    return np.clip(photo, 0, 255).astype(np.uint8), water


def test_a_lake_the_sky_reached_through_its_soft_shore_is_held(monkeypatch):
    photo, water = lake_in_fog()
    region = found_sky(photo)[0]
    assert region[water].max() == 0 and region[:160].min() == 1
    # Reached through the fog, the lake was sky and slid with it, islands and all: their
    # tops wander from a straight line by more than 1/160 of the width.
    monkeypatch.setattr(sky_mask_module, "_reach", lambda width: 0.0)
    assert found_sky(photo)[0][water].mean() > 0.9


def test_a_sea_of_the_skys_own_colours_below_its_first_falls_is_still_held():
    # A sky darkening upwards, as a clear one does, over a sea as dark as its upper part:
    # no other world by colour (no colour test may be asked of a horizon), but the first
    # fall in every column is the line.
    y = np.arange(240, dtype=np.float32)[:, None]
    light = np.where(y < 150, 70 + 130 * y / 150, 85.0) + np.zeros(320, np.float32)
    photo = np.repeat(light[..., None], 3, -1) * np.float32([0.8, 0.95, 1.1])
    photo = np.clip(cv2.GaussianBlur(photo, (0, 0), 8), 0, 255).astype(np.uint8)
    mask = sky_mask(photo)
    assert mask[:130].min() == 1.0 and mask[165:].max() == 0.0


def garden_behind_soft_trees(height=240, width=320):
    """A clear sky over a dark, smooth garden whose top edge waves as trees' do, a hard
    edge but for three soft gaps a few pixels wide, as a webcam's blurred trees leave."""
    y = np.arange(height, dtype=np.float32)[:, None] + np.zeros(width, np.float32)
    photo = np.stack([110 + 40 * y / height, 150 + 40 * y / height, 215 + 0 * y], -1)
    garden = y >= 120 + 15 * np.sin(np.arange(width) / 12.0)[None, :]
    photo[garden] = (40, 70, 35)
    xs = np.arange(width, dtype=np.float32)
    soft = sum(np.exp(-((xs - c) / 3.0) ** 2) for c in (60, 160, 260))[None, :, None]
    photo = soft * cv2.GaussianBlur(photo, (0, 0), 12) + (1 - soft) * photo
    return np.clip(photo, 0, 255).astype(np.uint8), garden


def test_a_garden_the_sky_reaches_only_through_narrow_gaps_is_ground(monkeypatch):
    photo, garden = garden_behind_soft_trees()
    mask = sky_mask(photo)
    assert mask[:90].min() == 1.0 and mask[garden].max() == 0.0
    # Reached through the gaps, it was sky, and slid whole with it.
    monkeypatch.setattr(sky_mask_module, "_ground_through_gaps", lambda reached, *_: reached)
    assert sky_mask(photo)[garden].mean() > 0.9


def test_only_a_large_pocket_of_other_colours_on_the_bottom_edge_is_taken_back():
    # Open everywhere but a wall at rows 40-43 with a gap 2 pixels wide; below it, the
    # bottom half is of the sky's colour (a cloud bank) or not (a garden).
    open_ = np.ones((96, 128), bool)
    open_[40:44] = False
    open_[40:44, 60:62] = True
    reached = sky_mask_module._joined_to(open_.astype(np.uint8))
    assert reached[60:].all()
    sky_coloured = np.full((96, 128, 3), (120, 160, 220), np.uint8)
    np.testing.assert_array_equal(
        sky_mask_module._ground_through_gaps(reached, open_, sky_coloured), reached)
    garden = sky_coloured.copy()
    garden[44:] = (40, 70, 35)
    held = sky_mask_module._ground_through_gaps(reached, open_, garden)
    assert held[:40].all() and not held[50:].any()
    # A pocket under 0.5% of the photo is left as it was: the wall lower, and only the
    # gap's width open below it.
    small = np.ones((96, 128), bool)
    small[80:] = False
    small[80:, 60:62] = True
    small_reached = sky_mask_module._joined_to(small.astype(np.uint8))
    low_garden = sky_coloured.copy()
    low_garden[84:] = (40, 70, 35)
    np.testing.assert_array_equal(
        sky_mask_module._ground_through_gaps(small_reached, small, low_garden), small_reached)


def test_at_night_the_sky_is_found_as_if_exposed_for(monkeypatch):
    # A dark blue night sky over black trees with a wavy top, and two lamps: the sky and
    # the trees differ by less than the edge test's threshold in absolute light.
    y = np.arange(240, dtype=np.float32)[:, None] + np.zeros(320, np.float32)
    photo = np.stack([4 + 0 * y, 8 + 0 * y, 40 + 0 * y], -1)
    trees = y >= 120 + 20 * np.sin(np.arange(320) / 15.0)[None, :]
    photo[trees] = 2
    photo[220:224, 100:104] = photo[220:224, 200:204] = 255
    photo = np.clip(cv2.GaussianBlur(photo, (0, 0), 1.5), 0, 255).astype(np.uint8)
    mask = sky_mask(photo)
    assert mask[:90].min() == 1.0 and mask[trees].max() == 0.0
    # Unexposed, all of it was sky.
    monkeypatch.setattr(sky_mask_module, "DARK", 0.0)
    assert sky_mask(photo)[trees].mean() > 0.9


def test_a_small_part_of_the_sky_apart_from_the_rest_is_ground_and_a_large_one_is_not():
    # Dev clip 2: a gap between a tree's branches at the top edge, dark as the branches,
    # was sky, and the ground's fill spread it into a dark block of new sky.
    sky = np.zeros((64, 128), np.uint8)
    sky[:40, 20:] = 1                        # the sky beside the tree
    sky[:6, 4:12] = 1                        # a gap at the tree's top
    kept = sky_mask_module._main_sky(sky)
    assert kept[:6, 4:12].max() == 0 and np.array_equal(kept[:, 20:], sky[:, 20:])
    # Two parts of the sky split by a tower, each large, both stay.
    split = np.ones((20, 60), np.uint8)
    split[:, 28:32] = 0
    np.testing.assert_array_equal(sky_mask_module._main_sky(split), split)


def grey_nose_at_dusk(size=128):
    """A blue dusk sky over a dark ground, and a rocket's nose rising from the ground: its
    left half lit white, its right half in shade, grey and as light as the sky beside it."""
    y, x = np.mgrid[0:size, 0:size]
    photo = np.zeros((size, size, 3), np.float32) + np.float32([60, 80, 150])
    sky_grey = photo[0, 0] @ np.float32([0.299, 0.587, 0.114])
    ground = y >= 100
    photo[ground] = 20
    nose = (np.abs(x - 64) < 10) & (y >= 40) & ~ground
    shade = nose & (x >= 64)
    photo[nose & ~shade] = 235
    photo[shade] = sky_grey
    return photo.astype(np.uint8), shade


def test_a_grey_thing_as_light_as_the_sky_beside_it_is_ground():
    # The rocket's shaded nose and mast tips: no edge in grey against a dusk sky, so
    # they were sky, and floated away from the rocket as the sky moved.
    photo, shade = grey_nose_at_dusk()
    assert sky_mask_module.found_sky(photo)[0][shade].max() == 0.0


def test_only_a_part_cut_off_by_colour_alone_and_as_light_as_the_sky_is_held():
    sky = np.ones((64, 64), np.uint8)
    sky[48:] = 0                                   # the ground
    hued = sky.copy()
    hued[30:48, 28:36] = 0                         # a part the colour edges cut off
    blue = np.float32([60, 80, 150])
    for colour, held in [((82, 82, 82), True),     # grey, as light: a thing
                         ((200, 200, 210), False),  # lighter: a cloud
                         (blue, False)]:           # the sky's own colour
        photo = np.zeros((64, 64, 3), np.float32) + blue
        photo[30:48, 28:36] = colour
        kept = sky_mask_module._hued_things_held(sky, hued, photo.astype(np.uint8))
        assert (kept[30:48, 28:36].max() == 0) == held, colour
        np.testing.assert_array_equal(kept[:30], sky[:30])


def blade_before_a_sky(cloudy=False, root=(60, 140), tip=(140, 20), seed=0):
    """A 320 x 200 photo: a blue sky, sandy ground below row 140, and one thin, faint,
    out-of-focus blade of grass from `root` to `tip` ((x, y) points), a little lighter
    and yellower than the sky (about 0.02 in grey). `cloudy`: the sky full of soft
    clouds whose own streaks are as faint. -> (photo, the blade's upper half)."""
    height, width = 200, 320
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    photo = np.stack([120 + 30 * y / height, 150 + 30 * y / height, 215 + 0 * y], -1)
    if cloudy:
        rng = np.random.RandomState(seed)
        clouds = cv2.GaussianBlur(rng.normal(0, 1, (height, width)).astype(np.float32),
                                  (0, 0), 2.0)
        photo += 12 * clouds[..., None] / clouds.std()
    blade = np.zeros((height, width), np.uint8)
    cv2.line(blade, root, tip, 1, 2)
    photo[blade > 0] += np.float32([14, 8, -12])
    photo[y >= 140] = (190, 160, 110)
    upper = (blade > 0) & (y < (root[1] + tip[1]) / 2)
    return np.clip(photo, 0, 255).astype(np.uint8), upper


def test_a_faint_blade_before_a_plain_sky_is_ground():
    # Dune.jpg's out-of-focus blades: fainter than CONTRAST, they were sky, and floated
    # off across the sky as it moved.
    photo, upper = blade_before_a_sky()
    assert sky_mask_module.found_sky(photo)[0][upper].mean() < 0.1


def test_a_faint_blade_rooted_beyond_the_frame_just_above_the_ground_is_ground():
    photo, upper = blade_before_a_sky(root=(0, 110), tip=(60, 20))
    assert sky_mask_module.found_sky(photo)[0][upper].mean() < 0.1


def test_as_faint_a_line_among_clouds_like_it_stays_sky():
    # Clouds' own streaks and edges are as faint: held, they would tear from the clouds
    # around them.
    photo, upper = blade_before_a_sky(cloudy=True)
    assert sky_mask_module.found_sky(photo)[0][upper].mean() > 0.9


PURPLE = (120, 80, 130)


def sky_with_a_cloud_on_its_bottom_edge(cloud_colour=PURPLE):
    """A 240 x 160 photo of the sky alone: blue, soft purple clouds high up, and a
    hard-edged patch of `cloud_colour` on the bottom edge, a fifth of the width across
    (purple: a cloud like those above). -> (photo, the bottom patch)."""
    height, width = 160, 240
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    photo = np.stack([90 + 40 * y / height, 130 + 40 * y / height, 220 + 0 * y], -1)
    colour = np.float32(PURPLE)
    for cx, cy in ((60, 40), (170, 60)):                       # soft clouds, seen as sky
        soft = np.clip(1.5 - np.hypot((x - cx) / 30, (y - cy) / 12), 0, 1)[..., None]
        photo += soft * (colour - photo)
    cloud = (x - 120) ** 2 / 26 ** 2 + (y - 160) ** 2 / 22 ** 2 < 1
    photo[cloud] = cloud_colour
    return np.clip(photo, 0, 255).astype(np.uint8), cloud


def test_a_cloud_on_the_bottom_edge_of_a_sky_alone_is_sky():
    # skyar_sunset: its hard-edged cloud on the bottom edge was held for ground, and its
    # outline showed as a wavy dark line as the sky above it moved on.
    photo, cloud = sky_with_a_cloud_on_its_bottom_edge()
    assert sky_mask_module.found_sky(photo)[0][cloud].mean() > 0.9


def test_a_patch_on_the_bottom_edge_of_colours_the_sky_has_not_stays_ground():
    photo, roof = sky_with_a_cloud_on_its_bottom_edge(cloud_colour=(40, 70, 30))   # green
    assert sky_mask_module.found_sky(photo)[0][roof].mean() < 0.1


def test_where_the_ground_holds_the_bottom_edge_a_patch_there_stays_ground():
    # Looking out over the ground, a patch on the bottom edge is ground whatever its colour.
    photo, cloud = sky_with_a_cloud_on_its_bottom_edge()
    sky = (~cloud).astype(np.uint8)
    kept = sky_mask_module._clouds_on_bottom(sky, photo)
    assert kept[cloud].mean() == 1.0                     # the sky holds most of the bottom
    sky[-4:] = 0                                         # now the ground does
    np.testing.assert_array_equal(sky_mask_module._clouds_on_bottom(sky, photo), sky)
