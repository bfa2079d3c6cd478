"""How fast the binaries answer bad input: each case in a fresh process, as a user runs
it, timed from start to exit. Issue 37's target: one line, exit status 1, under 1.5 s on
2 cores (TensorFlow, which took 6 to 9 s to load before any answer, is not loaded).

    python benchmarks/benchmark_bad_input.py
"""

import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image


def cases(folder):
    """(what, binary, arguments) for each kind of bad input checked before TensorFlow."""
    folder = Path(folder)
    (folder / "text.jpg").write_text("not a photo")
    encoded = io.BytesIO()
    Image.fromarray(np.full((300, 400, 3), 128, np.uint8)).save(encoded, "JPEG")
    (folder / "truncated.jpg").write_bytes(encoded.getvalue()[:len(encoded.getvalue()) // 2])
    Image.new("RGB", (1, 1)).save(folder / "tiny.png")
    generate = [("a missing photo", ["--image", "/missing.jpg"]),
                ("a text file named .jpg", ["--image", folder / "text.jpg"]),
                ("a truncated JPEG", ["--image", folder / "truncated.jpg"]),
                ("a 1x1 photo", ["--image", folder / "tiny.png"]),
                ("a folder as the photo", ["--image", folder]),
                ("a bad flag value", ["--fps", "0"]),
                ("an output that cannot be written", ["--output", "/proc/x.mp4"]),
                ("an unknown output format", ["--output", folder / "x.avi"]),
                ("an unknown model", ["--model", "nope"])]
    return [*((what, "generate", arguments) for what, arguments in generate),
            ("missing --data", "train", ["--data", "/missing", "--model_dir", folder / "r"]),
            ("missing --data", "evaluate", ["--data", "/missing"]),
            ("a bad synthetic option", "data", ["summary", "--data", "synthetic:nope=1"]),
            ("a non-numeric export folder", "export", ["--export_dir", folder / "latest"]),
            ("a folder that is no model", "demo", ["--model", folder]),
            ("a missing state dict", "convert", ["--stage1", "/missing.pth",
                                                 "--output", folder / "c"])]


def main():
    with tempfile.TemporaryDirectory() as folder:
        for what, binary, arguments in cases(folder):
            start = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", f"mdgan_tf.cli.{binary}",
                                     *map(str, arguments)], capture_output=True, text=True)
            seconds = time.perf_counter() - start
            lines = result.stderr.strip().splitlines()
            print(f"mdgan-{binary:<9} {what:<34} {seconds:5.2f} s  exit {result.returncode}  "
                  f"{len(lines)} line(s): {lines[-1] if lines else ''}", flush=True)


if __name__ == "__main__":
    main()
