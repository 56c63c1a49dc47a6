"""lexicon.alternation: a trie-shaped regex that matches exactly what the longest-first alternation matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawgraph.lexicon import alternation

entries = st.sets(st.text(alphabet="ab(行政法", min_size=1, max_size=4), min_size=1, max_size=8)
texts = st.text(alphabet="ab(行政法x", max_size=16)
# Contexts that make the engine backtrack into the alternation (a longer entry first, then shorter ones).
CONTEXTS = ["{}", "{}b", "(?:{})+政$", "x?{}法", "(?:{}){{2}}"]


def longest_first(words: set[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


@pytest.mark.parametrize("context", CONTEXTS)
@given(words=entries, text=texts)
def test_alternation_matches_as_the_longest_first_alternation(context, words, text):
    expected = re.compile(context.format(longest_first(words)))
    found = re.compile(context.format(f"(?:{alternation(words)})"))
    assert [m.span() for m in found.finditer(text)] == [m.span() for m in expected.finditer(text)]


@pytest.mark.parametrize(("words", "pattern"), [
    (["行政复议法", "行政处罚法"], "行政(?:复议法|处罚法)"),
    (["ab", "abc", "a"], "a(?:b(?:c)?)?"),
    (["%", "("], r"(?:%|\()"),
], ids=["shared-prefix", "nested", "escaped"])
def test_alternation_spelling(words, pattern):
    assert alternation(words) == pattern
