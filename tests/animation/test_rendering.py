"""The photo moved along the model's motion: its own size and aspect, a still video keeps it
still, a known translation comes out scaled to the photo, the ground stays put, frames
stream, and a loop closes."""

import tracemalloc

import cv2
import keras
import numpy as np
import pytest

from mdgan_tf.inference import MDGAN, timelapse, write_video
from mdgan_tf.animation.motion import smoothed
from mdgan_tf.animation import rendering
from mdgan_tf.animation.rendering import EASE, INTO_HELD, PhotoAnimation, into_held
from mdgan_tf.animation.sky_light import SkyLight
from mdgan_tf.animation.still_light import StillLight
from mdgan_tf.animation.slide import slide, slide_timelapse
from mdgan_tf.evaluation.photo_checks import (doubling, light_drift, point_change,
                                              texture_energy)
from mdgan_tf.generation.grid import GRID_GAP
from mdgan_tf.preprocessing.sky_mask import sky_mask
from mdgan_tf.modeling import MDGANConfig
from mdgan_tf.modeling.warp import backward_warp

R = 32   # the stand-in model video's size


def texture(height, width, period=64.0, phase=0.0):
    """A smooth, low-contrast pattern (sky-like: no edge that stops the sky mask),
    periodic in x with `period` pixels, shifted right by `phase` pixels."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    k = 2 * np.pi / period
    value = 128 + 30 * np.sin(k * (x - phase) + 0.3 * np.sin(k * y)) + 20 * np.cos(k * y)
    return np.repeat(np.clip(value, 0, 255)[..., None], 3, axis=-1).astype(np.uint8)


def moving_video(frames, step):
    """A model-size video whose pattern moves right by `step` pixels a frame."""
    return np.stack([texture(R, R, period=R / 2, phase=t * step) for t in range(frames)])


def drift(steps, step):
    """Model-size motion steps of a drift right by `step` pixels a frame (each pixel of a
    frame was `step` pixels further left in the one before)."""
    return np.tile(np.array([-step, 0], np.float32), (steps, R, R, 1))


@pytest.fixture
def light_moves(monkeypatch):
    """The sky's light moved with its clouds, as before `still_light`, for the tests of
    where each pixel goes and of what ground does beside a sky that changes light. Their
    textures are coarse (a period half the photo's width), and the new sky beside them is
    lit as the photo's edge, a peak of the pattern: the light held in the frame dims the
    pattern moved in by up to 6%. The haze's sky darkens only because its light, darker
    to the left, moves with it."""
    monkeypatch.setattr(StillLight, "apply", lambda self, moved, displacement, rows=None: moved)


def test_the_photo_keeps_its_size_and_aspect_and_a_still_video_keeps_it_still():
    photo = np.random.RandomState(0).randint(0, 256, (45, 120, 3)).astype(np.uint8)
    still = np.repeat(texture(R, R)[None], 9, axis=0)
    frames = np.stack(list(PhotoAnimation.from_video(photo, still)))
    assert frames.shape == (8, 45, 120, 3)
    assert np.array_equal(frames, np.repeat(photo[None], 8, axis=0))


def test_a_photo_under_16_pixels_on_its_shorter_side_is_refused_in_one_line():
    with pytest.raises(ValueError, match=r"^photo is 1x1 pixels: a photo to animate needs "
                                         r"at least 16 on its shorter side$"):
        PhotoAnimation(np.zeros((1, 1, 3), np.uint8), drift(3, 0.5))
    with pytest.raises(ValueError, match="photo is 300x15 pixels"):
        slide(np.zeros((15, 300, 3), np.uint8), 4, 1.0)
    assert len(PhotoAnimation(np.full((16, 300, 3), 99, np.uint8), drift(3, 0.5))) == 4


def test_a_known_translation_comes_out_scaled_to_the_photo():
    scale, step = 4, 0.5   # 0.5 model pixels a frame: 2 photo pixels a frame
    photo = texture(R * scale, R * scale, period=R / 2 * scale)
    animation = PhotoAnimation.from_video(photo, moving_video(17, step))
    assert sky_mask(photo).min() == 1.0           # all sky: nothing held still
    frames = list(animation)
    inner = slice(3 * R // 2, 5 * R // 2)          # away from the mirrored borders
    for t in (EASE, 12, 15):                       # once the motion has eased in
        expected = texture(R * scale, R * scale, period=R / 2 * scale, phase=t * step * scale)
        error = np.abs(frames[t][inner, inner].astype(int) - expected[inner, inner]).mean()
        unmoved = np.abs(photo[inner, inner].astype(int) - expected[inner, inner]).mean()
        assert error < 0.15 * unmoved, (t, error, unmoved)
    assert np.array_equal(frames[0], photo)        # frame 0 is the photo itself


def test_steps_given_directly_move_the_photo_as_the_video_they_describe(light_moves):
    """A moving G1 gives its steps exactly (`MDGAN.motion`): the same drift as a steps
    array moves the photo as its video, read with optical flow, does; and the loop's far
    end, taken back along -steps, closes."""
    scale, step = 4, 0.5
    photo = texture(R * scale, R * scale, period=R / 2 * scale)
    given = np.stack(list(PhotoAnimation(photo, drift(15, step))))
    read = np.stack(list(PhotoAnimation.from_video(photo, moving_video(17, step))))
    assert given.shape == read.shape == (16, R * scale, R * scale, 3)
    inner = slice(3 * R // 2, 5 * R // 2)
    expected = texture(R * scale, R * scale, period=R / 2 * scale, phase=15 * step * scale)
    error = np.abs(given[15][inner, inner].astype(int) - expected[inner, inner]).mean()
    assert error < 0.05 * np.abs(photo[inner, inner].astype(int) - expected[inner, inner]).mean()
    assert np.abs(given.astype(int) - read).mean() < 2
    # drift=True: one steady drift over the sky (under perspective), so a clip that slows
    # at its end (as a moving G1's does) and one that varies across the frame move the
    # photo as the drift does.
    uneven = drift(15, step)
    uneven[-3:] *= 0.2
    uneven[:, :, : R // 2, 0] -= 0.1                 # slower on the left half
    uneven[:, :, R // 2:, 0] += 0.1
    uneven[..., 1] = 0.3                             # lifted: kept along the horizon
    steady = np.stack(list(PhotoAnimation(photo, uneven, drift=True)))
    drifted = np.stack(list(PhotoAnimation(photo, drift(15, step), drift=True)))
    np.testing.assert_allclose(steady.astype(int), drifted, atol=1)
    assert np.abs(np.stack(list(PhotoAnimation(photo, uneven))).astype(int) - drifted).max() > 20
    with pytest.raises(ValueError, match="use PhotoAnimation.from_video"):
        PhotoAnimation(photo, moving_video(17, step))
    looped = np.stack(list(PhotoAnimation(photo, drift(31, step), loop=True)))
    steps = np.abs(np.diff(looped.astype(float), axis=0)).mean(axis=(1, 2, 3))
    assert np.abs(looped[-1].astype(float) - looped[0]).mean() <= np.median(steps)


def test_a_dense_motion_that_varies_across_the_frame_and_over_time_has_a_known_answer(
        light_moves):
    """Each row moves at its own speed, which grows from frame to frame: along a row the
    motion is the same everywhere, so frame t is the photo shifted by the sum of its
    row's steps, eased in; the rendering must give that, with no hole anywhere."""
    scale, frames = 4, 24
    photo = texture(R * scale, R * scale, period=R / 2 * scale)
    rows = np.arange(R, dtype=np.float32)[None, :, None]
    speeds = 0.2 + 0.01 * np.arange(frames - 1, dtype=np.float32)[:, None, None] + 0.3 * rows / R
    steps = np.zeros((frames - 1, R, R, 2), np.float32)
    steps[..., 0] = -speeds                 # each pixel was this far left a frame before
    rendered = np.stack(list(PhotoAnimation(photo, steps)))
    assert rendered.min() > 50              # the texture's darkest is 78: no hole, no black
    shifts = np.concatenate([np.zeros((1, R, R), np.float32),
                             np.cumsum(smoothed(steps)[..., 0], axis=0)])
    x = np.minimum(np.arange(frames, dtype=np.float32) / EASE, 1)
    shifts *= (x * x * (3 - 2 * x))[:, None, None]
    grid_x, grid_y = np.meshgrid(np.arange(R * scale, dtype=np.float32),
                                 np.arange(R * scale, dtype=np.float32))
    reach = int(np.ceil(-shifts.min() * scale)) + 2
    for t in (EASE, 16, frames - 1):
        shift = cv2.resize(shifts[t], (R * scale, R * scale), interpolation=cv2.INTER_LINEAR)
        expected = cv2.remap(photo, grid_x + shift * scale, grid_y, cv2.INTER_LINEAR)
        inside = (slice(scale, -scale), slice(reach, None))     # fetched from the photo
        error = np.abs(rendered[t][inside].astype(int) - expected[inside]).mean()
        unmoved = np.abs(photo[inside].astype(int) - expected[inside]).mean()
        assert error < 0.05 * unmoved, (t, error, unmoved)


def test_a_slide_moves_the_sky_right_by_its_share_of_the_width_and_no_model_is_needed():
    """--slide 1: 1% of the photo's width a frame (the mean over its sky), to the right,
    rendered as a drift."""
    width = R * 4
    photo = texture(width, width, period=width / 2)
    frames = np.stack(list(slide(photo, 17, 1.0)))
    assert frames.shape == (17, width, width, 3) and np.array_equal(frames[0], photo)
    inner = slice(3 * width // 8, 5 * width // 8)
    for t in (EASE, 16):    # once eased in (the ease scales the whole way moved)
        expected = texture(width, width, period=width / 2, phase=t * width / 100)
        error = np.abs(frames[t][inner, inner].astype(int) - expected[inner, inner]).mean()
        assert error < 0.1 * np.abs(photo[inner, inner].astype(int) - expected[inner, inner]).mean()
    # Rendered as a model's drift is, under perspective: the top faster than the bottom.
    travel = -slide(photo, 17, 1.0).forward[-1][:, 0, 0]
    assert travel[0] > 2 * travel[-1] > 0
    looped = slide(photo, 17, 1.0, loop=True).forward[-1][:, 0, 0]
    np.testing.assert_allclose(looped, looped[0])   # but a loop: its two ends meet worse
    mirrored = np.ascontiguousarray(np.flip(photo, 1))
    left, right = list(slide(photo, 17, -1.0))[16], list(slide(mirrored, 17, 1.0))[16]
    assert np.abs(left.astype(int) - np.flip(right, 1)).mean() < 1   # -1: to the left
    with pytest.raises(ValueError, match="whole number of at least 1"):
        slide(photo, 0, 1.0)
    with pytest.raises(ValueError, match="a slide of 10,000,000 frames would take about"):
        slide(photo, 10_000_000, 1.0)      # refused before anything is made


def test_the_ground_below_a_horizon_stays_exactly_still():
    scale = 4
    photo = texture(R * scale, R * scale, period=R / 2 * scale)
    ground = np.random.RandomState(1).randint(0, 90, (R * scale // 4, R * scale, 3))
    photo[-R * scale // 4:] = ground               # a dark, textured ground, a sharp horizon
    frames = np.stack(list(PhotoAnimation.from_video(photo, moving_video(17, 0.5))))
    mask = sky_mask(photo)
    assert mask[: R * scale // 2].min() == 1.0 and mask[-R * scale // 4:].max() == 0.0
    steps = np.abs(np.diff(frames.astype(int), axis=0)).mean(axis=(0, 3))
    assert steps[-R * scale // 4:].max() == 0      # not one ground pixel changes
    assert steps[: R * scale // 2].mean() > 1      # while the sky moves


def test_below_the_skys_last_row_nothing_is_sampled_and_every_frame_is_as_if_it_were():
    scale = 4
    size = R * scale
    photo = texture(size, size, period=R / 2 * scale)
    photo[-size // 4:] = np.random.RandomState(1).randint(0, 90, (size // 4, size, 3))
    animation = PhotoAnimation(photo, drift(7, 0.5))
    assert size // 2 < animation._rows <= size * 3 // 4     # the ground's rows are left out
    sampled = [animation.frame(t) for t in range(8)]
    animation._rows = size
    for t, frame in enumerate(sampled):
        assert np.array_equal(frame, animation.frame(t))


def test_the_sky_moves_down_to_the_row_above_a_sharp_horizon():
    """Laid over by a matte faded inwards from the mask's edge, a strip of the photo's old
    sky stood still along every roof (the example's light rims): here two rows. Only the
    row the mask's edge test itself leaves out (its gradient spans the horizon) may be."""
    scale = 4
    size = R * scale
    photo = texture(size, size, period=R / 2 * scale)
    photo[-size // 4:] = np.random.RandomState(1).randint(0, 90, (size // 4, size, 3))
    last = list(PhotoAnimation(photo, drift(15, 0.5)))[-1].astype(float)
    change = np.abs(last - photo).mean(axis=(1, 2))
    horizon = size * 3 // 4
    assert change[horizon - 20:horizon - 10].min() > 25     # moved about 30, still 0
    assert np.count_nonzero(change[horizon - 8:horizon] == 0) <= 1
    assert change[horizon:].max() == 0


def test_above_a_horizon_each_row_shows_the_whole_drift_or_the_still_photo_never_a_part(
        light_moves):
    """Held at zero across the mask's soft edge, each row of the edge slid its own share of
    the way, and over a long video the edge streaked (a white line along a roofline). Each
    row must show the photo moved the whole way, the still photo, or a mix of the two."""
    scale, frames = 4, 24
    size = R * scale
    photo = texture(size, size, period=R / 2 * scale)
    photo[-size // 4:] = np.random.RandomState(1).randint(0, 90, (size // 4, size, 3))
    animation = PhotoAnimation(photo, drift(frames - 1, 0.5))
    shift = float(animation.forward[-1][0, 0, 0]) * scale
    assert shift < -0.3 * size                     # far enough for a part-way row to show
    grid_x, grid_y = np.meshgrid(np.arange(size, dtype=np.float32),
                                 np.arange(size, dtype=np.float32))
    moved = cv2.remap(photo, grid_x + shift, grid_y, cv2.INTER_LINEAR).astype(float)
    last = animation.frame(frames - 1).astype(float)
    inside = slice(int(np.ceil(-shift)) + 2, None)  # fetched from the photo itself
    horizon = size * 3 // 4
    shares = []
    for rows in (slice(horizon - 12, horizon), slice(0, horizon)):   # its edge; all sky
        change = (last - photo)[rows, inside].mean(axis=-1)
        way = (moved - photo)[rows, inside].mean(axis=-1)
        clear = np.abs(way) > 8                     # where moving changes a pixel enough
        shares.append(change[clear] / way[clear])
    # Each pixel: the photo moved the whole way (1), still (0), or a mix; part of the way
    # gives anything at all (the texture is periodic, so some of it lands in [0, 1]).
    within = (shares[0] > -0.1) & (shares[0] < 1.1)
    assert within.mean() > 0.99, within.mean()
    assert np.mean(np.abs(shares[1] - 1) < 0.05) > 0.9   # the sky moved, all but its edge


def test_the_sky_moving_out_from_behind_a_post_is_the_sky_around_it_not_the_post():
    """Where the sky fetches what a post on the ground hides, it shows the sky around the
    post, smooth: not the post dragged along, and not a window of still sky in its shape
    (which showed wherever the photo's light changes across the sky)."""
    scale, frames = 4, 24
    size = R * scale
    photo = texture(size, size, period=R / 2 * scale)
    photo[-size // 8:] = 30                          # the ground,
    photo[size // 4:, 40:56] = 20                    # and a post on it, wider than a mast
    animation = PhotoAnimation(photo, drift(frames - 1, 0.5))
    shift = float(animation.forward[-1][0, 0, 0]) * scale
    last = animation.frame(frames - 1).astype(int)
    columns = np.arange(size) + shift
    behind = (columns >= 40) & (columns < 56)        # columns that fetch the post
    assert behind.sum() >= 8
    rows = slice(size // 3, size // 2)
    shown = last[rows][:, behind]
    assert shown.min() > 60                          # the texture's darkest is 78
    assert np.abs(shown - photo[rows][:, behind]).mean() > 5      # not the still photo


def test_the_sun_stays_where_it_is_and_no_second_one_comes_in():
    """A round, saturated patch of sky standing alone is the sun: the clouds drift past it
    (the sky beyond its glow moves), it does not move, and the sky brought in from beyond
    the photo's edge has no copy of it. A saturated patch among others (a cloud's tops)
    is not the sun."""
    scale, frames = 4, 48
    size = R * scale
    photo = texture(size, size, period=R / 2 * scale)
    y, x = np.mgrid[0:size, 0:size]
    disc = np.hypot(x - size * 0.6, y - size * 0.3) <= size / 20
    photo[disc] = 255
    animation = PhotoAnimation(photo, drift(frames - 1, 1.0))
    assert float(animation.forward[-1][0, 0, 0]) * scale < -size   # past the whole width
    for t in (16, frames - 1):
        frame = animation.frame(t)
        assert np.array_equal(frame[disc], photo[disc])              # the sun, still
        assert (frame.min(axis=-1) == 255).sum() == disc.sum()      # and only the one
        assert np.abs(frame[: size // 8].astype(int) - photo[: size // 8]).mean() > 5
    clouds = texture(size, size, period=R / 2 * scale)
    tops = [np.hypot(x - size * cx, y - size * 0.3) <= size / 20 for cx in (0.3, 0.4, 0.5)]
    for top in tops:                                                 # side by side
        clouds[top] = 255
    moved = PhotoAnimation(clouds, drift(frames - 1, 1.0)).frame(16)
    assert all((moved[top].min(axis=-1) < 255).mean() > 0.5 for top in tops)


def test_the_glow_around_a_held_sun_stays_round_it_while_faint_clouds_pass():
    """Moved with the sky, the bright ring around the held disc drifted off the sun as a
    pale arc on its downwind side (`skyar_sunny`; on this made-up sun, 13 levels brighter
    there and 49 at most at frame 8): the glow is light, held where it is."""
    scale, frames = 4, 32
    size = R * scale
    y, x = np.mgrid[0:size, 0:size]
    centre, radius = (size * 0.5, size * 0.4), size / 20
    distance = np.hypot(x - centre[0], y - centre[1])
    clouds = 70 + 0.3 * (texture(size, size, period=R / 2 * scale).astype(np.float32) - 128)
    glow = 150 * np.exp(-(distance / (3 * radius)) ** 2)
    photo = np.clip(clouds + glow[..., None], 0, 255).astype(np.uint8)
    photo[distance <= radius] = 255
    animation = PhotoAnimation(photo, drift(frames - 1, 0.5))
    ring = (distance > 2 * radius) & (distance < 6 * radius)
    for t in (8, 16, frames - 1):
        change = animation.frame(t).astype(float).mean(axis=-1) - photo.mean(axis=-1)
        assert np.abs(change[ring]).max() < 30                # the clouds' passing alone
        downwind = change[ring & (x > centre[0] + radius)].mean()
        upwind = change[ring & (x < centre[0] - radius)].mean()
        assert downwind - upwind < 7


def test_a_narrow_gap_in_a_ground_as_smooth_as_the_sky_is_ground():
    """At dusk no edge may part the ground from the sky (scikit-image's rocket): where the
    ground holds most of the bottom edge, its narrow gaps there are ground too; a wide one
    is sky."""
    size = R * 4
    photo = texture(size, size, period=R * 2)
    photo[-size // 4:] = np.random.RandomState(2).randint(0, 90, (size // 4, size, 3))
    gap = slice(size // 2, size // 2 + size // 8)
    photo[-size // 4:, gap] = photo[-size // 4 - 1, gap]   # the sky, unbroken, to the edge
    mask = sky_mask(photo)
    assert mask[: size // 2].min() == 1.0
    assert mask[-size // 4:].max() == 0.0
    wide = slice(size // 4, size // 2 + size // 8)        # 3/8 of the width: the sky's own
    photo[-size // 4:, wide] = photo[-size // 4 - 1, wide]
    assert sky_mask(photo)[-1, size // 4 + 8:size // 2].min() > 0.99
    photo[-size // 4:, : size // 2] = photo[-size // 4 - 1, : size // 2]   # half sky now
    assert sky_mask(photo)[-1, : size // 4].min() > 0.99  # sky-only at its edge: as it was


def test_a_faint_lattice_standing_on_the_ground_is_ground_and_a_streak_in_the_sky_is_sky():
    """Members as dark as a dusk sky (scikit-image's rocket's towers) slip through the edge
    test; thin dark lines joined to the ground are ground all the same."""
    size = R * 8
    photo = texture(size, size, period=size / 2).astype(int)
    photo[-size // 4:] = np.random.RandomState(3).randint(0, 90, (size // 4, size, 3))
    top, foot = size // 4, size - size // 4
    for x in (100, 124):                                 # a mast's legs, a pixel wide
        photo[top:foot, x] -= 20
    for y in range(top, foot - 12, 12):                  # and its cross members
        for i in range(12):
            photo[y + i, 100 + 2 * i] -= 20
    photo[40, 160:230] -= 20                             # a dark streak in the sky
    mask = sky_mask(np.clip(photo, 0, 255).astype(np.uint8))
    assert mask[top:foot - 12, [100, 124]].max() == 0.0
    assert mask[40, 160:230].min() == 1.0
    assert mask[: size // 2, 160:].min() == 1.0


def test_a_photos_sky_is_found_at_the_size_it_was_given_not_at_the_size_asked():
    """scikit-image's rocket shrunk to 480 pixels wide before its sky was found: there its
    right mast's faint lattice slipped through the edge test, and the mast and its tower
    went with the sky (the mast's tip changed 52 levels by frame 15 of a slide). Found on
    the photo as given, 640 pixels wide, the mast stays."""
    import skimage.data

    video = list(slide_timelapse(skimage.data.rocket(), 1.0, frames=16, max_side=480))
    assert video[0].shape == (320, 480, 3)
    tip = (0.6984, 0.3044)                   # the right mast's tip (photo_checks.py's)
    assert point_change(video[-1], video[0], [tip]) < 1


def test_a_small_photos_faint_masts_stay():
    """scikit-image's rocket given 320 pixels wide: its masts' lattices are fainter there
    than the lattice test's contrast, and both masts went with the sky (in a 128-frame
    video their tips changed 23 and 52 levels). Long faint lines before a plain sky that
    reach the ground are ground."""
    import skimage.data

    photo = cv2.resize(skimage.data.rocket(), (320, 213), interpolation=cv2.INTER_AREA)
    video = list(slide_timelapse(photo, 1.0, frames=16))
    for tip in ((0.3125, 0.3044), (0.6984, 0.3044)):   # photo_checks.py's
        assert point_change(video[-1], video[0], [tip]) < 1, tip


def test_sky_seen_only_through_narrow_gaps_is_held_still_and_wide_gaps_are_sky():
    """Between grass blades the sky test reaches a smooth, out-of-focus background as
    sky (Debian's Dune.jpg), and moved, it tore: sky that is joined to the rest only
    through gaps narrower than NARROW of the width is held still; a wide gap is sky."""
    size = R * 8
    photo = texture(size, size, period=size / 2)
    sky = photo.copy()
    band = slice(size // 2, size // 2 + 16)
    photo[band] = 40                                     # a band of blades,
    for x in range(0, size // 2, 6):                     # 2-pixel gaps in its left half
        photo[band, x:x + 2] = sky[band, x:x + 2]
    photo[band, 180:200] = sky[band, 180:200]            # and one wide gap
    photo[size // 2:, size // 2:size // 2 + 8] = 40     # a wall between the two halves
    photo[-size // 4:] = np.random.RandomState(4).randint(0, 90, (size // 4, size, 3))
    mask = sky_mask(photo)
    assert mask[: size // 4].min() == 1.0
    below = slice(size // 2 + 20, size - size // 4 - 4)  # between the blades and the ground
    assert mask[below, 10:size // 2 - 10].max() == 0.0   # seen through narrow gaps: held
    assert mask[below, 186:194].min() > 0.5              # through a 20-pixel gap: sky


def test_the_photos_rim_does_not_move_in_as_a_line_nor_stay_as_a_strip():
    # Kite's outermost columns differ from those just inside; the join's mirror leaves
    # such thin lines out, and the step between them and the new sky moved in with the
    # sky as a line down it. Mirrored in the canvas instead, they stayed at the frame's
    # side as a strip.
    width = R * 8
    photo = texture(R * 4, width, period=width / 3).astype(np.int16)
    photo[:, :2] += 10                                   # a light rim on the left edge
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    animation = PhotoAnimation(photo, drift(12, 1.0))
    frames = list(animation)
    assert np.array_equal(frames[0], photo)
    steps = np.abs(np.diff(frames[-1].astype(np.float32).mean(axis=(0, 2))))
    ordinary = np.median(steps)
    assert steps.max() < 4 * ordinary + 1, (steps.argmax(), steps.max(), ordinary)


def test_a_loop_ends_one_ordinary_step_before_its_first_frame():
    photo = texture(R * 4, R * 6, period=R * 2)
    frames = np.stack(list(PhotoAnimation.from_video(photo, moving_video(33, 0.4), loop=True)))
    steps = np.abs(np.diff(frames.astype(float), axis=0)).mean(axis=(1, 2, 3))
    join = np.abs(frames[-1].astype(float) - frames[0]).mean()
    assert len(frames) == 32 and steps.min() > 0
    assert join <= np.median(steps)
    plain = np.stack(list(PhotoAnimation.from_video(photo, moving_video(33, 0.4))))
    assert np.abs(plain[-1].astype(float) - plain[0]).mean() > 5 * np.median(steps)


def test_no_frame_of_a_loop_shows_its_sky_twice():
    """The loop's two ends are the same sky a loop's travel apart; mixed by one weight for
    the frame (a cross-fade), this sky's middle frames showed each cloud twice (doubling
    0.38); swapped patch by patch (`loop_swap`), no frame does."""
    noise = cv2.GaussianBlur(np.random.RandomState(0).standard_normal((96, 256)).astype(
        np.float32), (0, 0), 2.5)
    noise /= noise.std()
    photo = np.clip(np.stack([150 + 20 * noise, 180 + 20 * noise, 230 + 12 * noise], -1),
                    0, 255).astype(np.uint8)
    frames = list(PhotoAnimation(photo, drift(31, 0.25), loop=True))   # 62 pixels' travel
    assert max(doubling(frame, frames[0], rows=(0, 1)) for frame in frames[1:]) < 0.2
    assert min(texture_energy(frame) for frame in frames) > 0.9 * texture_energy(photo)


def test_a_long_video_keeps_the_photos_light_where_it_was_and_its_texture():
    """A sky twice as bright at the right as at the left, slid its whole width: the new
    sky came in lit as the photo's dark left edge, and the whole frame ended a flat dark
    (mean colour 59 levels off, each column 47 on average, 0.54 of the texture); the
    light stays where it is in the frame (`still_light`)."""
    noise = cv2.GaussianBlur(np.random.RandomState(0).standard_normal((96, 256)).astype(
        np.float32), (0, 0), 2.5)
    noise /= noise.std()
    light = np.linspace(2 / 3, 4 / 3, 256, dtype=np.float32)[None, :, None]
    photo = np.stack([110 + 12 * noise, 140 + 15 * noise, 180 + 12 * noise], -1) * light
    photo = np.clip(photo, 0, 255).astype(np.uint8)
    last = list(PhotoAnimation(photo, drift(63, 0.5)))[-1]     # 256 pixels: the width
    assert light_drift(last, photo, rows=(0, 1)) < 10
    columns = [frame.astype(np.float32).mean(axis=(0, 2)) for frame in (photo, last)]
    assert np.abs(columns[1] - columns[0]).mean() < 12
    assert texture_energy(last) > 0.85 * texture_energy(photo)


def test_a_clear_skys_glow_stays_where_it_is_over_a_long_video():
    """KDE's summer_1am: a dusk's glow on a sky with no clouds. Its light held only at a
    quarter of the width, the glow moved off with the sky (the columns' light 12.8 levels
    off at most by frame 31, 6.5 on average); a clear sky's is held finer (`still_light`)."""
    y, x = np.mgrid[0:96, 0:256].astype(np.float32)
    glow = 1 + 0.4 * np.exp(-((x - 160) / 90) ** 2) * np.exp(-((y - 90) / 60) ** 2)
    photo = np.stack([90 * glow, 110 * glow, 150 * glow], -1) * (0.8 + 0.4 * y / 96)[..., None]
    photo = np.clip(np.rint(photo), 0, 255).astype(np.uint8)
    frames = list(PhotoAnimation(photo, drift(63, 0.5)))      # 256 pixels: the width
    for t in (31, 63):
        columns = [frame.astype(np.float32).mean(axis=(0, 2)) for frame in (photo, frames[t])]
        off = np.abs(columns[1] - columns[0])
        assert off.max() < 5 and off.mean() < 2, (t, off.max(), off.mean())   # 2.5, 0.7


def test_frames_stream_into_the_encoder(tmp_path):
    """A 30-frame MP4 of a 1200 x 1600 photo: memory for a few frames, not for all 30."""
    photo = texture(1200, 1600, period=300)
    animation = PhotoAnimation.from_video(photo, moving_video(31, 0.3))
    frame_bytes = photo.nbytes
    tracemalloc.start()
    write_video(tmp_path / "big.mp4", animation)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 12 * frame_bytes, f"{peak / frame_bytes:.1f} frames' worth"
    tracemalloc.start()
    np.stack(list(animation))                      # what the check above would catch
    assert tracemalloc.get_traced_memory()[1] > 30 * frame_bytes
    tracemalloc.stop()


@pytest.fixture(scope="module")
def tiny():
    return MDGAN(MDGANConfig.from_preset("mdgan_tiny"))


def test_animate_gives_the_photos_aspect_capped_at_max_side(tiny):
    photo = np.random.RandomState(2).randint(0, 256, (60, 200, 3)).astype(np.uint8)
    assert tiny.animate(photo).shape == (tiny.config.frames, 60, 200, 3)
    assert tiny.animate(photo, frames=20, max_side=100, loop=True).shape == (20, 30, 100, 3)
    animation = tiny.animation(photo, frames=11)
    assert len(animation) == 11 and animation.shape == (11, 60, 200, 3)
    assert np.array_equal(next(iter(animation)), photo)
    with pytest.raises(ValueError, match="speed must be"):
        tiny.animate(photo, speed=-1)
    with pytest.raises(ValueError, match="needs a G1 that moves the photo"):
        tiny.motion(photo)


def test_a_moving_g1s_motion_is_the_velocities_it_moved_the_photo_along(monkeypatch):
    """A tiny model whose warping G1 has a random last deconv: `motion` gives, for clips
    chained past T, the velocities G1 moved the photo along (its own first clip is the
    photo moved along exactly their sum), and `animate` moves the photo along their
    drift over the sky."""
    config = MDGANConfig.from_preset("mdgan_tiny").replace(base_head={"type": "warp"})
    keras.utils.set_random_seed(3)                  # the rest of G1's weights too
    model = MDGAN(config)
    last = model.base_generator.get_layer("deconv4")
    kernel = np.random.RandomState(3).normal(300, 100, last.get_weights()[0].shape)
    last.set_weights([kernel.astype(np.float32)])
    photo = texture(2 * R, 3 * R, period=R)
    frames = 2 * config.frames + 3                  # three clips
    motion = model.motion(photo, frames=frames)
    r = config.resolution
    assert motion.shape == (frames - 1, r, r, 2)
    assert np.abs(motion.mean(axis=(1, 2))).mean() > 0.01
    clip = model.generate(photo, stage=1, dtype="float32")[0]
    displacement = np.cumsum(motion[: config.frames - 1], axis=0)
    moved = backward_warp(clip[:1], displacement[None]).numpy()[0]
    np.testing.assert_allclose(moved, clip[1:], atol=1e-4)
    video = model.animate(photo, frames=frames, max_side=None, speed=20)
    assert video.shape == (frames, 2 * R, 3 * R, 3)
    drifted = PhotoAnimation(photo, motion, speed=20, drift=True)
    assert np.array_equal(video, np.stack(list(drifted)))
    assert np.abs(np.diff(video[-8:].astype(int), axis=0)).mean() > 1
    # The photo-size grid: G2 does not change G1's motion, so the stages, the same, are
    # one panel: photo | moved.
    grid = np.stack(list(timelapse(model, photo, grid=True, frames=6, max_side=None)))
    width = photo.shape[1]
    assert grid.shape == (6, 2 * R, 2 * width + GRID_GAP, 3)
    assert np.array_equal(grid[:, :, :width], np.repeat(photo[None], 6, axis=0))
    assert np.array_equal(grid[:, :, width + GRID_GAP:],
                          model.animate(photo, frames=6, max_side=None))
    made = []
    frame = PhotoAnimation.frame
    monkeypatch.setattr(PhotoAnimation, "frame", lambda self, t: made.append(t) or frame(self, t))
    list(timelapse(model, photo, grid=True, frames=6, max_side=None))
    assert sorted(made) == list(range(6))           # each frame made once


def test_the_haze_under_a_soft_horizon_follows_the_sky_darkening_and_the_fields_do_not(
        monkeypatch, light_moves):
    """A sky that darkens to the left over hazy fields, moved right: held wholly still,
    the haze under the horizon stayed as light as the photo's sky, a light line under a
    darker sky (Storm.jpg by frame 255). Now it darkens with the sky above it; the fields
    further down stay the photo's."""
    import importlib

    height, width = 240, 320
    y = np.arange(height, dtype=np.float32)[:, None]
    x = np.arange(width, dtype=np.float32)[None, :]
    below = (y >= 150).astype(np.float32)
    light = 110 + 70 * x / width + 40 * y / height - 105 * below
    photo = np.repeat(cv2.GaussianBlur(light, (0, 0), 10)[..., None], 3, -1)
    photo = np.clip(photo * np.float32([0.9, 1.0, 1.15]), 0, 255).astype(np.uint8)
    photo[200:210] = 220                                    # a rail across the fields
    steps = np.zeros((40, 32, 32, 2), np.float32)
    steps[..., 0] = -0.5                                    # the sky moves right

    def change():
        frame = PhotoAnimation(photo, steps, drift=True).frame(40).astype(np.float32)
        return (frame - photo).mean(axis=(1, 2))

    with_haze = change()
    module = importlib.import_module("mdgan_tf.preprocessing.sky_mask")
    monkeypatch.setattr(module, "_haze", lambda sky, *depths: np.zeros(sky.shape,
                                                                       np.float32))
    # Held wholly still: nor does the ground of the sky's colour take its light (sky_light).
    monkeypatch.setattr(SkyLight, "lit", lambda self, frame: frame)
    held = change()
    sky = with_haze[120:140].mean()
    assert sky < -15                                        # the sky darkened
    # Under the sky's last rows, where held still they do not change, the haze darkens.
    still = 130 + int(np.flatnonzero(np.abs(held[130:]) < 0.1 * abs(sky))[0])
    assert with_haze[still] < 0.3 * sky
    assert not with_haze[still + 11:].any()                 # the fields did not change


def test_far_ground_at_a_soft_horizon_stays_where_it_is_under_the_moving_sky():
    """Soft fields with a pattern along them (a far tree line) under a sky that moves
    right, the trees rising 5 rows higher on the left half: the pattern stays where it
    is. Its haze was once moved, in part, with the sky, and the trees' soft tops above
    the horizon's line in full: Storm.jpg's far tree line slid along its horizon (here,
    the pattern changed by a third of its own rms then, and by a sixth with only the
    haze held still)."""
    height, width, rise = 240, 320, 5
    y = np.arange(height, dtype=np.float32)[:, None]
    x = np.arange(width, dtype=np.float32)[None, :]
    top = np.where(x[0] < width / 2, 150 - rise, 150)      # each column's first ground row
    ground = (y >= top[None, :]).astype(np.float32)
    light = cv2.GaussianBlur(110 + 70 * x / width + 40 * y / height - 90 * ground, (0, 0), 6)
    light += 14 * np.sin(x / 5) * cv2.GaussianBlur(ground, (0, 0), 2)      # the trees
    light[:120] += 6 * np.sin(x / 7 + y[:120] / 11)         # the sky's clouds, high up
    photo = np.clip(light[..., None] * np.float32([0.9, 1.0, 1.15]), 0, 255).astype(np.uint8)
    photo[200:210] = 220                                    # a rail across the fields
    steps = np.zeros((40, 32, 32, 2), np.float32)
    steps[..., 0] = -0.5                                    # the sky moves right
    frame = PhotoAnimation(photo, steps, drift=True).frame(40)

    def pattern(image):
        grey = image.astype(np.float32).mean(axis=-1)
        return grey - cv2.GaussianBlur(grey, (0, 0), 6)

    sky = np.sqrt(np.mean((pattern(frame) - pattern(photo))[40:100] ** 2))
    assert sky > 3                                          # the sky's clouds moved
    for columns in (slice(10, 150), slice(170, 310)):
        first = int(top[columns.start])
        before, after = (pattern(image)[first:162, columns] for image in (photo, frame))
        assert np.sqrt(np.mean((after - before) ** 2)) < 0.1 * np.sqrt(np.mean(before ** 2))


def test_sky_held_as_ground_goes_with_the_sky_near_its_edge_not_near_the_ground():
    """How much of a band held as ground goes with the sky: nearly all at the sky's edge,
    falling to none INTO_HELD of the width in, and none near the ground it rests on;
    nothing anywhere else, and nothing with no held sky."""
    region = np.zeros((96, 256), np.float32)
    region[:40] = 1
    assert not into_held(region, None).any()
    held = np.zeros((96, 256), bool)
    held[40:60, :128] = True                       # a band on the left, ground under it
    share = into_held(region, held)
    span = INTO_HELD * 256                         # 4 pixels
    assert share[40, 60] > 0.7 and share[41, 60] > share[42, 60] > share[43, 60]
    assert share[40 + int(np.ceil(span)):].max() == 0
    assert share[:, 128:].max() == 0 and share[:40].max() == 0
    thin = np.zeros_like(held)
    thin[40:42, :128] = True                       # resting on the ground right under it
    assert into_held(region, thin)[40, 60] < 0.5 * share[40, 60]


def test_a_band_of_the_skys_gold_held_as_ground_takes_the_moving_skys_light_at_its_top():
    """A gold band the mask holds as ground under a moving grey sky: its top row takes
    the light of part of the sky's motion, the texture passing over it (no cut line
    through the clouds where it ends); its lower rows and the ground below stay exactly
    as they are."""
    scale, frames = 8, 16
    size = R * scale
    photo = texture(size, size, period=24.0)
    photo[96:144] = np.clip(photo[96:144].astype(int) + (70, 40, -20), 0, 255)   # gold
    photo[144:] = (30, 50, 30)                                                  # ground
    sky = np.zeros((size, size), np.float32)
    sky[:96] = 1
    sky[96:144, 192:] = 1                          # the band's right end is sky
    animation = PhotoAnimation(photo, drift(frames - 1, 0.5), sky_mask=sky)
    assert animation.canvas.held is not None and animation.canvas.held[100, 80]
    np.testing.assert_array_equal(animation.frame(0), photo)
    frame = animation.frame(frames - 1).astype(np.float32)
    light, grey = frame.mean(axis=-1), photo.astype(np.float32).mean(axis=-1)
    shift = round(-float(animation.forward[-1][0, 0, 0]) * scale)
    x = np.arange(shift, 160)
    # How much of the texture's move the top row shows: held, only the light around it.
    share = np.polyfit(grey[96, x - shift] - grey[96, x], light[96, x] - grey[96, x], 1)[0]
    assert share > 0.3, share                      # held still: 0.0
    np.testing.assert_array_equal(frame[124:, :160], photo[124:, :160])


def test_ground_freed_as_held_sky_moves_with_the_sky_unless_the_user_drew_the_sky(
        monkeypatch):
    """Ground that `freed_sky` takes for sky held for want of certainty (a band of low
    clouds) moves as the sky above it does, and the ground under it stays exact; the
    sky's drift is the found sky's, as it was without it (measured with a band slow in
    the model's motion, the whole sky slowed). A sky the user drew is moved as drawn:
    nothing is freed from its ground, which stays."""
    scale, frames = 8, 16
    size = R * scale
    photo = texture(size, size, period=24.0)
    photo[144:] = (30, 50, 30)
    sky = np.zeros((size, size), np.float32)
    sky[:96] = 1
    band = np.zeros((size, size), bool)
    band[96:144] = True
    none = np.zeros_like(sky)
    asked = []
    monkeypatch.setattr(rendering, "found_sky",
                        lambda image, shape, given: (sky if given is None else given, none, none))
    monkeypatch.setattr(rendering, "freed_sky",
                        lambda image, region, apart: asked.append(1) or band)
    steps = drift(frames - 1, 0.5)
    steps[:, 12:18] *= 0.2                         # the model moves the band slowly
    animation = PhotoAnimation(photo, steps, drift=True)
    last = animation.frame(frames - 1).astype(np.float32)
    change = np.abs(last - photo).mean(axis=(1, 2))
    assert asked and change[100:140].mean() > 0.5 * change[:90].mean() > 0
    np.testing.assert_array_equal(last[150:], photo[150:])
    monkeypatch.setattr(rendering, "freed_sky", lambda image, region, apart: None)
    np.testing.assert_array_equal(animation.forward, PhotoAnimation(photo, steps,
                                                                    drift=True).forward)
    asked.clear()
    monkeypatch.setattr(rendering, "freed_sky",
                        lambda image, region, apart: asked.append(1) or band)
    drawn = PhotoAnimation(photo, steps, drift=True, sky_mask=sky).frame(frames - 1)
    assert not asked
    # Held, the band takes only the light of the sky around it (`sky_light`).
    still = np.abs(drawn.astype(np.float32) - photo).mean(axis=(1, 2))
    assert still[100:140].mean() < 0.2 * change[100:140].mean(), (still[100:140].mean(),
                                                                   change[100:140].mean())
    np.testing.assert_array_equal(drawn[150:], photo[150:])
