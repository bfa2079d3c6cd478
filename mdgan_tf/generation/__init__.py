"""The paper's task: a photo in, the model's own T-frame video out at stage I or II,
longer videos chained from its clips; the paper's side-by-side grid; the TF Serving
export of that forward pass."""

from mdgan_tf.lazy import lazy_exports

__getattr__, __dir__, __all__ = lazy_exports(__name__, {
    "mdgan_tf.generation.export": ("SIGNATURES", "export_saved_model", "signatures"),
    "mdgan_tf.generation.grid": ("SideBySide", "StillFrames", "side_by_side"),
    "mdgan_tf.generation.video_generator": ("VideoGenerator",),
})
