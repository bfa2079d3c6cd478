"""Video files written with PyAV come back as clips, in order, with the stride applied."""

import av
import numpy as np
import pytest

from mdgan_tf.data import DataError, VideoFileSource, make_dataset, open_source

T = 4


def write_video(path, levels, codec="libx264", size=(32, 48)):
    """A video whose frame i is flat gray at `levels[i]` (so frames can be told apart)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=25)
        stream.height, stream.width = size
        stream.pix_fmt = "yuv420p"
        if codec == "libx264":
            stream.options = {"qp": "0"}
        for level in levels:
            image = np.full((*size, 3), level, np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(image, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path


def levels_of(source, resolution=16):
    clips = np.concatenate(list(make_dataset(source, resolution, 4, shuffle=False)))
    return np.round((clips.mean(axis=(2, 3, 4)) + 1) * 127.5)


def test_mp4_round_trips_to_clips(tmp_path):
    path = write_video(tmp_path / "clip.mp4", [8 * i for i in range(2 * T + 3)])
    source = VideoFileSource(path, frames=T)
    assert [(c.video_id, c.start) for c in source.clips] == [("clip", 0), ("clip", T)]
    levels = levels_of(source)
    expected = np.array([[8 * i for i in range(T)], [8 * i for i in range(T, 2 * T)]])
    assert np.abs(levels - expected).max() <= 2


def test_stride_keeps_every_nth_frame(tmp_path):
    path = write_video(tmp_path / "clip.mp4", [6 * i for i in range(3 * T)])
    source = VideoFileSource(path, frames=T, stride=3)
    assert len(source.clips) == 1
    assert np.abs(levels_of(source)[0] - [0, 18, 36, 54]).max() <= 2


def test_a_folder_of_containers_and_a_bad_file(tmp_path, caplog):
    write_video(tmp_path / "a.mp4", [10 * i for i in range(T)])
    write_video(tmp_path / "sub" / "b.avi", [20 * i for i in range(T)], codec="mpeg4")
    write_video(tmp_path / "c.webm", [5 * i for i in range(T)], codec="libvpx-vp9")
    write_video(tmp_path / "short.mkv", [0] * (T - 1))
    (tmp_path / "broken.mov").write_bytes(b"\x00\x00\x00\x18ftypqt  " + b"\x13" * 300)
    source = open_source(tmp_path, frames=T)
    assert isinstance(source, VideoFileSource)
    assert [c.video_id for c in source.clips] == ["a", "c", "sub_b"]
    assert sorted(s.item.rsplit("/", 1)[-1] for s in source.skipped) == ["broken.mov", "short.mkv"]
    assert "broken.mov" in caplog.text and "short.mkv" in caplog.text
    levels = levels_of(source)
    assert np.abs(levels[0] - [0, 10, 20, 30]).max() <= 2
    # mpeg4 at its default bitrate is lossy on flat frames: order is what is checked here.
    assert np.all(np.diff(levels[2]) > 5)


def test_clip_from_a_file_damaged_after_scanning_is_dropped_not_fatal(tmp_path, caplog):
    good = write_video(tmp_path / "good.mp4", [10 * i for i in range(T)])
    bad = write_video(tmp_path / "bad.mp4", [10 * i for i in range(T)])
    source = VideoFileSource(tmp_path, frames=T)
    bad.write_bytes(b"garbage")
    clips = np.concatenate(list(make_dataset(source, 16, 4, shuffle=False)))
    assert clips.shape[0] == 1 and good.exists()
    assert "bad.mp4" in caplog.text


def test_no_videos_fails_at_the_start(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        VideoFileSource(tmp_path / "absent.mp4")
    (tmp_path / "x.mp4").write_bytes(b"not a video")
    with pytest.raises(DataError, match="no usable clip"):
        VideoFileSource(tmp_path, frames=T)
