"""What a generator's last deconv makes, as a one-of config: each head is a layer, with its
constants in its config.

- `PaintHead`: frames, the paper's output (tanh).
- `ResidualHead`: corrections added to the generator's input video; G2 then starts as the
  identity (its last deconv starts at zero), and frame 0 gets none.
- `WarpHead`: G1's velocities, along which the photo's own pixels are moved
  (`modeling.warp.WarpPhoto`); it starts as a still copy of the photo.
- `WarpChangeHead`: G1's velocities and a smooth change of colour added to the moved
  photo (`modeling.warp.WarpAndChange`): clouds that form and thin and light that changes,
  which no motion explains. It starts as a `WarpHead` whose change is zero.
- `MoveFramesHead`: G2's displacements, along which each of G1's frames is moved again
  (`modeling.warp.MoveFrames`); it starts at G1's video.

In a config each is a dict whose "type" names it, as TF Model Garden's `OneOfConfig`:
`{"type": "warp", "max_step": 0.015625, "grid": 4}`. Why the package's models use the
heads they do is told in their model cards and docs/training.md. Plain Python, as configs
are; the layers are `modeling.head_layers`.
"""

import dataclasses

from mdgan_tf.errors import InputError


@dataclasses.dataclass(frozen=True)
class PaintHead:
    """The tanh output is the video."""

    type = "paint"
    channels = 3
    zero_init = False

    def layer_args(self, resolution):
        """The keyword arguments of its layer (`head_layers.head_layer`) at `resolution`."""
        return {}

    def to_dict(self):
        return {"type": self.type, **dataclasses.asdict(self)}


@dataclasses.dataclass(frozen=True)
class ResidualHead(PaintHead):
    """The tanh output is a correction added to the input video, clipped to [-1, 1]."""

    type = "residual"
    zero_init = True


@dataclasses.dataclass(frozen=True)
class WarpHead(PaintHead):
    """Two channels: a velocity per frame of up to `max_step` of the frame's width, averaged
    over cells of 1/`grid` of it, along which frame 0 of the input is moved."""

    max_step: float = 1 / 64
    grid: int = 4
    type = "warp"
    channels = 2
    zero_init = True

    def layer_args(self, resolution):
        return {"max_pixels": resolution * self.max_step,
                "cell": max(1, resolution // self.grid)}


@dataclasses.dataclass(frozen=True)
class WarpChangeHead(WarpHead):
    """Five channels: `WarpHead`'s two velocities, and three of a change of colour of up to
    `change` (in the video's [-1, 1]), averaged over cells of 1/`change_grid` of the frame
    and added to the moved photo. Smooth, so that at the photo's size it changes the
    light and cover of its clouds without painting over their detail."""

    change: float = 0.25
    change_grid: int = 16
    type = "warp_change"
    channels = 5

    def layer_args(self, resolution):
        return {**super().layer_args(resolution), "max_change": self.change,
                "change_cell": max(1, resolution // self.change_grid)}


@dataclasses.dataclass(frozen=True)
class MoveFramesHead(WarpHead):
    """Two channels: a displacement per frame of up to `max_step` of the frame's width, on
    cells of 1/`grid` of it, along which each frame of the input is moved again."""

    max_step: float = 1 / 8
    grid: int = 16
    type = "move_frames"


HEADS = {head.type: head for head in (PaintHead, ResidualHead, WarpHead, WarpChangeHead,
                                     MoveFramesHead)}
BASE_HEADS = ("paint", "warp", "warp_change")             # what G1 may end in
MOVING_HEADS = ("warp", "warp_change")                    # a G1 that moves the photo
REFINE_HEADS = ("paint", "residual", "move_frames")       # what G2 may end in


def head_from_dict(values):
    """A head from its config dict ({"type": ..., its fields}), or a head as it is."""
    if isinstance(values, PaintHead):
        return values
    if not isinstance(values, dict) or values.get("type") not in HEADS:
        raise InputError(f"a head must be a dict whose type is one of {sorted(HEADS)}, got "
                         f"{values!r}")
    head = HEADS[values["type"]]
    fields = {f.name: f.type for f in dataclasses.fields(head)}
    unknown = sorted(set(values) - set(fields) - {"type"})
    if unknown:
        raise InputError(f"unknown fields {unknown} of a {head.type!r} head; it has "
                         f"{sorted(fields) or 'none'}")
    for name, value in values.items():
        if name in fields and (isinstance(value, bool) or not isinstance(value, (int, float))
                               or value <= 0 or (fields[name] is int and
                                                 not float(value).is_integer())):
            raise InputError(f"the {head.type!r} head's {name} must be a positive "
                             f"{'whole ' if fields[name] is int else ''}number, got {value!r}")
    return head(**{name: fields[name](value) for name, value in values.items()
                   if name in fields})
