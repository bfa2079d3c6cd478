"""mdgan-generate: playable videos of the right length and size, grids, folders, bad input."""

import subprocess
import sys

import av
import numpy as np
import pytest
import tensorflow as tf
from PIL import Image

from mdgan_tf import MDGANConfig
from mdgan_tf.cli.flags import DEFAULT_MODEL

CONFIG = MDGANConfig.from_preset(DEFAULT_MODEL)
R, T = CONFIG.resolution, CONFIG.frames


def generate(*args):
    return subprocess.run([sys.executable, "-m", "mdgan_tf.cli.generate", *map(str, args)],
                          capture_output=True, text=True)


def decoded(path):
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
        return np.stack(frames), float(stream.average_rate or stream.guessed_rate)


@pytest.fixture(scope="module")
def odd_photo(tmp_path_factory):
    """A 101 x 77 JPEG: odd sizes and a non-square aspect."""
    path = tmp_path_factory.mktemp("photos") / "odd.jpg"
    pixels = np.random.RandomState(0).randint(0, 256, (77, 101, 3)).astype(np.uint8)
    path.write_bytes(tf.io.encode_jpeg(pixels).numpy())
    return path


def test_by_default_the_example_photo_at_its_own_size_with_its_sky_moving(tmp_path):
    result = generate("--output", tmp_path / "sky.mp4", "--fps", 12)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(32 frames, 640x360, 12 fps)" in result.stdout
    frames, fps = decoded(tmp_path / "sky.mp4")
    assert frames.shape == (T, 360, 640, 3) and fps == 12
    steps = np.abs(np.diff(frames.astype(int), axis=0)).mean(axis=(0, 3))
    assert steps[:120].mean() > 10 * steps[-40:].mean()   # the sky moves, the roofs do not


def test_mp4_of_the_model_length_and_size_from_an_odd_photo(odd_photo, tmp_path):
    result = generate("--image", odd_photo, "--output", tmp_path / "sky.mp4", "--fps", 12,
                      "--size", "model")
    assert result.returncode == 0, result.stderr[-2000:]
    frames, fps = decoded(tmp_path / "sky.mp4")
    assert frames.shape == (T, R, R, 3) and fps == 12
    assert np.abs(np.diff(frames.astype(int), axis=0)).mean() > 0  # it moves


def test_an_odd_photo_at_its_own_size_is_reported_at_the_size_the_mp4_stores(odd_photo,
                                                                             tmp_path):
    """H.264 needs even sides: the 101 x 77 photo is stored padded to 102 x 78, and that is
    the size the line says (it said 101x77)."""
    result = generate("--image", odd_photo, "--output", tmp_path / "sky.mp4", "--frames", 8)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "(8 frames, 102x78, 25 fps)" in result.stdout, result.stdout
    assert decoded(tmp_path / "sky.mp4")[0].shape == (8, 78, 102, 3)


def test_gif_chained_to_64_frames_looping_at_a_capped_size(tmp_path):
    result = generate("--output", tmp_path / "sky.gif", "--frames", 64, "--max_side", 160,
                      "--loop")
    assert result.returncode == 0, result.stderr[-2000:]
    frames, _ = decoded(tmp_path / "sky.gif")
    assert frames.shape == (64, 90, 160, 3)
    steps = np.abs(np.diff(frames.astype(float), axis=0)).mean(axis=(1, 2, 3))
    assert np.abs(frames[-1].astype(float) - frames[0]).mean() <= np.median(steps)


def test_grid_of_the_example_photo_as_png_frames(tmp_path):
    result = generate("--output", tmp_path / "grid", "--grid", "--stage", 1,
                      "--max_side", 128)
    assert result.returncode == 0, result.stderr[-2000:]
    pngs = sorted((tmp_path / "grid").glob("frame_*.png"))
    assert len(pngs) == T
    first = tf.io.decode_png(pngs[0].read_bytes()).numpy()
    last = tf.io.decode_png(pngs[-1].read_bytes()).numpy()
    w = 128
    # The default model's stages share one motion at the photo's size: panel 1 is the
    # still input, panel 2 the moved photo, which changes over time.
    assert first.shape == (72, 2 * w + 2, 3)
    np.testing.assert_array_equal(first[:, :w], last[:, :w])
    assert not np.array_equal(first[:, w + 2:], last[:, w + 2:])


def test_a_folder_of_photos_skips_and_counts_the_bad_one(odd_photo, tmp_path):
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / "good.jpg").write_bytes(odd_photo.read_bytes())
    (photos / "broken.png").write_bytes(b"\x89PNG not really")
    (photos / "clip_03").mkdir()   # subfolders are mirrored, as mdgan-evaluate --videos reads
    (photos / "clip_03" / "0.jpg").write_bytes(odd_photo.read_bytes())
    result = generate("--images_dir", photos, "--output", tmp_path / "videos", "--format", "webm",
                      "--size", "model")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "2 videos written" in result.stdout and "1 photos skipped" in result.stdout
    assert "broken.png" in result.stderr
    for video in ("good.webm", "clip_03/0.webm"):
        frames, _ = decoded(tmp_path / "videos" / video)
        assert frames.shape == (T, R, R, 3)


def test_a_long_video_says_how_far_it_has_got(capsys):
    from mdgan_tf.cli.generate import Progress

    frames = np.zeros((6, 2, 2, 3), np.uint8)
    ticks = iter([0.0, 4.0, 11.0, 13.0, 30.0, 31.0, 32.0])   # seconds, one per frame after
    progress = Progress(frames, "mdgan-generate: out.mp4", every=10.0,
                        clock=lambda: next(ticks))
    assert progress.shape == frames.shape and len(progress) == 6
    assert np.array_equal(np.stack(list(progress)), frames)
    lines = capsys.readouterr().err.splitlines()
    # 11 s after the start (2 frames), then 30 s (4 frames); none at the last frame.
    assert lines == ["mdgan-generate: out.mp4: 2 of 6 frames, about 22 s left",
                     "mdgan-generate: out.mp4: 4 of 6 frames, about 15 s left"]


def test_a_slide_needs_no_model_and_refuses_the_models_flags(tmp_path):
    from binary_cases import run_cases

    common = ["--output", tmp_path / "x.mp4"]
    # The example's sky drawn as its top quarter only (at half its size): the rest is held.
    mask = np.zeros((180, 320, 1), np.uint8)
    mask[:45] = 255
    (tmp_path / "mask.png").write_bytes(tf.io.encode_png(mask).numpy())
    ok, masked, *errors = run_cases("mdgan_tf.cli.generate", [
        ["--slide", 0.5, "--frames", 40, "--output", tmp_path / "slide.mp4",
         "--model", tmp_path / "no_such_model",          # never loaded
         "--write_sky_mask", tmp_path / "found.png"],
        ["--slide", 0.5, "--frames", 40, "--output", tmp_path / "masked.mp4",
         "--sky_mask", tmp_path / "mask.png"],
        ["--slide", 0.5, "--grid", *common],
        ["--slide", 0.5, "--speed", 2, "--size", "model", *common],
        ["--slide", 500, *common],
    ])
    assert ok["status"] == 0, ok["stderr"][-2000:]
    assert "(40 frames, 640x360, 25 fps)" in ok["stdout"]
    frames, _ = decoded(tmp_path / "slide.mp4")
    steps = np.abs(np.diff(frames.astype(int), axis=0)).mean(axis=(0, 3))
    assert steps[:120].mean() > 10 * steps[-40:].mean()   # the sky slides, the roofs stay
    # The sky found, written as a mask to edit: white over the sky, black on the roofs.
    found = np.asarray(Image.open(tmp_path / "found.png"))
    assert found.shape == (360, 640) and found[:60].min() == 255 and found[-40:].max() == 0
    assert masked["status"] == 0, masked["stderr"][-2000:]
    frames, _ = decoded(tmp_path / "masked.mp4")
    held = np.abs(np.diff(frames.astype(int), axis=0)).mean(axis=(0, 3))
    # The drawn sky slides as the found one did; the sky drawn as ground stays.
    assert held[:60].mean() > 0.5 * steps[:60].mean()
    assert held[120:170].mean() < 0.1 * steps[120:170].mean(), (held[120:170].mean(),
                                                                steps[120:170].mean())
    messages = [e["stderr"].strip().splitlines()[-1] for e in errors]
    assert [e["status"] for e in errors] == [1] * 3, messages
    assert "--slide uses no model: drop --grid" in messages[0]
    assert "drop --size, --speed" in messages[1]
    assert "from -100 to 100" in messages[2]
