"""A time-lapse as people watch it: any length, at the photo's size or the model's, alone or
in the paper's side-by-side grid."""

import numpy as np

from mdgan_tf.inference.formats import MAX_SIDE, SIZES
from mdgan_tf.inference.images import photo_pixels, prepare_images, to_uint8
from mdgan_tf.inference.photo_motion import fit_within, slide

GRID_GAP = 2  # white pixels between the panels of a grid
SLIDE_FRAMES = 32  # a slide's length by default: the paper's clip length


def timelapse(model, image, *, frames=None, stage=2, grid=False, size="photo", speed=1.0,
              loop=False, max_side=MAX_SIDE, max_pixels=None):
    """The video that follows one photo: frames x H x W x 3 uint8, as an array or, at the
    photo's size, as a sequence made frame by frame (it has `len` and `shape`, and
    `write_video` streams it).

    `size`: "photo" (the default) moves the photo itself, at its own size and aspect ratio
    with its longer side at most `max_side`, along the model's motion
    (`MDGAN.animation`; `speed` and `loop` apply there); "model" is the model's own video,
    R x R. `frames` defaults to the model's clip length; longer videos are chained (see
    `MDGAN.generate`). `grid`: the input photo | stage I | stage II side by side, as the
    paper's figures show them (`stage` is then ignored). `max_pixels`: the pixel limit of
    the photo (see `images.pixel_limit`).
    """
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, got {size!r}")
    if size == "model":
        if not grid:
            return model.generate(image, stage=stage, frames=frames, max_pixels=max_pixels)[0]
        return side_by_side(*grid_panels(model, image, frames=frames, max_pixels=max_pixels))
    if not grid:
        return model.animation(image, frames, stage, speed, loop, max_side, max_pixels)
    photo = photo_pixels(image, max_pixels=max_pixels)
    photo = fit_within(photo, max_side) if max_side else photo
    length = frames or model.config.frames
    if model.moves_photo:   # one motion, G1's, for both stages
        moved = [model.animation(photo, length, 1, speed, loop, None, max_pixels)] * 2
    else:
        base, refined = (video[0] for video in model.generate_stages(
            photo, frames=length + 1, max_pixels=max_pixels))
        moved = [model.animation(photo, length, stage, speed, loop, None, max_pixels, video)
                 for stage, video in ((1, base), (2, refined))]
    return SideBySide([StillFrames(photo, len(moved[0]))] + moved)


def slide_timelapse(image, speed, *, frames=SLIDE_FRAMES, loop=False, max_side=MAX_SIDE,
                    max_pixels=None):
    """`timelapse` with no model: the photo at its own size, its sky slid sideways at
    `speed` percent of its width per frame (see `photo_motion.slide`), made frame by frame.
    """
    photo = photo_pixels(image, max_pixels=max_pixels)
    return slide(fit_within(photo, max_side) if max_side else photo, frames, speed, loop)


def grid_panels(model, image, *, frames=None, max_pixels=None):
    """The model-size grid's three videos, each frames x R x R x 3 uint8: the photo held
    still (as the model sees it), stage I's video and stage II's."""
    base, refined = (video[0] for video in
                     model.generate_stages(image, frames=frames, max_pixels=max_pixels))
    photo = to_uint8(prepare_images(image, model.config.resolution,
                                    max_pixels=max_pixels)).numpy()
    return np.repeat(photo, len(base), axis=0), base, refined


def side_by_side(*videos):
    """Videos of one length and height, left to right with a white gap between them."""
    length, height = videos[0].shape[:2]
    gap = np.full((length, height, GRID_GAP, 3), 255, np.uint8)
    panels = [part for video in videos for part in (gap, video)][1:]
    return np.concatenate(panels, axis=2)


class StillFrames:
    """One photo held for `frames` frames, made as iterated."""

    def __init__(self, photo, frames):
        self.photo, self.frames = photo, frames
        self.shape = (frames, *photo.shape)

    def __len__(self):
        return self.frames

    def __iter__(self):
        return (self.photo for _ in range(self.frames))


class SideBySide:
    """Frame sequences of one length and height, joined left to right as iterated. A
    sequence shown in more than one panel (a moving G1's one motion, for both stages) is
    iterated once: each of its frames is made once."""

    def __init__(self, videos):
        self.videos = videos
        length, height = videos[0].shape[:2]
        width = sum(video.shape[2] for video in videos) + GRID_GAP * (len(videos) - 1)
        self.shape = (length, height, width, 3)

    def __len__(self):
        return self.shape[0]

    def __iter__(self):
        distinct = list({id(video): video for video in self.videos}.values())
        for frames in zip(*distinct):
            frame_of = {id(video): frame for video, frame in zip(distinct, frames)}
            yield side_by_side(*(frame_of[id(video)][None] for video in self.videos))[0]
