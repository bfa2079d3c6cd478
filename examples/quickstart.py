"""Quick start: make a video from a photo with the MDGAN API and write its frames as PNGs.

Until the pretrained model ships (see README), this uses an untrained tiny model, so the
video shows the API working, not a learned time-lapse.

    python examples/quickstart.py [output_dir]
"""

import sys
from pathlib import Path

import numpy as np
import tensorflow as tf

from mdgan_tf import MDGAN, MDGANConfig


def sky_photo(height=90, width=160):
    """A stand-in photo: a blue-to-orange sky over a dark hill."""
    y, x = np.mgrid[0:height, 0:width] / np.array([height, width])[:, None, None]
    sky = np.stack([0.3 + 0.6 * y, 0.5 + 0.2 * y, 0.9 - 0.5 * y], axis=-1)
    hill = y > 0.75 + 0.1 * np.sin(6 * x)
    return (np.where(hill[..., None], 0.1, sky) * 255).astype(np.uint8)


def main(output_dir="quickstart_frames"):
    model = MDGAN(MDGANConfig.from_preset("mdgan_tiny"))
    video = model.generate(sky_photo())[0]  # T x H x W x 3, uint8
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    for t, frame in enumerate(video):
        tf.io.write_file(str(out / f"frame_{t:03d}.png"), tf.io.encode_png(frame))
    model.save_pretrained(out / "model")
    reloaded = MDGAN.from_pretrained(out / "model")
    assert np.array_equal(reloaded.generate(sky_photo())[0], video)
    print(f"wrote {len(video)} frames of {video.shape[1]}x{video.shape[2]} to {out}/ "
          f"and the model to {out / 'model'}/")


if __name__ == "__main__":
    main(*sys.argv[1:])
