"""The model's motion, read for the photo: the steps between its frames, smoothed, or for a
G1 that moves the photo, one steady drift.

A painting G1's video is read with dense optical flow between consecutive frames
(OpenCV's DIS); a moving G1's velocities are exact (`PhotoAnimator.motion`) and made one
steady drift along the horizon over the photo's sky (`sky_drift`).
"""

import cv2
import numpy as np

# DIS matches 8-pixel patches; on a 64x64 frame that is an eighth of the picture, so the
# frames are enlarged first and the flow scaled back.
FLOW_UPSCALE = 4


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


def sky_drift(steps, weight):
    """One steady drift along the horizon for every step: the median over the steps of each
    one's mean over the sky (`weight`, 1 x R x R x 1 in [0, 1]), its vertical part left
    out.

    - Steady in space: summed over many frames, a moving G1's velocities, which vary across
      its frame, draw round clouds out into streaks.
    - Steady in time: G1 slows over the last steps of its clip, which chained clips would
      show as a stop at every join.
    - Along the horizon: a warp cannot bring sky up from behind the ground; lifted, the sky
      above a roof fetches the ground and leaves a growing smear.

    What each of these was seen to do is in docs/generating.md."""
    total = max(float(weight.sum()), 1e-6)
    means = (steps * weight).sum(axis=(1, 2)) / total
    drift = np.median(means, axis=0) if len(means) else np.zeros(2, np.float32)
    drift = np.array([drift[0], 0.0], np.float32)
    return np.broadcast_to(drift, steps.shape).astype(np.float32)
