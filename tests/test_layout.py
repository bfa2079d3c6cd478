"""The package's folders depend on each other in one direction only.

The layers, from the bottom: errors (the user's mistakes, and how they are told) needs
nothing, and fileio (atomic writes) only errors; hub knows where model files come from, nothing of networks; modeling holds the
networks and the backbone, and loads it through hub; preprocessing reads photos, needing
no model; the paper's task (generation) runs a backbone, and the photo animator
(animation) runs that task's forward passes; inference puts the tasks behind `MDGAN` and
writes videos. Training, evaluation and hub import no task; the preference study needs no
model at all. Each folder may import only the folders listed here.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mdgan_tf"
TASKS = {"generation", "animation", "inference"}
ALLOWED = {
    "fileio": {"errors"},
    "errors": set(),
    "hub": {"errors", "fileio"},
    "modeling": {"errors", "fileio", "hub"},
    "preprocessing": {"errors"},
    "data": {"errors", "fileio"},
    "generation": {"errors", "fileio", "hub", "modeling", "preprocessing"},
    "animation": {"errors", "generation", "modeling", "preprocessing"},
    "inference": {"errors", "fileio", "animation", "generation", "modeling", "preprocessing"},
    "evaluation": {"errors", "fileio", "modeling", "hub", "data", "preprocessing"},
    "training": {"errors", "fileio", "modeling", "hub", "data", "preprocessing"},
    "study": {"errors", "fileio"},
    "demo": {"errors", "inference", "hub", "modeling"},
    "cli": {"fileio", "errors", "hub", "modeling", "preprocessing", "generation", "animation",
            "inference", "data", "training", "evaluation", "study", "demo"},
}


def imported_parts(path):
    """The package folders (`mdgan_tf.<part>`) that a module imports, anywhere in it; a
    top-level module (`mdgan_tf.lazy`) belongs to no part."""
    parts = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "mdgan_tf" and len(pieces) > 1 and (PACKAGE / pieces[1]).is_dir():
                parts.add(pieces[1])
    return parts


def test_every_folder_of_the_package_has_its_rules():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert folders == set(ALLOWED)


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_imports_follow_the_layering(part):
    wrong = {}
    for module in sorted((PACKAGE / part).rglob("*.py")):
        bad = imported_parts(module) - ALLOWED[part] - {part}
        if bad:
            wrong[module.relative_to(PACKAGE).as_posix()] = sorted(bad)
    assert wrong == {}, f"{part} may import only {sorted(ALLOWED[part])}"


def test_training_evaluation_and_hub_import_no_task():
    assert all(not ALLOWED[part] & TASKS for part in ("training", "evaluation", "hub"))


def test_only_the_animator_branches_on_how_g1_moves():
    """Whether G1 moves the photo is the backbone's to say and the animator's to act on;
    the export reads it only to offer the velocities as a signature of their own."""
    readers = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
               if ".moves_photo" in p.read_text()}
    outside = {r for r in readers if not r.startswith(("animation/", "modeling/"))}
    assert outside <= {"generation/export.py"}


def test_relative_imports_are_not_used():
    # The check above reads absolute imports; a relative one would slip past it.
    relative = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                if any(isinstance(n, ast.ImportFrom) and n.level
                       for n in ast.walk(ast.parse(p.read_text())))]
    assert relative == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from mdgan_tf.training.trainer import train\n"
                      "import mdgan_tf.hub\nfrom mdgan_tf import inference\n")
    assert imported_parts(module) == {"training", "hub", "inference"}
