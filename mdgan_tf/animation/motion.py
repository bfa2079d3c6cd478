"""The model's motion, read for the photo: the steps between its frames, smoothed, or for a
G1 that moves the photo, one steady drift under perspective.

A painting G1's video is read with dense optical flow between consecutive frames
(OpenCV's DIS); a moving G1's velocities are exact (`PhotoAnimator.motion`) and made one
steady drift along the horizon over the photo's sky (`sky_drift`), faster high in the sky
than near the horizon (`with_perspective`).
"""

import cv2
import numpy as np

# DIS matches 8-pixel patches; on a 64x64 frame that is an eighth of the picture, so the
# frames are enlarged first and the flow scaled back.
FLOW_UPSCALE = 4
# A drift under perspective: just above the horizon, FLOOR of its speed at the top of the
# frame; a vertical line in the sky leans by at most MOST_TILT degrees by the last frame.
FLOOR = 0.25
MOST_TILT = 15.0


def pixel_grid(height, width):
    """H x W x 2 float32: each pixel's own (x, y), to which a displacement is added for
    `cv2.remap`."""
    x, y = np.meshgrid(np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32))
    return np.stack([x, y], axis=-1)


def canvas_points(displacement, size, offset=0):
    """R x R x 2 float32: the (x, y) of a canvas that each pixel of an R x R grid over a
    picture fetches from, the picture `size` (W, H) at column `offset` of the canvas and
    moved along `displacement` (R x R x 2, in pixels of the grid): each grid pixel's
    centre, moved, in the picture's pixels."""
    rows, columns = displacement.shape[:2]
    scale = np.array([size[0] / columns, size[1] / rows], np.float32)
    where = (pixel_grid(rows, columns) + 0.5 + displacement) * scale - 0.5
    where[..., 0] += offset
    return where


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


def followed(displacement, step, grid):
    """R x R x 2: where a pixel lands that first steps by `step` (R x R x 2) and then is
    displaced as `displacement` says there: step(p) + displacement(p + step(p)). `grid`:
    `pixel_grid` of the frame."""
    return step + cv2.remap(np.ascontiguousarray(displacement), grid + step, None,
                            cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def refined(displacements, moves):
    """Stage II's displacements back to the photo: T x R x R x 2 each, `displacements`
    where G1's frame t samples the photo (its velocities summed over frames 1..t) and
    `moves` where G2's frame t samples G1's (`MDGANBackbone.refine_motion`). G2's frame t
    shows the photo at p + M_t(p) + D_t(p + M_t(p))."""
    grid = pixel_grid(*displacements.shape[1:3])
    return np.stack([followed(shown, move, grid)
                     for shown, move in zip(np.asarray(displacements, np.float32),
                                            np.asarray(moves, np.float32))])


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


def sky_drift(steps, weight, heading=None, full_speed=False):
    """One steady drift along the horizon for every step: the median over the steps of each
    one's mean over the sky (`weight`, 1 x R x R x 1 in [0, 1]), its vertical part left
    out.

    - Steady in space: summed over many frames, a moving G1's velocities, which vary across
      its frame, draw round clouds out into streaks.
    - Steady in time: G1 slows over the last steps of its clip, which chained clips would
      show as a stop at every join.
    - Along the horizon: a warp cannot bring sky up from behind the ground; lifted, the sky
      above a roof fetches the ground and leaves a growing smear.

    `heading` (degrees, the wind a G1 was told): the drift's speed over the sky, turned to
    that heading, then its part along the horizon. A told G1's mean drift over its whole
    frame is the heading (`modeling.warp.steered`), but over the sky alone it can differ
    (the photo's sky moved 160-180 degrees from the told way on two photos).

    `full_speed`, told nothing: the drift's whole speed along the horizon, the way its
    horizontal part goes, for a G1 that can be told the wind, whose own choice may point
    up or down (the shipped wind model's points about 67 degrees off the horizon, and its part
    along the horizon moved the real clips' skies at half their speed).

    What each of these was seen to do is in docs/generating.md."""
    total = max(float(weight.sum()), 1e-6)
    means = (steps * weight).sum(axis=(1, 2)) / total
    drift = np.median(means, axis=0) if len(means) else np.zeros(2, np.float32)
    if heading is None:
        along = float(np.copysign(np.hypot(*drift), drift[0])) if full_speed else drift[0]
    else:   # the steps say where each frame samples: the sky moves the other way
        along = -float(np.hypot(*drift)) * np.cos(np.radians(heading))
    drift = np.array([along, 0.0], np.float32)
    return np.broadcast_to(drift, steps.shape).astype(np.float32)


def with_perspective(drift, sky, aspect=1.0, speed=1.0):
    """Steady drift steps ((T-1) x R x R x 2, from `sky_drift`) made faster high in the
    sky and slower near the horizon, their mean over the sky (`sky`, R x R in [0, 1])
    kept. `aspect`: the photo's height over its width; `speed`: what the steps will be
    scaled by.

    Clouds on one layer cross the frame faster the higher above the horizon they are seen,
    in proportion to that height (a plane's image under perspective); the real clips'
    clouds in the top third of their sky move 2 to 3 times as fast as those just above
    the horizon. Here the speed falls from the top row to FLOOR of it at the horizon (the
    median over the columns that show sky of each one's lowest sky row): the lowest sky a
    photo shows is seldom the true horizon. A picture that does not change otherwise is
    sheared by it without end (summed over 128 frames, into horizontal streaks), so the
    rows' speeds are drawn together until a vertical line in the sky leans by at most
    MOST_TILT degrees at the end: a short video gets the whole profile, a long one less."""
    rows = sky.shape[0]
    seen = sky > 0.5
    columns = seen.any(axis=0)
    if not columns.any() or not len(drift):
        return drift
    horizon = float(np.median(rows - np.argmax(seen[::-1], axis=0)[columns]))
    height = np.clip((horizon - np.arange(rows) - 0.5) / horizon, 0.0, 1.0)
    profile = FLOOR + (1 - FLOOR) * height
    profile /= float((sky * profile[:, None]).sum() / max(float(sky.sum()), 1e-6))
    # How far the top of the sky gets ahead of the horizon over the video, in pixels.
    travel = abs(float(drift[:, 0, 0, 0].sum())) * speed
    shear = travel * float(profile.max() - profile.min())
    allowed = np.tan(np.radians(MOST_TILT)) * horizon * aspect
    strength = 1.0 if shear <= allowed else allowed / shear
    factor = 1 + strength * (profile - 1)
    return (drift * factor[None, :, None, None]).astype(np.float32)
