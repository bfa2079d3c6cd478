"""The model's change of colour at the photo's size (`animation.cloud_change`)."""

import numpy as np

from mdgan_tf.animation.cloud_change import HALF_LIFE, apply_change, carried, increments
from mdgan_tf.animation.rendering import PhotoAnimation


def test_a_change_is_carried_along_the_drift():
    # A blob appears at frame 1; the steps move the picture 1 pixel right a frame (each
    # pixel of frame t was 1 pixel left in frame t - 1).
    frames, size = 9, 32
    added = np.zeros((frames - 1, size, size, 3), np.float32)
    added[0, 14:18, 8:12] = 0.4
    steps = np.zeros((frames - 1, size, size, 2), np.float32)
    steps[..., 0] = -1.0
    change = carried(added, steps, ease=1)
    assert change.shape == (frames, size, size, 3) and not change[0].any()
    for t in (1, 5, 8):
        columns = np.flatnonzero(change[t, 16, :, 0] > 25)
        assert columns.min() == 8 + t - 1 and columns.max() == 11 + t - 1, (t, columns)
    np.testing.assert_allclose(change[8].max(), 0.4 * 127.5 * 0.5 ** (7 / HALF_LIFE),
                               rtol=1e-5)        # fading with time


def test_a_steady_change_levels_off_instead_of_walking_away():
    added = np.full((255, 4, 4, 3), 0.01, np.float32)
    change = carried(added, np.zeros((255, 4, 4, 2), np.float32), ease=1)
    bound = 0.01 * 127.5 / (1 - 0.5 ** (1 / HALF_LIFE))
    assert change[-1].max() <= bound and change[-1].max() > 0.95 * bound


def test_a_still_photo_does_not_change_and_a_loop_ends_without_change():
    added = np.full((15, 8, 8, 3), 0.01, np.float32)
    steps = np.zeros((15, 8, 8, 2), np.float32)
    assert not carried(added, steps, speed=0.0).any()
    looped = carried(added, steps, ease=1, loop=True)
    assert abs(looped[-1]).max() < 0.25 * abs(looped[8]).max()


def test_increments_of_chained_clips_add_up_to_each_clips_change():
    first = np.random.default_rng(0).normal(size=(1, 4, 2, 2, 3)).astype(np.float32)
    second = np.random.default_rng(1).normal(size=(1, 4, 2, 2, 3)).astype(np.float32)
    first[:, 0] = second[:, 0] = 0
    steps = increments([first, second])
    assert len(steps) == 6
    np.testing.assert_allclose(steps[:3].sum(0), first[0, -1], atol=1e-6)
    np.testing.assert_allclose(steps[3:].sum(0), second[0, -1], atol=1e-6)


def test_a_change_is_added_smoothly_and_small_ones_are_left_out():
    frame = np.full((40, 60, 3), 100, np.uint8)
    change = np.zeros((4, 4, 3), np.float32)
    change[:2] = 20.0
    change[2:] = -20.0
    parts = (np.empty_like(frame), np.empty_like(frame))
    out = apply_change(frame.copy(), change, *parts)
    assert out[0, 0, 0] == 120 and out[-1, 0, 0] == 80
    assert 80 < out[20, 0, 0] < 120            # enlarged smoothly, not in blocks
    still = apply_change(frame.copy(), np.full((4, 4, 3), 0.3, np.float32), *parts)
    np.testing.assert_array_equal(still, frame)


def test_the_photo_animation_changes_its_sky_only_and_starts_at_the_photo():
    rows = np.linspace(0, 1, 128)[:, None, None]
    photo = np.broadcast_to((70 + 60 * rows) * np.array([1.0, 1.4, 2.0]), (128, 128, 3))
    photo = photo.astype(np.uint8)                      # a smooth blue sky, paler below
    photo[96:] = np.random.RandomState(1).randint(0, 90, (32, 128, 3))   # dark ground
    steps = np.zeros((11, 32, 32, 2), np.float32)
    steps[..., 0] = 0.3
    brighter = np.full((11, 32, 32, 3), 0.01, np.float32)
    changed = PhotoAnimation(photo, steps, drift=True, change=brighter)
    plain = PhotoAnimation(photo, steps, drift=True)
    np.testing.assert_array_equal(changed.frame(0), photo)
    difference = changed.frame(11).astype(int) - plain.frame(11)
    expected = 0.01 * 127.5 * sum(0.5 ** (k / HALF_LIFE) for k in range(11))
    assert abs(difference[:64].mean() - expected) < 1           # the sky is lighter
    assert not difference[100:].any()                            # the ground is the photo's
