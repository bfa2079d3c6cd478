"""BUILD must list every module of the package and every test, and nothing that is gone;
what it loads from must exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_build_lists_every_module_and_test():
    build = (ROOT / "BUILD").read_text()
    listed = set(re.findall(r'"((?:mdgan_tf|tests)/[\w/]+\.py)"', build))
    on_disk = {p.relative_to(ROOT).as_posix()
               for folder in ("mdgan_tf", "tests") for p in (ROOT / folder).rglob("*.py")}
    assert on_disk - listed == set(), "missing from BUILD"
    assert listed - on_disk == set(), "listed in BUILD but not on disk"
    tests = {p for p in on_disk if Path(p).name.startswith("test_")}
    in_test_list = set(re.findall(r'"(tests/(?:\w+/)?test_\w+\.py)"', build.split("for test in")[1]))
    assert tests == in_test_list, "every test file needs a py_test"


def test_every_requirement_is_pinned_in_the_lock_that_module_bazel_names():
    module = (ROOT / "MODULE.bazel").read_text()
    lock = re.search(r'requirements_lock = "//:([\w.]+)"', module).group(1)
    pinned = {line.split("==")[0].lower().replace("_", "-")
              for line in (ROOT / lock).read_text().splitlines() if "==" in line}
    required = set(re.findall(r'requirement\("([\w-]+)"\)', (ROOT / "BUILD").read_text()))
    assert required - pinned == set(), f"not pinned in {lock}"
