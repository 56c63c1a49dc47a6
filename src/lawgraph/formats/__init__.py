"""Reports as they are published: plain text, web pages, PDF and Word files, each read into the text that
lawgraph indexes.

The format is recognised by content (a PDF starts %PDF, a .docx is a ZIP holding word/document.xml, a .doc an
OLE2 compound file, a web page opens with markup), the file name's extension only breaking ties. Each reader
returns a `Converted`: the text, what it was decoded from, and warnings. Plain text is decoded by
document.decode, never here. The readers import their libraries when first used.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from io import BytesIO

from ..errors import ReportError

# The extensions a folder is searched for (a file named on the command line is read whatever its name).
SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".pdf": "pdf",
            ".docx": "docx", ".doc": "doc"}
# The extension a fetched or converted file is kept under.
EXTENSIONS = {"txt": ".txt", "html": ".html", "pdf": ".pdf", "docx": ".docx", "doc": ".doc"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MARKUP = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                     re.I | re.S)


@dataclass(frozen=True)
class Converted:
    """A report's text as read from its file, and how."""

    text: str
    encoding: str  # the character encoding the text was decoded from ("unicode" where the format stores text so)
    format: str  # txt, html, pdf, docx, doc
    warnings: tuple[str, ...] = ()
    full_lines: frozenset[int] | None = None  # lines that fill the page's width, where the layout says (PDF)


def sniff(raw: bytes, suffix: str = "") -> str:
    """The format of a report file, by its content: html, pdf, docx, doc or txt (anything else: decoded as
    text, which refuses images, archives and binary data with their own messages)."""
    head = raw[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        return "docx" if _zip_holds(raw, "word/document.xml") else "zip"
    if raw.startswith(_OLE2):
        return "doc"
    start = _without_bom(raw[:4096])
    if _MARKUP.match(start):
        return "html"
    if suffix.lower() in (".html", ".htm", ".shtml", ".xhtml") and b"<" in start:
        return "html"  # a fragment of a page, saved without its <html>
    return "txt"


def _without_bom(raw: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf",):
        if raw.startswith(bom):
            return raw[len(bom):]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: look at it as ASCII would show
        try:
            return raw.decode("utf-16").encode("ascii", "replace")
        except UnicodeDecodeError:
            return raw
    return raw


def _zip_holds(raw: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def convert(raw: bytes, fmt: str, name: str, *, charset: str | None = None, path=None) -> Converted:
    """The text of a report file of format `fmt` (not txt): a web page's main text, a PDF's text layer, a Word
    file's paragraphs and tables. `charset` is what an HTTP server said of a fetched page."""
    if fmt == "html":
        from .webpage import page_text

        return page_text(raw, name, charset)
    if fmt == "pdf":
        from .pdf import pdf_text

        return pdf_text(raw, name)
    if fmt == "docx":
        from .word import docx_text

        return docx_text(raw, name)
    if fmt == "doc":
        from .word import doc_text

        return doc_text(raw, name, path)
    if fmt == "zip":
        raise ReportError(f"{name}: {_zip_kind(raw)}, not a report; give the report itself (.txt, .html, .pdf, "
                          ".docx or .doc)")
    raise ValueError(f"no reader for format {fmt!r}")


def _zip_kind(raw: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "a ZIP archive or Office document that cannot be opened (cut short?)"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx)"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint presentation (.pptx)"
    if "opendocument.text" in mimetype:
        return "an OpenDocument text (.odt; save it as .docx or plain text)"
    return "a ZIP archive"
