"""Bad input gets a clear one-line error naming the file and what to do, or a sensible graph with a warning."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import LVLIANG

REPORT = LVLIANG.read_text(encoding="utf-8")


def lawgraph(*args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawgraph.cli", *args], capture_output=True, text=True,
                          timeout=300, env=env)


CASES = {
    "empty": (b"", "empty file"),
    "whitespace": (b" \n\t\r\n  \n", "only white space"),
    "pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF document"),
    "png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    "docx": (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive or Office document"),
    "nul-bytes": (b"abc\x00\x00\x01\x02def", "binary data"),
    "mixed-encoding": ((REPORT[:400]).encode("utf-8") + "市司法局印发通知".encode("gbk") * 20, "mixed encodings"),
    "unknown-encoding": ("法治政府建設年度報告".encode("utf-32-le") * 30, "binary data"),
    "english": (b"This is an annual report on the rule of law in English only.\n" * 5, "no Chinese text"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_input_is_a_one_line_error(tmp_path, name):
    raw, reason = CASES[name]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(raw)
    result = lawgraph("build", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(path) in result.stderr and reason in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # 200 MB, sparse: nothing to read into memory
    result = lawgraph("build", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "200 MB" in result.stderr and "split it" in result.stderr


def test_missing_path(tmp_path):
    result = lawgraph("build", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_unreadable_file(tmp_path, monkeypatch):
    # CI runs as root, who can read a file whatever its mode: the refusal is simulated where the OS gives it.
    from pathlib import Path

    from lawgraph.document import read_report
    from lawgraph.errors import ReportError

    locked = tmp_path / "locked.txt"
    locked.write_text(REPORT, encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(ReportError, match=r"locked\.txt: permission denied; make the file readable"):
        read_report(locked)


def test_folder_without_reports(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("no report here", encoding="utf-8")
    result = lawgraph("build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "no report (.txt, .html, .pdf, .docx or .doc file) in this folder" in result.stderr


def test_a_bad_file_inside_a_folder_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"")
    result = lawgraph("build", str(folder), "--out", str(tmp_path / "out"), "--no-page")
    assert result.returncode == 0
    assert "warning: skipped" in result.stderr and "bad.txt: empty file" in result.stderr
    assert result.stdout.startswith("built 1 report(s)")


NEWS = ("新华社北京3月5日电 今天上午，十四届全国人大二次会议在人民大会堂开幕。会议听取了政府工作报告，"
        "代表们认为报告实事求是。今年经济增长预期目标为5%左右，城镇新增就业1200万人以上。") * 3


@pytest.mark.parametrize(
    ("name", "text", "warning"),
    [
        ("news", NEWS, "does not read like a rule-of-law report"),
        ("no-sections", "呂梁市法治政府建設工作。" + REPORT.split("\n", 2)[1], "no numbered sections"),
    ],
)
def test_odd_reports_give_a_graph_and_a_warning(tmp_path, name, text, warning):
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    result = lawgraph("build", str(path), "--out", str(tmp_path / "out"), "--no-page")
    assert result.returncode == 0, result.stderr
    assert warning in result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 500


@pytest.mark.parametrize(
    ("numbering", "expected"),
    [
        ("第一部分 依法行政\n內容。\n第二部分 基層治理\n內容。", ["1", "2"]),
        ("1.依法行政。內容。\n2.基層治理。內容。", ["1", "2"]),
        ("一、依法行政\n（一）規范執法。內容。\n（二）強化監督。內容。", ["1", "1.1", "1.2"]),
    ],
    ids=["di-bufen", "arabic", "full-width-brackets"],
)
def test_other_numbering_styles_give_sections(numbering, expected):
    from lawgraph.document import Document

    doc = Document("t", numbering, "utf-8")
    assert [s.number for s in doc.sections] == expected
