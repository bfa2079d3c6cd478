"""A loop's two ends swapped patch by patch, the patches moving with the sky.

A loop is the photo moved forwards mixed with the photo taken back along the same motion
(Holynski et al. 2021): the two are the same sky a loop's travel apart. Mixed by one weight
for the whole frame, every middle frame showed every cloud twice (issue 35: the example's
diagonal band of cloud doubled at frame 16; `evaluation.photo_checks.doubling` of the
worst frame 0.29-0.51 on eight of the nine photos of `examples/photo_checks.py`). Here each
patch of sky swaps from one end to the other at its own time, over SWAP of the loop, so at
any frame most of the sky is one end or the other, sharp and single, and a patch that is
swapping reads as a cloud changing shape (0.05-0.21 on those eight).

When each patch swaps is a smooth random field (PATCH of the width across, seeded: the
same photo gives the same loop) fixed to the sky the forward end shows, so a patch travels
with its clouds. The field repeats at the loop's travel: a patch that had swapped showed
the cloud that the unswapped patch a travel away still showed (doubling 0.36 on
`skyar_cloudy` and `Storm.jpg`), so parts of the sky that far apart swap together.

The sky's coarse light (a gradient across the sky) moves with it and differs between the
two ends; swapped patch by patch it showed as light and dark blobs with round outlines on
`Storm.jpg`, so that light is mixed by one weight for the frame (`blending.sharp_mix`'s
`coarse_weight`).
"""

import cv2
import numpy as np

from mdgan_tf.animation.blending import smoothstep
from mdgan_tf.animation.motion import canvas_points

# The share of the loop over which one patch swaps ends: shorter, the patches' edges
# showed as round seams in the light (0.15 on Storm.jpg); longer, more of each frame is
# mixed at once.
SWAP = 0.3
# The field's smoothness, a Gaussian's sigma as a fraction of the photo's width.
PATCH = 1 / 12
# The field's resolution: cells across the photo's width.
CELLS = 64
SEED = 0


class LoopSwap:
    """When each part of the sky swaps from a loop's forward end to its far end.

    Args:
        width, height: the canvas's size in pixels (`SkyCanvas.image`).
        photo_width: the photo's width in pixels, which the field's scale follows.
        period: the loop's travel, in pixels across, between what its two ends show at
            one place (None: not one distance), which the field repeats at.
        seed: the field's random seed.

    Examples:
        >>> swap = LoopSwap(canvas.image.shape[1], photo.shape[0], photo.shape[1])
        >>> weight = swap.far_weight(where, t / frames)   # 0: the forward end, 1: the far
    """

    def __init__(self, width, height, photo_width, period=None, seed=SEED):
        scale = CELLS / photo_width
        rows = max(2, round(height * scale))
        if period:
            # One period of cells across, wrapped: parts of the sky a loop's travel apart
            # swap together, so no frame shows one end's cloud beside the other's copy of it.
            columns = max(2, round(abs(period) * scale))
            self.scale = np.float32([columns / abs(period), scale])
        else:
            columns = max(2, round(width * scale))
            self.scale = np.float32([scale, scale])
        self.wrapped = bool(period)
        noise = np.random.default_rng(seed).standard_normal((rows, columns)).astype(np.float32)
        if self.wrapped:
            noise = np.tile(noise, (1, 3))
        noise = cv2.GaussianBlur(noise, (0, 0), PATCH * CELLS, borderType=cv2.BORDER_REFLECT)
        if self.wrapped:
            noise = noise[:, columns:2 * columns]
        # Ranked, so that at every time of the loop the same share of the sky is swapping.
        ranks = np.argsort(np.argsort(noise, axis=None)).reshape(noise.shape)
        self.start = ((ranks + 0.5) / ranks.size * (1 - SWAP)).astype(np.float32)

    def far_weight(self, where, phase):
        """The far end's weight at each pixel: where x y (... x 2 float32) says which pixel
        of the canvas the forward end shows there; `phase` (t / frames, in [0, 1]) how far
        through the loop the frame is. 0 at phase 0 everywhere, 1 at phase 1."""
        where = where * self.scale
        if self.wrapped:    # wrapped across, not down
            where[..., 1] = np.clip(where[..., 1], 0, self.start.shape[0] - 1)
        cells = cv2.remap(self.start, where, None, cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_WRAP if self.wrapped else cv2.BORDER_REFLECT_101)
        return smoothstep((phase - cells) / SWAP)

    def far_weight_of(self, displacement, offset, size, phase):
        """`far_weight` for a frame moved by `displacement` (R x R x 2, in pixels of the
        R x R motion), the photo at column `offset` of the canvas: size (W, H), the
        photo's, float32, made at the motion's resolution and enlarged (the field is
        smoother than a cell of it)."""
        weight = self.far_weight(canvas_points(displacement, size, offset), phase)
        return cv2.resize(weight, size, interpolation=cv2.INTER_LINEAR)
