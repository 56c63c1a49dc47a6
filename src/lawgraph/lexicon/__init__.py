"""Lexicons of general knowledge (word lists), loaded by name."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of `<name>.txt`: one per line, `#` starts a comment, blank lines skipped."""
    raw = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in raw.splitlines())
    return tuple(entry for entry in entries if entry)


@cache
def pattern(name: str) -> re.Pattern[str]:
    """A regex that matches any entry of `<name>.txt`, the longest first."""
    return re.compile(alternation(words(name)))


def alternation(entries: Iterable[str]) -> str:
    """A regex that matches any of `entries`, the longest first where several match at one place: what
    "|".join of them sorted longest first matches, backtracking included. Spelt as a trie (行政(?:复议法|处罚法)),
    so that the regex engine tests a character once, not once for every entry that might start there."""
    trie: dict[str, dict] = {}
    for entry in entries:
        node = trie
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}  # an entry ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    if "" in node:
        return f"(?:{'|'.join(branches)})?"  # longer entries first, then the one that ends here
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
