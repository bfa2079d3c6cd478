"""The real-sky tables as Markdown, from `mdgan-evaluate --json` files (as
`examples/real_skies.sh` writes them): every method's row with its distances and dynamics,
the real clips' dynamics, which no-model slide (a `--videos` row named `slide_*`) comes
closest by KVD, and whether each method's speed, clip by clip, follows the real clip's
(Spearman's rank correlation: a model that reads how fast a sky moves from its photo
ranks the clips as the real ones rank; a slide at one speed only as its sky shows it).

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


def ranked(values):
    """Ranks 0..n-1 (ties broken by order: speeds are measured floats)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0] * len(values)
    for rank, i in enumerate(order):
        ranks[i] = rank
    return ranks


def spearman(a, b):
    """Spearman's rank correlation of two equally long lists (at least 3), or None, also
    where either list is one value (a still copy's speeds are all 0: no ranking)."""
    if len(a) != len(b) or len(a) < 3 or max(a) == min(a) or max(b) == min(b):
        return None
    ra, rb = ranked(a), ranked(b)
    n = len(a)
    return 1 - 6 * sum((x - y) ** 2 for x, y in zip(ra, rb)) / (n * (n * n - 1))


def speed_ranks(dynamics):
    """One line: each method's per-clip speeds ranked against the real clips'."""
    real = [clip["speed"] for clip in dynamics.get("real", {}).get("per_clip", [])]
    found = []
    for method, figures in dynamics.items():
        speeds = [clip["speed"] for clip in figures.get("per_clip", [])]
        rho = spearman(speeds, real) if method != "real" else None
        if rho is not None:
            found.append(f"{name(method)} {rho:+.2f}")
    if not found:
        return ""
    return (f"\nEach clip's speed ranked against its real clip's (Spearman, {len(real)} clips): "
            + "; ".join(found) + ".")


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
    ranks = speed_ranks(dynamics)
    if ranks:
        lines.append(ranks)
    return "\n".join(lines)


def main(paths):
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        with open(path) as f:
            print(table(json.load(f)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
