"""A model as it was at one of `mdgan-train`'s checkpoints, so that any kept step can be
generated from, evaluated or exported like a model directory.

A GAN's last step is seldom its best (docs/training.md, "Stage II at 128x128"): the step
to ship is chosen afterwards, on held-out clips. `mdgan-train` keeps tf.train checkpoints
in `<model_dir>/checkpoints/stage{1,2}/ckpt-<step>`; each holds the trained stage's
networks, and the rest of the model (its config, and for stage 2 the frozen G1) is in
`model_dir` itself.
"""

from pathlib import Path

import tensorflow as tf

from mdgan_tf.errors import MissingFileError
from mdgan_tf.hub.pretrained import PretrainedModelError

STAGE_FOLDERS = {"stage1": 1, "stage2": 2}


def find_training_checkpoint(name_or_path):
    """(checkpoint prefix, stage, model_dir) if `name_or_path` is a checkpoint that
    `mdgan-train` wrote (`.../checkpoints/stage2/ckpt-50`) or a folder of them (its newest),
    else None."""
    path = Path(name_or_path)
    if (path / "checkpoint").is_file():
        prefix = tf.train.latest_checkpoint(str(path))
        if prefix is None:
            raise MissingFileError(f"{str(path)!r} lists no checkpoint that exists")
    elif Path(f"{path}.index").is_file():
        prefix = str(path)
    else:
        return None
    folder = Path(prefix).parent
    if folder.name not in STAGE_FOLDERS or folder.parent.name != "checkpoints":
        raise PretrainedModelError(
            f"{str(path)!r} is a checkpoint outside <model_dir>/checkpoints/stage1 or stage2, "
            f"so its model is unknown; pass a checkpoint in the model_dir mdgan-train wrote")
    return prefix, STAGE_FOLDERS[folder.name], folder.parent.parent


def restore_generator(generator, prefix):
    """Set `generator`'s weights to those of the `generator` a training checkpoint holds."""
    status = tf.train.Checkpoint(generator=generator).restore(prefix)
    try:
        status.expect_partial().assert_existing_objects_matched()
    except (AssertionError, ValueError) as error:
        raise PretrainedModelError(
            f"{prefix} holds another network than this model's {generator.name} "
            f"({str(error).splitlines()[0]}); is it from another config?") from error
