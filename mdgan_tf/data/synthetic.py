"""Procedural sky time-lapses, so training and tests work offline with data we make ourselves.

A video is a scene drawn from (seed, video number): a palette (day, sunset, night), clouds
from multi-octave value noise that drift with a wind and slowly change shape, stars that
turn about a pole at night, and a foreground silhouette (hills, trees or buildings) that
never moves. Its clips are consecutive T-frame runs of one continuous video, and each clip
is rendered on its own (random access), deterministically.

Noise is evaluated per frame as `Wy @ L @ Wx.T`: bilinear interpolation (with a smooth fade)
of a random lattice `L` at a regular, shifted pixel grid is separable, so a frame of one
octave costs two small matrix products instead of a per-pixel hash.
"""

import dataclasses

import numpy as np
import tensorflow as tf

from mdgan_tf.errors import InputError
from mdgan_tf.data.source import Clip, ClipSource

PALETTES = {
    # zenith, horizon, lit cloud, shaded cloud, ground (RGB in 0..1)
    "day": ((0.16, 0.38, 0.78), (0.62, 0.78, 0.93), (0.98, 0.98, 0.99), (0.62, 0.66, 0.74),
            (0.10, 0.16, 0.10)),
    "sunset": ((0.18, 0.20, 0.45), (0.98, 0.58, 0.28), (1.00, 0.76, 0.56), (0.42, 0.27, 0.36),
               (0.07, 0.05, 0.07)),
    "night": ((0.01, 0.02, 0.08), (0.07, 0.11, 0.24), (0.30, 0.32, 0.40), (0.10, 0.11, 0.16),
              (0.02, 0.02, 0.03)),
}
FOREGROUNDS = ("hills", "trees", "buildings")
# The foreground always covers the bottom rows from this fraction of the height down, and
# never reaches above SKY_TOP: a model sees both in every clip.
GROUND_FROM = 0.8
SKY_TOP = 0.4
_OCTAVES = 5
VERSIONS = (1, 2, 3)   # of the generator (`sky_scene`); 2 is the default
# Version 3: the wind at the top of the frame (widths a frame, log-uniform) and how far
# below the horizon the cloud plane's vanishing line lies (see `_CloudPlane`), chosen so
# that held-out clips move as the long real clips do (`examples/synthetic_vs_real.py`).
V3_SPEEDS = (0.0025, 0.022)
V3_PERSPECTIVE = (0.4, 1.0)
V3_MORPH = 1.6    # version 2's change of shape, times this
# With a heading, the winds blow within this many degrees of it, instead of any way.
HEADING_SPREAD = 30.0


@dataclasses.dataclass(frozen=True)
class SkyScene:
    """What varies between videos. Lengths are in image widths, times in frames."""

    palette: str
    wind: tuple[float, float]      # drift per frame (x, y) of the coarsest cloud octave
    veer: float                    # turn of the drift's direction per finer octave, radians
    cover: float                   # fraction of the sky under cloud, roughly
    cloud_scale: float             # cycles of the coarsest noise octave per image width
    morph: float                   # lattice steps per frame along the noise's time axis
    foreground: str
    horizon: float                 # mean height of the ground line, as a fraction of the height
    sun: float                     # where the sun sets (x), for sunsets
    pole: tuple[float, float]      # the stars' centre of rotation (x, y)
    spin: float                    # star rotation, radians per frame
    tint: tuple[float, float, float]
    light: tuple[float, float, float]  # the sky's slow change of light: depth, period, phase
    # Version 3. The clouds lie on a plane seen in perspective, its vanishing line
    # `perspective` x the horizon's height (from the top) below the horizon (0: a flat
    # sky, as before; see `_CloudPlane`). Clouds form and thin: the cover changes by up
    # to `forming[0]` (density units), a step of a coarse noise carried with the wind
    # every `forming[1]` frames.
    perspective: float = 0.0
    forming: tuple[float, float] = (0.0, 1.0)


def sky_scene(seed, video, version=2, heading=None):
    """The scene of video `video` of the synthetic data set with seed `seed`.

    Version 2 (the default) moves like the real Sky Timelapse clips measured by
    `examples/sky_motion_stats.py`: slower with a longer tail of fast skies (log-uniform
    wind), less rigid (cloud octaves drift in turned directions) and with a slow change of
    light. Version 1 is the data the 64x64 model was trained on, kept draw for draw.
    Version 3 (issue 36) makes version 2's scenes, draw for draw, with the clouds on a
    plane seen in perspective (faster and larger high in the frame, smaller and slower
    near the horizon), clouds that form and thin, and faster change of shape. Measured
    as the long real clips are (`examples/synthetic_vs_real.py`, docs/data.md), its
    perspective is 1.05 times theirs where version 2's was 0.68 times; speed, evolution
    and light are within 15% of theirs in both.

    `heading` (degrees in the image, 0: left to right, 90: downwards; None: any way) turns
    every wind to within HEADING_SPREAD of it, with the same draws. From one photo a
    generator cannot tell which way clouds will go, and the losses that compare its video
    with the real one are then least for a sky that does not move; skies that all drift
    one way take that doubt away.
    """
    _check_version(version)
    rng = np.random.default_rng([seed, video, 0])
    angle = rng.uniform(0, 2 * np.pi)
    if heading is not None:
        angle = np.radians(heading + HEADING_SPREAD * (angle / np.pi - 1))
    # Version 3's speed is the top of the frame's, which perspective leaves whole: faster
    # than version 2's, the same draw.
    slowest, fastest = (0.002, 0.016) if version == 2 else V3_SPEEDS
    speed = (rng.uniform(0.004, 0.015) if version == 1
             else np.exp(rng.uniform(np.log(slowest), np.log(fastest))))
    scene = dict(
        palette=str(rng.choice(list(PALETTES))),
        wind=(float(speed * np.cos(angle)), float(0.5 * speed * np.sin(angle))),
        cover=float(rng.uniform(0.25, 0.75)),
        cloud_scale=float(rng.uniform(1.5, 3.5)),
        morph=float(rng.uniform(0.01, 0.04) if version == 1 else rng.uniform(0.008, 0.03)),
        foreground=str(rng.choice(FOREGROUNDS)),
        horizon=float(rng.uniform(0.66, 0.74)),
        sun=float(rng.uniform(0.15, 0.85)),
        pole=(float(rng.uniform(0.2, 0.8)), float(rng.uniform(-0.3, 0.1))),
        spin=float(rng.choice([-1, 1]) * rng.uniform(0.004, 0.010)),
        tint=tuple(float(v) for v in rng.uniform(0.92, 1.08, 3)),
    )
    if version == 1:
        return SkyScene(**scene, veer=0.0, light=(0.0, 1.0, 0.0))
    scene.update(veer=float(rng.uniform(-0.8, 0.8)),
                 light=(float(rng.uniform(0.05, 0.25)), float(rng.uniform(60, 200)),
                        float(rng.uniform(0, 2 * np.pi))))
    if version == 2:
        return SkyScene(**scene)
    # Version 3 draws after version 2's, so a scene's other choices stay as they were. Its
    # clouds change shape faster (real clouds leave half their change unexplained by
    # motion), from the same draw.
    scene["morph"] *= V3_MORPH
    return SkyScene(**scene, perspective=float(rng.uniform(*V3_PERSPECTIVE)),
                    forming=(float(rng.uniform(0.06, 0.16)), float(rng.uniform(24, 64))))


def row_speeds(scene, size):
    """How fast `scene`'s coarsest clouds cross each row of a frame of `size` (side, or
    (height, width)), in widths per frame: its wind's length, slowed row by row by
    perspective (`_CloudPlane`; the drift's downward part is foreshortened further, which
    this leaves out). H float."""
    height, width = (size, size) if np.isscalar(size) else size
    speed = float(np.hypot(*scene.wind))
    if scene.perspective <= 0:
        return np.full(height, speed)
    return speed / _CloudPlane(scene, scene.horizon * height / width, height, width).stretch


def _check_version(version):
    if version not in VERSIONS:
        raise InputError(f"synthetic sky version must be 1, 2 or 3, got {version!r}")


def render_clip(seed, video, clip, frames, size, clips_per_video, version=2, heading=None):
    """Clip `clip` of synthetic video `video`: frames x H x W x 3 uint8.

    `size` is the side of a square frame or (height, width). `clips_per_video` fixes the
    length of the continuous video the clip is cut from (its noise lattice spans it).
    `version` and `heading` are the generator's (`sky_scene`).
    """
    height, width = (size, size) if np.isscalar(size) else size
    scene = sky_scene(seed, video, version, heading)
    zenith, horizon, lit, shade, ground = (np.array(c) * scene.tint for c in PALETTES[scene.palette])
    times = np.arange(clip * frames, (clip + 1) * frames, dtype=np.float64)
    rows = (np.arange(height) + 0.5)[:, None] / width      # image widths from the top
    cols = (np.arange(width) + 0.5)[None, :] / width
    horizon_row = scene.horizon * height / width

    mix = np.clip(rows / horizon_row, 0.0, 1.0) ** 0.8
    sky = zenith * (1 - mix[..., None]) + horizon * mix[..., None]   # H x 1 x 3
    sky = np.broadcast_to(sky, (height, width, 3))
    if scene.palette == "sunset":
        glow = np.exp(-((cols - scene.sun) ** 2 + (rows - horizon_row) ** 2) / 0.03)
        sky = sky + glow[..., None] * np.array([0.6, 0.35, 0.1])
    sky = np.broadcast_to(sky, (frames, height, width, 3)).copy()
    if scene.palette == "night":
        sky += _stars(seed, video, scene, times, height, width)[..., None] * 0.9

    rng = np.random.default_rng([seed, video, 1])
    video_frames = clips_per_video * frames
    plane = _CloudPlane(scene, horizon_row, height, width) if scene.perspective > 0 else None
    if plane is not None:
        density = plane.fbm(rng, times, video_frames)
    else:
        density = _fbm(rng, scene, times, height, width, video_frames)
    # The noise sum is roughly normal around 0.5 with a spread of about 0.1: this maps the
    # cover fraction to a density threshold.
    threshold = 0.5 + 0.35 * (0.5 - scene.cover)
    if plane is not None and scene.forming[0] > 0:
        # Where the coarse noise rises, cloud forms; where it falls, cloud thins.
        forming = plane.forming(np.random.default_rng([seed, video, 4]), times, video_frames)
        threshold = threshold - scene.forming[0] * (2 * forming - 1)
    alpha = _smoothstep(threshold - 0.05, threshold + 0.15, density)[..., None]
    core = _smoothstep(threshold + 0.05, threshold + 0.45, density)[..., None]
    cloud = lit * (1 - core) + shade * core
    depth, period, phase = scene.light
    light = 1 + depth * np.sin(2 * np.pi * times / period + phase)
    frames_rgb = (sky * (1 - alpha) + cloud * alpha) * light[:, None, None, None]

    mask, texture = _foreground(np.random.default_rng([seed, video, 2]), scene, height, width)
    land = ground * texture[..., None]
    if scene.foreground == "buildings" and scene.palette != "day":
        land = np.where(_windows(rng, mask, height, width)[..., None], (0.9, 0.75, 0.35), land)
    frames_rgb = np.where(mask[None, ..., None], land, frames_rgb)
    return np.round(np.clip(frames_rgb, 0.0, 1.0) * 255).astype(np.uint8)


def foreground_mask(seed, video, size):
    """Where video `video`'s foreground is (H x W bool): those pixels never change."""
    height, width = (size, size) if np.isscalar(size) else size
    scene = sky_scene(seed, video)
    return _foreground(np.random.default_rng([seed, video, 2]), scene, height, width)[0]


def _smoothstep(low, high, x):
    t = np.clip((x - low) / (high - low), 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _fade(t):
    return t * t * t * (t * (6 * t - 15) + 10)


def _interpolation_matrix(positions, size):
    """positions (F x N) in lattice units -> F x N x size weights of the two nearest points."""
    base = np.floor(positions).astype(np.int64)
    weight = _fade(positions - base)
    matrix = np.zeros(positions.shape + (size,))
    np.put_along_axis(matrix, base[..., None], (1 - weight)[..., None], axis=-1)
    np.put_along_axis(matrix, base[..., None] + 1, weight[..., None], axis=-1)
    return matrix


def _octaves(scene):
    """(octave, frequency in lattice steps per width, drift per frame (x, y), change in
    lattice steps per frame) of each cloud octave. Each drifts a little faster than the
    one below, in a direction turned by `veer` (upper cloud layers), and changes shape
    faster."""
    for octave in range(_OCTAVES):
        turn = scene.veer * octave
        rotation = np.array([[np.cos(turn), -np.sin(turn)], [np.sin(turn), np.cos(turn)]])
        yield (octave, scene.cloud_scale * 2 ** octave,
               rotation @ np.array(scene.wind) * (1 + 0.15 * octave),
               scene.morph * (1 + 0.5 * octave))


def _fbm(rng, scene, times, height, width, video_frames):
    """Cloud density in [0, 1] for each frame: F x H x W, octaves of drifting value noise.

    The lattice of each octave spans everything the clouds cross during the whole video,
    so every clip of the video samples the same noise.
    """
    total = np.zeros((len(times), height, width))
    norm = 0.0
    extent = np.array([1.0, height / width])                  # the frame, in widths
    for octave, frequency, drift, change in _octaves(scene):
        origin = -np.maximum(drift, 0.0) * video_frames
        size_x, size_y = np.ceil((extent + np.abs(drift) * video_frames) * frequency).astype(int) + 2
        x = ((np.arange(width) + 0.5) / width - drift[0] * times[:, None] - origin[0]) * frequency
        y = ((np.arange(height) + 0.5) / width - drift[1] * times[:, None] - origin[1]) * frequency
        lattice = rng.random((int(np.ceil(video_frames * change)) + 2, size_y, size_x))
        z = times * change
        z0 = np.floor(z).astype(np.int64)
        fz = _fade(z - z0)[:, None, None]
        slices = lattice[z0] * (1 - fz) + lattice[z0 + 1] * fz    # F x Ly x Lx
        wy = _interpolation_matrix(y, size_y)                      # F x H x Ly
        wx = _interpolation_matrix(x, size_x)                      # F x W x Lx
        amplitude = 0.5 ** octave
        total += amplitude * (wy @ slices @ wx.transpose(0, 2, 1))
        norm += amplitude
    return total / norm


class _CloudPlane:
    """Version 3's clouds: value noise on a horizontal plane seen in perspective, so that
    clouds far off, near the horizon, are smaller, flatter and slower, as in the real
    clips (their top third of the sky moves 2.3 to 3.1 times as fast as the third above
    the horizon).

    Screen row y (in widths from the top) above the horizon h sees the plane at distance
    proportional to 1 / (h - y + c), c = `perspective` x h: its stretch across is
    s(y) = (h + c) / (h - y + c) and its depth coordinate g(y) = (h + c) s(y) - (h + c),
    both 1 (and 0) at the top of the frame, where the plane's units are the screen's. A
    drift of the plane by w moves row y by w / s(y): the top a fifth to a half faster
    than the rows above the horizon. Octaves finer than the screen can draw at a row
    fade out there (no shimmer near the horizon).
    """

    def __init__(self, scene, horizon_row, height, width):
        self.scene, self.width = scene, width
        c = scene.perspective * horizon_row
        rows = np.minimum((np.arange(height) + 0.5) / width, horizon_row)
        self.stretch = (horizon_row + c) / (horizon_row - rows + c)          # H
        self.depth = (horizon_row + c) * (self.stretch - 1)                  # H
        self.across = (np.arange(width) + 0.5) / width - 0.5                 # W

    def _noise(self, rng, frequency, drift, change, times, video_frames):
        """Bilinear value noise (smoothly faded) at `frequency` lattice steps per plane
        unit, carried by `drift` (plane units per frame) and changing by `change` lattice
        steps per frame: F x H x W in [0, 1]. The lattice spans what the whole video's
        frames see, so that every clip of the video samples the same noise."""
        reach = np.abs(self.across).max() * self.stretch.max()
        low = np.array([-reach, 0.0]) - np.maximum(drift, 0.0) * video_frames
        high = np.array([reach, self.depth.max()]) - np.minimum(drift, 0.0) * video_frames
        first = np.floor(low * frequency).astype(np.int64)
        size = np.floor(high * frequency).astype(np.int64) - first + 2
        u = (self.across[None, None, :] * self.stretch[None, :, None]
             - drift[0] * times[:, None, None])
        v = self.depth[None, :, None] - drift[1] * times[:, None, None]
        u, v = u * frequency, np.broadcast_to(v * frequency, u.shape)
        u0 = np.floor(u).astype(np.int64) - first[0]
        v0 = np.floor(v).astype(np.int64) - first[1]
        z = times * change
        z0 = np.floor(z).astype(np.int64)
        lattice = rng.random((int(np.ceil(video_frames * change)) + 2, size[1], size[0]))
        fu, fv = _fade(u - np.floor(u)), _fade(v - np.floor(v))
        fz = _fade(z - z0)[:, None, None]
        out = 0.0
        for dz, wz in ((0, 1 - fz), (1, fz)):
            plane = lattice[(z0 + dz)[:, None, None], v0, u0] * (1 - fu) * (1 - fv)
            plane += lattice[(z0 + dz)[:, None, None], v0, u0 + 1] * fu * (1 - fv)
            plane += lattice[(z0 + dz)[:, None, None], v0 + 1, u0] * (1 - fu) * fv
            plane += lattice[(z0 + dz)[:, None, None], v0 + 1, u0 + 1] * fu * fv
            out = out + wz * plane
        return out

    def fbm(self, rng, times, video_frames):
        """Cloud density in [0, 1]: F x H x W, octaves as `_fbm`'s, on the plane."""
        scene = self.scene
        total = np.zeros((len(times), len(self.stretch), self.width))
        norm = np.zeros((len(self.stretch), 1))
        for octave, frequency, drift, change in _octaves(scene):
            # Cycles per pixel at each row, across and (foreshortened) down: fade out
            # above an eighth of a cycle per pixel, but for the coarsest, kept everywhere
            # (the clouds' shapes at the horizon).
            finest = frequency * self.stretch ** 2 / self.width
            fade = np.clip(2 - finest / 0.125, 0, 1) if octave else 1.0
            amplitude = np.broadcast_to(0.5 ** octave * fade, self.stretch.shape)[:, None]
            if not amplitude.any():
                continue
            total += amplitude * self._noise(rng, frequency, drift, change, times, video_frames)
            norm += amplitude
        # Rows where only the coarsest octaves remain keep the whole sum's mean and spread
        # roughly: the spread of fewer octaves is larger, so pull it towards 0.5.
        return 0.5 + (total / norm - 0.5) * np.sqrt(norm / norm.max())

    def forming(self, rng, times, video_frames):
        """Where cloud forms (near 1) and thins (near 0): F x H x W, a noise coarser than
        the clouds, carried with them, that changes a lattice step every
        `forming[1]` frames."""
        scene = self.scene
        return self._noise(rng, scene.cloud_scale / 2, np.array(scene.wind),
                           1 / scene.forming[1], times, video_frames)


def _stars(seed, video, scene, times, height, width):
    """F x H x W star brightness: fixed stars turning about the scene's pole."""
    rng = np.random.default_rng([seed, video, 3])
    corners = np.array([[0, 0], [1, 0], [0, height / width], [1, height / width]])
    reach = np.max(np.hypot(*(corners - np.array(scene.pole)).T))
    count = int(0.02 * height * width * (np.pi * reach ** 2) / (height / width))
    radius = reach * np.sqrt(rng.random(count))
    angle = rng.uniform(0, 2 * np.pi, count)
    brightness = rng.uniform(0.3, 1.0, count)
    turn = angle[None, :] + scene.spin * times[:, None]
    cols = (scene.pole[0] + radius * np.cos(turn)) * width
    rows = (scene.pole[1] + radius * np.sin(turn)) * width
    image = np.zeros((len(times), height, width))
    c0, r0 = np.floor(cols - 0.5).astype(int), np.floor(rows - 0.5).astype(int)
    fc, fr = cols - 0.5 - c0, rows - 0.5 - r0
    frame = np.broadcast_to(np.arange(len(times))[:, None], cols.shape)
    for dr, dc, weight in ((0, 0, (1 - fr) * (1 - fc)), (0, 1, (1 - fr) * fc),
                           (1, 0, fr * (1 - fc)), (1, 1, fr * fc)):
        r, c = r0 + dr, c0 + dc
        inside = (r >= 0) & (r < height) & (c >= 0) & (c < width)
        np.add.at(image, (frame[inside], r[inside], c[inside]),
                  (weight * brightness[None, :])[inside])
    return np.clip(image, 0.0, 1.0)


def _foreground(rng, scene, height, width):
    """(mask, texture): the static silhouette and its shading, both H x W."""
    x = (np.arange(width) + 0.5) / width
    line = np.full(width, scene.horizon)
    if scene.foreground != "buildings":
        for _ in range(3):
            line += rng.uniform(0.005, 0.03) * np.sin(2 * np.pi * (rng.uniform(0.5, 4) * x + rng.random()))
    top = line.copy()
    if scene.foreground == "trees":
        for centre in rng.uniform(0, 1, rng.integers(4, 14)):
            half = rng.uniform(0.015, 0.05)
            tall = rng.uniform(0.06, 0.22)
            cone = line - tall * np.clip(1 - np.abs(x - centre) / half, 0, None)
            top = np.minimum(top, np.where(np.abs(x - centre) < half, cone, top))
    elif scene.foreground == "buildings":
        left = 0.0
        while left < 1.0:
            right = left + rng.uniform(0.04, 0.14)
            if rng.random() < 0.8:
                span = (x >= left) & (x < right)
                top[span] = np.minimum(top[span], line[span] - rng.uniform(0.03, 0.28))
            left = right
    top = np.clip(top, SKY_TOP, GROUND_FROM)
    rows = (np.arange(height) + 0.5)[:, None] / height
    mask = rows >= top[None, :]
    # Static shading: lighter towards the horizon (haze), with fixed grain.
    texture = 0.75 + 0.15 * rng.random((height, width)) + 0.3 * (1 - rows)
    return mask, texture


def _windows(rng, mask, height, width):
    """Lit windows on buildings at dusk and night: a fixed random pattern inside the mask."""
    cell = max(2, height // 32)
    grid = rng.random((height // cell + 1, width // cell + 1)) < 0.12
    lit = np.repeat(np.repeat(grid, cell, axis=0), cell, axis=1)[:height, :width]
    rows = (np.arange(height)[:, None] % cell == 0) | (np.arange(width)[None, :] % cell == 0)
    return lit & ~rows & mask & (np.arange(height)[:, None] < height * GROUND_FROM)


class SyntheticSkySource(ClipSource):
    """`videos` procedural sky videos of `clips_per_video` clips each, at `size` pixels.

    `version` picks the generator (`sky_scene`): 2, the default, or 1, the 64x64 model's;
    `heading` (degrees) makes every wind blow within HEADING_SPREAD of it.
    """

    kind = "synthetic skies"

    def __init__(self, videos=64, clips_per_video=4, frames=32, size=128, seed=0, version=2,
                 heading=None):
        if videos < 1 or clips_per_video < 1 or frames < 1:
            raise InputError(
                f"videos, clips_per_video and frames must be positive, got {videos}, "
                f"{clips_per_video}, {frames}"
            )
        self.size = (size, size) if np.isscalar(size) else tuple(size)
        self.seed = int(seed)
        self.clips_per_video = int(clips_per_video)
        _check_version(version)   # here, not later inside the pipeline
        self.version = int(version)
        self.heading = None if heading is None else float(heading)
        clips = [
            Clip(f"synth_{video:05d}", f"synth_{video:05d}_1", clip * frames, (video, clip))
            for video in range(videos) for clip in range(clips_per_video)
        ]
        super().__init__(
            frames, clips,
            description=f"synthetic skies v{version} (seed {seed}, {videos} videos x "
                        f"{clips_per_video} clips, {self.size[0]}x{self.size[1]}"
                        + ("" if heading is None else f", winds toward {heading:g} degrees")
                        + ")",
        )

    def winds(self):
        """Each clip's wind: its scene's `wind` as a heading in degrees, and its speed, the
        mean over its sky's pixels of each row's (`row_speeds`), in widths per frame."""
        rows = {}
        for video in {clip.key[0] for clip in self.clips}:
            scene = sky_scene(self.seed, video, self.version, self.heading)
            sky = ~foreground_mask(self.seed, video, self.size)
            speed = float((row_speeds(scene, self.size)[:, None] * sky).sum() / sky.sum())
            rows[video] = (np.degrees(np.arctan2(scene.wind[1], scene.wind[0])), speed)
        return np.array([rows[clip.key[0]] for clip in self.clips], np.float32).reshape(-1, 2)

    def load_clips(self, indices, to_square):
        keys = np.array([clip.key for clip in self.clips], np.int64).reshape(-1, 2)

        def draw(index):
            video, clip = keys[index]
            return render_clip(self.seed, int(video), int(clip), self.frames, self.size,
                               self.clips_per_video, self.version, self.heading)

        def load(index):
            frames = tf.numpy_function(draw, [index], tf.uint8, stateful=False)
            frames.set_shape((self.frames, *self.size, 3))
            return index, to_square(frames)

        return indices.map(load, num_parallel_calls=tf.data.AUTOTUNE)
