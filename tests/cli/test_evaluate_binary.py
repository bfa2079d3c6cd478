"""mdgan-evaluate --no_model --videos: given videos alone, FVD and KVD, one-line errors."""

import json
import shutil

import pytest
from binary_cases import run_cases

from mdgan_tf.evaluation.metrics import PSNR_CAP


def synthetic_clip_files(folders, frames, seed):
    """Three synthetic 32x32 clips of `frames` frames, written as clip_<i>.mp4 into each of
    `folders`."""
    from mdgan_tf.data import SyntheticSkySource, make_dataset
    from mdgan_tf.inference import write_video

    source = SyntheticSkySource(videos=3, clips_per_video=1, frames=frames, size=32, seed=seed)
    for i, (clip,) in enumerate(make_dataset(source, 32, 1, shuffle=False).as_numpy_iterator()):
        video = ((clip + 1) * 127.5).round().astype("uint8")
        for folder in folders:
            write_video(folder / f"clip_{i}.mp4", video)


def test_mdgan_evaluate_scores_given_videos_alone_with_fvd_and_kvd(small_real_clips, tmp_path):
    real, clip_folders = small_real_clips.root, small_real_clips.clip_folders
    copy, partial = tmp_path / "copy", tmp_path / "partial"
    shutil.copytree(real, copy)
    for folder in clip_folders[:2]:
        shutil.copytree(folder, partial / folder.relative_to(real))
    scores = tmp_path / "scores.json"
    # FVD's I3D on 16 of the clips' 32 frames: half the cost, the same code path.
    common = ["--data", real, "--first_clip_only", "--no_model", "--resolution", 32,
              "--frames", 16]
    ok, *errors = run_cases("mdgan_tf.cli.evaluate", [
        [*common, "--videos", f"copy={copy}", "--videos", f"partial={partial}", "--fvd",
         "--json", scores],
        [*common, "--videos", f"copy{copy}"],
        [*common],
        [*common, "--videos", f"copy={copy}", "--videos", f"copy={partial}"],
        [*common, "--videos", f"elsewhere={copy / clip_folders[0].parent.name}"],
    ])
    assert ok["status"] == 0, ok["stderr"][-3000:]
    result = json.loads(scores.read_text())
    assert result["model"] == "no model" and result["clips"] == len(clip_folders)
    assert list(result["rows"]["32"]) == ["copy_first_frame", "copy", "partial"]
    copied = result["rows"]["32"]["copy"]
    assert copied["psnr"] == pytest.approx(PSNR_CAP) and copied["ssim"] == 1.0
    distances = result["distances"]
    assert distances["copy"]["fvd"] == pytest.approx(0, abs=1e-3)
    # Each video's own clip is left out of KVD's cross term, so a copy scores exactly 0
    # (kept in, a set against itself would score below 0); a still frame 0 does not.
    assert distances["copy"]["kvd"] == pytest.approx(0, abs=1e-9)
    assert distances["copy_first_frame"]["kvd"] > 1
    partial_row = distances["partial"]
    assert (partial_row["clips"], partial_row["reference_clips"]) == (2, len(clip_folders))
    assert partial_row["kvd"] is None      # 2 clips: too few for KVD's jackknife
    assert "KVD" in ok["stdout"] and "n/a" in ok["stdout"]
    messages = [e["stderr"].strip().splitlines()[-1] for e in errors]
    assert [e["status"] for e in errors] == [1] * 4, messages
    assert "expected NAME=DIR" in messages[0]
    assert "--no_model scores the --videos" in messages[1]
    assert "that name is taken" in messages[2]
    assert "none of its 1 videos has a sampled real clip's name" in messages[3]


def test_long_clips_from_video_files_are_scored_in_windows_with_dynamics(tmp_path):
    """30-frame clips read from MP4 files, FVD and KVD over 10-frame windows (3 a clip),
    per clip and pooled, and the dynamics of each method beside the real clips'."""
    real, copy = tmp_path / "real", tmp_path / "copy"
    synthetic_clip_files((real, copy), frames=30, seed=3)
    scores = tmp_path / "scores.json"
    common = ["--data", real, "--frames", 30, "--no_model", "--resolution", 32]
    ok, *errors = run_cases("mdgan_tf.cli.evaluate", [
        [*common, "--videos", f"copy={copy}", "--fvd", "--window", 10, "--json", scores],
        [*common, "--videos", f"copy={copy}", "--window", 10],
        [*common, "--videos", f"copy={copy}", "--fvd", "--window", 8],
    ])
    assert ok["status"] == 0, ok["stderr"][-3000:]
    result = json.loads(scores.read_text())
    assert (result["frames"], result["clips"], result["window"]) == (30, 3, 10)
    copied = result["distances"]["copy"]
    assert (copied["clips"], copied["windows"]) == (3, 3)
    assert copied["fvd"] == pytest.approx(0, abs=1e-3)
    assert copied["kvd"] == pytest.approx(0, abs=1e-9)   # same windows, none of one clip paired
    assert len(copied["per_clip"]) == 3
    assert copied["per_clip"][0]["fvd"] == pytest.approx(0, abs=1e-3)
    assert result["distances"]["copy_first_frame"]["kvd"] > 0.5
    dynamics = result["dynamics"]
    assert dynamics["copy"]["speed"] == pytest.approx(dynamics["real"]["speed"])
    assert dynamics["copy"]["evolution"] == pytest.approx(dynamics["real"]["evolution"])
    assert dynamics["real"]["speed"] > 0.1 and dynamics["copy_first_frame"]["speed"] < 0.01
    assert len(dynamics["real"]["per_clip"]) == 3
    assert "windows of 10 frames, 3 a clip" in ok["stdout"] and "evolution" in ok["stdout"]
    assert "KVD per clip, its 3 windows against the real clip's" in ok["stdout"]
    messages = [e["stderr"].strip().splitlines()[-1] for e in errors]
    assert [e["status"] for e in errors] == [1] * 2, messages
    assert "--window sets FVD's windows: give --fvd too" in messages[0]
    assert "at least 9 frames per clip or window, got 8" in messages[1]


def test_a_video_that_does_not_decode_is_named_once_on_a_line_of_its_own(tmp_path):
    """Written while the progress bar ran, the warning landed on the bar's line; it is said
    once, after the bar."""
    import subprocess
    import sys

    real, given = tmp_path / "real", tmp_path / "given"
    synthetic_clip_files((real, given), frames=8, seed=5)
    (given / "clip_1.mp4").write_bytes(b"not a video")
    result = subprocess.run(
        [sys.executable, "-m", "mdgan_tf.cli.evaluate", "--data", str(real), "--frames", "8",
         "--no_model", "--resolution", "32", "--batch_size", "1", "--nodynamics",
         "--videos", f"given={given}"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stderr.replace("\r", "\n").splitlines()
    named = [line for line in lines if "clip_1.mp4" in line]
    assert len(named) == 1, result.stderr[-3000:]
    assert "evaluating" not in named[0] and named[0].endswith("left out"), named
