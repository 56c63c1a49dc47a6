"""Extraction against hand annotations: the Lüliang report (issue bar) and every annotated report."""

from __future__ import annotations

import pytest

from lawgraph.evaluate import ENTITY_CLASSES, RELATION_KINDS, evaluate, evaluate_one

from .conftest import GOLD, GOLD_FILES

# What the first whole lawgraph promised on the Lüliang report: recall per class, and precision ≥ 0.90.
LVLIANG_RECALL = {"Regulation": 0.95, "County": 0.95, "City": 0.95, "Province": 0.95, "Metric": 0.95,
                  "Agency": 0.85, "Program": 0.85}


@pytest.fixture(scope="module")
def lvliang_scores():
    return evaluate_one(GOLD / "lvliang-2023.json").scores


@pytest.mark.parametrize("name", sorted(LVLIANG_RECALL))
def test_lvliang_recall(lvliang_scores, name):
    score = lvliang_scores[name]
    assert score.recall >= LVLIANG_RECALL[name], f"missed: {score.misses}"


@pytest.mark.parametrize("name", sorted(LVLIANG_RECALL))
def test_lvliang_precision(lvliang_scores, name):
    score = lvliang_scores[name]
    assert score.precision >= 0.90, f"spurious: {score.spurious}"


def test_every_mention_cuts_its_text_in_every_annotated_report():
    _, total = evaluate(GOLD_FILES)
    assert total["Provenance"].fp == 0, total["Provenance"].spurious[:5]
    assert total["Provenance"].tp > 1000


@pytest.fixture(scope="module")
def all_scores():
    return evaluate(GOLD_FILES)[1]


@pytest.mark.parametrize("name", [*ENTITY_CLASSES, "Metric"])
def test_micro_f1_over_all_annotated_reports(all_scores, name):
    score = all_scores[name]
    assert score.f1 >= 0.92, f"P={score.precision:.2f} R={score.recall:.2f} missed={score.misses[:8]} " \
                             f"spurious={score.spurious[:8]}"


@pytest.mark.parametrize("kind", [kind for kinds in RELATION_KINDS.values() for kind in kinds])
def test_each_kind_of_relation_over_all_annotated_reports(all_scores, kind):
    score = all_scores[kind]
    assert score.precision >= 0.9, f"spurious: {score.spurious[:8]}"
    assert score.recall >= 0.8, f"missed: {score.misses[:8]}"



def _other_script(text: str) -> str:
    import opencc

    simplified = opencc.OpenCC("t2s").convert(text)
    return simplified if simplified != text else opencc.OpenCC("s2t").convert(text)


def _full_width_figures(text: str) -> str:
    return text.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％"))


def _punctuation_of_the_other_width(text: str) -> str:
    return text.translate(str.maketrans("，；：（）！？,;:()!?", ",;:()!?，；：（）！？"))


def _corner_quotes(text: str) -> str:
    return text.translate(str.maketrans("“”‘’", "「」『』"))


def _straight_quotes(text: str) -> str:
    return text.translate(str.maketrans("“”", '""'))


@pytest.mark.parametrize("variant", [_other_script, _full_width_figures, _punctuation_of_the_other_width,
                                     _corner_quotes, _straight_quotes], ids=lambda v: v.__name__.strip("_"))
@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_the_same_report_written_otherwise_scores_the_same(path, variant, tmp_path):
    """Each annotated report in the other script (OpenCC, character for character), with full-width figures,
    with punctuation of the other width (，↔,), with corner-bracket quotes (「」) or with straight quotes, so
    that every offset holds, is scored against the same annotations: nothing may be found or lost by the way
    the characters are written."""
    import json

    from lawgraph.document import decode
    from lawgraph.evaluate import load_gold

    text = decode(load_gold(path)["_text_path"].read_bytes())[0]
    other = variant(text)
    assert len(other) == len(text) and sum(a != b for a, b in zip(other, text, strict=True)) > 20
    (tmp_path / "report.txt").write_text(other, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")),
                                                    "text_file": "report.txt"}, ensure_ascii=False),
                                        encoding="utf-8")
    as_written, otherwise = evaluate_one(path).scores, evaluate_one(tmp_path / "gold.json").scores
    for name, score in as_written.items():
        assert (otherwise[name].tp, otherwise[name].fp, otherwise[name].fn) == (score.tp, score.fp, score.fn), \
            f"{name}: missed {otherwise[name].misses[:4]}, spurious {otherwise[name].spurious[:4]}"
