"""The dynamics figures against clips whose motion and change are known by construction."""

import cv2
import numpy as np
import pytest

from mdgan_tf.evaluation.dynamics import LAG, clip_dynamics, pooled, sky_region

SIZE, FRAMES = 96, 33


def texture(seed, size=3 * SIZE):
    """A cloudy grey-and-blue picture: blurred noise at two scales, values well inside 0..255."""
    rng = np.random.default_rng(seed)
    coarse = cv2.GaussianBlur(rng.normal(size=(size, size)).astype(np.float32), (0, 0), 6)
    fine = cv2.GaussianBlur(rng.normal(size=(size, size)).astype(np.float32), (0, 0), 1.5)
    grey = coarse / coarse.std() * 30 + fine / fine.std() * 12 + 128
    return np.stack([grey * 0.8, grey * 0.9, grey + 10], -1)


def translated(picture, dx, dy, t):
    """`picture` moved by (dx, dy) t pixels, cut to SIZE x SIZE from its middle."""
    shift = np.float32([[1, 0, dx * t], [0, 1, dy * t]])
    moved = cv2.warpAffine(picture, shift, picture.shape[1::-1], flags=cv2.INTER_CUBIC)
    return moved[SIZE:2 * SIZE, SIZE:2 * SIZE]


def as_video(frames):
    return np.clip(np.round(np.stack(frames)), 0, 255).astype(np.uint8)


EVERYWHERE = np.ones((SIZE, SIZE), bool)


def test_a_pure_translation_moves_at_its_speed_and_does_not_evolve():
    picture = texture(0)
    video = as_video([translated(picture, 1.5, 0.5, t) for t in range(FRAMES)])
    figures = clip_dynamics(video, EVERYWHERE)
    assert figures["speed"] == pytest.approx(np.hypot(1.5, 0.5), rel=0.1)
    assert figures["speed_p90"] == pytest.approx(np.hypot(1.5, 0.5), rel=0.15)
    assert figures["evolution"] < 0.15
    assert figures["light"] < 1e-3
    assert figures["top_speed"] / figures["bottom_speed"] == pytest.approx(1, abs=0.1)


def test_a_cross_fade_between_unrelated_pictures_is_all_evolution():
    first, second = texture(1)[:SIZE, :SIZE], texture(2)[:SIZE, :SIZE]
    weights = np.linspace(0, 1, FRAMES)
    video = as_video([(1 - w) * first + w * second for w in weights])
    figures = clip_dynamics(video, EVERYWHERE)
    assert figures["evolution"] > 0.85
    assert figures["speed"] < 0.3


def test_light_is_the_change_of_mean_brightness_per_frame():
    picture = texture(3)[:SIZE, :SIZE]
    step = 0.8   # 8-bit levels per frame, on every channel
    video = as_video([picture + step * t for t in range(FRAMES)])
    figures = clip_dynamics(video, EVERYWHERE)
    assert figures["light"] == pytest.approx(step / 255, rel=0.05)
    assert figures["evolution"] > 0.85      # brightening is change that no motion explains


def test_perspective_compares_the_top_third_of_the_sky_with_the_horizons():
    """The top of the frame moves 3 pixels a frame, the bottom 1: the sky is all but the
    bottom quarter (ground, which stays still and is not measured)."""
    picture = texture(4)
    rows = np.arange(SIZE)[:, None, None]
    fast, slow = ([translated(picture, dx, 0, t) for t in range(FRAMES)] for dx in (3, 1))
    horizon = 3 * SIZE // 4
    blend = np.clip((rows - SIZE / 3) / (SIZE / 3), 0, 1)   # fast above a third, slow below
    ground = texture(5)[:SIZE, :SIZE]
    frames = [np.where(rows < horizon, (1 - blend) * f + blend * s, ground)
              for f, s in zip(fast, slow)]
    sky = np.broadcast_to(np.arange(SIZE)[:, None] < horizon, (SIZE, SIZE))
    figures = clip_dynamics(as_video(frames), sky)
    # Top third of the sky: rows 0..23, moving 3; the third above the horizon: rows
    # 48..71, moving 1 to 1.5 (the blend ends at row 64).
    assert figures["top_speed"] == pytest.approx(3, rel=0.1)
    assert 0.9 < figures["bottom_speed"] < 1.6
    assert pooled([figures])["perspective"] == pytest.approx(
        figures["top_speed"] / figures["bottom_speed"])


def test_pooled_figures_weigh_evolution_by_change_and_need_frames():
    still = as_video([texture(6)[:SIZE, :SIZE]] * FRAMES)
    fading = as_video([(1 - w) * texture(7)[:SIZE, :SIZE] + w * texture(8)[:SIZE, :SIZE]
                       for w in np.linspace(0, 1, FRAMES)])
    clips = [clip_dynamics(video, EVERYWHERE) for video in (still, fading)]
    # The still clip changes nothing, so the pooled share is the fading clip's own.
    assert pooled(clips)["evolution"] == pytest.approx(clips[1]["evolution"])
    assert pooled(clips)["clips"] == 2
    with pytest.raises(ValueError, match="more than"):
        clip_dynamics(still[:LAG], EVERYWHERE)


def test_a_frame_with_too_little_sky_is_measured_whole():
    gravel = np.random.default_rng(9).integers(0, 256, (SIZE, SIZE, 3), dtype=np.uint8)
    assert sky_region(gravel).all()           # strong edges everywhere: no sky found
    sky = np.zeros((SIZE, SIZE, 3), np.uint8)
    sky[:SIZE // 2] = (90, 140, 220)          # a clear sky above a wall with a fence
    sky[SIZE // 2:] = gravel[SIZE // 2:]
    region = sky_region(sky)
    assert region[:SIZE // 3].all() and not region[-SIZE // 3:].any()
