"""mdgan-evaluate --videos: other methods' videos, matched to the real clips by relative path,
of any size and length, as frame folders or video files; missing ones named and counted."""

import logging
import shutil

import numpy as np
import pytest
from PIL import Image

from mdgan_tf.data import SkyTimelapseSource
from mdgan_tf.evaluation import VideoFolder, evaluate
from mdgan_tf.evaluation.metrics import PSNR_CAP
from mdgan_tf.inference import write_video


def frames_of(folder):
    return np.stack([np.asarray(Image.open(p)) for p in sorted(folder.iterdir())])


def test_other_sizes_lengths_and_formats_are_matched_and_resized(small_real_clips, tmp_path,
                                                                caplog):
    """A copy of the real clips scores exactly; frame folders at another size and length and
    MP4 files score close; a folder lacking clips is warned about and counted."""
    real, clip_folders = small_real_clips.root, small_real_clips.clip_folders
    copy, pngs, mp4s, partial = (tmp_path / name for name in ("copy", "pngs", "mp4s", "partial"))
    shutil.copytree(real, copy)
    for folder in clip_folders:
        name = folder.relative_to(real)
        frames = frames_of(folder)
        larger = [Image.fromarray(f).resize((48, 40), Image.BICUBIC) for f in frames]
        (pngs / name).mkdir(parents=True)
        for t, frame in enumerate(larger + larger[-4:]):   # 36 frames: only 32 are scored
            frame.save(pngs / name / f"{t + 1:02d}.png")
        write_video((mp4s / name).with_suffix(".mp4"), np.stack([np.asarray(f) for f in larger]))
    first, second = clip_folders[:2]
    shutil.copytree(first, partial / first.relative_to(real))
    write_video(partial / "stray" / "0.mp4", frames_of(second))
    (partial / "short").mkdir()
    write_video(partial / "short" / "0.gif", frames_of(second)[:5])

    source = SkyTimelapseSource(real, 32, first_clip_only=True)
    folders = [VideoFolder(n, tmp_path / n) for n in ("copy", "pngs", "mp4s", "partial")]
    with caplog.at_level(logging.WARNING):
        result = evaluate(None, source, batch_size=3, resolution=32, progress=False,
                          videos=folders)
    rows = result.rows[32]
    assert list(rows) == ["copy_first_frame", "copy", "pngs", "mp4s", "partial"]
    assert rows["copy"]["psnr"] == pytest.approx(PSNR_CAP) and rows["copy"]["ssim"] == 1.0
    assert rows["copy"]["motion"] == pytest.approx(result.real_motion[32])
    for near in ("pngs", "mp4s"):
        assert rows[near]["clips"] == len(clip_folders) and 26 < rows[near]["psnr"] < PSNR_CAP
    assert rows["pngs"]["psnr"] > rows["copy_first_frame"]["psnr"]
    assert rows["partial"]["clips"] == 1 and rows["copy"]["clips"] == len(clip_folders)
    warnings = caplog.text
    count = len(clip_folders)
    assert f"--videos partial: {count - 1} of {count} real clips have no video" in warnings
    assert second.relative_to(real).as_posix() in warnings
    assert "2 video(s) in" in warnings and "stray/0" in warnings and "short/0" in warnings
