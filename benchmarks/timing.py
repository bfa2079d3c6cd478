"""What the benchmarks share: analytic conv FLOPs, timing after a warm-up, one report line."""

import time

import keras
import numpy as np


def conv_flops(model):
    """Multiply-adds x 2 of every Conv3D / Conv3DTranspose in `model`, per clip."""
    total = 0
    for layer in model.layers:
        if isinstance(layer, keras.layers.Conv3DTranspose):
            taps = int(np.prod(layer.input.shape[1:])) * layer.filters
        elif isinstance(layer, keras.layers.Conv3D):
            taps = int(np.prod(layer.output.shape[1:])) * layer.input.shape[-1]
        else:
            continue
        total += 2 * taps * int(np.prod(layer.kernel_size))
    return total


def timed(fn, repeats):
    fn()
    start = time.perf_counter()
    for _ in range(repeats):
        fn()
    return (time.perf_counter() - start) / repeats


def report(what, batch, seconds, flops_per_clip):
    per_clip = seconds / batch
    print(f"{what:<22} batch {batch:>2}: {per_clip:8.3f} s/clip   "
          f"{flops_per_clip / 1e9:7.1f} GFLOP/clip   {flops_per_clip / per_clip / 1e9:6.1f} GFLOP/s",
          flush=True)
