"""How much of a video's change no small shift explains: drift against fading.

For the 16 real Sky Timelapse test clips, the published MD-GAN's stage I and II videos of
the same first frames, and each --models' stage-I videos of those frames, all at 128x128:
the mean change between frames 4 apart, and the share of it that `unexplained_change_loss`
leaves (frames shrunk to half size, shifts of up to 2 pixels, 8x8 cells). Drifting clouds
leave less unexplained than clouds that fade or are repainted in place. The real clips are
`../shared/real/`, for measuring only: without them the script says so and stops.

    python examples/unexplained_change.py [--models mdgan_sky_synthetic_64,RUN_DIR]
"""

from pathlib import Path

import numpy as np
import tensorflow as tf
from absl import app, flags
from PIL import Image

from mdgan_tf import MDGAN
from mdgan_tf.modeling.losses import unexplained_change

FLAGS = flags.FLAGS
flags.DEFINE_string("real", str(Path(__file__).resolve().parents[2] / "shared" / "real" /
                                "sky_timelapse_test16"),
                    "The 16 real clips and the authors' videos.")
flags.DEFINE_list("models", ["mdgan_sky_synthetic_64"], "Presets or model folders.")

SIZE, LAG = 128, 4


def frames_of(folder):
    paths = sorted(p for p in Path(folder).rglob("*") if p.suffix in (".png", ".jpg"))[:32]
    return np.stack([np.asarray(Image.open(p).convert("RGB").resize((SIZE, SIZE), Image.LANCZOS))
                     for p in paths])


def measure(videos):
    """(mean change over LAG frames, the share of it left unexplained), values in [-1, 1]."""
    video = tf.constant(np.stack(videos).astype(np.float32) / 127.5 - 1)
    change = float(tf.reduce_mean(tf.abs(video[:, LAG:] - video[:, :-LAG])))
    # With no shift allowed, nothing is explained: the change at half size, its divisor.
    halved, unexplained = (float(tf.reduce_mean(unexplained_change(video, LAG, 2, shift, 8)))
                           for shift in (0, 2))
    return change, unexplained / halved


def main(_):
    root = Path(FLAGS.real)
    if not (root / "real").is_dir():
        print(f"skipped: no real clips at {root}")
        return
    clips = sorted((root / "real").iterdir())
    sets = {"real clips": [frames_of(c) for c in clips]}
    for stage in ("stage1", "stage2"):
        sets[f"authors' {stage}"] = [frames_of(root / f"mdgan_authors_{stage}" / c.name)
                                     for c in clips]
    for name in FLAGS.models:
        model = MDGAN.from_pretrained(name)
        sets[f"{name} stage I"] = [
            np.stack([np.asarray(Image.fromarray(f).resize((SIZE, SIZE), Image.LANCZOS))
                      for f in model.generate(real[0], stage=1)[0]]) for real in sets["real clips"]]
    print(f"{'videos':<56}{'change':>8}{'unexplained':>13}")
    for name, videos in sets.items():
        change, share = measure(videos)
        print(f"{name:<56}{change:>8.4f}{share:>13.2f}", flush=True)


if __name__ == "__main__":
    app.run(main)
