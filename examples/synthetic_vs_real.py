"""The synthetic training skies measured as the real long clips are, before any model is
trained on them: speed, evolution, perspective and light (`evaluation.dynamics`) over
128 frames at 256x256, for each version of the generator beside the 8 long real clips.

Issue 36 asks for training data that carries what the real clips do: clouds that move
faster high in the sky than near the horizon, that form and thin, and light that
changes. These are the figures the default output is judged by on the long clips
(`examples/real_skies.sh`), so the data can be held to them first.

Synthetic: --videos held-out scenes (seed 1) of each version in --versions, one clip of
--frames each. Real: `../shared/real/long_dev/` (for measuring only; its rows are skipped
where the folder is absent).

    python examples/synthetic_vs_real.py [--videos 8] [--versions 2,3]
"""

from pathlib import Path

from absl import app, flags

from mdgan_tf.data.synthetic import render_clip
from mdgan_tf.evaluation.dynamics import clip_dynamics, pooled, sky_region

FLAGS = flags.FLAGS
flags.DEFINE_string("real", str(Path(__file__).resolve().parents[2] / "shared" / "real"
                                / "long_dev"), "The folder of long real clips (MP4).")
flags.DEFINE_integer("videos", 8, "Held-out synthetic clips a version.")
flags.DEFINE_list("versions", ["2", "3"], "Generator versions to measure.")
flags.DEFINE_integer("frames", 128, "Frames a clip.")
flags.DEFINE_integer("size", 256, "Frame side, in pixels.")

FIGURES = ("speed", "speed_p90", "evolution", "perspective", "light")


def real_clips(folder, frames, size):
    from mdgan_tf.evaluation.video_folders import read_given_video

    for path in sorted(Path(folder).glob("*.mp4")):
        video = read_given_video(path, frames)
        if video.shape[1:3] != (size, size):
            raise SystemExit(f"{path}: {video.shape[2]}x{video.shape[1]}, expected {size}")
        yield video


def synthetic_clips(version, videos, frames, size):
    for video in range(videos):
        yield render_clip(1, video, 0, frames, size, 1, version=version)


def row(name, clips):
    measured = [clip_dynamics(clip, sky_region(clip[0])) for clip in clips]
    figures = pooled(measured)
    print(f"{name:<34}" + "".join(f"{figures[key]:>12.4f}" for key in FIGURES)
          + f"{len(measured):>7}", flush=True)
    return figures


def main(_):
    print(f"{FLAGS.frames} frames at {FLAGS.size}x{FLAGS.size}; speed in pixels a frame "
          f"(median, p90), evolution = the share of change motion does not explain, "
          f"perspective = top third's speed / the horizon's, light = change of mean "
          f"brightness a frame")
    print(f"{'source':<34}" + "".join(f"{key:>12}" for key in FIGURES) + f"{'clips':>7}")
    if Path(FLAGS.real).is_dir():
        row("real long clips", real_clips(FLAGS.real, FLAGS.frames, FLAGS.size))
    else:
        print(f"skipped the real row: no folder {FLAGS.real}")
    for version in FLAGS.versions:
        row(f"synthetic v{version} (seed 1)",
            synthetic_clips(int(version), FLAGS.videos, FLAGS.frames, FLAGS.size))


if __name__ == "__main__":
    app.run(main)
