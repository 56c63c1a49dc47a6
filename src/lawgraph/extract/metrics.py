"""Metrics: every quantity the report states — a number (12,345 too), 万/亿 applied, its qualifier and unit,
and an indicator taken from the clause that says what is counted. A space may stand between figure and unit
(123 件, as PDF exports leave it).

Numbers that are not quantities are left out: years and dates (2023年, 3.15), ordinals (第9次), numbers
with no unit after them (12345热线), runs of digits too long to count anything (codes, serial numbers), and
numbers inside titles or quoted names (the pipeline drops those, since it knows the titles). Chinese
numerals count only when they are data (一千二百件, 三十余家, 近千名), not small enumerations (三种方式) or words
of the text (十项重点工作, 千头万绪, 百年).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from .. import lexicon
from ..document import Document
from . import Found

_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "万亿": Decimal(10**12), "": Decimal(1)}
_QUALIFIER_AFTER = r"余|多|以上|左右|以内|以下|上下"
# 123 件, 12.5 万元: a space between figure and unit, as PDF exports and spaced typesetting leave it
_GAP = "[ \u00a0]"
# Leading character class: a search tries the words only where one of them could start.
_QUALIFIER_BEFORE = re.compile(r"(?=[近约超逾达共累合不仅])"
                               r"(?:近|约|超过|超|逾|达到|达|共计|共|累计|合计|不足|不到|仅)$")
_QUALIFIER_BEFORE_KEPT = ("近", "约", "超过", "超", "逾", "不足", "不到")  # the others only say it was counted
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?\n]")
_UP_TO_LAST_BREAK = re.compile(rf".*{_CLAUSE_BREAK.pattern}", re.S)  # greedy: ends after the last break
_DIGIT = re.compile(r"[0-9]")
_SPACES = (" ", "\u00a0")
_LIST_JOIN = re.compile(r"[、和及与]")
_CN_SCALE = re.compile("[十百千万亿]")
_CN_DIGITS = "零〇一二两三四五六七八九"
_CN_NUMBER = rf"[{_CN_DIGITS}十百千万亿]*[十百千万亿][{_CN_DIGITS}十百千万亿]*|[{_CN_DIGITS}]+"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_RANGE_JOIN = r"(?:至|到|—|－|-|~|～)"
# No report counts 10^16 of anything (a year's national budget is ~10^13 yuan): a longer run of digits is a code
# or a serial number. Oxigraph's xsd:decimal stops at ~1.7×10^20 and 18 places after the point.
_LARGEST = Decimal(10) ** 16
_INDICATOR_MAX = 30
_CHANGED_TO = re.compile(r"(?:提高|提升|增加|增长|上升|扩大|压减|压缩|减少|降低|下降|缩短|缩减|降|减)?(?:至|到)")
_CHANGE_ON_LAST_YEAR = re.compile(r"[、,，]?(?:同比|比上年|较上年|比去年|较去年)"
                                  r"(?:增加|增长|上升|提高|减少|下降|降低)了?")
# Words at the edge of an indicator that say nothing about what is counted.
# (Not where the character opens a word of what is counted: 及格率, 和解率, 从轻处罚, 在线办理率, 达标率, 有效投诉.)
_LEADING_FILLER = re.compile(r"^(?:其中|并(?!联)|和(?![解谐])|及(?![格时])|与(?!会)|共计|累计|全年|今年|以来|目前"
                             r"|同时|另有|为(?!民)|向|对(?!外)|从(?![轻宽严重])|在(?![线岗编建办])|达到|达(?!标)|有(?![效关])|"
                             r"的|、|”|“|\([一二三四五六七八九十0-9]+\)|[一二三四五六七八九十]+、|[0-9]+\.(?![0-9]))+")
_TRAILING_WORDS = ("和", "及", "与", "等", "、", "的", "共", "累计", "合计", "达到", "达", "为", "约", "近", "超过",
                   "超", "逾", "均", "都", "分别", "(")
_TRAILING_FILLER = re.compile(f"(?:{'|'.join(map(re.escape, _TRAILING_WORDS))})+$")
_UNIT_NOTE = re.compile(r"[(（][\u4e00-\u9fff]{1,2}[)）]")
# A quantity as found, before its indicator: (start, end, end after a trailing qualifier, data).
_Quantity = tuple[int, int, int, dict]


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    units = lexicon.alternation(lexicon.words("units"))
    # 12,345件: thousands set apart by commas, else plain digits; at most 18 places (see _LARGEST)
    number = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]{1,18}(?![0-9]))?"
    # Every match starts with a digit; said first, it lets the regex engine skip the rest of the text quickly.
    return re.compile(
        rf"(?=[0-9{_CN_DIGITS}十百千万亿])(?:"
        rf"(?P<low>{number}(?P<low_pct>%)?){_RANGE_JOIN}(?=[0-9])"  # a range: the lower bound, then
        rf"|(?P<num>{number}|{_CN_NUMBER})(?P<gap>{_GAP})?(?P<q1>{_QUALIFIER_AFTER})?(?P<mult>万亿|万|亿)?"
        rf"(?P<q2>{_QUALIFIER_AFTER})?(?P<unit>{units})(?P<q3>{_QUALIFIER_AFTER})?)")


def chinese_number(text: str) -> Decimal | None:
    """一千二百 → 1200, 三十 → 30, 两万 → 20000; None if it is not a well-formed numeral."""
    total, section, digit = Decimal(0), Decimal(0), None
    for char in text:
        if char in _CN_VALUE:
            digit = Decimal(_CN_VALUE[char])
        elif char in "十百千":
            scale = Decimal({"十": 10, "百": 100, "千": 1000}[char])
            section += (digit if digit is not None else 1) * scale
            digit = None
        elif char in "万亿":
            scale = Decimal(10_000 if char == "万" else 100_000_000)
            total = (total + section + (digit or 0)) * scale
            section, digit = Decimal(0), None
        else:
            return None
    return total + section + (digit or 0)


def _chinese_data(view: str, start: int, number: str, value: Decimal, qualifier: str | None) -> bool:
    """Whether a figure in Chinese numerals is data: counted (一千二百件, 三十余家, 近千名), not a word of the text
    (十项重点工作, 千头万绪, 百年, 突破千万户): it has a qualifier, or is at least twenty and opens on a digit."""
    if qualifier or _QUALIFIER_BEFORE.search(view, max(0, start - 4), start):
        return True
    return value >= 20 and number[0] in _CN_VALUE


def find_metrics(doc: Document) -> list[Found]:
    view = doc.view.text
    quantities: list[_Quantity] = []
    pending_low: tuple[int, int, Decimal] | None = None  # a range's lower bound (start, end), waiting for its upper
    for match in _pattern().finditer(view):
        low, number, q1, mult, q2, unit, q3 = match.group("low", "num", "q1", "mult", "q2", "unit", "q3")
        if low:
            pending_low = (match.start(), match.end(), Decimal(low.rstrip("%").replace(",", "")))
            continue
        start, end = match.span()
        is_arabic = number[0].isdigit()
        if is_arabic:
            value = Decimal(number.replace(",", ""))
        else:
            value = chinese_number(number)
            if value is None or value < 10 or not _CN_SCALE.search(number) or not _chinese_data(
                    view, start, number, value, q1 or q2 or q3):
                pending_low = None
                continue
        # 10-15天: a range joined by a hyphen, not the tail of a code (2023-15) or a date
        ranged = pending_low is not None and pending_low[1] == start and pending_low[2] < value
        if _not_a_quantity(view, start, end, number, unit, is_arabic, ranged):
            pending_low = None
            continue
        multiplier = _MULTIPLIERS[mult or ""]
        value *= multiplier
        if value >= _LARGEST or (pending_low is not None and pending_low[2] * multiplier >= _LARGEST):
            pending_low = None
            continue
        qualifier = q1 or q2 or q3 or ""
        if not qualifier:
            before = _QUALIFIER_BEFORE.search(view, max(0, start - 4), start - (view[start - 1:start] in _SPACES))
            if before and before.group() in _QUALIFIER_BEFORE_KEPT:
                qualifier = before.group()
        data = dict(value=value, unit=unit, qualifier=qualifier)
        after = end
        if q3:
            end -= len(q3)  # a qualifier after the unit is not part of the mention
        if pending_low is not None and pending_low[0] + 20 > start:
            low_start, _, low_value = pending_low
            data.update(value=low_value * multiplier, value_max=value)
            start = low_start
        pending_low = None
        quantities.append((start, end, after, data))
    return _with_indicators(view, quantities)


def _not_a_quantity(view: str, start: int, end: int, number: str, unit: str, is_arabic: bool,
                    ranged: bool = False) -> bool:
    if view[start - 1:start] in _SPACES:
        start -= 1  # 第 3 次: the word before the space
    before = view[max(0, start - 1):start]
    if before == "第" or (before and (before.isdigit() or before in ".-/·") and not (ranged and before == "-")):
        return True  # an ordinal, or the tail of a date or a code
    whole = is_arabic and "." not in number
    if unit in ("年", "日", "周") and whole and (int(number.replace(",", "")) >= 1000 or unit != "年"):
        return True  # 2023年, 3日: dates, not durations
    if unit == "年" and view[end:end + 1] in ("度", "底", "初", "末"):
        return True
    return unit in ("月", "日") or (unit == "年" and view[end:end + 1] == "月")


def _with_indicators(view: str, quantities: list[_Quantity]) -> list[Found]:
    """Give each metric the view span of the words in its clause that say what it counts.

    Right of a counter stands the thing counted (梳理269项 → 相对集中行政审批事项); where nothing stands
    there, it is named on the left (受理各类诉求80.63万件). A metric with neither looks further left.
    """
    result: list[Found] = []
    for i, (start, end, after, data) in enumerate(quantities):
        if unit_note := _UNIT_NOTE.match(view, after):
            after = unit_note.end()  # 698场(次)会前学法: the unit said again in brackets counts nothing
        clause_start = _clause_start(view, start)
        clause_end = _clause_end(view, after)  # after: past a qualifier after the unit (20%以上)
        previous = result[-1] if result and result[-1].end > clause_start else None
        prev_end = previous.end if previous else clause_start
        next_start = quantities[i + 1][0] if i + 1 < len(quantities) and quantities[i + 1][0] < clause_end \
            else clause_end
        digit = _DIGIT.search(view, after, next_start)
        right_end = digit.start() if digit else next_start
        # Tidying never widens a span: fewer than two characters on the right (most often none) are too few.
        # A list goes on after 、: 地区生产总值3806.9亿元、增长7.2% counts nothing on the right.
        listed = view.startswith("、", after)
        if view[start - 1:start] in ("由", "从"):  # 权重由4%提高至6%: what changed is named before 由
            indicator = _tidy(view, max(prev_end, start - 1 - _INDICATOR_MAX), start - 1)
        elif previous is not None and (
                (view[previous.start - 1:previous.start] in ("由", "从")
                 and _CHANGED_TO.fullmatch(view, previous.end, start))
                or _CHANGE_ON_LAST_YEAR.fullmatch(view, previous.end, start)):
            indicator = previous.data["indicator"]  # …提高至6%; 案件20186宗、同比增加31.71%: the same thing
        elif right_end - after >= 2 and not listed:
            indicator = _tidy(view, after, right_end)
        else:
            indicator = (after, after)
        if indicator[1] - indicator[0] < 2:  # nothing on the right: the words on the left
            window = max(prev_end, start - _INDICATOR_MAX)
            if window > prev_end and (cut := _LIST_JOIN.search(view, window, start)):
                window = cut.end()  # the window cut a word: start at the next item of the list instead
            indicator = _tidy(view, window, start)
        if indicator[1] - indicator[0] < 2 and previous is not None:
            indicator = previous.data["indicator"]  # 分别播出237期、316期; 471笔7.3亿元: the same thing counted
        if indicator[1] - indicator[0] < 2:
            indicator = _tidy(view, max(_clause_start(view, clause_start - 1), start - _INDICATOR_MAX), start)
        indicator = (indicator[0], min(indicator[1], indicator[0] + _INDICATOR_MAX))
        data.update(indicator=indicator, clause=(clause_start, clause_end))
        result.append(Found(start, end, "Metric", data))
    return result


def _tidy(view: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without filler words or spaces at its edges."""
    text = view[start:end]
    lead = _LEADING_FILLER.match(text.lstrip())
    start += len(text) - len(text.lstrip()) + (lead.end() if lead else 0)
    text = view[start:end].rstrip()
    end = start + len(text)
    if text.endswith(_TRAILING_WORDS):  # a quick test first: the search tries every position of the text
        end -= len(_TRAILING_FILLER.search(text).group())
    return start, max(start, end)


def _clause_start(view: str, at: int) -> int:
    """Just after the last clause break among the 79 characters before `at`, or 80 characters back; a break
    inside quotation marks (“美丽中国，我是行动者”主题宣传活动12场) is part of a name, so look before it."""
    floor = max(0, at - 79)
    last = _UP_TO_LAST_BREAK.match(view, floor, max(0, at))
    while last is not None and view.count("”", last.end(), at) > view.count("“", last.end(), at):
        last = _UP_TO_LAST_BREAK.match(view, floor, last.end() - 1)
    return last.end() if last else max(0, at - 80)


def _clause_end(view: str, at: int) -> int:
    match = _CLAUSE_BREAK.search(view, at, at + 80)
    return match.start() if match else min(len(view), at + 80)
