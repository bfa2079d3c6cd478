"""The drift under perspective: faster high in the sky, slower near the horizon, its mean
kept, and its shear bounded however long the video."""

import numpy as np

from mdgan_tf.animation.motion import FLOOR, MOST_TILT, with_perspective

R = 32


def drift(steps, step):
    return np.tile(np.array([-step, 0], np.float32), (steps, R, R, 1))


def horizon_sky(horizon):
    """Sky above row `horizon` in every column but a block of ground standing higher on the
    right (a building), which does not move the horizon (the median of the columns)."""
    sky = np.zeros((R, R), np.float32)
    sky[:horizon] = 1
    sky[horizon - 8:, -6:] = 0
    return sky


def lean(moved, aspect=1.0):
    """How far, in degrees, a vertical line from the top row to the horizon leans by the
    end of the steps (a square R x R grid over a photo `aspect` times as high as wide)."""
    travel = moved[..., 0].sum(axis=0)[:, 0]
    return np.degrees(np.arctan(abs(travel[0] - travel[24]) / (24 * aspect)))


def test_a_short_drift_is_fastest_at_the_top_and_a_quarter_of_that_at_the_horizon():
    sky = horizon_sky(24)
    moved = with_perspective(drift(15, 0.2), sky)
    speed = -moved[0, :, 0, 0]
    assert np.all(np.diff(speed[:24]) < 0)                # slower row by row down to it
    # Row centres: the top row is half a row below the top edge.
    np.testing.assert_allclose(speed[24] / speed[0], FLOOR / (FLOOR + (1 - FLOOR) * 23.5 / 24),
                               rtol=1e-5)
    np.testing.assert_allclose(speed[24:], speed[24])    # at the horizon and below it
    np.testing.assert_allclose((speed[:, None] * sky).sum() / sky.sum(), 0.2, rtol=1e-5)
    assert np.array_equal(moved[..., 1], np.zeros_like(moved[..., 1]))   # along the rows
    assert np.array_equal(moved[:, :, 3], moved[:, :, 20])  # the same across each row
    assert lean(moved) < MOST_TILT


def test_however_long_the_video_its_sky_leans_at_most_the_most_tilt():
    sky = horizon_sky(24)
    for frames, aspect, speed in ((200, 1.0, 1.0), (2000, 1.0, 1.0), (200, 0.5, 1.0),
                                  (100, 1.0, 2.0)):
        moved = with_perspective(drift(frames, 0.2), sky, aspect, speed)
        np.testing.assert_allclose(lean(moved * speed, aspect), MOST_TILT, rtol=5e-3)
        np.testing.assert_allclose((moved[0, :, 0, 0] * sky.T).sum() / sky.sum(), -0.2,
                                   rtol=1e-5)             # the mean is still the drift's
        assert moved[0, 0, 0, 0] < moved[0, 23, 0, 0] < 0  # the top still the fastest


def test_a_photo_with_no_sky_keeps_its_drift():
    steps = drift(9, 0.2)
    assert np.array_equal(with_perspective(steps, np.zeros((R, R), np.float32)), steps)


def test_a_told_heading_turns_the_skys_drift_keeping_its_speed():
    from mdgan_tf.animation.motion import sky_drift

    steps = np.zeros((5, 8, 8, 2), np.float32)
    steps[:, :4] = (0.3, -0.4)      # the sky samples right and up: it moves left and down
    steps[:, 4:] = (-2.0, 0.0)      # the ground, told to move away
    sky = np.zeros((1, 8, 8, 1), np.float32)
    sky[:, :4] = 1
    np.testing.assert_allclose(sky_drift(steps, sky)[0, 0, 0], [0.3, 0], atol=1e-6)
    east = sky_drift(steps, sky, heading=0)[0, 0, 0]
    np.testing.assert_allclose(east, [-0.5, 0], atol=1e-6)   # moves right at the sky's 0.5
    np.testing.assert_allclose(sky_drift(steps, sky, heading=120)[0, 0, 0], [0.25, 0],
                               atol=1e-6)                    # the part along the horizon
    # Told nothing, a G1 that can be told the wind has its whole speed drawn, the way
    # its horizontal part goes.
    np.testing.assert_allclose(sky_drift(steps, sky, full_speed=True)[0, 0, 0], [0.5, 0],
                               atol=1e-6)


def test_stage_twos_displacement_is_g2s_move_then_g1s_displacement_where_it_lands():
    """G1's frame samples the photo at x + 0.1 x (a stretch), G2's frame samples G1's one
    pixel to the right: stage II's frame samples the photo at (x + 1) + 0.1 (x + 1)."""
    from mdgan_tf.animation.motion import refined

    x = np.broadcast_to(np.arange(16, dtype=np.float32), (8, 16))
    shown = np.zeros((2, 8, 16, 2), np.float32)
    shown[1, ..., 0] = 0.1 * x
    moves = np.zeros_like(shown)
    moves[1, ..., 0] = 1.0
    out = refined(shown, moves)
    np.testing.assert_array_equal(out[0], 0)
    np.testing.assert_allclose(out[1, :, :15, 0], 1 + 0.1 * (x[:, :15] + 1), atol=1e-5)
    np.testing.assert_array_equal(out[..., 1], 0)
