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
photo pulls the matte down there (not always to 0). Only where the mask stops short of a
hard edge is the found sky first taken up to it (`_snapped`), through pixels of the
nearest sky's colour and not the ground's: there the mask's shortfall of a working pixel
or two stood as a strip of old sky between the moving sky and the roof (the example's
merlons, held and lit as ground, showed as slivers).
"""

import cv2
import numpy as np

from mdgan_tf.preprocessing.sky_mask import gradient

RADIUS = 1 / 256   # the filter's window: a square this fraction of the width across, twice
SMOOTH = 1e-3      # its regularisation (eps, for brightness in [0, 1]): larger is softer
SURE = 0.02        # a matte within this of 0 or 1 is made 0 or 1 (no faint tint)
SNAP = 1 / 128     # the found sky is taken up to the photo's edge, at most this far ...
SKY_LIKE = 8.0     # ... through pixels within this many levels of the nearest sky ...
UNLIKE = 3.0       # ... and this many times farther from the nearest ground inside, ...
HARD = 0.1         # ... towards an edge this steep (the grey's gradient, per pixel)


def sky_matte(photo, region, radius=RADIUS, smooth=SMOOTH):
    """H x W x 3 uint8 photo and its H x W found sky `region` (1 in the sky, 0 on the
    ground, a haze's share between) -> H x W float32 in [0, 1], at most `region` taken
    up to the photo's hard edges: the region refined along the photo's edges (1 well
    inside the sky, 0 on the ground)."""
    guide = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
    size = 2 * max(1, round(radius * photo.shape[1])) + 1

    def mean(image):
        return cv2.boxFilter(image, -1, (size, size), borderType=cv2.BORDER_REFLECT)

    region = _snapped(photo, guide, region.astype(np.float32))
    mean_guide, mean_region = mean(guide), mean(region)
    variance = mean(guide * guide) - mean_guide * mean_guide
    covariance = mean(guide * region) - mean_guide * mean_region
    slope = covariance / (variance + smooth)
    offset = mean_region - slope * mean_guide
    matte = np.clip(mean(slope) * guide + mean(offset), 0.0, 1.0) * region
    matte[matte < SURE] = 0.0
    matte[matte > 1 - SURE] = 1.0
    return matte


def _snapped(photo, guide, region):
    """`region` (of `photo`, whose grey is `guide`) grown, by up to SNAP of the width,
    through the pixels next to it that have the colour of the nearest sky and not of the
    nearest ground inside: the mask, found at the working width on a blurred photo,
    stops a working pixel or two short of a hard edge, and that strip of old sky stood
    still beside the moving sky along every roof."""
    reach = max(1, round(SNAP * photo.shape[1]))
    sky = (region >= 0.5).astype(np.uint8)
    if sky.all() or not sky.any():
        return region
    from_sky, sky_label = _distance(sky)
    band = (from_sky > 0) & (from_sky <= reach)
    inside = (from_sky > reach).astype(np.uint8)
    if not inside.any():
        return region
    from_ground, ground_label = _distance(inside)
    # Only between the sky and a solid thing: a thin line (a blade, a wire) has no ground
    # past the reach, and one as faint as the sky's own colour is held for a reason.
    # And only towards a hard edge: across a soft one (a hazy horizon) the photo's own
    # fade is the matte's to follow, and taken up to where its colour left the sky's, the
    # sky ended in a ragged step. Nor into a haze below a soft horizon, whose fade is its
    # own (grown through, a far ridge's haze ended in hard light bars).
    hard = (gradient(guide) > HARD).astype(np.uint8)
    near_hard = cv2.dilate(hard, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    candidates = np.flatnonzero(band & near_hard & (from_ground <= 2 * reach) & (region == 0))
    colours = photo.reshape(-1, 3).astype(np.int16)
    own = colours[candidates]
    to_sky = np.abs(own - colours[_nearest(sky, sky_label, candidates)]).max(-1)
    to_ground = np.abs(own - colours[_nearest(inside, ground_label, candidates)]).max(-1)
    like = np.zeros(sky.shape, np.uint8)
    like.ravel()[candidates] = (to_sky < SKY_LIKE) & (to_ground > UNLIKE * np.maximum(to_sky, 1))
    cross = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    grown = sky.copy()
    for _ in range(reach):
        step = cv2.dilate(grown, cross) & like
        if not np.any(step > grown):
            break
        grown |= step
    # A haze's share (under 1) stays as it is where nothing was grown.
    return np.maximum(region, (grown > sky).astype(np.float32))


def _distance(mask):
    """(distance, label): each pixel's distance to the nearest nonzero pixel of the h x w
    uint8 `mask`, and that pixel's label (`_nearest`)."""
    return cv2.distanceTransformWithLabels(1 - mask, cv2.DIST_L2, 3,
                                           labelType=cv2.DIST_LABEL_PIXEL)


def _nearest(mask, label, pixels):
    """The flat index of the nonzero pixel of `mask` nearest to each of the flat indices
    `pixels`, from `_distance`'s labels: OpenCV numbers the pixels it measures from in
    raster order, from 1."""
    return np.flatnonzero(mask)[label.ravel()[pixels] - 1]
