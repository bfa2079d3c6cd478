"""A time-lapse as people watch it: any length, at the photo's size (the photo animation
task) or the model's (the paper's task), alone or in the paper's side-by-side grid."""

from mdgan_tf.errors import InputError
from mdgan_tf.animation.animator import PhotoAnimator
from mdgan_tf.generation.grid import side_by_side
from mdgan_tf.inference.formats import SIZES
from mdgan_tf.preprocessing.limits import MAX_SIDE


def timelapse(model, image, *, frames=None, stage=2, grid=False, size="photo", speed=1.0,
              loop=False, max_side=MAX_SIDE, max_pixels=None, wind=None, sky_mask=None):
    """The video that follows one photo.

    Args:
        model: a `PhotoAnimator`, an `MDGAN` (its animator), or an `MDGANBackbone` (a new
            animator, whose frozen forward passes are traced anew).
        image: one image, as `VideoGenerator.generate` takes it.
        frames: the length, the model's clip length by default; longer videos are chained.
        stage: 1 or 2 (ignored by a grid, which shows both).
        grid: the photo | stage I | stage II side by side, as the paper's figures show them
            (at the photo's size, the stages only where they differ: see
            `PhotoAnimator.grid`).
        size: "photo" (the default) moves the photo itself, at its own size and aspect
            ratio with its longer side at most `max_side`, along the model's motion
            (`PhotoAnimator`; `speed` and `loop` apply there); "model" is the model's own
            video, R x R (`VideoGenerator`).
        max_pixels: the pixel limit of the photo (see `preprocessing.limits.pixel_limit`).
        wind: for a model that can be told the wind, the heading its sky moves towards,
            in degrees (0: left to right, 90: downwards); None: the model chooses.
        sky_mask: at the photo's size, the sky to move, drawn by the user where the sky
            found is wrong: an image file's path (white where the sky is) or an array, of
            the photo's shape at any size (see `PhotoAnimator.animation`).

    Returns:
        frames x H x W x 3 uint8: an array, or at the photo's size, a sequence made frame by
        frame (it has `len` and `shape`, and `write_video` streams it).
    """
    if size not in SIZES:
        raise InputError(f"size must be one of {SIZES}, got {size!r}")
    animator = (model if isinstance(model, PhotoAnimator)
                else getattr(model, "animator", None) or PhotoAnimator(model))
    if size == "model":
        if sky_mask is not None:
            raise InputError("a sky mask moves the photo's own sky: it is for size='photo', "
                             "not the model's square video")
        if not grid:
            return animator.generator.generate(image, stage=stage, frames=frames,
                                               max_pixels=max_pixels, wind=wind)[0]
        return side_by_side(*animator.generator.grid_panels(image, frames=frames,
                                                            max_pixels=max_pixels, wind=wind))
    if not grid:
        return animator.animation(image, frames, stage, speed, loop, max_side, max_pixels,
                                  wind=wind, sky_mask=sky_mask)
    return animator.grid(image, frames, speed, loop, max_side, max_pixels, wind=wind,
                         sky_mask=sky_mask)
