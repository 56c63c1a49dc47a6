"""Documents and publications known by name, from lexicons of general knowledge: the national laws, the State
Council's administrative regulations, the central party regulations and plans, national and provincial newspapers.

Such a name means one thing whichever report writes it: 政府信息公开条例 in a county's report is the State
Council's regulation, 人民日报 the national paper, with or without 《》. A national one is keyed by its canonical
title with 中华人民共和国 before it, which the pipeline reads as national (scope CN) and then drops: so
《政府信息公开条例》, 政府信息公开条例 and 《中华人民共和国政府信息公开条例》 are one node across reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon

# (lexicon, kind, national)
_LEXICONS = (("laws", "Regulation", True), ("administrative_regulations", "Regulation", True),
             ("party_regulations", "Regulation", True), ("central_documents", "Regulation", True),
             ("national_press", "Publication", True), ("provincial_press", "Publication", False))
STATE = "中华人民共和国"
# The edition's years after a plan's name: 法治政府建设实施纲要(2021-2025年). The view has narrowed （）.
_YEARS = re.compile(r"\((\d{4})\s*[-—–~～至]\s*(\d{4})年?\)")
_EDITION = re.compile(r"\((?:19|20)\d{2}\)")
_TRAILING_NOTE = re.compile(r"(?:\([^()]{1,20}\))+$")
# A name that goes on into another title is not that document: 政府信息公开条例实施办法, 人民日报社.
_DERIVED = re.compile(r"(?:实施)?(?:办法|细则|条例|规定|意见|方案|规则)")
_NOT_AFTER_PRESS = set("社告道送名批备表纸")  # 人民日报社 (the organisation), 健康报告, 学习时报送
_NOT_AFTER_SITE = set("上络格站点页民")  # 人民网上办事, 中国网络
# A local document carries its place before the name (吕梁市优化营商环境条例, 本市物业管理条例), unlike a
# list of levels (中央、省市法治政府建设实施纲要).
_LEVEL_ENDS = set("省市县区州盟旗")
_LEVEL_LIST = set("省市县区、和")  # 中央和省法治政府建设实施纲要: the levels' editions of one document
# A law's name this long (行政复议法, 野生动物保护法), or a code's (民法典), is no ordinary word: a law wherever
# it stands.
_LONG_LAW = 5
_SHORT = 6  # a document's name shorter than this is found only where the text makes it one (see documents)


@dataclass(frozen=True)
class Known:
    """What a name from the lexicons names."""

    canonical: str
    kind: str  # Regulation or Publication
    national: bool
    lexicon: str

    @property
    def law_type(self) -> str | None:
        """The type 法 for a law (民法典 too), as for a law found by its ending; None for the others."""
        return "法" if self.lexicon == "laws" and self.canonical.endswith(("法", "法典")) else None

    def title(self, note: str = "") -> str:
        """The title that identifies it (with the edition's years or (试行) written after it, if any)."""
        return (STATE if self.national else "") + self.canonical + note

@lru_cache(maxsize=1)
def _known() -> dict[str, Known]:
    """Every name → what it names; a name ending in a note ((试行)) also without it."""
    known: dict[str, Known] = {}
    for name, kind, national in _LEXICONS:
        for line in lexicon.words(name):
            names = [n.strip() for n in line.split("|")]
            entry = Known(names[0], kind, national, name)
            for written in names:
                known.setdefault(written, entry)
                known.setdefault(_TRAILING_NOTE.sub("", written), entry)
    return known


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(_known()))


def lookup(title: str) -> tuple[Known, str] | None:
    """The known document or publication a title in 《》 names, and the note after it ((2021—2025年), (试行)),
    or None. `title` is read from the view (parentheses narrowed)."""
    known = _known()
    bare = title.removeprefix(STATE) or title
    if bare in known:
        return known[bare], ""
    core = _TRAILING_NOTE.sub("", bare)
    if core != bare and core in known:
        return known[core], _edition(bare[len(core):])
    return None


def _edition(note: str) -> str:
    """A note of years written one way: (2015-2020) and (2015—2020年) are one edition."""
    years = _YEARS.fullmatch(note)
    return f"({years.group(1)}—{years.group(2)}年)" if years else note


def names(view: str) -> Iterator[tuple[int, int, Known, str, bool]]:
    """(start, end, what, note, alone) of each name from the lexicons in `view`, the edition's years included in
    the span, except where it is part of another name: a local document's (吕梁市优化营商环境条例), a title
    derived from it (政府信息公开条例实施办法), the newspaper's office (人民日报社). `alone` is True for a name
    that is one wherever it stands; False for a short document's name (水法, 监督法, 宪法, 党章), which is one
    only where the text makes it one (after 学习, before a punctuation mark: see documents). A national name
    written after 中华人民共和国 takes it in (中华人民共和国行政复议法、法律援助法)."""
    known = _known()
    for match in _pattern().finditer(view):
        start, end = match.span()
        what = known[match.group()]
        if what.kind == "Publication":
            after = view[end:end + 1]
            if after in _NOT_AFTER_PRESS or (what.canonical.endswith("网") and after in _NOT_AFTER_SITE):
                continue
            edition = _EDITION.match(view, end)  # 中国法治政府评估报告(2017): the year's volume
            yield start, edition.end() if edition else end, what, edition.group() if edition else "", True
            continue
        if what.lexicon != "laws" and (_after_a_place(view, start) or _DERIVED.match(view, end)):
            continue
        alone = end - start >= (_LONG_LAW if what.lexicon == "laws" else _SHORT) or what.canonical.endswith("法典")
        if view.startswith(STATE, start - len(STATE)):
            start -= len(STATE)  # 对中华人民共和国行政复议法…进行学习: the full title is the name written
        if years := _YEARS.match(view, end):
            yield start, years.end(), what, _edition(years.group()), alone
        else:
            yield start, end, what, "", alone


def _after_a_place(view: str, start: int) -> bool:
    if start < 2 or view[start - 1] not in _LEVEL_ENDS:
        return False
    before = view[start - 2]
    return "\u4e00" <= before <= "\u9fff" and before not in _LEVEL_LIST
