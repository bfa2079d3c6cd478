import keras
import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf.modeling import layers
from mdgan_tf.hub.presets import PRESETS
from mdgan_tf.modeling import MDGANConfig
from mdgan_tf.modeling import Discriminator, feature_model
from mdgan_tf.modeling import base_generator, refine_generator
from mdgan_tf.modeling.wind import generator_inputs


def trainable_count(model):
    return sum(int(np.prod(w.shape)) for w in model.trainable_weights)


def test_paper_generators_have_the_released_parameter_count():
    config = MDGANConfig.from_preset("mdgan_sky_128")
    assert trainable_count(base_generator(config)) == 39_072_576
    assert trainable_count(refine_generator(config)) == 39_072_576


def test_refine_generator_drops_the_two_outermost_skips():
    config = MDGANConfig.from_preset("mdgan_sky_128")
    skips = lambda g: sorted(l.name for l in g.layers if isinstance(l, keras.layers.Add))
    assert skips(base_generator(config)) == ["skip1", "skip2", "skip3", "skip4", "skip5"]
    assert skips(refine_generator(config)) == ["skip3", "skip4", "skip5"]


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_output_shapes_of_every_preset(name):
    c = MDGANConfig.from_preset(name)
    video = (c.frames, c.resolution, c.resolution, 3)
    x = np.random.RandomState(0).uniform(-1, 1, (2, *video)).astype("float32")
    for generator, given in ((base_generator(c), generator_inputs(c, tf.constant(x))),
                             (refine_generator(c), x)):
        y = generator(given)
        assert y.shape == (2, *video)
        assert float(np.max(np.abs(y))) <= 1.0  # tanh output
    d = Discriminator(c)
    score = d(x)
    assert score.shape == (2, 1)
    assert np.all((score > 0) & (score < 1))
    logits, *features = feature_model(d, c.gram_layers)(x)
    assert logits.shape == (2, 1)
    # Layer 1 is the stem (or, without it, a halving conv); layer 3 two halvings further.
    t1, s1 = (c.frames, c.resolution // 2) if c.spatial_stem else (c.frames // 2, c.resolution // 2)
    assert features[0].shape == (2, t1, s1, s1, c.discriminator_filters[0])
    assert features[1].shape == (2, t1 // 4, s1 // 4, s1 // 4, c.discriminator_filters[2])


def test_paper_feature_model_shapes_match_the_released_d2():
    c = MDGANConfig.from_preset("mdgan_sky_128")
    features = feature_model(Discriminator(c), c.gram_layers)
    assert [tuple(o.shape) for o in features.outputs] == [
        (None, 1), (None, 32, 64, 64, 32), (None, 8, 16, 16, 128)]


def test_feature_model_shares_the_discriminator_weights():
    c = MDGANConfig.from_preset("mdgan_tiny")
    d = Discriminator(c)
    f = feature_model(d, c.gram_layers)
    assert {id(w) for w in f.weights} == {id(w) for w in d.weights}
    x = np.random.RandomState(1).uniform(-1, 1, (1, c.frames, 32, 32, 3)).astype("float32")
    logits = f(x)[0]
    np.testing.assert_allclose(keras.ops.sigmoid(logits), d(x), rtol=1e-6)


@pytest.mark.parametrize("training", [False, True])
@pytest.mark.parametrize("fast, reference, shape", [
    (layers.StemConv3D, keras.layers.Conv3D, (2, 4, 8, 8, 3)),
    (layers.StemConv3DTranspose, keras.layers.Conv3DTranspose, (2, 4, 4, 4, 6)),
])
def test_stem_layers_equal_the_keras_layers(fast, reference, shape, training):
    kwargs = dict(kernel_size=(3, 4, 4), strides=(1, 2, 2), padding="same", use_bias=False)
    _assert_same_as_reference(fast(5, **kwargs), reference(5, **kwargs), shape, training)


@pytest.mark.parametrize("training, batch", [(False, 2), (True, 2),
                                             (True, layers.FOLDED_BATCH + 1)])
@pytest.mark.parametrize("fast, reference, clip", [
    (layers.Conv3D, keras.layers.Conv3D, (4, 8, 8, 6)),
    (layers.Conv3DTranspose, keras.layers.Conv3DTranspose, (2, 4, 4, 6)),
])
def test_halving_layers_equal_the_keras_layers_with_their_gradients(fast, reference, clip,
                                                                     training, batch):
    """Small batches in training run on phase-folded blocks, larger ones on Keras's op;
    their outputs and gradients are the Keras layers' either way."""
    kwargs = dict(kernel_size=(4, 4, 4), strides=(2, 2, 2), padding="same", use_bias=False)
    _assert_same_as_reference(fast(5, **kwargs), reference(5, **kwargs), (batch, *clip),
                              training)


@pytest.mark.parametrize("fast, reference, shape", [
    (layers.CollapseConv3D, keras.layers.Conv3D, (3, 2, 4, 4, 6)),
    (layers.ExpandConv3DTranspose, keras.layers.Conv3DTranspose, (3, 1, 1, 1, 6)),
])
def test_bottleneck_layers_equal_the_keras_layers(fast, reference, shape):
    kwargs = dict(kernel_size=(2, 4, 4), padding="valid", use_bias=False)
    _assert_same_as_reference(fast(5, **kwargs), reference(5, **kwargs), shape)


def _assert_same_as_reference(fast, reference, shape, training=False):
    """Equal outputs, and equal gradients of their squares' sum for input and kernel."""
    x = tf.constant(np.random.RandomState(2).uniform(-1, 1, shape).astype("float32"))
    fast.build(shape)
    reference.build(shape)
    assert fast.kernel.shape == reference.kernel.shape
    reference.kernel.assign(fast.kernel)
    results = []
    for layer in (fast, reference):
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = layer(x, training=training)
            loss = tf.reduce_sum(y * y)
        results.append([y, *tape.gradient(loss, [x, layer.kernel])])
    for got, want in zip(*results):
        np.testing.assert_allclose(got, want, atol=1e-4)


def test_networks_round_trip_through_get_config():
    from mdgan_tf.modeling import Generator
    c = MDGANConfig.from_preset("mdgan_tiny")
    g2 = refine_generator(c)
    rebuilt = Generator.from_config(g2.get_config())
    assert rebuilt.skips == g2.skips and rebuilt.config == c and rebuilt.name == g2.name
    assert [w.shape for w in rebuilt.weights] == [w.shape for w in g2.weights]
    d = Discriminator(c, name="d2")
    rebuilt_d = Discriminator.from_config(d.get_config())
    assert rebuilt_d.name == "d2" and trainable_count(rebuilt_d) == trainable_count(d)


def test_a_residual_refine_generator_starts_as_the_identity_and_corrects_the_motion():
    c = MDGANConfig.from_preset("mdgan_tiny").replace(refine_head={"type": "residual"})
    g2 = refine_generator(c)
    assert trainable_count(g2) == trainable_count(refine_generator(
        c.replace(refine_head={"type": "paint"})))
    x = np.random.RandomState(0).uniform(-1.2, 1.2, (2, c.frames, c.resolution, c.resolution, 3))
    x = x.astype("float32")
    np.testing.assert_array_equal(g2(x), np.clip(x, -1, 1))   # last deconv starts at zero
    last = g2.get_layer("deconv4")
    last.kernel.assign(np.random.RandomState(1).normal(0, 0.02, last.kernel.shape))
    y = g2(x, training=True).numpy()   # batch statistics: activations of order 1
    assert np.abs(y - np.clip(x, -1, 1)).max() > 1e-3 and np.abs(y).max() <= 1.0
    np.testing.assert_array_equal(y[:, 0], np.clip(x[:, 0], -1, 1))   # frame 0 is kept
    rebuilt = type(g2).from_config(g2.get_config())
    assert rebuilt.head.type == "residual" and rebuilt.get_layer("correction") is not None


def test_the_paper_presets_keep_the_released_g2():
    for name in ("mdgan_sky_128", "mdgan_64"):
        assert MDGANConfig.from_preset(name).refine_head.type == "paint"
