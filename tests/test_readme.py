"""The README cannot drift: every `$ lawgraph …` line in a ```console block is run, and its output must be
exactly what the README shows. `LAWGRAPH_UPDATE_README=1` rewrites the shown outputs instead."""

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
    """A folder with the repository's data and `out/` built as `make run` builds it."""
    work = tmp_path_factory.mktemp("readme")
    (work / "data").symlink_to(ROOT / "data")
    (work / "tests").symlink_to(ROOT / "tests")  # tests/formats/: files that cannot be read, for the errors shown
    subprocess.run([sys.executable, "-m", "lawgraph.cli", "build", "data/reports/lvliang-2023.txt", "--out", "out"],
                   cwd=work, check=True, capture_output=True)
    return work


def test_readme_examples_print_what_they_show(workdir):
    text = README.read_text(encoding="utf-8")
    pairs = examples(text)
    assert len(pairs) >= 6
    actual = {command: run(command, workdir) for command, _ in pairs}
    if os.environ.get("LAWGRAPH_UPDATE_README"):
        def render(block: re.Match[str]) -> str:
            commands = [chunk.partition("\n")[0] for chunk in re.split(r"^\$ ", block.group(1), flags=re.M)[1:]]
            body = "".join(f"$ {c}\n{actual[c]}\n" if actual[c] else f"$ {c}\n" for c in commands)
            return f"```console\n{body}```"

        README.write_text(BLOCK.sub(render, text), encoding="utf-8")
        return
    for command, expected in pairs:
        assert actual[command] == expected, f"README example drifted: $ {command}"


def test_every_command_is_documented():
    from lawgraph.cli import cli

    text = README.read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"lawgraph {name}" in text, name
