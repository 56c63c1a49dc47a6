"""Lexicons of general knowledge (word lists), loaded by name."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of `<name>.txt`: one per line, `#` starts a comment, blank lines skipped."""
    raw = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return tuple(entry for entry in entries if entry)
