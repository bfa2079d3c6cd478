"""Stage I against stage II on photos: a PNG grid to look at, and how well each keeps the photo.

For each photo (the shipped example, photos with sky that scikit-image ships, and the first
frames of held-out synthetic scenes) prints the PSNR of frame 0 against the photo at the
model's resolution, and the chaining ratio: the mean |frame difference| across the joins of
a chained video over the mean within its clips. Writes one row per photo to --output:
input | stage I frames | stage II frames.

    pip install scikit-image   # for its photos
    python examples/stage_grid.py [--model mdgan_sky_synthetic_64] [--output stage_grid.png]
"""

import numpy as np
from absl import app, flags
from PIL import Image

from mdgan_tf import MDGAN
from mdgan_tf.data import SyntheticSkySource
from mdgan_tf.data.pipeline import make_dataset
from mdgan_tf.evaluation.metrics import frame_mse, psnr_from_mse
from mdgan_tf.hub.shipped import example_photo
from mdgan_tf.preprocessing.images import prepare_images, read_image, to_uint8

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Preset name, model directory, or URL.")
flags.DEFINE_integer("sky_version", 1, "The synthetic sky generator the model was trained on "
                     "(1: the 64x64 model's).")
flags.DEFINE_string("output", "stage_grid.png", "Where to write the grid.")
flags.DEFINE_list("frames", ["0", "8", "16", "24", "31"], "Frames shown per stage.")
flags.DEFINE_integer("synthetic", 2, "Held-out synthetic scenes (seed 1) to add.")
flags.DEFINE_integer("scale", 2, "Pixel repeat of the grid.")


def photos(count):
    """(name, H x W x 3 uint8) of every photo to compare on."""
    import skimage.data

    found = [("example sky.jpg", read_image(example_photo())),
             ("skimage rocket", skimage.data.rocket()),
             ("skimage camera", np.repeat(skimage.data.camera()[..., None], 3, axis=-1))]
    if count:
        source = SyntheticSkySource(videos=count, clips_per_video=1, frames=1, size=64, seed=1,
                                    version=FLAGS.sky_version)
        for i, clip in enumerate(make_dataset(source, 64, 1, shuffle=False)):
            found.append((f"synthetic scene {i}", to_uint8(clip[:, 0]).numpy()[0]))
    return found


def join_ratio(video, clip_length):
    """Mean |x[t+1] - x[t]| across chained clips' joins over that within clips."""
    steps = np.abs(np.diff(video.astype(np.float64), axis=0)).mean(axis=(1, 2, 3))
    joins = np.arange(clip_length - 1, len(steps), clip_length - 1)
    within = np.setdiff1d(np.arange(len(steps)), joins)
    return steps[joins].mean() / steps[within].mean()


def main(argv):
    del argv
    model = MDGAN.from_pretrained(FLAGS.model)
    t, shown = model.config.frames, [int(f) for f in FLAGS.frames]
    rows = []
    print(f"{'photo':<20} {'frame 0 PSNR: stage I':>22} {'stage II':>9} "
          f"{'join ratio: stage I':>20} {'stage II':>9}")
    for name, photo in photos(FLAGS.synthetic):
        target = (prepare_images(photo, model.config.resolution).numpy() + 1) / 2
        videos = {stage: model.generate(photo, stage=stage, frames=3 * t - 2)[0]
                  for stage in (1, 2)}
        psnr = {stage: float(psnr_from_mse(frame_mse(v[None, :1] / 255.0, target[:, None]))[0, 0])
                for stage, v in videos.items()}
        ratio = {stage: join_ratio(v, t) for stage, v in videos.items()}
        print(f"{name:<20} {psnr[1]:>19.2f} dB {psnr[2]:>6.2f} dB {ratio[1]:>20.2f} "
              f"{ratio[2]:>9.2f}")
        gap = np.full((target.shape[1], 2, 3), 255, np.uint8)
        panels = [np.round(target[0] * 255).astype(np.uint8), gap]
        for stage in (1, 2):
            panels += [videos[stage][f] for f in shown] + [gap, gap]
        rows += [np.concatenate(panels[:-2], axis=1), np.full((2, 1, 3), 255, np.uint8)]
    width = max(r.shape[1] for r in rows)
    grid = np.concatenate([np.pad(r, ((0, 0), (0, width - r.shape[1]), (0, 0)),
                                  constant_values=255) for r in rows[:-1]], axis=0)
    grid = grid.repeat(FLAGS.scale, axis=0).repeat(FLAGS.scale, axis=1)
    Image.fromarray(grid).save(FLAGS.output)
    print(f"wrote {FLAGS.output}: rows input | stage I frames {shown} | stage II frames {shown}")


if __name__ == "__main__":
    app.run(main)
