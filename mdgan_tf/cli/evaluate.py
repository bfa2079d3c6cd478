"""mdgan-evaluate: MSE, PSNR and SSIM of stage I, stage II, a copy-the-first-frame baseline
and any other method's videos against real clips, with motion and, with --fvd, FVD and KVD
(see mdgan_tf.evaluation).

    mdgan-evaluate --data data/sky_timelapse/sky_test --first_clip_only --paper_resolution
    mdgan-evaluate --model runs/sky --data synthetic:videos=250,clips_per_video=4,seed=1 \\
        --fvd --json scores.json --plot curves.png
    mdgan-evaluate --data sky_test --first_clip_only --no_model --resolution 128 \\
        --videos theirs=their_outputs/ --videos ours=our_outputs/ --fvd
    mdgan-evaluate --data long_clips/ --frames 128 --resolution 256 --window 16 \\
        --no_model --videos ours=our_outputs/ --fvd          # long clips, 16-frame windows
"""

from pathlib import Path

from absl import app, flags

from mdgan_tf.errors import MissingFileError
from mdgan_tf.cli.flags import check_model, define_clip_reading, define_data, define_model
from mdgan_tf.data.spec import check_spec
from mdgan_tf.cli.runner import run_main
from mdgan_tf.fileio import check_can_write, write_text_atomic

FLAGS = flags.FLAGS
define_model()
define_data(required=True)
define_clip_reading()
flags.DEFINE_integer("clips", 1000, "Clips to sample (paper section 4.5: 1000).")
flags.DEFINE_integer("seed", 0, "Which clips are sampled.")
flags.DEFINE_integer("batch_size", 8, "Clips per generator call.")
flags.DEFINE_boolean("paper_resolution", False, "Also score at 64x64, as the paper's tables.")
flags.DEFINE_boolean("fvd", False, "Also compute FVD and KVD with Kinetics-400 I3D (pip "
                     "install 'mdgan-tf[fvd]', or set MDGAN_I3D_CHECKPOINT).")
flags.DEFINE_multi_string("videos", [], "NAME=DIR (repeatable): also score the videos in DIR, "
                          "made by another method from the same first frames. DIR mirrors "
                          "the data: <video>/<clip>/ frame folders (JPEG/PNG) or "
                          "<video>/<clip>.mp4/.webm/.gif/... files, of any size and length.")
flags.DEFINE_boolean("no_model", False, "Score only the --videos and the copy baseline; "
                     "--model still sets the clip length and resolution.")
flags.DEFINE_integer("resolution", 0, "Square size everything is scored at; 0: the model's.",
                     lower_bound=0)
flags.DEFINE_integer("frames", 0, "Clip length scored (e.g. 128 for long clips); 0: the "
                     "model's T. The model chains clips to this length.", lower_bound=0)
flags.DEFINE_integer("window", 0, "--fvd: score each clip as its non-overlapping windows of "
                     "this many frames (e.g. 16), per clip and pooled; 0: whole clips.",
                     lower_bound=0)
flags.DEFINE_boolean("dynamics", True, "Also measure speed, evolution (change that motion "
                     "does not explain), perspective and light with optical flow.")
flags.DEFINE_string("json", None, "Write the scores and per-frame curves as JSON here.")
flags.DEFINE_string("plot", None, "Write the per-frame curves as a PNG here.")


def check_request():
    """The flags and the output places, before TensorFlow loads (and before a long run,
    not after it)."""
    if FLAGS.clips < 1:
        raise app.UsageError("--clips must be positive")
    for path in filter(None, (FLAGS.json, FLAGS.plot)):
        if not Path(path).resolve().parent.is_dir():
            raise MissingFileError(f"{path}: its folder does not exist; create it first")
        check_can_write(path)
    if FLAGS.window and not FLAGS.fvd:
        raise app.UsageError("--window sets FVD's windows: give --fvd too")
    if FLAGS.no_model and not FLAGS.videos:
        raise app.UsageError("--no_model scores the --videos: give at least one")
    check_model(FLAGS.model)
    check_spec(FLAGS.data)


def main():
    from mdgan_tf.data import open_source
    from mdgan_tf.evaluation import VideoFolder, evaluate, parse_videos_flag, plot_per_frame
    from mdgan_tf.generation import VideoGenerator
    from mdgan_tf.hub.pretrained import resolve_model
    from mdgan_tf.modeling.backbone import read_config

    folders = [VideoFolder(*parse_videos_flag(value)) for value in FLAGS.videos]
    if FLAGS.no_model:
        model, config = None, read_config(resolve_model(FLAGS.model))
    else:
        model = VideoGenerator.from_preset(FLAGS.model)
        config = model.config
    resolution = FLAGS.resolution or config.resolution
    source = open_source(FLAGS.data, FLAGS.frames or config.frames, resolution,
                         stride=FLAGS.stride,
                         first_clip_only=FLAGS.first_clip_only)
    source.check_usable()
    result = evaluate(model, source, clips=FLAGS.clips, seed=FLAGS.seed,
                      batch_size=FLAGS.batch_size, resolution=resolution,
                      paper_resolution=FLAGS.paper_resolution, crop=FLAGS.crop,
                      name="no model" if FLAGS.no_model else FLAGS.model, fvd=FLAGS.fvd,
                      videos=folders, window=FLAGS.window, dynamics=FLAGS.dynamics)
    print(result.table())
    if FLAGS.json:
        write_text_atomic(FLAGS.json, result.to_json())
        print(f"scores: {FLAGS.json}")
    if FLAGS.plot:
        plot_per_frame(result, FLAGS.plot)
        print(f"per-frame curves: {FLAGS.plot}")


def run():
    run_main(main, precheck=check_request)


if __name__ == "__main__":
    run()
