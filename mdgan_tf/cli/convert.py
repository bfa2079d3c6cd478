"""mdgan-convert: the authors' released PyTorch generators -> an mdgan_tf model directory.

    pip install 'mdgan-tf[convert]'
    mdgan-convert --stage1 netG_S1_030.pth --stage2 netG_S2_067.pth --output models/authors
    mdgan-generate --model models/authors --image photo.jpg

The released models are the paper's: preset mdgan_sky_128 is this binary's default, where
the others start from the shipped model's.
"""

from pathlib import Path

from absl import flags

from mdgan_tf.cli.flags import configs_from_flags, define_config
from mdgan_tf.cli.runner import run_main
from mdgan_tf.errors import MissingFileError
from mdgan_tf.fileio import check_can_write
from mdgan_tf.hub.pretrained import CONFIG_FILE

FLAGS = flags.FLAGS
flags.DEFINE_string("stage1", None, "G1 state dict (netG_S1_*.pth).", required=True)
flags.DEFINE_string("stage2", None, "G2 state dict (netG_S2_*.pth); without it G2 is untrained.")
flags.DEFINE_string("output", None, "Model directory to write.", required=True)
define_config(default="mdgan_sky_128")


def check_request():
    """The configs, the state-dict files and the output's place, before TensorFlow loads."""
    configs_from_flags()
    for path in filter(None, (FLAGS.stage1, FLAGS.stage2)):
        if not Path(path).is_file():
            raise MissingFileError(f"{path}: no such state-dict file")
    check_can_write(Path(FLAGS.output) / CONFIG_FILE)


def main():
    from mdgan_tf.hub.convert import convert
    from mdgan_tf.modeling import MDGANBackbone

    model = convert(MDGANBackbone(configs_from_flags()[0]), FLAGS.stage1, FLAGS.stage2)
    model.save_pretrained(FLAGS.output)
    print(f"wrote {FLAGS.output} ({model.config.name}; G2 "
          f"{'converted' if FLAGS.stage2 else 'untrained'})")


def run():
    run_main(main, precheck=check_request)


if __name__ == "__main__":
    run()
