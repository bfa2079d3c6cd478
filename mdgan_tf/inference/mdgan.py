"""MDGAN: a backbone with both tasks at hand, for `MDGAN.from_pretrained(name).generate(photo)`.

A convenience: `generate` and `generate_stages` are the paper's video generator's
(`generation.VideoGenerator`), `animation`, `animate` and `motion` the photo animator's
(`animation.PhotoAnimator`), and loading and saving the backbone's (`MDGANBackbone`).
"""

from mdgan_tf.animation.animator import PhotoAnimator
from mdgan_tf.modeling.backbone import MDGANBackbone
from mdgan_tf.preprocessing.limits import MAX_SIDE


class MDGAN(MDGANBackbone):
    """G1 and G2 of a trained MD-GAN, with the two tasks that use them.

    Args:
        config: an `MDGANConfig`, or its dict form.
        base, refine: trained G1 and G2 to hold; new ones when omitted.

    Examples:
        >>> model = MDGAN.from_pretrained("mdgan_sky_synthetic_128")
        >>> square = model.generate(photo)            # the paper's video: 1 x T x R x R x 3
        >>> moving = model.animate(photo, frames=64)  # the photo at its size: 64 x H x W x 3
    """

    def __init__(self, config, base=None, refine=None, **kwargs):
        super().__init__(config, base, refine, **kwargs)
        self._animator = None

    @property
    def animator(self):
        """The photo animation task over these generators, made on first use."""
        if self._animator is None:
            self._animator = PhotoAnimator(self)
        return self._animator

    @property
    def generator(self):
        """The paper's video generation task over these generators."""
        return self.animator.generator

    def generate(self, images, stage=2, value_range=(0.0, 1.0), dtype="uint8", frames=None,
                 max_pixels=None, *, wind=None):
        """See `VideoGenerator.generate`."""
        return self.generator.generate(images, stage, value_range, dtype, frames, max_pixels,
                                       wind=wind)

    def generate_stages(self, images, frames=None, max_pixels=None, *, wind=None):
        """See `VideoGenerator.generate_stages`."""
        return self.generator.generate_stages(images, frames, max_pixels, wind=wind)

    def motion(self, photo, frames=None, max_pixels=None, *, wind=None):
        """See `PhotoAnimator.motion`."""
        return self.animator.motion(photo, frames, max_pixels, wind=wind)

    def animation(self, photo, frames=None, stage=2, speed=1.0, loop=False, max_side=MAX_SIDE,
                  max_pixels=None, video=None, *, wind=None, sky_mask=None):
        """See `PhotoAnimator.animation`."""
        return self.animator.animation(photo, frames, stage, speed, loop, max_side,
                                       max_pixels, video, wind=wind, sky_mask=sky_mask)

    def animate(self, photo, frames=None, stage=2, speed=1.0, loop=False, max_side=MAX_SIDE,
                max_pixels=None, *, wind=None, sky_mask=None):
        """See `PhotoAnimator.animate`."""
        return self.animator.animate(photo, frames, stage, speed, loop, max_side, max_pixels,
                                     wind=wind, sky_mask=sky_mask)

    def clear_inference_cache(self):
        """Forget the frozen forward passes: weights changed in place are then seen."""
        self._animator = None

    def load_weights(self, *args, **kwargs):
        self.clear_inference_cache()
        return super().load_weights(*args, **kwargs)
