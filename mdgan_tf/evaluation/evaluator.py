"""Scoring a model the way the paper did (section 4.5), on motion, and by FVD.

Each sampled test clip's first frame is the input; each method's video is compared with the
real clip frame by frame. Methods: stage I (G1), stage II (G1 then G2), and the baseline
that copies the first frame. All values are in [0, 1].

- MSE, PSNR and SSIM per frame (see `metrics`), reported two ways: over frames 1..T-1, the
  paper's protocol (frame 0 is the given input), and over all frames 0..T-1, since G1 and G2
  regenerate frame 0 rather than copy it. The baseline's frame 0 is exact: its PSNR there
  is the 100 dB cap, so only the "1..T-1" columns compare it fairly with the models.
- Motion: mean |x[t+1] - x[t]|, next to the real clips' own.
- FVD (`fvd=True`): each method's videos against the real clips, and a floor: the real
  clips' two halves (even and odd positions in the sample) against each other.

Table values average over frames and clips; the per-frame curves over clips.
Clips stream through in batches, so memory does not grow with their number.
"""

import dataclasses
import json

import numpy as np
import tensorflow as tf
from tqdm import tqdm

from mdgan_tf.data import make_dataset
from absl import logging

from mdgan_tf.evaluation.fvd import RELIABLE_CLIPS, FeatureStatistics, I3DFeatures, fvd
from mdgan_tf.evaluation.metrics import frame_motion, frame_mse, frame_ssim, psnr_from_mse
from mdgan_tf.inference.images import fit_to_model

METHODS = ("stage1", "stage2", "copy_first_frame")
PAPER_RESOLUTION = 64  # the paper's comparisons with other methods were made at 64x64


SCORES = ("mse", "psnr", "ssim")


@dataclasses.dataclass
class EvaluationResult:
    """rows[resolution][method]: `mse`, `psnr`, `ssim` over frames 1..T-1, `mse_all`,
    `psnr_all`, `ssim_all` over frames 0..T-1, and `motion`; per_frame[resolution][method]
    [score]: a list over t = 0..T-1 (motion: over frame pairs); real_motion[resolution];
    fvd[method or "real_vs_real"]: {"fvd", "clips", "reference_clips"} (empty without FVD).
    """

    model: str
    data: str
    clips: int
    seed: int
    frames: int
    rows: dict
    per_frame: dict
    real_motion: dict
    fvd: dict

    def to_json(self):
        return json.dumps(dataclasses.asdict(self), indent=2)

    def table(self):
        lines = [f"{self.model} on {self.clips} clips of {self.data} (sample seed {self.seed}); "
                 f"values in [0, 1]; '1..{self.frames - 1}': the predicted frames (the "
                 f"paper's protocol), 'all': frames 0..{self.frames - 1}"]
        for resolution, rows in self.rows.items():
            lines.append(f"\nat {resolution}x{resolution}:")
            lines.append(f"{'method':<18}{'MSE 1..':>10}{'PSNR 1..':>10}{'SSIM 1..':>9}"
                         f"{'MSE all':>10}{'PSNR all':>10}{'SSIM all':>9}{'motion':>10}")
            for method, row in rows.items():
                lines.append(f"{method:<18}{row['mse']:>10.5f}{row['psnr']:>10.3f}"
                             f"{row['ssim']:>9.4f}{row['mse_all']:>10.5f}"
                             f"{row['psnr_all']:>10.3f}{row['ssim_all']:>9.4f}"
                             f"{row['motion']:>10.5f}")
            lines.append(f"{'real clips':<18}{'':>58}{self.real_motion[resolution]:>10.5f}")
        if self.fvd:
            lines.append("\nFVD (Kinetics-400 I3D at 224x224; lower is closer to the real clips):")
            for method, entry in self.fvd.items():
                lines.append(f"{method:<18}{entry['fvd']:>10.2f}   ({entry['clips']} vs "
                             f"{entry['reference_clips']} clips)")
            if self.clips < RELIABLE_CLIPS:
                lines.append(f"(fewer than {RELIABLE_CLIPS} clips: FVD is biased upwards and "
                             f"noisy on sets this small)")
        return "\n".join(lines)


class _Sums:
    """Running per-frame sums of every score for one (resolution, method)."""

    def __init__(self):
        self.per_frame = {}

    def add(self, name, values):
        values = np.asarray(values, np.float64).sum(axis=0)
        self.per_frame[name] = self.per_frame.get(name, 0.0) + values


def evaluate(model, source, *, clips=1000, seed=0, batch_size=8, paper_resolution=False,
             crop=False, progress=True, name=None, fvd=False, i3d_checkpoint=None):
    """Score stage I, stage II and the copy-first-frame baseline on `clips` clips of
    `source` drawn with `seed` (all of them if it has fewer). Returns an EvaluationResult.

    `paper_resolution`: also score everything resized to 64x64, as the paper's tables are.
    `crop`: centre-crop the clips to a square first (for models trained that way).
    `fvd`: also compute FVD (needs the I3D weights, see `mdgan_tf.hub.i3d_weights`).
    """
    config = model.config
    sample = source.sample(clips, seed)
    if fvd and len(sample) < RELIABLE_CLIPS:
        logging.warning("FVD on %d clips: below %d it is biased upwards and noisy",
                        len(sample), RELIABLE_CLIPS)
    resolutions = [config.resolution]
    if paper_resolution and config.resolution != PAPER_RESOLUTION:
        resolutions.append(PAPER_RESOLUTION)
    sums = {(r, m): _Sums() for r in resolutions for m in METHODS + ("real",)}
    features = I3DFeatures(config.frames, i3d_checkpoint) if fvd else None
    statistics = {m: FeatureStatistics() for m in METHODS + ("real", "real_even", "real_odd")}
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
                _add_scores(sums, resolution, {m: _unit_range(v, resolution)
                                               for m, v in videos.items()})
            if features:
                _add_features(statistics, features, videos, done)
            done += int(real.shape[0])
            bar.update(int(real.shape[0]))
    if done == 0:
        raise ValueError(f"{source.description or source.kind}: no clip could be read")
    return _result(sums, resolutions, done, seed, config, name or config.name,
                   source.description or source.kind, _fvd_rows(statistics) if fvd else {})


def _add_scores(sums, resolution, scaled):
    sums[resolution, "real"].add("motion", frame_motion(scaled["real"]))
    for method in METHODS:
        entry = sums[resolution, method]
        mse = frame_mse(scaled[method], scaled["real"])
        entry.add("mse", mse)
        entry.add("psnr", psnr_from_mse(mse))
        entry.add("ssim", frame_ssim(scaled[method], scaled["real"]))
        entry.add("motion", frame_motion(scaled[method]))


def _add_features(statistics, features, videos, offset):
    """Accumulate each method's I3D features, and the real clips' by sample position parity."""
    for method in METHODS + ("real",):
        values = features(videos[method])
        statistics[method].add(values)
        if method == "real":
            even = (offset + np.arange(len(values))) % 2 == 0
            statistics["real_even"].add(values[even])
            statistics["real_odd"].add(values[~even])


def _fvd_rows(statistics):
    rows = {method: {"fvd": fvd(statistics[method], statistics["real"]),
                     "clips": statistics[method].count,
                     "reference_clips": statistics["real"].count} for method in METHODS}
    rows["real_vs_real"] = {"fvd": fvd(statistics["real_even"], statistics["real_odd"]),
                            "clips": statistics["real_even"].count,
                            "reference_clips": statistics["real_odd"].count}
    return rows


def _unit_range(videos, resolution):
    """N x T x H x W x 3 in [-1, 1] -> at the scoring resolution, in [0, 1]."""
    shape = tf.shape(videos)
    frames = tf.reshape(tf.cast(videos, tf.float32), tf.concat([[-1], shape[2:]], 0))
    frames = fit_to_model(frames, resolution)
    return (tf.reshape(frames, tf.concat([shape[:2], [resolution, resolution, 3]], 0)) + 1) / 2


def _result(sums, resolutions, clips, seed, config, name, data, fvd_rows):
    rows, per_frame, real_motion = {}, {}, {}
    for resolution in resolutions:
        rows[resolution], per_frame[resolution] = {}, {}
        for method in METHODS:
            curves = {k: (v / clips).tolist() for k, v in sums[resolution, method].per_frame.items()}
            per_frame[resolution][method] = curves
            row = {k: float(np.mean(curves[k][1:])) for k in SCORES}
            row.update({f"{k}_all": float(np.mean(curves[k])) for k in SCORES})
            row["motion"] = float(np.mean(curves["motion"]))
            rows[resolution][method] = row
        real_motion[resolution] = float(np.mean(sums[resolution, "real"].per_frame["motion"])
                                        / clips)
    return EvaluationResult(model=name, data=data, clips=clips, seed=seed, frames=config.frames,
                            rows=rows, per_frame=per_frame, real_motion=real_motion,
                            fvd=fvd_rows)
