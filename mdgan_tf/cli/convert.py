"""mdgan-convert: the authors' released PyTorch generators -> an mdgan_tf model directory.

    pip install 'mdgan-tf[convert]'
    mdgan-convert --stage1 netG_S1_030.pth --stage2 netG_S2_067.pth --output models/authors
    mdgan-generate --model models/authors --image photo.jpg

The released models are the paper's (preset mdgan_sky_128, the default).
"""

import sys

from absl import app, flags

from mdgan_tf.config import PRESETS
from mdgan_tf.convert import convert
from mdgan_tf.training import load_config

FLAGS = flags.FLAGS
flags.DEFINE_string("stage1", None, "G1 state dict (netG_S1_*.pth).", required=True)
flags.DEFINE_string("stage2", None, "G2 state dict (netG_S2_*.pth); without it G2 is untrained.")
flags.DEFINE_string("output", None, "Model directory to write.", required=True)
flags.DEFINE_enum("preset", "mdgan_sky_128", list(PRESETS), "The architecture the weights fit.")
flags.DEFINE_string("config", None, "MDGANConfig as a JSON file; overrides --preset.")


def main(argv):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    try:
        model = convert(FLAGS.stage1, FLAGS.stage2, load_config(FLAGS.preset, FLAGS.config))
    except (ImportError, FileNotFoundError, ValueError) as error:
        sys.exit(f"mdgan-convert: {error}")
    model.save_pretrained(FLAGS.output)
    print(f"wrote {FLAGS.output} ({model.config.name}; G2 "
          f"{'converted' if FLAGS.stage2 else 'untrained'})")


def run():
    app.run(main)


if __name__ == "__main__":
    run()
