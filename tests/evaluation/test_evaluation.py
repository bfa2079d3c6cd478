"""mdgan-evaluate: the paper's metrics as scikit-image computes them, motion, seeding."""

import json
import re
import subprocess
import sys

import numpy as np
import pytest
from skimage.metrics import mean_squared_error, peak_signal_noise_ratio, structural_similarity

from mdgan_tf import MDGAN
from mdgan_tf.data import SyntheticSkySource
from mdgan_tf.evaluation import evaluate
from mdgan_tf.evaluation.metrics import (
    PSNR_CAP, frame_motion, frame_mse, frame_ssim, psnr_from_mse,
)

SHIPPED = "mdgan_sky_synthetic_64"


def videos(seed, shape=(2, 3, 20, 23, 3)):
    """Pairs of related videos in [0, 1]: a smooth pattern, and it plus noise."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:shape[2], 0:shape[3]] / 10.0
    base = 0.5 + 0.4 * np.sin(x + 2 * y + rng.uniform(0, 6, shape[:2])[..., None, None])
    base = np.repeat(base[..., None], 3, axis=-1) * rng.uniform(0.6, 1.0, 3)
    noisy = np.clip(base + rng.normal(0, 0.05, shape), 0, 1)
    return noisy, base


@pytest.mark.parametrize("seed", [0, 1])
def test_mse_psnr_ssim_agree_with_scikit_image(seed):
    generated, real = videos(seed)
    mse = frame_mse(generated, real).numpy()
    psnr = psnr_from_mse(frame_mse(generated, real)).numpy()
    ssim = frame_ssim(generated, real)
    for n in range(generated.shape[0]):
        for t in range(generated.shape[1]):
            a, b = real[n, t], generated[n, t]
            assert abs(mse[n, t] - mean_squared_error(a, b)) < 1e-4
            assert abs(psnr[n, t] - peak_signal_noise_ratio(a, b, data_range=1.0)) < 1e-4
            expected = structural_similarity(a, b, data_range=1.0, channel_axis=-1)
            assert abs(ssim[n, t] - expected) < 1e-4
    assert 0.3 < ssim.min() < 0.99  # the test pairs are neither identical nor unrelated


def test_motion_of_simple_videos_and_a_finite_psnr_for_identical_frames():
    _, real = videos(2)
    still = np.repeat(real[:, :1], 3, axis=1)
    assert np.all(frame_motion(still).numpy() == 0)
    assert np.all(frame_motion(real).numpy() > 0.01)
    np.testing.assert_allclose(psnr_from_mse(frame_mse(still, still)).numpy(), PSNR_CAP)


@pytest.fixture(scope="module")
def shipped():
    return MDGAN.from_pretrained(SHIPPED)


@pytest.fixture(scope="module")
def held_out():
    """Synthetic scenes the shipped model never saw (it was trained on seed 0)."""
    return SyntheticSkySource(videos=4, clips_per_video=2, frames=32, size=64, seed=1)


def test_the_baseline_does_not_move_and_the_shipped_model_does(shipped, held_out):
    result = evaluate(shipped, held_out, clips=4, seed=0, batch_size=4, progress=False)
    rows = result.rows[64]
    assert rows["copy_first_frame"]["motion"] == 0
    assert rows["stage1"]["motion"] > 1e-3 and rows["stage2"]["motion"] > 1e-3
    assert result.real_motion[64] > 1e-3
    assert result.clips == 4
    curves = result.per_frame[64]["stage2"]
    assert len(curves["psnr"]) == 32 and len(curves["motion"]) == 31
    # Frame 0 is the input: the baseline copies it exactly (the PSNR cap), the models
    # regenerate it, so "all frames" differs from "1..T-1" and stays finite.
    assert result.per_frame[64]["copy_first_frame"]["psnr"][0] == pytest.approx(PSNR_CAP)
    copy = rows["copy_first_frame"]
    assert np.isfinite(copy["psnr_all"]) and copy["psnr_all"] > copy["psnr"]
    assert rows["stage1"]["psnr_all"] != rows["stage1"]["psnr"]


def test_clips_longer_than_the_model_are_chained_and_measured_for_their_dynamics(shipped):
    long_clips = SyntheticSkySource(videos=2, clips_per_video=1, frames=40, size=64, seed=1)
    result = evaluate(shipped, long_clips, clips=2, batch_size=2, progress=False)
    assert result.frames == 40 and len(result.per_frame[64]["stage2"]["psnr"]) == 40
    dynamics = result.dynamics
    assert set(dynamics) == {"stage1", "stage2", "copy_first_frame", "real"}
    assert dynamics["real"]["speed"] > 0.1 and dynamics["copy_first_frame"]["speed"] < 0.01
    assert [clip["clip"] for clip in dynamics["stage2"]["per_clip"]] == [0, 1]
    assert "evolution" in result.table() and result.window == 0


def test_the_same_seed_gives_the_same_clips_and_numbers(shipped, held_out):
    assert held_out.sample(3, seed=5).clips == held_out.sample(3, seed=5).clips
    assert held_out.sample(3, seed=5).clips != held_out.sample(3, seed=6).clips
    first = evaluate(shipped, held_out, clips=3, seed=5, batch_size=2, progress=False)
    again = evaluate(shipped, held_out, clips=3, seed=5, batch_size=2, progress=False)
    assert first.to_json() == again.to_json()
    other = evaluate(shipped, held_out, clips=3, seed=6, batch_size=2, progress=False)
    assert other.rows != first.rows


def test_mdgan_evaluate_prints_a_table_and_writes_json_and_curves(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.evaluate", "--data",
         "synthetic:videos=4,clips_per_video=1,seed=3", "--clips", "4", "--batch_size", "2",
         "--frames", "16", "--paper_resolution", "--fvd", "--json", tmp_path / "scores.json",
         "--plot",
         tmp_path / "curves.png"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    for method in ("stage1", "stage2", "copy_first_frame", "real clips", "real_vs_real", "KVD"):
        assert method in result.stdout
    assert "fewer than 256 clips: FVD is biased" in result.stdout
    scores = json.loads((tmp_path / "scores.json").read_text())
    # The default model's 128x128, and the paper's 64x64 (--paper_resolution).
    assert scores["clips"] == 4 and list(scores["rows"]) == ["128", "64"]
    for row in scores["rows"].values():
        assert set(row) == {"stage1", "stage2", "copy_first_frame"}
    distances = scores["distances"]
    assert set(distances) == {"stage1", "stage2", "copy_first_frame", "real_vs_real"}
    assert distances["stage1"]["clips"] == 4 and distances["real_vs_real"]["clips"] == 2
    assert all(np.isfinite(row["fvd"]) and row["fvd"] >= 0 for row in distances.values())
    assert distances["stage2"]["fvd"] > 0
    assert np.isfinite(distances["stage2"]["kvd"]) and distances["stage2"]["kvd_se"] > 0
    assert distances["real_vs_real"]["kvd"] is None   # 2 vs 2 clips: too few for KVD
    assert (tmp_path / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert re.search(r"evaluating: 100%.* 4/4 ", result.stderr)   # the progress line


def test_an_output_into_a_missing_folder_fails_before_the_run(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.evaluate", "--data",
         "synthetic:videos=4,clips_per_video=1,seed=3", "--clips", "4",
         "--json", tmp_path / "missing" / "scores.json"], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"mdgan-evaluate: {tmp_path / 'missing' / 'scores.json'}: its folder does not exist; "
        f"create it first")
    assert "evaluating" not in result.stderr   # no clip was scored
