"""The new sky beside the photo: the photo untouched in it, its own sky repeated there
(never mirrored, no seam where the repeat wraps), the ground filled with sky, and a long
slide that does not turn into a kaleidoscope."""

import cv2
import numpy as np
import pytest

from mdgan_tf.animation import sky_canvas
from mdgan_tf.animation.sky_canvas import (JOIN, JOIN_LIGHT, SEAM, SkyCanvas, fill_texture,
                                           freed_sky, in_edge_light, repeating, sky_plate)
from mdgan_tf.animation.slide import slide
from mdgan_tf.hub.shipped import example_photo
from mdgan_tf.preprocessing.images import read_image
from mdgan_tf.preprocessing.sky_mask import sky_mask
from mdgan_tf.evaluation.photo_checks import mirror_symmetry


def clouds(seed=0, size=(96, 160), blur=2.0):
    """A soft random bluish-grey sky, lighter towards the bottom, with no symmetry of
    its own; blurred at `blur` pixels."""
    noise = np.random.RandomState(seed).uniform(0, 255, size).astype(np.float32)
    texture = 3 * (cv2.GaussianBlur(noise, (0, 0), blur) - 128)[..., None]
    light = np.linspace(-30, 30, size[0], dtype=np.float32)[:, None, None]
    tint = np.float32([-10, 0, 20])
    return np.clip(128 + texture + light + tint, 0, 255).astype(np.uint8)


def light_steps(image):
    """Each column's mean absolute difference from the next in the image's light (its
    blur at 8 pixels): a seam's step of brightness, whatever its texture does."""
    light = cv2.GaussianBlur(image.astype(np.float32), (0, 0), 8)
    return np.abs(np.diff(light, axis=1)).mean(axis=(0, 2))


def test_the_photo_sits_unchanged_between_the_new_sky():
    photo = clouds()
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=50, right=30)
    assert canvas.image.shape == (96, 50 + 160 + 30, 3) and canvas.offset == 50
    assert np.array_equal(canvas.rest, photo)
    # ... but for its rim on each side with new sky: the columns inside carried on
    # through the one between (`_carried_on`), a slope of light unbent.
    rim = canvas.rim
    assert rim >= 1
    assert np.array_equal(canvas.image[:, 50 + rim:210 - rim], photo[:, rim:160 - rim])
    ramp = np.tile(np.linspace(20, 240, 160)[None, :, None], (96, 1, 3)).astype(np.uint8)
    lit = SkyCanvas(ramp, np.ones((96, 160), np.float32), left=50, right=30)
    assert np.abs(lit.image[:, 50:210].astype(int) - ramp).max() <= 1
    still = SkyCanvas(photo, np.ones((96, 160), np.float32))
    assert still.rim == 0 and np.array_equal(still.image, photo)


def test_beyond_the_join_the_new_sky_is_the_photo_repeated_not_mirrored():
    photo = clouds()
    sky = np.ones(photo.shape[:2], np.float32)
    left = 300   # more than one repeat
    canvas = SkyCanvas(photo, sky, left=left)
    tile = repeating(in_edge_light(sky_plate(photo, sky), +1))
    period = tile.shape[1]
    band = round(JOIN * 160)
    lit = round(JOIN_LIGHT * 160)   # the new sky taking the edge's light row by row
    new = canvas.image[:, :left - lit].astype(np.float32)
    # Canvas column -k (k past the join and that light) is the tile's column -k mod its
    # period.
    expected = tile[:, np.arange(-left, -lit) % period]
    assert np.array_equal(new, expected)
    # ... which repeats every period columns and is no mirror image of the photo.
    assert np.array_equal(canvas.image[:, :100], canvas.image[:, period:period + 100])
    k = np.arange(band + 1, band + 40)
    mirrored = photo[:, k].astype(np.float32)
    beside = canvas.image[:, left - k].astype(np.float32)
    ordinary = np.abs(photo[:, k + 60].astype(np.float32) - mirrored).mean()
    assert np.abs(beside - mirrored).mean() > 0.5 * ordinary


def test_the_repeat_and_the_joins_show_no_step_of_light():
    photo = clouds(2)
    sky = np.ones(photo.shape[:2], np.float32)
    # A sky darker on the left than the right: repeated as it is, the wrap is a step.
    photo = np.clip(photo + np.linspace(-40, 40, 160)[None, :, None], 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, sky, left=400, right=400)
    ordinary = np.percentile(light_steps(photo), 90)
    assert light_steps(canvas.image).max() < 2.5 * ordinary, ordinary     # 1.5 x
    repeated = np.concatenate([photo, photo], axis=1)
    assert light_steps(repeated).max() > 3 * ordinary       # what a plain repeat shows


def test_ground_in_the_photo_is_sky_in_the_new_sky():
    photo = clouds(2)
    sky = np.ones(photo.shape[:2], np.float32)
    photo[40:, 100:] = (255, 0, 0)        # a red building on the right, rows 40 on
    sky[40:, 100:] = 0
    canvas = SkyCanvas(photo, sky, left=300)
    new = canvas.image[:, :300].astype(int)
    red = new[..., 0] - new[..., 1] > 60     # the sky's red is 10 below its green
    assert not red.any()
    # Filled with the sky around the building: about the colour of the sky at the edge
    # it joins in those rows (148 there; the red building's colour averages 85; 15 off).
    assert abs(new[40:].mean() - photo[40:, :20].mean()) < 20


def test_a_long_slide_does_not_fill_the_sky_with_its_mirror_image():
    photo = clouds(3, (192, 320), blur=4.0)    # soft enough to be all sky
    frames = list(slide(photo, 48, speed=1.0))   # the sky slides about half its width
    first, last = (mirror_symmetry(frames[t], (0.0, 1.0)) for t in (0, -1))
    assert last <= first + 0.1, (first, last)    # mirrored beyond the edge: 0.13 -> 0.93
    unrelated = clouds(4, (192, 320), blur=4.0)
    moved = np.abs(frames[-1].astype(int) - photo).mean()
    assert moved > 0.5 * np.abs(unrelated.astype(int) - photo).mean()    # it did move


def test_the_new_sky_takes_the_light_and_colour_of_the_edge_it_joins():
    # Blue sky on the left, white cloud on the right (dev clip 0): the far side came in
    # on the left as a grey column, its one gain a row bringing white down to the blue's
    # brightness but not to its colour.
    photo = clouds(5).astype(np.float32)
    x = np.linspace(0, 1, photo.shape[1], dtype=np.float32)[None, :, None]
    blue, white = np.float32([70, 120, 220]), np.float32([235, 235, 240])
    photo = np.clip(photo - 128 + blue + smooth_step(x) * (white - blue), 0, 255)
    photo = photo.astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    band = round(JOIN * photo.shape[1])
    new = canvas.image[:, :200 - band].astype(np.float32).mean(axis=(0, 1))
    edge = photo[:, :band].astype(np.float32).mean(axis=(0, 1))
    assert np.abs(new - edge).max() < 20, (new, edge)
    # ... and keeps the far side's clouds, its detail, not a flat wash of colour.
    detail = canvas.image[:, :200 - band].astype(np.float32)
    detail = detail - cv2.GaussianBlur(detail, (0, 0), 4)
    assert detail.std() > 0.5 * (photo.astype(np.float32)
                                 - cv2.GaussianBlur(photo.astype(np.float32), (0, 0), 4)).std()


def smooth_step(x):
    return np.clip((x - 0.4) / 0.2, 0, 1)


@pytest.mark.parametrize("far, edge, toward", [
    # Storm.jpg moving left: its dark, blue far side met a bright edge, and each
    # channel's gain clipped on its own left the red short: a cyan column in the new sky.
    ([20, 40, 80], [200, 200, 215], -1),
    # KDE's Kite: a deep blue sky whose left edge is a white cloud. Brought as far as it
    # could go with the edge's hue kept, the blue came in grey, with its red raised
    # fourfold: pink wisps, and a dark teal blot once the held light took it back.
    ([25, 70, 160], [235, 235, 240], +1),
])
def test_a_far_side_too_far_from_the_edge_to_be_lit_as_it_goes_part_of_the_way(
        far, edge, toward):
    photo = clouds(6).astype(np.float32) * 0.1 - 12.8
    x = np.linspace(0, 1, photo.shape[1], dtype=np.float32)[None, :, None]
    far, edge = np.float32(far), np.float32(edge)
    near_edge = smooth_step(x) if toward < 0 else smooth_step(1 - x)
    photo = np.clip(photo + far + near_edge * (edge - far), 0, 255)
    lit = in_edge_light(photo.astype(np.uint8), toward).astype(np.float32)
    quarter = photo.shape[1] // 4
    lit = (lit[:, :quarter] if toward < 0 else lit[:, -quarter:]).mean(axis=(0, 1))
    hue, own, edges = (colour / colour.sum() for colour in (lit, far, edge))
    # Each channel's share between the far side's own and the edge's: no cyan, no pink ...
    assert np.all(hue >= np.minimum(own, edges) - 0.01), (lit, hue)
    assert np.all(hue <= np.maximum(own, edges) + 0.01), (lit, hue)
    # ... not the edge's hue, which a gain this bounded reaches only by turning it grey ...
    assert np.abs(hue - edges).max() > 0.05, (lit, hue)
    assert lit.mean() > 1.5 * far.mean()              # ... brought up, as far as it may be


def darkening_leftwards(seed, texture=0.2):
    """A 96 x 320 sky of faint clouds darkening towards its left edge, 60 -> 200 levels
    (0.44 a column), as `Storm.jpg`'s storm does."""
    photo = (clouds(seed, (96, 320)).astype(np.float32) - 128) * texture
    photo += np.linspace(60, 200, 320, dtype=np.float32)[None, :, None]
    return np.clip(photo, 0, 255).astype(np.uint8)


def test_a_sky_darkening_towards_the_edge_darkens_on_past_it_and_levels_off():
    """Storm.jpg: its storm darkens all the way to the left edge. Lit as the mean of the
    band beside the edge, the new sky came in brighter than the edge, and the photo's
    darkest columns travelled across the sky as a dark band between the two. Lit flat at
    the edge's light, it met the photo at a bend of light (the valley test below)."""
    photo = darkening_leftwards(8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    band = round(JOIN * photo.shape[1])
    light = cv2.GaussianBlur(canvas.image.astype(np.float32).mean(axis=(0, 2))[None], (0, 0),
                             4)[0]
    edge = light[200]
    # Just past the edge, the light falls on as the photo's rises: over 8 columns 0.41 as
    # far as it rises over the next 8 (the slope as fitted, blurred; lit flat: -0.06) ...
    assert light[200] - light[192] > 0.3 * (light[208] - light[200]), light[190:210]
    # ... and levels off CONTINUE of the width out: 0.44 x 20 = 8.75 levels below the edge.
    beyond = light[200 - 2 * band:200 - band].mean()     # the new sky past the join
    assert abs(beyond - (edge - 8.75)) < 3, (beyond, edge)
    # No dark band at the join: the light never rises on the way out from the edge.
    assert np.diff(light[200 - 2 * band:201]).min() > -0.2


def test_a_cloud_rising_from_the_edge_is_not_carried_on_as_a_slope_of_light():
    """The example's top left: blue sky at the edge, a white cloud a little inside. Fitted
    across a quarter of the width, that rise was a slope of light, and carried on past
    the edge it turned the new sky a saturated blue band along the top of the video."""
    photo = (clouds(11, (96, 320)).astype(np.float32) - 128) * 0.05
    x = np.arange(320, dtype=np.float32)[None, :, None]
    blue, white = np.float32([70, 120, 220]), np.float32([235, 235, 240])
    cloud = np.clip((x - 40) / 40, 0, 1)              # blue for 40 columns, then white
    photo = np.clip(photo + blue + cloud * (white - blue), 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    band = round(JOIN * 320)
    beyond = canvas.image[:, 200 - 2 * band:200 - band].astype(np.float32).mean(axis=(0, 1))
    edge = photo[:, :band].astype(np.float32).mean(axis=(0, 1))
    # As blue as the edge (0.6 levels off; fitted across a quarter alone, red 16 levels
    # below it, green and blue 28 and 27 above).
    assert np.abs(beyond - edge).max() < 5, (beyond, edge)


def test_new_sky_of_a_sky_darkening_towards_the_edge_moves_in_without_a_valley():
    """Storm.jpg: the new sky lit flat at its darkening edge's light moved in at a bend of
    light, which the light held in the frame (`still_light`, a broad blur) rounded into a
    narrow dark valley with a line down it, travelling with the sky: 9 levels deep by
    frame 127 of the 640-pixel video."""
    frames = list(slide(darkening_leftwards(8, texture=0.02), 48, speed=1.0))
    deepest = 0.0
    for frame in frames[::8]:
        light = cv2.GaussianBlur(frame.astype(np.float32).mean(axis=-1), (0, 0), 3)
        for rows in range(0, 48, 8):          # the top half, where the sky moves most
            profile = light[rows:rows + 8].mean(axis=0)
            higher_left = np.maximum.accumulate(profile)
            higher_right = np.maximum.accumulate(profile[::-1])[::-1]
            deepest = max(deepest, float((np.minimum(higher_left, higher_right)
                                          - profile).max()))
    assert deepest < 0.5, deepest          # lit flat: 1.5 levels


def test_top_rows_darkening_towards_the_edge_meet_new_sky_that_darkens_as_gently():
    """Storm.jpg: its top rows darken towards the left edge, the rows below do not. The
    new sky, lit as the edge's light blurred down the rows, came in brighter than those
    top rows, and the mirror at the join made the edge a narrow valley of light: a dark
    band that travelled across the sky. Now the new sky takes the edge's light row by
    row near it, and the mirror leaves out the edge's slope of light."""
    photo = (clouds(9, (96, 320)).astype(np.float32) - 128) * 0.2
    light = np.full((96, 320), 140, np.float32)
    light[:32] = np.clip(60 + np.arange(320), 60, 140)[None]      # the top third darker
    photo = np.clip(photo + light[..., None], 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    band = round(JOIN * 320)
    top = canvas.image[:24].astype(np.float32).mean(axis=(0, 2))
    top = cv2.GaussianBlur(top[None], (0, 0), 4)[0]
    steepest = [np.abs(side[10:] - side[:-10]).max()
                for side in (top[200 - band:201], top[200:200 + band + 1])]
    # New sky that falls to the edge no faster than the photo rises from it (5.7 against
    # 11.8 levels in 10 columns; before, the valley's outer wall 12.8).
    assert steepest[0] < 0.6 * steepest[1], steepest


def test_a_thin_line_crossing_the_edge_is_not_mirrored_into_a_v():
    """Dune.jpg: a blade that the mask takes for sky crosses the photo's left edge, and
    the join's mirror drew it back out as the other arm of a V, which travelled with the
    sky. The mirror now leaves out lines thinner than THIN of the width."""
    photo = clouds(10, (96, 384), blur=4.0).astype(np.float32)    # THIN: 3 pixels
    rows = np.arange(20, 81)
    columns = (rows - 20) // 2          # a dark line 2 pixels wide, from the edge down-right
    for row, column in zip(rows, columns):
        photo[row, column:column + 2] -= 60
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    grey = canvas.image.astype(np.float32).mean(axis=-1)
    on, beside = [], []
    for row, column in zip(rows, columns):
        if column <= 5:                  # where the join's fine texture is the mirror's
            mirror = 199 - column
            on.append(grey[row, mirror - 1:mirror + 1].mean())
            beside.append(0.5 * (grey[row, mirror - 6] + grey[row, mirror + 4]))
    # Its mirror image at most 8 levels dark (1.4; 18.0 before; the line is 60 deep).
    assert np.mean(beside) - np.mean(on) < 8, np.mean(beside) - np.mean(on)


def _texture(image):
    """The RMS of an image's detail: what a blur at 2 pixels takes out."""
    image = np.asarray(image, np.float32)
    return (image - cv2.GaussianBlur(image, (0, 0), 2)).std()


def test_new_sky_beside_a_smooth_edge_grows_its_texture_from_the_edges():
    """Storm.jpg's loop: its right edge is a smooth haze, and the new sky entering there
    began with the far side's cumulus, at full strength, along a straight vertical line."""
    textured = clouds(11, (96, 320)).astype(np.float32)
    smooth = cv2.GaussianBlur(textured, (0, 0), 8)
    haze = np.clip((np.arange(320) - 120) / 60, 0, 1)[None, :, None]   # from column 180 on
    photo = np.clip(textured * (1 - haze) + smooth * haze, 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), right=160)
    new = canvas.image[:, 320:]     # its first columns are the photo's textured left part
    own = _texture(photo[:, :100])
    assert _texture(photo[:, -40:]) < 0.05 * own
    # Just past the join's fine band (10 columns), under half the far side's own (5.2 of
    # 13.3; 13.0 before), and rising to it a quarter of the width out (12.3).
    first, later = _texture(new[:, 10:25]), _texture(new[:, 60:80])
    assert first < 0.5 * own, (first, own)
    assert later > 0.8 * own and later > 1.5 * first, (later, first)


def test_a_dark_strip_along_the_photos_edge_continues_across_the_join():
    # Storm.jpg's vignetted left edge: the new sky, lit as the band beside the edge and
    # joined to a blur that smoothed the strip away, left it standing as a dark line.
    photo = clouds(7, (96, 480)).astype(np.float32)
    photo -= 60 * np.clip(1 - np.arange(480) / 24, 0, 1)[None, :, None]    # 24 px wide
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    beside = canvas.image[:, 180:200].astype(np.float32).mean()
    strip, away = (photo[:, columns].astype(np.float32).mean()
                   for columns in (slice(0, 20), slice(40, 80)))
    # The 20 columns beside the photo are about as dark as its own first 20 (0.20 of the
    # way to the sky beyond the strip when joined at a blur of half the band).
    assert beside - strip < 0.12 * (away - strip), (beside, strip, away)


def test_the_new_sky_joins_a_held_suns_glow_without_a_step():
    """The tile leaves a sun's glow out; where the glow reaches the photo's edge, the new
    sky fades from it rather than meeting it in a line of light (long real clip 4)."""
    photo = clouds(4).astype(np.float32)
    yy, xx = np.mgrid[0:96, 0:160]
    distance = np.hypot(xx - 12, yy - 40)
    photo = np.clip(photo + 120 * np.exp(-(distance / 30) ** 2)[..., None], 0, 255)
    photo = photo.astype(np.uint8)
    sky = np.ones(photo.shape[:2], np.float32)
    sun = np.clip((60 - distance) / 40, 0, 1).astype(np.float32)      # held to 60 pixels
    canvas = SkyCanvas(photo, sky, left=100, sun=sun).image.astype(np.float32)
    # The step from the new sky's last column to the photo's first, against an ordinary
    # step between the photo's columns (joined to the glowless plate: 3.2 times that).
    ordinary = np.abs(np.diff(photo.astype(np.float32), axis=1)).mean()
    assert np.abs(canvas[:, 100] - canvas[:, 99]).mean() < ordinary


def test_the_fill_behind_the_ground_is_smooth():
    """A disc of ground in a sky whose light rises to the right is filled with no contour
    of light: its fill changes smoothly from row to row and column to column, and keeps
    the sky's slope (the fill by the finest blur with sky near enough stepped where one
    blur gave way to the next)."""
    x = np.linspace(60, 200, 160, dtype=np.float32)
    photo = np.repeat(np.broadcast_to(x, (96, 160))[..., None], 3, -1).astype(np.uint8)
    yy, xx = np.mgrid[0:96, 0:160]
    ground = np.hypot(xx - 80, yy - 48) < 36
    sky = (~ground).astype(np.float32)
    filled = sky_plate(photo, sky).astype(np.float32)[..., 0]
    # Its light (blurred past the rounding to whole levels) bends nowhere much.
    light = cv2.GaussianBlur(filled, (0, 0), 2)
    bend = np.abs(np.diff(light, 2, axis=1))
    inside = np.hypot(xx - 80, yy - 48)[:, 1:-1] < 30
    assert bend[inside].max() < 0.15, bend[inside].max()     # the old fill: 0.20
    slope = np.polyfit(np.arange(60, 100), filled[48, 60:100], 1)[0]
    assert 0.4 < slope < 1.3, slope         # the sky's own: 140 / 159 a column


def test_the_fill_beside_a_thin_mast_is_the_skys_colour_not_the_masts():
    """A white mast two pixels wide, ground, in a 640-pixel blue sky: the fill behind it
    is the sky's blue (the copy the fill is made on, 256 pixels wide, mixed the mast's
    white into the sky beside it, and the fill moved off as a pale band)."""
    photo = np.empty((120, 640, 3), np.uint8)
    photo[:] = (40, 70, 140)
    photo[:, 300:302] = 250
    sky = np.ones((120, 640), np.float32)
    sky[:, 300:302] = 0
    filled = sky_plate(photo, sky).astype(int)
    np.testing.assert_array_equal(filled[:, :300], photo[:, :300])      # the sky is kept
    assert np.abs(filled[:, 300:302] - (40, 70, 140)).max() <= 1, filled[60, 300]


def _detail_rms(image, where):
    """The RMS of a uint8 image's brightness beyond its blur at 4 pixels, over `where`."""
    gray = image.astype(np.float32).mean(axis=-1)
    return float(np.sqrt(((gray - cv2.GaussianBlur(gray, (0, 0), 4)) ** 2)[where].mean()))


def test_the_fill_behind_the_ground_has_the_skys_own_texture():
    """A block of ground in a cloudy sky is filled with texture as fine and as strong as
    the sky's, at the sky's light (a smooth fill, which came out from behind the ground
    as a flat patch, has none); drawn the same each time; left smooth where `plain`."""
    photo = clouds(seed=3, size=(192, 320))
    sky = np.ones((192, 320), np.float32)
    sky[90:170, 100:220] = 0
    inside = np.zeros((192, 320), bool)
    inside[100:160, 110:210] = True                  # away from the ground's edge
    open_sky = np.zeros_like(inside)
    open_sky[10:70, 20:300] = True
    filled = sky_plate(photo, sky)
    ratio = _detail_rms(filled, inside) / _detail_rms(photo, open_sky)
    assert 0.5 < ratio < 2.0, ratio
    around = photo[80:180, 90:230].astype(np.float32).mean(axis=(0, 1))
    assert np.abs(filled[inside].mean(axis=0) - around).max() < 12, filled[inside].mean(axis=0)
    np.testing.assert_array_equal(sky_plate(photo, sky), filled)
    np.testing.assert_array_equal(filled[sky > 0], photo[sky > 0])
    smooth = sky_plate(photo, sky, fill_texture(photo, sky, plain=1 - sky))
    assert _detail_rms(smooth, inside) < 0.2 * _detail_rms(filled, inside)


def test_the_canvas_behind_a_held_sun_is_left_smooth():
    """In a cloudy sky, the canvas behind a held sun's disc gets no texture (a textured
    disc moved off mottled beside `skyar_sunny`'s sun), while behind a block of ground
    beside it, it does."""
    photo = clouds(seed=5, size=(192, 320))
    sky = np.ones((192, 320), np.float32)
    sky[120:192, 200:300] = 0                                   # ground
    yy, xx = np.mgrid[0:192, 0:320]
    sun = np.clip((60 - np.hypot(xx - 90, yy - 80)) / 30, 0, 1).astype(np.float32)
    canvas = SkyCanvas(photo, sky, sun=sun).image
    disc = np.hypot(xx - 90, yy - 80) < 24                      # held wholly (sun 1)
    block = np.zeros_like(disc)
    block[135:185, 215:285] = True
    assert _detail_rms(canvas, disc) < 0.2 * _detail_rms(canvas, block)
    assert _detail_rms(canvas, block) > 0.5 * _detail_rms(photo, block)


def test_the_fills_texture_fades_in_from_the_skys_edge():
    """Next to the sky the fill is the sky's colour there, its texture fading in over
    TEXTURE_FADE of the width: given at full strength up to the edge, it met the photo's
    own clouds with a step of light along the ground's outline, and the example's gaps
    between merlons moved off with the clouds as windows of old sky."""
    photo = clouds(seed=3, size=(192, 320))
    sky = np.ones((192, 320), np.float32)
    sky[90:170, 100:220] = 0
    ground = sky == 0
    first = ground & ~cv2.erode(ground.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
    deep = np.zeros_like(ground)
    deep[110:150, 125:195] = True
    texture = fill_texture(photo, sky)
    given = np.abs(sky_plate(photo, sky, texture).astype(np.float32)
                   - sky_plate(photo, sky, np.zeros_like(texture))).mean(axis=-1)
    assert given[first].mean() < 0.3 * given[deep].mean(), (given[first].mean(),
                                                          given[deep].mean())


def test_the_fills_texture_has_no_streaks_along_the_skys_straight_edge():
    """The texture drawn from the shipped example's sky, which ends on a straight wall,
    changes nearly as much along its rows as across them (1.3 times as much across):
    taken square, the spectrum the texture is drawn from drew it as horizontal streaks
    (2.6 times as much across)."""
    photo = read_image(example_photo())
    texture = fill_texture(photo, sky_mask(photo))[260:350, 50:600]
    across, along = np.diff(texture, axis=0), np.diff(texture, axis=1)
    assert (across ** 2).mean() < 1.6 * (along ** 2).mean()


def test_the_fill_between_two_lights_of_sky_is_an_even_ramp():
    """A wide ground between a darker sky on its left and a lighter one on its right is
    filled with an even ramp from one to the other (a membrane): the pull alone held the
    fill at the left side's light for half its width and rose steeply near the right,
    and that rise moved off with the sky as a band (the rocket's left tower, drawn
    diagonal by perspective)."""
    photo = np.empty((96, 320, 3), np.uint8)
    photo[:, :30] = 64
    photo[:, 30:] = 84
    sky = np.ones((96, 320), np.float32)
    sky[:, 30:90] = 0
    row = sky_plate(photo, sky, np.zeros((96, 320), np.float32)).astype(np.float32)[48, :, 0]
    left, right = row[60] - row[29], row[90] - row[60]
    assert 0.5 < left / right < 2, (left, right)       # 8 / 12; the pull alone: 3 / 17


@pytest.mark.parametrize("texture, cloud", [(1.5, True), (0.02, False)])
def test_a_cloud_cut_by_the_edge_does_not_light_the_new_sky_but_a_bright_sky_does(
        texture, cloud):
    # KDE's Kite: a deep blue sky whose left edge is a white cumulus. Lit as that edge,
    # the new sky beyond it came in a pale wash of cyan and pink. Storm.jpg's bright side
    # is smooth, the sky's own light: lit by the row's median, its loop brought in a
    # darker band there.
    blue, white = np.float32([25, 70, 160]), np.float32([200, 205, 215])
    photo = (clouds(7).astype(np.float32) - 128) * 0.2 + blue
    photo[:, :30] = (clouds(8)[:, :30].astype(np.float32) - 128) * texture + white
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=200)
    far = canvas.image[:, :200 - round(JOIN_LIGHT * photo.shape[1])]
    far = far.astype(np.float32).mean(axis=(0, 1))
    if cloud:
        assert np.abs(far - blue).max() < 30, far          # lit as the edge: 88 levels off
    else:
        assert far.mean() > blue.mean() + 40, far          # towards the edge's light


def test_a_map_over_the_photo_is_laid_out_as_the_new_sky_takes_its_columns():
    photo = clouds()
    width, left, right = photo.shape[1], 300, 200
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=left, right=right)
    # Each column of the photo its own value.
    values = np.tile(np.random.RandomState(1).uniform(0, 1, width).astype(np.float32),
                     (photo.shape[0], 1))
    laid = canvas.laid_out(values)
    assert laid.shape == canvas.image.shape[:2] and laid.dtype == np.float32
    np.testing.assert_array_equal(laid[:, left:left + width], values)
    assert values.min() <= laid.min() and laid.max() <= values.max()
    seam = round(SEAM * width)
    period = width - seam
    band = round(JOIN * width)
    # Beyond the joins and off the tile's seam, each column is the photo's it is taken
    # from: on the left, the photo's frame's column x the tile's x mod its period; on
    # the right, the tile from its column `seam` on.
    for x in list(range(-left, -band)) + list(range(width + band, width + right)):
        column = x % period if x < 0 else (x - width + seam) % period
        if column >= seam:
            np.testing.assert_array_equal(laid[:, left + x], values[:, column])
    # Beside the photo, the photo's edge mirrored, as the new sky's coarse picture is.
    assert np.abs(laid[:, left - 1] - values[:, 1]).max() < 0.01
    assert np.abs(laid[:, left + width] - values[:, width - 2]).max() < 0.01
    # A map alike in every column stays so.
    even = np.ones_like(values) * np.linspace(0, 1, photo.shape[0], dtype=np.float32)[:, None]
    np.testing.assert_allclose(canvas.laid_out(even), np.tile(even[:, :1], (1, laid.shape[1])),
                               atol=1e-6)


def test_a_cloud_cut_by_the_edge_goes_on_as_a_cloud_not_a_smear_nor_a_mirror():
    """KDE's Kite: its left edge cuts a white cumulus. The join's mirrored coarse picture
    carried the cloud on, but under the deep blue new sky's own detail: a smooth white
    smear. Its detail is now the edge's, slid down the rows."""
    blue, white = np.float32([25, 70, 160]), np.float32([200, 205, 215])
    photo = (clouds(7, (96, 640)).astype(np.float32) - 128) * 0.02 + blue
    photo[:, :128] = (clouds(8, (96, 640), blur=3)[:, :128].astype(np.float32) - 128) + white
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    canvas = SkyCanvas(photo, np.ones(photo.shape[:2], np.float32), left=300)
    band = round(JOIN * photo.shape[1])
    # Past the fine join (its first quarter), within the coarse cloud's brighter half.
    beside = canvas.image[:, 300 - band // 2:300 - band // 4].astype(np.float32)
    edge = photo[:, band // 4 + 1:band // 2 + 1].astype(np.float32)[:, ::-1]   # its mirror

    def detail(image):
        return image - cv2.GaussianBlur(image, (0, 0), 3)

    own = detail(photo[:, 10:118].astype(np.float32)).std()
    # 5.3 of the cloud's 8.5 (2.1 under the new sky's detail).
    assert detail(beside).std() > 0.5 * own, (detail(beside).std(), own)
    assert abs(np.corrcoef(*(detail(image).mean(axis=-1).ravel()
                             for image in (beside, edge)))[0, 1]) < 0.3


GREY_SKY, GOLD, GREEN = (120, 120, 125), (200, 160, 90), (40, 70, 40)


def _band_under_a_grey_sky(band=GOLD, bottom=GREEN):
    """(photo, sky), 96 x 256: a grey sky over a band held as ground (rows 40-63, the
    left three quarters) of colour `band`, the sky beside the band's right end of the
    band's gold, and below them ground, `bottom` in its lowest rows."""
    photo = np.empty((96, 256, 3), np.uint8)
    photo[:] = GREY_SKY
    photo[40:64, 190:] = GOLD
    photo[40:64, :190] = band
    photo[64:] = GREEN
    photo[80:] = bottom
    sky = np.ones((96, 256), np.float32)
    sky[40:64, :190] = 0
    sky[64:] = 0
    return photo, sky


def test_the_fill_behind_a_band_of_the_skys_gold_held_as_ground_is_that_gold():
    """A band of low sunset clouds that the mask holds as ground (the Animating Landscape
    photo's), of a colour the sky has and brighter than the grey sky above it: the fill
    behind it, which the sky moving on beside it shows, is its gold below and the grey
    of the sky above at its top (filled from the sky around alone, it was all grey, and
    came out outlined against the band; all gold, outlined against the sky above)."""
    photo, sky = _band_under_a_grey_sky()
    flat = np.zeros(sky.shape, np.float32)
    plate = sky_plate(photo, sky, flat).astype(int)
    lower = plate[56:64, :160].reshape(-1, 3)
    assert np.abs(lower - GOLD).max() <= 6, np.abs(lower - GOLD).max()     # the old: 80
    # At its top, the grey above: the band's outline, moved off with the sky, is no step.
    top = plate[40, :160]
    assert np.abs(top - GREY_SKY).max() <= 4, np.abs(top - GREY_SKY).max()
    np.testing.assert_array_equal(plate[sky > 0], photo[sky > 0])
    held = SkyCanvas(photo, sky).held
    assert held[40:64, :180].all() and not held[64:].any() and not held[:40].any()


@pytest.mark.parametrize("band, bottom, floating", [
    ((70, 70, 80), GREEN, False),   # darker than the sky: a lattice's members (the rocket's)
    (GOLD, GOLD, False),            # the ground's own colour: a jetty's planks (BytheWater)
    (GOLD, GREEN, True),            # sky under it: a cloud held in the sky
])
def test_the_fill_behind_held_ground_that_is_not_held_sky_is_the_skys(band, bottom, floating):
    """Ground darker than the sky's fill behind it, of colours likelier in the ground
    than in the sky, or with sky under it, gives the fill nothing of its own colour: it
    is as it is behind a band the sky has no colour of."""
    photo, sky = _band_under_a_grey_sky(band, bottom)
    if band != GOLD:
        photo[10:20, 10:40] = band      # a dark cloud: its colour is the sky's too
    if floating:
        photo[64:72], sky[64:72] = GREY_SKY, 1
    flat = np.zeros(sky.shape, np.float32)
    other = photo.copy()
    other[40:64, :190] = (10, 200, 10)
    np.testing.assert_array_equal(sky_plate(photo, sky, flat), sky_plate(other, sky, flat))
    assert SkyCanvas(photo, sky).held is None


def _soft_band_on_hills(hills_end=170):
    """(photo, sky), 96 x 256: a textured sky over a band of its clouds turned gold, held
    as ground (rows 40-63, the left three quarters), that meets it softly (its tint
    fading in over 8 rows), with a dark cloud in it, a dark streak of the sky's colours
    down to the hills and a glow at its foot; below it hills (rows 64-66, the left
    `hills_end` columns, their top of the sky's darker colours), the band's bright
    reflection in the sea (rows 64-71, under the hills and beyond their end) and
    ground."""
    photo = clouds(3, (96, 256)).astype(np.float32)
    tint = np.clip((np.arange(96, dtype=np.float32) - 36) / 8, 0, 1) * (np.arange(96) < 64)
    photo += tint[:, None, None] * np.float32([70, 35, -25])
    photo[44:56, 40:90] = (60, 50, 55)             # a dark cloud
    photo[40:64, 150:152] = photo[8, 150:152] - 40  # a dark streak of the sky's down to the hills
    photo[58:64, 100:140] = (255, 235, 160)        # a glow on the horizon
    photo[64:80] = (30, 60, 90)                    # the sea
    photo[64:72, :190] = photo[40:48, :190] + 30   # the band's reflection in it
    photo[64:67, :hills_end] = (30, 40, 30)        # the hills
    photo[64, :hills_end] = photo[8, :hills_end] - 40
    photo[80:] = (40, 70, 40)
    sky = np.ones((96, 256), np.float32)
    sky[40:, :190] = 0
    sky[64:] = 0
    return np.clip(photo, 0, 255).astype(np.uint8), sky


def test_a_band_held_as_ground_that_meets_the_sky_as_clouds_do_is_freed_whole():
    """The Animating Landscape photo's band of gold clouds, held as ground: it moves
    with the sky whole, its dark cloud and the glow at its foot with it, and nothing of
    the hills or of the sea under them, nor any sky (the sky is moved anyway)."""
    photo, sky = _soft_band_on_hills()
    freed = freed_sky(photo, sky)
    assert freed[40:64, :180].mean() > 0.98, freed[40:64, :180].mean()
    assert freed[44:56, 40:90].all() and freed[58:64, 100:140].all()
    assert freed[40:60, 150:152].all()      # not a still line through the band
    assert not freed[64:, :170].any() and not freed[sky > 0].any()


def test_no_drip_of_the_freed_band_runs_down_the_sea_where_the_hills_end():
    """Where the hills the band rests on end a few pixels short of its end, the band's
    reflection below that gap is not freed: a drip down the sea moved with the sky."""
    photo, sky = _soft_band_on_hills(hills_end=187)
    freed = freed_sky(photo, sky)
    assert freed[40:64, :180].mean() > 0.98 and not freed[64:].any()


@pytest.mark.parametrize("left_out, stand_in, wrong", [
    ("_enclosed", lambda pieces, found: np.zeros_like(pieces),
     lambda freed: freed[44:56, 40:90].mean() < 0.9),            # the dark cloud stays
    ("_hanging", lambda near, brighter, found, above: near,
     lambda freed: freed[67:72, :170].any()),                     # the sea under the hills
    ("_resting", lambda freed, brighter, found, depth: np.zeros_like(freed),
     lambda freed: freed[64, :170].any()),                        # the hills' top
])
def test_each_rule_of_the_freed_band_keeps_its_piece(monkeypatch, left_out, stand_in, wrong):
    """Each rule of `freed_sky` is needed: without the ground the band encloses, its dark
    cloud stays behind (the band torn); without the columns hanging from the sky, the sea
    under the hills, reached round the band's end, goes too; without what rests on the
    ground staying, the hills' top of the sky's colours goes."""
    photo, sky = _soft_band_on_hills()
    monkeypatch.setattr(sky_canvas, left_out, stand_in)
    assert wrong(freed_sky(photo, sky))


def test_a_held_piece_with_a_hard_edge_stays_held():
    """A flat gold band under a flat grey sky meets it with a hard edge, harder than its
    own (no) texture: a solid thing's outline, not a cloud's. It stays held (the fill
    behind it still takes its colour) and is not moved."""
    photo, sky = _band_under_a_grey_sky()
    assert SkyCanvas(photo, sky).held is not None
    assert freed_sky(photo, sky) is None
