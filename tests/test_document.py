"""Reading reports: every encoding met in the wild decodes to the same text; offsets index that text."""

from __future__ import annotations

import pytest

from lawgraph.document import Document, decode, read_report
from lawgraph.errors import ReportError

from .conftest import LVLIANG

SAMPLE = "一、依法行政\r\n(一)市司法局印发《呂梁市集中供熱條例》,受理案件574件。\n第二行。"
TRADITIONAL = "一、依法行政\r\n(一)市司法局印發《呂梁市集中供熱條例》,受理案件574件,辦結率99.19%。\n第二行。"


@pytest.mark.parametrize(
    ("encoding", "raw"),
    [
        ("utf-8", SAMPLE.encode("utf-8")),
        ("utf-8-sig", SAMPLE.encode("utf-8-sig")),
        ("gb18030", SAMPLE.encode("gb18030")),
        ("gb18030", "一、依法行政\n市司法局印发通知。".encode("gbk")),
        ("utf-16", SAMPLE.encode("utf-16")),  # with BOM, little endian
        ("utf-16", b"\xfe\xff" + SAMPLE.encode("utf-16-be")),
        ("cp950", TRADITIONAL.encode("cp950")),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16le-bom", "utf16be-bom", "big5"],
)
def test_each_encoding_decodes_exactly(encoding, raw):
    text, found = decode(raw)
    assert found == encoding
    assert text in (SAMPLE, "一、依法行政\n市司法局印发通知。", TRADITIONAL)


def test_newlines_are_kept_so_offsets_match_the_file():
    text, _ = decode(SAMPLE.encode("gb18030"))
    assert "\r\n" in text
    assert text.index("574") == SAMPLE.index("574")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"%PDF-1.7\n\x00\x01\x02binary", "PDF"),
        (b"\x01\x02\x00\x00binary", "binary"),
        (b"\xff\xfe\x00\xd8", "utf-16"),  # a BOM followed by a lone surrogate
        (b"\x81\x30\x81", "neither UTF-8, GB18030/GBK nor Big5"),
    ],
    ids=["pdf", "binary", "bad-utf16", "undecodable"],
)
def test_undecodable_input_is_an_error_not_garbage(raw, message):
    with pytest.raises(ReportError, match=message):
        decode(raw, "x.txt")


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        read_report(tmp_path / "nope.txt")


def test_spans_cut_their_text():
    doc = Document("t", SAMPLE, "utf-8")
    span = doc.span(SAMPLE.index("市司法局"), SAMPLE.index("市司法局") + 4, "Agency")
    assert span.text == "市司法局"
    with pytest.raises(ValueError):
        type(span)(0, 3, "Agency", "too long text")


def test_sections_of_the_lvliang_report():
    doc = read_report(LVLIANG)
    top = [s for s in doc.sections if s.level == 1]
    assert [s.number for s in top] == ["1", "2", "3", "4", "5", "6", "7"]
    assert top[0].heading.startswith("一、始終以學習貫徹習近平法治思想為主線")
    assert [s.number for s in doc.sections if s.number.startswith("5.")] == ["5.1", "5.2", "5.3", "5.4"]
    # The closing "next steps" list restarts at (一): it opens an unnumbered part of its own.
    assert top[-1].heading.startswith("2023年全市法治政府建設工作雖取得了一定成績")
    for section in doc.sections:
        assert doc.text[section.heading_start:].startswith(section.heading)


def test_sentences_tile_the_text_without_cutting_characters():
    doc = read_report(LVLIANG)
    assert len(doc.sentences) > 100
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
    # The repaired artefact ?,F將 (for 。現將) ends a sentence where 。 was meant.
    assert [s.text[-4:] for s in doc.sentences[1:3]] == ["法治保障"[-3:] + "?", "報告如下。"[-4:]]
    assert doc.sentences[2].text.startswith(",F將有關情況")
    for before, after in zip(doc.sentences, doc.sentences[1:], strict=False):
        assert before.end <= after.start
