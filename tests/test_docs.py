"""README.md stays a short front page with its picture, docs/ holds the rest, and every
relative link in them resolves."""

import re
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CARDS = sorted((ROOT / "savedmodels").glob("*/MODEL_CARD.md"))
# Every section of the README before it was split into docs/ (issue 24): none may be lost.
SECTIONS = [
    "Set up", "Use", "Presets", "Pretrained models", "Generating from the command line",
    "When things go wrong", "Trying it in a browser: mdgan-demo",
    "A preference study: mdgan-study", "Serving with TF Serving",
    "The authors' PyTorch weights", "Evaluation", "Real skies", "Data",
    "How real skies move, and the synthetic ones", "Training from the command line",
    "How the paper's open points were settled", "Distribution", "Performance", "Layout",
]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")


def headings(page):
    """A page's headings, outside code blocks."""
    found, fenced = [], False
    for line in page.read_text().splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            found.append(line.lstrip("#").strip())
    return found


def anchor(heading):
    """The anchor a code host gives a heading: lower case, punctuation dropped, spaces to
    hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_the_readme_is_short_with_its_picture_near_the_top():
    lines = (ROOT / "README.md").read_text().splitlines()
    assert len(lines) <= 150, len(lines)
    pictures = [i for i, line in enumerate(lines) if line.startswith("![")]
    assert pictures and pictures[0] < 15, pictures
    picture = ROOT / LINK.search(lines[pictures[0]]).group(1)
    assert picture.suffix in (".gif", ".webp", ".png")
    assert 0 < picture.stat().st_size <= 2_000_000
    # The command that makes it is written beside it.
    assert any("examples/animated_photos.py" in line and str(picture.relative_to(ROOT)) in line
               for line in lines)


def test_every_section_of_the_old_readme_is_a_heading_somewhere():
    everywhere = {heading for page in PAGES for heading in headings(page)}
    assert [s for s in SECTIONS if s not in everywhere] == []


def test_every_docs_page_is_linked_from_the_readme_and_the_index():
    readme = (ROOT / "README.md").read_text()
    index = (ROOT / "docs" / "README.md").read_text()
    for page in PAGES[1:]:
        if page.name != "README.md":
            assert f"docs/{page.name}" in readme and f"({page.name})" in index, page.name


@pytest.mark.parametrize("page", PAGES + CARDS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page):
    broken = []
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target):        # https:, mailto: - not ours to check
            continue
        path, _, fragment = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            broken.append(target)
        elif fragment and file.suffix == ".md" and fragment not in map(anchor, headings(file)):
            broken.append(target)
    assert broken == []


def test_every_table_of_figures_has_the_command_that_made_it_beside_it():
    """A table with measured figures has a command (a binary, a script, a benchmark or the
    test that checks it) in the 25 lines before it or the 8 after."""
    command = re.compile(r"(python |bash |mdgan-\w+|(benchmarks|examples|tests)/[\w/]+\.(py|sh))")
    bare = []
    for page in PAGES:
        lines = page.read_text().splitlines()
        row = 0
        while row < len(lines):
            if (lines[row].startswith("|") and row + 1 < len(lines)
                    and re.fullmatch(r"\|[-| :]+\|", lines[row + 1])):
                start = row
                while row < len(lines) and lines[row].startswith("|"):
                    row += 1
                figures = re.search(r"\d\.\d|\d{3}", "\n".join(lines[start + 2:row]))
                near = lines[max(0, start - 25):start] + lines[row:row + 8]
                if figures and not any(command.search(line) for line in near):
                    bare.append(f"{page.name}:{start + 1}")
            row += 1
    assert bare == []


def test_the_presets_table_counts_each_generators_parameters():
    from mdgan_tf.hub.presets import PRESETS
    from mdgan_tf.modeling import MDGANConfig, base_generator, refine_generator

    table = (ROOT / "docs" / "models.md").read_text()
    for name in PRESETS:
        row = next(line for line in table.splitlines() if line.startswith(f"| `{name}` |"))
        config = MDGANConfig.from_preset(name)
        g1, g2 = (sum(int(np.prod(w.shape)) for w in generator(config).trainable_weights)
                  for generator in (base_generator, refine_generator))
        expected = f"| {g1:,} each" if g1 == g2 else f"| {g1:,} / {g2:,}"
        assert expected in row, row


def test_the_training_settings_table_lists_every_setting_of_training_config():
    from mdgan_tf.training.config import TrainingConfig

    text = (ROOT / "docs" / "training.md").read_text()
    for name, default, help in TrainingConfig.describe():
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        assert row == f"| `{name}` | {default} | {help} |"
