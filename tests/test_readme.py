"""The README and the pages under docs/ cannot drift: every `$ lawgraph …` line in a ```console block is run, and
its output must be exactly what the page shows. `LAWGRAPH_UPDATE_README=1` rewrites the shown outputs instead."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) pairs, in order."""
    pairs = []
    for block in BLOCK.findall(text):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            pairs.append((command, output.rstrip("\n")))
    return pairs


def run(command: str, cwd: Path) -> str:
    args = shlex.split(command)
    assert args[0] == "lawgraph"
    # Expand globs as a shell would.
    args = [m for a in args for m in (sorted(str(p.relative_to(cwd)) for p in cwd.glob(a)) if "*" in a else [a])]
    result = subprocess.run([sys.executable, "-m", "lawgraph.cli", *args[1:]], cwd=cwd, capture_output=True,
                            text=True, timeout=300)
    return (result.stdout + result.stderr).rstrip("\n")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    """A folder with the repository's data, `out/` built as `make run` builds it (every real report of data/) and
    `lvliang/`, the graph of the Lüliang report alone, which the reference pages show."""
    work = tmp_path_factory.mktemp("readme")
    (work / "data").symlink_to(ROOT / "data")
    (work / "tests").symlink_to(ROOT / "tests")  # tests/formats/: files that cannot be read, for the errors shown
    for args in (["data/reports", "data/real", "--out", "out", "--jobs", "2"],
                 ["data/reports/lvliang-2023.txt", "--out", "lvliang"]):
        subprocess.run([sys.executable, "-m", "lawgraph.cli", "build", *args], cwd=work, check=True,
                       capture_output=True)
    return work


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_examples_print_what_they_show(workdir, page):
    text = page.read_text(encoding="utf-8")
    pairs = examples(text)
    actual = {command: run(command, workdir) for command, _ in pairs}
    if os.environ.get("LAWGRAPH_UPDATE_README"):
        def render(block: re.Match[str]) -> str:
            commands = [chunk.partition("\n")[0] for chunk in re.split(r"^\$ ", block.group(1), flags=re.M)[1:]]
            body = "".join(f"$ {c}\n{actual[c]}\n" if actual[c] else f"$ {c}\n" for c in commands)
            return f"```console\n{body}```"

        page.write_text(BLOCK.sub(render, text), encoding="utf-8")
        return
    for command, expected in pairs:
        assert actual[command] == expected, f"{page.name}: example drifted: $ {command}"


def test_the_readme_shows_examples_and_links_every_page():
    text = README.read_text(encoding="utf-8")
    assert len(examples(text)) >= 1
    for page in PAGES[1:]:
        assert f"docs/{page.name}" in text, f"README does not link docs/{page.name}"


def test_every_command_is_documented():
    from lawgraph.cli import cli

    text = "".join(page.read_text(encoding="utf-8") for page in PAGES)
    for name in cli.commands:
        assert f"lawgraph {name}" in text, name
