"""The model configuration: one dataclass that fully describes an MD-GAN.

A config is all that is needed to rebuild the four networks and their training settings; it
travels as `config.json` beside the weights, so it must round-trip through JSON exactly.
"""

import dataclasses
import json
from typing import Any

RANKING_FORMS = ("normalized", "literal")   # see modeling.losses.ranking_loss
BASE_OUTPUTS = ("video", "warp")            # see modeling.warp
REFINE_OUTPUTS = ("video", "warp")          # see modeling.warp.MoveFrames


@dataclasses.dataclass(frozen=True)
class MDGANConfig:
    """Everything that defines an MD-GAN model and how it is trained.

    Layers are counted from 1 in the order the encoder applies them. The generator encoder
    has one conv per entry of `generator_filters`; its last conv is the bottleneck that
    collapses the video to 1x1x1, and the decoder mirrors the encoder. A skip numbered `k`
    adds encoder conv `k`'s output to the decoder layer of the same shape.
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
    # G2 outputs a correction added to G1's video (starting as the identity) instead of a
    # new video. Off in the paper's presets (and in the authors' released G2).
    refine_residual: bool = False
    # What G2's last deconv makes: "video", frames (or, with refine_residual, corrections to
    # G1's); "warp", a displacement per frame along which each of G1's frames is moved
    # again (modeling.warp.MoveFrames), starting at none. Not in the paper.
    refine_output: str = "video"
    # What G1's last deconv makes: "video", the paper's frames; "warp", a velocity per frame
    # along which the photo's own pixels are moved (modeling.warp). Not in the paper.
    base_output: str = "video"
    # D2's conv layers whose activations feed the Gram matrices of the ranking loss.
    gram_layers: tuple[int, ...] = (1, 3)
    leaky_relu_slope: float = 0.2
    # PyTorch's BatchNorm3d defaults (momentum 0.1 there is 0.9 here), so released weights
    # convert without drift.
    batchnorm_momentum: float = 0.9
    batchnorm_epsilon: float = 1e-5
    # Synchronise BatchNorm statistics across replicas: per-GPU video batches are small.
    sync_batchnorm: bool = False
    adversarial_weight: float = 1.0
    content_weight: float = 1.0
    # L1 between the generated and the real clip's frame-to-frame changes. 0 in the paper
    # (eq. 7 has no such term); it charges a generator for flicker that plain L1 on frames
    # averages away (see losses.motion_loss).
    motion_weight: float = 0.0
    # L1 between how much each region of the generated and the real clip changes over
    # several lags, whatever the direction (see losses.change_profile_loss): unlike the
    # two L1 terms above, it is not least for a video that stands still. 0 in the paper.
    change_profile_weight: float = 0.0
    # L1 between how much of each region's change over 4 frames no shift of up to 4
    # pixels explains, in the generated and the real clip (losses.unexplained_change_loss):
    # with the change profile, it asks that the change be drift, not fading. 0 in the paper.
    unexplained_change_weight: float = 0.0
    ranking_weight: float = 1.0
    # "normalized": Gram matrices divided by their L1 norms, which D2 cannot inflate;
    # "literal": eqs. 4-6 as the paper writes them, unbounded (see losses.ranking_loss).
    ranking_loss: str = "normalized"
    learning_rate: float = 2e-4
    beta_1: float = 0.5
    beta_2: float = 0.999

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, list):
                object.__setattr__(self, field.name, tuple(value))
        self._validate()

    def _validate(self):
        def fail(message):
            raise ValueError(f"MDGANConfig {self.name!r}: {message}")

        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if not _has_type(value, field.type):
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
        if self.base_output not in BASE_OUTPUTS:
            fail(f"base_output must be one of {BASE_OUTPUTS}, got {self.base_output!r}")
        if self.refine_output not in REFINE_OUTPUTS:
            fail(f"refine_output must be one of {REFINE_OUTPUTS}, got {self.refine_output!r}")
        if self.refine_output == "warp" and self.refine_residual:
            fail("refine_output='warp' moves G1's frames: it cannot also be refine_residual")
        if self.ranking_loss not in RANKING_FORMS:
            fail(f"ranking_loss must be one of {RANKING_FORMS}, got {self.ranking_loss!r}")
        bad = [k for k in self.gram_layers if not 1 <= k <= len(self.discriminator_filters)]
        if bad:
            fail(f"gram_layers {bad} are not discriminator convs 1..{len(self.discriminator_filters)}")

    def to_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> "MDGANConfig":
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown MDGANConfig fields {unknown}; known fields: {sorted(known)}")
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> "MDGANConfig":
        return cls.from_dict(json.loads(text))

    @classmethod
    def from_preset(cls, name: str) -> "MDGANConfig":
        """The config of a registered preset (`mdgan_tf.modeling.presets.PRESETS`)."""
        from mdgan_tf.modeling.presets import PRESETS  # the registry is built from this class

        if name not in PRESETS:
            raise ValueError(f"unknown preset {name!r}; available presets: {sorted(PRESETS)}")
        return PRESETS[name]["config"]

    def replace(self, **changes) -> "MDGANConfig":
        return dataclasses.replace(self, **changes)


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
            raise ValueError(
                f"a {frames}-frame {resolution}x{resolution} video cannot be halved by encoder "
                f"conv {i + 1} (its input is {t}x{h}x{h}); use frames and resolution divisible "
                f"by enough powers of two, or fewer filters"
            )
        t, h = (t if stem else t // 2), h // 2
        shapes.append((t, h, h))
    shapes.append((1, 1, 1))
    return shapes
