"""pytest_test: one test file of tests/, run by pytest, with what every test needs."""

load("@rules_python//python:defs.bzl", "py_test")

def pytest_test(name, src, deps):
    """A py_test of the test file `src`, run through tests/pytest_main.py, with the shared
    conftest files and the files the README, docs, examples and recorded-output tests read.
    `deps`: what `src` imports (tests/test_build_file.py checks it)."""
    py_test(
        name = name,
        size = "medium",
        srcs = [src],
        args = ["$(location %s)" % src],
        data = ["BUILD", "README.md"] + native.glob([
            "docs/**",
            "examples/*.sh",
            "savedmodels/*/MODEL_CARD.md",
            "tests/*.npz",
        ]),
        main = "tests/pytest_main.py",
        deps = deps + [":conftest", ":pytest_main"],
    )
