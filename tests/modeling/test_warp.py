import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf.modeling import MDGANConfig, base_generator, refine_generator
from mdgan_tf.modeling.warp import MoveFrames, WarpPhoto, backward_warp, smoothed


def photos(n=2, h=12, w=16, seed=0):
    return np.random.RandomState(seed).uniform(-1, 1, (n, h, w, 3)).astype("float32")


def test_whole_pixel_displacements_move_the_photo_and_mirror_it_beyond_the_border():
    image = photos()
    d = np.zeros((2, 3, 12, 16, 2), "float32")
    d[:, 1, ..., 0] = 3      # sample 3 pixels to the right: content moves left
    d[:, 2, ..., 1] = -2     # sample 2 rows up: content moves down
    out = backward_warp(image, d).numpy()
    np.testing.assert_array_equal(out[:, 0], image)
    np.testing.assert_array_equal(out[:, 1, :, :-3], image[:, :, 3:])
    np.testing.assert_array_equal(out[:, 1, :, -3:], image[:, :, [-2, -3, -4]])
    np.testing.assert_array_equal(out[:, 2, 2:], image[:, :-2])
    np.testing.assert_array_equal(out[:, 2, :2], image[:, [2, 1]])


def test_half_pixel_displacements_interpolate_and_pass_gradients_to_the_displacement():
    image = photos()
    d = tf.Variable(np.full((2, 1, 12, 16, 2), 0.5, "float32"))
    with tf.GradientTape() as tape:
        out = backward_warp(image, d)
        loss = tf.reduce_sum(out)
    corners = image[:, :-1, :-1] + image[:, :-1, 1:] + image[:, 1:, :-1] + image[:, 1:, 1:]
    np.testing.assert_allclose(out.numpy()[:, 0, :-1, :-1], corners / 4, atol=1e-6)
    assert np.abs(tape.gradient(loss, d).numpy()).max() > 0


def test_displacements_are_smoothed_over_cells_so_pixel_noise_cannot_scramble_the_photo():
    checkerboard = np.indices((8, 8)).sum(axis=0) % 2 * 2.0 - 1   # +-1, pixel by pixel
    noise = np.broadcast_to(checkerboard[None, None, :, :, None], (1, 2, 8, 8, 2))
    np.testing.assert_allclose(smoothed(noise, 2), 0, atol=1e-6)
    drift = np.full((1, 2, 8, 8, 2), 1.5, "float32")
    np.testing.assert_allclose(smoothed(drift, 4), drift, atol=1e-6)   # a drift is kept
    np.testing.assert_array_equal(smoothed(noise, 1), noise)


def test_a_steady_velocity_is_a_steady_drift_from_the_photo():
    image = photos(1, 16, 24)
    video = np.repeat(image[:, None], 4, axis=1) + np.arange(4)[None, :, None, None, None]
    velocity = np.full((1, 4, 16, 24, 2), [0.5, 0.0], "float32")   # 1 pixel a frame along x
    out = WarpPhoto(max_pixels=2.0, cell=4)([video, velocity]).numpy()
    for t in range(4):   # frame t is the photo (frame 0 of the input) moved t pixels
        np.testing.assert_allclose(out[0, t, :, :24 - t], image[0, :, t:], atol=1e-6)


def test_a_warping_g1_starts_as_a_still_copy_and_then_only_moves_the_photo():
    c = MDGANConfig.from_preset("mdgan_tiny").replace(base_head={"type": "warp"})
    g1 = base_generator(c)
    x = np.repeat(photos(2, c.resolution, c.resolution)[:, None], c.frames, axis=1)
    np.testing.assert_array_equal(g1(x), x)   # the velocity starts at zero
    last = g1.get_layer("deconv4")
    assert last.kernel.shape[-2] == 2          # (x, y) velocities, not colours
    last.kernel.assign(np.random.RandomState(1).normal(0, 0.5, last.kernel.shape))
    y = g1(x, training=True).numpy()
    np.testing.assert_array_equal(y[:, 0], x[:, 0])   # frame 0 is the photo
    assert np.abs(y[:, 1:] - x[:, 1:]).max() > 1e-2
    # Every output pixel lies between the photo's extremes: sampled, never painted.
    assert y.min() >= x.min() - 1e-6 and y.max() <= x.max() + 1e-6
    rebuilt = type(g1).from_config(g1.get_config())
    assert rebuilt.head.type == "warp" and rebuilt.get_layer("warp") is not None


def test_heads_are_checked_and_each_generator_takes_only_its_own():
    tiny = MDGANConfig.from_preset("mdgan_tiny")
    with pytest.raises(ValueError, match="type is one of"):
        tiny.replace(base_head={"type": "flow"})
    with pytest.raises(ValueError, match="base_head must be one of"):
        tiny.replace(base_head={"type": "move_frames"})
    with pytest.raises(ValueError, match="unknown fields \\['cells'\\]"):
        tiny.replace(base_head={"type": "warp", "cells": 4})
    with pytest.raises(ValueError, match="grid must be a positive whole number"):
        tiny.replace(refine_head={"type": "move_frames", "grid": 2.5})


def test_moving_frames_moves_each_frame_of_the_video_by_its_own_shift_and_keeps_frame_0():
    video = np.stack([photos(1, 16, 24, seed=t)[0] for t in range(3)])[None]
    shift = np.zeros((1, 3, 16, 24, 2), "float32")
    shift[:, :, ..., 0] = 0.25                          # 2 pixels along x, in units of 8
    out = MoveFrames(max_pixels=8.0, cell=4)([video, shift]).numpy()
    np.testing.assert_array_equal(out[0, 0], video[0, 0])
    for t in (1, 2):   # frame t is input frame t moved, not frame 0
        np.testing.assert_allclose(out[0, t, :, :22], video[0, t, :, 2:], atol=1e-6)


def test_a_moving_g2_starts_as_stage_i_and_then_only_moves_g1s_frames():
    c = MDGANConfig.from_preset("mdgan_tiny").replace(refine_head={"type": "move_frames"})
    g2 = refine_generator(c)
    x = np.random.RandomState(0).uniform(-1, 1, (2, c.frames, c.resolution, c.resolution, 3))
    x = x.astype("float32")
    np.testing.assert_array_equal(g2(x), x)   # the shift starts at zero
    last = g2.get_layer("deconv4")
    last.kernel.assign(np.random.RandomState(1).normal(0, 0.5, last.kernel.shape))
    y = g2(x, training=True).numpy()
    np.testing.assert_array_equal(y[:, 0], x[:, 0])
    assert np.abs(y[:, 1:] - x[:, 1:]).max() > 1e-2
    for t in range(1, c.frames):   # sampled from its own frame, never painted
        assert y[:, t].min() >= x[:, t].min() - 1e-6 and y[:, t].max() <= x[:, t].max() + 1e-6
    assert type(g2).from_config(g2.get_config()).head == c.refine_head


def test_a_moving_g2s_displacements_are_the_ones_its_frames_were_moved_by():
    """`refine_motion` gives G2's frames and the displacement each was moved by: moving
    G1's clip by them again makes those frames; frame 0 is not moved. A G2 that paints
    has none to give."""
    from mdgan_tf.errors import InputError
    from mdgan_tf.modeling.backbone import MDGANBackbone

    c = MDGANConfig.from_preset("mdgan_tiny").replace(refine_head={"type": "move_frames"})
    backbone = MDGANBackbone(c)
    last = backbone.refine_generator.get_layer("deconv4")     # moves of about a pixel
    last.kernel.assign(np.random.RandomState(1).normal(0, 300, last.kernel.shape))
    x = np.random.RandomState(0).uniform(-1, 1, (2, c.frames, c.resolution, c.resolution, 3))
    x = x.astype("float32")
    refined, moves = backbone.refine_motion(x)
    np.testing.assert_allclose(refined, backbone.refine_generator(x, training=False), atol=1e-6)
    frames = tf.reshape(x, (-1, c.resolution, c.resolution, 3))
    again = backward_warp(frames, tf.reshape(moves, (-1, 1, c.resolution, c.resolution, 2)))
    np.testing.assert_allclose(tf.reshape(again, x.shape), refined, atol=1e-5)
    assert np.abs(moves[:, 0]).max() == 0 and np.abs(moves[:, 1:]).max() > 0.5
    with pytest.raises(InputError, match="move_frames"):
        MDGANBackbone(MDGANConfig.from_preset("mdgan_tiny")).refine_motion(x)
