"""KVD: the unbiased MMD^2 with the cubic polynomial kernel, paired or not, and its
jackknife standard error."""

import numpy as np
import pytest

from mdgan_tf.evaluation.kvd import kernel_distance


def direct_mmd2(x, y, pairs=None):
    """The unbiased MMD^2 term by term, with the kernel written out; the cross term leaves
    out each x's own y when `pairs` are given."""
    def k(a, b):
        return (np.dot(a, b) / len(a) + 1.0) ** 3
    m, n = len(x), len(y)
    own = set() if pairs is None else set(zip(range(m), pairs))
    xx = sum(k(x[i], x[j]) for i in range(m) for j in range(m) if i != j) / (m * (m - 1))
    yy = sum(k(y[i], y[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    cross = [k(x[i], y[j]) for i in range(m) for j in range(n) if (i, j) not in own]
    return xx + yy - 2 * np.mean(cross)


def jackknife(estimates):
    estimates = np.asarray(estimates)
    return np.sqrt((len(estimates) - 1) / len(estimates)
                   * np.sum((estimates - estimates.mean()) ** 2))


def test_kvd_is_the_unbiased_mmd_with_the_cubic_kernel():
    rng = np.random.RandomState(0)
    x, y = rng.normal(size=(7, 5)), rng.normal(0.3, 1.2, size=(9, 5))
    value, error = kernel_distance(x, y)
    assert value == pytest.approx(direct_mmd2(x, y), rel=1e-10)
    # Leave-one-out by hand: the jackknife of Arvesen (1969) over both samples.
    without_x = [direct_mmd2(np.delete(x, i, 0), y) for i in range(len(x))]
    without_y = [direct_mmd2(x, np.delete(y, j, 0)) for j in range(len(y))]
    assert error == pytest.approx(np.hypot(jackknife(without_x), jackknife(without_y)), rel=1e-8)


def test_paired_kvd_leaves_each_videos_own_clip_out_and_a_copy_scores_zero():
    rng = np.random.RandomState(1)
    y = rng.normal(size=(9, 5))
    pairs = np.array([4, 0, 8, 2, 6, 1])          # 6 videos of 9 clips
    x = y[pairs] + rng.normal(0, 0.5, (6, 5))
    value, error = kernel_distance(x, y, pairs)
    assert value == pytest.approx(direct_mmd2(x, y, pairs), rel=1e-10)
    # Leave out each clip with its video, where it has one.
    without = []
    for c in range(9):
        keep = pairs != c
        remap = np.cumsum(np.arange(9) != c) - 1
        without.append(direct_mmd2(x[keep], np.delete(y, c, 0), remap[pairs[keep]]))
    assert error == pytest.approx(jackknife(without), rel=1e-8)
    assert kernel_distance(y, y, np.arange(9))[0] == pytest.approx(0, abs=1e-9)
    assert kernel_distance(y, y)[0] < -0.01      # unpaired, a set against itself is not 0
    with pytest.raises(ValueError, match="distinct rows"):
        kernel_distance(x, y, [0, 0, 1, 2, 3, 4])


def draws(count, rng, shift=0.0, correlation=0.0, paired=True, m=16, d=8):
    """KVD and its standard error for `count` sets of m clips and their videos; each video
    is correlated with its clip and, shifted, from another distribution."""
    out = []
    for _ in range(count):
        y = rng.normal(size=(m, d))
        x = correlation * y + np.sqrt(1 - correlation ** 2) * rng.normal(size=(m, d)) + shift
        out.append(kernel_distance(x, y, np.arange(m) if paired else None))
    return np.array(out)


def rms(values):
    return np.sqrt(np.mean(values ** 2))


@pytest.mark.parametrize("correlation", [0.0, 0.8])
def test_kvd_is_unbiased_for_videos_like_their_clips(correlation):
    """Videos from the real clips' distribution, each like its own clip: mean 0 within its
    error over 400 draws. Without the pairs left out, the same draws sit far below 0."""
    rng = np.random.RandomState(2)
    same = draws(400, rng, correlation=correlation)
    values, errors = same[:, 0], same[:, 1]
    error_of_mean = values.std(ddof=1) / np.sqrt(len(values))
    assert abs(values.mean()) < 3 * error_of_mean
    # The standard error never understates the spread over draws (the jackknife is
    # conservative: by about a third with no difference), and is close when sets differ.
    assert 1.0 < rms(errors) / values.std(ddof=1) < 1.7
    apart = draws(300, rng, shift=0.5, correlation=correlation)
    assert 0.85 < rms(apart[:, 1]) / apart[:, 0].std(ddof=1) < 1.3
    if correlation:
        unpaired = draws(400, rng, correlation=correlation, paired=False)[:, 0]
        assert unpaired.mean() < -10 * unpaired.std(ddof=1) / np.sqrt(len(unpaired))


def test_kvd_grows_with_the_difference_and_needs_three_clips():
    rng = np.random.RandomState(3)
    near, far = draws(20, rng, shift=0.3), draws(20, rng, shift=1.0)
    assert np.mean(near[:, 0]) > 2 * np.mean(near[:, 1]) / np.sqrt(20)
    assert np.mean(far[:, 0]) > 5 * np.mean(near[:, 0])
    with pytest.raises(ValueError, match="at least 3 clips"):
        kernel_distance(rng.normal(size=(2, 4)), rng.normal(size=(5, 4)))
