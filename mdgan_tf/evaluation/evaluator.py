"""Scoring videos the way the paper did (section 4.5), on motion, and by FVD and KVD.

Each sampled test clip's first frame is the input; each method's video is compared with the
real clip frame by frame. Methods: stage I (G1), stage II (G1 then G2), the baseline that
copies the first frame, and videos that other methods already made, read from folders that
mirror the real clips (`VideoFolder`, `mdgan-evaluate --videos`). Every video is brought to
one square scoring resolution (the model's, unless told otherwise) by the same resize, and
all values are in [0, 1].

- MSE, PSNR and SSIM per frame (see `metrics`), reported two ways: over frames 1..T-1, the
  paper's protocol (frame 0 is the given input), and over all frames 0..T-1, since G1 and G2
  regenerate frame 0 rather than copy it. The baseline's frame 0 is exact: its PSNR there
  is the 100 dB cap, so only the "1..T-1" columns compare it fairly with the models.
- Motion: mean |x[t+1] - x[t]|, next to the real clips' own.
- Dynamics (`dynamics.py`): speed, evolution (change the flow does not explain),
  perspective and light, of the real clips and of each method, over the real clip's sky.
- FVD and KVD (`fvd=True`): each method's videos against all the real clips, and a floor:
  the real clips' two halves (even and odd positions in the sample) against each other.
  With `window`, each clip is scored as its non-overlapping windows of that many frames
  (I3D saw 16- to 64-frame clips, so a 128-frame clip is 8 windows of 16): pooled, every
  window against every real window of another clip (see `kvd`), and per clip, a clip's
  windows against its real clip's.

Each row says how many clips it used: a folder may lack videos for some clips. Table values
average over frames and clips; the per-frame curves over clips. Clips stream through in
batches, so memory does not grow with their number (but for 3.2 KB of I3D features a clip).
"""

import dataclasses
import json

import numpy as np
import tensorflow as tf
from absl import logging
from tqdm import tqdm

from mdgan_tf.errors import InputError
from mdgan_tf.data import DataError, make_dataset, square_frames, stops_as_data_errors
from mdgan_tf.evaluation.dynamics import clip_dynamics, pooled, sky_region
from mdgan_tf.evaluation.fvd import RELIABLE_CLIPS, FeatureSet, I3DFeatures, fvd
from mdgan_tf.evaluation.kvd import kernel_distance
from mdgan_tf.evaluation.metrics import frame_motion, frame_mse, frame_ssim, psnr_from_mse
from mdgan_tf.evaluation.video_folders import read_given_video
from mdgan_tf.preprocessing.images import fit_to_model

MODEL_METHODS = ("stage1", "stage2")
COPY = "copy_first_frame"
METHODS = MODEL_METHODS + (COPY,)
PAPER_RESOLUTION = 64  # the paper's comparisons with other methods were made at 64x64
SCORES = ("mse", "psnr", "ssim")
_NAMED_IN_WARNING = 10
PER_CLIP_SHOWN = 16   # the table lists per-clip KVD for at most this many clips


@dataclasses.dataclass
class EvaluationResult:
    """rows[resolution][method]: `mse`, `psnr`, `ssim` over frames 1..T-1, `mse_all`,
    `psnr_all`, `ssim_all` over frames 0..T-1, `psnr_first` of frame 0 alone (how well the
    photo is kept), `motion`, and `clips` (how many it used);
    per_frame[resolution][method][score]: a list over t = 0..T-1 (motion: over frame
    pairs); real_motion[resolution]; distances[method or "real_vs_real"]: {"fvd", "kvd",
    "kvd_se", "clips", "reference_clips", "windows"} and, with windows, "per_clip" (a list
    of {"clip", "fvd", "kvd", "kvd_se"}) (empty without FVD; None where a set is too small);
    dynamics[method or "real"]: the pooled `dynamics` figures and "per_clip" (a list of
    each clip's), at the first resolution (empty without them); window: the frames per
    I3D window (0: whole clips).
    """

    model: str
    data: str
    clips: int
    seed: int
    frames: int
    rows: dict
    per_frame: dict
    real_motion: dict
    distances: dict
    dynamics: dict = dataclasses.field(default_factory=dict)
    window: int = 0

    def to_json(self):
        return json.dumps(dataclasses.asdict(self), indent=2)

    def table(self):
        lines = [f"{self.model} on {self.clips} clips of {self.data} (sample seed {self.seed}); "
                 f"values in [0, 1]; '1..{self.frames - 1}': the predicted frames (the "
                 f"paper's protocol), 'all': frames 0..{self.frames - 1}, 'PSNR 0': frame 0 "
                 f"against the photo"]
        width = max([18] + [len(m) + 2 for rows in self.rows.values() for m in rows])
        for resolution, rows in self.rows.items():
            lines.append(f"\nat {resolution}x{resolution}:")
            lines.append(f"{'method':<{width}}{'clips':>6}{'MSE 1..':>10}{'PSNR 1..':>10}"
                         f"{'SSIM 1..':>9}{'MSE all':>10}{'PSNR all':>10}{'SSIM all':>9}"
                         f"{'PSNR 0':>9}{'motion':>10}")
            for method, row in rows.items():
                lines.append(f"{method:<{width}}{row['clips']:>6}{row['mse']:>10.5f}"
                             f"{row['psnr']:>10.3f}{row['ssim']:>9.4f}{row['mse_all']:>10.5f}"
                             f"{row['psnr_all']:>10.3f}{row['ssim_all']:>9.4f}"
                             f"{row['psnr_first']:>9.2f}{row['motion']:>10.5f}")
            lines.append(f"{'real clips':<{width}}{self.clips:>6}{'':>67}"
                         f"{self.real_motion[resolution]:>10.5f}")
        if self.dynamics:
            lines.append(self._dynamics_table(width))
        if self.distances:
            over = (f"windows of {self.window} frames, {self.frames // self.window} a clip"
                    if self.window else "whole clips")
            lines.append(f"\nFVD and KVD (Kinetics-400 I3D logits at 224x224, over {over}; "
                         f"lower is closer to the real clips; KVD +- its jackknife standard "
                         f"error, over clips):")
            lines.append(f"{'method':<{width}}{'FVD':>10}{'KVD':>12}{'+-':>10}   clips")
            for method, entry in self.distances.items():
                lines.append(f"{method:<{width}}{_number(entry['fvd'], 10, 2)}"
                             f"{_number(entry['kvd'], 12, 3)}{_number(entry['kvd_se'], 10, 3)}"
                             f"   {entry['clips']} vs {entry['reference_clips']}")
            if self.clips < RELIABLE_CLIPS:
                lines.append(f"(fewer than {RELIABLE_CLIPS} clips: FVD is biased upwards and "
                             f"noisy on sets this small; KVD is unbiased, compare that)")
            lines.extend(self._per_clip_lines(width))
        return "\n".join(lines)

    def _per_clip_lines(self, width):
        """KVD of each clip's windows against its real clip's, where there are few clips."""
        rows = {m: e["per_clip"] for m, e in self.distances.items() if e.get("per_clip")}
        if not rows or self.clips > PER_CLIP_SHOWN:
            return []
        lines = [f"\nKVD per clip, its {self.frames // self.window} windows against the real "
                 f"clip's (in the JSON with FVD and errors):"]
        for method, clips in rows.items():
            values = " ".join(_number(clip["kvd"], 7, 1) for clip in clips)
            lines.append(f"{method:<{width}}{values}")
        return lines

    def _dynamics_table(self, width):
        resolution = next(iter(self.rows))
        lines = [f"\ndynamics at {resolution}x{resolution}, over each real clip's sky (see "
                 f"mdgan_tf.evaluation.dynamics): speed in pixels per frame (median, 90th "
                 f"percentile), evolution = the share of change that motion does not "
                 f"explain, perspective = top third's speed / the horizon's, light = change "
                 f"of mean brightness per frame:",
                 f"{'method':<{width}}{'clips':>6}{'speed':>9}{'p90':>9}{'evolution':>11}"
                 f"{'perspective':>13}{'light':>10}"]
        for method, row in self.dynamics.items():
            lines.append(f"{'real clips' if method == 'real' else method:<{width}}"
                         f"{row['clips']:>6}{row['speed']:>9.3f}{row['speed_p90']:>9.3f}"
                         f"{row['evolution']:>11.3f}{_number(row['perspective'], 13, 2)}"
                         f"{row['light']:>10.5f}")
        return "\n".join(lines)


def _number(value, width, decimals):
    return f"{'n/a':>{width}}" if value is None else f"{value:>{width}.{decimals}f}"


class _Sums:
    """Running per-frame sums of every score for one (resolution, method), and its clips."""

    def __init__(self):
        self.per_frame = {}
        self.clips = 0

    def add(self, name, values):
        values = np.asarray(values, np.float64).sum(axis=0)
        self.per_frame[name] = self.per_frame.get(name, 0.0) + values


@stops_as_data_errors()
def evaluate(model, source, *, clips=1000, seed=0, batch_size=8, resolution=None,
             paper_resolution=False, crop=False, progress=True, name=None, fvd=False,
             i3d_checkpoint=None, videos=(), window=0, dynamics=True):
    """Score stage I, stage II, the copy-first-frame baseline and `videos` on `clips` clips
    of `source` drawn with `seed` (all of them if it has fewer). Returns an EvaluationResult.

    `model`: a `VideoGenerator` (or anything with its `generate`), or None to score only `videos` and the baseline.
    `resolution`: the square size everything is scored at; the model's by default.
    `paper_resolution`: also score everything resized to 64x64, as the paper's tables are.
    `crop`: centre-crop the clips (and the given videos) to a square first.
    `fvd`: also compute FVD and KVD (needs the I3D weights, see `mdgan_tf.hub.i3d_weights`).
    `videos`: `VideoFolder`s of videos other methods made from the same first frames.
    The clips are as long as the source's (`source.frames`); the model chains clips to
    that length (`VideoGenerator.generate`).
    `window`: FVD and KVD over each clip's non-overlapping windows of this many frames (0:
    the whole clip).
    `dynamics`: also measure speed, evolution, perspective and light (see `dynamics`).
    """
    resolution = resolution or (model.config.resolution if model else None)
    if not resolution:
        raise InputError("without a model, give the scoring resolution")
    _check_names([folder.name for folder in videos])
    windows = _windows(source.frames, window) if fvd else 1
    sample = source.sample(clips, seed)
    given = {folder.name: _covered(folder, source, sample) for folder in videos}
    methods = (MODEL_METHODS if model else ()) + (COPY,) + tuple(given)
    if fvd and len(sample) < RELIABLE_CLIPS:
        logging.warning("FVD on %d clips: below %d it is biased upwards and noisy; KVD is not",
                        len(sample), RELIABLE_CLIPS)
    resolutions = [resolution]
    if paper_resolution and resolution != PAPER_RESOLUTION:
        resolutions.append(PAPER_RESOLUTION)
    sums = {(r, m): _Sums() for r in resolutions for m in methods + ("real",)}
    features = I3DFeatures(window or source.frames, i3d_checkpoint) if fvd else None
    sets = {m: FeatureSet() for m in methods + ("real", "real_even", "real_odd")}
    motions = {m: [] for m in methods + ("real",)} if dynamics else None
    to_square = square_frames(resolution, crop)
    data = make_dataset(sample, resolution, batch_size, shuffle=False, crop=crop,
                        with_index=True)
    done = 0
    # Said once each, after the progress bar: written while it runs, a warning landed on
    # the bar's line.
    left_out = {}
    with tqdm(total=len(sample), desc="evaluating", unit="clips", disable=not progress) as bar:
        for indices, real in data:
            indices = indices.numpy()
            first = real[:, 0]
            everyone = np.arange(len(indices))
            batch = {"real": (everyone, real),
                     COPY: (everyone, tf.repeat(first[:, None], source.frames, axis=1))}
            if model:
                for stage, method in enumerate(MODEL_METHODS, 1):
                    batch[method] = (everyone, model.generate(
                        first, stage, value_range=(-1, 1), dtype="float32",
                        frames=source.frames))
            for method, paths in given.items():
                batch[method] = _read_given(paths, indices, source.frames, to_square,
                                            left_out)
            for r in resolutions:
                scaled = {m: (at, _unit_range(v, r)) for m, (at, v) in batch.items()}
                _add_scores(sums, r, scaled)
                if motions is not None and r == resolution:
                    _add_dynamics(motions, scaled, indices)
            if features:
                _add_features(sets, features, batch, indices, windows)
            done += len(indices)
            bar.update(len(indices))
    for problem in left_out:
        logging.warning("%s; left out", problem)
    if done == 0:
        raise DataError(f"{source.description or source.kind}: no clip could be read")
    result = _result(sums, resolutions, methods, done, seed, source.frames,
                     name or (model.config.name if model else "no model"),
                     source.description or source.kind,
                     _distances(sets, methods, windows) if fvd else {})
    if motions is not None:
        result.dynamics = {m: dict(pooled(clips), per_clip=clips)
                           for m, clips in motions.items() if clips}
    result.window = window if fvd else 0
    return result


def _windows(frames, window):
    """How many non-overlapping `window`-frame windows a `frames`-frame clip has (1 for
    `window` 0, the whole clip), refused where I3D cannot take them."""
    from mdgan_tf.evaluation.i3d import MIN_FRAMES

    length = window or frames
    if window < 0 or length > frames:
        raise InputError(f"window must be 0 (whole clips) or 1 to the clip length {frames}, "
                         f"got {window}")
    if length < MIN_FRAMES:
        raise InputError(f"FVD needs at least {MIN_FRAMES} frames per clip or window, got "
                         f"{length}")
    return frames // length


def _covered(folder, source, sample):
    """{index in `sample`: video path} for `folder`, with one warning for what is missing
    on either side, and an error when nothing matches."""
    coverage = folder.coverage(source, sample)
    if not coverage.videos:
        raise DataError(
            f"--videos {folder.name}={folder.root}: none of its {len(folder.entries)} videos "
            f"has a sampled real clip's name (it has {next(iter(folder.entries))}, the data "
            f"{sample.clip_name(sample.clips[0])}); the folder must mirror the data's layout")
    if coverage.missing:
        logging.warning("--videos %s: %d of %d real clips have no video in %s, left out of "
                        "its rows: %s", folder.name, len(coverage.missing), len(sample),
                        folder.root, _named(coverage.missing))
    if coverage.unmatched:
        logging.warning("--videos %s: %d video(s) in %s match no real clip, not scored: %s",
                        folder.name, len(coverage.unmatched), folder.root,
                        _named(coverage.unmatched))
    return coverage.videos


def _named(items):
    more = len(items) - _NAMED_IN_WARNING
    return ", ".join(items[:_NAMED_IN_WARNING]) + (f", and {more} more" if more > 0 else "")


def _check_names(names):
    for name in names:
        if name in MODEL_METHODS + (COPY, "real", "real_vs_real") or names.count(name) > 1:
            raise InputError(f"--videos {name}=...: that name is taken; choose another")


def _read_given(paths, indices, frames, to_square, left_out):
    """(positions in the batch, their videos in [-1, 1] at the scoring size) for the clips
    of this batch that `paths` has a video for; one that does not decode is left out, its
    reason kept (once) in the dict `left_out` for a warning."""
    positions, videos = [], []
    for position, index in enumerate(indices):
        if index not in paths:
            continue
        try:
            video = read_given_video(paths[index], frames)
        except ValueError as error:
            left_out[str(error)] = None
            continue
        positions.append(position)
        videos.append(to_square(video) / 127.5 - 1.0)
    if not videos:
        return np.array([], np.int64), None
    return np.array(positions), tf.stack(videos)


def _add_scores(sums, resolution, scaled):
    everyone, real = scaled["real"]
    sums[resolution, "real"].add("motion", frame_motion(real))
    sums[resolution, "real"].clips += len(everyone)
    for method, (positions, videos) in scaled.items():
        if method == "real" or not len(positions):
            continue
        target = tf.gather(real, positions)
        entry = sums[resolution, method]
        mse = frame_mse(videos, target)
        entry.add("mse", mse)
        entry.add("psnr", psnr_from_mse(mse))
        entry.add("ssim", frame_ssim(videos, target))
        entry.add("motion", frame_motion(videos))
        entry.clips += len(positions)


def _add_dynamics(motions, scaled, indices):
    """Each clip's dynamics, for every method, over its real clip's sky."""
    real = np.round(scaled["real"][1].numpy() * 255).astype(np.uint8)
    skies = [sky_region(clip[0]) for clip in real]
    for method, (positions, videos) in scaled.items():
        if not len(positions):
            continue
        videos = real if method == "real" else np.round(videos.numpy() * 255).astype(np.uint8)
        for position, video in zip(positions, videos):
            motions[method].append(dict(clip_dynamics(video, skies[position]),
                                        clip=int(indices[position])))


def _add_features(sets, features, batch, indices, windows):
    """Accumulate each method's I3D features, a clip's `windows` windows one after another,
    with the clips they belong to, and the real clips' also by sample position parity."""
    for method, (positions, videos) in batch.items():
        if not len(positions):
            continue
        shape = tf.shape(videos)
        length = shape[1] // windows
        cut = tf.reshape(videos[:, :windows * length],
                         tf.concat([[-1, length], shape[2:]], 0))
        values = features(cut)
        clips = np.repeat(indices[positions], windows)
        sets[method].add(values, clips)
        if method == "real":
            even = clips % 2 == 0
            sets["real_even"].add(values[even], clips[even])
            sets["real_odd"].add(values[~even], clips[~even])


def _distances(sets, methods, windows):
    rows = {method: _distance_row(sets[method], sets["real"], windows, paired=True)
            for method in methods}
    rows["real_vs_real"] = _distance_row(sets["real_even"], sets["real_odd"], windows,
                                         paired=False)
    return rows


def _distance_row(videos, reference, windows, paired):
    """FVD and KVD of `videos` against `reference`, with `windows` feature rows a clip.
    `paired`: each video was made from the reference clip of the same number. KVD never
    compares rows of one clip (its windows, a video and its clip; see `kvd`)."""
    video_clips, reference_clips = np.array(videos.clips), np.array(reference.clips)
    video_features, reference_features = videos.features, reference.features
    clips = len(set(video_clips.tolist())), len(set(reference_clips.tolist()))
    kvd, kvd_se = None, None
    if min(clips) >= 3:
        kvd, kvd_se = kernel_distance(video_features, reference_features, video_clips,
                                      reference_clips)
    row = {"fvd": fvd(videos, reference) if min(videos.count, reference.count) >= 2 else None,
           "kvd": kvd, "kvd_se": kvd_se, "clips": clips[0], "reference_clips": clips[1],
           "windows": windows}
    if paired and windows > 1:
        row["per_clip"] = [
            _clip_distance(video_features[video_clips == clip],
                           reference_features[reference_clips == clip], clip)
            for clip in dict.fromkeys(video_clips.tolist())]
    return row


def _clip_distance(video_features, reference_features, clip):
    """One clip's windows against its real clip's, as two sets of independent draws."""
    mine, theirs = FeatureSet(), FeatureSet()
    mine.add(video_features)
    theirs.add(reference_features)
    kvd, kvd_se = (kernel_distance(mine.features, theirs.features)
                   if min(mine.count, theirs.count) >= 3 else (None, None))
    return {"clip": int(clip), "fvd": fvd(mine, theirs), "kvd": kvd, "kvd_se": kvd_se}


def _unit_range(videos, resolution):
    """N x T x H x W x 3 in [-1, 1] -> at the scoring resolution, in [0, 1]."""
    if videos is None:
        return None
    shape = tf.shape(videos)
    frames = tf.reshape(tf.cast(videos, tf.float32), tf.concat([[-1], shape[2:]], 0))
    frames = fit_to_model(frames, resolution)
    return (tf.reshape(frames, tf.concat([shape[:2], [resolution, resolution, 3]], 0)) + 1) / 2


def _result(sums, resolutions, methods, clips, seed, frames, name, data, distances):
    rows, per_frame, real_motion = {}, {}, {}
    for resolution in resolutions:
        rows[resolution], per_frame[resolution] = {}, {}
        for method in methods:
            entry = sums[resolution, method]
            if not entry.clips:
                logging.warning("%s: no video could be read; no row", method)
                continue
            curves = {k: (v / entry.clips).tolist() for k, v in entry.per_frame.items()}
            per_frame[resolution][method] = curves
            row = {k: float(np.mean(curves[k][1:])) for k in SCORES}
            row.update({f"{k}_all": float(np.mean(curves[k])) for k in SCORES})
            row["psnr_first"] = float(curves["psnr"][0])
            row["motion"] = float(np.mean(curves["motion"]))
            row["clips"] = entry.clips
            rows[resolution][method] = row
        real = sums[resolution, "real"]
        real_motion[resolution] = float(np.mean(real.per_frame["motion"]) / real.clips)
    return EvaluationResult(model=name, data=data, clips=clips, seed=seed, frames=frames,
                            rows=rows, per_frame=per_frame, real_motion=real_motion,
                            distances=distances)
