"""What a viewer sees go wrong in a photo's time-lapse, as numbers: a mirror axis in the sky,
a sky shown twice side by side, a tear or a seam (a straight line through it), frames
softer than the photo, ground that moves, a sky that does not.

All work on H x W x 3 uint8 frames at any size; each frame is first shrunk to WIDTH pixels
wide, so the figures do not depend on the photo's size. "Fine texture" is the grey frame
minus its blur at FINE_SIGMA pixels of that width: the detail a cloud's edge has and a
doubled or mirrored copy shows.
"""

import cv2
import numpy as np

WIDTH = 256
FINE_SIGMA = 2.0
# A mirror axis counts only where the two sides it compares overlap over at least this
# fraction of the width: shorter stretches correlate by chance.
MIN_MIRROR_SPAN = 1 / 4
# A row (column) counts towards straight lines where at least this fraction of it is sky.
MIN_LINE_SPAN = 1 / 4
# A column's line is measured only over the rows that are nearly all sky (at least this
# share of the skiest row's): measured over each column's own sky, a cloud's edge moving
# across the example's roofs counted most where a roof cut its column short (3.5 at
# frame 0, 5.0 over the rooftops, 5.3 and 5.15 over the rows above them all).
SHARED_SPAN = 0.9
# A sky repeats itself sideways only at lags of at least this fraction of the width (at
# shorter ones, a cloud's own texture correlates with itself).
MIN_REPEAT_LAG = 1 / 16


def _gray(frame):
    height, width = frame.shape[:2]
    size = (WIDTH, max(2, round(height * WIDTH / width)))
    small = cv2.resize(np.ascontiguousarray(frame), size, interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(small, cv2.COLOR_RGB2GRAY).astype(np.float32) / 255


def fine_texture(frame):
    """The frame's fine texture: h x WIDTH float32, about zero mean."""
    gray = _gray(frame)
    return gray - cv2.GaussianBlur(gray, (0, 0), FINE_SIGMA)


def _fine_rows(frame, rows):
    """The fine texture of the frame's `rows` (fractions of its height)."""
    texture = fine_texture(frame)
    top, bottom = (round(r * len(texture)) for r in rows)
    return texture[top:bottom]


def _correlation(first, second):
    """The normalised correlation of two equal-shaped textures, or None where either is
    flat."""
    norm = np.sqrt(np.sum(first * first) * np.sum(second * second))
    return float(np.sum(first * second) / norm) if norm > 0 else None


def mirror_symmetry(frame, rows=(0.0, 0.5)):
    """The strongest left-right mirror symmetry of the fine texture of the frame's `rows`
    (fractions of its height; the top half, the sky of most photos, by default), over every
    vertical axis: the normalised correlation of the texture on one side of the axis with
    the other side's, reflected, in [-1, 1]. A photo scores about 0.1-0.5; a sky that
    shows itself mirrored, near 1."""
    texture = _fine_rows(frame, rows)
    width = texture.shape[1]
    span = max(2, round(MIN_MIRROR_SPAN * width / 2))
    best = -1.0
    for axis in range(span, width - span + 1):
        half = min(axis, width - axis)
        alike = _correlation(texture[:, axis - half:axis][:, ::-1], texture[:, axis:axis + half])
        if alike is not None:
            best = max(best, alike)
    return best


def sideways_repeat(frame, rows=(0.0, 0.5)):
    """How strongly the fine texture of the frame's `rows` (fractions of its height)
    repeats itself sideways, at each lag from MIN_REPEAT_LAG of the width to half of it:
    the normalised correlation of the texture with itself moved that far across, an
    array in [-1, 1] over the lags (in pixels of WIDTH; 0 where the texture is flat)."""
    texture = _fine_rows(frame, rows)
    width = texture.shape[1]
    lags = range(max(1, round(MIN_REPEAT_LAG * width)), width // 2 + 1)
    return np.array([_correlation(texture[:, :-lag], texture[:, lag:]) or 0.0 for lag in lags])


def doubling(frame, first, rows=(0.0, 0.5)):
    """How much more the frame's sky repeats itself sideways than `first`'s (the photo)
    does, at the lag where it rose most (`sideways_repeat`). A loop's two ends mixed show
    each cloud twice, a loop's travel apart: mixed by one weight for the whole frame,
    the worst frame rose by 0.38-0.45 on `skyar_cloudy`, `skyar_sunset` and `Storm.jpg`,
    where an ordinary 32-frame video rises by 0.02-0.11."""
    return float(np.max(sideways_repeat(frame, rows) - sideways_repeat(first, rows)))


def straight_lines(frame, sky):
    """How strongly the frame's sky is crossed by one straight line, along its rows and
    along its columns: the highest mean step of grey across a row (a column) of sky, over
    the median row's (column's). A tear through the clouds, a streak along a roofline or
    the seam where new sky joins the photo is a line: clouds score about 1.5-3, a tear
    several times more. `sky`: H x W in [0, 1] at the frame's size (e.g. `sky_mask` of
    the photo); only steps between two pixels of sky count. Returns (rows, columns)."""
    gray = _gray(frame)
    small = cv2.resize(sky.astype(np.float32), gray.shape[::-1], interpolation=cv2.INTER_AREA)
    inside = small > 0.01
    strengths = []
    for axis in (0, 1):
        step = np.abs(np.diff(gray, axis=axis))
        if axis == 0:
            pairs = inside[:-1] & inside[1:]
            span = pairs.shape[1]
        else:
            share = inside.mean(axis=1)
            rows = share >= SHARED_SPAN * share.max()
            kept = inside & rows[:, None]
            pairs = kept[:, :-1] & kept[:, 1:]
            span = rows.sum()
        count = pairs.sum(axis=1 - axis)
        enough = count >= MIN_LINE_SPAN * span
        if enough.sum() < 3:
            strengths.append(1.0)
            continue
        means = (step * pairs).sum(axis=1 - axis)[enough] / count[enough]
        strengths.append(float(means.max() / max(float(np.median(means)), 1e-6)))
    return tuple(strengths)


def texture_energy(frame, weight=None):
    """The mean square of the frame's fine texture, weighted by `weight` (H x W in [0, 1]
    at the frame's size, e.g. its sky; everywhere by default)."""
    texture = fine_texture(frame)
    if weight is None:
        return float(np.mean(texture * texture))
    small = cv2.resize(weight.astype(np.float32), texture.shape[::-1],
                       interpolation=cv2.INTER_AREA)
    return float(np.sum(small * texture * texture) / max(float(small.sum()), 1e-6))


def light_drift(frame, first, rows=(0.0, 0.5)):
    """How far the mean colour of the frame's `rows` (fractions of its height) has moved
    from `first`'s, in levels: the largest of the three channels'. A sky whose light went
    with its clouds drifted to the light of the photo's edge over a long video (68 levels
    on `Storm.jpg` by frame 255, 26 on `skyar_sunset`)."""
    height = frame.shape[0]
    top, bottom = (round(r * height) for r in rows)
    means = [image[top:bottom].reshape(-1, 3).mean(axis=0, dtype=np.float64)
             for image in (frame, first)]
    return float(np.abs(means[0] - means[1]).max()) if bottom > top else 0.0


def region_change(before, after, region):
    """The mean |after - before| over `region` (H x W bool), values in [0, 1]."""
    difference = np.abs(after.astype(np.float32) - before.astype(np.float32)) / 255
    return float(difference[region].mean()) if region.any() else 0.0


def point_change(frame, first, points):
    """The most any of `points` ((x, y), fractions of the width and height) changed from
    `first`, in levels: the mean |frame - first| over the 3 x 3 pixels around it, the
    largest of the three channels'. Points on things that must stay (a mast's tip, the
    sun) catch what `region_change` over whole rows misses: a small piece of the ground
    carried off with the sky."""
    height, width = frame.shape[:2]
    difference = np.abs(frame.astype(np.float32) - first.astype(np.float32))
    worst = 0.0
    for x, y in points:
        column = min(max(round(x * width), 1), width - 2)
        row = min(max(round(y * height), 1), height - 2)
        patch = difference[row - 1:row + 2, column - 1:column + 2]
        worst = max(worst, float(patch.reshape(-1, 3).mean(axis=0).max()))
    return worst
