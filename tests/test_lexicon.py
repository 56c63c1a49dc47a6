"""lexicon.alternation: a trie-shaped regex that matches exactly what the longest-first alternation matches; and
the lexicons of general knowledge: each states its source, holds names, and gives a name one meaning."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawgraph import lexicon
from lawgraph.lexicon import alternation

NAME = re.compile(r"[\u4e00-\u9fff0-9()、]+")  # an entry of a lexicon of names
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


GENERAL_KNOWLEDGE = ["laws", "administrative_regulations", "party_regulations", "central_documents",
                     "national_agencies", "national_press", "provincial_press"]
NAMED_THINGS = ["laws", "administrative_regulations", "party_regulations", "central_documents", "national_press",
                "provincial_press"]


def _names(name: str) -> list[str]:
    return [n.strip() for line in lexicon.words(name) for n in line.split("|")]


@pytest.mark.parametrize("name", GENERAL_KNOWLEDGE)
def test_a_general_knowledge_lexicon_states_its_source(name):
    head = resources.files("lawgraph.lexicon").joinpath(f"{name}.txt").read_text(encoding="utf-8").split("\n\n")[0]
    assert head.startswith("#") and "Source:" in head


@pytest.mark.parametrize("name", GENERAL_KNOWLEDGE)
def test_entries_are_names(name):
    bad = [n for n in _names(name) if not NAME.fullmatch(n) or n.startswith("中华人民共和国")]
    assert bad == []


def test_a_name_means_one_thing():
    seen: dict[str, str] = {}
    twice = []
    for name in NAMED_THINGS:
        for entry in _names(name):
            if entry in seen:
                twice.append((entry, seen[entry], name))
            seen[entry] = name
    assert twice == []
    agencies = _names("national_agencies")
    assert sorted({a for a in agencies if agencies.count(a) > 1}) == []


@pytest.mark.parametrize(("name", "entries"), [
    ("laws", ["行政复议法", "民法典", "安全生产法", "食品安全法", "反垄断法", "地方组织法"]),
    ("administrative_regulations", ["政府信息公开条例", "优化营商环境条例", "重大行政决策程序暂行条例",
                                    "法规规章备案条例"]),
    ("party_regulations", ["信访工作条例", "党政主要负责人履行推进法治建设第一责任人职责规定",
                           "法治政府建设与责任落实督察工作规定"]),
    ("national_agencies", ["中共中央办公厅", "中组部", "国务院办公厅", "市场监管总局", "最高人民法院", "国务院审改办"]),
    ("national_press", ["人民日报", "光明日报", "法治日报", "检察日报", "人民法院报", "经济日报", "焦点访谈"]),
    ("national_programs", ["放管服", "证照分离", "府院联动", "府检联动"]),
], ids=["laws", "regulations", "party-regulations", "agencies", "press", "programmes"])
def test_lexicons_hold_what_reports_cite(name, entries):
    assert set(entries) <= set(_names(name))


def test_no_name_of_an_organ_is_given_twice():
    # A name on two lines of a lexicon makes two bodies of one organ (卫生健康委 beside 卫生健康委员会): one node
    # for 市卫生健康委 and another for 重庆市卫生健康委员会.
    from lawgraph import lexicon

    for name in ("agency_bodies", "national_agencies", "national_programs", "laws"):
        seen: dict[str, int] = {}
        for number, line in enumerate(lexicon.words(name)):
            for alias in (part.strip() for part in line.split("|")):
                assert seen.setdefault(alias, number) == number, f"{name}: {alias} is on two lines"
