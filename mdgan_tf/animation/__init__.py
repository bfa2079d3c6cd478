"""The photo animation task: the photo at its own size and aspect ratio, its sky moved
along the model's motion (`PhotoAnimator`), or slid with no model (`slide`); the motion
read for it, and the rendering."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.animation.animator": ("PhotoAnimator",),
    "mdgan_tf.animation.rendering": ("PhotoAnimation",),
    "mdgan_tf.animation.slide": ("SLIDE_FRAMES", "slide", "slide_timelapse"),
})
