"""The real-sky tables as Markdown, from `mdgan-evaluate --json` files (as
`examples/real_skies.sh` writes them): every method's row with its distances and dynamics,
the real clips' dynamics, and which no-model slide (a `--videos` row named `slide_*`)
comes closest by KVD.

    python examples/real_sky_table.py real_skies/dev/scores.json real_skies/long/scores.json
"""

import json
import sys

EXACT = 99.99   # dB: frame 0 at the evaluator's PSNR cap is the photo itself
NAMES = {"copy_first_frame": "copy the first frame", "stage1": "the model's video, stage I",
         "stage2": "the model's video, stage II", "authors_stage1": "authors' MD-GAN, stage I",
         "authors_stage2": "authors' MD-GAN, stage II",
         "mdgan_generate": "`mdgan-generate` default output",
         "model_size": "`mdgan-generate --size model`"}


def name(method):
    if method.startswith("slide_"):
        return f"no model: slide at {method[len('slide_'):]}% of the width a frame"
    return NAMES.get(method, method)


def number(value, form):
    return "" if value is None else format(value, form)


def moving(figures):
    """The dynamics columns: speed (p90) | evolution | perspective | light."""
    return (f"{number(figures.get('speed'), '.2f')} ({number(figures.get('speed_p90'), '.2f')})"
            f" | {number(figures.get('evolution'), '.2f')}"
            f" | {number(figures.get('perspective'), '.2f')}"
            f" | {number(figures.get('light'), '.4f')}")


def table(scores):
    resolution = next(iter(scores["rows"]))
    rows, distances, dynamics = scores["rows"][resolution], scores["distances"], scores["dynamics"]
    over = f"{scores['window']}-frame windows" if scores.get("window") else "whole clips"
    slides = [m for m in rows if m.startswith("slide_") and distances.get(m, {}).get("kvd")]
    best = min(slides, key=lambda m: distances[m]["kvd"]) if slides else None
    lines = [f"{scores['clips']} clips of {scores['frames']} frames at {resolution}x{resolution}"
             f" ({scores['data']}); FVD and KVD over {over}; speed in pixels "
             f"a frame at {resolution}x{resolution}",
             "",
             "| method | PSNR 1.. | frame 0 | speed (p90) | evolution | perspective | light "
             "| FVD | KVD |",
             "|---|---|---|---|---|---|---|---|---|"]
    for method, row in rows.items():
        distance, motion = distances.get(method, {}), dynamics.get(method, {})
        kvd = (f"{distance['kvd']:.1f} +- {distance['kvd_se']:.1f}"
               if distance.get("kvd") is not None else "")
        first = "(exact)" if row["psnr_first"] >= EXACT else f"{row['psnr_first']:.2f} dB"
        mark = " (closest slide)" if method == best else ""
        lines.append(f"| {name(method)}{mark} | {row['psnr']:.2f} dB | {first} | "
                     f"{moving(motion)} | {number(distance.get('fvd'), '.1f')} | {kvd} |")
    lines.append(f"| real clips | | | {moving(dynamics.get('real', {}))} | | |")
    floor = distances.get("real_vs_real", {}).get("fvd")
    if floor is not None:
        lines.append(f"\n(The real clips' two halves against each other: FVD {floor:.1f}.)")
    return "\n".join(lines)


def main(paths):
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        with open(path) as f:
            print(table(json.load(f)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
