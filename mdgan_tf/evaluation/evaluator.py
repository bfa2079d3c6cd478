"""Scoring a model the way the paper did (section 4.5), and on motion, which it could not.

Each sampled test clip's first frame is the input; each method's video is compared with the
real clip frame by frame. Methods: stage I (G1), stage II (G1 then G2), and the baseline
that copies the first frame. All values are in [0, 1]. Frame 0 is the given input, so the
scores are over the predicted frames t = 1 .. T-1 (the baseline's frame 0 would score an
infinite PSNR):

- MSE: mean squared error over the pixels and channels of frame t.
- PSNR: 10 log10(1 / MSE) of frame t, in dB.
- SSIM: scikit-image's `structural_similarity` of frame t (7x7 uniform window, K1 0.01,
  K2 0.03, sample covariance, data range 1), averaged over the channels.
- Motion: mean |x[t+1] - x[t]| over pixels, channels and frame pairs t = 0 .. T-2.
- Gram distance: ||G(video) - G(real)||_F / ||G(real)||_F of the Gram matrices (eq. 4) of
  the two layers of a fixed, seeded random 3D-conv feature extractor, averaged over layers.
  Random conv features measure texture and motion statistics without pretrained weights.

Table values average over predicted frames and clips; the per-frame curves over clips.
Clips stream through in batches, so memory does not grow with their number.
"""

import dataclasses
import json

import numpy as np
import tensorflow as tf
from tqdm import tqdm

from mdgan_tf.data import make_dataset
from mdgan_tf.evaluation.metrics import (
    GramFeatures, frame_motion, frame_mse, frame_ssim, psnr_from_mse,
)
from mdgan_tf.inference.images import fit_to_model

METHODS = ("stage1", "stage2", "copy_first_frame")
PAPER_RESOLUTION = 64  # the paper's comparisons with other methods were made at 64x64


@dataclasses.dataclass
class EvaluationResult:
    """Scores at each resolution: rows[resolution][method][metric], per_frame[...][metric]
    (a list over t = 1..T-1 for MSE/PSNR/SSIM, over frame pairs for motion), and the
    real clips' motion."""

    model: str
    data: str
    clips: int
    seed: int
    frames: int
    rows: dict
    per_frame: dict
    real_motion: dict

    def to_json(self):
        return json.dumps(dataclasses.asdict(self), indent=2)

    def table(self):
        lines = [f"{self.model} on {self.clips} clips of {self.data} (sample seed {self.seed}); "
                 f"frames 1..{self.frames - 1} vs the real clip, values in [0, 1]"]
        for resolution, rows in self.rows.items():
            lines.append(f"\nat {resolution}x{resolution}:")
            lines.append(f"{'method':<18}{'MSE':>10}{'PSNR dB':>10}{'SSIM':>9}{'motion':>10}"
                         f"{'Gram dist':>11}")
            for method, row in rows.items():
                lines.append(f"{method:<18}{row['mse']:>10.5f}{row['psnr']:>10.3f}"
                             f"{row['ssim']:>9.4f}{row['motion']:>10.5f}"
                             f"{row['gram_distance']:>11.4f}")
            lines.append(f"{'real clips':<18}{'':>29}{self.real_motion[resolution]:>10.5f}"
                         f"{0.0:>11.4f}")
        return "\n".join(lines)


class _Sums:
    """Running per-frame sums of every score for one (resolution, method)."""

    def __init__(self):
        self.per_frame = {}
        self.gram = 0.0

    def add(self, name, values):
        values = np.asarray(values, np.float64).sum(axis=0)
        self.per_frame[name] = self.per_frame.get(name, 0.0) + values


def evaluate(model, source, *, clips=1000, seed=0, batch_size=8, paper_resolution=False,
             crop=False, progress=True, name=None):
    """Score stage I, stage II and the copy-first-frame baseline on `clips` clips of
    `source` drawn with `seed` (all of them if it has fewer). Returns an EvaluationResult.

    `paper_resolution`: also score everything resized to 64x64, as the paper's tables are.
    `crop`: centre-crop the clips to a square first (for models trained that way).
    """
    config = model.config
    sample = source.sample(clips, seed)
    resolutions = [config.resolution]
    if paper_resolution and config.resolution != PAPER_RESOLUTION:
        resolutions.append(PAPER_RESOLUTION)
    features = GramFeatures()
    sums = {(r, m): _Sums() for r in resolutions for m in METHODS + ("real",)}
    done = 0
    data = make_dataset(sample, config.resolution, batch_size, shuffle=False, crop=crop)
    with tqdm(total=len(sample), desc="evaluating", unit="clips", disable=not progress) as bar:
        for real in data:
            first = real[:, 0]
            videos = {
                "stage1": model.generate(first, 1, value_range=(-1, 1), dtype="float32"),
                "stage2": model.generate(first, 2, value_range=(-1, 1), dtype="float32"),
                "copy_first_frame": tf.repeat(first[:, None], config.frames, axis=1),
                "real": real,
            }
            for resolution in resolutions:
                scaled = {m: _unit_range(v, resolution) for m, v in videos.items()}
                real_grams = features.grams(scaled["real"])
                sums[resolution, "real"].add("motion", frame_motion(scaled["real"]))
                for method in METHODS:
                    video, target = scaled[method][:, 1:], scaled["real"][:, 1:]
                    mse = frame_mse(video, target)
                    entry = sums[resolution, method]
                    entry.add("mse", mse)
                    entry.add("psnr", psnr_from_mse(mse))
                    entry.add("ssim", frame_ssim(video, target))
                    entry.add("motion", frame_motion(scaled[method]))
                    entry.gram += float(tf.reduce_sum(features.distance(scaled[method],
                                                                        real_grams)))
            done += int(real.shape[0])
            bar.update(int(real.shape[0]))
    if done == 0:
        raise ValueError(f"{source.description or source.kind}: no clip could be read")
    return _result(sums, resolutions, done, seed, config,
                   name or config.name, source.description or source.kind)


def _unit_range(videos, resolution):
    """N x T x H x W x 3 in [-1, 1] -> at the scoring resolution, in [0, 1]."""
    shape = tf.shape(videos)
    frames = tf.reshape(tf.cast(videos, tf.float32), tf.concat([[-1], shape[2:]], 0))
    frames = fit_to_model(frames, resolution)
    return (tf.reshape(frames, tf.concat([shape[:2], [resolution, resolution, 3]], 0)) + 1) / 2


def _result(sums, resolutions, clips, seed, config, name, data):
    rows, per_frame, real_motion = {}, {}, {}
    for resolution in resolutions:
        rows[resolution], per_frame[resolution] = {}, {}
        for method in METHODS:
            entry = sums[resolution, method]
            curves = {k: (v / clips).tolist() for k, v in entry.per_frame.items()}
            per_frame[resolution][method] = curves
            rows[resolution][method] = {k: float(np.mean(v)) for k, v in curves.items()}
            rows[resolution][method]["gram_distance"] = entry.gram / clips
        real_motion[resolution] = float(np.mean(sums[resolution, "real"].per_frame["motion"])
                                        / clips)
    return EvaluationResult(model=name, data=data, clips=clips, seed=seed, frames=config.frames,
                            rows=rows, per_frame=per_frame, real_motion=real_motion)
