"""The example scripts only use commands and flags that the binaries define."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARIES = {f"mdgan-{name}": f"mdgan_tf/cli/{name}.py"
            for name in ("convert", "data", "evaluate", "export", "generate", "train")}


def defined_flags(module):
    # Read from the source: the binaries share flag names, so both cannot be imported into
    # one process's absl FLAGS.
    return set(re.findall(r'flags\.DEFINE_\w+\(\s*"(\w+)"', (ROOT / module).read_text()))


def test_example_commands_use_real_flags():
    data_commands = re.search(r"COMMANDS = \(([^)]*)\)", (ROOT / BINARIES["mdgan-data"]).read_text())
    commands = set(re.findall(r'"(\w+)"', data_commands.group(1)))
    checked = 0
    for script in sorted((ROOT / "examples").glob("*.sh")) + [ROOT / "README.md"]:
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
