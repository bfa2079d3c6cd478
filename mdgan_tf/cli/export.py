"""mdgan-export: write a model as a TF Serving SavedModel in a versioned folder.

    mdgan-export --model mdgan_sky_synthetic_64 --export_dir savedmodels/mdgan_sky_synthetic_64/1
    tensorflow_model_server --rest_api_port=8501 --model_name=mdgan \\
        --model_base_path="$PWD/savedmodels/mdgan_sky_synthetic_64"

Signatures: `serving_default` (encoded images -> uint8 videos) and `generate_from_frames`
(float frames in [-1, 1] -> float videos); see mdgan_tf.export. Inspect with
`saved_model_cli show --all --dir <export_dir>`.
"""

import sys

from absl import app, flags

from mdgan_tf.export import SIGNATURES, export_saved_model
from mdgan_tf.mdgan import MDGAN
from mdgan_tf.pretrained import PretrainedModelError

FLAGS = flags.FLAGS
flags.DEFINE_string("model", "mdgan_sky_synthetic_64", "Preset name, model directory, or URL.")
flags.DEFINE_string("export_dir", None, "Versioned folder to write: <models>/<name>/<version>.",
                    required=True)
flags.DEFINE_enum("stage", "2", ["1", "2"], "Which stage's video the signatures return.")
flags.DEFINE_boolean("overwrite", False, "Replace an existing export in --export_dir.")


def main(argv):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    try:
        model = MDGAN.from_pretrained(FLAGS.model)
        export_saved_model(model, FLAGS.export_dir, int(FLAGS.stage), FLAGS.overwrite)
    except (PretrainedModelError, FileNotFoundError, FileExistsError, ValueError) as error:
        sys.exit(f"mdgan-export: {error}")
    print(f"exported {FLAGS.model} (stage {FLAGS.stage}) to {FLAGS.export_dir} with signatures "
          f"{', '.join(SIGNATURES)}")


def run():
    app.run(main)


if __name__ == "__main__":
    run()
