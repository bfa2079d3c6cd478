import keras
import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf import BaseNet, MDGANConfig, RefineNet, TrainingConfig
from mdgan_tf.modeling.warp import backward_warp

TINY = MDGANConfig.from_preset("mdgan_tiny")


def moving_clips(n, config=TINY, seed=0):
    """Smooth clips whose pattern drifts a little each frame, in [-1, 1]."""
    rng = np.random.RandomState(seed)
    t = np.arange(config.frames)[:, None, None, None]
    y, x = np.mgrid[0:config.resolution, 0:config.resolution] / config.resolution
    clips = []
    for _ in range(n):
        phase, freq = rng.uniform(0, 6.28, 3), rng.uniform(2, 6, 3)
        wave = np.sin(freq * (x[None, ..., None] + 0.05 * t) + phase + 3 * y[None, ..., None])
        clips.append(wave)
    return np.stack(clips).astype(np.float32)


def dataset(clips, batch):
    return tf.data.Dataset.from_tensor_slices(clips).batch(batch)


def snapshot(variables):
    return [v.numpy().copy() for v in variables]


@pytest.mark.parametrize("stage", [BaseNet, RefineNet])
def test_one_train_step_updates_the_trained_networks_only(stage):
    keras.utils.set_random_seed(0)
    model = stage(TINY)
    model.compile()
    trained = model.generator.trainable_variables + model.discriminator.trainable_variables
    before = snapshot(trained)
    frozen = model.stage1_generator.weights if stage is RefineNet else []
    frozen_before = snapshot(frozen)
    logs = model.fit(dataset(moving_clips(2), 2), epochs=1, verbose=0).history
    assert all(np.isfinite(v[0]) for v in logs.values())
    expected = ({"d_loss", "g_loss", "adversarial", "content", "motion"}
                | ({"ranking"} if stage is RefineNet else set()))
    assert set(logs) == expected
    changed = [not np.array_equal(a, v.numpy()) for a, v in zip(before, trained)]
    assert all(changed), [v.path for v, c in zip(trained, changed) if not c]
    for a, v in zip(frozen_before, frozen):
        np.testing.assert_array_equal(a, v.numpy(), err_msg=v.path)


def test_weighted_motion_shape_terms_are_logged_and_summed_into_g_loss():
    training = TrainingConfig(change_profile_weight=300.0, unexplained_change_weight=1000.0)
    model = BaseNet(TINY, training)
    model.compile()
    logs = model.evaluate(dataset(moving_clips(2), 2), verbose=0, return_dict=True)
    assert {"change_profile", "unexplained_change"} <= set(logs)
    assert logs["change_profile"] > 0 and logs["unexplained_change"] > 0
    weights = {"adversarial": training.adversarial_weight, "content": training.content_weight,
               "motion": training.motion_weight, "change_profile": 300.0,
               "unexplained_change": 1000.0}
    np.testing.assert_allclose(logs["g_loss"], sum(w * logs[k] for k, w in weights.items()),
                               rtol=1e-4)


def test_a_moving_g1_is_charged_its_drifts_speed_where_the_clips_know_it():
    config = TINY.replace(base_head={"type": "warp"})
    model = BaseNet(config, TrainingConfig(speed_weight=2.0))
    model.compile()
    clips = moving_clips(2, config)
    winds = np.array([[0.0, 0.02], [np.nan, np.nan]], np.float32)
    data = tf.data.Dataset.from_tensor_slices((clips, winds)).batch(2)
    logs = model.evaluate(data, verbose=0, return_dict=True)
    # Started still, the known clip's drift is charged its speed; the unknown one nothing.
    assert logs["speed"] > 0.5
    weights = {"adversarial": 1.0, "content": 1.0, "motion": 0.0, "speed": 2.0}
    np.testing.assert_allclose(logs["g_loss"], sum(w * logs[k] for k, w in weights.items()),
                               rtol=1e-4)
    model.fit(data, epochs=1, verbose=0)
    # A painting G1 and stage II have no drift to charge.
    assert "speed" not in BaseNet(TINY, TrainingConfig(speed_weight=2.0)).trackers
    assert "speed" not in RefineNet(config, TrainingConfig(speed_weight=2.0)).trackers


def test_refine_net_runs_stage1_generator_in_inference_mode():
    model = RefineNet(TINY)
    clips = moving_clips(2)
    still = np.repeat(clips[:, :1], TINY.frames, axis=1)
    np.testing.assert_allclose(model.generator_input(clips),
                               model.stage1_generator(still, training=False), atol=1e-6)


def test_base_net_overfits_one_clip():
    # G learns at 10x the paper's rate so that a few hundred steps suffice: at 2e-4, 300
    # steps take L1 from 0.63 only to 0.61; at 2e-3, to 0.16.
    keras.utils.set_random_seed(1)
    model = BaseNet(TINY)
    model.compile(g_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
                  d_optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5))
    clip = dataset(moving_clips(1, seed=3), 1)
    before = model.evaluate(clip, verbose=0, return_dict=True)["content"]
    model.fit(clip.repeat(300), epochs=1, verbose=0)
    after = model.evaluate(clip, verbose=0, return_dict=True)["content"]
    assert after <= 0.5 * before, (before, after)


def test_a_warping_base_net_learns_to_move_the_photo_along_a_drift():
    # A photo drifting 0.4 pixels a frame, which a warping G1 at 32x32 (up to 0.5 a frame)
    # can make exactly; it starts as a still copy.
    keras.utils.set_random_seed(1)
    config = TINY.replace(base_head={"type": "warp"})
    photo = moving_clips(1, seed=3)[:, 0]
    drift = np.zeros((1, config.frames, config.resolution, config.resolution, 2), "float32")
    drift[..., 0] = 0.4 * np.arange(config.frames)[:, None, None]
    clip = dataset(backward_warp(photo, drift).numpy(), 1)
    model = BaseNet(config)
    model.compile(g_optimizer=keras.optimizers.Adam(2e-3, beta_1=0.5),
                  d_optimizer=keras.optimizers.Adam(2e-4, beta_1=0.5))
    before = model.evaluate(clip, verbose=0, return_dict=True)["content"]
    model.fit(clip.repeat(50), epochs=1, verbose=0)   # 40 steps take L1 from 0.14 to 0.008
    after = model.evaluate(clip, verbose=0, return_dict=True)["content"]
    assert after <= 0.5 * before, (before, after)


def _build(stage, strategy, weights):
    with strategy.scope():
        model = stage(TINY, TrainingConfig(sync_batchnorm=True))
        if weights is not None:
            model.set_weights(weights)
        model.compile()
    return model


@pytest.mark.parametrize("stage", [BaseNet, RefineNet])
def test_two_replicas_match_one_device(stage, mirrored):
    keras.utils.set_random_seed(2)
    single = _build(stage, tf.distribute.OneDeviceStrategy("/cpu:0"), None)
    mirrored = _build(stage, mirrored, single.get_weights())
    initial = single.get_weights()
    clips = moving_clips(4, seed=5)
    logs = [m.fit(dataset(clips, 4), epochs=1, verbose=0).history for m in (single, mirrored)]
    for name in logs[0]:
        np.testing.assert_allclose(logs[1][name], logs[0][name], atol=1e-4, err_msg=name)
    for a, b, v in zip(single.get_weights(), mirrored.get_weights(), single.weights):
        np.testing.assert_allclose(b, a, atol=1e-4, err_msg=v.path)
    assert any(not np.allclose(a, b) for a, b in zip(initial, single.get_weights()))
