"""Photo-size time-lapses: the time of each part, the sampling rate, and peak memory.

Parts, for a 12-megapixel photo (4000 x 3000) made into 32 frames with its longer side at
--max_side (1920): model (G1 and G2 on the photo, shrunk; or, for a G1 that moves the
photo, G1's velocities), motion (the sky mask, the flow of the model's video or the
velocities' drift, composed), sampling (the photo moved, frame by frame), encoding (H.264
at the default settings), and the sampling of the same video as a --loop (two samplings
and a sharp mix a frame). Sampling (the least of SAMPLING_PASSES passes) must reach 100
megapixels per second. Then, each in a fresh process, the peak resident memory (ru_maxrss,
which loading the model and TensorFlow alone take to about 1.9 GB) of what
`mdgan-generate` does, from reading the JPEG to the closed MP4, and its time: the same
12-megapixel photo made into 64 frames (issue 35: within twice the time of the code before
it), and a 48-megapixel one (8000 x 6000) made into 256 frames, which must stay under 3 GB.

The photos are the shipped example photo enlarged (bicubic), written as JPEG.

    python benchmarks/benchmark_animation.py [--model mdgan_sky_synthetic_64]   # else the default
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from absl import app, flags
from PIL import Image

from mdgan_tf.cli.flags import DEFAULT_MODEL

FLAGS = flags.FLAGS
flags.DEFINE_string("model", DEFAULT_MODEL, "Preset name or model directory.")
flags.DEFINE_integer("max_side", 1920, "Longest side of the video.")
flags.DEFINE_string("run", None, "Internal: photo,frames,output to make in this process.")

# The sampling is timed as the least of this many passes: on a shared 2-core machine one
# pass varied by a fifth from run to run, as much as a change being measured.
SAMPLING_PASSES = 3


def enlarged_photo(folder, width, height):
    from mdgan_tf.hub import example_photo

    path = Path(folder) / f"photo_{width}x{height}.jpg"
    Image.open(example_photo()).convert("RGB").resize((width, height), Image.BICUBIC).save(
        path, quality=92)
    return path


def parts(photo_path):
    """Seconds of each part for one 32-frame video, and the sampling rate."""
    from mdgan_tf.inference import MDGAN, read_image, write_video
    from mdgan_tf.animation.rendering import PhotoAnimation
    from mdgan_tf.preprocessing.images import fit_within, photo_pixels

    model = MDGAN.from_pretrained(FLAGS.model)
    model.animate(np.full((64, 64, 3), 128, np.uint8), frames=2)      # warm-up
    photo = fit_within(photo_pixels(read_image(photo_path)), FLAGS.max_side)
    seconds = {}
    start = time.perf_counter()
    if model.moves_photo:   # G1's velocities; then the sky mask and their drift
        steps = model.motion(photo, frames=32)
        seconds["model"] = time.perf_counter() - start
        start = time.perf_counter()
        animation = PhotoAnimation(photo, steps, drift=True)
        looped = lambda: PhotoAnimation(photo, steps, loop=True, drift=True)  # noqa: E731
    else:                   # the video; then the sky mask and its flow
        video = model.generate(photo, frames=33)[0]
        seconds["model"] = time.perf_counter() - start
        start = time.perf_counter()
        animation = PhotoAnimation.from_video(photo, video)
        looped = lambda: PhotoAnimation.from_video(photo, video, loop=True)  # noqa: E731
    seconds["motion"] = time.perf_counter() - start
    passes = []
    for _ in range(SAMPLING_PASSES):
        start = time.perf_counter()
        for _ in animation:   # made and dropped, as the encoder takes them
            pass
        passes.append(time.perf_counter() - start)
    seconds["sampling"] = min(passes)
    looped = looped()     # a --loop video: each frame is two sampled and mixed (blending)
    start = time.perf_counter()
    for _ in looped:
        pass
    seconds["loop sampling"] = time.perf_counter() - start
    frames = np.stack(list(animation))
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        write_video(Path(folder) / "video.mp4", frames)
        seconds["encoding"] = time.perf_counter() - start
    megapixels = frames.shape[0] * frames.shape[1] * frames.shape[2] / 1e6
    return seconds, megapixels / seconds["sampling"], frames.shape


def run_once(photo_path, frames, output):
    """What mdgan-generate does for one photo, in this process; prints JSON."""
    from mdgan_tf.inference import MDGAN, read_image, timelapse, write_video

    model = MDGAN.from_pretrained(FLAGS.model)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    video = timelapse(model, read_image(photo_path, 60_000_000), frames=frames,
                      max_side=FLAGS.max_side, max_pixels=60_000_000)
    write_video(output, video)
    print(json.dumps({"seconds": time.perf_counter() - start, "shape": list(video.shape),
                      "rss_before_mib": before,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main(_):
    if FLAGS.run:
        photo, frames, output = FLAGS.run.split(",")
        run_once(photo, int(frames), output)
        return
    with tempfile.TemporaryDirectory() as folder:
        twelve = enlarged_photo(folder, 4000, 3000)
        seconds, rate, shape = parts(twelve)
        print(f"12 MP photo -> {shape[0]} frames of {shape[2]}x{shape[1]}: "
              + ", ".join(f"{name} {value:.2f} s" for name, value in seconds.items())
              + f"; sampling {rate:.0f} megapixels/s (target: 100)", flush=True)
        forty_eight = enlarged_photo(folder, 8000, 6000)
        for photo, frames in ((twelve, 64), (forty_eight, 256)):
            result = subprocess.run(
                [sys.executable, __file__, f"--model={FLAGS.model}",
                 f"--max_side={FLAGS.max_side}", f"--run={photo},{frames},{folder}/out.mp4"],
                capture_output=True, text=True, check=True)
            row = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"{Path(photo).stem} -> {frames} frames, {row['shape'][2]}x{row['shape'][1]}"
                  f": {row['seconds']:.1f} s end to end, peak RSS {row['peak_rss_mib']:.0f} MiB"
                  f" (after loading the model: {row['rss_before_mib']:.0f} MiB)", flush=True)


if __name__ == "__main__":
    app.run(main)
