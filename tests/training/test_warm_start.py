"""A grown G1 started from a trained one (`training.warm_start`), and a run that trains a
G1 told the wind on clips that know their heading."""

import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf.modeling import MDGANConfig
from mdgan_tf.modeling.backbone import MDGANBackbone
from mdgan_tf.modeling.warp import steered
from mdgan_tf.training import TrainingConfig, TrainingOptions, train
from mdgan_tf.training.options import SetupError
from mdgan_tf.training.warm_start import grown_weight, warm_start

TINY = MDGANConfig.from_preset("mdgan_tiny").replace(base_head={"type": "warp"})


def test_a_weight_grows_with_zeros_beyond_the_old_one():
    old = np.arange(6, dtype=np.float32).reshape(2, 3)
    new = grown_weight(old, (3, 5))
    np.testing.assert_array_equal(new[:2, :3], old)
    assert not new[2:].any() and not new[:, 3:].any()


def test_a_grown_g1_starts_making_the_trained_ones_video():
    trained = MDGANBackbone(TINY)
    deconv = trained.base_generator.get_layer("deconv4")
    deconv.set_weights([np.random.default_rng(0).normal(0, 0.3, w.shape).astype(np.float32)
                        for w in deconv.get_weights()])
    grown = MDGANBackbone(TINY.replace(base_head={"type": "warp_change"}, wind_condition=True))
    copied, widened, kept = warm_start(grown.base_generator, trained.base_generator)
    assert widened == ["deconv4"] and kept == ["wind_code", "wind_bias"] and copied
    images = tf.random.stateless_uniform((2, 32, 32, 3), (0, 1), -1, 1)
    clip, velocities = trained.base_motion(images)
    grown_clip, grown_velocities, change = grown.base_motion(images)     # told nothing
    np.testing.assert_allclose(grown_clip.numpy(), clip.numpy(), atol=1e-6)
    np.testing.assert_allclose(grown_velocities.numpy(), velocities.numpy(), atol=1e-6)
    assert not change.numpy().any()
    assert float(tf.reduce_max(tf.abs(velocities))) > 0.01   # the check can fail
    # Told a wind, the same motion with its mean drift turned that way (`warp.steered`).
    told = tf.constant([[1.0, 0.0, 1.0], [0.0, -1.0, 1.0]])
    turned = grown.base_motion(images, wind=told)[1].numpy()
    np.testing.assert_allclose(turned, steered(velocities, told).numpy(), atol=1e-6)


def test_a_narrower_model_cannot_be_grown_into_a_wider_ones_layers():
    wider = MDGANBackbone(TINY.replace(generator_filters=(8, 16, 16, 16)))
    with pytest.raises(SetupError, match="same widths"):
        warm_start(MDGANBackbone(TINY).base_generator, wider.base_generator)


def test_a_run_trains_a_g1_told_the_wind_from_a_trained_one(tmp_path):
    start = tmp_path / "start"
    MDGANBackbone(TINY).save_pretrained(start)
    config = TINY.replace(base_head={"type": "warp_change"}, wind_condition=True)
    lines = []
    options = TrainingOptions(data="synthetic:videos=4,clips_per_video=2,seed=1,version=3",
                              model_dir=str(tmp_path / "run"), init_from=str(start),
                              batch_size=2, steps=2, log_every=1, video_every=0,
                              checkpoint_every=2)
    logs = train(config, options, TrainingConfig(wind_dropout=0.5, speed_weight=1.0),
                 out=lines.append)
    assert any("grown: deconv4" in line for line in lines), lines
    assert logs["step"] == 2 and np.isfinite(logs["g_loss"]) and logs["speed"] > 0
    trained = MDGANBackbone.from_preset(str(tmp_path / "run"))
    assert trained.config.wind_condition
