"""mdgan-train: both stages, resume after SIGKILL, non-finite stop, and distribution."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import numpy as np

from mdgan_tf import MDGAN, MDGANConfig
from mdgan_tf.training import TrainingConfig, TrainingOptions, train

DATA = "synthetic:videos=6,clips_per_video=2,seed=4"


def command(model_dir, *extra):
    return [sys.executable, "-m", "mdgan_tf.cli.train", "--preset=mdgan_tiny", f"--data={DATA}",
            f"--model_dir={model_dir}", "--batch_size=2", "--seed=3", *extra]


def run(model_dir, *extra, env=None):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    return subprocess.run(command(model_dir, *extra), capture_output=True, text=True,
                          timeout=600, env=env)


def digest(output):
    return re.search(r"weights sha256 (\w+)", output).group(1)


def tensorboard_tags(folder):
    """{tag: the first value's image size (width, height) for images, else None}."""
    import tensorflow as tf

    tags = {}
    for path in folder.iterdir():
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            for value in event.summary.value:
                image = tf.make_ndarray(value.tensor) if value.metadata.plugin_data.plugin_name == "images" else None
                tags.setdefault(value.tag, None if image is None else tuple(image[:2]))
    return tags


def test_stage_one_then_two_then_generate(tmp_path):
    config = MDGANConfig.from_preset("mdgan_tiny")
    lines = []
    options = TrainingOptions(stage=1, data=DATA, model_dir=str(tmp_path), batch_size=2,
                              steps=3, log_every=2, checkpoint_every=2, video_every=2)
    assert train(config, options, out=lines.append)["step"] == 3
    assert any(re.match(r"stage 1 step 2/3 \| .*d_loss .*clips/s", line) for line in lines)
    result = train(config, TrainingOptions(**{**options.__dict__, "stage": 2, "steps": 2}),
                   out=lines.append)
    assert result["step"] == 2 and np.isfinite(result["ranking"])
    for stage, extra in (("stage1", set()), ("stage2", {"loss/ranking"})):
        tags = tensorboard_tags(tmp_path / "logs" / stage)
        assert {"loss/d_loss", "loss/g_loss", "loss/adversarial", "loss/content",
                "clips_per_second", "input|generated|real"} | extra <= set(tags)
    # A strip per validation clip: 3 rows (input | generated | real) of 8 frames of 32x32.
    assert tags["input|generated|real"] == (b"256", b"96")
    model = MDGAN.from_pretrained(tmp_path)
    video = model.generate(np.full((45, 61, 3), 128, np.uint8))
    assert video.shape == (1, 8, 32, 32, 3)
    # Stage 2 trained G2 against a frozen G1: G1's weights are the ones stage 1 saved.
    stage1 = sorted((tmp_path / "checkpoints" / "stage1").glob("ckpt-3.index"))
    assert stage1


def test_sigkill_then_restart_resumes_and_matches_an_uninterrupted_run(tmp_path):
    steps = ["--steps=15", "--log_every=3", "--checkpoint_every=3", "--video_every=0"]
    state = tmp_path / "killed" / "checkpoints" / "stage1" / "checkpoint"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    process = subprocess.Popen(command(tmp_path / "killed", *steps), env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not state.exists() and process.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run ended before it could be killed"

    resumed = run(tmp_path / "killed", *steps)
    assert resumed.returncode == 0, resumed.stderr
    start = int(re.search(r"resuming from step (\d+)", resumed.stdout).group(1))
    assert 3 <= start < 15 and start % 3 == 0
    assert f"steps {start} -> 15" in resumed.stdout
    # The same run uninterrupted, in this process (the binary's own steps, without its
    # start-up): the weights are the same to the bit.
    whole = []
    train(MDGANConfig.from_preset("mdgan_tiny"),
          TrainingOptions(stage=1, data=DATA, model_dir=str(tmp_path / "whole"), batch_size=2,
                          seed=3, steps=15, log_every=3, checkpoint_every=3, video_every=0),
          out=whole.append)
    assert not any("resuming" in line for line in whole)
    assert digest(resumed.stdout) == digest("\n".join(whole))


def test_non_finite_loss_stops_and_keeps_the_last_checkpoint(tmp_path):
    # The first 3 steps in this process, as the binary would run them; the failing run in
    # the binary, whose one-line message is what is tested.
    options = TrainingOptions(stage=1, data=DATA, model_dir=str(tmp_path), batch_size=2,
                              steps=3, seed=3, checkpoint_every=3, video_every=0)
    train(MDGANConfig.from_preset("mdgan_tiny"), options, out=lambda line: None)
    checkpoints = tmp_path / "checkpoints" / "stage1"
    before = {p.name: p.read_bytes() for p in checkpoints.iterdir()}
    failed = run(tmp_path, "--steps=6", "--checkpoint_every=1", "--set=content_weight=Infinity")
    assert failed.returncode == 1
    message = failed.stderr.strip().splitlines()[-1]
    assert message.startswith("mdgan-train: stage 1: non-finite loss between steps 3 and 4")
    assert "g_loss inf" in message and str(checkpoints / "ckpt-3") in message
    assert {p.name: p.read_bytes() for p in checkpoints.iterdir()} == before
    assert json.loads((tmp_path / "training.json").read_text())["content_weight"] == float("inf")
    assert MDGAN.from_pretrained(tmp_path).generate(np.zeros((8, 8, 3), np.uint8)).shape[1] == 8


def test_mirrored_on_two_logical_cpus(tmp_path):
    result = run(tmp_path, "--steps=2", "--log_every=1", "--strategy=mirrored", "--logical_cpus=2")
    assert result.returncode == 0, result.stderr
    assert "2 replica(s)" in result.stdout and "done at step 2" in result.stdout


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for s in sockets:
        s.bind(("localhost", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def test_two_workers_on_loopback_finish_with_identical_weights(tmp_path):
    cluster = {"worker": [f"localhost:{port}" for port in free_ports(2)]}
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    workers = [
        subprocess.Popen(
            command(tmp_path, "--steps=3", "--log_every=1", "--checkpoint_every=2",
                    "--strategy=multi_worker"),
            env={**env, "TF_CONFIG": json.dumps({"cluster": cluster,
                                                 "task": {"type": "worker", "index": i}})},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(2)
    ]
    outputs = [w.communicate(timeout=600) for w in workers]
    for worker, (stdout, stderr) in zip(workers, outputs):
        assert worker.returncode == 0, stderr[-3000:]
        assert "2 replica(s)" in stdout and "done at step 3" in stdout
    assert digest(outputs[0][0]) == digest(outputs[1][0])
    # Only the chief keeps checkpoints and writes the model.
    assert sorted(p.name for p in (tmp_path / "checkpoints" / "stage1").iterdir()
                  if p.name.startswith(".")) == []
    assert (tmp_path / "model.weights.h5").exists()


def test_a_run_resumes_with_its_loss_weights_changed_but_not_its_networks(tmp_path):
    import pytest

    from mdgan_tf.training import SetupError

    config = MDGANConfig.from_preset("mdgan_tiny")
    options = TrainingOptions(stage=1, data=DATA, model_dir=str(tmp_path), batch_size=2,
                              steps=1, log_every=1, checkpoint_every=1, video_every=0)
    train(config, options, out=lambda line: None)
    steered = TrainingConfig(content_weight=10.0, motion_weight=100.0, learning_rate=1e-3,
                             batchnorm_momentum=0.5)
    lines = []
    train(config, TrainingOptions(**{**options.__dict__, "steps": 2}), steered,
          out=lines.append)
    assert any("resuming from step 1" in line for line in lines)
    assert TrainingConfig.from_dict(json.loads((tmp_path / "training.json").read_text())) \
        == steered
    with pytest.raises(SetupError, match="differs in generator_filters"):
        train(config.replace(generator_filters=(4, 8, 16, 32)),
              TrainingOptions(**{**options.__dict__, "steps": 3}), out=lambda line: None)
