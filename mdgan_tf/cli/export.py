"""mdgan-export: write a model as a TF Serving SavedModel in a versioned folder.

    mdgan-export --model mdgan_sky_synthetic_64 --export_dir savedmodels/mdgan_sky_synthetic_64/1
    tensorflow_model_server --rest_api_port=8501 --model_name=mdgan \\
        --model_base_path="$PWD/savedmodels/mdgan_sky_synthetic_64"

Signatures: `serving_default` (encoded images -> uint8 videos) and `generate_from_frames`
(float frames in [-1, 1] -> float videos); see mdgan_tf.generation.export. Inspect with
`saved_model_cli show --all --dir <export_dir>`.
"""

from absl import flags

from mdgan_tf.cli.flags import check_model, define_max_pixels, define_model, define_stage
from mdgan_tf.cli.runner import run_main
from mdgan_tf.fileio import check_can_write
from mdgan_tf.generation.export_folder import check_export_dir

FLAGS = flags.FLAGS
define_model()
flags.DEFINE_string("export_dir", None, "Versioned folder to write: <models>/<name>/<version>.",
                    required=True)
define_stage("2", "Which stage's video the signatures return.")
flags.DEFINE_boolean("overwrite", False, "Replace an existing export in --export_dir.")
define_max_pixels()


def check_request():
    """The model, and the export folder's name and place, before TensorFlow loads."""
    check_model(FLAGS.model)
    check_export_dir(FLAGS.export_dir, FLAGS.overwrite)
    check_can_write(FLAGS.export_dir)


def main():
    from mdgan_tf.generation import VideoGenerator, export_saved_model, signatures

    model = VideoGenerator.from_preset(FLAGS.model)
    export_saved_model(model, FLAGS.export_dir, int(FLAGS.stage), FLAGS.overwrite,
                       max_pixels=FLAGS.max_pixels)
    print(f"exported {FLAGS.model} (stage {FLAGS.stage}) to {FLAGS.export_dir} with signatures "
          f"{', '.join(signatures(model))}")


def run():
    run_main(main, precheck=check_request)


if __name__ == "__main__":
    run()
