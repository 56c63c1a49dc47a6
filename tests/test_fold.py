"""The folded view: simplified, half-width, artefacts repaired; every view span maps back to the original."""

from __future__ import annotations

import pytest

from lawgraph.fold import fold


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
        ("plain ascii ? text", "plain ascii ? text"),
    ],
    ids=["misaligned-gbk", "doubled-percent", "full-width", "full-width-doubled-percent", "traditional",
         "corner-quotes", "straight-quotes", "single-quotes-outside-double", "straight-single-quotes",
         "question-mark-kept"],
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
