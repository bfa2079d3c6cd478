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

# The settings the synthetic-sky training runs found (MODEL_CARD.md of the 64x64 model).
SYNTHETIC_SKY = dict(
    # A short CPU run needs a heavier L1 term than the paper's 1 to keep the still
    # foreground from flickering.
    content_weight=100.0,
    # G2 corrects G1's video instead of redrawing it: with its finest skip at 8x8, a paper
    # G2 lost the photo (18.5 dB at frame 0 after 200 steps, 29.4 dB residual).
    refine_residual=True,
    # Both stages flicker (a frame-to-frame change twice the real clips'); L1 on the
    # changes lets G2 remove it. 1000 puts it on the L1 term's scale.
    motion_weight=1000.0,
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
            **SYNTHETIC_SKY,
        ),
        "description": "The shipped pretrained model: the paper's 32-frame 64x64 layout, "
        "narrow, trained on the package's synthetic skies (savedmodels/, with its card).",
        # A folder of the shipped savedmodels/ (or a URL of a folder holding these files).
        "weights": "mdgan_sky_synthetic_64",
        "sha256": {
            "config.json": "f51124217ba4a44475bdd99a0f42e428b95a60b8a5aeca3e596283c850fa0bb5",
            "model.weights.h5": "22cb1941dad2ead2a91d5b0167b99a5b59552dc712ef0b7b15a13f7afd27cb54",
        },
    },
    "mdgan_sky_synthetic_128": {
        "config": PAPER.replace(
            name="mdgan_sky_synthetic_128",
            # The paper's 128x128 layout (its stem and five skips) at widths a 2-core CPU
            # trains in hours.
            generator_filters=(16, 32, 32, 48, 48, 48),
            discriminator_filters=(8, 16, 32, 64, 128),
            **{**SYNTHETIC_SKY,
               # G1 moves the photo along a displacement it predicts: every pixel-painting
               # run faded the clouds in place (docs/training.md, the 128x128 model).
               "base_output": "warp",
               # A moved photo cannot flicker, so L1 need not be heavy; what asks for
               # motion is the change profile, which does not care about its direction.
               "content_weight": 10.0,
               "motion_weight": 0.0,
               "change_profile_weight": 300.0,
               # G2 moves G1's frames again: a correction added to a moved photo's pixels
               # blurred it or painted a checkerboard (docs/training.md, stage II at 128).
               "refine_residual": False,
               "refine_output": "warp"},
        ),
        "description": "The paper's 32-frame 128x128 layout, narrow, trained on synthetic "
        "skies, whose G1 moves the photo instead of painting frames (savedmodels/, with its "
        "card).",
        "weights": "mdgan_sky_synthetic_128",
        "sha256": {
            "config.json": "ff647b5a3d2691e2090a4a733b789d13064c099a3f7d05b3f086f312c8626a0a",
            "model.weights.h5": "08a9b5e9a79bf0051581b8bc0b16e5a814b60889ff4f1be80e593dd2048d2b41",
        },
    },
}
