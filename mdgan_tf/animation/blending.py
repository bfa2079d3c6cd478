"""A mix that keeps the photo's sharpness: what a loop's two ends are mixed with.

Mixed half and half, two views of a sky whose clouds do not line up keep half of each
one's fine texture: the loop's middle frames looked washed out, at 0.49-0.71 of the
photo's fine-texture energy in the sky (`examples/photo_checks.py`). Here the mix's
detail (what a blur of DETAIL of the width leaves out) is raised back, in each
neighbourhood, to the energy the two views have there on average, measured on a small
copy of each frame. Where the views do line up (the ground, a slow
sky) the mix has lost nothing and is left as it is. Raising is capped at the gain that two
unrelated views need, 1 / sqrt(a^2 + b^2) for weights a and b, to the power CAP_POWER
(1 where either weight is 1): capped at that gain itself, the landscape's loop kept only
0.86 of its fine texture, for in a neighbourhood two views' detail is as often a little
anti-correlated as correlated, and the detail raised on the small copy falls a little
short at full size.

Mixed by a weight per pixel (a loop swapping patch by patch, `loop_swap`), the two views'
coarse light can be mixed by one weight instead (`coarse_weight`): the light that differs
between them then shows no patches.
"""

import cv2
import numpy as np

DETAIL = 1 / 32     # the blur whose residue is the detail, as a fraction of the width
MEASURED_WIDTH = 256  # the frames' width when their detail is measured
NEIGHBOURHOOD = 8     # pixels of that width over which the detail's energy is measured
CAP_POWER = 1.5
# Two unrelated views' details correlate by chance over a neighbourhood (about 20
# independent samples of cloud texture: by about 1 / sqrt(20)); a correlation below this
# counts as none, and one above it as only its excess.
CHANCE = 0.2
COARSE = 1 / 8      # the blur that leaves the coarse light, as a fraction of the width
STRIP_PIXELS = 1 << 16   # the mix is made in strips of rows of about this many pixels


def smoothstep(x):
    """3x^2 - 2x^3 of x clipped to [0, 1]: a fade from 0 to 1 with no kink at either end
    (the ease-in, and every cross-fade across a band)."""
    x = np.clip(x, 0, 1)
    return x * x * (3 - 2 * x)


def _small(image):
    height, width = image.shape[:2]
    size = (MEASURED_WIDTH, max(2, round(height * MEASURED_WIDTH / width)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA)


def _low(small):
    return cv2.GaussianBlur(small, (0, 0), DETAIL * MEASURED_WIDTH)


def _energy(detail):
    """The local energy of a small image's detail, summed over channels."""
    return cv2.GaussianBlur((detail * detail).sum(axis=-1), (0, 0), NEIGHBOURHOOD)


def sharp_mix(first, second, weight, coarse_weight=None):
    """(1 - weight) * first + weight * second, H x W x 3 uint8, with the detail it lost
    in the mix given back where it was lost (the ground, the same in both, keeps its
    own). `weight`: a number, or H x W of them (a cross-fade across a band).
    `coarse_weight`: with a weight per pixel, a number by which the two's coarse light
    (their blur at COARSE of the width) is mixed instead. Everything but the mix itself
    is computed MEASURED_WIDTH wide and enlarged: at the photo's size, the blur alone
    took 2 s a frame at 1920 x 1440.

    How much detail the mix keeps is reckoned pixel by pixel, at each pixel's own
    weight, from the two's local detail energies and how alike their details are there
    beyond chance (CHANCE). It was measured as the detail of the mix over a
    neighbourhood: where the weight changes across the picture (a loop's band of
    patches swapping), that counted the unmixed pixels beside and the two's difference
    in light mixed across the band as detail kept, and the band's detail was raised too
    little (the example's loop kept 0.85 of its texture; with chance likeness counted
    in full, 0.897)."""
    a, b = first.astype(np.float32), second.astype(np.float32)
    if np.ndim(weight) == 0:
        if weight <= 0 or weight >= 1:
            return (second if weight >= 1 else first).copy()
        small_weight = np.float32(weight)
        full_weight = small_weight
    else:
        # Contiguous: OpenCV read a one-column weight broadcast down the rows (all strides
        # 0) as NaN, and a 1-column join came out black.
        full_weight = np.ascontiguousarray(weight, np.float32)[..., None]
        small_weight = _small(full_weight[..., 0])
    small_a, small_b = _small(a), _small(b)
    low_a, low_b = _low(small_a), _low(small_b)
    detail_a, detail_b = small_a - low_a, small_b - low_b
    energy_a, energy_b = _energy(detail_a), _energy(detail_b)
    shared = cv2.GaussianBlur((detail_a * detail_b).sum(axis=-1), (0, 0), NEIGHBOURHOOD)
    keep, take = 1 - small_weight, small_weight
    wanted = keep * energy_a + take * energy_b
    both = np.sqrt(energy_a * energy_b) + 1e-9
    alike = shared / both
    alike = np.sign(alike) * np.maximum(np.abs(alike) - CHANCE, 0) / (1 - CHANCE)
    have = keep * keep * energy_a + take * take * energy_b + 2 * keep * take * alike * both
    most = np.hypot(keep, take) ** -CAP_POWER
    gain = np.clip(np.sqrt(wanted / np.maximum(have, 1e-6)), 1.0, most)
    size = (a.shape[1], a.shape[0])
    gain = cv2.resize(gain.astype(np.float32), size, interpolation=cv2.INTER_LINEAR)
    low_a, low_b = (cv2.resize(low, size, interpolation=cv2.INTER_LINEAR) for low in (low_a, low_b))
    shift = None
    if coarse_weight is not None and np.ndim(small_weight):
        # Each pixel's coarse light moved from its own weight's mix to coarse_weight's.
        coarse = [cv2.GaussianBlur(x, (0, 0), COARSE * MEASURED_WIDTH) for x in (small_a, small_b)]
        shift = (coarse_weight - small_weight)[..., None] * (coarse[1] - coarse[0])
        shift = cv2.resize(shift, size, interpolation=cv2.INTER_LINEAR)
    # The mix itself, a few rows at a time: its temporaries stay in the cache (at 1920 x 1440,
    # a third of a loop frame's time went to them, whole).
    mixed = np.empty(a.shape, np.uint8)
    strip = max(1, STRIP_PIXELS // a.shape[1])
    for top in range(0, a.shape[0], strip):
        rows = slice(top, top + strip)
        weight_rows = full_weight[rows] if np.ndim(full_weight) else full_weight
        low = low_a[rows] + weight_rows * (low_b[rows] - low_a[rows])
        mix = a[rows] + weight_rows * (b[rows] - a[rows])
        mix = low + gain[rows, :, None] * (mix - low)
        if shift is not None:
            mix += shift[rows]
        mixed[rows] = np.clip(np.rint(mix), 0, 255)
    return mixed
