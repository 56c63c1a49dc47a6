"""A folded view of a report for matching, with a map back to the original offsets.

Extraction matches on one normal form — simplified characters, half-width ASCII, curly quotation marks,
conversion artefacts repaired, LF line ends, lines without margins — while every span it reports indexes the
untouched text. The view is built from edits of the original (a run of original characters → replacement text);
`View.to_original` maps any view span back.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

# A GBK byte stream read one byte out of step: the lead byte of a full stop (A1 A3) was lost and shown as
# "?", its trail byte A3 paired with the next lead byte as a full-width ASCII character (later narrowed to
# ASCII), and so on until a single-byte character brings the stream back in step: `?,F將` for `。現將`.
_MISALIGNED_GBK = re.compile(r"\?([!-~])([^\x00-\x7f]{0,40}?)([!-~])(?=[^\x00-\x7f])")
_DOUBLED_PERCENT = re.compile(r"[%％]{2,}")  # full-width or not
FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# str.translate looks every character of a Chinese text up in FULLWIDTH; replacing only the full-width
# characters (a few in a hundred) gives the same text at a fraction of the cost.
_FULLWIDTH_CHAR = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(wide): chr(narrow) for wide, narrow in FULLWIDTH.items()}
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Quotation marks as most reports write them, “” and ‘’: corner brackets (「」『』, traditional typesetting)
# and straight quotes (typed or scraped), paired on a line, are read as those.
_CORNER_QUOTES = {"「": "“", "」": "”", "『": "‘", "』": "’"}
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')
_STRAIGHT_SINGLE_QUOTES = re.compile(r"(?<![A-Za-z])'([^'\n]{1,40})'")  # not an apostrophe (Xi's)
_SINGLE_QUOTED = re.compile(r"‘([^‘’“”\n]{1,40})’")
# Text from a PDF (pdftotext) breaks every line at the page's width: 市司法\n局. What ends a line that is not
# only wrapped; what opens a heading.
_LINE_DONE = set("。！？；：!?;:")
_HEADING = re.compile(r"[ \t\u3000]*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]"
                      r"|[0-9]+[.、．](?![0-9])|第[一二三四五六七八九十]+部分)")
_WRAPPED_MIN = 40  # columns: narrower lines are a list, not a page
# What a page adds between its lines of text: its number (- 3 -, 第3页, 3) and the form feed before it.
_PAGE_NUMBER = (r"[ \t]*(?:[-—–][ \t]*[0-9]+[ \t]*[-—–]|第[ \t]*[0-9]+[ \t]*页(?:[ \t]*共[ \t]*[0-9]+[ \t]*页)?"
                r"|[0-9]{1,4})")
_PAGE_FURNITURE = re.compile(rf"(?:\f(?:{_PAGE_NUMBER})?|{_PAGE_NUMBER})[ \t]*\r?")  # never a blank line
# A break inside a name or heading, with the page furniture it may carry.
_LINE_BREAKS = re.compile(rf"[ \t]*\r?\n(?:{_PAGE_FURNITURE.pattern}\n)*\f?[ \t]*")
# A web page's character references left in scraped text (&ldquo;放管服&rdquo;, &nbsp;, &#8220;).
_ANGLE_TITLE = re.compile(r"<<([^<>\n]{1,80})>>")
_CHARACTER_REFERENCE = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")
_SPACES = re.compile(r"[ \t\u3000\xa0\u200b-\u200d\u2060\ufeff]+")  # what a margin is made of (see margins)
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")  # zero-width characters a web page leaves in its text
_INVISIBLE_RUN = re.compile(f"[{''.join(sorted(_INVISIBLE))}]+")
# Chinese punctuation, and ASCII punctuation right after a Chinese character (市委, 市政府): a space after it
# separates nothing.
_PAUSES = frozenset("、，。；：！？")
_ASCII_PAUSES = frozenset(",;:!?")
# A line set letter-spaced (a title or signature in a Word file or a PDF: 法 治 政 府 建 设 报 告): single
# characters, at least three of them Chinese, each apart from the next by a space or two.
_SPACED_UNIT = r"[\u4e00-\u9fff0-9()（）《》“”、〇]"
_LETTER_SPACED = re.compile(rf"(?<!\S){_SPACED_UNIT}(?:[ \u3000]{{1,3}}{_SPACED_UNIT}){{3,}}(?!\S)")
_LETTER_GAP = re.compile(r"[ \u3000]+")
_SPACED_INSIDE = re.compile(rf"[ \u3000]{_SPACED_UNIT}[ \u3000]")  # what such a run holds: a quick test first
# 2021—2025 is also typed 2021-2025, 2021–2025, 2021～2025 or 2021――2025.
_RANGE_DASH = re.compile(r"(?<=[0-9])[-–~～―—]+(?=[0-9])")


@dataclass(frozen=True, slots=True)
class View:
    """Folded text; `starts[i]`/`ends[i]` are the original offsets of the run view character i came from."""

    text: str
    starts: array
    ends: array
    repaired: tuple[tuple[int, int], ...] = ()  # original runs rewritten by an artefact repair
    converted: bool = True  # whether folding to simplified changed a character (False: only ASCII was narrowed)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span [start, end) to the smallest original span that covers it."""
        if end <= start:
            point = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return point, point
        return self.starts[start], self.ends[end - 1]


def _realign_gbk(match: re.Match[str]) -> str | None:
    """Decode a misaligned-GBK run back into the characters it stood for, or None if it is not one."""
    first, middle, last = match.groups()
    try:
        body = middle.encode("gbk")
    except UnicodeEncodeError:
        return None
    raw = bytes([0xA1, 0xA3, ord(first) | 0x80]) + body + last.encode("ascii")
    try:
        repaired = raw.decode("gbk")
    except UnicodeDecodeError:
        return None
    # Only accept a repair that reads as Chinese prose starting with punctuation.
    if not repaired.startswith("。") or not _CJK.search(repaired):
        return None
    return repaired


def artefact_edits(text: str) -> list[tuple[int, int, str]]:
    """Edits (start, end, replacement) that undo known conversion artefacts, sorted and disjoint."""
    edits: list[tuple[int, int, str]] = []
    for match in _MISALIGNED_GBK.finditer(text):
        repaired = _realign_gbk(match)
        if repaired is not None:
            edits.append((match.start(), match.end(), repaired))
    if "%%" in text or "％" in text:  # a literal test first: the class is tried at every character
        for match in _DOUBLED_PERCENT.finditer(text):
            edits.append((match.start() + 1, match.end(), ""))  # keep the first %, drop its echoes
    return _disjoint(edits)


def _disjoint(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The edits in text order, each dropped that starts inside the one before it."""
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(edits):
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    # Hong Kong's forms (衞, 羣, 綫) folded too; on other traditional text it reads as t2s. Not tw2s: its phrase
    # table takes simplified 显著 for Taiwan's 顯著 (着).
    return opencc.OpenCC("hk2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, one character for one character (OpenCC, checked line by line)."""
    converter = _t2s()
    converted = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length somewhere: fall back to characters for the lines it touched.
    out = []
    for line in text.splitlines(keepends=True):
        folded = converter.convert(line)
        if len(folded) != len(line):
            folded = "".join(c2 if len(c2 := converter.convert(c)) == 1 else c for c in line)
        out.append(folded)
    return "".join(out)


def _counting(start: int, stop: int) -> bytes:
    """start, start + 1 … stop - 1 as the machine ints of array("i"): copied from a run counted once, rather
    than counted out one Python int at a time for every report."""
    return _count_to(1 << max(16, stop.bit_length()))[start * _INT_SIZE:stop * _INT_SIZE]


_INT_SIZE = array("i").itemsize


@lru_cache(maxsize=8)
def _count_to(size: int) -> bytes:
    return array("i", range(size)).tobytes()


def narrow(text: str) -> str:
    """Full-width ASCII and the ideographic space as their ASCII forms (text.translate(FULLWIDTH)).

    A report uses a handful of them (，：（）…), each many times: one replace per character used."""
    for wide in set(_FULLWIDTH_CHAR.findall(text)):
        text = text.replace(wide, _NARROW[wide])
    return text


def curly_quotes(text: str) -> str:
    """「」『』 and paired straight quotes as “” and ‘’, and ‘’ that stand outside “” as “”, character for
    character; a straight quote left without a partner on its line stays as it is."""
    for corner, curly in _CORNER_QUOTES.items():
        if corner in text:
            text = text.replace(corner, curly)
    if '"' in text:
        text = _STRAIGHT_QUOTES.sub(r"“\1”", text)
    if "'" in text:
        text = _STRAIGHT_SINGLE_QUOTES.sub(r"‘\1’", text)
    if "‘" in text:
        text = _SINGLE_QUOTED.sub(lambda quoted: _outermost(text, quoted), text)
    return text


def _outermost(text: str, quoted: re.Match[str]) -> str:
    """‘放管服’改革 as “放管服”改革, but “推进‘放管服’改革” as it is: there ‘’ are quotes inside quotes."""
    before = text[text.rfind("\n", 0, quoted.start()) + 1:quoted.start()]
    return quoted.group() if before.count("“") > before.count("”") else f"“{quoted.group(1)}”"


# Pinyin in parentheses after a character, as some mirrored pages print it: 統(tǒng)一, 體現(xiàn). A gloss has a
# tone mark, or is a plain syllable in a text that has tone-marked ones.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ"
# A bracket after a character, or after a character and the break a PDF's wrap put there.
_AFTER_HAN = r"[(（](?:(?<=[\u4e00-\u9fff].)|(?<=[\u4e00-\u9fff]\n.))"
_PINYIN = rf"[a-zü{_TONED}\r\n]"  # (a line break too: a wrap can fall inside a gloss)
_TONED_GLOSS = re.compile(rf"{_AFTER_HAN}{_PINYIN}*[{_TONED}]{_PINYIN}*[)）]")
_ANY_GLOSS = re.compile(rf"{_AFTER_HAN}{_PINYIN}{{1,7}}[)）]")


def pinyin_glosses(text: str) -> list[tuple[int, int, str]]:
    """Edits that drop the pinyin a mirrored page printed after characters (統(tǒng)一 → 統一)."""
    if _TONED_GLOSS.search(text) is None:
        return []
    return [(match.start(), match.end(), "") for match in _ANY_GLOSS.finditer(text)]


def plain_text(text: str) -> str:
    """A heading, name or indicator as a reader sees it: on one line (without the breaks a PDF put inside it),
    HTML character references read, pinyin glosses, zero-width characters and letter-spacing dropped."""
    text = _INVISIBLE_RUN.sub("", text)
    if "(" in text or "（" in text:
        text = "".join(_without_edits(text, pinyin_glosses(text)))
    if " " in text or "\u3000" in text:
        text = "".join(_without_edits(text, letter_spacing(text)))
    if "&" in text:
        text = html.unescape(text).replace("\xa0", " ")
    return _LINE_BREAKS.sub("", text) if "\n" in text else text


def _without_edits(text: str, edits: list[tuple[int, int, str]]):
    cursor = 0
    for start, end, replacement in edits:
        yield text[cursor:start]
        yield replacement
        cursor = end
    yield text[cursor:]


def angle_titles(text: str) -> list[tuple[int, int, str]]:
    """Edits that read a title typed between doubled angle brackets, <<…>> on one line, as 《…》."""
    if "<<" not in text:
        return []
    edits = []
    for match in _ANGLE_TITLE.finditer(text):
        edits += [(match.start(), match.start() + 2, "《"), (match.end() - 2, match.end(), "》")]
    return edits


def character_references(text: str) -> list[tuple[int, int, str]]:
    """Edits that read each HTML character reference as its character (&ldquo; → “, &nbsp; → a space)."""
    if "&" not in text:
        return []
    edits = []
    for match in _CHARACTER_REFERENCE.finditer(text):
        char = html.unescape(match.group())
        if char != match.group():  # a name HTML knows
            edits.append((match.start(), match.end(), " " if char == "\xa0" else char))
    return edits


def carriage_returns(text: str, wraps: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Edits that read a Windows line end (CR LF) and an old Mac one (CR alone) as LF, so that every rule sees one
    kind of line end (a `$` of re.M stops before LF only); the CR of a break a wrap joins is left to the wrap."""
    if "\r" not in text:
        return []
    joined = {start for start, _, _ in wraps}
    return [(match.start(), match.end(), "" if text.startswith("\n", match.end()) else "\n")
            for match in re.finditer("\r", text) if match.start() not in joined]


def margins(text: str) -> list[tuple[int, int, str]]:
    """Edits that drop the spaces a line of text opens with (两个全角空格 before each paragraph, as most web pages
    and Word files of the genre indent) or closes with, those after a punctuation mark (中办、 国办印发; 。 then the
    next sentence) and zero-width characters: a heading's number, a clause's start, a list's next item then follow
    their mark, and a title ends its line."""
    edits = []
    for match in _SPACES.finditer(text):  # every run of spaces, then a test of its ends: 5× faster than lookarounds
        start, end = match.span()
        opens = start == 0 or text[start - 1] in "\r\n\f"
        closes = end == len(text) or text[end] in "\r\n"
        margin = opens != closes  # (a line of spaces only is left as it is)
        inside = not opens and (_after_pause(text, start) or _INVISIBLE.issuperset(match.group()))
        if margin or inside:
            edits.append((start, end, ""))
    return edits


def _after_pause(text: str, at: int) -> bool:
    mark = text[at - 1]
    return mark in _PAUSES or (mark in _ASCII_PAUSES and at >= 2 and _CJK.match(text, at - 2) is not None)


def letter_spacing(text: str) -> list[tuple[int, int, str]]:
    """Edits that drop the spaces of a letter-spaced run (北 京 市 人 民 政 府 → 北京市人民政府)."""
    if _SPACED_INSIDE.search(text) is None:  # (most texts: a third of the cost of the full search)
        return []
    edits = []
    for run in _LETTER_SPACED.finditer(text):
        if len(_CJK.findall(run.group())) >= 3:
            edits += [(run.start() + gap.start(), run.start() + gap.end(), "")
                      for gap in _LETTER_GAP.finditer(run.group())]
    return edits


def range_dashes(name: str) -> str:
    """A range's dash between two figures as the em dash most titles use: one name whichever was typed."""
    return _RANGE_DASH.sub("—", name)


def soft_wraps(text: str, full_lines: frozenset[int] | None = None) -> list[tuple[int, int]]:
    """The line breaks that only wrap a line at the page's width, as (start, end) of each break (\r\n too).

    A text is wrapped when at least half of its lines (or at least 8 lines holding half its text) are about as
    wide as its widest ones (the 90th percentile, at least 40 columns); then a break after such a full line is a
    wrap, unless the line ends a sentence or a clause, or the next line is blank or opens a heading. A page's
    number and form feed between the two lines go with the break. `full_lines`: the numbers of the lines that fill
    the page's width, where the file's layout says so (a PDF's, read by formats/pdf.py), rather than measured
    here."""
    lines = text.split("\n")
    if full_lines is None:
        full_lines = _measured_full_lines(text, lines)
    if not full_lines:
        return []
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    wraps = []
    for i, line in enumerate(lines):
        content = line.rstrip(" \t\r\u3000")
        if i not in full_lines or not content or content[-1] in _LINE_DONE:
            continue
        j = i + 1  # the next line of text, over a page's number and the form feed that starts a page
        while j < len(lines) and _PAGE_FURNITURE.fullmatch(lines[j]):
            j += 1
        following = lines[j].lstrip("\f") if j < len(lines) else ""
        if following.strip() and not _HEADING.match(following):
            end = starts[i] + len(line)
            wraps.append((end - 1 if line.endswith("\r") else end, starts[j] + len(lines[j]) - len(following)))
    return wraps


def _measured_full_lines(text: str, lines: list[str]) -> frozenset[int]:
    """The lines about as wide as the widest ones, in a text most of whose lines, or most of whose text, are so
    (else none)."""
    breaks = len(lines) - 1
    if breaks < 8 or len(text) > 150 * breaks:
        return frozenset()  # a line a paragraph: most reports
    # Columns: GB18030 gives Chinese characters and full-width forms two bytes, ASCII one, as a page does.
    widths = [len(raw.rstrip(" \t\r\u3000").encode("gb18030", "replace")) for raw in lines]
    measured = sorted(width for width in widths if width)
    if len(measured) < 8:
        return frozenset()
    page = measured[int(len(measured) * 0.9)]
    if page < _WRAPPED_MIN:
        return frozenset()
    full = page - max(4, page // 10)
    # Half the lines fill the page, or half the text is in lines that do (a short excerpt under a page's
    # header of short lines: 发文机关, 文件类型 …).
    filled = [width for width in measured if width >= full]
    if len(filled) < len(measured) / 2 and (len(filled) < 8 or sum(filled) < sum(measured) / 2):
        return frozenset()
    return frozenset(i for i, width in enumerate(widths) if width >= full)


def fold(text: str, full_lines: frozenset[int] | None = None) -> View:
    """Build the matching view of `text`: artefacts repaired, HTML character references read, lines wrapped by
    a PDF joined, line ends read as LF and margins dropped, <<titles>> as 《titles》, full-width ASCII narrowed,
    quotation marks made curly, simplified.
    `full_lines`: the lines that fill the page's width, where the file's layout says (see soft_wraps)."""
    starts: array = array("i")
    ends: array = array("i")
    pieces: list[str] = []
    cursor = 0
    repairs = artefact_edits(text)
    # Exact readings, unlike the repairs: names that cross them are kept.
    wraps = [(start, end, "") for start, end in soft_wraps(text, full_lines)]
    readings = (character_references(text) + angle_titles(text) + pinyin_glosses(text) + wraps
                + carriage_returns(text, wraps) + margins(text) + letter_spacing(text))
    edits = _disjoint(repairs + readings)
    for start, end, replacement in edits:
        if start > cursor:
            pieces.append(text[cursor:start])
            starts.frombytes(_counting(cursor, start))
            ends.frombytes(_counting(cursor + 1, start + 1))
        pieces.append(replacement)
        # Spread the replacement over the run it replaces, so that a sentence break inside a repaired
        # run (。现将 for ?,F將) falls between original characters too.
        width, count = end - start, len(replacement)
        for i in range(count):
            lo = start + (i * width) // count
            starts.append(lo)
            ends.append(max(lo + 1, start + ((i + 1) * width) // count) if width >= count else end)
        cursor = end
    pieces.append(text[cursor:])
    starts.frombytes(_counting(cursor, len(text)))
    ends.frombytes(_counting(cursor + 1, len(text) + 1))
    narrowed = curly_quotes(narrow("".join(pieces)))
    view = to_simplified(narrowed)
    return View(view, starts, ends, tuple((start, end) for start, end, _ in repairs), view != narrowed)
