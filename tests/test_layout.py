"""The package's folders depend on each other in one direction only.

modeling stands alone and data needs only fileio (atomic writes, which every part that
writes files shares): the networks can be used (and tested) without files, downloads or
binaries, and the data pipeline without the networks. The preference study needs no model
at all, and errors (what a user is told) nothing. Each other folder may import only the
folders listed here.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mdgan_tf"
ALLOWED = {
    "fileio": set(),
    "errors": set(),
    "data": {"fileio"},
    "modeling": set(),
    "hub": {"fileio", "modeling"},
    "inference": {"fileio", "modeling", "hub"},
    "evaluation": {"fileio", "modeling", "inference", "hub", "data"},
    "training": {"fileio", "modeling", "inference", "hub", "data"},
    "study": {"fileio"},
    "demo": {"errors", "inference", "hub"},
    "cli": {"fileio", "errors", "modeling", "inference", "hub", "data", "training", "evaluation",
            "study", "demo"},
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
