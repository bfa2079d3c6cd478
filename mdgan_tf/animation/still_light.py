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
rose from 2.1 to 2.8; frame 0: 1.5).
"""

import cv2
import numpy as np

from mdgan_tf.animation.motion import canvas_points

SPREAD = 1 / 4
ROWS = 1 / 32
MOST = 2.0
# The light is worked out on a copy of the canvas this many pixels per photo width.
LIGHT_WIDTH = 64
# Gains closer to 1 than this everywhere change no pixel by a level: not applied.
LEAST_GAIN = 1 / 512
# The gain is enlarged and applied in strips of at most this many pixels (a 48-MP photo's
# gain at full size would take 576 MB).
STRIP_PIXELS = 1 << 22


class StillLight:
    """The light of a canvas the sky is moved over, held where it is in the frame.

    Args:
        canvas: h x w x 3 uint8, what the sky is fetched from (`SkyCanvas.image`), the
            photo at column `offset`.
        offset: the photo's first column in `canvas`.
        width: the photo's width.

    Examples:
        >>> light = StillLight(canvas.image, canvas.offset, photo.shape[1])
        >>> light.apply(moved, displacement)   # in place
    """

    def __init__(self, canvas, offset, width):
        height = canvas.shape[0]
        self.offset, self.width, self.height = offset, width, height
        self.scale = min(LIGHT_WIDTH, width) / width
        size = (max(1, round(canvas.shape[1] * self.scale)), max(1, round(height * self.scale)))
        small = cv2.resize(canvas, size, interpolation=cv2.INTER_AREA).astype(np.float32)
        light = cv2.GaussianBlur(small, (0, 0), sigmaX=SPREAD * width * self.scale,
                                 sigmaY=max(0.5, ROWS * width * self.scale),
                                 borderType=cv2.BORDER_REPLICATE)
        self.log_light = np.log(light + 1)
        self._here = None
        self._buffer = None

    def _light_at(self, points):
        """The canvas's log light at canvas points (... x 2 float32, x and y)."""
        return cv2.remap(self.log_light, (points + 0.5) * self.scale - 0.5, None,
                         cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)

    def gain(self, displacement):
        """R x R x 3 float32 (float64 doubled the time to apply it): the gain of each
        pixel of a grid R x R over the photo, for the sky moved along `displacement` (R x R
        x 2, in pixels of that grid)."""
        size = (self.width, self.height)
        if self._here is None or self._here.shape[:2] != displacement.shape[:2]:
            # The light where the grid's pixels are shown: the same every frame.
            self._here = self._light_at(canvas_points(np.zeros_like(displacement), size,
                                                      self.offset))
        fetched = self._light_at(canvas_points(displacement, size, self.offset))
        return np.exp(bounded_log_gain(self._here - fetched, MOST))

    def apply(self, moved, displacement, rows=None):
        """`moved` (H x W x 3 uint8, the canvas moved along `displacement`, R x R x 2) in the
        light of where each pixel is shown, in place; only its first `rows` rows, if given."""
        gain = self.gain(displacement)
        if float(np.abs(gain - 1).max()) < LEAST_GAIN:
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
            cv2.multiply(part, part_gain, dst=part, dtype=cv2.CV_8U)
        return moved


def bounded_log_gain(log_gain, most):
    """`log_gain` (... x 3 float32, a gain's log per channel) scaled down, as one for the
    three channels, so that no gain passes `most` or 1 / `most`: bounded channel by
    channel, a colour would change its hue."""
    largest = np.abs(log_gain).max(axis=-1, keepdims=True)
    return log_gain * np.minimum(1, np.float32(np.log(most))
                                 / np.maximum(largest, np.float32(1e-12)))
