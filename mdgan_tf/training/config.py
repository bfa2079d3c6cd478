"""How an MD-GAN is trained: loss weights, optimizer and BatchNorm statistics.

Apart from the architecture (`modeling.MDGANConfig`), so that a run may resume with any of
these changed. Plain Python, so that `mdgan-train` reads and overrides it (and answers
`--help`) without TensorFlow. Settings are applied in the order preset, config file,
`--set key=value` overrides (`apply_overrides`).
"""

import dataclasses
import json

from mdgan_tf.errors import InputError
from mdgan_tf.hub.presets import PRESETS
from mdgan_tf.modeling.config import MDGANConfig


def _setting(default, help):
    """A field of `TrainingConfig`, with what it sets (`help`, listed by `describe`)."""
    return dataclasses.field(default=default, metadata={"help": help})


@dataclasses.dataclass(frozen=True)
class TrainingConfig:
    """Loss weights, the Adam optimizer of both networks, and BatchNorm statistics. The
    defaults are the paper's (Adam 2e-4, beta_1 0.5, lambda 1).

    Examples:
        >>> TrainingConfig.from_preset("mdgan_sky_synthetic_128").content_weight
        10.0
    """

    adversarial_weight: float = _setting(1.0, "the adversarial term's weight (eq. 7)")
    content_weight: float = _setting(1.0, "L1 content's weight (eq. 7)")
    ranking_weight: float = _setting(1.0, "lambda, the ranking loss's weight (eq. 7)")
    motion_weight: float = _setting(
        0.0, "L1 on frame-to-frame changes (losses.motion_loss); not in the paper")
    change_profile_weight: float = _setting(
        0.0, "L1 on how much each region changes over several lags "
        "(losses.change_profile_loss); not in the paper")
    unexplained_change_weight: float = _setting(
        0.0, "L1 on how much of each region's change no small shift explains "
        "(losses.unexplained_change_loss); not in the paper")
    speed_weight: float = _setting(
        0.0, "for a G1 that moves the photo, trained on clips whose wind speed is known "
        "(synthetic skies): the absolute log of the ratio of its drift's speed over the clip's "
        "(losses.speed_loss); not in the paper")
    ranking_loss: str = _setting(
        "normalized", "the ranking loss's form: normalized or literal (losses.ranking_loss)")
    wind_dropout: float = _setting(
        0.25, "for a G1 told the wind: the share of clips (of those untold_within allows) "
        "trained without it, so that told nothing it chooses a wind itself")
    untold_within: float = _setting(
        180.0, "for a G1 told the wind: only clips whose heading is within this many degrees "
        "of 0 (left to right) are trained without it (wind_dropout of them), so that told "
        "nothing it chooses a wind the photo's rendering can draw")
    learning_rate: float = _setting(2e-4, "Adam's, for both networks")
    beta_1: float = _setting(0.5, "Adam's")
    beta_2: float = _setting(0.999, "Adam's")
    batchnorm_momentum: float = _setting(
        0.9, "the moving statistics' momentum (PyTorch's default 0.1 is 0.9 here)")
    sync_batchnorm: bool = _setting(
        False, "replicas share their batch statistics (per-GPU video batches are small)")

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.type is bool and not isinstance(value, bool):
                raise InputError(f"{field.name} must be true or false, got {value!r}")
            if field.type is float and (isinstance(value, bool)
                                        or not isinstance(value, (int, float))):
                raise InputError(f"{field.name} must be a number, got {value!r}")
            if field.type is str and not isinstance(value, str):
                raise InputError(f"{field.name} must be a string, got {value!r}")
        if not 0 <= self.wind_dropout <= 1:
            raise InputError(f"wind_dropout must be in [0, 1], got {self.wind_dropout}")
        if not 0 <= self.untold_within <= 180:
            raise InputError(f"untold_within must be in [0, 180] degrees, got "
                             f"{self.untold_within}")
        if not 0 <= self.batchnorm_momentum < 1:
            raise InputError(f"batchnorm_momentum must be in [0, 1), got "
                             f"{self.batchnorm_momentum}")

    def to_dict(self):
        return dataclasses.asdict(self)

    def to_json(self):
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, values):
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(f"unknown TrainingConfig fields {unknown}; known fields: "
                             f"{sorted(known)}")
        return cls(**values)

    @classmethod
    def from_preset(cls, name):
        """How preset `name` is trained (`mdgan_tf.hub.presets.PRESETS`)."""
        if name not in PRESETS:
            raise InputError(f"unknown preset {name!r}; available presets: {sorted(PRESETS)}")
        return cls.from_dict(PRESETS[name].get("training", {}))

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)

    @classmethod
    def describe(cls):
        """(name, default, what it sets) of every setting, as docs/training.md lists them."""
        return [(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(cls)]


def configs_from_file(path, config, training):
    """`config` and `training` with what the JSON file at `path` sets.

    The file holds {"model": {...}, "training": {...}}, each part optional and each field
    replacing the one given; or a flat config.json as models are saved with (its
    architecture, and for a config written before the two were split, its training
    settings too).
    """
    try:
        with open(path) as f:
            values = json.load(f)
    except (OSError, ValueError) as error:   # unreadable, not JSON
        raise InputError(f"{path}: {error}") from error
    if not isinstance(values, dict):
        raise InputError(f"{path}: expected a JSON object, got {type(values).__name__}")
    names = {f.name for f in dataclasses.fields(TrainingConfig)}
    try:
        if set(values) <= {"model", "training"}:   # parts, each over what is given
            return (MDGANConfig.from_dict({**config.to_dict(), **values.get("model", {})}),
                    TrainingConfig.from_dict({**training.to_dict(),
                                              **values.get("training", {})}))
        # A whole config.json: the architecture as it says, its training fields (if any)
        # over the training given.
        return (MDGANConfig.from_dict({k: v for k, v in values.items() if k not in names}),
                training.replace(**{k: v for k, v in values.items() if k in names}))
    except (InputError, TypeError) as error:
        raise InputError(f"{path}: {error}") from error


def apply_overrides(config, training, overrides):
    """`config` and `training` with each "key=value" of `overrides` set, in order.

    A key names a field of either (their names differ); a value is read as JSON (`16`,
    `0.5`, `true`, `[1, 2]`, `{"type": "warp"}`), else taken as a string.
    """
    model_fields = {f.name for f in dataclasses.fields(MDGANConfig)}
    training_fields = {f.name for f in dataclasses.fields(TrainingConfig)}
    model, train = config.to_dict(), training.to_dict()
    for override in overrides:
        key, equals, text = override.partition("=")
        key = key.strip()
        if not equals or not key:
            raise InputError(f"--set takes key=value, got {override!r}")
        try:
            value = json.loads(text)
        except ValueError:
            value = text
        if key in model_fields:
            model[key] = value
        elif key in training_fields:
            train[key] = value
        else:
            raise InputError(f"--set {key}: no such setting; model: {sorted(model_fields)}; "
                             f"training: {sorted(training_fields)}")
    return MDGANConfig.from_dict(model), TrainingConfig.from_dict(train)
