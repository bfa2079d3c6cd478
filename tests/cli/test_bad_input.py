"""Bad input and faults against the binaries: each ends in one line naming the problem, with
exit status 1, and no traceback; a folder of photos skips what it cannot read."""

import os
import subprocess
import sys

import numpy as np
import pytest
import tensorflow as tf
from binary_cases import run_cases

from mdgan_tf.cli.runner import needs_extra


def one_line_failures(cases, results):
    """The cases whose result is not exit status 1 with `expected` in stderr's last line."""
    failures = []
    for (argv, expected), got in zip(cases, results):
        last = got["stderr"].strip().splitlines()[-1] if got["stderr"].strip() else ""
        if got["status"] != 1 or "Traceback" in got["stderr"] or expected not in last:
            failures.append(f"{argv}: status {got['status']}, stderr ends {got['stderr'][-600:]!r}")
    return failures


def assert_one_line_errors(module, cases, env=None):
    failures = one_line_failures(cases, run_cases(module, [argv for argv, _ in cases], env))
    assert failures == [], "\n".join(failures)


@pytest.fixture(scope="module")
def files(tmp_path_factory, png_header):
    root = tmp_path_factory.mktemp("bad")
    photo = root / "photo.jpg"
    photo.write_bytes(tf.io.encode_jpeg(np.full((40, 60, 3), 120, np.uint8)).numpy())
    (root / "huge.png").write_bytes(png_header(20000, 20000))
    (root / "tiny.png").write_bytes(tf.io.encode_png(np.full((1, 1, 3), 120, np.uint8)).numpy())
    (root / "square_mask.png").write_bytes(
        tf.io.encode_png(np.full((30, 30, 1), 255, np.uint8)).numpy())
    (root / "a_file").write_text("not a folder")
    (root / "folder.jpg").mkdir()
    (root / "broken.jpg").symlink_to(root / "nowhere.jpg")
    (root / "video.mp4").mkdir()
    (root / "others").mkdir()
    (root / "others" / "notes.txt").write_text("keep me")
    photos = root / "photos"
    photos.mkdir()
    (photos / "good.jpg").write_bytes(photo.read_bytes())
    (photos / "link.jpg").symlink_to(root / "nowhere.jpg")
    (photos / "dir.png").mkdir()
    (photos / "huge.png").write_bytes(png_header(20000, 20000))
    (photos / "tiny.png").write_bytes((root / "tiny.png").read_bytes())
    for video in ("a", "b"):   # clips whose frames all fail to decode
        for i in range(8):
            jpeg = tf.io.encode_jpeg(np.full((32, 32, 3), 30 * i, np.uint8)).numpy()
            path = root / "undecodable" / video / f"{video}_1" / f"f_{i}.jpg"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(jpeg[:3] + b"\0" * (len(jpeg) - 5) + jpeg[-2:])
    packed = root / "packed"
    packed.mkdir()
    (packed / "clips-00000-of-00001.tfrecord").write_bytes(b"")
    (packed / "manifest.json").write_text("{not json")
    (root / "garbage").mkdir()
    (root / "garbage" / "x.tfrecord").write_bytes(b"junk")
    return root


def test_generate(files, tmp_path):
    out = tmp_path / "out.mp4"
    garbage = files / "garbage.jpg"
    garbage.write_bytes(b"definitely not a jpeg")
    errors = [
        (["--image", garbage, "--output", out], f"mdgan-generate: {garbage}: not a readable"),
        (["--output", tmp_path / "out.avi"], "unknown output format '.avi'"),
        (["--model", "no_such_model", "--output", out], "unknown model 'no_such_model'"),
        (["--image", files / "folder.jpg", "--output", out], "folder.jpg: is a folder, not an image"),
        (["--image", files / "broken.jpg", "--output", out], "broken.jpg: no such image file"),
        (["--image", files / "huge.png", "--output", out],
         "huge.png: the image has 400,000,000 pixels, over the limit of 50,000,000"),
        (["--image", files / "tiny.png", "--output", out],
         "tiny.png is 1x1 pixels: a photo to animate needs at least 16 on its shorter side"),
        (["--image", files / "photo.jpg", "--max_pixels", 100, "--output", out],
         "the image has 2,400 pixels, over the limit of 100"),
        (["--image", files / "photo.jpg", "--sky_mask", files / "square_mask.png", "--output",
          out], "mdgan-generate: the sky mask is 30x30 and the photo 60x40: a mask must have "
                "the photo's shape"),
        (["--images_dir", files / "photos", "--sky_mask", files / "square_mask.png",
          "--output", tmp_path / "masked"], "--sky_mask is one photo's sky"),
        (["--write_sky_mask", tmp_path / "found.jpg", "--output", out],
         "--write_sky_mask writes a PNG: name a .png file"),
        (["--output", files / "video.mp4"], "video.mp4 is a folder; name a video file"),
        (["--output", files / "others"], "others holds files that are not frames"),
        (["--output", files / "a_file" / "out.mp4"], "a_file is a file, not a folder"),
        (["--model", (files / "no_model").as_uri(), "--output", out],
         "cannot write the model cache"),
        (["--fps", 0, "--output", out], "mdgan-generate: --fps must be positive, got 0"),
        (["--fps", -5, "--output", out], "mdgan-generate: --fps must be positive, got -5"),
        (["--frames", -1, "--output", out], "mdgan-generate: --frames must be 0"),
        (["--output", "/proc/x.mp4"], "mdgan-generate: /proc/x.mp4: cannot write into /proc"),
        (["--speed", -1, "--output", out], "mdgan-generate: --speed must be from 0 to 100"),
        (["--max_side", 8, "--output", out], "mdgan-generate: --max_side must be 16 pixels"),
        # Refused before any frame is made: the model's video would not fit the limit.
        (["--model", "mdgan_sky_synthetic_64", "--frames", 100000, "--output", out],
         "mdgan-generate: 100,000 frames at 64x64 would take about 10,547 MB of memory, over "
         "the limit of 2,048 MB; make it shorter or smaller, or raise the limit "
         "(--max_video_mb, $MDGAN_MAX_VIDEO_MB)"),
        (["--model", "mdgan_sky_synthetic_64", "--frames", 300, "--size", "model",
          "--max_video_mb", 10, "--output", out],
         "300 frames at 64x64 would take about 32 MB of memory, over the limit of 10 MB"),
    ]
    folder_run = ["--images_dir", files / "photos", "--output", tmp_path / "videos",
                  "--format", "gif"]
    *results, folder = run_cases("mdgan_tf.cli.generate", [a for a, _ in errors] + [folder_run],
                                 env={"MDGAN_HOME": str(files / "a_file" / "home")})
    failures = one_line_failures(errors, results)
    assert failures == [], "\n".join(failures)
    # A bad number is one line, not the flags' help before it.
    assert [len(r["stderr"].strip().splitlines()) for r in results[-7:]] == [1] * 7
    assert (files / "others" / "notes.txt").read_text() == "keep me"
    assert not out.exists()
    # A folder of photos skips what it cannot read: a broken link, a folder, a huge photo,
    # a 1x1 one.
    assert folder["status"] == 0, folder["stderr"][-2000:]
    assert "1 videos written" in folder["stdout"] and "4 photos skipped" in folder["stdout"]
    assert sorted(p.name for p in (tmp_path / "videos").iterdir()) == ["good.gif"]


def test_data(files):
    synthetic = "--data=synthetic:videos=2,clips_per_video=1"
    assert_one_line_errors("mdgan_tf.cli.data", [
        (["summary", f"--data={files / 'absent'}"], "no such file or directory (nor 'synthetic')"),
        (["summary", synthetic, "--frames=0"], "frames must be positive"),
        (["summary", f"--data={files / 'packed'}"], "manifest.json is damaged (JSONDecodeError"),
        (["summary", f"--data={files / 'garbage'}"], "has no usable clip"),
        (["pack", synthetic, f"--output={files / 'a_file'}"], "a_file is a file; name a folder"),
        (["pack", synthetic, f"--output={files / 'packed'}"], "already holds packed clips"),
        (["pack", synthetic, f"--output={files / 'new'}", "--image_format=as-is"],
         "has no encoded frames to copy; choose png or jpeg"),
    ])


def test_train(files, tmp_path):
    """Bad runs fail at the start, before any step; clips that never decode stop the run."""
    cases = [
        (["--steps=2", "--stage=2"], "stage 2 needs the trained G1"),
        (["--steps=2", "--data=/nonexistent"], "no such file or directory"),
        (["--steps=2", "--batch_size=64"], "larger than the"),
        (["--steps=2", "--config=/nonexistent.json"], "/nonexistent.json: [Errno 2]"),
        (["--steps=-5"], "steps must be positive, or 0 to train for `epochs`, got -5"),
        ([f"--data={files / 'undecodable'}", "--steps=2", "--batch_size=1"],
         "no clip could be decoded: 1 failures in a row"),
    ]
    data = "--data=synthetic:videos=6,clips_per_video=2,seed=4"
    assert_one_line_errors("mdgan_tf.cli.train", [
        (["--preset=mdgan_tiny", data, "--batch_size=2", f"--model_dir={tmp_path / f'run{i}'}",
          *argv], message) for i, (argv, message) in enumerate(cases)])


def test_a_missing_extra_is_named_with_what_to_install():
    with pytest.raises(ImportError,
                       match=r"^mdgan-demo needs no_such_module: pip install 'mdgan-tf\[demo\]'$"):
        with needs_extra("mdgan-demo", "demo"):
            import no_such_module  # noqa: F401


def test_only_the_packages_user_errors_are_one_line(tmp_path):
    """A `UserError` is the user's to fix: one line. Any other exception, even a
    ValueError, is a bug, and its traceback is kept to say where."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import os\n"
        "from mdgan_tf.cli.runner import run_main\n"
        "from mdgan_tf.errors import InputError\n"
        "def main():\n"
        "    if os.environ['RAISE'] == 'user':\n"
        "        raise InputError('the photo is\\nsmaller than 16 pixels')\n"
        "    raise ValueError('a bug deep inside')\n"
        "run_main(main, tensorflow=False)\n")
    runs = {kind: subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                                 env={**os.environ, "RAISE": kind}, timeout=120)
            for kind in ("user", "bug")}
    assert runs["user"].returncode == 1
    assert runs["user"].stderr.strip() == "mdgan-probe: the photo is smaller than 16 pixels"
    assert runs["bug"].returncode == 1 and "Traceback" in runs["bug"].stderr
    assert runs["bug"].stderr.strip().endswith("ValueError: a bug deep inside")


def answered_before_tensorflow(binary, argv):
    """Run mdgan-<binary> with `argv`: (exit status, stderr's lines, whether TensorFlow was
    imported by the time it ended)."""
    probe = ("import sys\n"
             f"from mdgan_tf.cli import {binary}\n"
             f"sys.argv = ['mdgan-{binary}', *sys.argv[1:]]\n"
             "try:\n"
             f"    {binary}.run()\n"
             "finally:\n"
             "    print('tensorflow' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", probe, *map(str, argv)],
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stderr.strip().splitlines(), result.stdout.strip() == "True"


def test_bad_input_is_answered_before_tensorflow_loads(files, tmp_path):
    """Each of these took 6 to 9 s and 600 MB (TensorFlow loading first) for its one line;
    checked before it, TensorFlow is never imported. (The time itself is measured in
    benchmarks/benchmark_bad_input.py.)"""
    truncated = tmp_path / "truncated.jpg"
    jpeg = tf.io.encode_jpeg(np.full((64, 64, 3), 90, np.uint8)).numpy()
    truncated.write_bytes(jpeg[: len(jpeg) // 2])
    data = ["--data", "synthetic:videos=2", "--model_dir", tmp_path / "run"]
    for binary, argv, message in [
            ("generate", ["--image", "/missing.jpg"], "/missing.jpg: no such image file"),
            ("generate", ["--image", files / "tiny.png"], "tiny.png is 1x1 pixels"),
            ("generate", ["--image", truncated], "truncated.jpg: not a readable JPEG/PNG/BMP"),
            ("generate", ["--image", files / "huge.png"], "the image has 400,000,000 pixels"),
            ("generate", ["--fps", 0], "mdgan-generate: --fps must be positive, got 0"),
            ("generate", ["--image", files / "photo.jpg", "--sky_mask",
                          files / "square_mask.png"], "the sky mask is 30x30 and the photo"),
            ("generate", ["--output", "/proc/x.mp4"], "cannot write into /proc"),
            ("evaluate", ["--data", tmp_path, "--clips", 0], "--clips must be positive"),
            ("evaluate", ["--data", tmp_path, "--no_model"], "--no_model scores the --videos"),
            ("evaluate", ["--data", tmp_path, "--json", tmp_path / "no" / "s.json"],
             "does not exist"),
            ("train", [*data, "--batch_size", 0], "mdgan-train: batch_size must be positive"),
            ("train", [*data, "--set", "nope=1"], "mdgan-train: --set nope: no such setting"),
            ("train", ["--data", "/nope", "--model_dir", tmp_path / "run"],
             "mdgan-train: /nope: no such file or directory (nor 'synthetic')"),
            ("generate", ["--model", "./nope"], "'./nope' is not a model directory"),
            ("data", ["summary", "--data", "synthetic:videos=x"], "bad synthetic option"),
            ("data", ["pack", "--data", "synthetic"], "pack needs --output"),
            ("data", ["synthesize", "--output", tmp_path / "s", "--frames", 0],
             "mdgan-data synthesize: --frames must be positive, got 0"),
            ("data", ["first_frames", "--data", "synthetic", "--output", files],
             "exists and is not an empty folder"),
            ("export", ["--model", "nope", "--export_dir", tmp_path / "e" / "1"],
             "mdgan-export: unknown model 'nope'"),
            ("export", ["--export_dir", tmp_path / "e" / "latest"],
             "must be a numeric version folder"),
            ("demo", ["--model", tmp_path], "is not an MD-GAN model directory"),
            ("convert", ["--stage1", "/nope.pth", "--output", tmp_path / "c"],
             "mdgan-convert: /nope.pth: no such state-dict file")]:
        status, lines, loaded = answered_before_tensorflow(binary, argv)
        assert status == 1 and message in lines[-1], (binary, argv, lines[-5:])
        assert not loaded, (binary, argv)
