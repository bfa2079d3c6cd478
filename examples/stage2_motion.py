"""What stage II adds to the motion a photo gets at its own size (issue 36: "both stages
matter, or say why they cannot").

A G1 that moves the photo gives the photo animation its velocities; a G2 that moves G1's
frames again (`refine_head={"type": "move_frames"}`, the shipped 128x128 model's) adds a
displacement of its own to each frame. For each photo this composes the two
(`animation.motion.refined`), reduces stage I's and stage II's motion to the drift the
photo animation draws (`animation.motion.sky_drift`, over the photo's sky) and prints:

- the two drifts, in pixels a frame at the model's size, and how much stage II changes it;
- what stage II moves beyond a drift by the clip's last frame: the RMS over the sky of
  its displacement's difference from stage I's, less that difference's mean, beside
  the drift's travel over the clip.

    python examples/stage2_motion.py [--model M] [--photos a.jpg,...] [--images_dir DIR]
"""

from pathlib import Path

import cv2
import numpy as np
from absl import app, flags

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_128", "A model whose G2 moves frames.")
flags.DEFINE_list("photos", [], "Photos (default: the shipped example).")
flags.DEFINE_string("images_dir", None, "A folder of photos, searched recursively (e.g. the "
                    "first frames `mdgan-data first_frames` writes).")


def photo_paths():
    from mdgan_tf.hub.shipped import example_photo

    paths = list(FLAGS.photos)
    if FLAGS.images_dir:
        paths += sorted(str(p) for p in Path(FLAGS.images_dir).rglob("*")
                        if p.suffix.lower() in (".png", ".jpg", ".jpeg"))
    return paths or [str(example_photo())]


def main(_):
    from mdgan_tf.animation.motion import refined, sky_drift
    from mdgan_tf.inference import read_image
    from mdgan_tf.modeling.backbone import MDGANBackbone
    from mdgan_tf.preprocessing.preprocessor import ImagePreprocessor
    from mdgan_tf.preprocessing.sky_mask import sky_mask

    backbone = MDGANBackbone.from_preset(FLAGS.model)
    preprocessor = ImagePreprocessor(backbone.config.resolution)
    resolution = backbone.config.resolution
    print(f"{FLAGS.model}: drift in pixels a frame at {resolution}x{resolution} | stage II's "
          f"change of it | beyond a drift at the last frame (RMS px) | drift's travel (px)")
    changes, bends = [], []
    for path in photo_paths():
        photo = np.asarray(read_image(path))
        clip, velocities = backbone.base_motion(preprocessor.model_input(photo))[:2]
        moves = backbone.refine_motion(clip)[1].numpy()[0]
        velocities = velocities.numpy()[0]
        shown = np.cumsum(velocities, axis=0)            # where G1's frame t samples the photo
        both = refined(shown, moves)
        sky = cv2.resize(sky_mask(photo), (resolution, resolution), interpolation=cv2.INTER_AREA)
        weight = sky[None, ..., None]
        first = sky_drift(velocities[1:], weight)[0, 0, 0, 0]
        second = sky_drift(np.diff(both, axis=0), weight)[0, 0, 0, 0]
        extra = (both[-1] - shown[-1])[sky > 0.5]
        bend = float(np.sqrt(((extra - extra.mean(axis=0)) ** 2).sum(axis=-1).mean())) \
            if len(extra) else 0.0
        travel = abs(first) * (len(shown) - 1)
        change = (second / first - 1) * 100 if first else 0.0
        changes.append(change)
        bends.append(bend / max(travel, 1e-6))
        print(f"  {'/'.join(Path(path).parts[-2:]):<32} I {first:+.3f}  II {second:+.3f}  "
              f"{change:+6.1f}%  {bend:5.2f} / {travel:5.1f}", flush=True)
    print(f"median: stage II changes the drift by {np.median(changes):+.1f}% (from "
          f"{min(changes):+.1f} to {max(changes):+.1f}); beyond a drift it moves "
          f"{np.median(bends):.3f} of the drift's travel")


if __name__ == "__main__":
    app.run(main)
