import json

import pytest

from mdgan_tf.hub.presets import PRESETS
from mdgan_tf.modeling import MDGANConfig


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_round_trip_through_json(name):
    config = MDGANConfig.from_preset(name)
    text = config.to_json()
    assert MDGANConfig.from_json(text) == config
    assert json.loads(text)["name"] == name


def test_paper_preset_holds_the_paper_settings():
    c = MDGANConfig.from_preset("mdgan_sky_128")
    assert (c.frames, c.resolution) == (32, 128)
    assert c.gram_layers == (1, 3)
    assert set(c.base_skips) - set(c.refine_skips) == {1, 2}


def test_unknown_preset_names_the_available_ones():
    with pytest.raises(ValueError, match="unknown preset 'nope'.*mdgan_tiny"):
        MDGANConfig.from_preset("nope")


def test_unknown_field_is_rejected():
    with pytest.raises(ValueError, match="unknown MDGANConfig fields \\['colour'\\]"):
        MDGANConfig.from_dict({"colour": "blue"})


def test_shape_that_cannot_halve_fails_at_config_time():
    with pytest.raises(ValueError, match="cannot be halved by encoder conv"):
        MDGANConfig(frames=12)


def test_skip_outside_the_encoder_is_rejected():
    with pytest.raises(ValueError, match="base_skips \\[6\\]"):
        MDGANConfig(base_skips=(1, 6))


@pytest.mark.parametrize("field, value, message", [
    ("frames", "32", "frames must be an integer, got '32'"),
    ("spatial_stem", 1, "spatial_stem must be true or false, got 1"),
    ("leaky_relu_slope", "1", "leaky_relu_slope must be a number"),
    ("generator_filters", [4, "8", 16, 16], "generator_filters must be a list of integers"),
])
def test_a_value_of_the_wrong_type_is_named(field, value, message):
    values = {**MDGANConfig.from_preset("mdgan_tiny").to_dict(), field: value}
    with pytest.raises(ValueError, match=message):
        MDGANConfig.from_dict(values)
