"""How skies move, measured the same way on real footage, on the synthetic training skies
and on the shipped model's videos: the measurements behind the synthetic generator.

Every clip is read at 128x128 and measured with OpenCV's DIS flow between consecutive
frames (as the photo animation uses it, `mdgan_tf.animation.motion`), over the
pixels of its first frame's sky (`sky_mask`):

- speed: the flow's length, in pixels per frame at 128x128 (median and 90th percentile);
- across: how much the sky moves as one, |mean flow| / mean |flow| over the sky in a frame
  (1: every pixel the same way), averaged over frames;
- in time: how steady each pixel's motion is, |mean flow over the clip| / mean |flow|
  (1: the same step every frame; near 0: jitter);
- shape: how much the clouds change beyond moving, the mean |frame t+1 - frame t moved
  along the flow| over the sky, in [0, 1];
- light: the mean change of the whole frame's brightness per frame, in [0, 1].

Real footage (`../shared/real/`, for measuring only; rows are skipped without it): the 16
Sky Timelapse test clips, the Time-Flies webcam (297 frames cut into 32-frame clips) and
the Animating Landscape sunset (8 frames, one clip). Synthetic: held-out scenes (seed 1)
of the training source, in the generator's version 1 (the 64x64 model's data) and 2 (made
to move like the real clips by these figures). Model: the shipped model's stage-II videos of the 16 real clips'
first frames.

    python examples/sky_motion_stats.py [--synthetic_videos 32]
"""

from pathlib import Path

import cv2
import numpy as np
from absl import app, flags
from PIL import Image

from mdgan_tf import MDGAN
from mdgan_tf.data import SyntheticSkySource, make_dataset
from mdgan_tf.animation.motion import consecutive_flows
from mdgan_tf.preprocessing.sky_mask import sky_mask

FLAGS = flags.FLAGS
flags.DEFINE_string("real", str(Path(__file__).resolve().parents[2] / "shared" / "real"),
                    "The folder of real footage.")
flags.DEFINE_integer("synthetic_videos", 32, "Held-out synthetic clips to measure.")
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "The model whose videos to measure.")

SIZE = 128


def frames_of(paths):
    return np.stack([np.asarray(Image.open(p).convert("RGB").resize((SIZE, SIZE),
                                                                      Image.LANCZOS))
                     for p in paths])


def measure(clip):
    """The five figures of one clip (T x 128 x 128 x 3 uint8), over its sky."""
    sky = sky_mask(clip[0]) > 0.5
    if sky.sum() < 0.05 * sky.size:
        sky = np.ones_like(sky)   # too little sky found: measure the whole frame
    flows = consecutive_flows(clip, backward=False)
    length = np.linalg.norm(flows, axis=-1)
    speeds = length[:, sky]
    across = np.mean([np.linalg.norm(f[sky].mean(0)) / max(l[sky].mean(), 1e-6)
                      for f, l in zip(flows, length)])
    in_time = (np.linalg.norm(flows.mean(0), axis=-1)[sky].mean()
               / max(length.mean(0)[sky].mean(), 1e-6))
    gray = clip.astype(np.float32).mean(-1) / 255
    grid = np.stack(np.meshgrid(np.arange(SIZE), np.arange(SIZE)), -1).astype(np.float32)
    residual = [np.abs(gray[t] - cv2.remap(gray[t + 1], grid + flows[t], None,
                                           cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE))
                [sky].mean() for t in range(len(flows))]
    light = np.abs(np.diff(gray.mean(axis=(1, 2)))).mean()
    return np.array([np.median(speeds), np.percentile(speeds, 90), across, in_time,
                     np.mean(residual), light])


def real_sources(root):
    root = Path(root)
    sources = {}
    test16 = root / "sky_timelapse_test16" / "real"
    if test16.is_dir():
        sources["Sky Timelapse test (16 real clips)"] = [
            frames_of(sorted((clip / "0").glob("*.png"))) for clip in sorted(test16.iterdir())]
    webcam = root / "sequences" / "timeflies_webcam"
    if webcam.is_dir():
        paths = sorted(webcam.glob("*.jpg"), key=lambda p: int(p.stem))
        sources["Time-Flies webcam (9 clips)"] = [frames_of(paths[i:i + 32])
                                                  for i in range(0, len(paths) - 31, 32)]
    sunset = root / "sequences" / "animating_landscape_sunset"
    if sunset.is_dir():
        sources["Animating Landscape sunset (8 frames)"] = [frames_of(sorted(sunset.glob("*")))]
    return sources


def main(_):
    sources = real_sources(FLAGS.real)
    if not sources:
        print(f"skipped the real rows: no real footage at {FLAGS.real}")
    for version in (1, 2):
        synthetic = SyntheticSkySource(videos=FLAGS.synthetic_videos, clips_per_video=1,
                                       frames=32, size=SIZE, seed=1, version=version)
        sources[f"synthetic skies v{version} ({FLAGS.synthetic_videos} held-out clips)"] = [
            np.round((clip + 1) * 127.5).astype(np.uint8)
            for batch in make_dataset(synthetic, SIZE, 8, shuffle=False)
            for clip in batch.numpy()]
    first = sources.get("Sky Timelapse test (16 real clips)")
    if first:
        model = MDGAN.from_pretrained(FLAGS.model)
        sources[f"{FLAGS.model} stage II (16 real photos)"] = [
            np.stack([cv2.resize(f, (SIZE, SIZE), interpolation=cv2.INTER_LINEAR)
                      for f in model.generate(clip[0])[0]]) for clip in first]
    print(f"{'source':<44}{'speed p50':>10}{'p90':>7}{'across':>8}{'in time':>9}"
          f"{'shape':>8}{'light':>9}")
    for name, clips in sources.items():
        row = np.mean([measure(clip) for clip in clips], axis=0)
        print(f"{name:<44}{row[0]:>10.3f}{row[1]:>7.3f}{row[2]:>8.2f}{row[3]:>9.2f}"
              f"{row[4]:>8.4f}{row[5]:>9.4f}", flush=True)


if __name__ == "__main__":
    app.run(main)
