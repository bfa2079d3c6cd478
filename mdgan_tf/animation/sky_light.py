"""Ground of the sky's own colour, beside the sky, takes the sky's change of light.

Some sky is held still as ground: sky seen only through narrow gaps (between Dune's grass
blades, inside the rocket's lattice), which the mask cannot tell from a smooth ground.
Held, it kept the photo's light while the moving sky around it darkened or greyed as new
sky came in: windows of old sky beside every blade by frame 127. A window cannot move
with the sky without tearing, but it can take the light the sky around it takes. So each
ground pixel near the sky (within NEAR of the width, fading out over as much again) whose
colour is the sky's around it (what the canvas fills the ground with,
`sky_canvas.sky_plate`) gets the sky's change of light there, in the share that its
colour matches: a blur over the sky alone of how much each moved frame differs from the
canvas at rest, on a copy GRID_WIDTH wide. Blades, roofs, fields and masts, whose colours
are not the sky's, keep their own. Lighting only the held sky blotched the rocket's
lattice, where only some windows are held (docs/generating.md).
"""

import cv2
import numpy as np

# The sky's change of light is worked out on a copy this wide, blurred over this share of
# the width (a cloud's scale: finer, and a cloud's edge passing a window would show).
GRID_WIDTH = 128
BLUR = 1 / 32
# Ground is lit where it is within NEAR of the width of the moving sky (fading out over as
# much again), by its likeness to the sky around it: exp(-d^2 / LIKENESS^2) for a colour
# distance d in levels (the root mean square over the channels, and over patches PATCH of
# the width across).
NEAR = 1 / 20
LIKENESS = 12.0
PATCH = 1 / 200
# Less than this share of a pixel: not lit at all.
LEAST_SHARE = 0.02
# A pixel of the copy counts as sky from this mean of the moving sky over it up.
WHOLE = 0.98
# The lit pixels' places are read in rows this long: OpenCV's remap takes maps under
# 32767 pixels a side.
ROW = 1024


class SkyLight:
    """The sky's change of light, given to the ground pixels of the sky's own colour.

    Args:
        photo: H x W x 3 uint8.
        rest: H x W x 3 uint8, the canvas the sky is moved from, at rest (the photo, its
            ground filled with the sky around it).
        ground: H x W, nonzero where a frame is the photo's own (its matte is 0).
        sky: H x W float32 in [0, 1], the sky that moves.

    Examples:
        >>> light = SkyLight(photo, rest, matte == 0, sky)
        >>> light.lit(frame)   # in place
    """

    def __init__(self, photo, rest, ground, sky):
        height, width = photo.shape[:2]
        moving = (sky > 0).astype(np.uint8)
        # Bounded where nothing is lit anyway: with no moving sky every distance is huge.
        distance = np.minimum(cv2.distanceTransform(1 - moving, cv2.DIST_L2, 3),
                              2 * NEAR * width)
        near = np.clip(2 - distance / (NEAR * width), 0, 1)
        # Over patches, not single pixels: a textured ground has specks of any colour.
        patch = max(3, round(PATCH * width)) | 1
        unlike = np.zeros((height, width), np.float32)
        for channel in range(3):   # one channel at a time: a 48-MP photo's floats are large
            differs = cv2.absdiff(photo[..., channel], rest[..., channel]).astype(np.float32)
            unlike += differs * differs / 3
        unlike = cv2.blur(unlike, (patch, patch))
        share = np.exp(-unlike / LIKENESS ** 2) * near * (np.asarray(ground) > 0)
        self.pixels = np.flatnonzero(share > LEAST_SHARE)
        self.share = share.ravel()[self.pixels][:, None].astype(np.float32)
        grid_width = min(width, GRID_WIDTH)
        self.size = (grid_width, max(1, round(height * grid_width / width)))
        self.sigma = max(1.0, BLUR * grid_width)
        # Only the copy's pixels that are wholly moving sky: one that holds ground too
        # differs from the canvas at rest by the ground's fill even in a still frame.
        whole = cv2.resize(sky.astype(np.float32), self.size, interpolation=cv2.INTER_AREA)
        self.sky = np.clip((whole - WHOLE) / (1 - WHOLE), 0, 1)
        # Made as each frame's copy is (`change`), so that a still frame differs by nothing.
        self.rest = cv2.resize(rest, self.size, interpolation=cv2.INTER_AREA).astype(np.float32)
        weight = cv2.GaussianBlur(self.sky, (0, 0), self.sigma)
        self.weight = weight[..., None]
        # Enough sky nearby for its change to be known; none, no change.
        self.known = np.clip(weight / 0.05, 0, 1)[..., None]
        # Where each lit pixel reads the copy (pixel centres, in the copy's pixels).
        ys, xs = np.divmod(self.pixels, width)
        rows = -(-len(self.pixels) // ROW)
        self.where = [np.resize(((at + 0.5) * scale - 0.5).astype(np.float32), (rows, ROW))
                      for at, scale in ((xs, self.size[0] / width),
                                        (ys, self.size[1] / height))]

    def change(self, frame):
        """The sky's change of light around each pixel of the copy: h x w x 3 levels."""
        moved = cv2.resize(frame, self.size, interpolation=cv2.INTER_AREA).astype(np.float32)
        differs = cv2.GaussianBlur((moved - self.rest) * self.sky[..., None], (0, 0), self.sigma)
        return differs / np.maximum(self.weight, 1e-6) * self.known

    def lit(self, frame):
        """`frame` (H x W x 3 uint8, the moved sky laid over the photo) with its ground of the
        sky's colour given the sky's change of light, in place."""
        if not len(self.pixels):
            return frame
        change = cv2.remap(self.change(frame), *self.where, cv2.INTER_LINEAR,
                           borderMode=cv2.BORDER_REPLICATE).reshape(-1, 3)[:len(self.pixels)]
        pixels = frame.reshape(-1, 3)
        pixels[self.pixels] = np.clip(np.rint(pixels[self.pixels] + self.share * change),
                                      0, 255)
        return frame
