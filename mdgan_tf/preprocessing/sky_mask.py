"""Where the sky is in a photo: the part that may move, found from the photo alone.

The model cannot tell: on real photos its video moves the ground about half as much as the
sky (flow noise and repainting), so a mask from its motion leaves the ground wobbling.
The photo can: the sky is what is reached from the top edge without crossing a strong
edge (a horizon, a roofline, a tower), as in gradient-based sky detectors (Shen and Wang,
2013). At a working width of at most 640 pixels, after a light blur, cloud edges are soft
and the edges of solid things are not. Holes in that region (a dark cloud, the sun) are
filled, unless they reach the bottom edge, where the ground is. A dark photo (dusk,
night) is first brightened as an exposure would (`_exposed`): in absolute light its sky
and its ground differ by less than the edge test asks.

At dusk the ground can be as dark and smooth as the sky above it, with no edge between
them (scikit-image's rocket): where the ground holds most of the bottom edge, its narrow
gaps there are taken for ground too, up to the ground's usual height. The members of a
lattice (the rocket's towers and masts) can be too faint against that sky for the edge
test, and the sky between them carried them along; thin lines darker or brighter than
their surroundings (a morphological black-hat and top-hat) that reach the ground are
ground.

A thing as light as the sky but of another hue (the rocket's nose in shade and its mast
tips, grey against a blue dusk) is no edge in grey either: the sky took them, and they
floated off the rocket. So the sky is also found on each colour's own gradient, and a
part of the grey sky that only colour edges cut off is ground where it differs from the
sky around it in hue but not in light (`_hued_things_held`). A cloud differs from its
sky in light as well: on the real clips no mask changed.

Out-of-focus blades of grass before a clear sky (Debian's Dune.jpg) are fainter than
the lines of a lattice, in grey and in colour, and floated off with the sky. Against a
plain sky even a faint line stands out; among clouds, their own streaks are as faint.
So a long, thin line that stands well above the sky's texture around it (in grey or in
either colour of Lab) and reaches the ground, or, upright, leaves the frame's side just
above where the ground meets it, is ground too (`_faint_lines_on_ground`). It is taken
out of the found sky last, so that it never cuts a piece of sky off from the rest: only
the line itself is held.

A horizon blurred by haze or motion is no edge at the working width: distant fields
slid with the sky, and a sea behind grass (Dune.jpg), its edge against the dunes
showing the fill behind them in bites. A sharp ridge fails the same way where a cloud
comes down to meet one end of it softly: the sky got round it, and a desert slid (dev
clip 7). Where the found sky crosses a straight line below which the photo is darker,
over most of the width where the sky is seen on both sides of it, the sky ends there
(`_horizon`), and the haze just under it fades out of the moving layer over a few rows
(`_haze`). Where the found sky holds the bottom edge (it got round or through
something), the sky ends along a shore, its first falls followed where they wander from
such a line (a lake in fog, its islands' tops no straight line), or, where clouds'
bases fall above that, along a ridge (`_ridge`): a hard edge, darker below it, followed
likewise.

Sky that the region reaches only through gaps narrower than NARROW of the width (an
out-of-focus dune seen between grass blades) may be ground as smooth as the sky: it is
held still. Moved, it tore along the blades. So is a part of the sky apart from the rest
and much smaller than it (SKY_PART): a gap between a tree's branches at the top edge.
Such gaps in a soft photo's tree outlines let the region into a whole garden, and the
holes' fill then made all of it sky, sliding whole (a webcam's frame): a large part on
the bottom edge reached only through them, whose colours the sky does not have, is
ground before the holes are filled (`_ground_through_gaps`).

The sun stays where it is: a sky that carried it along slid it across the frame (214
pixels in 1.3 s on a sunny photo), and a sky repeated beyond the photo's edge brought a
second one in. It is the one round, saturated patch of the sky that stands alone (a
cloud's saturated tops come in many pieces together); it and its glow are held still,
fading into the moving sky between 2 and 6 of its radii (GLOW).

In a small frame (the real clips' 128x128) most cloud edges are as hard as a roof's, and
clouds whose base reaches the ground were taken for ground: held still, the sky moving
around them tore along their outlines. So where the bottom of the photo is mostly ground,
the ground is weighed by colour: patches of it whose colour is much likelier in the sure
sky than in the sure ground, joined to the sky, are sky (a photo's own two-class colour
model; on the dev clips it took back the cloud edges of clips 1, 4, 5, 9 and 10; of the
photos of `examples/photo_checks.py` it changed only the example's roof edges and a few of
the landscape's low clouds, about 1% of their pixels).

In a photo of the sky alone, a cloud on the bottom edge whose hard edges cut it off from
the rest touches the bottom as the ground does, and was held (`skyar_sunset`): where the
sky holds most of the bottom edge, a large patch there every colour of which the sure
sky has is sky (`_clouds_on_bottom`).

Its known failings, seen on the photos of `examples/animated_photos.py` and the real
clips: clouds whose edges join them to the ground (the Animating Landscape photo's low
clouds, whose hard edges leave the sky between them only gaps narrower than NARROW),
whose colours the sure sky does not have, or that hold much of the bottom edge of a
photo of the sky alone, are taken for ground and stay still; out-of-focus blades that
fade out before they reach the ground, or whose pieces are too broken to be one long
line, are taken for sky and float (a few of Dune.jpg's faintest); a wire among clouds
is held only where the clouds around it are plain (the long dev clip 0); the sky beyond
a thick cable that crosses the frame to the ground is held (a bridge's stay, in
`ukui-wallpapers`' Bridge_by_Sander_Klootwijk.jpg); far mountains under a soft
horizon's line go with the sky where they rise above it, and a little within its haze
below it, and ghost (its sunset_by_Aitzol_Berasategi.jpg); a lake reached through a
blurred far shore is sky where a thing in front holds the bottom edge (KDE's
BytheWater); a pale building or rock face about as light as the sky, with only soft
edges at the working width, is sky and slides off (the tall tower of scikit-image's
`camera`, aitzgorri_by_Aitzol_Berasategi.jpg's rock shoulder); a row of flat-based
clouds in a photo of the sky alone ends the sky as a straight soft horizon would; and a
ridge blurred over more than a couple of working pixels is no ridge, and the ground
behind it slides (dev clip 7 enlarged fourfold).
Where they matter, a user can draw the sky instead (`given_sky`, `mdgan-generate
--sky_mask`).
"""

import cv2
import numpy as np

WORKING_WIDTH = 640
DARK = 96 / 255       # a photo whose brightest 0.5% is darker is exposed to find its sky,
MOST_GAIN = 16.0      # ... by at most this gain
EDGE = 0.03           # a gradient above this (per pixel, values in [0, 1]) stops the sky
FEATHER = 1 / 128     # the edge of the mask fades over this fraction of the photo's width
GAP = 1 / 4           # narrower gaps of sky in a bottom edge that is mostly ground are ground
LINE = 7 / 640        # lines narrower than this fraction of the width are looked for
CONTRAST = 0.04       # ... that differ from their surroundings by more than this
NARROW = 1 / 40        # sky seen only through gaps narrower than this is held still
SATURATED = 250 / 255  # the sun's disc is at least this bright
SUN = 1 / 64          # ... at least this fraction of the width across
ROUND = 0.55          # ... fills at least this share of its bounding box
ALONE = 1.5           # ... with at most this times its area saturated within 4 radii
GLOW = (2.0, 6.0)     # held still within the first of these radii, moving beyond the second
COLOURS = 12          # bins a channel of the sky's and the ground's colours
BOTTOM = 0.2          # the sure ground is looked for in this fraction of the height
SKY_COLOURED = 4.0    # ground whose colour is this much likelier in the sky is sky
LOOKING_UP = 2 / 3    # where the sky holds this share of the bottom edge, a patch there ...
CLOUD_PATCH = 0.005   # ... of at least this share of the photo ...
SKY_COLOURS = 0.95    # ... with this share of its pixels of colours ...
SEEN = 0.001          # ... that are each this share of the sure sky's, is sky
OTHER = 0.5           # a part with this share of colours each under SEEN of the sure
                      # sky's is another world: a garden
HORIZON_DROP = 0.06   # a horizon: the light falls by this across 2/128 of the width
HORIZON_SEEN = 0.5    # ... along one straight line seen in the sky over this share of
HORIZON_COVER = 0.6   # ... the width, and over this share of the columns where it is seen
HORIZON_TILT = 10.0   # ... leaning at most this many degrees
HAZE = 2              # below it the sky fades out over this many times 1/128 of the width
SKY_PART = 1 / 20     # a part of the sky smaller than this share of the largest is ground
HUE = 15.0            # a part cut off only by colour edges, this far from the sky in a, b
SAME_LIGHT = 10.0     # ... and this near it in L (OpenCV's 8-bit Lab), is ground
AROUND = 1 / 40       # ... the sky it is weighed against lying within this of the width
FAINT = 0.015         # a line fainter than CONTRAST but above this ...
PLAIN = 5.0           # ... and this many times the sky's own texture around it ...
TEXTURE = 1 / 25      # ... (its mean line response within this of the width) ...
LONG = 1 / 32         # ... at least this long ...
SLENDER = 5.0         # ... and this many times longer than wide ...
BEYOND = 0.15         # ... is ground if it reaches it, or, upright, leaves the frame's
                      # side within this of the width above where the ground meets it


def sky_mask(photo, feather=FEATHER):
    """H x W x 3 uint8 -> H x W float32 in [0, 1]: 1 in the sky, 0 on the ground and the
    sun, fading between them towards the sky, over `feather` of the width, so that
    nothing on the ground's side of the edge moves."""
    sky, sun = sky_and_sun(photo, feather)
    return sky * (1 - sun)


def sky_and_sun(photo, feather=FEATHER):
    """(sky, sun), each H x W float32 in [0, 1]: `sky_mask` with the sun still in it, and
    how much each pixel is held still for the sun (1 on it, fading out over its glow; 0
    everywhere where there is none)."""
    region, held, _ = found_sky(photo)
    return faded_inwards(region, feather), held


def found_sky(photo, size=None, given=None):
    """(region, sun, haze): H x W float32, 1 where the sky was found and 0 elsewhere (its
    edge as sharp as the working width's pixels, enlarged, allow); how much each pixel is
    held still for the sun (see `sky_and_sun`); and below a soft horizon, how much of
    each pixel of its haze takes the moving sky's change, its own picture held still
    (`_haze`; zeros where there is none), which only the photo animation's matte takes,
    not `sky_mask`.
    `size`: (W, H) of the frames they are for, when `photo` is that picture at another
    size (its own by default). `given`: h x w float32 in [0, 1] of the photo's shape, a
    sky the user drew (`given_sky`), taken instead of finding one: its sun is still
    found, and it has no haze."""
    photo_height, photo_width = photo.shape[:2]
    width, height = size or (photo_width, photo_height)
    working = min(photo_width, WORKING_WIDTH)
    small_size = (working, max(2, round(photo_height * working / photo_width)))
    small = _exposed(cv2.resize(photo, small_size, interpolation=cv2.INTER_AREA))
    sharp = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255
    if given is None:
        sky, small_haze = _found(small, sharp)
        region = cv2.resize(sky.astype(np.float32), (width, height),
                            interpolation=cv2.INTER_LINEAR)
    else:   # at the frames' size from the drawing itself, which may be finer
        given = np.asarray(given, np.float32)
        sky = (cv2.resize(given, small_size, interpolation=cv2.INTER_AREA) >= 0.5)
        sky, small_haze = sky.astype(np.uint8), np.zeros(sky.shape, np.float32)
        region = cv2.resize(given, (width, height), interpolation=cv2.INTER_LINEAR)
    region = (region > 0.5).astype(np.float32)
    haze = np.zeros_like(region)
    if small_haze.any():
        # Enlarged with the sky just above it as its own: between a row of sky and one of
        # haze, the enlarged haze was half, a light line along Storm.jpg's horizon.
        beside = cv2.dilate((small_haze > 0).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
        haze = np.where(beside & (sky > 0), 1, small_haze).astype(np.float32)
        haze = cv2.resize(haze, (width, height), interpolation=cv2.INTER_LINEAR) * (1 - region)
    held = np.zeros_like(region)
    # A sun setting behind a soft horizon is in its haze too: cut off at the sky's end,
    # sunset_by_Aitzol_Berasategi's was no longer round, and went with the sky.
    sun = _sun(sharp, np.maximum(sky, small_haze > 0))
    if sun is not None:
        (x, y), r = sun
        scale = width / working
        yy, xx = np.ogrid[:height, :width]
        distance = np.hypot(xx - (x + 0.5) * scale + 0.5, yy - (y + 0.5) * scale + 0.5)
        near, far = GLOW[0] * r * scale, GLOW[1] * r * scale
        # A cosine fade: no kink at either end to show as a ring around the sun.
        inside = np.clip((far - distance) / (far - near), 0.0, 1.0)
        held = (0.5 - 0.5 * np.cos(np.pi * inside)).astype(np.float32)
    return region, held, haze


def _exposed(small):
    """`small` (h x w x 3 uint8) brightened, where it is dark, for finding its sky: the
    edge test's threshold is in absolute light, and at dusk and at night the sky and the
    ground differ by less than it (a webcam's garden after sunset was all sky). Where the
    brightest 0.5% of its light is under DARK, it is scaled so that they are at twice
    that, at most MOST_GAIN times, as an exposure would."""
    light = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    bright = float(np.percentile(light, 99.5)) / 255
    if bright >= DARK:
        return small
    gain = min(MOST_GAIN, 2 * DARK / max(bright, 1 / 255))
    return np.clip(small.astype(np.float32) * gain, 0, 255).astype(np.uint8)


def _found(small, sharp):
    """(sky, haze) at the working width: the sky found on `small` (its grey `sharp`), and
    the haze below a soft horizon (`found_sky`)."""
    gray = cv2.GaussianBlur(sharp, (0, 0), 1.0)
    sky = _sky_within(gradient(gray) < EDGE, small, sharp)
    channels = [cv2.GaussianBlur(small[..., c].astype(np.float32) / 255, (0, 0), 1.0)
                for c in range(3)]
    hued = _sky_within(np.max([gradient(c) for c in channels], axis=0) < EDGE, small, sharp)
    sky = _hued_things_held(sky, hued, small)
    above, haze = _below_horizon(sky, gray)
    sky = _faint_lines_on_ground(_clouds_on_bottom(_main_sky(above), small), sharp, small)
    return sky, haze


def gradient(image):
    """The gradient's magnitude of an h x w image in [0, 1], per pixel."""
    return np.hypot(cv2.Sobel(image, cv2.CV_32F, 1, 0, ksize=3),
                    cv2.Sobel(image, cv2.CV_32F, 0, 1, ksize=3)) / 8


def _sky_within(open_, photo, sharp):
    """The sky that reaches the top through the h x w bool `open_` (where no edge
    stops it), its holes filled, weighed by colour, and cut back to where it is sure:
    the found sky before its horizon."""
    sky = _ground_through_gaps(_joined_to(open_.astype(np.uint8)), open_, photo)
    sky = _fill_holes(_sky_coloured(_fill_holes(sky), photo))
    return _wide_sky(_lines_on_ground(_ground_along_bottom(sky), sharp))


def _ground_through_gaps(reached, open_, photo):
    """`reached` (the sky reached from the top through the h x w bool `open_`) less the
    parts it reaches only through gaps narrower than NARROW of the width that touch the
    bottom edge, are at least CLOUD_PATCH of the photo, and are another world (`_unseen`:
    OTHER of their pixels): a garden under a webcam's soft trees, whose outlines left
    such gaps, slid whole with its sky (the timeflies sequence), and the holes' fill had
    made it sky. A cloud bank the sky reaches so has the sky's colours; a small pocket (by
    the rocket's pad lights) is left as it was."""
    wide = _wide_sky(open_.astype(np.uint8))
    narrow = (reached > 0) & (wide == 0)
    sure = cv2.erode(wide, _sure_kernel(open_.shape[1])) > 0
    if not narrow[-1].any() or not sure.any():
        return reached
    count, labels, stats, _ = cv2.connectedComponentsWithStats(narrow.astype(np.uint8),
                                                               connectivity=8)
    area = stats[:, cv2.CC_STAT_AREA]
    unseen = np.bincount(labels[narrow], _unseen(photo, sure)[narrow], minlength=count)
    other = (unseen >= OTHER * area) & (area >= CLOUD_PATCH * narrow.size)
    low = np.zeros(count, bool)
    low[labels[-1][narrow[-1]]] = True
    return np.where(narrow & (other & low)[labels], 0, reached).astype(np.uint8)


def _unseen(photo, sure):
    """H x W bool: where `photo`'s colour (`colour_bins`) is under SEEN of the pixels of
    the sure sky `sure` (H x W bool): a colour the sky does not have."""
    colour = colour_bins(photo)
    return ~seen_colours(colour, sure)[colour]


def seen_colours(colour, sure):
    """COLOURS^3 bool: the colours (`colour_bins`' numbers, H x W `colour`) that at least
    SEEN of the pixels of the sure sky `sure` (H x W bool) have."""
    return np.bincount(colour[sure], minlength=COLOURS ** 3) / sure.sum() >= SEEN


def _hued_things_held(sky, hued, photo):
    """The parts of `sky` that the colour edges of `hued` (the sky found on each colour's
    gradient) cut off, whose colour differs from the sky's around them in hue by more
    than HUE but in light by less than SAME_LIGHT, are ground: a thing as light as the
    sky but grey against its blue (the rocket's shaded nose and mast tips at dusk). A
    cloud differs from its sky in light as well; cut off by colour edges alone, the
    clouds of the sunset, the landscape and the real clips stayed sky."""
    lost = ((sky > 0) & (hued == 0)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lost, connectivity=8)
    if count <= 1:
        return sky
    lab = cv2.cvtColor(photo, cv2.COLOR_RGB2Lab).astype(np.float32)
    both = (sky > 0) & (hued > 0)
    reach = max(4, round(AROUND * photo.shape[1]))
    wide, narrow = np.ones((2 * reach + 1,) * 2, np.uint8), np.ones((5, 5), np.uint8)
    height, width = sky.shape
    held = sky.copy()
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        top, left = max(0, y - reach - 1), max(0, x - reach - 1)
        window = (slice(top, min(height, y + h + reach + 1)),
                  slice(left, min(width, x + w + reach + 1)))
        piece = (labels[window] == i).astype(np.uint8)
        # Its inside, and the sky beyond its blurred edge.
        inner = cv2.erode(piece, np.ones((3, 3), np.uint8)) > 0
        around = (cv2.dilate(piece, wide) > 0) & ~(cv2.dilate(piece, narrow) > 0) & both[window]
        if not inner.any() or not around.any():
            continue
        light, a, b = lab[window][inner].mean(0) - lab[window][around].mean(0)
        if abs(light) < SAME_LIGHT and np.hypot(a, b) > HUE:
            held[window][piece > 0] = 0
    return held


def faded_inwards(region, feather=FEATHER):
    """A found sky `region` (see `found_sky`) fading to 0 at its edge over `feather` of the
    width, inwards: eroded by the feather, then blurred by it, so that the ground's side
    of the edge stays 0."""
    radius = max(1, round(feather * region.shape[1]))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    mask = cv2.erode(region, kernel)
    return np.clip(cv2.GaussianBlur(mask, (0, 0), radius / 2), 0.0, 1.0) * (mask > 0)


def _sun(gray, sky):
    """The sun in the sky of `gray` (h x w in [0, 1]): ((x, y), radius) in its pixels, or
    None: the largest saturated patch of sky that is round enough and stands alone."""
    bright = ((gray >= SATURATED) & (sky > 0)).astype(np.uint8)
    count, labels, stats, centres = cv2.connectedComponentsWithStats(bright, connectivity=8)
    least = (SUN * gray.shape[1]) ** 2
    best = None
    for i in range(1, count):
        _, _, w, h, area = stats[i]
        if area < least or not 0.5 <= w / h <= 2 or area < ROUND * w * h:
            continue
        radius = np.sqrt(area / np.pi)
        x, y = centres[i]
        yy, xx = np.ogrid[:gray.shape[0], :gray.shape[1]]
        around = np.hypot(xx - x, yy - y) <= 4 * radius
        if bright[around].sum() > ALONE * area:
            continue
        if best is None or area > best[2]:
            best = ((float(x), float(y)), float(radius), area)
    return None if best is None else best[:2]


def _wide_sky(sky):
    """Only the sky that is wide enough, and joined to the top through passages wide
    enough, to be sure of: sky seen through narrow gaps (between grass blades, inside a
    lattice) may be a smooth, out-of-focus ground, and is held still. An opening by a
    disc NARROW of the width, then what of it touches the top edge."""
    size = max(3, round(NARROW * sky.shape[1])) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    return _joined_to(cv2.morphologyEx(sky, cv2.MORPH_OPEN, kernel))


def _main_sky(sky):
    """The parts of the sky at least SKY_PART of the largest's area: a small patch apart
    from the rest (a gap between a tree's branches at the top edge, dev clip 2) is as
    dark as the branches around it, and the fill of the ground spread it into a dark
    block of new sky."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(sky, connectivity=4)
    if count <= 2:
        return sky
    areas = stats[1:, cv2.CC_STAT_AREA]
    kept = 1 + np.flatnonzero(areas >= SKY_PART * areas.max())
    return np.isin(labels, kept).astype(np.uint8)


def _joined_to(region, row=0, connectivity=4):
    """The parts of a 0/1 uint8 region that touch its `row` (0: the top edge, -1: the
    bottom edge), joined `connectivity`-wise."""
    count, labels = cv2.connectedComponents(region, connectivity=connectivity)
    touching = np.unique(labels[row][region[row] > 0])
    return (np.isin(labels, touching) & (region > 0)).astype(np.uint8)


def _axis(piece):
    """(how many times longer than wide a h x w bool `piece` is, how many degrees its long
    axis leans from the horizontal), from its second moments."""
    m = cv2.moments(piece.astype(np.uint8), binaryImage=True)
    spread = np.hypot(m["mu20"] - m["mu02"], 2 * m["mu11"])
    across = m["mu20"] + m["mu02"] - spread
    elongation = np.sqrt((m["mu20"] + m["mu02"] + spread) / max(across, 1e-6))
    lean = abs(np.degrees(0.5 * np.arctan2(2 * m["mu11"], m["mu20"] - m["mu02"])))
    return elongation, lean


def _fill_holes(sky):
    """Regions of non-sky that do not touch the bottom edge become sky. The non-sky is
    closed first, so that the pieces of a lattice (a mast, a crane) hold together down to
    the ground (where its members are far enough apart to be seen as edges)."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5))
    ground = cv2.morphologyEx((1 - sky).astype(np.uint8), cv2.MORPH_CLOSE, kernel)
    held = _joined_to(ground, -1, connectivity=8)
    return np.where((ground > 0) & (held == 0), 1, sky).astype(np.uint8)


def colour_bins(photo):
    """Each pixel's colour (Lab, in COLOURS bins a channel), as one bin number."""
    lab = cv2.cvtColor(photo, cv2.COLOR_RGB2Lab).astype(np.int32) * COLOURS // 256
    return (lab[..., 0] * COLOURS + lab[..., 1]) * COLOURS + lab[..., 2]


def _sure_kernel(width):
    """The square a region is eroded by to be sure of it (1/128 of the width each way,
    at least a pixel): its edge pixels mix in the other side's colours."""
    radius = max(1, round(width / 128))
    return np.ones((2 * radius + 1, 2 * radius + 1), np.uint8)


def _clouds_on_bottom(sky, photo):
    """In a photo of the sky alone (the sky holds LOOKING_UP of its bottom edge), a large
    patch of ground on the bottom edge nearly all of whose pixels have colours the sure
    sky has is a cloud cut off by its edges: it becomes sky. Held, the sky above it moved
    on and its outline showed as a wavy dark line (`skyar_sunset`). A pole or a roof at
    the edge is small, or of colours the sky does not have."""
    if sky[-1].mean() < LOOKING_UP:
        return sky
    sure_sky = cv2.erode(sky, _sure_kernel(sky.shape[1])) > 0
    if not sure_sky.any():
        return sky
    unseen = _unseen(photo, sure_sky)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(1 - sky, connectivity=8)
    sky = sky.copy()
    for i in np.unique(labels[-1][sky[-1] == 0]):
        patch = labels == i
        if (stats[i, cv2.CC_STAT_AREA] >= CLOUD_PATCH * sky.size
                and 1 - unseen[patch].mean() >= SKY_COLOURS):
            sky[patch] = 1
    return sky


def _sky_coloured(sky, photo):
    """Ground the colour of the sky, joined to it, becomes sky: a cloud whose edge is hard
    enough to stop the sky (most of them, in a 128x128 frame) but whose colours are the
    sky's, not the ground's. Each pixel's colour (Lab, in COLOURS bins a channel) is
    weighed by how often it is seen in the sure sky (well inside the found sky) against
    the sure ground (well inside the ground, in the bottom BOTTOM of the photo); only a
    photo whose bottom is mostly ground has a sure ground to weigh against, and only
    patches of sky colour count, not single pixels."""
    height, width = sky.shape
    colour = colour_bins(photo)
    kernel = _sure_kernel(width)
    sure_sky = cv2.erode(sky, kernel) > 0
    sure_ground = cv2.erode(1 - sky, kernel) > 0
    sure_ground[:height - max(1, round(BOTTOM * height))] = False
    if sure_ground.sum() < 0.5 * BOTTOM * sky.size or not sure_sky.any():
        return sky
    ratio = sky_odds(colour, sure_sky, sure_ground)
    # Patches of it, not single pixels: a speck of the ground may be any colour.
    coloured = cv2.morphologyEx((ratio[colour] > SKY_COLOURED).astype(np.uint8), cv2.MORPH_OPEN,
                                kernel)
    return _joined_to(np.maximum(coloured, sky))


def sky_odds(colour, sure_sky, sure_ground):
    """COLOURS^3 float64: how much likelier each colour (`colour_bins`' numbers, H x W
    `colour`) is in the sure sky than in the sure ground (H x W bool each), each count
    given half a pixel more, so that a colour neither has is even."""
    seen = [np.bincount(colour[sure], minlength=COLOURS ** 3) + 0.5
            for sure in (sure_sky, sure_ground)]
    return (seen[0] / seen[0].sum()) / (seen[1] / seen[1].sum())


def _below_horizon(sky, gray):
    """(above, haze): `sky` ended at a horizon, where it crosses one (`_horizon`), and
    below a soft one how much of each pixel of its haze still goes with the sky (`_haze`);
    `sky` itself and zeros where there is none. A shore or a ridge has no haze: its edge
    is the ground's, and moved with the sky it left dark smears above dev clip 7's
    ridge."""
    found = _horizon(sky, gray)
    if found is None:
        return sky, np.zeros(sky.shape, np.float32)
    top, first, soft = found
    rows = np.arange(sky.shape[0])[:, None]
    above = np.where(rows >= top[None, :], 0, sky).astype(np.uint8)
    if not soft:
        return above, np.zeros(sky.shape, np.float32)
    return above, _haze(sky, rows - top[None, :], rows - first[None, :],
                        _step(sky.shape[1]))


def _horizon(sky, gray):
    """A horizon that the found sky crosses. A fall in the light, with sky well above and
    below it (not onto a thing before the sky: a blade's tip), is a candidate.

    - A soft (blurred or hazy) edge below which the photo is darker along one straight
      line, as distant fields or a sea meet a sky (Debian's Storm.jpg, whose fields slid
      with its sky, and Dune.jpg, whose sea did): a line through each column's first
      fall from the top (`_line_through`) is a horizon as it is (the sea below may have
      the sky's colours), its haze fading below it (`_haze`).
    - Where the found sky holds half of the bottom edge, it got round or through
      something into the ground. A shore: each column's first fall, followed where it
      wanders from such a line by up to `_reach` (KDE's DarkestHour, a lake in fog whose
      islands' tops are no straight line, and which slid with the sky, islands and
      all). Or, where clouds' bases come first, a ridge (`_ridge`: dev clip 7, whose
      desert slid round a ridge's soft end).

    Of the photos and real clips of docs/generating.md, only Storm.jpg, Dune.jpg, dev
    clip 7 and DarkestHour have one. Returns (each column's first row below the sky, each
    column's first row below the horizon's line, W floats each; whether it is soft), or
    None. A soft horizon's line is a step below where its falls begin, in the middle of
    the fall, and the sky ends there or higher, where the column's own fall begins
    within `_reach` of the line (`_followed`): in the sky, a far tree line's soft top
    above the line slid with it (Storm.jpg), and so did far mountains' peaks
    (sunset_by_Aitzol_Berasategi). A shore's or a ridge's rows are where its falls begin
    (both the same), with no haze, so that all of its edge stays still: moved, a ridge's
    left dark smears above it."""
    width = gray.shape[1]
    begins, inside = _falls(sky, gray)
    first = begins & (np.cumsum(begins, axis=0) == 1)
    line = _line_through(first, inside, _near_enough(width))
    reach = _reach(width)
    if line is not None:
        middle = np.floor(np.polyval(line, np.arange(width)) + _step(width)) + 1
        return np.minimum(np.floor(_followed(line, first, reach)), middle), middle, True
    if sky[-1].mean() < 0.5:
        return None
    line = _line_through(first, inside, reach)
    rows = _ridge(begins, gray, inside) if line is None else _followed(line, first, reach)
    if rows is None:
        return None
    rows = np.floor(rows)
    return rows, rows, False


def _reach(width):
    """How far a shore or a ridge may wander from its straight line, in rows: 1/64 of the
    width, at least 2. Few are straighter: dev clip 7's ridge, enlarged to 256 pixels,
    was not, and its desert slid."""
    return max(2.0, width / 64)


def _step(width):
    """The rows a fall in the light is measured across, each way: 1/128 of the width, at
    least 1."""
    return max(1, round(width / 128))


def _falls(sky, gray):
    """(begins, inside), h x w bool each: where a fall in the light of `gray` by
    HORIZON_DROP over two steps of 1/128 of the width begins, with sky for twice its reach
    above and below it; and that sky (`sky` eroded so). The sky found reaches to within a
    pixel of a hard edge, whose blur would count as a fall."""
    height, width = gray.shape
    step = _step(width)
    fall = np.zeros_like(gray)
    fall[step:height - step] = gray[:height - 2 * step] - gray[2 * step:]
    inside = cv2.erode((sky > 0).astype(np.uint8), np.ones((4 * step + 1, 1), np.uint8),
                       borderType=cv2.BORDER_CONSTANT, borderValue=0) > 0
    falling = (fall > HORIZON_DROP) & inside
    # A fall spans a few rows: where each begins.
    return falling & ~np.vstack([np.zeros((1, width), bool), falling[:-1]]), inside


def _ridge(begins, gray, inside):
    """W floats, each column's row where the falls along a ridge begin, or None: the
    falls `begins` (h x w bool) followed (`_followed`) along the line through them in the
    most columns, within `_reach` of it. It is a ridge if it runs along one
    (`_a_ridge`)."""
    width = begins.shape[1]
    reach = _reach(width)
    line = _line_through(begins, inside, reach)
    if line is None:
        return None
    rows = _followed(line, begins, reach)
    step = _step(width)
    return rows if _a_ridge(rows + step, gray, _seen_along(line, inside)) else None


def _followed(line, begins, reach):
    """W floats: in each column the fall that begins nearest a line ((slope, intercept))
    within `reach` rows of it (`begins`, h x w bool), or the line itself where none does,
    smoothed by a running median over twice that reach each way (a cloud's base just
    above a ridge in a few columns does not notch it)."""
    height, width = begins.shape
    rows = np.polyval(line, np.arange(width))
    off = np.abs(np.arange(height)[:, None] - rows[None, :])
    off = np.where(begins & (off <= reach), off, np.inf)
    rows = np.where(np.isfinite(off.min(axis=0)), off.argmin(axis=0), rows)
    size = 4 * int(np.ceil(reach)) + 1
    padded = np.pad(rows, size // 2, mode="edge")
    return np.median(np.lib.stride_tricks.sliding_window_view(padded, size), axis=1)


def _a_ridge(rows, gray, seen):
    """Whether a fall whose middle is at `rows` (W floats) runs along a ridge in
    HORIZON_COVER of the columns where it is `seen` in the sky (W bool): a hard edge (a
    gradient of at least EDGE) within 1/160 of the width of it, and the photo darker on
    average (by HORIZON_DROP) from 4 to 8 of the falls' steps (1/32 to 1/16 of the width)
    below it than as far above it. Not the lower side of a contrail narrower than that
    (as light below it as above), nor an aurora's soft edge (long clip 7; its straighter
    stretches are as hard, but no ridge is looked for over its fields). A hard cloud base
    over a darker sky would pass: none of the photos and clips has one."""
    height, width = gray.shape
    step = _step(width)
    off = np.arange(height)[:, None] - rows[None, :]
    hard = ((np.abs(off) <= _near_enough(width)) & (gradient(gray) >= EDGE)).any(axis=0)
    beside = (np.abs(off) >= 4 * step) & (np.abs(off) <= 8 * step)
    above, below = beside & (off < 0), beside & (off > 0)
    light = [(gray * side).sum(axis=0) / np.maximum(side.sum(axis=0), 1)
             for side in (above, below)]
    darker = above.any(axis=0) & below.any(axis=0) & (light[0] - light[1] > HORIZON_DROP)
    return (hard & darker)[seen].sum() >= HORIZON_COVER * max(seen.sum(), 1)


def _near_enough(width):
    """How many rows from a horizon's line a fall or an edge may lie and be on it: 1/160
    of the width, at least 2."""
    return max(2.0, width / 160)


def _seen_along(line, inside):
    """W bool: the columns where a line ((slope, intercept)) runs through the sky
    (`inside`, h x w bool)."""
    height, width = inside.shape
    columns = np.arange(width)
    rows = np.clip(np.rint(np.polyval(line, columns)).astype(int), 0, height - 1)
    return inside[rows, columns]


def _line_through(edge, inside, near_enough):
    """(slope, intercept) of the straight line through the candidate falls `edge` (h x w
    bool) in the most columns (`_straightest`), refitted to the ones near it, or None
    unless it is seen in the sky (`inside`) over HORIZON_SEEN of the width, holds
    HORIZON_COVER of the columns where it is seen within `near_enough` rows, and leans at
    most HORIZON_TILT. Counted over the whole width, Dune.jpg's blades hid too much of its
    sea's horizon."""
    height, width = edge.shape
    x = np.flatnonzero(edge.any(axis=0))
    if len(x) < HORIZON_COVER * HORIZON_SEEN * width:
        return None
    line = _straightest(edge, near_enough)
    # Each column's candidate nearest that line.
    off = np.abs(np.arange(height)[:, None] - np.polyval(line, x)[None, :])
    y = np.where(edge[:, x], off, np.inf).argmin(axis=0)
    for _ in range(4):   # refitted to the candidates near it
        near = np.abs(y - np.polyval(line, x)) <= near_enough
        if near.sum() < 2:
            return None
        line = np.polyfit(x[near], y[near], 1)
    near = np.abs(y - np.polyval(line, x)) <= near_enough
    seen = _seen_along(line, inside).sum()
    if (seen < HORIZON_SEEN * width or near.sum() < HORIZON_COVER * seen
            or abs(line[0]) > np.tan(np.radians(HORIZON_TILT))):
        return None
    return line


def _straightest(edge, near_enough):
    """(slope, intercept) of the line leaning at most HORIZON_TILT that passes within
    `near_enough` rows of a pixel of the h x w bool `edge` in the most columns: slopes a
    row apart across the width, intercepts a row apart."""
    height, width = edge.shape
    ys, xs = np.nonzero(edge)
    reach = int(np.ceil(near_enough))
    band = np.ones((2 * reach + 1, 1), np.uint8)
    limit = np.tan(np.radians(HORIZON_TILT))
    most, best = -1, None
    for slope in np.arange(-limit, limit + 0.5 / width, 1 / width):
        at = np.rint(ys - slope * xs).astype(int)
        low = at.min() - reach
        hits = np.zeros((at.max() - low + reach + 1, width), np.uint8)
        hits[at - low, xs] = 1
        counts = cv2.dilate(hits, band).sum(axis=1)   # columns within reach, by intercept
        i = int(counts.argmax())
        if counts[i] > most:
            most, best = counts[i], (slope, float(low + i))
    return np.array(best)


def _haze(sky, below, depth, rows):
    """Below a soft horizon, how much of each pixel of `sky` takes the moving sky's change
    (the renderer holds its picture still, and adds that share of how the sky behind it
    changes): all of it from where the sky ends (`below`: h x w, each pixel's rows below
    there, negative above it) to the horizon's line, then fading from 1 to 0 over HAZE x
    `rows` rows under it (`depth`: rows below the line's first row). Held wholly still,
    the horizon's haze stayed as light as the photo's sky while the sky above it
    darkened, a light line along Storm.jpg's fields by frame 127. Moved in part with the
    sky, as it once was, it carried the far ground in it: Storm.jpg's tree line slid
    along its horizon. Measured from the horizon itself, not from wherever the sky under
    it begins again: under a blade that crosses it, a pocket of Dune.jpg's sea moved off
    with the sky as a fleck. h x w float32."""
    fade = np.clip(1 - depth / (HAZE * rows), 0, 1)
    cut = (sky > 0) & (below >= 0)
    return np.where(cut, 0.5 + 0.5 * np.cos(np.pi * (1 - fade)), 0).astype(np.float32)


def _ground_along_bottom(sky):
    """Where the ground holds at least half of the bottom edge, each gap the sky leaves in
    that edge narrower than GAP of the width becomes ground, up to the median height of
    the ground's runs up from the edge. (A wider gap, as in a view up through trees, is
    the sky itself.)"""
    ground = sky == 0
    if ground[-1].mean() < 0.5:
        return sky
    from_bottom = ~ground[::-1]
    runs = np.where(from_bottom.any(axis=0), from_bottom.argmax(axis=0), len(sky))
    level = int(np.median(runs[ground[-1]]))
    gaps = ~ground[-1]
    starts = np.flatnonzero(gaps & ~np.concatenate([[False], gaps[:-1]]))
    ends = np.flatnonzero(gaps & ~np.concatenate([gaps[1:], [False]])) + 1
    sky = sky.copy()
    for start, end in zip(starts, ends):
        if level and end - start < GAP * len(gaps):
            sky[-level:, start:end] = 0
    return sky


def _line_response(gray):
    """How much each pixel of `gray` stands out as a thin line, darker or brighter than
    its surroundings (a morphological black-hat and top-hat over LINE of the width)."""
    size = max(3, round(LINE * gray.shape[1])) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    # The photo goes on beyond its edge as it is there: left out, a ramp into the edge
    # stood out as a line along it (the example's right edge).
    padded = cv2.copyMakeBorder(gray, size, size, size, size, cv2.BORDER_REPLICATE)
    response = np.maximum(cv2.morphologyEx(padded, cv2.MORPH_BLACKHAT, kernel),
                          cv2.morphologyEx(padded, cv2.MORPH_TOPHAT, kernel))
    return response[size:-size, size:-size]


def _lines_on_ground(sky, gray):
    """Thin lines joined to the ground become ground: a lattice, a mast, a bare tree.
    Lines in the sky that touch no ground (streaks in clouds) stay sky."""
    lines = _line_response(gray) > CONTRAST
    return np.where(lines & _reaching(sky == 0, lines), 0, sky).astype(np.uint8)


def _reaching(ground, lines):
    """H x W bool: the pixels of `ground` and of `lines` (both bool) joined to the ground
    8-wise, through the lines."""
    count, labels = cv2.connectedComponents((ground | lines).astype(np.uint8), connectivity=8)
    return np.isin(labels, np.unique(labels[ground]))


def _faint_lines_on_ground(sky, gray, photo):
    """Long faint lines against a plain sky, reaching the ground, become ground: the
    out-of-focus blades of grass in front of a clear sky (Debian's Dune.jpg), fainter
    than CONTRAST and floating off with the sky, and wires. A line counts as faint ground
    only where it stands PLAIN times above the sky's own texture around it, so that the
    streaks and edges of clouds, which are as faint but lie among others like them, stay
    sky; and only if it is long and thin (a speck of cloud is not), and reaches the
    ground, or, leaning more than 45 degrees, the frame's side just above where the
    ground meets it (a blade rooted beyond the frame; a cloud's streak there lies
    flatter)."""
    lab = cv2.cvtColor(photo, cv2.COLOR_RGB2Lab).astype(np.float32) / 255
    response = np.max([_line_response(gray)] + [_line_response(lab[..., c]) for c in (1, 2)],
                      axis=0)
    inside = sky.astype(np.float32)
    reach = TEXTURE * gray.shape[1]
    texture = (cv2.GaussianBlur(np.minimum(response, FAINT) * inside, (0, 0), reach)
               / np.maximum(cv2.GaussianBlur(inside, (0, 0), reach), 1e-3))
    faint = (response > np.maximum(FAINT, PLAIN * texture)) & (sky > 0)
    if not faint.any():
        return sky
    # Pieces of a line one pixel apart are one line.
    joined = cv2.dilate(faint.astype(np.uint8), np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    thin, upright = np.zeros(count, bool), np.zeros(count, bool)
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if np.hypot(w, h) >= LONG * gray.shape[1]:
            elongation, lean = _axis(labels[y:y + h, x:x + w] == i)
            thin[i], upright[i] = elongation >= SLENDER, elongation >= SLENDER and lean > 45
    ground = _joined_to((sky == 0).astype(np.uint8), -1, connectivity=8) > 0
    lines = thin[labels]
    grounded = _reaching(ground, lines)
    # A blade or a pole rooted beyond the frame: an upright line that leaves the frame's
    # side just above where the ground meets it.
    beyond = np.zeros_like(ground)
    for side in (0, -1):
        rows = np.flatnonzero(ground[:, side])
        if len(rows):
            beyond[max(0, rows[0] - round(BEYOND * gray.shape[1])):, side] = True
    rooted = np.isin(labels, np.flatnonzero(upright)) & np.isin(labels, np.unique(labels[beyond]))
    grounded |= rooted
    return np.where(faint & lines & grounded, 0, sky).astype(np.uint8)
