"""A loop's two ends swap patch by patch: from all of one to all of the other, a part of the
sky at a time, the same parts a loop's travel apart together, the same each run."""

import numpy as np

from mdgan_tf.animation.loop_swap import SWAP, LoopSwap
from mdgan_tf.animation.motion import pixel_grid


def test_each_place_swaps_once_from_the_forward_end_to_the_far_end():
    swap = LoopSwap(width=300, height=120, photo_width=200)
    where = pixel_grid(120, 300)
    phases = np.linspace(0, 1, 33)
    weights = np.stack([swap.far_weight(where, phase) for phase in phases])
    assert weights[0].max() == 0 and weights[-1].min() == 1
    assert (np.diff(weights, axis=0) >= 0).all()
    # A cross-fade would have every place half and half at phase 1/2; here, at every
    # phase, only the places swapping then are mixed (about SWAP / (1 - SWAP) of them).
    mixed = ((weights > 0.05) & (weights < 0.95)).mean(axis=(1, 2))
    assert mixed.max() < 0.5
    half = weights[16]
    assert (half == 0).mean() > 0.25 and (half == 1).mean() > 0.25
    # Each place takes about SWAP of the loop to swap: no place jumps.
    assert np.abs(np.diff(weights, axis=0)).max() < 1.6 / (SWAP * 32)


def test_places_a_loops_travel_apart_swap_together():
    period = 57.5
    swap = LoopSwap(width=400, height=90, photo_width=300, period=period)
    where = pixel_grid(90, 200)
    for phase in (0.3, 0.5, 0.7):
        here = swap.far_weight(where, phase)
        there = swap.far_weight(where + np.float32([period, 0]), phase)
        np.testing.assert_allclose(here, there, atol=1e-4)
        assert here.std() > 0.05              # yet not one weight everywhere


def test_the_field_is_the_same_each_time_and_moves_with_the_sky():
    first, again = (LoopSwap(300, 100, 200, seed=3) for _ in range(2))
    other = LoopSwap(300, 100, 200, seed=4)
    displacement = np.full((16, 16, 2), [5.0, 0.0], np.float32)
    weights = [s.far_weight_of(displacement, 40, (200, 100), 0.5) for s in (first, again, other)]
    assert weights[0].shape == (100, 200)
    np.testing.assert_array_equal(weights[0], weights[1])
    assert np.abs(weights[0] - weights[2]).mean() > 0.05
    # A frame whose sky has moved on by two pixels of the motion shows the field moved on
    # with it (25 photo pixels at 200 wide from 16).
    moved = first.far_weight_of(displacement + np.float32([2, 0]), 40, (200, 100), 0.5)
    np.testing.assert_allclose(moved[:, 10:150], weights[0][:, 35:175], atol=1e-3)
