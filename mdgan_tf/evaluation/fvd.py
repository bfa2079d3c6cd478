"""Fréchet Video Distance (Unterthiner et al., 2019), as the reference implementation computes it.

Videos in [-1, 1] have their frames resized to 224x224 bilinearly and go through the
Kinetics-400 Inception-I3D; its 400 logits are the features. A Gaussian is fitted to the
features of each set (means and covariances in float64), and

    FVD = |mu1 - mu2|^2 + tr(S1 + S2 - 2 sqrtm(S1 S2)).

FVD is biased upwards on small sets; below 256 clips it is a rough guide, and KVD (see
`kvd`), computed from the same features, is the figure to compare.
"""

import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.evaluation.i3d import CLASSES, SIZE, load_i3d
from mdgan_tf.modeling.frozen import frozen

RELIABLE_CLIPS = 256


class FeatureSet:
    """The feature vectors of one set of videos, gathered batch by batch, and which real
    clip (a number) each video belongs to.

    The vectors are kept (400 float64 values, 3.2 KB a clip: 3.2 MB for 1,000 clips), since
    KVD needs them all; FVD needs only their mean and covariance.
    """

    def __init__(self, dimensions=CLASSES):
        self.dimensions = dimensions
        self._batches = []
        self._clips = []

    def add(self, features, clips=None):
        features = np.asarray(features, np.float64).reshape(-1, self.dimensions)
        self._batches.append(features)
        self._clips.extend([None] * len(features) if clips is None else list(clips))

    @property
    def clips(self):
        return list(self._clips)

    @property
    def count(self):
        return sum(len(batch) for batch in self._batches)

    @property
    def features(self):
        """count x dimensions."""
        return np.concatenate(self._batches or [np.zeros((0, self.dimensions))])

    def gaussian(self):
        """(mean, covariance); the covariance is the unbiased sample covariance."""
        if self.count < 2:
            raise InputError(f"FVD needs at least 2 clips per set, got {self.count}")
        features = self.features
        return features.mean(axis=0), np.cov(features, rowvar=False)


def frechet_distance(mean1, covariance1, mean2, covariance2):
    """|mu1 - mu2|^2 + tr(S1 + S2 - 2 sqrtm(S1 S2)) of two Gaussians, in float64.

    tr sqrtm(S1 S2) is the sum of the square roots of the eigenvalues of
    sqrt(S1) S2 sqrt(S1), a symmetric matrix with the same eigenvalues as S1 S2: this is
    the real part that a general `sqrtm` returns, without its complex round-off.
    """
    values, vectors = np.linalg.eigh(covariance1)
    root1 = (vectors * np.sqrt(np.clip(values, 0, None))) @ vectors.T
    product = np.linalg.eigvalsh(root1 @ covariance2 @ root1)
    trace_root = np.sum(np.sqrt(np.clip(product, 0, None)))
    distance = (np.sum((mean1 - mean2) ** 2) + np.trace(covariance1) + np.trace(covariance2)
                - 2 * trace_root)
    return float(max(distance, 0.0))


def fvd(set1, set2):
    """FVD of two `FeatureSet`s."""
    return frechet_distance(*set1.gaussian(), *set2.gaussian())


class I3DFeatures:
    """Videos N x T x H x W x 3 in [-1, 1] -> N x 400 I3D logits (float64), `CHUNK` videos
    at a time: a batch of long clips cut into windows (16 for two 128-frame clips) would
    otherwise go through I3D's 224x224 activations all at once."""

    CHUNK = 8

    def __init__(self, frames, checkpoint=None):
        model = load_i3d(frames, checkpoint)
        spec = tf.TensorSpec((None, frames, SIZE, SIZE, 3), tf.float32)
        self._forward = frozen(lambda videos: model(videos, training=False), spec)

    def __call__(self, videos):
        videos = tf.convert_to_tensor(videos, tf.float32)
        return np.concatenate([self._logits(videos[start:start + self.CHUNK])
                               for start in range(0, max(len(videos), 1), self.CHUNK)])

    def _logits(self, videos):
        shape = tf.shape(videos)
        frames = tf.reshape(videos, tf.concat([[-1], shape[2:]], 0))
        frames = tf.image.resize(frames, (SIZE, SIZE), method="bilinear")
        resized = tf.reshape(frames, tf.concat([shape[:2], [SIZE, SIZE, 3]], 0))
        return self._forward(tf.clip_by_value(resized, -1.0, 1.0))[0].numpy().astype(np.float64)
