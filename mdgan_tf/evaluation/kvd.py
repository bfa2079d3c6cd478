"""Kernel Video Distance: the unbiased MMD^2 between two sets of I3D features, with the cubic
polynomial kernel k(x, y) = (x.y / d + 1)^3 of KID (Binkowski et al., 2018), as StyleGAN-V
and later Sky Timelapse papers report it beside FVD.

Unlike FVD, whose estimate on a few dozen clips is dominated by its upward small-sample
bias, the unbiased MMD^2 has expectation 0 for two samples of one distribution at any size
(so it can come out slightly negative).

The sets of an evaluation are paired: video i was made from the first frame of real clip
`pairs[i]`, so it resembles that clip more than an independent draw would. The cross term
therefore leaves each video's own clip out (Gretton et al., 2012, use the same U-statistic
over pairs); keeping it would reward a method for staying near its own clip, and would put
a copy of the real clips below 0. With the pairs left out, the estimate stays unbiased
and a copy of the real clips scores exactly 0.

The standard error is a delete-one jackknife, computed from row sums of the kernel
matrices: over clips (a real clip and its video together) for paired sets, over each
sample apart (Arvesen, 1969) for independent ones. It is conservative: for two samples of
one distribution it overstates the spread over draws by about a third, for samples of two
distributions by about a tenth (`tests/evaluation/test_kvd.py`).
"""

import numpy as np


def polynomial_kernel(x, y):
    """N x d and M x d features -> the N x M matrix (x.y / d + 1)^3."""
    return (x @ y.T / x.shape[1] + 1.0) ** 3


def _mmd2(within_x, m, within_y, n, between, pairs_between, paired):
    """The unbiased MMD^2 from kernel sums: off-diagonal within each set, all of `between`
    less the `paired` pairs' own terms `pairs_between`."""
    return (within_x / (m * (m - 1)) + within_y / (n * (n - 1))
            - 2 * (between - pairs_between) / (m * n - paired))


def kernel_distance(x, y, pairs=None):
    """(KVD, its standard error) of feature sets `x` (m x d) and `y` (n x d), in float64.

    `pairs`: for each row of `x`, the row of `y` it was made from (distinct rows), or None
    for independent sets. Needs at least 3 vectors in each set.
    """
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    m, n = len(x), len(y)
    if m < 3 or n < 3:
        raise ValueError(f"KVD needs at least 3 clips per set, got {m} and {n}")
    kxx, kyy, kxy = polynomial_kernel(x, x), polynomial_kernel(y, y), polynomial_kernel(x, y)
    np.fill_diagonal(kxx, 0.0)
    np.fill_diagonal(kyy, 0.0)
    rows_x, rows_y = kxx.sum(1), kyy.sum(1)
    within_x, within_y, between = rows_x.sum(), rows_y.sum(), kxy.sum()
    if pairs is None:
        value = _mmd2(within_x, m, within_y, n, between, 0.0, 0)
        without_x = _mmd2(within_x - 2 * rows_x, m - 1, within_y, n, between - kxy.sum(1), 0, 0)
        without_y = _mmd2(within_x, m, within_y - 2 * rows_y, n - 1, between - kxy.sum(0), 0, 0)
        variance = ((m - 1) / m * np.sum((without_x - without_x.mean()) ** 2)
                    + (n - 1) / n * np.sum((without_y - without_y.mean()) ** 2))
        return float(value), float(np.sqrt(variance))
    pairs = np.asarray(pairs)
    distinct = len(set(pairs.tolist())) == m
    if pairs.shape != (m,) or not distinct or not np.all((pairs >= 0) & (pairs < n)):
        raise ValueError(f"pairs must name {m} distinct rows of y, got {pairs.tolist()}")
    own = kxy[np.arange(m), pairs]
    value = _mmd2(within_x, m, within_y, n, between, own.sum(), m)
    # Leave out each real clip c together with its video, where it has one.
    video = np.full(n, -1)
    video[pairs] = np.arange(m)
    has = video >= 0
    i = np.where(has, video, 0)
    drop_x = np.where(has, 2 * rows_x[i], 0.0)
    drop_between = kxy.sum(0) + np.where(has, kxy.sum(1)[i] - own[i], 0.0)
    drop_own = np.where(has, own[i], 0.0)
    m_left = m - has
    without = _mmd2(within_x - drop_x, m_left, within_y - 2 * rows_y, n - 1,
                    between - drop_between, own.sum() - drop_own, m_left)
    variance = (n - 1) / n * np.sum((without - without.mean()) ** 2)
    return float(value), float(np.sqrt(variance))
