"""How a training run is set up: its options and the errors of a run that cannot start.

A dataclass of plain values, apart from the trainer, so that `mdgan-train` defines its flags
from it (and answers `--help`) without loading TensorFlow.
"""

import dataclasses

from mdgan_tf.errors import InputError

STRATEGIES = ("default", "mirrored", "multi_worker")


class SetupError(InputError):
    """A run that cannot start as asked: say what to change."""


@dataclasses.dataclass(frozen=True)
class TrainingOptions:
    """How to run a stage. The model itself (and the optimizer) is the `MDGANConfig`.

    The paper gives neither batch size nor length of training; the released test script
    batches 48 clips. Here the batch is 16 and training runs 20 epochs unless `steps` is set.
    """

    stage: int = 1
    data: str = "synthetic"
    model_dir: str = "mdgan_model"
    stage1_dir: str | None = None      # stage 2: where the trained G1 is (default: model_dir)
    init_from: str | None = None       # a fresh run's generator starts from this model's

    batch_size: int = 16               # global, over all replicas
    epochs: int = 20
    steps: int = 0                     # total steps; overrides `epochs` when positive
    strategy: str = "default"
    mixed_precision: bool = False
    jit_compile: bool = False
    seed: int = 0
    checkpoint_every: int = 500
    log_every: int = 50
    video_every: int = 500
    video_clips: int = 3
    keep_checkpoints: int = 3
    validation_fraction: float = 0.05
    crop: bool = False
    stride: int = 1
    first_clip_only: bool = False

    def __post_init__(self):
        if self.stage not in (1, 2):
            raise SetupError(f"stage must be 1 or 2, got {self.stage}")
        if self.strategy not in STRATEGIES:
            raise SetupError(f"strategy must be one of {', '.join(STRATEGIES)}, got {self.strategy!r}")
        for name in ("batch_size", "log_every", "checkpoint_every"):
            if getattr(self, name) < 1:
                raise SetupError(f"{name} must be positive, got {getattr(self, name)}")
        if self.steps < 0:
            raise SetupError(f"steps must be positive, or 0 to train for `epochs`, got {self.steps}")
        if self.steps == 0 and self.epochs <= 0:
            raise SetupError("give a positive number of steps or epochs")
