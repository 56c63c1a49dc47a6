"""A report as read: decoded text that is never modified, its folded view, sections and sentences.

Every offset in lawgraph indexes `Document.text`, the file decoded as it is (newlines kept).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from . import formats
from .errors import ReportError
from .fold import View, fold

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a report's text with what was found there. `text == doc.text[start:end]` always."""

    start: int
    end: int
    kind: str
    text: str
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end or len(self.text) != self.end - self.start:
            raise ValueError(f"span offsets {self.start}:{self.end} do not cut {self.text!r}")


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the report: level 1 (一、), level 2 ((一)), level 3 (1.)."""

    start: int
    end: int
    level: int
    number: str  # the path of numbers, e.g. "5.2"
    heading: str
    heading_start: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One report: `text` as decoded, `view` folded for matching, and its parts."""

    doc_id: str
    text: str
    encoding: str
    source: str = ""
    source_format: str = "txt"  # what the file was: txt, html, pdf, docx, doc (formats.sniff)
    source_sha256: str = ""  # SHA-256 of the file's bytes, as read
    url: str = ""  # where it was fetched from, if it was
    # The lines (by number) that fill the page's width, as a PDF's layout says; None: measured from the text.
    full_lines: frozenset[int] | None = field(default=None, repr=False, compare=False)
    view: View = field(init=False, repr=False)
    sections: tuple[Section, ...] = field(init=False, repr=False)
    sentences: tuple[Sentence, ...] = field(init=False, repr=False)
    script: str = field(init=False, repr=False)  # zh-Hant or zh-Hans
    warnings: tuple[str, ...] = field(init=False, repr=False, default=())
    cache: dict = field(init=False, repr=False, compare=False, default_factory=dict)  # per-document memo

    def __post_init__(self) -> None:
        view = fold(self.text, self.full_lines)
        object.__setattr__(self, "view", view)
        object.__setattr__(self, "script", _script(self.text, view))
        object.__setattr__(self, "sentences", tuple(split_sentences(self.text, view)))
        object.__setattr__(self, "sections", tuple(split_sections(self.text, view)))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def text_file(self) -> str:
        """Where a build writes `text` (UTF-8), relative to its output folder: what every offset indexes."""
        return text_file(self.doc_id)

    def structure_warnings(self) -> list[str]:
        if not self.sections:
            return [f"{self.source or self.doc_id}: no numbered sections (一、 (一) 1. 第一部分) found; "
                    "sentences are kept, sections are not"]
        return []

    def span(self, start: int, end: int, kind: str, **data: Any) -> Span:
        return Span(start, end, kind, self.text[start:end], data)

    def span_from_view(self, start: int, end: int, kind: str, **data: Any) -> Span:
        """A span of the original text covering the view span [start, end)."""
        o_start, o_end = self.view.to_original(start, end)
        return self.span(o_start, o_end, kind, **data)

    def section_at(self, offset: int) -> Section | None:
        """The innermost section containing `offset`."""
        best = None
        for section in self.sections:
            if section.start <= offset < section.end and (best is None or section.level > best.level):
                best = section
        return best

    def sentence_at(self, offset: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= offset:
            return self.sentences[lo]
        return None


def _han(text: str) -> str:
    """The Chinese characters of `text`, in order (one string: cheaper than a list of them)."""
    return _NOT_HAN.sub("", text)


def _has_han(text: str, count: int) -> bool:
    """Whether `text` has `count` Chinese characters or more (it stops looking once it has found them)."""
    return sum(1 for _ in islice(_HAN.finditer(text), count)) == count


def _script(text: str, view: View) -> str:
    """`zh-Hant` when folding to simplified changed more than 2% of the Chinese characters."""
    if not view.repaired and not view.converted:
        return "zh-Hans"  # the view is the text with full-width ASCII narrowed: the same Chinese characters
    han, folded = _han(text), _han(view.text)
    if not han:
        return "zh-Hans"
    if han == folded:
        return "zh-Hans"
    changed = 0
    for a, b in zip(han, folded, strict=False):
        if a != b:
            changed += 1
            if changed / len(han) > 0.02:  # more cannot bring it back under
                return "zh-Hant"
    return "zh-Hans"


MAX_BYTES = 20 * 1024 * 1024  # a long report is a few hundred kilobytes; far beyond this is not one report
# Signatures of binary formats often renamed .txt by crawlers.
_MAGIC = ((b"%PDF", "a PDF document; convert it to text first (for example with pdftotext)"),
          (b"\x89PNG", "a PNG image, not text"), (b"\xff\xd8\xff", "a JPEG image, not text"),
          (b"GIF8", "a GIF image, not text"),
          (b"PK\x03\x04", "a ZIP archive or Office document (.docx?); save it as plain text first"),
          (b"\xd0\xcf\x11\xe0", "an old Office document (.doc?); save it as plain text first"),
          (b"{\\rtf", "an RTF document; save it as plain text first"))
_UTF8_HAN = re.compile(rb"[\xe4-\xe9][\x80-\xbf]{2}")
_RARE = re.compile(r"[\ue000-\uf8ff\U00020000-\U0003ffff\u3400-\u4dbf]")  # private use, rare extensions


def decode(raw: bytes, name: str = "report") -> tuple[str, str]:
    """Decode a report's bytes: BOM first, then strict UTF-8, GB18030, Big5. Never guesses silently:
    binary data, mixed encodings and text that decodes only to rare characters are errors."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReportError(f"{name}: starts with a {encoding} byte-order mark but is not {encoding} "
                                  f"(byte {exc.start}); re-save it as UTF-8") from None
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ReportError(f"{name}: {what}")
    if b"\x00" in raw[:65536]:
        raise ReportError(f"{name}: binary data (NUL bytes), not a text report; give a .txt export of it")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if len(_UTF8_HAN.findall(raw[:bad])) >= 20:
        raise ReportError(f"{name}: mixed encodings (UTF-8 up to byte {bad}, then something else); "
                          "re-save the whole file as UTF-8")
    # GB18030 first (mainland files); Big5 (cp950) for traditional text saved where Big5 is the default.
    undecodable = None
    for encoding in ("gb18030", "cp950"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            undecodable = undecodable if undecodable is not None else exc.start
            continue
        han = len(_han(text))
        if not han or len(_RARE.findall(text)) <= 0.05 * han:
            return text, encoding
    if undecodable is not None:
        raise ReportError(f"{name}: neither UTF-8, GB18030/GBK nor Big5 (undecodable byte at {undecodable}); "
                          "re-save it as UTF-8")
    raise ReportError(f"{name}: unknown encoding (as GB18030 or Big5 it reads as rare characters); re-save it as UTF-8")


def check_content(text: str, name: str) -> list[str]:
    """Errors for texts there is nothing to read in; warnings for texts that may not be reports."""
    if not text.strip():
        raise ReportError(f"{name}: " + ("empty file" if not text else "only white space") + "; nothing to read")
    if not _has_han(text, 20):
        han = len(_han(text))
        raise ReportError(f"{name}: no Chinese text ({han} Chinese characters); lawgraph reads Chinese reports")
    warnings = []
    if not any(word in text for word in ("法治", "依法", "法制", "法律", "法規", "法规")):
        warnings.append(f"{name}: does not read like a rule-of-law report (no 法治/依法); extracted anyway")
    return warnings


def read_report(path: str | Path, doc_id: str | None = None, *, url: str = "", charset: str | None = None
                ) -> Document:
    """Read one report file: plain text decoded, a web page, PDF or Word file read into its text (formats.py),
    whatever its name says. `url` and `charset` are what a fetched page came with."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReportError(f"{path}: is a folder; give the report files in it, or the folder to 'build'")
        if size > MAX_BYTES:
            raise ReportError(f"{path}: {size / 2**20:.0f} MB is far more than one report (at most "
                              f"{MAX_BYTES // 2**20} MB); split it into its reports")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except PermissionError:
        raise ReportError(f"{path}: permission denied; make the file readable") from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot be read ({exc.strerror})") from None
    fmt = formats.sniff(raw, path.suffix)
    if fmt == "txt":
        text, encoding, warnings = *decode(raw, str(path)), []
    else:
        converted = formats.convert(raw, fmt, str(path), charset=charset, path=path)
        text, encoding, warnings = converted.text, converted.encoding, list(converted.warnings)
    warnings += check_content(text, str(path))
    doc = Document(doc_id or report_id(path), text, encoding, str(path), fmt, hashlib.sha256(raw).hexdigest(), url,
                   None if fmt == "txt" else converted.full_lines)
    object.__setattr__(doc, "warnings", tuple(warnings + doc.structure_warnings()))
    return doc


def text_file(doc_id: str) -> str:
    """The text of report `doc_id` as a build writes it, relative to the output folder."""
    return f"text/{doc_id}.txt"


def report_id(path: str | Path) -> str:
    """A report's identifier: its file name without extension, in lower case."""
    return Path(path).stem.lower()


# --- sentences and sections, found on the view and mapped back ---------------------------------------

_SENTENCE_END = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』)]*|\n|$)")
_HEADING_PATTERNS = (
    (1, re.compile(r"^[ \t]*(第([一二三四五六七八九十]+)部分)[、,:：.\s]*")),
    (1, re.compile(r"^[ \t]*(([一二三四五六七八九十]+)、)")),
    (2, re.compile(r"^[ \t]*([(（]([一二三四五六七八九十]+)[)）])")),
    (3, re.compile(r"^[ \t]*(([0-9]+)[.．、](?![0-9]))")),
)
_SENTENCE_STOP = re.compile(r"[。！？!?\n]")
_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def chinese_ordinal(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23 (enough for section numbers)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _NUMERALS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(ones, 0) if ones else 0)


def split_sentences(text: str, view: View) -> list[Sentence]:
    sentences = []
    for match in _SENTENCE_END.finditer(view.text):
        v_start, v_end = match.span()
        while v_start < v_end and view.text[v_start].isspace():
            v_start += 1
        while v_end > v_start and view.text[v_end - 1].isspace():
            v_end -= 1
        if v_end > v_start:
            start, end = view.to_original(v_start, v_end)
            sentences.append(Sentence(start, end, text[start:end]))
    return sentences


def split_sections(text: str, view: View) -> list[Section]:
    """Sections from heading lines; each runs to the next heading of the same or a higher level.

    A run of (一)(二)… that starts again at (一) after plain paragraphs opens an unnumbered part of its
    own (the closing "problems and next steps" of most reports), headed by its first sentence.
    """
    heads: list[tuple[int, int, int, int]] = []  # (view start, level, ordinal, view heading end)
    pos = 0
    plain_since_heading: int | None = None  # view start of the first plain line after the last heading
    for line in view.text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        for level, pattern in _HEADING_PATTERNS:
            match = pattern.match(line)
            if match:
                ordinal = chinese_ordinal(match.group(2))
                if level == 2 and ordinal == 1 and plain_since_heading is not None and _has_sibling(heads, 2):
                    heads.append((plain_since_heading, 1, _last_ordinal(heads, 1) + 1,
                                  plain_since_heading + _first_sentence_length(view.text, plain_since_heading)))
                body = line[match.end():]
                cut = len(body.rstrip("\r\n")) if level == 1 else _first_sentence_length(body)
                heads.append((pos + indent, level, ordinal, pos + match.end() + cut))
                plain_since_heading = None
                break
        else:
            if line.strip() and plain_since_heading is None and heads:
                plain_since_heading = pos + indent
        pos += len(line)
    # Levels as the report uses them: a report numbered only 1. 2. has those as its top level.
    used = sorted({head[1] for head in heads})
    heads = [(v_start, used.index(level) + 1, ordinal, end) for v_start, level, ordinal, end in heads]
    sections: list[Section] = []
    path: list[int] = []
    ends = _section_ends(heads, len(view.text))
    for (v_start, level, ordinal, v_heading_end), v_end in zip(heads, ends, strict=True):
        path = [*path[: level - 1], *([0] * max(0, level - 1 - len(path))), ordinal][:level]
        start, end = view.to_original(v_start, v_end)
        h_start, h_end = view.to_original(v_start, v_heading_end)
        heading = text[h_start:h_end].rstrip()
        sections.append(Section(start, end, level, ".".join(map(str, path)), heading, h_start))
    return sections


def _section_ends(heads: list[tuple[int, int, int, int]], size: int) -> list[int]:
    """Where each section ends: at the next heading of the same or a higher level, else at `size`."""
    ends = [size] * len(heads)
    waiting: list[int] = []  # sections not yet ended, their levels rising from bottom to top
    for i, (v_start, level, _, _) in enumerate(heads):
        while waiting and heads[waiting[-1]][1] >= level:
            ends[waiting.pop()] = v_start
        waiting.append(i)
    return ends


def _first_sentence_length(text: str, start: int = 0) -> int:
    """The length of the first sentence of text[start:], its stop included (all of it without one)."""
    stop = _SENTENCE_STOP.search(text, start)
    return (stop.end() if stop else len(text)) - start


def _has_sibling(heads: list[tuple[int, int, int, int]], level: int) -> bool:
    """Whether the current innermost parent already holds a heading of `level`."""
    for head in reversed(heads):
        if head[1] == level:
            return True
        if head[1] < level:
            return False
    return False


def _last_ordinal(heads: list[tuple[int, int, int, int]], level: int) -> int:
    return next((head[2] for head in reversed(heads) if head[1] == level), 0)
