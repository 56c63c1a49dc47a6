"""Word files: .docx with python-docx (the body's paragraphs in order, each table row a line with its cells
separated by tabs; page headers and footers are not the report), .doc with Debian's antiword (or catdoc).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path

from ..errors import ReportError
from . import Converted

_TOOL_TIMEOUT = 120  # seconds for antiword or catdoc to read one file


def docx_text(raw: bytes, name: str) -> Converted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = docx.Document(BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ReportError(f"{name}: a Word (.docx) file that cannot be read ({exc}); is it complete?") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_rows(block)
        else:
            lines += block.text.split("\n")  # a line break inside a paragraph (Shift+Enter) stays one
    return Converted(_joined(lines), "unicode", "docx")


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is given once for every column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(part.strip() for part in cell.text.split("\n") if part.strip()))
        rows.append("\t".join(cells).rstrip())
    return rows


def _joined(lines: list[str]) -> str:
    """Lines as the text's paragraphs: trailing spaces dropped, runs of blank lines as one."""
    out: list[str] = []
    for line in (line.rstrip() for line in lines):
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def doc_text(raw: bytes, name: str, path: Path | None = None) -> Converted:
    """A Word 97–2003 file through antiword (UTF-8, one line a paragraph), or catdoc where antiword is missing."""
    tools = [(tool, command) for tool, command in (
        ("antiword", ["-m", "UTF-8.txt", "-w", "0"]),
        ("catdoc", ["-d", "utf-8", "-w"])) if shutil.which(tool)]
    if not tools:
        raise ReportError(f"{name}: a Word 97-2003 document (.doc); reading it needs antiword, which is not "
                          "installed (Debian/Ubuntu: apt-get install antiword); or save it as .docx")
    tool, options = tools[0]
    with tempfile.TemporaryDirectory(prefix="lawgraph-doc-") as folder:
        if path is None:
            path = Path(folder) / "report.doc"
            path.write_bytes(raw)
        try:
            result = subprocess.run([tool, *options, str(path)], capture_output=True, timeout=_TOOL_TIMEOUT,
                                    env={**os.environ, "LC_ALL": "C.UTF-8"})
        except subprocess.TimeoutExpired:
            raise ReportError(f"{name}: {tool} did not read this .doc within {_TOOL_TIMEOUT} s") from None
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReportError(f"{name}: {tool} cannot read this .doc ({reason[-1] if reason else 'no reason given'}); "
                          "save it as .docx or plain text")
    text = result.stdout.decode("utf-8", "replace")
    return Converted(_joined(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")), "unicode", "doc")
