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
