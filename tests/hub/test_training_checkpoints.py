"""MDGAN.from_pretrained on a checkpoint mdgan-train kept: the model as it was at that step."""

import shutil

import numpy as np
import pytest

from mdgan_tf import MDGAN, MDGANConfig
from mdgan_tf.hub.pretrained import PretrainedModelError
from mdgan_tf.training import TrainingOptions, train

TINY = MDGANConfig.from_preset("mdgan_tiny")
DATA = "synthetic:videos=6,clips_per_video=2,seed=4"


def same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights(),
                                                     strict=True))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Stage 1 in one model_dir, stage 2 in another (--stage1_dir), 2 steps each, a
    checkpoint at every step. Records whether stage 2's model_dir held a model when its
    training began."""
    root = tmp_path_factory.mktemp("runs")
    first, second = root / "stage1", root / "stage2"
    options = TrainingOptions(stage=1, data=DATA, model_dir=str(first), batch_size=2, steps=2,
                              log_every=1, checkpoint_every=1, video_every=0)
    train(TINY, options, out=lambda line: None)
    held = []

    def out(line):
        if line.startswith("stage 2: ") and "training clips" in line:
            held.append((second / "model.weights.h5").is_file())

    train(TINY, TrainingOptions(**{**options.__dict__, "stage": 2, "model_dir": str(second),
                                   "stage1_dir": str(first)}), out=out)
    return first, second, held


def test_a_stage_1_checkpoint_is_g1_at_its_step(runs):
    first, _, _ = runs
    final = MDGAN.from_pretrained(first)
    step2 = MDGAN.from_pretrained(first / "checkpoints" / "stage1" / "ckpt-2")
    step1 = MDGAN.from_pretrained(first / "checkpoints" / "stage1" / "ckpt-1")
    assert same(step2.base_generator, final.base_generator)   # the run ended at step 2
    assert not same(step1.base_generator, final.base_generator)
    assert same(step1.refine_generator, final.refine_generator)
    newest = MDGAN.from_pretrained(first / "checkpoints" / "stage1")
    assert same(newest.base_generator, final.base_generator)
    video = step1.generate(np.full((20, 30, 3), 100, np.uint8))
    assert video.shape == (1, TINY.frames, TINY.resolution, TINY.resolution, 3)


def test_a_stage_2_checkpoint_is_g2_at_its_step_beside_the_frozen_g1(runs):
    first, second, held = runs
    assert held == [True]   # G1 was in stage 2's model_dir before its first step
    final = MDGAN.from_pretrained(second)
    step1 = MDGAN.from_pretrained(second / "checkpoints" / "stage2" / "ckpt-1")
    assert same(step1.base_generator, MDGAN.from_pretrained(first).base_generator)
    assert not same(step1.refine_generator, final.refine_generator)
    step2 = MDGAN.from_pretrained(second / "checkpoints" / "stage2" / "ckpt-2")
    assert same(step2.refine_generator, final.refine_generator)


def test_checkpoints_whose_model_is_unknown_are_refused(runs, tmp_path):
    _, second, _ = runs
    loose = tmp_path / "loose"
    shutil.copytree(second / "checkpoints" / "stage2", loose)
    with pytest.raises(PretrainedModelError, match="outside <model_dir>/checkpoints"):
        MDGAN.from_pretrained(loose / "ckpt-1")
    copy = tmp_path / "copy"
    shutil.copytree(second / "checkpoints", copy / "checkpoints")
    shutil.copy(second / "config.json", copy)
    with pytest.raises(FileNotFoundError, match="needs its G1.*no model.weights.h5"):
        MDGAN.from_pretrained(copy / "checkpoints" / "stage2" / "ckpt-1")
    (copy / "checkpoints" / "stage1").mkdir()   # stage 2's networks read as stage 1's
    for path in (copy / "checkpoints" / "stage2").glob("ckpt-1.*"):
        shutil.copy(path, copy / "checkpoints" / "stage1")
    with pytest.raises(PretrainedModelError, match="holds another network"):
        MDGAN.from_pretrained(copy / "checkpoints" / "stage1" / "ckpt-1")
