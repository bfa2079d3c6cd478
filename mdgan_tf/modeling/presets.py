"""The preset registry: named configs, and for published models where their weights live.

Each entry has its config, a description and, for presets with published weights, where
they live ("weights": a folder of the shipped `savedmodels/`, or a URL) and the SHA-256 of
each file ("sha256"), which `mdgan_tf.hub` checks before the weights are used.
"""

from typing import Any

from mdgan_tf.modeling.config import MDGANConfig

PAPER = MDGANConfig()
# Paper section 4.5's 64x64 layout: the first conv of every network omitted, and with it
# the skip of that conv.
PAPER_64 = PAPER.replace(
    resolution=64,
    spatial_stem=False,
    generator_filters=(64, 128, 256, 512, 512),
    discriminator_filters=(64, 128, 256, 512),
    base_skips=(1, 2, 3, 4),
    refine_skips=(3, 4),
)

PRESETS: dict[str, dict[str, Any]] = {
    "mdgan_sky_128": {
        "config": PAPER,
        "description": "The paper's model: 32 frames at 128x128 (Table 1, section 4.2).",
    },
    "mdgan_64": {
        "config": PAPER_64.replace(name="mdgan_64"),
        "description": "The paper's 64x64 variant for Beach and Golf (section 4.5): the first "
        "conv of every network omitted.",
    },
    "mdgan_tiny": {
        "config": PAPER.replace(
            name="mdgan_tiny",
            frames=8,
            resolution=32,
            generator_filters=(4, 8, 16, 16),
            discriminator_filters=(4, 8, 16),
            base_skips=(1, 2, 3),
            refine_skips=(3,),
        ),
        "description": "A few-thousand-parameter model for tests and smoke runs: 8 frames at 32x32.",
    },
    "mdgan_sky_synthetic_64": {
        "config": PAPER_64.replace(
            name="mdgan_sky_synthetic_64",
            generator_filters=(32, 32, 48, 48, 48),
            discriminator_filters=(16, 32, 64, 128),
            # A short CPU run needs a heavier L1 term than the paper's 1 to keep the still
            # foreground from flickering (MODEL_CARD.md has the runs that showed it).
            content_weight=100.0,
        ),
        "description": "The shipped pretrained model: the paper's 32-frame 64x64 layout, "
        "narrow, trained on the package's synthetic skies (savedmodels/, with its card).",
        # A folder of the shipped savedmodels/ (or a URL of a folder holding these files).
        "weights": "mdgan_sky_synthetic_64",
        "sha256": {
            "config.json": "0bc1cb5466681e68ef962bfd767072abc47de3b08f42a586ed3bf05516d0679d",
            "model.weights.h5": "9d6202ef5a1429cac6b685725e5f2b8d622a63438e73dbe8a5b5d0126d3921d4",
        },
    },
}
