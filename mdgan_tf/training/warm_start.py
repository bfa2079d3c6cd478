"""A new generator started from a trained one whose layers it shares, where it has grown.

A G1 that gains inputs (the wind, `modeling.wind`) or outputs (a change of colour,
`heads.WarpChangeHead`) has the same layers as the G1 it grows from, a few of them with
more channels. Each weight is copied where the shapes overlap and zero beyond, and a
layer the old one lacks (the wind's codes) keeps its start at zero: the new output
channels make nothing (a zero kernel under tanh), so told no wind the new generator
starts making exactly the old one's video (told one, the same motion turned to it:
`modeling.warp.steered`), and training teaches it only what is new, in hundreds of
steps instead of thousands.
"""

import numpy as np

from mdgan_tf.training.options import SetupError


def grown_weight(old, shape):
    """`old` (a numpy array) in an array of `shape`: copied where they overlap, zero beyond."""
    if len(shape) != old.ndim:
        raise ValueError(f"a weight of shape {old.shape} cannot grow into {shape}")
    new = np.zeros(shape, old.dtype)
    overlap = tuple(slice(0, min(a, b)) for a, b in zip(old.shape, shape))
    new[overlap] = old[overlap]
    return new


def warm_start(generator, trained):
    """Set every weight of `generator` from the layer of the same name in `trained`
    (`grown_weight` where it is larger); a layer `trained` lacks keeps its start.

    Returns:
        (layers copied whole, layers grown, layers kept as they started), by name.
    """
    copied, grown, kept = [], [], []
    for layer in generator.layers:
        if not layer.weights:
            continue
        try:
            source = trained.get_layer(layer.name)
        except ValueError:
            kept.append(layer.name)
            continue
        old = [np.asarray(w) for w in source.get_weights()]
        new = layer.get_weights()
        if len(old) != len(new) or any(o.ndim != n.ndim or any(a > b for a, b in
                                       zip(o.shape, n.shape)) for o, n in zip(old, new)):
            raise SetupError(f"layer {layer.name!r} of the model to start from has weights "
                             f"{[o.shape for o in old]}, which do not fit in "
                             f"{[n.shape for n in new]}: start from a model of the same "
                             f"widths")
        same = all(o.shape == n.shape for o, n in zip(old, new))
        layer.set_weights([grown_weight(o, n.shape) for o, n in zip(old, new)])
        (copied if same else grown).append(layer.name)
    return copied, grown, kept
