"""How a video's sky moves and changes, measured alike on real clips and on every method.

FVD and KVD say how far a method's videos are from the real ones, not in what way. These
figures say it, from dense optical flow (OpenCV's DIS, preset medium) between frames `LAG`
apart, at every `LAG`-th frame, at the scoring size, over the sky of the real clip's first
frame (`sky_mask`; the whole frame where it finds less than `MIN_SKY` of it):

- speed: the flow's length per frame, in pixels at the scoring size; a clip's median and
  90th percentile over its sky pixels and frame pairs.
- evolution: the share of the change between the two frames that the flow does not
  explain, sum |f(t+LAG) - f(t) moved along the flow| / sum |f(t+LAG) - f(t)|, over the
  sky pixels whose flow stays inside the frame (new sky coming in at an edge is no test of
  the flow). A slide scores near 0; clouds that form, thin out or change light score
  more; a cross-fade between two unrelated pictures near 1.
- perspective: mean speed in the top third of the sky over the mean speed in the third
  just above the horizon (thirds of each column's sky, from the top edge to its lowest sky
  pixel): clouds far away, near the horizon, cross fewer pixels per frame.
- light: the mean change of the sky's mean brightness (Rec. 601 luma, values in [0, 1])
  per frame.

Pooled over clips: speeds and light as the mean of the clips', evolution as the ratio of
the sums, perspective as the ratio of the mean speeds. Per clip, each figure too.
"""

import cv2
import numpy as np

from mdgan_tf.errors import InputError
from mdgan_tf.preprocessing.sky_mask import sky_mask

LAG = 4              # frames between the two frames of each measured pair
MIN_SKY = 0.05       # less sky than this share of the frame: measure the whole frame
FLOW_MIN_SIDE = 128  # smaller frames are enlarged to this for the flow (DIS's 8-pixel patches)


def sky_region(first_frame):
    """R x R x 3 uint8 -> R x R bool: where the sky is (see `sky_mask`)."""
    sky = sky_mask(np.ascontiguousarray(first_frame)) > 0.5
    return sky if sky.mean() >= MIN_SKY else np.ones_like(sky)


def flow_between(earlier, later):
    """Two H x W uint8 grey frames -> H x W x 2: for each pixel of `later`, where it was in
    `earlier`, in pixels of the frames."""
    height, width = earlier.shape
    scale = max(1, int(np.ceil(FLOW_MIN_SIDE / min(height, width))))
    if scale > 1:
        size = (width * scale, height * scale)
        earlier = cv2.resize(earlier, size, interpolation=cv2.INTER_CUBIC)
        later = cv2.resize(later, size, interpolation=cv2.INTER_CUBIC)
    flow = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM).calc(later, earlier, None)
    if scale > 1:
        flow = cv2.resize(flow, (width, height), interpolation=cv2.INTER_AREA) / scale
    return flow


def _thirds(sky):
    """The top third and the bottom third (just above the horizon) of each column's sky."""
    height = sky.shape[0]
    rows = np.arange(height)[:, None]
    lowest = np.where(sky, rows, -1).max(axis=0)            # the horizon, per column
    depth = (rows + 0.5) / np.maximum(lowest + 1, 1)[None]  # 0 at the top, 1 at the horizon
    return sky & (depth < 1 / 3), sky & (depth >= 2 / 3)


def clip_dynamics(video, sky):
    """One clip's figures: T x R x R x 3 uint8 (T > LAG) over the R x R bool `sky`."""
    video = np.asarray(video)
    frames = video.astype(np.float32) / 255.0
    grey = [cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2GRAY) for f in video]
    luma = frames @ np.array([0.299, 0.587, 0.114], np.float32)
    height, width = sky.shape
    x, y = np.meshgrid(np.arange(width, dtype=np.float32), np.arange(height, dtype=np.float32))
    top, bottom = _thirds(sky)
    speeds, unexplained, change, top_speed, bottom_speed, light = [], 0.0, 0.0, [], [], []
    for t in range(0, len(video) - LAG, LAG):
        flow = flow_between(grey[t], grey[t + LAG])
        speed = np.linalg.norm(flow, axis=-1) / LAG
        speeds.append(speed[sky])
        top_speed.append(speed[top])
        bottom_speed.append(speed[bottom])
        source_x, source_y = x + flow[..., 0], y + flow[..., 1]
        inside = sky & (source_x >= 0) & (source_x <= width - 1) & (source_y >= 0) & (
            source_y <= height - 1)
        moved = cv2.remap(frames[t], source_x, source_y, cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)
        unexplained += float(np.abs(frames[t + LAG] - moved).mean(axis=-1)[inside].sum())
        change += float(np.abs(frames[t + LAG] - frames[t]).mean(axis=-1)[inside].sum())
        light.append(abs(float(luma[t + LAG][sky].mean() - luma[t][sky].mean())) / LAG)
    if not speeds:
        raise InputError(f"dynamics need more than {LAG} frames, got {len(video)}")
    speeds = np.concatenate(speeds)
    return {"speed": float(np.median(speeds)), "speed_p90": float(np.percentile(speeds, 90)),
            "speed_mean": float(speeds.mean()), "unexplained": unexplained, "change": change,
            "evolution": unexplained / change if change > 0 else 0.0,
            "top_speed": _mean(top_speed), "bottom_speed": _mean(bottom_speed),
            "light": float(np.mean(light))}


def sky_heading(video, sky):
    """Which way a clip's sky moves, as the wind is asked for (`modeling.wind`): the mean
    over the `sky` of its motion between frames LAG apart (the flow, reversed), over the
    clip -> (degrees in the image, 0: left to right, 90: downwards; pixels a frame)."""
    video = np.asarray(video)
    grey = [cv2.cvtColor(np.ascontiguousarray(f), cv2.COLOR_RGB2GRAY) for f in video]
    motion = [-flow_between(grey[t], grey[t + LAG])[sky].mean(axis=0) / LAG
              for t in range(0, len(video) - LAG, LAG)]
    if not motion:
        raise InputError(f"a heading needs more than {LAG} frames, got {len(video)}")
    dx, dy = np.mean(motion, axis=0)
    return float(np.degrees(np.arctan2(dy, dx))), float(np.hypot(dx, dy))


def _mean(parts):
    values = np.concatenate(parts)
    return float(values.mean()) if values.size else 0.0


def pooled(clips):
    """The figures of a method over its clips (a list of `clip_dynamics` results)."""
    if not clips:
        return {}
    def mean(key):
        return float(np.mean([clip[key] for clip in clips]))
    change = sum(clip["change"] for clip in clips)
    bottom = mean("bottom_speed")
    return {"speed": mean("speed"), "speed_p90": mean("speed_p90"),
            "evolution": sum(clip["unexplained"] for clip in clips) / change if change else 0.0,
            "perspective": mean("top_speed") / bottom if bottom > 0 else None,
            "light": mean("light"), "clips": len(clips)}
