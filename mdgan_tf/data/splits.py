"""Train / validation / test splits by source video, so no scene is seen on both sides."""

import numpy as np

from mdgan_tf.errors import InputError

DEFAULT_FRACTIONS = {"train": 0.9, "validation": 0.05, "test": 0.05}


def split_by_video(source, fractions=None, seed=0):
    """{split name: source restricted to its videos}; every video lands in exactly one split.

    Videos are shuffled with `seed` and cut by `fractions` (which must sum to 1). A split
    with a positive fraction gets at least one video while there are videos to give, so a
    small data set still has something to validate on.
    """
    fractions = dict(DEFAULT_FRACTIONS if fractions is None else fractions)
    if any(f < 0 for f in fractions.values()) or abs(sum(fractions.values()) - 1) > 1e-6:
        raise InputError(f"split fractions must be non-negative and sum to 1, got {fractions}")
    videos = sorted(source.videos())
    order = np.random.default_rng(seed).permutation(len(videos))
    counts = {name: int(round(f * len(videos))) for name, f in fractions.items()}
    for name, f in fractions.items():
        if f > 0 and counts[name] == 0:
            counts[name] = 1
    # Give or take videos from the largest split until the counts add up.
    while sum(counts.values()) != len(videos):
        largest = max(counts, key=counts.get)
        counts[largest] += 1 if sum(counts.values()) < len(videos) else -1
    splits, start = {}, 0
    for name, count in counts.items():
        chosen = [videos[i] for i in order[start:start + count]]
        splits[name] = source.subset(chosen)
        start += count
    return splits
