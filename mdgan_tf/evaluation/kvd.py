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

Long clips are scored as several windows each (`mdgan-evaluate --window`), and the windows
of one clip depend on each other as a video depends on its clip. The general form is
therefore by groups: items of one group (a real clip, its windows, the video made from it
and that video's windows) are never compared with each other, in any of the three terms,
and every pair of items from two different groups is. Pairs are the case of one video and
one clip per group; independent sets, of one item per group and no group shared.

The standard error is a delete-one jackknife over groups, computed from the kernel
matrices' sums by group: over the groups of both sets together (a real clip and its video
left out together) when they share groups, over each set's groups apart (Arvesen, 1969)
when they share none. It is conservative: for two samples of one distribution it
overstates the spread over draws by about a third, for samples of two distributions by
about a tenth (`tests/evaluation/test_kvd.py`).
"""

import numpy as np

from mdgan_tf.errors import InputError


def polynomial_kernel(x, y):
    """N x d and M x d features -> the N x M matrix (x.y / d + 1)^3."""
    return (x @ y.T / x.shape[1] + 1.0) ** 3


class _GroupSums:
    """A kernel matrix summed over its pairs of groups (rows by `rows`' groups, columns by
    `columns'`), and what is left of its pairs from different groups when groups go."""

    def __init__(self, kernel, rows, columns, labels):
        row_index = np.searchsorted(labels, rows)
        column_index = np.searchsorted(labels, columns)
        count = len(labels)
        blocks = np.zeros((count, count))
        np.add.at(blocks, (row_index[:, None], column_index[None, :]), kernel)
        self.rows = np.bincount(row_index, minlength=count).astype(np.float64)
        self.columns = np.bincount(column_index, minlength=count).astype(np.float64)
        same = np.diag(blocks)
        self.total = blocks.sum() - same.sum()
        self.pairs = self.rows.sum() * self.columns.sum() - self.rows @ self.columns
        # Left out with group g: its row and its column, each less what they share.
        self.total_without = self.total - (blocks.sum(1) - same) - (blocks.sum(0) - same)
        self.pairs_without = ((self.rows.sum() - self.rows) * (self.columns.sum() - self.columns)
                              - (self.rows @ self.columns - self.rows * self.columns))

    def mean(self):
        return self.total / self.pairs

    def mean_without(self):
        return self.total_without / self.pairs_without


def _jackknife(estimates):
    return (len(estimates) - 1) / len(estimates) * np.sum((estimates - estimates.mean()) ** 2)


def kernel_distance(x, y, x_groups=None, y_groups=None):
    """(KVD, its standard error) of feature sets `x` (m x d) and `y` (n x d), in float64.

    `x_groups`, `y_groups`: a label (an int) for each row; rows with one label depend on
    each other (a video and the real clip it was made from; the windows of one clip) and
    are never compared. None: every row its own group, not shared with the other set. For
    videos paired with real clips, `x_groups` names each video's clip and `y_groups` is
    `range(n)`. Needs at least 3 rows in each set and 2 groups in all.
    """
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    m, n = len(x), len(y)
    if m < 3 or n < 3:
        raise InputError(f"KVD needs at least 3 clips per set, got {m} and {n}")
    if x_groups is None and y_groups is None:
        x_groups, y_groups = np.arange(m), np.arange(m, m + n)
    elif x_groups is None or y_groups is None:
        raise InputError("give the groups of both sets, or of neither")
    x_groups, y_groups = np.asarray(x_groups), np.asarray(y_groups)
    if x_groups.shape != (m,) or y_groups.shape != (n,):
        raise InputError(f"groups must label each row: {m} and {n} labels, got "
                         f"{x_groups.shape} and {y_groups.shape}")
    labels = np.union1d(x_groups, y_groups)
    if len(labels) < 2:
        raise InputError("KVD needs at least 2 groups: every row is in one")
    xx = _GroupSums(polynomial_kernel(x, x), x_groups, x_groups, labels)
    yy = _GroupSums(polynomial_kernel(y, y), y_groups, y_groups, labels)
    xy = _GroupSums(polynomial_kernel(x, y), x_groups, y_groups, labels)
    value = xx.mean() + yy.mean() - 2 * xy.mean()
    with np.errstate(divide="ignore", invalid="ignore"):
        without = xx.mean_without() + yy.mean_without() - 2 * xy.mean_without()
    in_x, in_y = xx.rows > 0, yy.rows > 0
    if np.any(in_x & in_y):   # shared groups: leave each out of both sets at once
        variance = _jackknife(without)
    else:                     # independent sets: each set's groups apart
        variance = _jackknife(without[in_x]) + _jackknife(without[in_y])
    return float(value), float(np.sqrt(variance))
