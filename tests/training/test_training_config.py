"""How a model is trained is apart from what it is: presets, config files and --set
overrides, applied in that order; configs written before the split still read."""

import json

import pytest

from mdgan_tf.hub.shipped import shipped_path
from mdgan_tf.modeling import MDGANConfig
from mdgan_tf.training import TrainingConfig, apply_overrides, configs_from_file


def test_presets_give_their_training_and_the_paper_is_the_default():
    assert TrainingConfig.from_preset("mdgan_sky_128") == TrainingConfig()
    paper = TrainingConfig()
    assert (paper.learning_rate, paper.beta_1, paper.ranking_weight) == (2e-4, 0.5, 1.0)
    shipped = TrainingConfig.from_preset("mdgan_sky_synthetic_128")
    assert (shipped.content_weight, shipped.change_profile_weight) == (10.0, 300.0)


def test_the_order_is_preset_then_file_then_overrides(tmp_path):
    config = MDGANConfig.from_preset("mdgan_tiny")
    training = TrainingConfig.from_preset("mdgan_sky_synthetic_64")   # content 100, motion 1000
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"model": {"leaky_relu_slope": 0.1},
                                "training": {"content_weight": 5.0, "learning_rate": 1e-3}}))
    config, training = configs_from_file(path, config, training)
    assert (config.name, config.leaky_relu_slope) == ("mdgan_tiny", 0.1)
    assert (training.content_weight, training.motion_weight) == (5.0, 1000.0)
    config, training = apply_overrides(config, training, [
        "content_weight=7", "learning_rate=3e-4", 'base_head={"type": "warp"}',
        "sync_batchnorm=true", "ranking_loss=literal"])
    assert (training.content_weight, training.learning_rate) == (7, 3e-4)
    assert training.sync_batchnorm and training.ranking_loss == "literal"
    assert config.base_head.type == "warp" and config.leaky_relu_slope == 0.1


def test_a_models_old_flat_config_json_reads_as_both_parts():
    """The shipped config.json files were written when one config held both."""
    text = (shipped_path("savedmodels", "mdgan_sky_synthetic_128") / "config.json").read_text()
    assert "content_weight" in json.loads(text)
    config = MDGANConfig.from_json(text)
    assert config == MDGANConfig.from_preset("mdgan_sky_synthetic_128")
    assert (config.base_head.type, config.refine_head.type) == ("warp", "move_frames")


def test_an_old_flat_config_file_sets_the_training_too(tmp_path):
    path = tmp_path / "old.json"
    old = json.loads((shipped_path("savedmodels", "mdgan_sky_synthetic_64") / "config.json")
                     .read_text())
    path.write_text(json.dumps({**old, "motion_weight": 10.0}))
    config, training = configs_from_file(path, MDGANConfig(), TrainingConfig())
    assert config.refine_head.type == "residual" and config.resolution == 64
    assert (training.content_weight, training.motion_weight) == (100.0, 10.0)


@pytest.mark.parametrize("override, message", [
    ("content_weight", "--set takes key=value"),
    ("colour=blue", "--set colour: no such setting"),
    ("content_weight=much", "content_weight must be a number"),
    ("frames=10", "cannot be halved"),
    ("sync_batchnorm=1", "sync_batchnorm must be true or false"),
])
def test_a_bad_override_is_named(override, message):
    with pytest.raises(ValueError, match=message):
        apply_overrides(MDGANConfig.from_preset("mdgan_tiny"), TrainingConfig(), [override])


def test_an_unreadable_config_file_is_named(tmp_path):
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ValueError, match="bad.json"):
        configs_from_file(tmp_path / "bad.json", MDGANConfig(), TrainingConfig())
