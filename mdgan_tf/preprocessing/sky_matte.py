"""How much of each pixel is sky, at the photo's own size: the matte the moved sky is laid
over the still photo by.

The mask is found at a working width of at most 640 pixels (`sky_mask.found_sky`), so at
the photo's size its edge is off by up to a working pixel, and it is hard where the
photo's own edge is soft (an out-of-focus dune, a cloud the mask took for ground).
A guided filter (He, Sun and Tang, 2010), the refinement SkyAR gives its sky, makes the
matte follow the photo: within RADIUS of the width of the mask's edge, the matte is a
local linear function of the photo's brightness, so it is sharp where the photo is
sharp and soft where it is soft. Laid over by a matte that only fades inwards, a strip of
the photo's old sky stayed along every roof (the example's light rims).

The matte is never more than the found sky: allowed past it, it softened the jagged cuts
where the mask takes clouds for ground better, but moved the ground's edge pixels
wherever they were as bright as the sky. Where the found sky reaches onto the ground, the
photo pulls the matte down there (not always to 0).
"""

import cv2
import numpy as np

RADIUS = 1 / 256   # the filter's window: a square this fraction of the width across, twice
SMOOTH = 1e-3      # its regularisation (eps, for brightness in [0, 1]): larger is softer
SURE = 0.02        # a matte within this of 0 or 1 is made 0 or 1 (no faint tint)


def sky_matte(photo, region, radius=RADIUS, smooth=SMOOTH):
    """H x W x 3 uint8 photo and its H x W 0/1 found sky `region` -> H x W float32 in
    [0, 1], at most `region`: the region refined along the photo's edges (1 well inside
    the sky, 0 on the ground)."""
    guide = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
    size = 2 * max(1, round(radius * photo.shape[1])) + 1

    def mean(image):
        return cv2.boxFilter(image, -1, (size, size), borderType=cv2.BORDER_REFLECT)

    region = region.astype(np.float32)
    mean_guide, mean_region = mean(guide), mean(region)
    variance = mean(guide * guide) - mean_guide * mean_guide
    covariance = mean(guide * region) - mean_guide * mean_region
    slope = covariance / (variance + smooth)
    offset = mean_region - slope * mean_guide
    matte = np.clip(mean(slope) * guide + mean(offset), 0.0, 1.0) * region
    matte[matte < SURE] = 0.0
    matte[matte > 1 - SURE] = 1.0
    return matte
