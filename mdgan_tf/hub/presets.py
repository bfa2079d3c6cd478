"""The preset registry, as data: named architectures, and for published models where their
weights live.

Each entry has its "config" (the fields of `modeling.MDGANConfig` that differ from its
defaults, which are the paper's 128x128 model), its "training" where it is trained
otherwise than the paper says (fields of `training.TrainingConfig`), a "description" and,
for presets with published weights, where they live ("weights": a folder of the shipped
`savedmodels/`, or a URL) and the SHA-256 of each file ("sha256"), which the loader checks
before the weights are used. The histories behind the synthetic presets' settings are in
their model cards.
"""

# Paper section 4.5's 64x64 layout: the first conv of every network omitted, and with it
# the skip of that conv.
_PAPER_64 = {
    "resolution": 64,
    "spatial_stem": False,
    "generator_filters": [64, 128, 256, 512, 512],
    "discriminator_filters": [64, 128, 256, 512],
    "base_skips": [1, 2, 3, 4],
    "refine_skips": [3, 4],
}
# What the synthetic-sky training runs found (MODEL_CARD.md of the 64x64 model).
_SYNTHETIC_SKY = {"refine_head": {"type": "residual"}}
# The shipped 128x128 model's widths and G2, which the wind model grows from.
_NARROW_128 = {
    "generator_filters": [16, 32, 32, 48, 48, 48],
    "discriminator_filters": [8, 16, 32, 64, 128],
    "refine_head": {"type": "move_frames"},
}
_NARROW_128_TRAINING = {"content_weight": 10.0, "change_profile_weight": 300.0}
_SYNTHETIC_SKY_TRAINING = {"content_weight": 100.0, "motion_weight": 1000.0}

PRESETS = {
    "mdgan_sky_128": {
        "config": {},
        "description": "The paper's model: 32 frames at 128x128 (Table 1, section 4.2).",
    },
    "mdgan_64": {
        "config": {**_PAPER_64, "name": "mdgan_64"},
        "description": "The paper's 64x64 variant for Beach and Golf (section 4.5): the first "
        "conv of every network omitted.",
    },
    "mdgan_tiny": {
        "config": {
            "name": "mdgan_tiny",
            "frames": 8,
            "resolution": 32,
            "generator_filters": [4, 8, 16, 16],
            "discriminator_filters": [4, 8, 16],
            "base_skips": [1, 2, 3],
            "refine_skips": [3],
        },
        "description": "A few-thousand-parameter model for tests and smoke runs: 8 frames at "
        "32x32.",
    },
    "mdgan_sky_synthetic_64": {
        "config": {
            **_PAPER_64,
            "name": "mdgan_sky_synthetic_64",
            "generator_filters": [32, 32, 48, 48, 48],
            "discriminator_filters": [16, 32, 64, 128],
            **_SYNTHETIC_SKY,
        },
        "training": _SYNTHETIC_SKY_TRAINING,
        "description": "The shipped pretrained model: the paper's 32-frame 64x64 layout, "
        "narrow, trained on the package's synthetic skies (savedmodels/, with its card).",
        "weights": "mdgan_sky_synthetic_64",
        "sha256": {
            "config.json": "f51124217ba4a44475bdd99a0f42e428b95a60b8a5aeca3e596283c850fa0bb5",
            "model.weights.h5": "22cb1941dad2ead2a91d5b0167b99a5b59552dc712ef0b7b15a13f7afd27cb54",
        },
    },
    "mdgan_sky_synthetic_128": {
        "config": {
            **_NARROW_128,
            "name": "mdgan_sky_synthetic_128",
            "base_head": {"type": "warp"},
        },
        "training": _NARROW_128_TRAINING,
        "description": "The paper's 32-frame 128x128 layout, narrow, trained on synthetic "
        "skies, whose G1 moves the photo instead of painting frames (savedmodels/, with its "
        "card).",
        "weights": "mdgan_sky_synthetic_128",
        "sha256": {
            "config.json": "ff647b5a3d2691e2090a4a733b789d13064c099a3f7d05b3f086f312c8626a0a",
            "model.weights.h5": "08a9b5e9a79bf0051581b8bc0b16e5a814b60889ff4f1be80e593dd2048d2b41",
        },
    },
    "mdgan_sky_wind_128": {
        "config": {
            **_NARROW_128,
            "name": "mdgan_sky_wind_128",
            "base_head": {"type": "warp"},
            "wind_condition": True,
        },
        "training": {**_NARROW_128_TRAINING, "speed_weight": 3.0, "untold_within": 30.0,
                     "wind_dropout": 0.5},
        "description": "mdgan_sky_synthetic_128 grown (issue 36): G1 told the wind "
        "(--wind DEG), trained from it (--init_from) on synthetic skies version 3, charged "
        "the skies' known speed; its G2 is mdgan_sky_synthetic_128's (savedmodels/, with "
        "its card).",
        "weights": "mdgan_sky_wind_128",
        "sha256": {
            "config.json": "d2770cb5d237aa660583b7bf71fe3959486c23ec3a19584eef24d71293c8ffb7",
            "model.weights.h5": "c19528798f752d747823a150a12c6246972b4fb669e5f9c04a84ae9c534405a6",
        },
    },
}
