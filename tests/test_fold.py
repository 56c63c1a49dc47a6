"""The folded view: simplified, half-width, artefacts repaired; every view span maps back to the original."""

from __future__ import annotations

import pytest

from lawgraph.fold import fold, plain_text


@pytest.mark.parametrize(
    ("original", "expected_view"),
    [
        ("法治保障?,F將有關情況報告如下", "法治保障。现将有关情况报告如下"),
        ("按時辦結率99.19%%,回訪率", "按时办结率99.19%,回访率"),
        ("受理１２３件，辦結", "受理123件,办结"),
        ("辦結率９９．１９％％，回訪率", "办结率99.19%,回访率"),
        ("呂梁市政府", "吕梁市政府"),
        ("推進「放管服」改革，『三項制度』", "推进“放管服”改革,“三项制度”"),  # 『』 alone are quotes too
        ('推进"放管服"改革和"一网通办",共3"件', '推进“放管服”改革和“一网通办”,共3"件'),
        ("深化‘放管服’改革,“推进‘一网通办’改革”", "深化“放管服”改革,“推进‘一网通办’改革”"),
        ("深化'一网通办'改革,Xi's 'plan'", "深化“一网通办”改革,Xi's “plan”"),
        ("深化&ldquo;放管服&rdquo;改革&nbsp;&#8220;一网通办&#8221;,AT&T &foo;",
         "深化“放管服”改革 “一网通办”,AT&T &foo;"),
        ("市司法局印发<<宜昌市行政执法公示办法>>,a << b", "市司法局印发《宜昌市行政执法公示办法》,a << b"),
        ("plain ascii ? text", "plain ascii ? text"),
        ("中办、 国办印发《意见》。\u3000全市\u200b推进,\xa0市委, 市政府; a, b",
         "中办、国办印发《意见》。全市推进,市委,市政府;a, b"),
        ("聊 城 市 人 民 政 府\n泽 州 县 2 0 2 2 年 度 报  告\n中共中央 国务院 关于 2017 年\n合计 5 3 2 1",
         "聊城市人民政府\n泽州县2022年度报告\n中共中央 国务院 关于 2017 年\n合计 5 3 2 1"),
    ],
    ids=["misaligned-gbk", "doubled-percent", "full-width", "full-width-doubled-percent", "traditional",
         "corner-quotes", "straight-quotes", "single-quotes-outside-double", "straight-single-quotes",
         "html-character-references", "angle-bracket-titles", "question-mark-kept", "spaces-after-punctuation",
         "letter-spaced-lines"],
)
def test_view_text(original, expected_view):
    assert fold(original).text == expected_view


def test_view_spans_map_back_to_the_original():
    original = "保障?,F將有關情況報告如下。按時辦結率99.19%%,回訪率"
    view = fold(original)
    at = view.text.index("现将")
    start, end = view.to_original(at, at + 2)
    assert original[start:end] == ",F將"  # 现 maps into the repaired run, 将 to itself
    at = view.text.index("99.19%")
    start, end = view.to_original(at, at + len("99.19%"))
    assert original[start:end] == "99.19%"
    at = view.text.index("回访率")
    assert original[slice(*view.to_original(at, at + 3))] == "回訪率"


def test_lines_wrapped_at_a_page_width_are_read_through():
    paragraph = "市司法局牵头开展行政执法案卷评查，共评查案卷一百二十六卷，发现问题并督促整改到位，" * 6
    lines = [paragraph[i:i + 30] for i in range(0, len(paragraph), 30)]
    text = "一、依法行政\n" + "\r\n".join(lines) + "。\n二、下一步\n" + "\n".join(lines[:4]) + "。\n"
    text = text.replace(lines[3] + "\r\n", lines[3] + "\r\n\f- 2 -\r\n\f")  # a page ends inside the paragraph
    view = fold(text).text
    assert paragraph.replace("，", ",") in view  # every wrap of the first paragraph is read through, \r\n too
    assert "一、依法行政\n" in view and "。\n二、下一步\n" in view  # headings keep their lines


@pytest.mark.parametrize("text", [
    "一、依法行政\n" + "\n".join(["市司法局开展行政执法案卷评查工作"] * 12),  # a list of short lines
    "一、依法行政\n" + "\n".join(["市司法局牵头开展行政执法案卷评查，发现问题并督促整改到位。" * 2] * 12),
    "\n" * 12,
], ids=["short-lines", "one-paragraph-a-line", "only-breaks"])
def test_lines_that_are_not_wrapped_stay(text):
    assert fold(text).text.count("\n") == text.count("\n")


def test_a_name_across_a_page_break_is_one_line():
    assert plain_text("市司\n\f- 1 -\n\f法局") == "市司法局"
    assert plain_text("市司 \r\n 法局") == "市司法局"
    assert plain_text("市司法局") == "市司法局"
    assert plain_text("&ldquo;放管服&rdquo;改革") == "“放管服”改革"


def test_pinyin_glosses_of_a_mirrored_page_are_read_past_and_offsets_kept():
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    text = ("呂梁市2023年法治政府建設年度報告\n\n"
            "市司(sī)法局統(tǒng)一印發《呂梁市行政執(zhí)法條例》，辦理案件12件(jian)。\n")
    extraction = extract(Document("t", text, "utf-8"))
    assert "统一印发" in extraction.doc.view.text  # the view: simplified, glosses dropped
    names = {e.kind: e for e in extraction.entities}
    assert names["Agency"].names == ["市司法局"]  # the name as read
    assert [text[m.start:m.end] for m in names["Agency"].mentions] == ["市司(sī)法局"]  # the span as written
    assert names["Regulation"].names == ["呂梁市行政執法條例"]
    assert [text[m.start:m.end] for m in extraction.metrics] == ["12件"]
    # A text with no tone-marked gloss keeps its parentheses: (试行), (jian) alone are not pinyin.
    assert extract(Document("t", "办法(试行)和(jian)。\n", "utf-8")).doc.view.text == "办法(试行)和(jian)。\n"


def test_a_name_copied_with_a_mirrored_pages_pinyin_is_the_same_name():
    from lawgraph.evaluate import fold_name

    assert fold_name("推進依法行政工作領(lǐng)導小組") == fold_name("推进依法行政工作领导小组")
    assert fold_name("法治政府建设实施纲要(2021-2025年)") != fold_name("法治政府建设实施纲要")  # no gloss to drop
