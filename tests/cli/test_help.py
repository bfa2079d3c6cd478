"""`mdgan-X --help` shows the binary's docstring and its own flags, shared ones included,
exits 0, and needs no TensorFlow."""

import os
import subprocess
import sys

from binary_cases import TF_LINE

OWN_FLAGS = {
    "convert": ["stage1", "stage2", "output", "preset", "config"],
    "data": ["data", "output", "frames", "videos", "crop", "stride", "first_clip_only"],
    "demo": ["model", "host", "port", "max_upload_mb", "max_pixels"],
    "evaluate": ["model", "data", "clips", "json", "crop", "stride", "first_clip_only",
                 "videos", "no_model", "resolution", "fvd"],
    "export": ["model", "export_dir", "stage", "overwrite"],
    "generate": ["image", "images_dir", "frames", "model", "stage", "grid", "fps"],
    "study": ["condition_a", "condition_b", "labels", "db", "port", "report", "csv"],
    "train": ["stage", "preset", "config", "data", "model_dir", "steps", "crop", "stride"],
}


def test_help_lists_each_binarys_flags_without_tensorflow():
    # As a console script runs it: sys.argv[0] is the script, not the module's file. An
    # import of TensorFlow, Keras or OpenCV fails (a None in sys.modules), so help that
    # needed them would not be printed.
    blocked = "; ".join(f"sys.modules['{m}'] = None" for m in ("tensorflow", "keras", "cv2"))
    processes = {
        name: subprocess.Popen(
            [sys.executable, "-c", f"import sys; {blocked}; sys.argv[0] = 'mdgan-{name}'; "
             f"from mdgan_tf.cli.{name} import run; run()", "--help"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={k: v for k, v in os.environ.items()
                 if k not in ("TF_CPP_MIN_LOG_LEVEL", "MDGAN_TF_LOGS")})
        for name in OWN_FLAGS}
    for name, process in processes.items():
        text = process.communicate(timeout=300)[0]
        assert process.returncode == 0, (name, process.returncode, text)
        assert f"mdgan-{name}:" in text, text          # the binary's docstring
        missing = [flag for flag in OWN_FLAGS[name] if f"--{flag}:" not in text
                   and f"--[no]{flag}:" not in text]
        assert missing == [], f"mdgan-{name} --help lacks {missing}:\n{text}"
        assert "--xla_" not in text and "--tfdbg" not in text   # not TensorFlow's flags
        assert TF_LINE.findall(text) == [], text   # started quietly (test_quiet_start.py)


def _help_of(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=300)


def test_help_names_every_format_a_flag_takes():
    from mdgan_tf.data.video_files import VIDEO_SUFFIXES

    generate = _help_of("mdgan-generate", "--help")
    image_help = generate.stdout.split("--image:")[1].split("--")[0]
    for name in ("JPEG", "PNG", "BMP", "GIF"):
        assert name in image_help, image_help
    for suffix in (".mp4", ".gif", ".webm"):
        assert suffix in generate.stdout.split("--output:")[1].split("--")[0]
    data_help = " ".join(_help_of("mdgan-train", "--help").stdout.split())
    assert all(suffix in data_help for suffix in VIDEO_SUFFIXES), data_help
    study = _help_of("mdgan-study", "--help").stdout
    assert ".mp4" in study and ".webm" in study


def test_every_help_flag_exits_0_and_a_bad_flag_still_exits_1():
    for args in (["--helpshort"], ["--helpfull"], ["-?"], ["--help=true"]):
        assert _help_of("mdgan-study", *args).returncode == 0, args
    bad = _help_of("mdgan-study", "--no_such_flag")
    assert bad.returncode == 1 and "no_such_flag" in bad.stderr
