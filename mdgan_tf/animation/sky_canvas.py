"""New sky beside the photo, made from its own sky: what a drifting sky shows where it
fetches from outside the picture.

As the clouds move, the edge they leave shows what lies beyond the photo. Mirrored there
(OpenCV's BORDER_REFLECT), every video showed a mirror axis entering from that edge, and
in 256 frames the whole sky became a kaleidoscope of itself (issue 35). Here the photo is
set in a wider canvas whose sides are its own sky repeated, as a tile:

- the ground is first filled with the sky around it, with the sky's own texture (a sky
  that holds ground in some rows still gives sky there);
- its coarse picture (a blur at LIGHT of the width) is brought, pixel by pixel and
  channel by channel, to the light and colour of the photo's edge it joins, row by row,
  as far as a bounded gain takes it: the clouds of the far side come in with their
  shapes, lit as the near side is. Where the edge is a cloud brighter than the row's
  median (textured, where the sky's own bright side is smooth), the median's light
  instead (Kite's new sky came in a pale wash beside its cumulus). The tile's light was
  once tilted across its width by one gain a row to meet the edge: a white far side met
  a blue edge as a grey column that entered the sky (dev clip 0), and a gain per channel
  tilted that way turned a sunset's far side cyan. In a video, `still_light` then
  gives it the light of where it is shown;
- the tile's two ends are then cross-faded into each other keeping their detail
  (`blending.sharp_mix`): the sky repeats every (1 - SEAM) x W pixels without a seam,
  never as a mirror image, and one frame shows only a strip SEAM x W wide twice, at its
  two ends;
- where it meets the photo's own edges, which must stay exact, its coarse picture is
  cross-faded into that of the photo's edge mirrored over JOIN of the width, its fine
  texture over FINE_JOIN of that only: no step of light and no line at the edge, and a
  mirror too narrow to read as one. The mirror leaves out the edge's slope of light, and
  near the edge the new sky takes the edge's light row by row, its slope carried on
  across the edge and levelling off: a sky darkening towards the edge made the edge a
  valley of light, which travelled across the sky as a dark band, and lit flat, a bend
  of light with a line down it (`Storm.jpg`). It leaves out thin lines too: a blade
  crossing the edge came back out as the other arm of a V (`Dune.jpg`). Near the edge
  the new sky's texture is no stronger than the edge's, growing to its own further out:
  beside a smooth haze the far side's cumulus began at a straight line (`Storm.jpg`'s
  loop). Where the edge is a cloud brighter than the new sky, the join's detail is the
  edge's own, slid down the rows: a cumulus the edge cuts goes on as a cloud, where under
  the new sky's detail it went on as a smooth white smear (KDE's Kite).

The photo's own outermost columns, on each side with new sky, are carried on from the
columns inside them (`_carried_on`): a rim unlike those inside (5-9 levels on KDE's
Kite), left out of the join's mirror as a thin line, met the new sky with a step that
moved in with the sky as a line down it. A thing in the sky (Kite's kite), found by
colours the sky has nowhere (`sky_things`), is left out of the plate the new sky is made
of, filled as the ground is: repeated with the sky, a second kite came in.

Between the two sides the canvas holds the photo with its ground filled the same way:
what the drifting sky shows where it fetches what the ground hides (the renderer lays the
moved canvas over the still photo, so the ground itself never moves). The fill is the
sky's colour around the ground, spread evenly across it (a membrane, `_pulled`: no
step where the skies on two sides of it differ), given the fine texture of the photo's own sky
(`fill_texture`): filled smooth, it came out from behind the ground as a flat patch (a
grey wedge over a fifth of the Animating Landscape photo's sky by frame 127, where the
mask takes its low sunset clouds for ground). The texture fades in from the sky's edge,
so that the fill meets the photo's own sky with no step along the ground's outline.
Behind ground that is likely sky held for want of certainty (that band of gold clouds,
resting on the hills under a grey sky: `_held_sky`), the fill is that ground's own
colour, blurred with the sky's beside it, fading in from its edge: filled from the grey
sky above alone, it came out from behind the band's end as a grey wedge with a hard edge
against its gold; all gold, the band's outline came out with it as a step against the
grey. Where such ground meets the sky as softly as a cloud does, the renderer moves it
with the sky instead (`freed_sky`), and the canvas is made with it as sky.

Quilting the new sky from many small pieces of the photo (Efros and Freeman, 2001) lost:
skies are not a stationary texture, and its pieces showed as a patchwork of light and
dark blocks, repeated every few blocks (docs/generating.md).
"""

import math

import cv2
import numpy as np

from mdgan_tf.animation.blending import sharp_mix, smoothstep
from mdgan_tf.animation.sky_things import things_in_sky
from mdgan_tf.animation.still_light import bounded_log_gain
from mdgan_tf.preprocessing.sky_mask import BOTTOM, colour_bins, seen_colours, sky_odds

SEAM = 1 / 8         # the tile's ends are cross-faded over this fraction of its width
JOIN = 1 / 8         # the photo's edge fades into the tile over this fraction
FINE_JOIN = 1 / 4    # ... its fine texture over this fraction of that
JOIN_COARSE = 8      # ... its coarse picture being its blur at that band / this
THIN = 1 / 128       # ... its mirror without lines thinner than this fraction of the width
GLIDE = 1 / 25       # ... beside a cloud, its detail slid down by this fraction of the width
CLOUD_STEP = 30.0    # ... where the edge's coarse picture is this many levels above the tile's
JOIN_ROWS = 1 / 32   # near the photo's edge, the new sky follows the edge's light row by
JOIN_LIGHT = 1 / 4   # row at this fraction of the width down the rows, fading out over this
LIGHT = 1 / 8        # the new sky's light is its blur at this fraction of the width ...
MOST_GAIN = 4.0      # ... brought to the edge's by a gain of at most this (or 1 / this)
EDGE_GAIN = 2.0      # ... and near the edge row by row, by at most this
CONTINUE = 1 / 16    # ... the edge's slope of light continuing into it, levelling off
                     # within about this fraction of the width, the slope fitted across
SLOPE_BAND = 1 / 4   # LIGHT and this fraction of it, the smaller where they agree
SMOOTH_EDGE = 0.05   # the edge's detail over its light above the row's median: under
TEXTURED_EDGE = 0.15  # the first a smooth bright sky, over the second a cloud (`_cloudy`)
FILL_WIDTH = 256     # the ground is filled, and the new sky's light found, on a copy this wide
RELAX = 10            # the fill's sweeps towards a membrane at each level of its pyramid
NEIGHBOURS = np.float32([[0, 0.25, 0], [0.25, 0, 0.25], [0, 0.25, 0]])   # ... each to this
# Ground likely sky held for want of certainty (`_held_sky`): a piece at least HELD_AREA
# of the fill's copy, beside the sure sky along HELD_BESIDE of its width, HELD_BRIGHTER
# levels brighter than the fill, HELD_SKY_COLOURS of it of colours likelier in the sky
# than in the ground and HELD_RESTING of it resting on the ground. The fill behind it is
# its colour blurred over HELD_BLUR of the width, in full HELD_DEPTH inside the ground.
HELD_AREA = 0.005
HELD_BESIDE = 1 / 16
HELD_BRIGHTER = 8.0
HELD_SKY_COLOURS = 1 / 3
HELD_RESTING = 1 / 2
HELD_BLUR = 1 / 32
HELD_DEPTH = 1 / 16
# Such ground moves with the sky (`freed_sky`) where its edge with the sky is at most
# FREED_EDGE times as strong as its own texture.
FREED_EDGE = 1.15
TEXTURE_MEAN = 1 / 64   # the sky's texture: its brightness over its mean at this fraction of
TEXTURE_REACH = 1 / 16  # the width, as strong in the fill as the sky's within this fraction
TEXTURE_SEED = 0        # its phases: drawn, from this seed (one photo, one video)
TEXTURE_WINDOW = 1 / 128  # ... its spectrum taken with the sky's edges eased in over this
TEXTURE_FADE = 1 / 64   # the fill's texture fades in from the sky's edge over this


class SkyCanvas:
    """The photo set in a canvas wider on each side, the new sky its own, repeated.

    Args:
        photo: H x W x 3 uint8.
        sky: H x W float32 in [0, 1], the photo's sky mask, the sun in it.
        left, right: how many columns of new sky each side needs (0: none).
        sun: H x W float32 in [0, 1], how much the sky is held still for the sun (see
            `sky_and_sun`), or None: its glow is left out of the canvas, the new sky and
            the photo's part alike (behind it, the sky around it, as behind the ground).

    Attributes:
        image: H x (left + W + right) x 3 uint8, the photo at column `offset` (= left),
            but for its ground (and the sun), filled with the sky around it, and its
            outermost `rim` columns on each side with new sky, carried on from those
            inside them (`_carried_on`).
        offset: the photo's first column in `image`.
        rest: H x W x 3 uint8, the photo's part of `image` with its own rim: what a
            frame shows where the sky has not moved.
        rim: how many of the photo's columns on each side with new sky are carried on
            in `image` (0: none).
        held: H x W bool, the photo's ground that is likely sky held for want of
            certainty (`_held_sky`), or None where there is none.

    Examples:
        >>> canvas = SkyCanvas(photo, sky_mask(photo), left=400)
        >>> canvas.image[:, canvas.offset:canvas.offset + photo.shape[1]]  # its ground filled
    """

    def __init__(self, photo, sky, left=0, right=0, sun=None):
        height, width = photo.shape[:2]
        left, right = int(max(0, np.ceil(left))), int(max(0, np.ceil(right)))
        self.offset = left
        self.image = np.empty((height, left + width + right, 3), np.uint8)
        behind = sky if sun is None else np.where(sun >= 1, 0, sky)
        # Drawn once for both plates: left out of, the sun's glow is the same sky in each.
        texture = None if sun is None else fill_texture(photo, sky, plain=sun)
        # The ground, as what the sky moving out from behind it shows: the sky around it.
        filled, self.held = _plate_and_held(photo, behind, texture, sun)
        middle = np.where((behind > 0)[..., None], photo, filled)
        plate, glowless = filled, behind
        if sun is not None:
            # The sky without the sun's glow, there too: the glow is light, which the
            # renderer holds where it is (`still_light`). Moved with the sky, the bright
            # ring around the held disc drifted off the sun (`skyar_sunny`).
            glowless = sky * (1 - sun)
            plate = sky_plate(photo, glowless, texture, sun)
            middle = np.where((sun > 0)[..., None], plate, middle)
        self.image[:, left:left + width] = middle
        self.rest = middle      # copied into `image`, where alone the rim is carried on
        self.rim = 0
        self._sides = (left, right)
        if not left and not right:
            return
        # A thing in the sky (a kite) is left out of the plate the new sky is made of,
        # filled as the ground is: repeated, it came back in every tile (`sky_things`).
        things = things_in_sky(photo, sky)
        if things.any():
            plate = sky_plate(photo, np.where(things, 0, glowless), texture, sun)
        # The new sky joins what the canvas holds at the photo's edges: with a sun, its
        # glow, which the tile leaves out (joined to the glowless plate, a hard line of
        # light where the glow met the tile travelled with the sky: long real clip 4).
        middle = self.image[:, left:left + width]
        # A photo's outermost columns often differ from those just inside (Kite's by 5-9
        # levels), and the join's mirror leaves such thin lines out: the step between
        # them and the new sky moved in with the sky as a line down it. On each side
        # with new sky they are the columns inside carried on through the one between
        # (`_carried_on`).
        self.rim = rim = min(max(1, round(THIN * width)), width // 4)
        if left:
            middle[:, :rim] = _carried_on(middle[:, rim:2 * rim + 1])[:, ::-1]
        if right:
            end = width - rim - 1
            middle[:, end + 1:] = _carried_on(middle[:, end:end - rim - 1:-1])
        if left:
            tile = repeating(in_edge_light(plate, +1))
            new = tile[:, _tile_columns(tile.shape[1], left, width, +1)]
            self.image[:, :left] = _joined(new, middle, +1)
        if right:
            tile = repeating(in_edge_light(plate, -1))
            new = tile[:, _tile_columns(tile.shape[1], right, width, -1)]
            self.image[:, left + width:] = _joined(new, middle, -1)

    def laid_out(self, values):
        """H x W float32, a map over the photo -> H x (left + W + right): laid out over
        the canvas as its new sky is taken from the photo, the tile's columns from the
        photo's (its ends mixed at its seam) and mixed into the photo's edge mirrored at
        the joins: a measure of the photo's sky at each place of the canvas
        (`still_light.clear_sky`). Measured on the canvas itself, the new sky's seams and
        joins counted as cloud."""
        left, right = self._sides
        width = values.shape[1]
        laid = np.empty((values.shape[0], left + width + right), np.float32)
        laid[:, left:left + width] = values
        if not left and not right:
            return laid
        # One tile for both sides: unlike the image's, a map's is not lit as an edge.
        tile = repeating(values, lambda far, start, weight: far + weight * (start - far))
        for count, toward, place in ((left, +1, slice(0, left)),
                                     (right, -1, slice(left + width, None))):
            if count:
                new = tile[:, _tile_columns(tile.shape[1], count, width, toward)]
                band, distance, weight = _join_band(new.shape[1], width)
                near = _edge_first(new, band, toward)       # a view of `new`
                near += weight * (_mirrored(values, distance, toward) - near)
                laid[:, place] = new
        return laid


def _tile_columns(period, count, width, toward):
    """The tile's columns (`period` of them) that make the `count` columns of new sky
    beside a photo `width` wide: column x of the photo's frame, outside it, is on the left
    (`toward` +1) the tile's column x mod its period (its last column is the one before
    the photo); on the right, from its column `seam` on, the first that is not
    cross-faded."""
    if toward > 0:
        return np.arange(-count, 0) % period
    return (np.arange(count) + width - period) % period


def _carried_on(inward):
    """The columns beyond a pivot column, nearest first: `inward` (h x (n + 1) x 3 uint8)
    is the pivot, then the n columns inside it, nearest first. Their light, blurred down
    the rows over n, goes on through the pivot as a point mirror carries it, unbent; their
    detail is mirrored. Mirrored whole, a vignette's dark edge turned up at the pivot
    into a light stripe (Storm.jpg); carried on whole, the pivot's grain, doubled, made a
    speckled one."""
    inward = inward.astype(np.float32)
    n = inward.shape[1] - 1
    light = cv2.GaussianBlur(inward, (1, 0), sigmaX=0.1, sigmaY=max(1.0, n),
                             borderType=cv2.BORDER_REFLECT)
    beyond = inward[:, 1:] + 2 * (light[:, :1] - light[:, 1:])
    return np.clip(np.rint(beyond), 0, 255).astype(np.uint8)


def sky_plate(photo, sky, texture=None, apart=None):
    """The photo with its ground replaced by the sky around it: each ground pixel gets
    the sky's mean colour near it, from a pyramid of the sky's weighted means (`_pulled`,
    on a copy FILL_WIDTH wide), times the sky's own texture: `texture`, H x W, as
    `fill_texture` makes it (None: drawn from `sky`). Behind sky held for want of
    certainty (`_held_sky`), its own colour, coarsely, fading in from its edge; `apart`
    (H x W, or None): where nothing is, above 0 (a held sun's glow). H x W x 3 uint8."""
    return _plate_and_held(photo, sky, texture, apart)[0]


def _plate_and_held(photo, sky, texture=None, apart=None):
    """(`sky_plate`, held): the plate, and the ground that is likely sky held for want
    of certainty (`_held_sky`), H x W bool, or None where there is none: worked out
    once for both, on the same copy."""
    height, width = photo.shape[:2]
    if sky.min() >= 0.5:
        return photo, None
    size, weight, small = _sky_copy(photo, sky)
    fill = _pulled(small, weight)
    # How far inside the ground each pixel of the copy is, in its pixels.
    inside = cv2.distanceTransform((weight < 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    held = _held_sky(photo, weight, size, fill, apart)
    if held is not None:
        # Its own colour deep inside it, the sky's at its edge: all of its colour, its
        # outline came out as a step against the sky above it as the sky moved on.
        colour, share = held
        deep = smoothstep(inside / (HELD_DEPTH * size[0])).astype(np.float32)[..., None]
        fill += deep * (_pulled(np.where((share > 0)[..., None], colour, small),
                                np.maximum(weight, share)) - fill)
    filled = cv2.resize(fill, (width, height), interpolation=cv2.INTER_LINEAR)
    if texture is None:
        texture = fill_texture(photo, sky)
    # The texture fades in from the sky's edge, where the fill is the sky's colour: given
    # in full up to the edge, it met the photo's own clouds with a step of light along
    # the ground's outline, and the gaps between the example's merlons moved off with the
    # clouds as windows of old sky.
    fade = smoothstep(inside / (TEXTURE_FADE * size[0])).astype(np.float32)
    fade = cv2.resize(fade, (width, height), interpolation=cv2.INTER_LINEAR)
    filled = (filled + 1) * np.exp(texture * fade)[..., None] - 1
    weight = sky[..., None]
    plate = np.clip(np.rint(weight * photo + (1 - weight) * filled), 0, 255).astype(np.uint8)
    if held is None:
        return plate, None
    return plate, cv2.resize(held[1], (width, height), interpolation=cv2.INTER_LINEAR) > 0.5


def _sky_copy(photo, sky):
    """(size, weight, colour): the copy of `photo` (H x W x 3) the fill is worked out on,
    its (width, height); each of its pixels' share of the sky `sky` (H x W in [0, 1],
    sure from 0.5); and the sky's own mean colour there (float32): a copy of the photo
    itself mixed a thin mast's colour into the sky beside it, and the fill moved off
    with the sky as a pale band (beside the rocket's right mast)."""
    size = _fill_size(*photo.shape[:2])
    found = (sky >= 0.5).astype(np.float32)
    weight = cv2.resize(found, size, interpolation=cv2.INTER_AREA)
    colour = cv2.resize(np.multiply(photo, found[..., None], dtype=np.float32), size,
                        interpolation=cv2.INTER_AREA) / np.maximum(weight, 1e-6)[..., None]
    return size, weight, colour


def _held_sky(photo, weight, size, fill, apart=None):
    """(colour, share) on the fill's copy (`size`, where `weight` is each pixel's share of
    sky and `fill` the sky's colour pulled behind the ground), or None: where the ground
    is likely sky held for want of certainty, and the photo's colour there, with the
    sky's beside it, blurred over HELD_BLUR of the width.

    Such ground is found as pieces of pixels of colours the sure sky has, HELD_BRIGHTER
    levels brighter than the fill: each at least HELD_AREA of the copy, beside the sure
    sky along HELD_BESIDE of the width, HELD_SKY_COLOURS of it of colours likelier in the
    sky than in the ground, and HELD_RESTING of it with no sky under it down to the
    bottom edge, which it does not reach itself. The ground of the sky's colours within
    HELD_BLUR of them goes with them (their darker clouds). The Animating Landscape
    photo's band of low sunset clouds, on its hills and sea, is one: its gold hid a
    grey fill, which came out from behind it as the sky moved on, a wedge outlined
    against it. Darker ground of the sky's colours is a lattice's members (the rocket's
    towers, which moved off the sky as dark ghosts), a small piece a lit mast's side or
    a lamp's glare, ground of the ground's colours a jetty's planks (KDE's BytheWater,
    its lake taken for sky), and a piece with sky under it a cloud held in the sky (a
    dev clip's, its fill's colour a line through the clouds beside it) or a flower's
    petals before a blurred garden. `apart` (H x W, or None): left out where above 0."""
    plain = cv2.resize(photo, size, interpolation=cv2.INTER_AREA)
    colour = colour_bins(plain)
    sure = weight >= 1 - 1e-3
    if not sure.any():
        return None
    grey = np.float32([0.299, 0.587, 0.114])
    ground = weight < 0.5
    seen = seen_colours(colour, sure)[colour]
    held = ground & seen & (plain.astype(np.float32) @ grey > fill @ grey + HELD_BRIGHTER)
    if apart is not None:
        held &= cv2.resize(apart.astype(np.float32), size, interpolation=cv2.INTER_AREA) <= 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(held.astype(np.uint8),
                                                               connectivity=8)
    beside = cv2.dilate(sure.astype(np.uint8), np.ones((5, 5), np.uint8)) > 0
    along = np.bincount(labels[beside & held], minlength=count)
    # Weighed against the ground well inside the photo's bottom BOTTOM.
    bottom = ground.copy()
    bottom[:size[1] - max(1, round(BOTTOM * size[1]))] = False
    bottom = cv2.erode(bottom.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    likelier = np.bincount(labels[held], sky_odds(colour, sure, bottom)[colour[held]] > 1,
                           minlength=count)
    on_bottom = np.zeros(count, bool)
    on_bottom[labels[-1]] = True
    # From where the ground runs straight down to the bottom edge: no sky under it.
    resting = np.flipud(np.cumprod(np.flipud(ground), axis=0)).astype(bool)
    rests = np.bincount(labels[held], resting[held], minlength=count)
    area = stats[:, cv2.CC_STAT_AREA]
    kept = [i for i in range(1, count) if area[i] >= HELD_AREA * held.size
            and along[i] >= HELD_BESIDE * size[0] and not on_bottom[i]
            and rests[i] >= HELD_RESTING * area[i]
            and likelier[i] >= HELD_SKY_COLOURS * area[i]]
    if not kept:
        return None
    blur = HELD_BLUR * size[0]
    across = 2 * round(blur) + 1
    near = cv2.dilate(np.isin(labels, kept).astype(np.uint8),
                      cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (across, across)))
    share = (near > 0) & ground & seen
    # Blurred with the sky beside it: cut at its outline, the fill's colour there moved
    # off with the sky as the outline's copy.
    seen_sky = (share | sure).astype(np.float32)
    total = cv2.GaussianBlur(plain.astype(np.float32) * seen_sky[..., None], (0, 0), blur)
    spread = cv2.GaussianBlur(seen_sky, (0, 0), blur)
    return total / np.maximum(spread, 1e-6)[..., None], share.astype(np.float32)


def freed_sky(photo, sky, apart=None):
    """H x W bool, or None where there is none: the ground of `photo` (H x W x 3 uint8)
    that is likely sky held for want of certainty (`_held_sky`, found beside `sky`, H x W
    in [0, 1], sure from 0.5), to be moved with the sky. `apart` as for `_held_sky`.

    Held, the Animating Landscape photo's band of gold clouds stood still while the grey
    sky around it moved on. A held piece goes with the sky when it meets the sky as
    softly as a cloud does, its edge there at most FREED_EDGE times as strong as its own
    texture (`_soft_edged`: a solid thing's outline is harder than its surface), with the
    ground it encloses (its darker clouds) and, below it, ground brighter than the fill
    (a glow on the horizon), down to the ground it rests on (`_hanging`, `_resting`).
    """
    height, width = sky.shape
    size, weight, small = _sky_copy(photo, sky)
    fill = _pulled(small, weight)
    held = _held_sky(photo, weight, size, fill, apart)
    if held is None:
        return None
    found = weight >= 0.5
    pieces = held[1] > 0
    pieces = _soft_edged(pieces | _enclosed(pieces, found), found,
                         cv2.resize(photo, size, interpolation=cv2.INTER_AREA))
    if not pieces.any():
        return None
    # With the copy's sky beside them: enlarged, they fell a pixel short of the sky
    # found at the photo's size here and there, and a column below such a gap stayed
    # still, a line through the band.
    beside = found & (cv2.dilate(pieces.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0)
    near = cv2.resize((pieces | beside).astype(np.float32), (width, height),
                      interpolation=cv2.INTER_LINEAR) > 0.5
    sure = sky >= 0.5
    rows, columns = np.flatnonzero(near.any(axis=1)), np.flatnonzero(near.any(axis=0))
    top, left, right = rows[0], columns[0], columns[-1] + 1
    part = np.s_[top:, left:right]
    grey = cv2.cvtColor(photo[part], cv2.COLOR_RGB2GRAY).astype(np.float32)
    # The fill's grey enlarged over that part only, as cv2.resize would the whole.
    across, down = size[0] / width, size[1] / height
    enlarge = np.float32([[across, 0, (left + 0.5) * across - 0.5],
                          [0, down, (top + 0.5) * down - 0.5]])
    fill = cv2.warpAffine(cv2.cvtColor(fill, cv2.COLOR_RGB2GRAY), enlarge, grey.shape[::-1],
                          flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                          borderMode=cv2.BORDER_REPLICATE)
    brighter = ~sure[part] & (grey > fill + HELD_BRIGHTER)
    above = sure[top - 1, left:right] if top else np.ones(right - left, bool)
    coarse = math.ceil(2 * width / size[0])     # two of the copy's pixels
    hanging = _hanging(near[part] & ~sure[part], brighter, sure[part], above)
    kept = hanging & ~_resting(hanging, brighter, sure[part], coarse)
    # Less what is narrower than that with the sky: a drip down the sea below the
    # landscape's band, where the hills it rests on end.
    wide = cv2.morphologyEx((kept | sure[part]).astype(np.uint8), cv2.MORPH_OPEN,
                            np.ones((1, 2 * coarse + 1), np.uint8))
    freed = np.zeros((height, width), bool)
    freed[part] = kept & (wide > 0)
    return freed if freed.any() else None


def _enclosed(pieces, sky):
    """h x w bool: the ground (neither `pieces` nor `sky`) beside the pieces that reaches
    none of the picture's edges: a band's darker clouds, held for being no brighter than
    the fill, moved off it as a torn band when left out."""
    ground = (~(pieces | sky)).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ground, connectivity=4)
    around = cv2.dilate(pieces.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    beside = np.bincount(labels[around], minlength=count) > 0
    x, y, w, h = (stats[:, i] for i in range(4))
    enclosed = beside & (x > 0) & (y > 0) & (x + w < ground.shape[1]) & (y + h < ground.shape[0])
    enclosed[0] = False     # the pieces and the sky
    return enclosed[labels]


def _soft_edged(pieces, sky, photo):
    """h x w bool: the `pieces` (8-connected) whose edge with the sky is at most
    FREED_EDGE times as strong as their own texture (the median of the grey's gradient
    along each; `photo` the copy they are on). The landscape's band meets its grey sky
    at 1.07-1.09 times its own texture, from 320 to 1280 pixels wide, and EveningGlow's
    glow at 0.86-0.92; abstract wallpapers' swirls of the sky's colours at 1.17-1.30
    (`string.jpg`) and 5.6-6.2 (`rhythm.jpg`)."""
    grey = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY).astype(np.float32)
    strength = np.hypot(cv2.Sobel(grey, cv2.CV_32F, 1, 0), cv2.Sobel(grey, cv2.CV_32F, 0, 1))
    near_sky = cv2.dilate(sky.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    count, labels = cv2.connectedComponents(pieces.astype(np.uint8), connectivity=8)
    inner = cv2.erode(pieces.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    soft = np.zeros(count, bool)
    for label in range(1, count):
        piece = labels == label
        edge, own = strength[piece & near_sky], strength[piece & inner & ~near_sky]
        soft[label] = (len(edge) > 0 and len(own) > 0
                       and np.median(edge) <= FREED_EDGE * np.median(own))
    return soft[labels]


def _hanging(near, brighter, sky, above):
    """h x w bool: of the ground `near` the held pieces (enlarged to this size), what
    hangs from the sky: down each column, from the `sky` (`above`: whether the row above
    is sky) through the pieces and then ground `brighter` than the fill, to the first
    other ground. The sea beside the landscape's band, reached round its end, moved
    with the sky as a white blob."""
    hanging = np.zeros(near.shape, bool)
    hangs, going = above, np.zeros(near.shape[1], bool)
    for row in range(len(near)):
        going = (near[row] & hangs) | (going & brighter[row] & ~sky[row])
        hanging[row] = going
        hangs = sky[row] | going
    return hanging


def _resting(freed, brighter, sky, depth):
    """h x w bool: of `freed`, what rests on the ground: up each column from the ground,
    for at most `depth` rows (the copy's coarser edge), what is not `brighter` than the
    fill. The treetops of the hill the landscape's band lies on, taken at that edge,
    moved off as a line of dark dashes; followed further up, a streak of a band darker
    than the fill down to the hills (a test's) stayed, a line through the band."""
    resting = np.zeros(freed.shape, bool)
    rests, height = np.ones(freed.shape[1], bool), np.zeros(freed.shape[1], np.int64)
    for row in range(len(freed) - 1, -1, -1):
        ground = ~sky[row] & ~freed[row]
        height = np.where(ground, 0, height + 1)
        rests = ground | (rests & freed[row] & ~brighter[row] & (height <= depth))
        resting[row] = rests & freed[row]
    return resting


def _fill_size(height, width):
    """The (width, height) of the copy the fill is worked out on."""
    return (min(width, FILL_WIDTH), max(1, round(height * min(width, FILL_WIDTH) / width)))


def fill_texture(photo, sky, plain=None):
    """H x W float32: a texture for the fill behind the ground, as a change of log
    brightness, drawn anew from the photo's sky (`sky`, H x W in [0, 1]; sure from 0.5):
    a random field with the spectrum of the sky's detail (its brightness over its mean
    at TEXTURE_MEAN of the width, seen through a window eased in from the sky's edges,
    `_eased`; random phases, as Galerne et al., 2011, synthesise texture), in each place
    as strong as the sky's detail nearest it (its RMS over TEXTURE_REACH of the width,
    spread behind the ground by `_pulled`). Means and strengths are found on a copy
    FILL_WIDTH wide, the field at the photo's size: it is the fine texture. Zeros where
    there is next to no sky. `plain`: H x W in [0, 1] or None, how much of each pixel is
    left out, as the sky the texture is drawn from and as the fill it is given: a held
    sun's glow, whose rays are no cloud's texture (given it, the disc behind
    `skyar_sunny`'s sun moved off mottled)."""
    height, width = photo.shape[:2]
    size = _fill_size(height, width)
    found = (sky >= 0.5).astype(np.float32)
    if plain is not None:
        found *= plain <= 0
    radius = max(1, round(width / FILL_WIDTH))
    # Off the sky's edge, whose pixels mix in the ground.
    sky = cv2.erode(found, cv2.getStructuringElement(cv2.MORPH_ELLIPSE,
                                                     (2 * radius + 1, 2 * radius + 1)))
    if sky.sum() < 64:
        return np.zeros((height, width), np.float32)
    gray = cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY).astype(np.float32)

    def near(values, where, fraction):     # the weighted mean around each place, small
        blur = fraction * size[0]
        small = cv2.resize(np.stack([values * where, where], -1), size,
                           interpolation=cv2.INTER_AREA)
        total, weight = cv2.GaussianBlur(small, (0, 0), blur).transpose(2, 0, 1)
        return total / np.maximum(weight, 1e-6), weight

    mean, cover = near(gray, sky, TEXTURE_MEAN)
    mean, cover = (cv2.resize(image, (width, height), interpolation=cv2.INTER_LINEAR)
                   for image in (mean, cover))
    mean = np.maximum(mean, 0) + 1
    # Only where the mean is the sky's all round: beside the ground it is taken on one
    # side, and a sky's slope of light there read as texture.
    sky = sky * (cover > 0.9)
    detail = np.log((gray + 1) / mean) * sky
    # Less what rounding to whole levels leaves (a variance of 1/12 of a level squared): a
    # smooth sky has no texture to give.
    energy, weight = near(detail * detail - 1 / (12 * mean * mean), sky, TEXTURE_REACH)
    reached = (weight > 0.05 * weight.max()).astype(np.float32)
    # `_pulled` fills three channels: the energy is given as three alike.
    energy = _pulled(np.repeat(energy[..., None], 3, axis=-1), reached)[..., 0]
    strength = np.sqrt(np.maximum(cv2.resize(energy, (width, height),
                                             interpolation=cv2.INTER_LINEAR), 0))
    spectrum = np.abs(np.fft.rfft2(detail * _eased(sky, size)))
    noise = np.fft.rfft2(np.random.default_rng(TEXTURE_SEED).standard_normal(
        (height, width), dtype=np.float32))
    field = np.fft.irfft2(spectrum * noise / np.maximum(np.abs(noise), 1e-12), s=(height, width))
    field = field.astype(np.float32) / max(float(field.std()), 1e-12)
    return field * strength if plain is None else field * strength * (1 - plain)


def _eased(region, size):
    """H x W float32: the 0/1 `region` eased in from its edges and the frame's over
    TEXTURE_WINDOW of the width (worked out on a copy of `size`): a window for the
    spectrum of what lies in it. Cut square, the sky's straight edges (a wall, the
    frame's top) added their own lines to the spectrum, and the texture drawn from it
    had horizontal streaks."""
    reach = max(1.0, TEXTURE_WINDOW * size[0])
    across = 2 * round(2 * reach) + 1
    small = cv2.resize(region.astype(np.float32), size, interpolation=cv2.INTER_AREA)
    inner = cv2.erode(small, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (across, across)),
                      borderType=cv2.BORDER_CONSTANT, borderValue=0)
    eased = cv2.GaussianBlur(inner, (0, 0), reach, borderType=cv2.BORDER_CONSTANT)
    return cv2.resize(eased, region.shape[::-1], interpolation=cv2.INTER_LINEAR)


def _pulled(image, weight):
    """`image` (h x w x 3 float32) where `weight` (h x w in [0, 1]) is 1, filled smoothly
    where it is 0 (push-pull): the weighted image and the weights are halved in size
    until one pixel or two remain, then each level, from the coarsest, is its own
    weighted mean where it has weight and, where it has none, the coarser level enlarged
    and relaxed RELAX times towards the mean of its four neighbours (towards a membrane
    over the hole: the pull alone held a wide ground's fill at the light of the sky on
    one side and rose to the other side's within a few pixels of it, and that rise moved
    off with the sky as a band, diagonal under perspective: the rocket's left tower).
    The fill once took, per pixel, the finest of a few blurs that had sky near enough:
    where one blur gave way to the next, a contour of light ran through the fill, and
    under a held sun its contours moved off with the sky (long real clip 4)."""
    levels = [(image * weight[..., None], weight)]
    while min(levels[-1][1].shape) > 2:
        levels.append(tuple(cv2.pyrDown(level) for level in levels[-1]))
    total, weights = levels[-1]
    mean = total.reshape(-1, 3).sum(axis=0) / max(float(weights.sum()), 1e-6)
    value = np.broadcast_to(mean, total.shape).astype(np.float32)
    for total, weights in reversed(levels):
        value = cv2.resize(value, (total.shape[1], total.shape[0]),
                           interpolation=cv2.INTER_LINEAR)
        share = np.clip(4 * weights, 0, 1)[..., None]
        known = share * total / np.maximum(weights, 1e-6)[..., None]
        for _ in range(RELAX):
            value = known + (1 - share) * cv2.filter2D(value, -1, NEIGHBOURS,
                                                      borderType=cv2.BORDER_REPLICATE)
    return value


def repeating(plate, mix=sharp_mix):
    """H x W x 3 -> H x (W - S) x 3, S = SEAM of the width: a tile whose last column
    flows into its first: its first S columns become its last S cross-faded into them
    (`mix`, keeping their detail), so that column 0 continues column W - S - 1 as the
    plate itself does."""
    height, width = plate.shape[:2]
    seam = max(1, round(SEAM * width)) if width > 2 else 0
    if seam == 0:
        return plate
    period = width - seam
    x = (np.arange(seam, dtype=np.float32) + 0.5) / seam
    weight = smoothstep(x)    # from the plate's far end (0) to its start (1)
    weight = np.broadcast_to(weight, (height, seam))
    start = mix(np.ascontiguousarray(plate[:, period:]), np.ascontiguousarray(plate[:, :seam]),
                weight)
    return np.concatenate([start, plate[:, seam:period]], axis=1)


def in_edge_light(plate, toward):
    """The plate with its coarse picture (its blur at LIGHT of the width) brought to the
    light of the edge that its tile joins, row by row (`_edge_line`, blurred down the rows
    at LIGHT of the width), as far as the edge's slope carries it (`_continued`), and,
    where the edge is a cloud (`_cloudy`), no brighter, channel by channel, than the
    plate's median in the row. A gain per pixel and channel, at most MOST_GAIN either
    way, its log bounded as one for the three channels (`bounded_log_gain`): dark detail
    stays above black, a cloud keeps its shape in the edge's light, and a colour the
    edge's is out of reach of goes part of the way towards it (at 3, Storm.jpg's dark far
    side came in as a dark band beside its bright right edge). Done before the tile's
    ends are cross-faded, so that they meet in one light."""
    height, width = plate.shape[:2]
    light = _edge_line(plate, toward, LIGHT)[0]
    light = np.maximum(light - _steady_slope(plate, toward) * _continued(np.inf, width), 0)
    # Blurred on a copy FILL_WIDTH wide: at 1920 pixels, a blur this wide took 38 s.
    size = _fill_size(height, width)
    small = cv2.resize(plate, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    # No brighter than the row's median where the edge is a cloud: a white cloud that the
    # edge cuts is not the sky's light. Lit as KDE's Kite's, whose left edge is a
    # cumulus, its deep blue new sky came in a pale wash of cyan and pink, and stayed so.
    median = cv2.GaussianBlur(np.median(small, axis=1)[:, None], (0, 0), sigmaX=0.5,
                              sigmaY=max(0.5, LIGHT * size[0]),
                              borderType=cv2.BORDER_REPLICATE)
    median = cv2.resize(median, (1, height), interpolation=cv2.INTER_LINEAR)[:, 0]
    excess = np.maximum(light - median, 0)
    light = light - _cloudy(plate, toward, excess)[:, None] * excess
    coarse = cv2.GaussianBlur(small, (0, 0), LIGHT * size[0], borderType=cv2.BORDER_REFLECT)
    coarse = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_LINEAR)
    # Its log bounded, not its ratio: bounded as a ratio (the edge's hue kept, its light
    # not reached), a deep blue far side beside a white cloud's edge (KDE's Kite) came in
    # grey, its red raised fourfold and its blue cut: pink wisps, and a dark teal blot
    # where the held light (`still_light`) took the grey back towards the photo's blue.
    gain = np.exp(bounded_log_gain(np.log((light[:, None, :] + 1) / (coarse + 1)), MOST_GAIN))
    return np.clip(np.rint((plate.astype(np.float32) + 1) * gain - 1), 0, 255).astype(np.uint8)


def _cloudy(plate, toward, excess):
    """H: how surely, row by row, the edge's light above the row's median (`excess`,
    H x 3) is a cloud's. A cloud brighter than the sky is textured; the sky's own bright
    side is smooth (`Storm.jpg`'s right: bound by the median, its loop brought in a darker
    band there). The edge band's detail (what a blur at an eighth of the band takes out,
    its RMS blurred down the rows at JOIN_ROWS of the width) over the largest channel's
    excess, from SMOOTH_EDGE (none) to TEXTURED_EDGE (whole): 0.02 on that side of
    Storm.jpg, 0.19 at Kite's cumulus."""
    width = plate.shape[1]
    band = max(1, round(LIGHT * width))
    edge = plate[:, :band] if toward > 0 else plate[:, -band:]
    grey = cv2.cvtColor(np.ascontiguousarray(edge), cv2.COLOR_RGB2GRAY).astype(np.float32)
    detail = grey - cv2.GaussianBlur(grey, (0, 0), max(1.0, band / 8))
    energy = cv2.GaussianBlur((detail * detail).mean(axis=1)[:, None], (0, 0), sigmaX=0.5,
                              sigmaY=max(0.5, JOIN_ROWS * width),
                              borderType=cv2.BORDER_REPLICATE)[:, 0]
    share = np.sqrt(energy) / np.maximum(excess.max(axis=-1), 1)
    return smoothstep((share - SMOOTH_EDGE) / (TEXTURED_EDGE - SMOOTH_EDGE)).astype(np.float32)


def _steady_slope(plate, toward):
    """H x 3: the rise of the plate's light per column inwards from its edge that holds
    at two widths: fitted across LIGHT and across SLOPE_BAND of its width, the smaller of
    the two where they rise the same way, none where they do not. A slope of the sky's
    light holds at both; a cloud's does not. Fitted across LIGHT alone, the texture of a
    cloudy edge gave slopes that, carried on, lit whole rows of new sky up to 24 levels
    off (a test's random clouds); across SLOPE_BAND alone, the example's blue edge
    rising into a white cloud was carried on into a saturated blue band along the top
    of its new sky."""
    near, far = (_edge_line(plate, toward, LIGHT, across)[1] for across in (LIGHT, SLOPE_BAND))
    return np.where(near * far > 0, np.sign(near) * np.minimum(np.abs(near), np.abs(far)), 0)


def _continued(distance, width):
    """How far the edge's slope of light is carried `distance` columns out from the
    photo's edge: as far at first (the light's slope goes on across the edge), levelling
    off at CONTINUE of the `width`. The new sky lit flat at the edge's light met a sky
    darkening towards the edge at a bend of its light; moved over the frame and given
    the light of where it is shown (`still_light`, whose blur rounds the bend), the bend
    showed as a narrow dark valley with a line down it that travelled with the sky
    (`Storm.jpg`, 9 levels deep by frame 127 at 640 pixels)."""
    reach = max(1.0, CONTINUE * width)
    return (reach * -np.expm1(-np.asarray(distance, np.float32) / reach)).astype(np.float32)


def _edge_line(plate, toward, rows, across=LIGHT):
    """(light, slope), each H x 3: in each row, a line fitted across the plate's first
    `across` of the width (`toward` +1, the tile to the photo's left) or last, its light at
    the edge, within the band's own range, and its rise per column inwards; the band
    blurred down the rows at `rows` of the width and across at a quarter of the band
    first, so that the line follows the sky's light, not the texture of its clouds. The
    band's mean lit the new sky as the band's middle: where the sky darkens towards the
    edge (`Storm.jpg`'s storm, the top of `skyar_rainy`), the photo's darkest columns then
    came in as a dark band between the brighter new sky and the photo, 5-15 levels deep.
    Without the blur across, the line followed a cloud's texture at the edge (a test's
    random clouds: 21 levels off)."""
    height, width = plate.shape[:2]
    band = max(1, round(across * width))
    edge = plate[:, :band] if toward > 0 else plate[:, -band:][:, ::-1]   # the edge first
    # On a copy FILL_WIDTH wide, as the light it is compared with: at 1920 pixels the
    # blur down the rows took 0.2 s a side.
    small_width, small_height = _fill_size(height, width)
    small_band = max(1, round(band * small_width / width))
    small = cv2.resize(np.ascontiguousarray(edge), (small_band, small_height),
                       interpolation=cv2.INTER_AREA).astype(np.float32)
    small = cv2.GaussianBlur(small, (0, 0), sigmaX=max(0.5, small_band / 4),
                             sigmaY=max(0.5, rows * small_width),
                             borderType=cv2.BORDER_REPLICATE)
    if small_band < 3:
        light, slope = small.mean(axis=1), np.zeros_like(small[:, 0])
    else:
        distance = np.arange(small_band, dtype=np.float32) + 0.5 - small_band / 2
        slope = (distance[None, :, None] * small).sum(axis=1) / (distance * distance).sum()
        light = np.clip(small.mean(axis=1) - slope * small_band / 2, small.min(axis=1),
                        small.max(axis=1))
    light, slope = (cv2.resize(line[:, None], (1, height), interpolation=cv2.INTER_LINEAR)[:, 0]
                    for line in (light, slope))
    return light, slope * small_band / band


def _near_edge_lit(new, light, slope, toward, width):
    """`new`, the columns beside the photo, given the light of the photo's edge row by row
    near it (`light`, H x 3, `_edge_line` at JOIN_ROWS), its `slope` (H x 3,
    `_steady_slope`) carried on across the edge (`_continued`): a gain per row and column,
    that light over the light of new's columns beside the edge (their first LIGHT of the
    photo's `width`, blurred down the rows alike), at most EDGE_GAIN either way, bounded
    as one for the three channels, fading from whole at the edge to none at JOIN_LIGHT
    of the width.

    The new sky is lit as the edge's line blurred down the rows at LIGHT of the width
    (`in_edge_light`), which is smoother than the edge: `Storm.jpg`'s top rows are 50
    levels at the edge where their new sky is 63, the rows below 73 where it is 55. Its
    darker top rows then were a valley between the new sky and the photo's brighter
    inside, and it travelled across the sky as a dark band, doubled by the light held
    where it is shown (`still_light`)."""
    height, columns = new.shape[:2]
    band = min(columns, max(1, round(LIGHT * width)))
    beside = new[:, -band:] if toward > 0 else new[:, :band]
    own = cv2.GaussianBlur(beside.astype(np.float32).mean(axis=1)[:, None], (0, 0), sigmaX=0.5,
                           sigmaY=max(0.5, JOIN_ROWS * width),
                           borderType=cv2.BORDER_REPLICATE)[:, 0]
    reach = min(columns, max(1, round(JOIN_LIGHT * width)))
    distance = np.arange(reach, dtype=np.float32) + 0.5          # columns from the edge
    target = light[:, None] - slope[:, None] * _continued(distance, width)[None, :, None]
    log_gain = bounded_log_gain(np.log((np.maximum(target, 0) + 1) / (own[:, None] + 1)),
                                EDGE_GAIN)
    fade = 1 - smoothstep(distance / reach)
    gain = np.exp(log_gain * fade[None, :, None]).astype(np.float32)
    new = new.copy()
    near = _edge_first(new, reach, toward)
    near[...] = np.clip(np.rint((near.astype(np.float32) + 1) * gain - 1), 0, 255)
    return new


def _near_edge_textured(new, plate, toward, width):
    """`new`, the columns beside the photo, with fine texture no stronger than the photo's
    edge near it: row by row, their detail (what a blur at JOIN / JOIN_COARSE of the
    `width` across, and a quarter of that down, takes out; a horizon's line is kept) is
    scaled by the edge's strength of detail over their own, where that is under 1, from
    that at the edge to whole at JOIN_LIGHT of the width. Strengths are RMS over the
    first LIGHT of the width of each side, blurred down the rows at JOIN_ROWS.
    `Storm.jpg`'s right edge is a smooth haze; in its loop the new sky entering there
    began with the far side's cumulus, its texture raised with its light by
    `in_edge_light`'s gain, at a straight vertical line."""
    columns = new.shape[1]
    band = min(columns, max(1, round(LIGHT * width)))
    sigma = max(1.0, JOIN * width / JOIN_COARSE)

    def detail(image):
        image = np.ascontiguousarray(image, np.float32)
        return image - cv2.GaussianBlur(image, (0, 0), sigmaX=sigma, sigmaY=max(0.5, sigma / 4),
                                        borderType=cv2.BORDER_REFLECT)

    def strength(image):
        grey = detail(image).mean(axis=-1)
        energy = (grey * grey).mean(axis=1)[:, None]
        return np.sqrt(cv2.GaussianBlur(energy, (0, 0), sigmaX=0.5,
                                        sigmaY=max(0.5, JOIN_ROWS * width),
                                        borderType=cv2.BORDER_REPLICATE)[:, 0])

    edge = plate[:, :band] if toward > 0 else plate[:, -band:]
    beside = new[:, -band:] if toward > 0 else new[:, :band]
    # Half a level of detail counts at least: a flat edge is no reason to flatten the sky.
    scale = np.minimum((strength(edge) + 0.5) / (strength(beside) + 0.5), 1)
    reach = min(columns, max(1, round(JOIN_LIGHT * width)))
    distance = np.arange(reach, dtype=np.float32) + 0.5          # columns from the edge
    kept = scale[:, None] + (1 - scale[:, None]) * smoothstep(distance / reach)[None, :]
    new = new.copy()
    near = _edge_first(new, reach, toward)
    near[...] = np.clip(np.rint(near - (1 - kept[..., None]) * detail(near)), 0, 255)
    return new


def _joined(new, plate, toward):
    """`new`, the columns beside the photo, joined to the photo's edge. Near it they take
    the edge's light row by row (`_near_edge_lit`), and fine texture no stronger than the
    edge's (`_near_edge_textured`). Then their coarse picture (a blur) is
    cross-faded into the photo's edge mirrored over JOIN of the photo's width, all of it
    at the edge; their fine texture only over the first FINE_JOIN of that (mirrored over
    the whole band, it counted as a mirror axis). The mirror keeps the edge's clouds but
    not its slope of light (the line `_edge_line` fits, taken out of it, and the slope
    carried on outwards instead, `_continued`): a sky darkening towards the edge,
    mirrored, made the edge a valley between two brighter sides; nor
    its thin lines (`_without_thin_lines`): a line crossing the edge (Dune's blade, a
    contrail) was mirrored into a V that travelled with the sky. Where the mirror's coarse
    picture is a cloud brighter than the new sky, the band's detail is the mirror's too,
    slid down the rows by GLIDE of the width: not a mirror image, and not a smear.
    `plate`: the canvas's photo part, the photo with its ground filled, equal to it in
    the sky: beside a row of ground the join is to sky, not to the ground's dark edge.
    `toward`: +1 when the photo is to its right."""
    width = plate.shape[1]
    light, slope = _edge_line(plate, toward, JOIN_ROWS)
    steady = _steady_slope(plate, toward)
    new = _near_edge_lit(new, light, steady, toward, width)
    new = _near_edge_textured(new, plate, toward, width)
    band, distance, weight = _join_band(new.shape[1], width)
    near = _edge_first(new, band, toward)
    mirrored = _mirrored(plate, distance, toward)
    mirrored = (mirrored - slope[:, None, :] * distance[None, :, None].astype(np.float32)
                - steady[:, None, :] * _continued(distance - 0.5, width)[None, :, None])
    mirrored = _without_thin_lines(mirrored, width)
    # The coarse picture at an eighth of the band: a dark strip along the photo's edge
    # (a vignette) continues across the join. Blurred at half the band, it did not, and
    # showed as a line beside the brighter new sky (`Storm.jpg`).
    sigma = max(1.0, band / JOIN_COARSE)
    coarse = [cv2.GaussianBlur(np.ascontiguousarray(image, np.float32), (0, 0), sigma,
                               borderType=cv2.BORDER_REFLECT) for image in (near, mirrored)]
    # Where the edge's coarse picture is a cloud brighter than the new sky, the band's
    # detail is the edge's, slid down the rows (`_slid_down`): with the new sky's own
    # detail under the mirrored cloud's light, a cumulus the edge cuts (KDE's Kite's)
    # went on as a smooth white smear; mirrored as it is, its detail reads as a mirror.
    step = coarse[1] - coarse[0]
    brighter = smoothstep(step.mean(axis=-1, keepdims=True) / CLOUD_STEP)
    angle = weight[None, :, None] * brighter * np.float32(np.pi / 2)
    # Each detail weighed by a cosine and a sine: two unrelated details keep their energy.
    joined = (coarse[0] + weight[None, :, None] * step
              + np.cos(angle) * (near - coarse[0])
              + np.sin(angle) * _slid_down(mirrored - coarse[1], max(1, round(GLIDE * width))))
    joined = np.clip(np.rint(joined), 0, 255).astype(np.uint8)
    # The fine texture too, over the first fraction of the band only: no line at the
    # edge, and too narrow a mirror to read as one.
    narrow = max(1, round(band * FINE_JOIN))
    fine = smoothstep(1 - (distance - 0.5) / narrow).astype(np.float32)
    fine = np.broadcast_to(fine, (len(new), band))
    mirrored = np.clip(np.rint(mirrored), 0, 255).astype(np.uint8)
    joined = sharp_mix(joined, mirrored, fine)
    if toward > 0:
        new[:, -band:] = joined[:, ::-1]
    else:
        new[:, :band] = joined
    return new


def _edge_first(new, count, toward):
    """A view of the `count` columns of `new` (the new sky beside the photo; `toward` +1
    when the photo is to its right) nearest the photo's edge, nearest first."""
    return new[:, new.shape[1] - count:][:, ::-1] if toward > 0 else new[:, :count]


def _mirrored(image, distance, toward):
    """The columns of `image` (the photo's, or a map over it) `distance` in from the
    edge that the new sky joins (`toward` +1: its left edge): that edge mirrored outwards."""
    return image[:, distance] if toward > 0 else image[:, image.shape[1] - 1 - distance]


def _slid_down(image, rows):
    """`image` moved `rows` rows down, its top rows mirrored in from above its first."""
    index = np.abs(np.arange(len(image)) - rows)
    return image[np.minimum(index, len(image) - 1)]


def _join_band(columns, width):
    """(band, distance, weight): how many of the `columns` of new sky beside a photo
    `width` wide are cross-faded into its edge mirrored (JOIN of the width), their
    distance from the edge in columns, and the weight of the edge in each."""
    band = min(columns, width - 1, max(1, round(JOIN * width)))
    distance = np.arange(1, band + 1)
    return band, distance, smoothstep(1 - (distance - 0.5) / band).astype(np.float32)


def _without_thin_lines(image, width):
    """`image` (float32) without its lines, bright or dark, thinner than THIN of `width`:
    the mean of its opening then closing and its closing then opening by a disc that
    wide (either order alone leaves a bias, brighter or darker). Under 320 pixels wide
    that disc would be under 3 pixels: the image is returned as it is."""
    image = np.ascontiguousarray(image, np.float32)
    size = round(THIN * width) | 1
    if size < 3:
        return image
    disc = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    opened = cv2.morphologyEx(cv2.morphologyEx(image, cv2.MORPH_OPEN, disc), cv2.MORPH_CLOSE, disc)
    closed = cv2.morphologyEx(cv2.morphologyEx(image, cv2.MORPH_CLOSE, disc), cv2.MORPH_OPEN, disc)
    return 0.5 * (opened + closed)
