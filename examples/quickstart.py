"""Quick start with the Python API: the shipped model, the example photo, a GIF and an MP4.

    python examples/quickstart.py [output_dir]

`mdgan-generate` does the same from the command line.
"""

import sys
from pathlib import Path

from mdgan_tf import MDGAN
from mdgan_tf.inference import read_image
from mdgan_tf.hub import example_photo
from mdgan_tf.inference import write_video


def main(output_dir="quickstart"):
    model = MDGAN.from_pretrained("mdgan_sky_synthetic_128")   # the default
    photo = read_image(example_photo())                 # H x W x 3 uint8, any size
    out = Path(output_dir)
    for stage in (1, 2):
        video = model.generate(photo, stage=stage, frames=64)[0]   # 64 x 128 x 128 x 3 uint8
        write_video(out / f"stage{stage}.gif", video, fps=16)
        write_video(out / f"stage{stage}.mp4", video, fps=16)
    print(f"wrote {len(video)}-frame videos of both stages to {out}/")


if __name__ == "__main__":
    main(*sys.argv[1:])
