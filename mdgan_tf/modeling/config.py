"""The architecture of an MD-GAN: one dataclass that fully describes its networks.

A config is all that is needed to rebuild the generators and discriminators; it travels as
`config.json` beside the weights, so it must round-trip through JSON exactly. How the
networks are trained (loss weights, optimizer, BatchNorm statistics) is
`training.TrainingConfig`'s.
"""

import dataclasses
import json
from typing import Any

from mdgan_tf.errors import InputError
from mdgan_tf.hub.presets import PRESETS
from mdgan_tf.modeling.heads import (
    BASE_HEADS, REFINE_HEADS, MoveFramesHead, PaintHead, ResidualHead, WarpHead, head_from_dict,
)

# Fields of configs written before the architecture and training settings were split:
# they set how a model was trained, not what it is, and are left out when read.
LEGACY_TRAINING_FIELDS = (
    "adversarial_weight", "content_weight", "motion_weight", "change_profile_weight",
    "unexplained_change_weight", "ranking_weight", "ranking_loss", "learning_rate", "beta_1",
    "beta_2", "batchnorm_momentum", "sync_batchnorm")
# ...and the three fields that named the generators' heads then.
LEGACY_HEAD_FIELDS = ("base_output", "refine_output", "refine_residual")


@dataclasses.dataclass(frozen=True)
class MDGANConfig:
    """The architecture of an MD-GAN: its generators and discriminators.

    Layers are counted from 1 in the order the encoder applies them. The generator encoder
    has one conv per entry of `generator_filters`; its last conv is the bottleneck that
    collapses the video to 1x1x1, and the decoder mirrors the encoder. A skip numbered `k`
    adds encoder conv `k`'s output to the decoder layer of the same shape.

    Examples:
        >>> config = MDGANConfig.from_preset("mdgan_tiny")
        >>> config.replace(base_head={"type": "warp"}).to_json()
    """

    name: str = "mdgan_sky_128"
    frames: int = 32
    resolution: int = 128
    # The paper's first layer of every network, a (3,4,4) conv with stride (1,2,2). The
    # 64x64 variant of paper section 4.5 omits it (and, to keep shapes, the generator's
    # matching last deconv): set False.
    spatial_stem: bool = True
    generator_filters: tuple[int, ...] = (32, 64, 128, 256, 512, 512)
    discriminator_filters: tuple[int, ...] = (32, 64, 128, 256, 512)
    base_skips: tuple[int, ...] = (1, 2, 3, 4, 5)
    refine_skips: tuple[int, ...] = (3, 4, 5)
    # What G1's and G2's last deconvs make (`modeling.heads`); the paper's: frames.
    base_head: PaintHead = PaintHead()
    refine_head: PaintHead = PaintHead()
    # G1 is told which way the wind blows (`modeling.wind`): a second input, N x 3, added
    # to its bottleneck and to its head as codes; all zeros leave the choice to G1.
    wind_condition: bool = False
    # D2's conv layers whose activations feed the Gram matrices of the ranking loss.
    gram_layers: tuple[int, ...] = (1, 3)
    leaky_relu_slope: float = 0.2
    # PyTorch's BatchNorm3d default, so released weights convert exactly.
    batchnorm_epsilon: float = 1e-5

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, list):
                object.__setattr__(self, field.name, tuple(value))
        for field in ("base_head", "refine_head"):
            try:
                object.__setattr__(self, field, head_from_dict(getattr(self, field)))
            except InputError as error:
                raise InputError(f"MDGANConfig {self.name!r}: {field}: {error}") from None
        self._validate()

    def _validate(self):
        def fail(message):
            raise InputError(f"MDGANConfig {self.name!r}: {message}")

        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if field.type is not PaintHead and not _has_type(value, field.type):
                fail(f"{field.name} must be {_type_name(field.type)}, got {value!r}")

        if self.frames < 1 or self.resolution < 1:
            fail(f"frames and resolution must be positive, got {self.frames}, {self.resolution}")
        if len(self.generator_filters) < 2:
            fail("generator_filters needs at least one conv and the bottleneck")
        if not self.discriminator_filters:
            fail("discriminator_filters must not be empty")
        if any(f < 1 for f in self.generator_filters + self.discriminator_filters):
            fail("filter counts must be positive")
        # Raises with the offending dimension if the video does not halve down evenly.
        encoder_shapes(self.frames, self.resolution, len(self.generator_filters), self.spatial_stem)
        encoder_shapes(
            self.frames, self.resolution, len(self.discriminator_filters) + 1, self.spatial_stem
        )
        skippable = range(1, len(self.generator_filters))
        for field in ("base_skips", "refine_skips"):
            bad = [k for k in getattr(self, field) if k not in skippable]
            if bad:
                fail(f"{field} {bad} are not encoder convs 1..{len(self.generator_filters) - 1}")
        for field, allowed in (("base_head", BASE_HEADS), ("refine_head", REFINE_HEADS)):
            if getattr(self, field).type not in allowed:
                fail(f"{field} must be one of {allowed}, got {getattr(self, field).type!r}")
        bad = [k for k in self.gram_layers if not 1 <= k <= len(self.discriminator_filters)]
        if bad:
            fail(f"gram_layers {bad} are not discriminator convs 1..{len(self.discriminator_filters)}")

    def to_dict(self) -> dict[str, Any]:
        return {field.name: _plain(getattr(self, field.name))
                for field in dataclasses.fields(self)}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "MDGANConfig":
        """A config from its dict form; a config written before the split of architecture
        and training settings is read too (see `LEGACY_TRAINING_FIELDS`)."""
        values = _upgraded(values)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InputError(f"unknown MDGANConfig fields {unknown}; known fields: {sorted(known)}")
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> "MDGANConfig":
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_preset(cls, name: str) -> "MDGANConfig":
        """The config of a registered preset (`mdgan_tf.hub.presets.PRESETS`)."""
        if name not in PRESETS:
            raise InputError(f"unknown preset {name!r}; available presets: {sorted(PRESETS)}")
        return cls.from_dict(PRESETS[name]["config"])

    def replace(self, **changes) -> "MDGANConfig":
        return dataclasses.replace(self, **changes)


def _plain(value):
    """A field's value as JSON holds it."""
    if isinstance(value, tuple):
        return list(value)
    return value.to_dict() if isinstance(value, PaintHead) else value


def _upgraded(values):
    """`values` with a config's old fields read: the three that named the heads become
    `base_head` and `refine_head`, and the training settings are left out."""
    if not any(name in values for name in LEGACY_TRAINING_FIELDS + LEGACY_HEAD_FIELDS):
        return values
    values = {k: v for k, v in values.items() if k not in LEGACY_TRAINING_FIELDS}
    base, refine = values.pop("base_output", "video"), values.pop("refine_output", "video")
    residual = values.pop("refine_residual", False)
    if base not in ("video", "warp") or refine not in ("video", "warp") \
            or not isinstance(residual, bool) or (refine == "warp" and residual):
        raise InputError(f"base_output {base!r}, refine_output {refine!r} and refine_residual "
                         f"{residual!r} name no heads ('video' or 'warp'; a residual G2 "
                         f"paints)")
    values.setdefault("base_head", (WarpHead() if base == "warp" else PaintHead()).to_dict())
    values.setdefault("refine_head", (MoveFramesHead() if refine == "warp" else ResidualHead()
                                      if residual else PaintHead()).to_dict())
    return values


def _has_type(value, annotation):
    """Whether a config value is of its field's type, as JSON may hold it (`"32"` is not
    an int; an int is a float; a bool is neither)."""
    if annotation is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if annotation is float:
        return isinstance(value, (int, float))
    if annotation in (int, str):
        return isinstance(value, annotation)
    element = annotation.__args__[0]   # tuple[int, ...]
    return isinstance(value, tuple) and all(_has_type(v, element) for v in value)


def _type_name(annotation):
    names = {bool: "true or false", int: "an integer", float: "a number", str: "a string"}
    return names.get(annotation) or f"a list of {names[annotation.__args__[0]].split(' ', 1)[1]}s"


def as_config(value):
    """An MDGANConfig from a config or its dict form (as `get_config` and config.json hold)."""
    return value if isinstance(value, MDGANConfig) else MDGANConfig.from_dict(value)


def encoder_shapes(frames, resolution, num_layers, spatial_stem):
    """(T, H, W) after each of an encoder's `num_layers` convs, the last being the bottleneck.

    Shared by the generator and the discriminator (the paper's D is G1's encoder with a
    single score at the end), and by config validation, so that a shape that does not divide
    evenly fails at config time with a message rather than deep inside Keras.
    """
    t, h = frames, resolution
    shapes = []
    for i in range(num_layers - 1):
        stem = spatial_stem and i == 0
        if h % 2 or (not stem and t % 2):
            raise InputError(
                f"a {frames}-frame {resolution}x{resolution} video cannot be halved by encoder "
                f"conv {i + 1} (its input is {t}x{h}x{h}); use frames and resolution divisible "
                f"by enough powers of two, or fewer filters"
            )
        t, h = (t if stem else t // 2), h // 2
        shapes.append((t, h, h))
    shapes.append((1, 1, 1))
    return shapes
