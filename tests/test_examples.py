"""The example scripts, the README and docs/ only use commands and flags that the binaries
define."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARIES = {f"mdgan-{name}": f"mdgan_tf/cli/{name}.py"
            for name in ("convert", "data", "evaluate", "export", "generate", "train")}


def defines(source):
    return set(re.findall(r'flags\.DEFINE_\w+\(\s*"(\w+)"', source))


def defined_flags(module):
    """A binary's own flags and the shared ones it takes (`define_*` of cli/flags.py).

    Read from the source: the binaries share flag names, so two of them cannot be imported
    into one process's absl FLAGS.
    """
    shared_source = (ROOT / "mdgan_tf/cli/flags.py").read_text()
    shared = {node.name: defines(ast.get_source_segment(shared_source, node))
              for node in ast.parse(shared_source).body
              if isinstance(node, ast.FunctionDef) and node.name.startswith("define_")}
    source = (ROOT / module).read_text()
    names = defines(source)
    for function in re.findall(r"^(define_\w+)\(", source, re.M):
        names |= shared[function]
    return names


def test_example_commands_use_real_flags():
    data_commands = re.search(r"COMMANDS = \(([^)]*)\)", (ROOT / BINARIES["mdgan-data"]).read_text())
    commands = set(re.findall(r'"(\w+)"', data_commands.group(1)))
    checked = 0
    for script in (sorted((ROOT / "examples").glob("*.sh")) + [ROOT / "README.md"]
                   + sorted((ROOT / "docs").glob("*.md"))):
        for line in script.read_text().replace("\\\n", " ").splitlines():
            words = line.split()
            if not words or words[0] not in BINARIES:
                continue
            if words[0] == "mdgan-data":
                assert words[1] in commands, f"{script.name}: {line}"
            for name in re.findall(r"--(\w+)", line):
                assert name in defined_flags(BINARIES[words[0]]), (
                    f"{script.name}: --{name} is not a flag of {words[0]}")
            checked += 1
    assert checked >= 12


def test_the_real_sky_script_skips_cleanly_without_the_real_clips(tmp_path):
    import subprocess

    result = subprocess.run(["bash", str(ROOT / "examples/real_skies.sh"), str(tmp_path / "work")],
                            capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "MDGAN_REAL": str(tmp_path / "none")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("skipped: no real clips at")
    assert not (tmp_path / "work").exists()


def test_the_real_sky_table_names_the_closest_slide(tmp_path):
    import json
    import subprocess
    import sys

    row = {"psnr": 20.0, "psnr_first": 41.0}
    moving = {"speed": 1.0, "speed_p90": 2.0, "evolution": 0.1, "perspective": 1.2, "light": 1e-4}
    scores = {"clips": 8, "frames": 128, "window": 16, "data": "long clips",
              "rows": {"256": {"copy_first_frame": dict(row, psnr_first=100.0), "slide_0.5": row,
                               "slide_1": row}},
              "distances": {"copy_first_frame": {"fvd": 500.0, "kvd": 9.0, "kvd_se": 6.0},
                            "slide_0.5": {"fvd": 450.0, "kvd": 2.5, "kvd_se": 4.0},
                            "slide_1": {"fvd": 440.0, "kvd": 2.0, "kvd_se": 5.0}},
              "dynamics": {"slide_0.5": dict(moving, per_clip=[{"speed": v} for v in (1, 2, 3)]),
                           "slide_1": dict(moving, per_clip=[{"speed": v} for v in (3, 2, 1)]),
                           "copy_first_frame": dict(moving, per_clip=[{"speed": 0}] * 3),
                           "real": dict(moving, evolution=0.55,
                                        per_clip=[{"speed": v} for v in (0.5, 0.7, 0.9)])}}
    path = tmp_path / "scores.json"
    path.write_text(json.dumps(scores))
    result = subprocess.run([sys.executable, str(ROOT / "examples/real_sky_table.py"), str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "| no model: slide at 1% of the width a frame (closest slide) |" in result.stdout
    assert "| real clips | | | 1.00 (2.00) | 0.55 |" in result.stdout
    assert any(line.startswith("| copy the first frame | 20.00 dB | (exact) |") for line in lines)
    assert "| 20.00 dB | 41.00 dB |" in result.stdout and "over 16-frame windows" in lines[0]
    # Clip by clip, speeds ranked as the real clips' (+1) or the other way (-1); a still
    # copy's speeds rank nothing.
    assert ("(Spearman, 3 clips): no model: slide at 0.5% of the width a frame +1.00; "
            "no model: slide at 1% of the width a frame -1.00.") in result.stdout
