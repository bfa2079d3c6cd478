"""A G1 told the wind (`modeling.wind`) and one that changes the moved photo's colour
(`heads.WarpChangeHead`, `warp.WarpAndChange`)."""

import keras
import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.modeling import MDGANConfig, base_generator
from mdgan_tf.modeling.backbone import MDGANBackbone
from mdgan_tf.modeling.wind import check_told, wind_vector, wind_vectors

TINY = MDGANConfig.from_preset("mdgan_tiny")


def photos(n=2, seed=0, scale=1.0):
    return tf.random.stateless_uniform((n, TINY.resolution, TINY.resolution, 3), (seed, 1),
                                       -scale, scale)


def started(backbone, seed=0):
    """`backbone` with G1's last deconv, which a moving head starts at zero, and its wind
    code, also started at zero, drawn at random: its velocities, change and wind then
    show."""
    layers = [f"deconv{len(backbone.config.generator_filters)}"]
    layers += ["wind_code", "wind_bias"] * backbone.config.wind_condition
    rng = np.random.default_rng(seed)
    for name in layers:
        layer = backbone.base_generator.get_layer(name)
        layer.set_weights([rng.normal(0, 0.3, w.shape).astype(np.float32)
                           for w in layer.get_weights()])
    return backbone


def test_a_heading_is_its_direction_and_none_is_zeros():
    np.testing.assert_allclose(wind_vector(90), [0, 1, 1], atol=1e-6)
    np.testing.assert_allclose(wind_vector(180.0), [-1, 0, 1], atol=1e-6)
    np.testing.assert_array_equal(wind_vector(None), [0, 0, 0])
    for bad in ("east", float("nan"), True):
        with pytest.raises(InputError, match="heading"):
            wind_vector(bad)


def test_unknown_and_dropped_headings_are_zeros():
    rows = wind_vectors([0.0, float("nan")]).numpy()
    np.testing.assert_allclose(rows, [[1, 0, 1], [0, 0, 0]], atol=1e-6)
    assert not wind_vectors([0.0] * 8, dropout=1.0).numpy().any()
    kept = wind_vectors([0.0] * 4000, dropout=0.25, seed=1).numpy()[:, 2]
    assert 0.70 < kept.mean() < 0.80
    # Only headings near 0 may be dropped: told nothing, G1 learns that wind.
    headings = [0.0, 20.0, -20.0, 350.0, 40.0, 90.0, 180.0, 300.0]
    kept = wind_vectors(headings, dropout=1.0, within=30.0).numpy()[:, 2]
    np.testing.assert_array_equal(kept, [0, 0, 0, 0, 1, 1, 1, 1])


def test_the_told_wind_reaches_g1_and_an_untold_model_refuses_one():
    told = started(MDGANBackbone(TINY.replace(base_head={"type": "warp"},
                                              wind_condition=True)))
    images = photos()
    east = told.base_motion(images, wind=tf.constant([wind_vector(0)] * 2))[1]
    west = told.base_motion(images, wind=tf.constant([wind_vector(180)] * 2))[1]
    chosen = told.base_motion(images)[1]
    assert float(tf.reduce_max(tf.abs(east - west))) > 1e-4
    assert float(tf.reduce_max(tf.abs(east - chosen))) > 1e-4
    with pytest.raises(InputError, match="wind_condition"):
        check_told(TINY, 0.0)
    with pytest.raises(InputError, match="wind_condition"):
        MDGANBackbone(TINY)(images, wind=tf.zeros((2, 3)))


def test_a_changing_g1_adds_a_smooth_bounded_change_to_the_moved_photo():
    head = {"type": "warp_change", "change": 0.5, "change_grid": 4}
    config = TINY.replace(base_head=head)
    keras.utils.set_random_seed(0)     # the other layers' start too
    backbone = started(MDGANBackbone(config))
    clip, velocities, change = backbone.base_motion(photos())
    assert change.shape == (*clip.shape[:-1], 3)
    assert float(tf.reduce_max(tf.abs(change[:, 0]))) == 0.0          # frame 0 is the photo
    assert 0.01 < float(tf.reduce_max(tf.abs(change))) <= 0.5
    # Constant over each cell of a quarter of the frame, but for the interpolation between
    # cell centres: neighbouring pixels differ far less than cells do.
    step = float(tf.reduce_max(tf.abs(change[:, :, 1:] - change[:, :, :-1])))
    assert step < 0.25 * float(tf.reduce_max(tf.abs(change)))
    # What is left is the photo moved: frame 0 the photo itself, every frame within the
    # photo's own values (a bilinear sample of it).
    images = photos(scale=0.4)
    clip, _, change = backbone.base_motion(images)
    moved = (clip - change).numpy()
    np.testing.assert_allclose(moved[:, 0], images.numpy(), atol=1e-6)
    assert moved.min() >= -0.4 - 1e-5 and moved.max() <= 0.4 + 1e-5


def test_config_and_generator_configs_round_trip_with_the_new_fields():
    config = TINY.replace(base_head={"type": "warp_change", "change": 0.25},
                          wind_condition=True)
    assert MDGANConfig.from_json(config.to_json()) == config
    generator = base_generator(config)
    assert generator.get_config()["conditioned"] is True
    assert [tuple(i.shape) for i in generator.inputs][1] == (None, 3)


def test_a_told_clips_velocities_are_turned_to_its_heading_at_their_speeds():
    from mdgan_tf.modeling.warp import steered

    rng = np.random.default_rng(0)
    velocities = rng.normal(0, 0.2, (2, 6, 8, 8, 2)).astype(np.float32)
    velocities[..., 1] += 0.5                    # both drift upwards (sample from below)
    velocities[:, 0] = 0
    wind = np.stack([wind_vector(180), wind_vector(None)])      # west; told nothing
    turned = steered(tf.constant(velocities), tf.constant(wind)).numpy()
    speeds = np.linalg.norm(velocities[0, 1:], axis=-1)
    # Every velocity of the told clip samples from the east (the sky moves west), at the
    # speed G1 gave it there.
    np.testing.assert_allclose(turned[0, 1:, ..., 0], speeds, atol=1e-5)
    np.testing.assert_allclose(turned[0, 1:, ..., 1], 0.0, atol=1e-6)
    np.testing.assert_allclose(turned[1], velocities[1], atol=1e-6)
    assert not turned[:, 0].any()
    # A gradient reaches G1's velocities, frame 0's zeros included.
    source = tf.Variable(velocities)
    with tf.GradientTape() as tape:
        total = tf.reduce_sum(steered(source, tf.constant(wind)))
    assert np.isfinite(tape.gradient(total, source).numpy()).all()


def test_a_told_photo_moves_the_told_way_as_the_evaluation_measures_it():
    # A textured photo moved by WarpPhoto along velocities whose drift is up and to the
    # left, told 0 degrees (left to right): its heading, measured by optical flow as the
    # evaluation measures it, is 0, at G1's speed.
    from mdgan_tf.evaluation.dynamics import sky_heading
    from mdgan_tf.modeling.warp import WarpPhoto

    y, x = np.mgrid[0:64, 0:64].astype(np.float32)
    photo = (np.sin(x / 3.0) * np.cos(y / 4.0) * 0.6)[..., None].repeat(3, -1)
    video = np.repeat(photo[None, None], 12, axis=1)
    raw = np.zeros((1, 12, 64, 64, 2), np.float32)
    raw[..., :] = 0.3, 0.4                 # samples down-right: the photo moves up-left
    layer = WarpPhoto(max_pixels=2.0, cell=1)
    for wind, expected in ((None, -180 + 53.13), (0, 0.0), (90, 90.0)):
        rows = [tf.constant([wind_vector(wind)])] if wind is not None else []
        clip = layer([tf.constant(video), tf.constant(raw), *rows]).numpy()[0]
        heading, speed = sky_heading(np.uint8((clip + 1) * 127.5), np.ones((64, 64), bool))
        assert abs((heading - expected + 180) % 360 - 180) < 5, (wind, heading)
        assert abs(speed - 1.0) < 0.2           # |(0.6, 0.8)| pixels a frame, kept
