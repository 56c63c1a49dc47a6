"""Extraction against hand annotations: the Lüliang report (issue bar) and every annotated report."""

from __future__ import annotations

import json
import re

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


@pytest.mark.parametrize("name", [*ENTITY_CLASSES, "Metric", "Indicator"])
def test_micro_f1_over_all_annotated_reports(all_scores, name):
    score = all_scores[name]
    assert score.f1 >= 0.92, f"P={score.precision:.2f} R={score.recall:.2f} missed={score.misses[:8]} " \
                             f"spurious={score.spurious[:8]}"


@pytest.mark.parametrize("kind", [kind for kinds in RELATION_KINDS.values() for kind in kinds])
def test_each_kind_of_relation_over_all_annotated_reports(all_scores, kind):
    score = all_scores[kind]
    assert score.precision >= 0.9, f"spurious: {score.spurious[:8]}"
    assert score.recall >= 0.8, f"missed: {score.misses[:8]}"


# The same report written otherwise, character for character so that every offset and annotation holds.
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


def _other_dashes_between_figures(text: str) -> str:  # 2021—2025 ↔ 2021-2025
    return re.sub(r"(?<=[0-9])[—-](?=[0-9])", lambda m: "-" if m.group() == "—" else "—", text)


def _written_otherwise() -> list:
    """(annotation file, variant) for every variant that changes the report's text."""
    from lawgraph.document import decode
    from lawgraph.evaluate import load_gold

    variants = [_other_script, _full_width_figures, _punctuation_of_the_other_width, _corner_quotes,
                _straight_quotes, _other_dashes_between_figures]
    cases = []
    for path in GOLD_FILES:
        text = decode(load_gold(path)["_text_path"].read_bytes())[0]
        cases += [pytest.param(path, text, variant, id=f"{path.stem}-{variant.__name__.strip('_')}")
                  for variant in variants if variant(text) != text]
    return cases


@pytest.mark.parametrize(("path", "text", "variant"), _written_otherwise())
def test_the_same_report_written_otherwise_scores_the_same(path, text, variant, tmp_path):
    """Nothing may be found or lost by the way the characters are written: every count, class by class, is
    the same for the report as written and as written otherwise."""
    other = variant(text)
    assert len(other) == len(text)
    (tmp_path / "report.txt").write_text(other, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")),
                                                    "text_file": "report.txt"}, ensure_ascii=False),
                                        encoding="utf-8")
    as_written, otherwise = evaluate_one(path).scores, evaluate_one(tmp_path / "gold.json").scores
    for name, score in as_written.items():
        assert (otherwise[name].tp, otherwise[name].fp, otherwise[name].fn) == (score.tp, score.fp, score.fn), \
            f"{name}: missed {otherwise[name].misses[:4]}, spurious {otherwise[name].spurious[:4]}"


def _wrapped(text: str, columns: int = 70, page: int = 0) -> tuple[str, list[int]]:
    """The text as pdftotext gives a PDF: every line broken at `columns` (a character GB18030 writes in two
    bytes takes two) and, if `page`, a form feed and a page number after every `page` lines; also the offsets
    of the text before which a character was put, once for each character."""
    lines, inserted, at = [], [], 0
    for line in text.split("\n"):
        piece, width = "", 0
        for offset, char in enumerate(line, at):
            char_width = len(char.encode("gb18030"))
            if piece and width + char_width > columns:
                lines.append(piece)
                inserted.append(offset)
                if page and len(lines) % page == 0:  # a page ends inside a paragraph
                    lines.append(f"\f- {len(lines) // page} -")
                    inserted += [offset] * (len(lines[-1]) + 1)
                piece, width = "", 0
            piece, width = piece + char, width + char_width
        lines.append(piece)
        at += len(line) + 1
    return "\n".join(lines), inserted


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_the_same_report_wrapped_as_a_pdf_scores_the_same(path, tmp_path):
    """A report converted from a PDF has every line broken at the page's width (市司法\\n局) and page numbers
    between pages: the breaks are read through, and every count is the same as for the report as written."""
    import bisect

    from lawgraph.document import decode
    from lawgraph.evaluate import load_gold

    text = decode(load_gold(path)["_text_path"].read_bytes())[0]
    wrapped, breaks = _wrapped(text, page=25)
    assert len(breaks) > 20 and "\f" in wrapped

    def moved(offset: int) -> int:
        return offset + bisect.bisect_right(breaks, offset)

    gold = json.loads(path.read_text(encoding="utf-8"))
    for metric in gold["metrics"] + gold.get("metric_ignore", []):
        metric["start"] = moved(metric["start"])
    for relation in gold.get("relations", []):
        if "metric" in relation:
            relation["metric"] = moved(int(relation["metric"]))
    (tmp_path / "report.txt").write_text(wrapped, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({**gold, "text_file": "report.txt"}, ensure_ascii=False),
                                        encoding="utf-8")
    as_written, wrapped_scores = evaluate_one(path).scores, evaluate_one(tmp_path / "gold.json").scores
    for name, score in as_written.items():
        got = wrapped_scores[name]
        assert (got.tp, got.fp, got.fn) == (score.tp, score.fp, score.fn), \
            f"{name}: missed {got.misses[:4]}, spurious {got.spurious[:4]}"


# Real reports nobody here wrote (data/real/dev: developed on; data/real/test: scored when work is finished).
# The bars hold what the dev part reached, less a margin, so that a change that loses ground there fails.
# (Indicator: 0.851 on 288 reports, 0.837 on 312 once batches 427–462 joined; their keys paraphrase more.
# Publication: 0.908 on 312, 0.887 on 336 once batches 463–498 joined, which label websites one way and another;
# on 378, once batches 535–570 joined, Indicator 0.826 and Publication 0.866: newspaper columns named one way and
# another; on 521, once batches 667–786 joined, Indicator 0.819 (0.823 on the reports before them): keys that
# paraphrase, 市直部门法治政府建设考核 for what a list counts; on 591, once batches 847–894 joined, 0.806, the
# new ones 0.667 on arrival and after: 宣讲受众 for 受众人员, 医疗机构综合监管 for 医疗机构开展综合监管.
# Regulation: 0.922 on 615, 0.919 on 658 once batches 931–1001 joined, code unchanged: plans named without 《》.
# Indicator: 0.789 on 696 once batches 1003–1061 joined, code unchanged; 0.7795 on 806 once batches 1159–1230
# joined, the same with the code before them (0.784 on the 790 before 1207–1230); 0.7698 on 912 once batches
# 1411–1438 joined, code unchanged (0.773 on the 904 before them): 乌审旗's counts of 办件 keyed by the service;
# 0.762 on 956 once batches 1447–1521 joined, code unchanged (the new 0.63 on arrival: 开办企业办结时间 for 4小时,
# 简易注销公告时间(压缩前) for 45天).
# Person raised to 0.95 once lecturers were read, 0.979 on 912.)
REAL_DEV_BARS = {"Agency": 0.93, "Regulation": 0.91, "Publication": 0.86, "Program": 0.78, "County": 0.95,
                 "City": 0.96, "Province": 0.96, "Person": 0.95, "Metric": 0.98, "Indicator": 0.755}


@pytest.fixture(scope="module")
def real_dev_scores():
    return evaluate(sorted((GOLD.parent / "real" / "dev").glob("*.gold.json")))[1]


@pytest.mark.parametrize("name", sorted(REAL_DEV_BARS))
def test_real_dev_reports_hold_their_f1(real_dev_scores, name):
    score = real_dev_scores[name]
    assert score.f1 >= REAL_DEV_BARS[name], f"P={score.precision:.2f} R={score.recall:.2f} " \
                                            f"missed={score.misses[:8]} spurious={score.spurious[:8]}"


def test_real_dev_reports_relations_jurisdictions_and_offsets(real_dev_scores):
    assert real_dev_scores["Relation.issuedBy"].f1 >= 0.84
    assert real_dev_scores["Jurisdiction"].recall >= 0.95
    assert real_dev_scores["Provenance"].fp == 0 and real_dev_scores["Provenance"].tp > 500
