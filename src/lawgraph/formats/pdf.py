"""A PDF's text layer, as pdftotext gives it: its lines as laid out on the page, a form feed between pages.

Lines keep the breaks the page's width put in them, and page numbers stay where they are printed: the soft-wrap
reading of fold.py reads through both (市司法\\n局), and offsets index the text as written here. PDFium
(pypdfium2) reads the layer. Where it puts a space the page does not hold (between the letters of a justified
line: 近 平 法 治), the space is left out next to a Chinese character and kept between two ASCII ones (words).
A PDF with no text layer is a scan: lawgraph does no OCR.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from dataclasses import dataclass

from ..errors import ReportError
from . import Converted

_HAN = re.compile(r"[\u4e00-\u9fff]")
_SOFT_HYPHEN = {0x02, 0xFFFE}  # PDFium's mark for a hyphen that ends a line


def pdf_text(raw: bytes, name: str) -> Converted:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise ReportError(f"{name}: a PDF protected by a password; save an unprotected copy first") from None
        raise ReportError(f"{name}: a PDF document that cannot be read ({reason.rstrip('.')}); "
                          "is it complete?") from None
    try:
        pages = [_page_lines(page) for page in document]
    finally:
        document.close()
    if not pages:
        raise ReportError(f"{name}: a PDF document that cannot be read (it has no pages); is it complete?")
    text = "\n\f".join("\n".join(line.text for line in lines) for lines in pages) + "\n"
    if len(_HAN.findall(text)) < 20:
        raise ReportError(f"{name}: a scanned PDF ({len(pages)} page(s) of images, no text layer); lawgraph does no "
                          "OCR: make it searchable first (for example ocrmypdf -l chi_sim)")
    return Converted(text, "unicode", "pdf", full_lines=_full_lines(pages))


@dataclass
class _Line:
    text: str
    right: float | None = None  # where its last letter ends (points from the page's left edge)
    size: float = 0.0  # its font size (points): about the width of a Chinese character


def _page_lines(page) -> list[_Line]:
    """The page's lines as PDFium reads them, each with where it ends."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = pdfium_c.FPDFText_CountChars(handle)
        units = [pdfium_c.FPDFText_GetUnicode(handle, i) for i in range(count)]
        lines, chars, rights, sizes = [], [], [], []
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        for i, unit in enumerate(units):
            generated = bool(pdfium_c.FPDFText_IsGenerated(handle, i))
            if unit == 0x0D:
                continue
            if unit == 0x0A:
                lines.append(_line(chars, rights, sizes))
                chars, rights, sizes = [], [], []
                continue
            if unit == 0x20 and generated and not (_ascii_at(units, i - 1) and _ascii_at(units, i + 1)):
                continue  # a gap PDFium saw between letters spaced out to fill the line
            chars.append("-" if unit in _SOFT_HYPHEN else chr(unit))
            if unit > 0x20 and not generated and pdfium_c.FPDFText_GetCharBox(handle, i, left, right, bottom, top):
                rights.append(right.value)
                sizes.append(pdfium_c.FPDFText_GetFontSize(handle, i))
        lines.append(_line(chars, rights, sizes))
    finally:
        textpage.close()
    return lines


def _line(chars: list[str], rights: list[float], sizes: list[float]) -> _Line:
    text = "".join(chars).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace").rstrip(" ")
    return _Line(text, max(rights) if rights else None, statistics.median(sizes) if sizes else 0.0)


def _ascii_at(units: list[int], i: int) -> bool:
    return 0 <= i < len(units) and 0x21 <= units[i] < 0x7F


def _full_lines(pages: list[list[_Line]]) -> frozenset[int]:
    """The numbers of the lines (counted through all pages) that run to the right margin, within two
    characters (the last one pushed to the next line because a line may not start with a comma, say). The
    margin is the page's own where enough lines reach it, else the last such page's."""
    full, number, margin = set(), 0, None
    for lines in pages:
        ends = [line.right for line in lines if line.right is not None]
        if ends:
            edge = max(ends)
            reaching = [line for line in lines if line.right is not None and line.right >= edge - 2 * line.size]
            if len(reaching) >= 3 or margin is None:
                margin = edge
        for line in lines:
            if margin is not None and line.right is not None and line.right >= margin - 2 * line.size:
                full.add(number)
            number += 1
    return frozenset(full)
