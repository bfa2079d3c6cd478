"""A time-lapse as people watch it: any length, alone or in the paper's side-by-side grid."""

import numpy as np

from mdgan_tf.inference.images import prepare_images, to_uint8

GRID_GAP = 2  # white pixels between the panels of a grid


def timelapse(model, image, *, frames=None, stage=2, grid=False, max_pixels=None):
    """The video that follows one photo: frames x H x W x 3 uint8.

    `frames` defaults to the model's clip length; longer videos are chained (see
    `MDGAN.generate`). `grid`: the input photo | stage I | stage II side by side, each at
    the model's resolution, as the paper's figures show them (`stage` is then ignored).
    `max_pixels`: the pixel limit `generate` applies (see `images.pixel_limit`).
    """
    if not grid:
        return model.generate(image, stage=stage, frames=frames, max_pixels=max_pixels)[0]
    return side_by_side(*grid_panels(model, image, frames=frames, max_pixels=max_pixels))


def grid_panels(model, image, *, frames=None, max_pixels=None):
    """The grid's three videos, each frames x R x R x 3 uint8: the photo held still (as the
    model sees it), stage I's video and stage II's."""
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
