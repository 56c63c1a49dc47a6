"""Report metadata from the header and the opening: title, publisher, publication date, reporting year."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..fold import plain_text

_SOURCE = re.compile(r"(?:来源|发布机关|发布机构|发布单位|发文机关|发文单位)\s*[:：]\s*([^\s:：]{2,30})")
_DATE = re.compile(r"(?:更新时间|发布时间|发布日期|成文日期|日期|时间)\s*[:：]\s*"
                   r"(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})")
_CLOSING_DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.M)
_TITLE_YEAR = re.compile(r"(\d{4})年(?:度)?(?:法治政府建设|法治建设|工作|依法行政)")
_OPENING_YEAR = re.compile(r"((?:19|20)\d{2})年(?![0-9]{1,2}月)")  # not a date (2016年01月05日)
_YEAR = re.compile(r"((?:19|20)\d{2})年")
TITLE_MARKS = re.compile(r"《[^《》\n]*》")  # a cited title, brackets and all
# A section's heading (一、工作进展情况, (二)…情况) is no title.
_TITLE_LINE = re.compile(r"^[ \t]*(?![一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|[0-9]+[.、])"
                         r"([^\n。]{6,80}(?:报告|情况))[ \t]*$", re.M)


HEAD = 600  # characters: a report's title, header lines and addressee stand within them


def title_line(view: str) -> tuple[int, int] | None:
    """The view span of a report's title: the first line of its head that reads as one (…报告, …情况), the
    first line or one after a web page's header lines (索引号:…, 发布机构:…)."""
    found = _TITLE_LINE.search(view, 0, HEAD)
    return found.span(1) if found else None


@dataclass(frozen=True, slots=True)
class ReportInfo:
    title: str | None
    publisher: str | None  # as written, e.g. 市司法局
    publisher_span: tuple[int, int] | None  # where the header names it
    published: str | None  # ISO date
    year: int | None


def read_info(doc: Document) -> ReportInfo:
    view = doc.view.text
    head = view[:HEAD]
    title = None
    if found := title_line(view):
        title = plain_text(doc.text[slice(*doc.view.to_original(*found))])  # without glosses, wraps, letter-spacing
    publisher, publisher_span = None, None
    if source := _SOURCE.search(head):
        publisher_span = doc.view.to_original(*source.span(1))
        publisher = doc.text[slice(*publisher_span)]
    published = None
    if date := (_DATE.search(head) or _CLOSING_DATE.search(view[-200:])):
        year, month, day = (int(g) for g in date.groups())
        published = f"{year:04d}-{month:02d}-{day:02d}"
    return ReportInfo(title, publisher, publisher_span, published, _reporting_year(view))


def _reporting_year(view: str) -> int | None:
    """The year a report is about: the first year of its title (关于2023年度…的报告, …2015年推进依法行政工作情况及2016年
    工作打算); else of its opening, which is the text's start when it has no title (2024年，山西省委…)."""
    title = title_line(view)
    if title and (found := _YEAR.search(view, *title)):
        return int(found.group(1))
    opening = title[1] if title else 0
    # A year inside a cited title is that document's (落实《…纲要(2021-2025年)》), not the report's.
    cited = [m.span() for m in TITLE_MARKS.finditer(view, opening, opening + 400)]
    found = next((m for m in _OPENING_YEAR.finditer(view, opening, opening + 400)
                  if not any(s <= m.start() < e for s, e in cited)), None) or _TITLE_YEAR.search(view[:400])
    return int(found.group(1)) if found else None
