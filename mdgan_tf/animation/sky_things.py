"""Things in the sky that the new sky must not repeat: a kite, a balloon, a mascot.

The new sky beside the photo is the photo's own sky repeated (`sky_canvas`), and
whatever the mask took for sky comes with it: KDE's Kite brought its kite back in every
tile, a second kite entering the frame by frame 255. A thing is told from the sky by
colours the sky has nowhere: at least FAR bins (of `sky_mask.colour_bins`, in Lab) from
every colour that `sky_mask.SEEN` of the sky's pixels have (`sky_mask.seen_colours`).
The shades a cloud seldom shows lie next to ones the sky has often; a red and yellow
kite in a blue sky does not. Such colours within REACH of each other are one thing, with
the pixels near them of colours the sky seldom has, taken within their convex hull (the
kite's purple corner and its top panel of the sky's own blue) and a margin round it. On
the 36 photos and first frames of the project's real clips and photos, at their own
size, one was found: a bright spot by dev clip 14's horizon; on 61 wallpapers (at 960
pixels), the kite, a flying mascot and things in drawn art with no sky. A thing whose
one colour covers SEEN of the sky is taken for the sky's (a large red balloon): a
sunset's glow is as concentrated, and a larger share let such glows and lit clouds
through (five of the real clips, at three times SEEN).
Only the new sky leaves things out: in the photo a thing stays what it is.
"""

import cv2
import numpy as np

from mdgan_tf.preprocessing.sky_mask import COLOURS, WORKING_WIDTH, colour_bins, seen_colours

FAR = 2              # a thing's core: colours at least this many bins from any that SEEN
                     # of the sky has
LEAST = 1e-4         # ... over at least this share of the (working-size) photo
REACH = 1 / 32       # its parts: within this fraction of the width of each other
MARGIN = 1 / 320     # its outline: this fraction of the width round what it takes in


def things_in_sky(photo, sky):
    """H x W x 3 uint8 photo and its H x W sky in [0, 1] -> H x W bool: the things in
    its sky (see the module), found at a working width of at most WORKING_WIDTH."""
    height, width = photo.shape[:2]
    working = min(width, WORKING_WIDTH)
    size = (working, max(1, round(height * working / width)))
    small = cv2.resize(photo, size, interpolation=cv2.INTER_AREA)
    sure = cv2.resize(sky.astype(np.float32), size, interpolation=cv2.INTER_AREA) >= 0.5
    if not sure.any():
        return np.zeros((height, width), bool)
    colour = colour_bins(small)
    seen = seen_colours(colour, sure)
    core = ~_near(seen.reshape((COLOURS,) * 3), FAR - 1).ravel()[colour] & sure
    # Cores within REACH of each other are one thing, with the pixels of colours the sky
    # seldom has within REACH of them, taken within their convex hull: the kite's purple
    # corner and its blue top panel, nearer the sky's own colours, stayed in the new sky
    # as a blot.
    within = np.ones((2 * max(1, round(REACH * working)) + 1,) * 2, np.uint8)
    count, joined = cv2.connectedComponents(cv2.dilate(core.astype(np.uint8), within),
                                            connectivity=8)
    sizes = np.bincount(joined[core], minlength=count)
    taken = core | ((joined > 0) & ~seen[colour] & sure)
    things = np.zeros(core.shape, np.uint8)
    for part in np.flatnonzero(sizes >= LEAST * size[0] * size[1]):
        points = cv2.findNonZero(((joined == part) & taken).astype(np.uint8))
        cv2.fillConvexPoly(things, cv2.convexHull(points), 1)
    if not things.any():
        return np.zeros((height, width), bool)
    margin = max(1, round(MARGIN * working))
    things = cv2.dilate(things, np.ones((2 * margin + 1, 2 * margin + 1), np.uint8))
    return cv2.resize(things, (width, height), interpolation=cv2.INTER_NEAREST) > 0


def _near(seen, reach):
    """COLOURS^3 bool -> the bins within `reach` bins (on each axis) of a `seen` one."""
    padded = np.pad(seen, reach)
    near = np.zeros_like(seen)
    span = range(2 * reach + 1)
    for light in span:
        for a in span:
            for b in span:
                near |= padded[light:light + COLOURS, a:a + COLOURS, b:b + COLOURS]
    return near
