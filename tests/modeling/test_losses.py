import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf.modeling import losses
from mdgan_tf.modeling import MDGANConfig
from mdgan_tf.modeling import Discriminator, feature_model

RNG = np.random.RandomState(0)


def numpy_gram(features):
    """Eq. 4 per clip, written from the paper: N x C x T x H x W -> N x (C*T) x (H*W)."""
    channels_first = np.transpose(features, (0, 4, 1, 2, 3)).astype(np.float64)
    n, c, t, h, w = channels_first.shape
    rows = channels_first.reshape(n, c * t, h * w)
    return np.einsum("nms,nks->nmk", rows, rows) / (c * t * h * w)


def test_gram_matrix_equals_eq4():
    features = RNG.randn(2, 3, 4, 5, 6).astype(np.float32)  # N, T, H, W, C
    gram = losses.gram_matrix(features).numpy()
    assert gram.shape == (2, 18, 18)
    np.testing.assert_allclose(gram, numpy_gram(features), rtol=1e-5, atol=1e-7)


def unit_l1(grams):
    return grams / np.abs(grams).sum(axis=(1, 2), keepdims=True)


@pytest.mark.parametrize("form", ["literal", "normalized"])
def test_ranking_loss_equals_eq5_summed_over_layers(form):
    shapes = [(2, 2, 3, 3, 4), (2, 1, 2, 2, 5)]
    y1, y2, y = ([RNG.randn(*s).astype(np.float32) * 0.5 for s in shapes] for _ in range(3))
    gram = numpy_gram if form == "literal" else lambda f: unit_l1(numpy_gram(f))
    expected = 0.0
    for f1, f2, f in zip(y1, y2, y):
        a = np.abs(gram(f2) - gram(f)).sum(axis=(1, 2))
        b = np.abs(gram(f2) - gram(f1)).sum(axis=(1, 2))
        expected += -np.log(np.exp(-a) / (np.exp(-a) + np.exp(-b)))
    got = losses.ranking_loss(y1, y2, y, form).numpy()
    assert got.shape == (2,)
    np.testing.assert_allclose(got, expected, rtol=1e-5)


def test_scaling_the_features_cannot_raise_the_normalized_loss():
    # Y2 near Y1 and far from Y: the gap a - b is positive, the loss D2 maximises is large.
    shapes = [(2, 2, 3, 3, 4), (2, 1, 2, 2, 5)]
    y1, y = ([RNG.randn(*s).astype(np.float32) for s in shapes] for _ in range(2))
    y2 = [f + 0.1 * RNG.randn(*f.shape).astype(np.float32) for f in y1]
    scaled = [[10 * f for f in fs] for fs in (y1, y2, y)]
    normalized = [losses.ranking_loss(*fs, "normalized").numpy() for fs in ((y1, y2, y), scaled)]
    np.testing.assert_allclose(normalized[1], normalized[0], rtol=1e-4)
    assert np.all(normalized[0] <= 2 * np.log1p(np.exp(2.0)) + 1e-6)   # 2 layers, a - b <= 2
    literal = [losses.ranking_loss(*fs, "literal").numpy() for fs in ((y1, y2, y), scaled)]
    assert np.all(literal[1] > 10 * literal[0])   # eqs. 4-6 as written: a free lever for D2


def test_ranking_loss_is_finite_where_the_direct_formula_overflows():
    far = [np.full((1, 1, 2, 2, 1), 60.0, np.float32)]
    near = [np.zeros((1, 1, 2, 2, 1), np.float32)]
    # g(Y) = (4 pixels * 60^2) / (M=1 * S=4) = 3600, so a = 3600 and b = 0: e^-a underflows
    # to 0 and the direct form of eq. 5 is -log(0/0); the loss must be a = 3600.
    loss = losses.ranking_loss(near, near, far, "literal").numpy()
    assert np.isfinite(loss).all()
    np.testing.assert_allclose(loss, [3600.0], rtol=1e-6)


@pytest.mark.parametrize("form", ["literal", "normalized"])
def test_a_gradient_step_on_y2_moves_it_towards_y_and_away_from_y1(form):
    c = MDGANConfig.from_preset("mdgan_tiny")
    features = feature_model(Discriminator(c), c.gram_layers)
    shape = (2, c.frames, c.resolution, c.resolution, 3)
    y1, y = (tf.constant(RNG.uniform(-1, 1, shape), tf.float32) for _ in range(2))
    y2 = tf.Variable(RNG.uniform(-1, 1, shape), dtype=tf.float32)

    def gram(activations):
        g = losses.gram_matrix(activations).numpy()
        return g if form == "literal" else unit_l1(g)

    def distances():
        f1, f2, f = (features(v, training=False)[1:] for v in (y1, y2, y))
        to_real = sum(np.abs(gram(a) - gram(b)).sum() for a, b in zip(f2, f))
        to_input = sum(np.abs(gram(a) - gram(b)).sum() for a, b in zip(f2, f1))
        return float(to_real), float(to_input)

    before = distances()
    with tf.GradientTape() as tape:
        f1, f2, f = (features(v, training=False)[1:] for v in (y1, y2, y))
        loss = tf.reduce_mean(losses.ranking_loss(f1, f2, f, form))
    gradient = tape.gradient(loss, y2)
    y2.assign_sub(0.05 * gradient / tf.reduce_max(tf.abs(gradient)))
    after = distances()
    assert after[0] / after[1] < before[0] / before[1]
    assert after[0] < before[0]


def test_replica_mean_is_the_global_mean_on_an_uneven_split(mirrored):
    strategy = mirrored
    values = tf.constant([1.0, 2.0, 6.0])
    dataset = strategy.experimental_distribute_dataset(
        tf.data.Dataset.from_tensor_slices(values).batch(3))
    per_replica = strategy.run(losses.replica_mean, args=(next(iter(dataset)),))
    sizes = [int(tf.size(v)) for v in strategy.experimental_local_results(
        strategy.run(tf.identity, args=(next(iter(dataset)),)))]
    assert sorted(sizes) == [1, 2]
    total = strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)
    np.testing.assert_allclose(float(total), 3.0, rtol=1e-6)


def test_adversarial_and_content_losses_are_per_clip():
    logits = tf.constant([[0.0], [100.0]])
    np.testing.assert_allclose(losses.adversarial_loss(logits, True), [np.log(2.0), 0.0], atol=1e-6)
    np.testing.assert_allclose(losses.adversarial_loss(logits, False), [np.log(2.0), 100.0], rtol=1e-6)
    real = np.zeros((2, 2, 2, 2, 3), np.float32)
    fake = real.copy()
    fake[1] = 0.5
    np.testing.assert_allclose(losses.content_loss(real, fake), [0.0, 0.5])


def test_motion_loss_charges_flicker_and_not_the_real_motion():
    rng = np.random.RandomState(0)
    drift = np.cumsum(rng.uniform(-0.05, 0.05, (2, 6, 1, 1, 3)), axis=1) * np.ones((1, 1, 4, 4, 1))
    real = (0.2 + drift).astype(np.float32)
    np.testing.assert_allclose(losses.motion_loss(real, real + 0.3), [0, 0], atol=1e-6)
    flicker = real + rng.choice([-0.1, 0.1], real.shape).astype(np.float32)
    assert np.all(losses.motion_loss(real, flicker).numpy() > 0.05)
    # Frame L1 is the same for a still offset and for flicker of that size; motion L1 is not.
    np.testing.assert_allclose(losses.content_loss(real, real + 0.1), losses.content_loss(real, flicker))


def _drifting_stripes(direction, frames=16, size=16):
    """Sine stripes moving one pixel a frame along +x or -x, over a still bottom half."""
    x = np.arange(size)
    video = np.zeros((1, frames, size, size, 3), np.float32)
    for t in range(frames):
        video[0, t, : size // 2] = np.sin(2 * np.pi * (x - direction * t) / 8)[None, :, None]
    return video


def test_change_profile_loss_is_blind_to_direction_and_charges_stillness_and_flicker():
    right, left = _drifting_stripes(1), _drifting_stripes(-1)
    np.testing.assert_allclose(losses.change_profile_loss(right, left, grid=4), [0], atol=1e-6)
    # Pixel-wise L1 on the changes prefers a still video to the clouds' other direction.
    still = np.repeat(right[:, :1], 16, axis=1)
    assert losses.motion_loss(right, still) < losses.motion_loss(right, left)
    assert losses.change_profile_loss(right, still, grid=4) > 0.1
    flicker = still + np.random.RandomState(0).choice([-0.5, 0.5], still.shape).astype(np.float32)
    assert losses.change_profile_loss(right, flicker, grid=4) > 0.1
    moving_ground = right.copy()
    moving_ground[:, :, 8:] = right[:, :, :8]
    assert losses.change_profile_loss(right, moving_ground, grid=4) > 0.1


def test_unexplained_change_loss_charges_fading_and_not_drift():
    right, left = _drifting_stripes(1), _drifting_stripes(-1)
    np.testing.assert_allclose(losses.unexplained_change_loss(right, left, grid=4), [0], atol=1e-6)
    # A cross-fade from the first frame to its negative (the stripes half a period on)
    # changes the sky as much, but no shift explains its steps.
    weights = np.linspace(0, 1, 16, dtype=np.float32)[None, :, None, None, None]
    fade = (1 - weights) * right[:, :1] + weights * right[:, 4:5]
    assert losses.unexplained_change_loss(right, fade, grid=4) > 0.02
    # Seen frame to frame at full size, a drift is explained too.
    np.testing.assert_allclose(
        losses.unexplained_change_loss(right, left, lag=1, scale=1, max_shift=1, grid=4), [0],
        atol=1e-6)



def test_speed_loss_is_least_at_the_known_speed_and_never_at_a_standstill():
    """|log| of the drift speed over the sky to the known one: zero at it, the same for
    twice and half as fast, nothing where the speed is unknown, and a still G1 is pushed
    to move. Only the sky counts: moved there and still elsewhere, a drift is its own."""
    frames, size = 5, 16
    sky = np.zeros((1, size, size), np.float32)
    sky[:, :size // 2] = 1.0

    def moving(speed):
        velocities = np.zeros((1, frames, size, size, 2), np.float32)
        velocities[:, 1:, :size // 2, :, 0] = speed          # the sky moves, the ground not
        return tf.constant(velocities)

    known = tf.constant([0.8])
    np.testing.assert_allclose(losses.speed_loss(moving(0.8), known, sky), [0.0], atol=1e-5)
    faster = losses.speed_loss(moving(1.6), known, sky, floor=0.0)
    slower = losses.speed_loss(moving(0.4), known, sky, floor=0.0)
    np.testing.assert_allclose([faster[0], slower[0]], [np.log(2)] * 2, rtol=1e-5)
    # Over the whole frame the same motion is half as fast.
    whole = losses.speed_loss(moving(0.8), known, np.ones_like(sky), floor=0.0)
    np.testing.assert_allclose(whole, [np.log(2)], rtol=1e-5)
    assert losses.speed_loss(moving(3.0), tf.constant([np.nan]), sky)[0] == 0.0
    still = tf.Variable(moving(0.0))
    with tf.GradientTape() as tape:
        loss = losses.speed_loss(still + tf.constant([1e-3, 0.0]), known, sky)
    step = tape.gradient(loss, still).numpy()
    assert loss[0] > 2.0 and (step[:, 1:, :size // 2, :, 0] < 0).all()
    assert (step[:, :, size // 2:] == 0).all()


def test_what_changes_in_a_clip_is_its_sky():
    clips = np.zeros((1, 4, 8, 8, 3), np.float32)
    clips[:, :, :5] = np.linspace(-0.5, 0.5, 4)[None, :, None, None, None]   # light changes
    clips[:, :, 5:] = -0.8                                                    # still ground
    np.testing.assert_array_equal(losses.changing(clips)[0, :, 0], [1] * 5 + [0] * 3)
