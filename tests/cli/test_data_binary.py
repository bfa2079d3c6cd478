"""mdgan-data from the command line: synthesize, summarize, import, pack, first frames;
errors are one line."""

import json
import re

import av
import numpy as np
import tensorflow as tf
from binary_cases import run_cases
from PIL import Image


def test_synthesize_summarize_pack(tmp_path):
    sky, packed = tmp_path / "sky", tmp_path / "rec"
    results = run_cases("mdgan_tf.cli.data", [
        ["synthesize", f"--output={sky}", "--videos=3", "--clips_per_video=2", "--frames=4",
         "--resolution=32", "--sky_heading=0"],
        ["summary", f"--data={sky}", "--frames=4", "--json"],
        ["pack", f"--data={sky}", f"--output={packed}", "--frames=4", "--split=train"],
        ["summary", f"--data={packed}", "--frames=4", "--json"],
        ["first_frames", f"--data={sky}", "--frames=4", f"--output={tmp_path / 'photos'}"],
    ])
    assert [r["status"] for r in results] == [0] * 5, [r["stderr"][-1000:] for r in results]
    synthesized, summary, pack, packed_summary, first_frames = results
    assert "wrote 6 clips of 3 videos" in synthesized["stdout"]
    assert re.search(r"synthesize: 100%.* 6/6 ", synthesized["stderr"])   # the progress line
    counts = json.loads(summary["stdout"])
    assert (counts["videos"], counts["clips"], counts["frames"], counts["skipped"]) == (3, 6, 24, 0)
    assert "packed" in pack["stdout"]
    clips = json.loads(packed_summary["stdout"])["clips"]
    assert 0 < clips < 6 and clips % 2 == 0   # whole videos only
    # One photo per clip folder (its first clip's first frame), named as the folder.
    assert "wrote the first frames of 3 clips" in first_frames["stdout"]
    photos = sorted(p.relative_to(tmp_path / "photos").as_posix()
                    for p in (tmp_path / "photos").rglob("*.png"))
    assert photos == [f"synth_0000{v}/synth_0000{v}_1.png" for v in range(3)]
    written = np.stack([tf.io.decode_jpeg(frame.read_bytes()).numpy() for frame in
                        sorted((sky / "synth_00001" / "synth_00001_1").iterdir())])
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "photos" / photos[1])),
                                  written[0])
    # --sky_heading reached the generator: the clip is the headed scene's, not the free one's.
    from mdgan_tf.data import render_clip
    error = {heading: np.abs(written[:4] - render_clip(0, 1, 0, 4, 32, 2, heading=heading)
                             .astype(float)).mean() for heading in (0, None)}
    assert error[0] < 0.6 * error[None]   # JPEG alone errs by about 3 levels at 32x32


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
    imported, usage = run_cases("mdgan_tf.cli.data", [
        ["import_videos", f"--data={tmp_path / 'videos'}", f"--output={tmp_path / 'sky'}",
         "--frames=4", "--stride=2"],
        ["bogus"],
    ])
    assert imported["status"] == 0, imported["stderr"][-2000:]
    assert "wrote 2 clips of 1 videos" in imported["stdout"]
    assert usage["status"] != 0 and "give one command" in usage["stderr"]
    frames = sorted((tmp_path / "sky" / "walk" / "walk_1").iterdir())
    assert [f.name for f in frames[:2]] == ["walk_frames_00000000.jpg", "walk_frames_00000001.jpg"]
    assert len(frames) == 8
