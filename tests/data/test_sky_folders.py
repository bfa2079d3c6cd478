"""Sky Timelapse folders: the right clips in order, bad items skipped, counted and named."""

import logging

import numpy as np
import pytest
import tensorflow as tf

from mdgan_tf.data import DataError, SkyTimelapseSource, make_dataset, write_sky_layout
from mdgan_tf.data import SyntheticSkySource

T = 4


def frame(value, size=(24, 32), channels=3):
    """A flat frame whose brightness tells which frame it is."""
    return np.full((*size, channels), value, np.uint8)


def write(path, image, kind="jpg"):
    path.parent.mkdir(parents=True, exist_ok=True)
    encoded = tf.io.encode_png(image) if kind == "png" else tf.io.encode_jpeg(image, quality=100)
    path.write_bytes(encoded.numpy())
    return path


def brightness(clips):
    """Mean level of each frame, back in 0..255."""
    return np.round((np.asarray(clips).mean(axis=(-3, -2, -1)) + 1) * 127.5)


@pytest.fixture
def tree(tmp_path):
    """v1: one folder of 2T+1 frames, names not zero-padded, and a folder of T-2 frames;
    v2: 2T frames, one of the second run truncated; v3: T grayscale frames; v4: RGBA PNGs of
    mixed sizes, and a file that is not an image among them."""
    root = tmp_path / "sky"
    for i in range(2 * T + 1):
        write(root / "v1" / "v1_1" / f"f_{i}.jpg", frame(10 * i))
    for i in range(T - 2):
        write(root / "v1" / "v1_2" / f"f_{i}.jpg", frame(200))
    for i in range(2 * T):
        write(root / "v2" / "v2_1" / f"f_{i:03d}.jpg", frame(100 + 10 * i))
    bad = root / "v2" / "v2_1" / f"f_{T + 1:03d}.jpg"
    bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 2])
    for i in range(T):
        write(root / "v3" / "v3_1" / f"f_{i}.jpg", frame(50 + 5 * i, channels=1))
    for i in range(T):
        size = (24, 32) if i % 2 else (30, 20)
        write(root / "v4" / "v4_1" / f"f_{i}.png", frame(80, size, channels=4), kind="png")
    (root / "v4" / "v4_2").mkdir()
    for i in range(T):
        write(root / "v4" / "v4_2" / f"f_{i}.jpg", frame(90))
    (root / "v4" / "v4_2" / "f_2.jpg").write_text("not an image")
    return root


def test_tree_gives_exactly_the_clips_it_should(tree, caplog):
    with caplog.at_level(logging.WARNING, "mdgan_tf.data"):
        source = SkyTimelapseSource(tree, frames=T)
    assert [(c.video_id, c.segment, c.start) for c in source.clips] == [
        ("v1", "v1_1", 0), ("v1", "v1_1", T), ("v2", "v2_1", 0), ("v3", "v3_1", 0),
        ("v4", "v4_1", 0),
    ]
    reasons = sorted(s.reason.split(";")[0] for s in source.skipped)
    assert reasons == [f"{T - 2} frames, fewer than {T}", "not a JPEG or PNG image",
                       "truncated JPEG (no end-of-image marker)"]
    # One warning, naming every skipped file.
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    for name in ("v1_2", f"f_{T + 1:03d}.jpg", "f_2.jpg"):
        assert name in warnings[0].getMessage()

    clips = np.concatenate(list(make_dataset(source, 16, batch_size=2, shuffle=False)))
    assert clips.shape == (5, T, 16, 16, 3)
    levels = brightness(clips)
    # Natural order (f_2 before f_10), consecutive non-overlapping runs; the frame left
    # over after the second run of v1 is not used.
    assert np.abs(levels[0] - [0, 10, 20, 30]).max() <= 2
    assert np.abs(levels[1] - [40, 50, 60, 70]).max() <= 2
    assert np.abs(levels[2] - [100, 110, 120, 130]).max() <= 2
    # Grayscale comes back as RGB with equal channels; RGBA and mixed sizes are converted.
    assert np.abs(levels[3] - [50, 55, 60, 65]).max() <= 2
    assert np.abs(clips[3][..., 0] - clips[3][..., 2]).max() == 0.0
    assert np.abs(levels[4] - 80).max() <= 1


def test_authors_test_protocol_takes_the_first_clip_of_each_folder(tree):
    source = SkyTimelapseSource(tree, frames=T, first_clip_only=True)
    assert [(c.video_id, c.start) for c in source.clips] == [
        ("v1", 0), ("v2", 0), ("v3", 0), ("v4", 0)]


def test_verify_catches_what_the_quick_check_cannot(tree):
    """A file with whole JPEG ends but garbage inside passes the quick check only."""
    good = tree / "v3" / "v3_1" / "f_0.jpg"
    data = good.read_bytes()
    good.write_bytes(data[:3] + b"\x00" * (len(data) - 5) + data[-2:])
    assert len(SkyTimelapseSource(tree, frames=T).clips) == 5
    verified = SkyTimelapseSource(tree, frames=T, verify=True)
    assert [c.video_id for c in verified.clips] == ["v1", "v1", "v2", "v4"]
    assert any("does not decode" in s.reason for s in verified.skipped)


def test_missing_empty_and_unusable_roots_fail_at_the_start(tmp_path):
    with pytest.raises(DataError, match="no such directory"):
        SkyTimelapseSource(tmp_path / "absent")
    with pytest.raises(DataError, match="no video folders"):
        SkyTimelapseSource(tmp_path)
    for i in range(2):
        write(tmp_path / "v" / "c" / f"{i}.jpg", frame(0))
    with pytest.raises(DataError, match="no usable clip of 4 frames; skipped: 1"):
        SkyTimelapseSource(tmp_path, frames=4)


def test_written_layout_reads_back_as_the_same_clips(tmp_path):
    synthetic = SyntheticSkySource(videos=2, clips_per_video=2, frames=T, size=32)
    assert write_sky_layout(synthetic, tmp_path) == 4
    assert sorted(p.name for p in (tmp_path / "synth_00001" / "synth_00001_1").iterdir())[:2] == [
        "synth_00001_frames_00000000.jpg", "synth_00001_frames_00000001.jpg"]
    folders = SkyTimelapseSource(tmp_path, frames=T)
    assert [(c.video_id, c.start) for c in folders.clips] == [
        (c.video_id, c.start) for c in synthetic.clips]
    original = np.concatenate(list(make_dataset(synthetic, 32, 4, shuffle=False)))
    read_back = np.concatenate(list(make_dataset(folders, 32, 4, shuffle=False)))
    # JPEG at quality 95 with 4:2:0 chroma costs a few levels on 32x32 frames; each clip
    # read back is still nearest to its own original.
    assert np.abs(original - read_back).mean() < 0.04
    distance = np.abs(original[:, None] - read_back[None]).mean(axis=(2, 3, 4, 5))
    assert np.array_equal(distance.argmin(axis=0), np.arange(4))


def corrupt_body(path):
    """Keep the JPEG's first three and last two bytes (what the quick scan checks) and zero
    the rest, so the file only fails when it is decoded."""
    data = path.read_bytes()
    path.write_bytes(data[:3] + b"\x00" * (len(data) - 5) + data[-2:])


def test_an_endless_stream_of_undecodable_clips_fails_instead_of_spinning(tmp_path):
    root = tmp_path / "sky"
    for video in ("a", "b"):
        for i in range(T):
            write(root / video / f"{video}_1" / f"f_{i}.jpg", frame(40 * i))
    source = SkyTimelapseSource(root, frames=T)
    assert len(source.clips) == 2
    for path in root.rglob("*.jpg"):
        corrupt_body(path)
    batches = make_dataset(source, 16, 2, epochs=None)   # repeats for ever
    with pytest.raises(tf.errors.InvalidArgumentError, match="no clip could be decoded"):
        next(iter(batches))


def test_a_few_undecodable_clips_are_skipped_and_the_rest_train(tmp_path):
    root = tmp_path / "sky"
    for video in ("a", "b", "c"):
        for i in range(T):
            write(root / video / f"{video}_1" / f"f_{i}.jpg", frame(30 + 40 * i))
    corrupt_body(root / "b" / "b_1" / "f_1.jpg")
    source = SkyTimelapseSource(root, frames=T)
    batches = list(make_dataset(source, 16, 1, shuffle=False, epochs=3).as_numpy_iterator())
    assert len(batches) == 6   # two good clips in each of three epochs
