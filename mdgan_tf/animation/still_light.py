"""The sky's light stays in the frame while its clouds move through it.

A sky's light (brighter towards the sun and the horizon, a sunset's colours low and a
blue overhead, the bright side of a storm) belongs to where the camera looks, not to the
clouds. Moved with the clouds, it went with them: over a 256-frame video the photo's own
light left the frame, and the new sky came in lit as the photo's edge it joins
(`sky_canvas`). `skyar_sunset`'s blue top turned the pink-grey of its left edge and
`Storm.jpg`'s bright right went dark: the sky's mean colour moved 26 and 68 levels, and
their fine texture fell to 0.72 and 0.53 of the photo's (docs/generating.md).

So each moved frame is given back the light of the place each pixel is shown: the
canvas's light there over the light where the pixel was fetched from, a gain per channel.
The light is the canvas's blur, SPREAD of the photo's width across and ROWS of it down: far
wider than a cloud, so clouds move on and only the slope of the sky's light stays. A
still frame's gain is 1, so frame 0 is the photo.

The gain is at most MOST either way, bounded as one for the three channels (a colour keeps
its hue). Unbounded, `Storm.jpg`'s dark storm, brought 2.6 times brighter into its bright
corner, showed its clouds' edges 2.6 times stronger there (the photo checks' worst column
rose from 2.1 to 2.8; frame 0: 1.5). What light the bound leaves short, where the place is
brighter, is added instead (a lift): it raises the clouds' levels, not their contrast, as
a haze's light does. Left short, that corner went dark with the storm moving in, and by
frame 255 the sky's mean colour had moved 32 levels (4.2 with the lift).

A held sun's glow is light too, far narrower than SPREAD. The canvas leaves it out
(`sky_canvas`): the frame keeps the photo's glow where the sun holds it, and the sky that
moves through it is the sky without it, filled in near the sun from the glow's rim and so
lit unevenly at the glow's scale. Moved, that unevenness showed (a dark disc drifting off
long real clip 5's sun). So where the sun is held, as much as it holds each place
(`sky_and_sun`), the light is the canvas's blur at SUN_LIGHT of the width (on a copy
SUN_WIDTH wide) instead.

A clear sky's light is finer than SPREAD too: a dusk's glow or a fog's, with no cloud to
move (KDE's summer_1am and DarkestHour). Held at SPREAD, the rest of the glow moved with
the sky: by frame 127 its dome had flattened, with soft vertical bands where the new sky
met it (light drift 6.7 and 6.9 levels). So where the sky is clear (`clear_sky`) at both
ends of a move, the light is the canvas's blur at CLEAR_LIGHT of the width. At both: a
cloud moved into clear sky is lit as before, not taken to the clear sky's own light. The
new sky beside the photo is as clear as the photo's columns it is made of
(`SkyCanvas.laid_out`): measured on the canvas itself, its seams and joins counted as
cloud; held only coarsely amid finely held sky, they came in as thin vertical lines.
"""

import cv2
import numpy as np

from mdgan_tf.animation.motion import canvas_points

SPREAD = 1 / 4
ROWS = 1 / 32
MOST = 2.0
# The light is worked out on a copy of the canvas this many pixels per photo width.
LIGHT_WIDTH = 64
# Gains closer to 1 than this everywhere, and lifts under this, change no pixel by a
# level: not applied.
LEAST_GAIN = 1 / 512
LEAST_LIFT = 0.5
# The gain is enlarged and applied in strips of at most this many pixels (a 48-MP photo's
# gain at full size would take 576 MB).
STRIP_PIXELS = 1 << 22
# Around a held sun, the light is the canvas's blur at SUN_LIGHT of the photo's width, worked
# out on a copy SUN_WIDTH pixels per photo width.
SUN_LIGHT = 1 / 128
SUN_WIDTH = 256
# Where the sky is clear (`clear_sky`), the light is the canvas's blur at CLEAR_LIGHT of the
# width, worked out on a copy CLEAR_WIDTH pixels per photo width.
CLEAR_LIGHT = 1 / 32
CLEAR_WIDTH = 256
# The sky is clear where it changes little along the rows, the way it moves: its grey
# less a line fitted along the rows over ALONG of the width, that squared, blurred over
# ENERGY_SPREAD of the width, is E levels squared; clear as 1 / (1 + (E / CLEAR_ENERGY)^2).
ALONG = 1 / 16
ENERGY_SPREAD = 1 / 32
CLEAR_ENERGY = 4.0


class StillLight:
    """The light of a canvas the sky is moved over, held where it is in the frame.

    Args:
        canvas: h x w x 3 uint8, what the sky is fetched from (`SkyCanvas.image`), the
            photo at column `offset`.
        offset: the photo's first column in `canvas`.
        width: the photo's width.
        sun: H x W float32 in [0, 1], how much each pixel of the photo is held still for
            the sun (`sky_and_sun`), or None.
        clear: h x w float32 in [0, 1], how clear the sky is at each place of `canvas`
            (`clear_sky`, laid out by `SkyCanvas.laid_out`), or None.

    Examples:
        >>> light = StillLight(canvas.image, canvas.offset, photo.shape[1])
        >>> light.apply(moved, displacement)   # in place
    """

    def __init__(self, canvas, offset, width, sun=None, clear=None):
        height = canvas.shape[0]
        self.offset, self.width, self.height = offset, width, height
        self.scale = min(LIGHT_WIDTH, width) / width
        self.log_light = _log_blur(canvas, self.scale, SPREAD * width, ROWS * width)
        self.clear_light = None
        if clear is not None and clear.max() > 0:
            self.clear_scale = min(CLEAR_WIDTH, width) / width
            self.clear_light = _log_blur(canvas, self.clear_scale, CLEAR_LIGHT * width,
                                         CLEAR_LIGHT * width)
            self.clear = cv2.resize(clear, self.clear_light.shape[1::-1],
                                    interpolation=cv2.INTER_AREA)
        self.sun_light = None
        if sun is not None and sun.any():
            self.sun_scale = min(SUN_WIDTH, width) / width
            self.sun_light = _log_blur(canvas, self.sun_scale, SUN_LIGHT * width,
                                       SUN_LIGHT * width)
            held = np.zeros(canvas.shape[:2], np.float32)
            held[:, offset:offset + width] = sun
            self.held = cv2.resize(held, self.sun_light.shape[1::-1],
                                   interpolation=cv2.INTER_AREA)
        self._here = None
        self._buffer = None

    def _light_at(self, points, clear=None):
        """The canvas's log light at canvas points (... x 2 float32, x and y); where the
        sky is clear (`clear`, ..., in [0, 1]), its finer light."""
        light = _remapped(self.log_light, points, self.scale)
        if clear is not None:
            fine = _remapped(self.clear_light, points, self.clear_scale)
            light = light + clear[..., None] * (fine - light)
        if self.sun_light is None:
            return light
        held = _remapped(self.held, points, self.sun_scale)[..., None]
        return light + held * (_remapped(self.sun_light, points, self.sun_scale) - light)

    def change(self, displacement):
        """(gain, lift), each R x R x 3 float32 (float64 doubled the time to apply them):
        each pixel of a grid R x R over the photo is shown as itself times the gain plus
        the lift, for the sky moved along `displacement` (R x R x 2, in pixels of that
        grid). The lift is the light the bounded gain leaves short, where the place shown
        is brighter (0 elsewhere)."""
        size = (self.width, self.height)
        if self._here is None or self._here.shape[:2] != displacement.shape[:2]:
            # Where the grid's pixels are shown: the same every frame.
            self._here = canvas_points(np.zeros_like(displacement), size, self.offset)
        fetched = canvas_points(displacement, size, self.offset)
        clear = None
        if self.clear_light is not None:
            # The finer light only where the sky is clear at both ends of the move: a
            # cloud moved into clear sky would be taken to the clear sky's own light
            # (KDE's Kite's cumulus, to its deep blue), and clear sky moved into a cloud's
            # place to the cloud's.
            clear = np.minimum(*(_remapped(self.clear, points, self.clear_scale)
                                 for points in (self._here, fetched)))
        here, there = self._light_at(self._here, clear), self._light_at(fetched, clear)
        log_gain = bounded_log_gain(here - there, MOST)
        return np.exp(log_gain), np.maximum(np.exp(here) - np.exp(there + log_gain), 0)

    def apply(self, moved, displacement, rows=None):
        """`moved` (H x W x 3 uint8, the canvas moved along `displacement`, R x R x 2) in the
        light of where each pixel is shown, in place; only its first `rows` rows, if given."""
        gain, lift = self.change(displacement)
        lifted = float(lift.max()) >= LEAST_LIFT
        if float(np.abs(gain - 1).max()) < LEAST_GAIN and not lifted:
            return moved
        grid_rows, columns = gain.shape[:2]
        to_x, to_y = columns / self.width, grid_rows / self.height
        strip = max(1, STRIP_PIXELS // self.width)
        end = self.height if rows is None else rows
        for top in range(0, end, strip):
            part = moved[top:min(top + strip, end)]
            # Enlarged as cv2.resize would the whole, for these rows only.
            enlarge = np.float32([[to_x, 0, 0.5 * to_x - 0.5],
                                  [0, to_y, (top + 0.5) * to_y - 0.5]])
            if self._buffer is None or self._buffer.shape[0] < len(part):
                self._buffer = np.empty((len(part), self.width, 3), np.float32)
            part_gain = self._buffer[:len(part)]
            cv2.warpAffine(gain, enlarge, (self.width, len(part)), dst=part_gain,
                           flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                           borderMode=cv2.BORDER_REPLICATE)
            if not lifted:
                cv2.multiply(part, part_gain, dst=part, dtype=cv2.CV_8U)
                continue
            lit = cv2.multiply(part, part_gain, dtype=cv2.CV_32F)
            cv2.warpAffine(lift, enlarge, (self.width, len(part)), dst=part_gain,
                           flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                           borderMode=cv2.BORDER_REPLICATE)
            cv2.add(lit, part_gain, dst=part, dtype=cv2.CV_8U)
        return moved


def clear_sky(photo):
    """H x W float32 in [0, 1]: how clear the sky of `photo` (H x W x 3 uint8, its ground
    filled with sky) is at each pixel, worked out on a copy CLEAR_WIDTH wide: a glow
    that changes with the height is light, to be held where it is; clouds, however soft,
    change along the rows. The line fitted within the photo alone: a vignette's slope at
    its sides is light too."""
    height, width = photo.shape[:2]
    scale = min(CLEAR_WIDTH, width) / width
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    grey = cv2.cvtColor(cv2.resize(photo, size, interpolation=cv2.INTER_AREA),
                        cv2.COLOR_RGB2GRAY).astype(np.float32)
    x = np.arange(size[0], dtype=np.float32) - size[0] / 2
    x = np.broadcast_to(x, grey.shape)
    sigma = max(0.5, ALONG * size[0])

    def along(image):     # the sum within the photo, weighted by a Gaussian along the rows
        return cv2.GaussianBlur(np.ascontiguousarray(image, np.float32), (0, 0), sigmaX=sigma,
                                sigmaY=0.1, borderType=cv2.BORDER_CONSTANT)

    weight, mean_x, mean_grey = along(np.ones_like(grey)), along(x), along(grey)
    mean_x, mean_grey = mean_x / weight, mean_grey / weight
    spread = along(x * x) / weight - mean_x * mean_x
    slope = (along(x * grey) / weight - mean_x * mean_grey) / np.maximum(spread, 1e-6)
    rest = grey - mean_grey - slope * (x - mean_x)
    energy = cv2.GaussianBlur(rest * rest, (0, 0), max(0.5, ENERGY_SPREAD * size[0]),
                              borderType=cv2.BORDER_REFLECT)
    clear = 1 / (1 + (energy / CLEAR_ENERGY) ** 2)
    clear = cv2.resize(clear, (width, height), interpolation=cv2.INTER_LINEAR)
    return clear.astype(np.float32)


def _log_blur(canvas, scale, across, down):
    """The log of the canvas's blur (`across` and `down` pixels of it), worked out on a
    copy `scale` times its size."""
    size = (max(1, round(canvas.shape[1] * scale)), max(1, round(canvas.shape[0] * scale)))
    small = cv2.resize(canvas, size, interpolation=cv2.INTER_AREA).astype(np.float32)
    light = cv2.GaussianBlur(small, (0, 0), sigmaX=max(0.5, across * scale),
                             sigmaY=max(0.5, down * scale), borderType=cv2.BORDER_REPLICATE)
    return np.log(light + 1)


def _remapped(image, points, scale):
    """`image`, a copy `scale` times the canvas's size, at canvas points."""
    return cv2.remap(image, (points + 0.5) * scale - 0.5, None, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_REPLICATE)


def bounded_log_gain(log_gain, most):
    """`log_gain` (... x 3 float32, a gain's log per channel) scaled down, as one for the
    three channels, so that no gain passes `most` or 1 / `most`: bounded channel by
    channel, a colour would change its hue."""
    largest = np.abs(log_gain).max(axis=-1, keepdims=True)
    return log_gain * np.minimum(1, np.float32(np.log(most))
                                 / np.maximum(largest, np.float32(1e-12)))
