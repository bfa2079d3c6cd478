"""The photo at its own size, moved along the model's motion.

MD-GAN draws its videos at 64x64 or 128x128: upsampled, they are a blur of the photo.
Flow-based animators (Endo et al., 2019; Holynski et al., 2021) keep the photo's pixels and
move them instead. MD-GAN's videos carry a motion, so the same step applies to them:

1. the motion: a G1 that moves the photo (`base_output="warp"`) gives its velocities
   exactly (`MDGAN.motion`), and they are made one steady drift along the horizon over
   the photo's sky (`sky_drift`); a painting G1's video is read with dense optical flow between
   consecutive frames (OpenCV's DIS);
2. held at zero outside the photo's sky (`sky_mask`): the model moves the ground of a
   real photo about half as much as its sky, so its motion alone cannot keep the ground
   still;
3. composed into one displacement map per frame, back to frame 0, the photo;
4. held at zero where it would fetch the ground into the sky, resized to the photo's
   size, held at zero on the photo's ground, and the photo sampled once per frame: never
   a sampled frame again, so nothing blurs as time passes.

The sky is one continuous warp of the photo, faded to nothing at the ground, rather than
a layer moved behind it: moved as a layer, every error of the sky mask (a tree, the
inside of a tower block, the edge of a dark cloud taken for ground) tore the picture
(docs/generating.md).

Frames are made one at a time (`PhotoAnimation` is an iterable), so a long video of a
large photo streams into the encoder without ever sitting whole in memory.
"""

import cv2
import numpy as np

from mdgan_tf.inference.formats import check_video_memory
from mdgan_tf.inference.sky_mask import sky_mask

# The motion eases in over the first EASE frames (and, in a loop, out over the last): the
# photo is exact and every moved frame is resampled, a little softer, so a full step at
# once would show the softening as a jump of its own, about twice an ordinary step.
EASE = 8
# DIS matches 8-pixel patches; on a 64x64 frame that is an eighth of the picture, so the
# frames are enlarged first and the flow scaled back.
FLOW_UPSCALE = 4
# The grid a slide's steps are given on (any size would do: they are one number).
SLIDE_RESOLUTION = 128


def consecutive_flows(video, backward=True):
    """T x R x R x 3 uint8 -> (T-1) x R x R x 2 float32 flows, in pixels of the video.

    `backward`: step t-1 says, for each pixel of frame t, where it was in frame t-1 (what a
    forward animation composes); otherwise, where each pixel of frame t-1 goes in frame t.
    """
    video = np.asarray(video)
    height, width = video.shape[1:3]
    size = (width * FLOW_UPSCALE, height * FLOW_UPSCALE)
    gray = [cv2.resize(cv2.cvtColor(np.ascontiguousarray(frame), cv2.COLOR_RGB2GRAY), size,
                       interpolation=cv2.INTER_CUBIC) for frame in video]
    dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
    flows = []
    for t in range(1, len(gray)):
        moved, reference = (gray[t], gray[t - 1]) if backward else (gray[t - 1], gray[t])
        flow = dis.calc(moved, reference, None)
        flows.append(cv2.resize(flow, (width, height), interpolation=cv2.INTER_AREA)
                     / FLOW_UPSCALE)
    return np.stack(flows).astype(np.float32) if flows else np.zeros((0, height, width, 2),
                                                                      np.float32)


def smoothed(flows):
    """Flows filtered over neighbouring steps: a median of three, which drops a lone
    outlier (the model's last step of a clip is about twice the others, and so is the step
    where chained clips meet), then weights 1/4, 1/2, 1/4 (its flow alternates between
    larger and smaller steps, a flicker the photo need not copy)."""
    if len(flows) < 3:
        return flows
    padded = np.concatenate([flows[:1], flows, flows[-1:]])
    flows = np.median(np.stack([padded[:-2], padded[1:-1], padded[2:]]), axis=0)
    padded = np.concatenate([flows[:1], flows, flows[-1:]])
    return 0.25 * padded[:-2] + 0.5 * padded[1:-1] + 0.25 * padded[2:]


def _grid(height, width):
    x, y = np.meshgrid(np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32))
    return np.stack([x, y], axis=-1)


def compose(steps, speed=1.0):
    """(T-1) x R x R x 2 steps -> T x R x R x 2 displacements back to frame 0:
    D_0 = 0 and D_t(p) = s f(p) + D_{t-1}(p + s f(p)) for step f = steps[t-1], s = `speed`.
    Pixel p of frame t shows what frame 0 has at p + D_t(p). The first EASE of them are
    scaled down, by a smoothstep from 0 to 1."""
    height, width = steps.shape[1:3]
    grid = _grid(height, width)
    displacement = np.zeros((height, width, 2), np.float32)
    out = [displacement]
    for step in steps:
        step = speed * step
        earlier = cv2.remap(displacement, grid + step, None, cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_REPLICATE)
        displacement = step + earlier
        out.append(displacement)
    x = np.minimum(np.arange(len(out), dtype=np.float32) / EASE, 1.0)
    ease = x * x * (3 - 2 * x)   # smoothstep: no kink where it reaches 1
    return np.stack(out) * ease[:, None, None, None]


def sky_drift(steps, weight):
    """One steady drift along the horizon for every step: the median over the steps of each
    one's mean over the sky (`weight`, 1 x R x R x 1 in [0, 1]), its vertical part left
    out.

    - Steady in space: a moving G1's velocities vary across its frame (fast at the top,
      still at the horizon, as perspective has it); summed over 31 frames, that variation
      drew the example photo's round clouds out into diagonal streaks, which a drift
      cannot do.
    - Steady in time: on 1,000 held-out synthetic clips G1 slowed to a fifth of its speed
      over its last three steps, which chained clips would show as a stop every 31 frames.
    - Along the horizon: a warp cannot bring sky up from behind the ground. Lifted (as
      G1's drift is, up and to the right), the sky above a roof or hill fetches the ground,
      is held still there, and leaves a band of smear that grows with every frame; moved
      down, the same holds for a loop's far end, which runs backwards."""
    total = max(float(weight.sum()), 1e-6)
    means = (steps * weight).sum(axis=(1, 2)) / total
    drift = np.median(means, axis=0) if len(means) else np.zeros(2, np.float32)
    drift = np.array([drift[0], 0.0], np.float32)
    return np.broadcast_to(drift, steps.shape).astype(np.float32)


def kept_in_sky(displacements, sky):
    """T x R x R x 2 displacements held at zero where they would fetch the ground into the
    sky (`sky`, R x R in [0, 1]): each is scaled by the sky's value at its source."""
    grid = _grid(*sky.shape)
    held = [d * cv2.remap(sky, grid + d, None, cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REFLECT_101)[..., None] for d in displacements]
    return np.stack(held)


def fit_within(photo, max_side):
    """The photo shrunk (area-averaged) so its longer side is at most `max_side`."""
    height, width = photo.shape[:2]
    scale = max_side / max(height, width)
    if scale >= 1:
        return photo
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return cv2.resize(photo, size, interpolation=cv2.INTER_AREA)


def slide(photo, frames, speed, loop=False):
    """The photo's sky slid sideways as one piece at a constant speed, with no model: the
    row of an evaluation that shows what a model adds to this rendering.

    `photo`: H x W x 3 uint8. `frames`: the length. `speed`: percent of the photo's width
    per frame, to the right (negative: to the left). Rendered as every model's motion is
    (`PhotoAnimation`: the sky mask, the ease-in, the mirrored edge; `loop` as there).
    """
    if isinstance(frames, bool) or not float(frames).is_integer() or frames < 1:
        raise ValueError(f"frames must be a whole number of at least 1, got {frames!r}")
    # Its motion is held whole: each frame's displacement map and its copy kept in the
    # sky, twice over for a loop, float32 x and y.
    maps = frames * SLIDE_RESOLUTION ** 2 * 2 * 4 * 2 * (2 if loop else 1)
    check_video_memory(f"a slide of {int(frames):,} frames", maps / 2 ** 20)
    step = np.array([-speed / 100 * SLIDE_RESOLUTION, 0.0], np.float32)
    steps = np.broadcast_to(step, (int(frames) - 1, SLIDE_RESOLUTION, SLIDE_RESOLUTION, 2))
    return PhotoAnimation(photo, steps, loop=loop)


class PhotoAnimation:
    """The frames of `photo` moved along a motion at the model's resolution, made one at a
    time.

    `photo`: H x W x 3 uint8 at the size wanted. `steps`: (T - 1) x R x R x 2 float32, for
    T frames: the step of each frame from the one before, as `consecutive_flows` gives
    them (backward), in pixels of the R x R frame. `speed` scales the motion. `loop`: the
    last frame flows into the first (a cross-fade of the animation with one that ends at
    the photo), taken back along `ahead`, the same steps forwards (by default `-steps`,
    exact for a drift). `drift`: the steps made one steady drift over the sky (see
    `sky_drift`). `from_video` reads the steps off a video.
    """

    def __init__(self, photo, steps, speed=1.0, loop=False, ahead=None, drift=False):
        self.photo = np.ascontiguousarray(photo)
        steps = np.asarray(steps, np.float32)
        if steps.ndim != 4 or steps.shape[-1] != 2:
            raise ValueError(f"steps must be (frames - 1) x R x R x 2 (x, y), got shape "
                             f"{steps.shape}; to move the photo along a video, use "
                             f"PhotoAnimation.from_video")
        self.frames = len(steps) + 1
        self.height, self.width = self.photo.shape[:2]
        self.sky = sky_mask(self.photo)
        resolution = steps.shape[2], steps.shape[1]
        small_sky = cv2.resize(self.sky, resolution, interpolation=cv2.INTER_AREA)
        weight = small_sky[None, ..., None]
        if drift:
            steps = sky_drift(steps, weight)
            ahead = None if ahead is None else sky_drift(np.asarray(ahead, np.float32), weight)
        self.forward = kept_in_sky(compose(smoothed(steps) * weight, speed), small_sky)
        self.past = None
        if loop:
            # The loop's far end: the photo taken back along the same steps, latest first,
            # so that at every frame both ends of the cross-fade move alike (no ghosting
            # of two unrelated motions), and its last frame is one step before the photo.
            ahead = -steps if ahead is None else np.asarray(ahead, np.float32)
            self.past = kept_in_sky(compose(smoothed(ahead)[::-1] * weight, speed), small_sky)
        self._grid = _grid(self.height, self.width)
        self._sky2 = cv2.merge([self.sky, self.sky])
        self._where = np.empty_like(self._grid)   # where each pixel of a frame is fetched

    @classmethod
    def from_video(cls, photo, video, speed=1.0, loop=False):
        """`photo` moved along the motion of `video`, the model's (T + 1) x R x R x 3 uint8
        video of it, for T frames: its dense optical flow."""
        video = np.asarray(video)
        if len(video) < 2:
            raise ValueError(f"the model's video is too short to move along: {len(video)} "
                             f"frame(s), at least 2 needed")
        # From the model's frame 1 on: its step from frame 0, a redraw of the photo, is
        # about twice the others and would show as a jump at the start.
        moving = video[1:]
        ahead = consecutive_flows(moving, backward=False) if loop else None
        return cls(photo, consecutive_flows(moving), speed, loop, ahead)

    def __len__(self):
        return self.frames

    @property
    def shape(self):
        """(frames, height, width, 3), as the array of all frames would have."""
        return (self.frames, self.height, self.width, 3)

    def _moved(self, displacement):
        """The photo sampled along one model-size displacement map, held at zero on the
        ground at the photo's size. OpenCV's calls, which use every core, into buffers
        kept from frame to frame: this runs once per frame on millions of pixels."""
        # Model pixels to photo pixels; outside the photo it is mirrored, so clouds
        # drifting in from an edge continue the sky there.
        scale = np.array([self.width / displacement.shape[1],
                          self.height / displacement.shape[0]], np.float32)
        cv2.resize(displacement * scale, (self.width, self.height), dst=self._where,
                   interpolation=cv2.INTER_LINEAR)
        cv2.multiply(self._where, self._sky2, dst=self._where)
        cv2.add(self._where, self._grid, dst=self._where)
        return cv2.remap(self.photo, self._where, None, cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REFLECT_101)

    def frame(self, t):
        """Frame t: H x W x 3 uint8."""
        moved = self._moved(self.forward[t])
        if self.past is None or t == 0:
            return moved
        # The fade would reach the far end, the photo itself, one frame after the last: the
        # step from the last frame to frame 0 is then one more step of the cross-fade.
        before = self._moved(self.past[self.frames - t])
        fade = t / self.frames
        return cv2.addWeighted(moved, 1.0 - fade, before, fade, 0.0)

    def __iter__(self):
        return (self.frame(t) for t in range(self.frames))
