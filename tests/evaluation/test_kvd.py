"""KVD: the unbiased MMD^2 with the cubic polynomial kernel, paired, grouped or not, and
its jackknife standard error."""

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
    value, error = kernel_distance(x, y, pairs, np.arange(9))
    assert value == pytest.approx(direct_mmd2(x, y, pairs), rel=1e-10)
    # Leave out each clip with its video, where it has one.
    without = []
    for c in range(9):
        keep = pairs != c
        remap = np.cumsum(np.arange(9) != c) - 1
        without.append(direct_mmd2(x[keep], np.delete(y, c, 0), remap[pairs[keep]]))
    assert error == pytest.approx(jackknife(without), rel=1e-8)
    assert kernel_distance(y, y, np.arange(9), np.arange(9))[0] == pytest.approx(0, abs=1e-9)
    assert kernel_distance(y, y)[0] < -0.01      # unpaired, a set against itself is not 0
    with pytest.raises(ValueError, match="label each row"):
        kernel_distance(x, y, [0, 0, 1, 2, 3], np.arange(9))
    with pytest.raises(ValueError, match="both sets"):
        kernel_distance(x, y, pairs)


def direct_grouped_mmd2(x, y, x_groups, y_groups):
    """MMD^2 term by term over the pairs of items from different groups only."""
    def k(a, b):
        return (np.dot(a, b) / len(a) + 1.0) ** 3

    def mean(a, ga, b, gb):
        return np.mean([k(a[i], b[j]) for i in range(len(a)) for j in range(len(b))
                        if ga[i] != gb[j]])
    return (mean(x, x_groups, x, x_groups) + mean(y, y_groups, y, y_groups)
            - 2 * mean(x, x_groups, y, y_groups))


def test_windows_of_one_clip_are_never_compared_and_leave_together():
    """5 real clips of 3 windows each, and videos of 4 of them: no pair from one clip
    enters any term, and the jackknife leaves a clip out with its video, all windows."""
    rng = np.random.RandomState(4)
    y_groups = np.repeat(np.arange(5), 3)
    x_groups = np.repeat([0, 1, 3, 4], 3)
    y = rng.normal(size=(15, 6)) + rng.normal(size=(5, 6))[y_groups]   # clips differ
    x = y[np.isin(y_groups, x_groups)] + rng.normal(0, 0.5, (12, 6))
    value, error = kernel_distance(x, y, x_groups, y_groups)
    assert value == pytest.approx(direct_grouped_mmd2(x, y, x_groups, y_groups), rel=1e-10)
    without = [direct_grouped_mmd2(x[x_groups != c], y[y_groups != c], x_groups[x_groups != c],
                                   y_groups[y_groups != c]) for c in range(5)]
    assert error == pytest.approx(jackknife(without), rel=1e-8)
    assert kernel_distance(y, y, y_groups, y_groups)[0] == pytest.approx(0, abs=1e-9)


def test_grouped_kvd_is_unbiased_where_windows_of_a_clip_are_alike():
    """Clips whose windows share the clip's look, and videos like their clips from the
    same distribution: by groups, mean 0 within its error over 300 draws. Leaving out only
    each window's own (as if windows were clips) compares windows of one clip within each
    set, which are alike, and sits far above 0."""
    rng = np.random.RandomState(5)
    groups = np.repeat(np.arange(8), 4)
    grouped, windowed = [], []
    for _ in range(300):
        y = rng.normal(size=(8, 6))[groups] + 0.7 * rng.normal(size=(32, 6))
        x = 0.8 * y + 0.6 * (rng.normal(size=(8, 6))[groups] + 0.7 * rng.normal(size=(32, 6)))
        grouped.append(kernel_distance(x, y, groups, groups)[0])
        windowed.append(kernel_distance(x, y, np.arange(32), np.arange(32))[0])
    grouped, windowed = np.array(grouped), np.array(windowed)
    assert abs(grouped.mean()) < 3 * grouped.std(ddof=1) / np.sqrt(len(grouped))
    assert windowed.mean() > 10 * windowed.std(ddof=1) / np.sqrt(len(windowed))


def draws(count, rng, shift=0.0, correlation=0.0, paired=True, m=16, d=8):
    """KVD and its standard error for `count` sets of m clips and their videos; each video
    is correlated with its clip and, shifted, from another distribution."""
    out = []
    for _ in range(count):
        y = rng.normal(size=(m, d))
        x = correlation * y + np.sqrt(1 - correlation ** 2) * rng.normal(size=(m, d)) + shift
        groups = (np.arange(m), np.arange(m)) if paired else ()
        out.append(kernel_distance(x, y, *groups))
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
