"""mdgan-data from the command line: synthesize, summarize, import, pack; errors are one line."""

import json
import re
import os
import subprocess
import sys

import av
import numpy as np


def mdgan_data(*args, check=True):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run([sys.executable, "-m", "mdgan_tf.cli.data", *args], env=env,
                            capture_output=True, text=True, timeout=300)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_synthesize_summarize_pack(tmp_path):
    out = mdgan_data("synthesize", f"--output={tmp_path / 'sky'}", "--videos=3",
                     "--clips_per_video=2", "--frames=4", "--resolution=32")
    assert "wrote 6 clips of 3 videos" in out.stdout
    assert re.search(r"synthesize: 100%.* 6/6 ", out.stderr)   # the progress line

    summary = json.loads(mdgan_data("summary", f"--data={tmp_path / 'sky'}", "--frames=4",
                                    "--json").stdout)
    assert (summary["videos"], summary["clips"], summary["frames"], summary["skipped"]) == (3, 6, 24, 0)

    out = mdgan_data("pack", f"--data={tmp_path / 'sky'}", f"--output={tmp_path / 'rec'}",
                     "--frames=4", "--split=train")
    assert "packed" in out.stdout
    packed = json.loads(mdgan_data("summary", f"--data={tmp_path / 'rec'}", "--frames=4",
                                   "--json").stdout)
    assert 0 < packed["clips"] < 6 and packed["clips"] % 2 == 0   # whole videos only


def test_import_videos_into_the_sky_layout(tmp_path):
    (tmp_path / "videos").mkdir()
    with av.open(str(tmp_path / "videos" / "walk.mp4"), "w") as container:
        stream = container.add_stream("libx264", rate=30)
        stream.height, stream.width, stream.pix_fmt = 36, 64, "yuv420p"
        for i in range(20):
            frame = av.VideoFrame.from_ndarray(np.full((36, 64, 3), 10 * i, np.uint8), "rgb24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    out = mdgan_data("import_videos", f"--data={tmp_path / 'videos'}",
                     f"--output={tmp_path / 'sky'}", "--frames=4", "--stride=2")
    assert "wrote 2 clips of 1 videos" in out.stdout
    frames = sorted((tmp_path / "sky" / "walk" / "walk_1").iterdir())
    assert [f.name for f in frames[:2]] == ["walk_frames_00000000.jpg", "walk_frames_00000001.jpg"]
    assert len(frames) == 8


def test_errors_are_one_clear_line(tmp_path):
    missing = mdgan_data("summary", f"--data={tmp_path / 'absent'}", check=False)
    assert missing.returncode == 1
    assert missing.stderr.strip().endswith("no such file or directory (nor 'synthetic')")
    assert "Traceback" not in missing.stderr
    usage = mdgan_data("bogus", check=False)
    assert usage.returncode != 0 and "give one command" in usage.stderr
