"""The photo at its own size, moved along the model's motion.

MD-GAN draws its videos at 64x64 or 128x128: upsampled, they are a blur of the photo.
Flow-based animators (Endo et al., 2019; Holynski et al., 2021) keep the photo's pixels and
move them instead. MD-GAN's videos carry a motion, so the same step applies to them:

1. the motion (`animation.motion`): a G1 that moves the photo gives its velocities, made
   one steady drift along the horizon over the photo's sky, faster high in the sky than
   near the horizon, as perspective has it (its shear bounded, so that a long video does
   not draw the clouds into streaks; not in a loop); a painting G1's video is read with
   dense optical flow between consecutive frames;
2. composed into one displacement map per frame, back to frame 0, the photo, and
   resized to the photo's size;
3. the photo sampled once per frame along it (never a sampled frame again, so nothing
   blurs as time passes). Where the sky fetches from beyond the photo's side, it finds
   the photo's own sky repeated (`sky_canvas`), not the photo mirrored. The sky's light
   stays in the frame, the clouds moving through it, and so do a held sun's glow and
   a clear sky's (`still_light`). The photo's outermost columns, often a rim unlike
   those inside, are carried on from inside in the canvas (`SkyCanvas.rim`) and shown
   as they are only until the sky there has moved by the rim's width: moved in with
   the sky, the rim was a line down it (KDE's Kite);
4. laid over the still photo by the sky's matte (`sky_matte`: the mask refined along the
   photo's own edges, taken up to the hard ones, soft where they are soft): the ground
   is the photo's own, and at its edge only the sky's share of a pixel changes. Under a
   soft horizon, its haze takes its share of the sky's change with its own picture held
   still (`sky_mask._haze`): the far fields and trees in it stay where they are. The
   model moves the ground of a real photo about half as much as its sky, so its motion
   alone cannot keep the ground still.
   Where the sky fetches from behind the ground, it finds the sky around that ground,
   with the sky's own texture: the canvas holds the photo with its ground filled
   (`sky_canvas.sky_plate`).
   Ground of the sky's own colour beside it (sky held still for its narrow gaps) takes
   the sky's change of light around it, without moving (`sky_light`). Ground that is
   likely sky held for want of certainty and meets the sky as softly as a cloud does
   goes with the sky (`sky_canvas.freed_sky`: held, the Animating Landscape photo's
   band of low clouds stood still while the sky around it moved on); what stays held
   (`SkyCanvas.held`) takes the light of the moving sky's change near the sky's edge
   (`into_held`), so that the clouds passing over its top fade into it rather than end
   at a cut;
5. for a loop, mixed with the photo taken back along the same steps, patch by patch
   (`loop_swap`), keeping the photo's sharpness (`blending`).

The sky is a layer behind the ground (SkyAR), and its motion is never scaled down near
the ground. Both were tried otherwise (issue 35, docs/generating.md): the motion held at
zero across the mask's soft edge made each row of the edge slide its own distance, and
over a long video the edge streaked (a white line along a roofline, tears through the
clouds); held where it would fetch the ground, the sky showed windows of still sky in
the ground's shape, travelling with the clouds (dark ghosts of the rocket's towers).
The layer lost once, when the mask's errors moved with it; the mask now holds still the
sky it is unsure of (seen only through narrow gaps, `sky_mask`).

Frames are made one at a time (`PhotoAnimation` is an iterable), so a long video of a
large photo streams into the encoder without ever sitting whole in memory.
"""

import math

import cv2
import numpy as np

from mdgan_tf.errors import InputError
from mdgan_tf.animation.blending import sharp_mix, smoothstep
from mdgan_tf.animation.cloud_change import apply_change, carried
from mdgan_tf.animation.loop_swap import LoopSwap
from mdgan_tf.animation.motion import (
    consecutive_flows, followed, pixel_grid, sky_drift, smoothed, with_perspective,
)
from mdgan_tf.animation.sky_canvas import SkyCanvas, freed_sky
from mdgan_tf.animation.sky_light import SkyLight
from mdgan_tf.animation.still_light import StillLight, clear_sky
from mdgan_tf.preprocessing.given_sky import check_fits
from mdgan_tf.preprocessing.limits import check_photo_size
from mdgan_tf.preprocessing.sky_mask import faded_inwards, found_sky
from mdgan_tf.preprocessing.sky_matte import sky_matte

# The motion eases in over the first EASE frames (and, in a loop, out over the last): the
# photo is exact and every moved frame is resampled, a little softer, so a full step at
# once would show the softening as a jump of its own, about twice an ordinary step.
EASE = 8
# The sky that moves and the canvas's photo part: the sky mask fading inwards over
# MATTE_FEATHER of the width (the mask's own 1/128 showed as a ring of still sky around
# every roof). It is laid over by `sky_matte`.
MATTE_FEATHER = 1 / 256
# Sky held as ground (`SkyCanvas.held`) takes the moving sky's change of light, in full
# at the sky's edge, none INTO_HELD of the width in or as near the rest of the ground.
INTO_HELD = 1 / 64


def compose(steps, speed=1.0):
    """(T-1) x R x R x 2 steps -> T x R x R x 2 displacements back to frame 0:
    D_0 = 0 and D_t(p) = s f(p) + D_{t-1}(p + s f(p)) for step f = steps[t-1], s = `speed`.
    Pixel p of frame t shows what frame 0 has at p + D_t(p). The first EASE of them are
    scaled down, by a smoothstep from 0 to 1."""
    height, width = steps.shape[1:3]
    grid = pixel_grid(height, width)
    displacement = np.zeros((height, width, 2), np.float32)
    out = [displacement]
    for step in steps:
        displacement = followed(displacement, speed * step, grid)
        out.append(displacement)
    ease = smoothstep(np.arange(len(out), dtype=np.float32) / EASE)
    return np.stack(out) * ease[:, None, None, None]


def into_held(region, held, reach=INTO_HELD):
    """H x W float32 in [0, 1]: how much of the ground that is likely sky held for want
    of certainty (`held`, H x W bool or None: `SkyCanvas.held`) goes with the found sky
    `region` (H x W, 1 in the sky): all of it at the sky's edge, falling to none over
    `reach` of the width, and to none as well within that of the rest of the ground.
    Held with a hard edge, a band of low clouds showed its outline as a cut through the
    clouds as the sky moved over it (the Animating Landscape photo's). Not near the
    ground it rests on: a bright spot came off the sea's line."""
    if held is None:
        return np.zeros(region.shape, np.float32)
    span = max(1.0, reach * region.shape[1])
    ground = region < 0.5
    inside = cv2.distanceTransform(ground.astype(np.uint8), cv2.DIST_L2, 3)
    from_rest = cv2.distanceTransform((~(ground & ~held)).astype(np.uint8), cv2.DIST_L2, 3)
    share = (1 - smoothstep(inside / span)) * smoothstep(from_rest / span) * held
    return share.astype(np.float32)


def _light_of(colours):
    """N x 3 colours -> N float32: their light, the mean of the channels. Sky held as
    ground takes only the light of the moving sky's change: taken per channel, a dark
    cloud passing KDE's EveningGlow's held yellow glow left a cyan patch (likely the
    change against the orange fill behind it)."""
    return colours.astype(np.float32).mean(axis=-1)


def reach(displacements, sky):
    """How far outside the frame, left and right, the sky's displacements fetch from, in
    pixels of the frame: (left, right), each at least 0."""
    width = displacements.shape[2]
    x = np.arange(width, dtype=np.float32)[None, None, :] + displacements[..., 0]
    moving = np.broadcast_to(sky[None] > 0, x.shape)
    if not moving.any():
        return 0.0, 0.0
    x = x[moving]
    return max(0.0, -float(x.min())), max(0.0, float(x.max()) - (width - 1))


class PhotoAnimation:
    """The frames of `photo` moved along a motion at the model's resolution, made one at a
    time.

    `photo`: H x W x 3 uint8 at the size wanted. `steps`: (T - 1) x R x R x 2 float32, for
    T frames: the step of each frame from the one before, as `consecutive_flows` gives
    them (backward), in pixels of the R x R frame. `speed` scales the motion. `loop`: the
    last frame flows into the first (the animation swapped, patch by patch, for one that
    ends at the photo, `loop_swap`), taken back along `ahead`, the same steps forwards
    (by default `-steps`, exact for a drift). `drift`: the steps made one steady drift
    over the sky, under perspective but in a loop (see `sky_drift` and
    `with_perspective`). `from_video` reads the steps off a video. `change`: (T - 1) x R
    x R x 3, each frame's change of colour from the one before in [-1, 1], where the
    model's G1 makes one (`animation.cloud_change`): carried along the same drift and
    added to the sky.
    `heading`: the wind the model was told, in degrees, which the drift is turned to;
    `full_speed`: told none, the drift's whole speed is drawn along the horizon (see
    `sky_drift`).
    `source`: the photo as it was given, when `photo` is it shrunk: the sky is found on
    it, so that a photo's sky does not depend on the size its video is made at (found on
    the rocket shrunk to 480 pixels, its right mast and tower went with the sky).
    `sky_mask`: h x w float32 in [0, 1] of the photo's shape, a sky the user drew
    (`preprocessing.given_sky`), moved instead of the one found (`found_sky`).

    `freed`: H x W bool, the ground found likely sky held for want of certainty that is
    moved with the sky (`sky_canvas.freed_sky`), or None.
    """

    def __init__(self, photo, steps, speed=1.0, loop=False, ahead=None, drift=False,
                 change=None, heading=None, full_speed=False, source=None, sky_mask=None):
        self.photo = np.ascontiguousarray(photo)
        steps = np.asarray(steps, np.float32)
        if steps.ndim != 4 or steps.shape[-1] != 2:
            raise InputError(f"steps must be (frames - 1) x R x R x 2 (x, y), got shape "
                             f"{steps.shape}; to move the photo along a video, use "
                             f"PhotoAnimation.from_video")
        check_photo_size(self.photo.shape)
        self.frames = len(steps) + 1
        self.height, self.width = self.photo.shape[:2]
        if sky_mask is not None:
            check_fits(np.shape(sky_mask), self.photo.shape)
        region, sun, haze = found_sky(self.photo if source is None else source,
                                      (self.width, self.height), sky_mask)
        resolution = steps.shape[2], steps.shape[1]
        # The drift is measured on, and its perspective drawn over, the sky found; ground
        # freed as sky (below) goes along with it. Measured with the landscape's band of
        # low clouds, slow in the model's motion, the whole sky's drift fell by a sixth.
        sky = faded_inwards(region, MATTE_FEATHER)
        small_sky = cv2.resize(sky * (1 - sun), resolution, interpolation=cv2.INTER_AREA)
        # Sky held for want of certainty that meets the sky as a cloud does goes with it
        # (a band of low clouds stood still while the sky around it moved on); not from
        # a sky the user drew.
        self.freed = freed = None if sky_mask is not None else freed_sky(self.photo, region,
                                                                         sun)
        if freed is not None:
            region = np.maximum(region, freed)
            sky = faded_inwards(region, MATTE_FEATHER)
        self.sky = sky * (1 - sun)
        moving_sky = small_sky if freed is None else cv2.resize(self.sky, resolution,
                                                                interpolation=cv2.INTER_AREA)
        # Below a soft horizon the matte takes its haze's share of the sky's change
        # (`sky_mask._haze`), but the canvas does not: behind the haze it holds the sky's
        # fill, as behind the ground, and the haze's own picture stays still under the
        # change. In the canvas, Storm.jpg's far tree line slid along its horizon.
        if haze.any():
            region = np.maximum(region, haze)
        weight = small_sky[None, ..., None]
        if drift:
            steps = sky_drift(steps, weight, heading, full_speed)
            ahead = None if ahead is None else sky_drift(np.asarray(ahead, np.float32), weight)
            if not loop:
                # A loop's two ends, taken opposite ways, meet worse where the sky moves
                # faster: with perspective its middle frames lost sharpness at the top.
                steps = with_perspective(steps, small_sky, self.height / self.width, speed)
        forward = compose(smoothed(steps), speed)
        self.change = None if change is None else carried(change, smoothed(steps), speed,
                                                          EASE, loop)
        past = None
        if loop:
            # The loop's far end: the photo taken back along the same steps, latest first,
            # so that at every frame both ends of the mix move alike (no ghosting of two
            # unrelated motions), and its last frame is one step before the photo.
            ahead = -steps if ahead is None else np.asarray(ahead, np.float32)
            past = compose(smoothed(ahead)[::-1], speed)
        # New sky beside the photo, as far as the sky's motion fetches from there.
        left, right = reach(forward if past is None else np.concatenate([forward, past]),
                            moving_sky)
        self.forward, self.past = forward, past
        to_photo = self.width / resolution[0]
        held = sun if sun.any() else None
        self.canvas = SkyCanvas(self.photo, sky, *(math.ceil(side * to_photo) + 2
                                                   if side else 0 for side in (left, right)),
                                sun=held)
        clear = self.canvas.laid_out(clear_sky(
            self.canvas.image[:, self.canvas.offset:self.canvas.offset + self.width]))
        self._still_light = StillLight(self.canvas.image, self.canvas.offset, self.width, held,
                                       clear)
        self._swap = None
        if past is not None:
            middle = self.frames // 2
            travel = np.median(forward[middle, ..., 0] - past[self.frames - middle, ..., 0])
            self._swap = LoopSwap(self.canvas.image.shape[1], self.height, self.width,
                                  float(travel) * to_photo)
        # Laid over the photo by the sky's matte, as a change: each pixel is the photo plus
        # its share of sky (the matte) times how the moved canvas differs from the
        # canvas at rest, there (the photo, or behind the ground its fill). So frame 0 is
        # the photo, and at the edge only the sky's part of a pixel changes. Kept: the
        # ground to copy back, and the pixels to mix, with their matte and photo part.
        matte = sky_matte(self.photo, region) * (1 - sun)
        rest = self.canvas.rest
        mixed = ((matte > 0) & (matte < 1)) | ((matte == 1) & np.any(rest != self.photo, -1))
        self._ground = (matte == 0).astype(np.uint8)
        # Sky held as ground, near the sky's edge, in the share the matte leaves it.
        held = np.maximum(into_held(region, self.canvas.held) - matte, 0) * (sun == 0)
        self._held = np.flatnonzero(held)
        self._held_weight = held.ravel()[self._held]
        # Against what the canvas shows there at rest (its rim carried on, at the sides).
        at_rest = self.canvas.image[:, self.canvas.offset:self.canvas.offset + self.width]
        self._held_rest = _light_of(at_rest.reshape(-1, 3)[self._held])
        # The rows from the top down to the last that holds any sky: below them a frame is
        # the photo, and nothing there is sampled (a third of the example photo's rows).
        moving = ~self._ground.all(axis=1) | (held > 0).any(axis=1)
        self._rows = int(np.flatnonzero(moving).max(initial=-1)) + 1
        # Ground of the sky's colour beside it (sky held for its narrow gaps) takes the
        # light the sky around it takes; the held sun keeps its own.
        self._light = SkyLight(self.photo, rest, self._ground * (sun < 1) * (held == 0),
                               self.sky)
        self._edge = np.flatnonzero(mixed)
        self._edge_weight = matte.ravel()[self._edge][:, None]
        self._edge_still = (self.photo.reshape(-1, 3)[self._edge].astype(np.float32)
                            - self._edge_weight * rest.reshape(-1, 3)[self._edge])
        self._grid = pixel_grid(self.height, self.width) + np.float32([self.canvas.offset, 0])
        # The photo's rim, carried on in the canvas (`SkyCanvas.rim`), is shown as it is
        # until the sky there has moved by the rim's width: frame 0 stays the photo, and
        # no strip of the old rim is left at the frame's side.
        self._rim = np.flatnonzero((matte > 0) & np.any(at_rest != rest, -1))
        self._rim_change = (matte.ravel()[self._rim][:, None]
                            * (at_rest.reshape(-1, 3)[self._rim].astype(np.float32)
                               - rest.reshape(-1, 3)[self._rim]))
        self._where = np.empty_like(self._grid)   # where each pixel of a frame is fetched
        # The change's brightening and darkening parts at the photo's size, when there is one.
        self._change_parts = [np.empty_like(self.photo) for _ in range(2 * (change is not None))]

    @classmethod
    def from_video(cls, photo, video, speed=1.0, loop=False, source=None, sky_mask=None):
        """`photo` moved along the motion of `video`, the model's (T + 1) x R x R x 3 uint8
        video of it, for T frames: its dense optical flow. `source` and `sky_mask` as for
        the class."""
        video = np.asarray(video)
        if len(video) < 2:
            raise InputError(f"the model's video is too short to move along: {len(video)} "
                             f"frame(s), at least 2 needed")
        # From the model's frame 1 on: its step from frame 0, a redraw of the photo, is
        # about twice the others and would show as a jump at the start.
        moving = video[1:]
        ahead = consecutive_flows(moving, backward=False) if loop else None
        return cls(photo, consecutive_flows(moving), speed, loop, ahead, source=source,
                   sky_mask=sky_mask)

    def __len__(self):
        return self.frames

    @property
    def shape(self):
        """(frames, height, width, 3), as the array of all frames would have."""
        return (self.frames, self.height, self.width, 3)

    def _moved(self, displacement, change=None):
        """The canvas sampled along one model-size displacement map, laid over the photo
        by the sky's matte. OpenCV's calls, which use every core, into buffers
        kept from frame to frame: this runs once per frame on millions of pixels."""
        # Model pixels to photo pixels, fetched from the canvas: beside the photo, its
        # sky repeated; above and below it, mirrored.
        scale = np.array([self.width / displacement.shape[1],
                          self.height / displacement.shape[0]], np.float32)
        cv2.resize(displacement * scale, (self.width, self.height), dst=self._where,
                   interpolation=cv2.INTER_LINEAR)
        rows = self._rows
        moved = np.empty_like(self.photo)
        if rows:
            where = self._where[:rows]
            cv2.add(where, self._grid[:rows], dst=where)
            cv2.remap(self.canvas.image, where, None, cv2.INTER_LINEAR, dst=moved[:rows],
                      borderMode=cv2.BORDER_REFLECT_101)
            self._still_light.apply(moved, displacement, rows)
        if change is not None:
            apply_change(moved, change, *self._change_parts)
        # Laid over the photo by the matte: the ground copied back, the edge mixed, sky
        # held as ground given the light of its share of the change.
        pixels = moved.reshape(-1, 3)
        held = self._held_weight * (_light_of(pixels[self._held]) - self._held_rest)
        if rows:
            cv2.copyTo(self.photo[:rows], self._ground[:rows], dst=moved[:rows])
        moved[rows:] = self.photo[rows:]
        edge = pixels[self._edge]
        pixels[self._edge] = np.clip(np.rint(self._edge_still + self._edge_weight * edge),
                                     0, 255)
        pixels[self._held] = np.clip(np.rint(pixels[self._held] + held[:, None]), 0, 255)
        if len(self._rim):
            shift = (self._where.reshape(-1, 2)[self._rim, 0]
                     - self._grid.reshape(-1, 2)[self._rim, 0])
            still = np.clip(1 - np.abs(shift) / self.canvas.rim, 0, 1)[:, None]
            pixels[self._rim] = np.clip(np.rint(pixels[self._rim] - still * self._rim_change),
                                        0, 255)
        return self._light.lit(moved)

    def frame(self, t):
        """Frame t: H x W x 3 uint8."""
        moved = self._moved(self.forward[t], None if self.change is None else self.change[t])
        if self.past is None or t == 0:
            return moved
        # The swap would reach the far end, the photo itself, one frame after the last: the
        # step from the last frame to frame 0 is then one more step of the swap.
        before = self._moved(self.past[self.frames - t])
        phase = t / self.frames
        far = self._swap.far_weight_of(self.forward[t], self.canvas.offset,
                                       (self.width, self.height), phase)
        return sharp_mix(moved, before, far, coarse_weight=phase)

    def __iter__(self):
        return (self.frame(t) for t in range(self.frames))
