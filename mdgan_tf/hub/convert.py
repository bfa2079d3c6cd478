"""The authors' released PyTorch generators -> the generators of an mdgan_tf model.

Their state dicts (`netG_S1_*.pth` for G1, `netG_S2_*.pth` for G2) name the encoder convs
`downConv1..n` with BatchNorms `downBN2..n-1`, and the decoder deconvs `upConv1..n` with
`upBN1..n-1`; ours are `conv{k}`, `conv{k}_bn`, `deconv{j}`, `deconv{j}_bn` in the same order.
Our convs pad exactly as theirs, so only the axis order of the kernels changes. PyTorch is
an optional extra, imported only here, and files are read with `weights_only=True`, which
refuses anything but tensors.
"""

from mdgan_tf.errors import InputError, MissingExtraError, MissingFileError

_BN_PARTS = ("weight", "bias", "running_mean", "running_var")  # Keras: gamma, beta, mean, var
_IGNORED = ("num_batches_tracked",)


def load_state_dict(path):
    """A PyTorch generator checkpoint -> {name: numpy array}, without `module.` prefixes."""
    try:
        import torch
    except ImportError:
        raise MissingExtraError(
            "mdgan-convert needs PyTorch: pip install 'mdgan-tf[convert]'") from None
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise MissingFileError(f"{path}: no such checkpoint file") from None
    except Exception as error:  # torch raises several types for files it cannot read
        raise InputError(f"{path}: not a PyTorch state dict of tensors ({error})") from None
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    if not isinstance(state, dict):
        raise InputError(f"{path}: expected a state dict (name -> tensor), got "
                         f"{type(state).__name__}")
    return {name.removeprefix("module."): tensor.detach().cpu().numpy()
            for name, tensor in state.items() if not name.endswith(_IGNORED)}


def load_generator_weights(generator, state, source="state dict"):
    """Copy a released-layout state dict into one of our `Generator`s, checking every shape."""
    n = len(generator.config.generator_filters)
    unused = set(state)

    def take(name):
        if name not in state:
            raise InputError(f"{source}: {name} is missing; this model needs downConv1..{n}, "
                             f"downBN2..{n - 1}, upConv1..{n} and upBN1..{n - 1}")
        unused.discard(name)
        return state[name]

    def assign(layer_name, arrays):
        layer = generator.get_layer(layer_name)
        for variable, array in zip(layer.weights, arrays):
            if tuple(variable.shape) != array.shape:
                raise InputError(f"{source}: {variable.path} needs shape {tuple(variable.shape)}, "
                                 f"the checkpoint gives {array.shape} (after reordering axes); "
                                 f"pick the preset the weights were trained with")
        layer.set_weights(arrays)

    for theirs, ours, count in (("down", "conv", n), ("up", "deconv", n)):
        for k in range(1, count + 1):
            # (out, in, t, h, w) for Conv3d and (in, out, t, h, w) for ConvTranspose3d both
            # become Keras's (t, h, w, in, out) and (t, h, w, out, in) by one transpose.
            assign(f"{ours}{k}", [take(f"{theirs}Conv{k}.weight").transpose(2, 3, 4, 1, 0)])
            has_bn = 2 <= k <= n - 1 if theirs == "down" else k <= n - 1
            if has_bn:
                assign(f"{ours}{k}_bn", [take(f"{theirs}BN{k}.{part}") for part in _BN_PARTS])
    if unused:
        raise InputError(f"{source}: tensors this model has no place for: {sorted(unused)}")


def convert(model, stage1_path, stage2_path=None):
    """Load the released G1 (and G2, when `stage2_path` is given; else G2 stays as it is)
    into `model`'s `base_generator` and `refine_generator`, and return `model`."""
    load_generator_weights(model.base_generator, load_state_dict(stage1_path), str(stage1_path))
    if stage2_path is not None:
        load_generator_weights(model.refine_generator, load_state_dict(stage2_path),
                               str(stage2_path))
    return model
