"""Synthetic skies: deterministic, in range, and the sky moves while the ground stays still."""

import numpy as np
import pytest

from mdgan_tf.data import SyntheticSkySource, foreground_mask, make_dataset, render_clip
from mdgan_tf.data.synthetic import GROUND_FROM, sky_scene


def test_same_seed_same_clip_other_seed_other_clip():
    first = render_clip(7, 3, 1, 8, 32, 4)
    assert np.array_equal(first, render_clip(7, 3, 1, 8, 32, 4))
    assert not np.array_equal(first, render_clip(8, 3, 1, 8, 32, 4))
    assert first.shape == (8, 32, 32, 3) and first.dtype == np.uint8


@pytest.mark.parametrize("version", [2, 3])
def test_clips_of_a_video_continue_each_other(version):
    """Clip 1 starts where clip 0 ends: the last frame of one and the first of the next
    differ no more than neighbouring frames inside a clip do."""
    clip0, clip1 = (render_clip(0, 2, k, 8, 64, 2, version=version).astype(float)
                    for k in (0, 1))
    inside = np.abs(np.diff(clip0, axis=0)).mean(axis=(1, 2, 3)).max()
    across = np.abs(clip1[0] - clip0[-1]).mean()
    assert across <= 1.5 * inside + 0.5


def test_pipeline_values_lie_in_minus_one_to_one():
    source = SyntheticSkySource(videos=3, clips_per_video=2, frames=8, size=32, seed=1)
    batches = list(make_dataset(source, resolution=32, batch_size=4, shuffle=False))
    clips = np.concatenate([b.numpy() for b in batches])
    assert clips.shape == (6, 8, 32, 32, 3) and clips.dtype == np.float32
    assert clips.min() >= -1.0 and clips.max() <= 1.0
    assert clips.max() - clips.min() > 1.0   # not a flat image


@pytest.mark.parametrize("version,video", [(2, v) for v in range(6)] + [(3, v) for v in range(3)])
def test_foreground_is_still_while_the_sky_moves(version, video):
    clip = render_clip(0, video, 0, 16, 64, 1, version=version).astype(np.float64)
    change = np.abs(np.diff(clip, axis=0)).max(axis=(0, 3))         # H x W, largest step
    # Measured on the clip: the bottom rows never change, whatever the scene.
    bottom = int(np.ceil(GROUND_FROM * 64))
    assert change[bottom:].max() == 0.0
    mask = foreground_mask(0, video, 64)
    assert change[mask].max() == 0.0
    sky_motion = np.abs(np.diff(clip, axis=0)).mean(axis=(0, 3))[~mask].mean()
    assert sky_motion > 0.3, (sky_scene(0, video), sky_motion)   # levels of 0..255 per frame


def test_scenes_vary_between_videos():
    scenes = [sky_scene(0, v) for v in range(40)]
    assert {s.palette for s in scenes} == {"day", "sunset", "night"}
    assert {s.foreground for s in scenes} == {"hills", "trees", "buildings"}
    assert len({s.wind for s in scenes}) == 40 and len({s.cover for s in scenes}) == 40


def test_version_1_keeps_the_64x64_models_scenes_draw_for_draw():
    """The scene the generator drew before version 2 existed (printed from that code)."""
    scene = sky_scene(0, 3, version=1)
    assert (scene.palette, scene.foreground) == ("night", "hills")
    assert scene.wind == (0.010637675024625544, -0.004127172575473165)
    assert (scene.cover, scene.morph, scene.spin) == (
        0.40843730426633923, 0.03065469930860712, 0.0072484352082373684)
    assert scene.tint == (1.0178146293652774, 0.9547095545426793, 1.0631046123841694)
    # No turned octaves and no change of light: render_clip is then the old arithmetic.
    assert scene.veer == 0.0 and scene.light[0] == 0.0


def test_version_2_skies_change_light_and_differ_from_version_1():
    scenes = [sky_scene(0, v) for v in range(20)]
    assert all(s.light[0] > 0 and s.veer != 0 for s in scenes)
    clip = render_clip(0, 1, 0, 16, 32, 1).astype(np.float64)
    assert not np.array_equal(clip, render_clip(0, 1, 0, 16, 32, 1, version=1))
    mask = foreground_mask(0, 1, 32)
    brightness = clip[:, ~mask].mean(axis=(1, 2))
    assert np.ptp(brightness) > 1.0       # levels of 0..255 over 16 frames


def test_a_heading_turns_every_wind_near_it_and_changes_nothing_else():
    from mdgan_tf.data import open_source
    from mdgan_tf.data.synthetic import HEADING_SPREAD

    for video in range(40):
        free, headed = sky_scene(0, video), sky_scene(0, video, heading=90)
        assert np.hypot(*free.wind) > 0 and free.cover == headed.cover
        # The y drift is drawn at half scale (a sky seen towards the horizon).
        angle = np.degrees(np.arctan2(2 * headed.wind[1], headed.wind[0]))
        assert 90 - HEADING_SPREAD <= angle <= 90 + HEADING_SPREAD
        assert np.isclose(np.hypot(headed.wind[0], 2 * headed.wind[1]),
                          np.hypot(free.wind[0], 2 * free.wind[1]))
    source = open_source("synthetic:videos=2,clips_per_video=1,heading=-45", 4, 16)
    assert source.heading == -45.0 and "winds toward -45 degrees" in source.description


def test_version_3_keeps_version_2s_scenes_but_for_speed_perspective_and_change():
    from mdgan_tf.data.synthetic import V3_MORPH, V3_PERSPECTIVE, V3_SPEEDS

    for video in range(20):
        two, three = sky_scene(0, video), sky_scene(0, video, version=3)
        assert (two.palette, two.foreground, two.cover, two.light, two.veer) == (
            three.palette, three.foreground, three.cover, three.light, three.veer)
        assert np.isclose(np.arctan2(*two.wind), np.arctan2(*three.wind))   # same heading
        assert V3_SPEEDS[0] <= np.hypot(three.wind[0], 2 * three.wind[1]) <= V3_SPEEDS[1]
        assert np.isclose(three.morph, V3_MORPH * two.morph)
        assert V3_PERSPECTIVE[0] <= three.perspective <= V3_PERSPECTIVE[1]
        assert two.perspective == 0.0 and two.forming[0] == 0.0 < three.forming[0]
    first = render_clip(5, 2, 0, 8, 48, 1, version=3)
    assert np.array_equal(first, render_clip(5, 2, 0, 8, 48, 1, version=3))


def _plane_sky(monkeypatch, **changes):
    """Version 3's renderer on a day sky over low hills whose clouds only drift, at 0.01
    of the width a frame along x on their plane, unless `changes` say otherwise."""
    import dataclasses

    from mdgan_tf.data import synthetic

    scene = dataclasses.replace(
        sky_scene(0, 0, version=3), palette="day", foreground="hills", horizon=0.7,
        wind=(0.01, 0.0), veer=0.0, morph=0.0, cover=0.6, light=(0.0, 1.0, 0.0),
        perspective=0.5, forming=(0.0, 1.0))
    scene = dataclasses.replace(scene, **changes)
    monkeypatch.setattr(synthetic, "sky_scene", lambda *args, **kwargs: scene)
    return scene


def _row_shift(earlier, later, most):
    """The whole-pixel shift along x (0..most) that best maps rows `earlier` onto `later`."""
    errors = [np.abs(later[:, shift:] - earlier[:, :earlier.shape[1] - shift]).mean()
              for shift in range(most + 1)]
    return int(np.argmin(errors)), min(errors)


def test_version_3_clouds_move_faster_high_in_the_sky_than_near_the_horizon(monkeypatch):
    """A plane drifting at 0.01 of the width a frame moves row y (in widths) above the
    horizon h by that over s(y) = (h + c) / (h - y + c), c = perspective x h: 0.82 of it
    at row 24 of 128 here, 0.45 of it at row 72, just above the hills."""
    _plane_sky(monkeypatch)
    size, lag, h = 128, 8, 0.7
    clip = render_clip(0, 0, 0, lag + 1, size, 1, version=3).mean(-1)
    shifts = []
    for row in (24, 72):
        rows = slice(row, row + 3)
        assert clip[0, rows].std() > 5                  # clouds there to follow
        y = (row + 1.5) / size
        expected = lag * 0.01 * size * (h - y + 0.5 * h) / (h + 0.5 * h)
        shift, error = _row_shift(clip[0, rows], clip[lag, rows], 16)
        assert abs(shift - expected) <= 1.0, (row, shift, expected)
        assert error < 3.0                               # the rows only moved
        shifts.append(shift)
    assert shifts[0] >= 1.5 * shifts[1]


def test_version_3_clouds_form_and_thin_where_a_drift_does_not_explain(monkeypatch):
    """With `forming`, rows change beyond their drift: moved back by the drift that
    perspective gives them (sub-pixel), they differ from the first frame more than
    without (where what is left is the finer octaves drifting a little faster)."""
    size, lag, h = 128, 8, 0.7
    unexplained = {}
    for forming in ((0.0, 1.0), (0.15, 8.0)):
        _plane_sky(monkeypatch, forming=forming)
        clip = render_clip(0, 0, 0, lag + 1, size, 1, version=3).mean(-1)
        x = np.arange(size, dtype=np.float64)
        errors = []
        for row in range(20, 40):
            y = (row + 0.5) / size
            shift = lag * 0.01 * size * (h - y + 0.5 * h) / (h + 0.5 * h)
            back = np.interp(x + shift, x, clip[lag, row])   # frame lag, moved back
            inside = x + shift < size - 1
            errors.append(np.abs(back - clip[0, row])[inside].mean())
        unexplained[forming[0]] = float(np.mean(errors))
    assert unexplained[0.15] > 3 * unexplained[0.0] + 1.0, unexplained


def test_a_clips_known_wind_is_its_heading_and_its_skys_mean_drift(monkeypatch):
    """`winds()`: the heading of the scene's wind, and its speed, the mean over the sky's
    pixels of each row's, which is how far the rendered rows move (perspective slows
    the lower ones)."""
    from mdgan_tf.data.synthetic import row_speeds

    flat = SyntheticSkySource(3, 1, 4, 16, version=2)
    for (heading, speed), video in zip(flat.winds(), range(3)):
        wind = sky_scene(0, video, version=2).wind
        assert np.isclose(speed, np.hypot(*wind))
        assert np.isclose(heading, np.degrees(np.arctan2(wind[1], wind[0])), atol=1e-3)
    scene = _plane_sky(monkeypatch)
    size, lag = 128, 8
    (heading, speed), = SyntheticSkySource(1, 1, lag + 1, size, version=3).winds()[:1]
    rows = row_speeds(scene, size)
    sky = ~foreground_mask(0, 0, size)
    assert heading == 0.0 and np.isclose(speed, (rows[:, None] * sky).sum() / sky.sum())
    assert 0.4 * 0.01 < speed < 0.01
    clip = render_clip(0, 0, 0, lag + 1, size, 1, version=3).mean(-1)
    cloudy = [row for row in range(0, 80, 4) if clip[0, row:row + 2].std() > 5]
    assert len(cloudy) >= 6
    for row in cloudy:
        shift = _row_shift(clip[0, row:row + 2], clip[lag, row:row + 2], 16)[0]
        assert abs(shift - rows[row] * size * lag) <= 1.0, (row, shift, rows[row] * size * lag)


def test_non_square_frames():
    assert render_clip(0, 0, 0, 4, (36, 64), 1).shape == (4, 36, 64, 3)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="positive"):
        SyntheticSkySource(videos=0)
    with pytest.raises(ValueError, match="version must be 1, 2 or 3"):
        SyntheticSkySource(version=4)
