"""A development zone's report is about the zone: found from its title or opening, typed lg:Zone in the graph
and scored as the report's jurisdiction."""

from __future__ import annotations

import json

import pytest

from lawgraph import gazetteer
from lawgraph.build import extract_report
from lawgraph.document import Document
from lawgraph.evaluate import evaluate_one
from lawgraph.extract.pipeline import extract
from lawgraph.validate import validate

from .test_validate import nt


@pytest.mark.parametrize(("text", "zone", "within"), [
    ("2025年天津经济技术开发区法治政府建设情况报告\n\n2025年,开发区坚持依法行政。\n", "天津经济技术开发区", "天津市"),
    ("2021年,在市委、市政府的正确领导下,大鹏新区坚持以习近平法治思想为指导。\n", "大鹏新区", None),
    ("2024年,广西-东盟经济技术开发区(以下简称“广西-东盟经开区”)深入贯彻落实。\n", "广西-东盟经济技术开发区",
     "广西壮族自治区"),
    ("深圳市深汕特别合作区2022年法治政府建设年度报告\n\n2022年,区党工委、管委会高度重视法治。\n", "深汕特别合作区",
     "深圳市"),
    ("武汉经开区统计局关于2025年度法治政府建设情况的报告\n\n2025年,我局坚持依法统计。\n", "武汉经开区", "武汉市"),
], ids=["titled-after-its-year", "subject-of-the-opening", "two-names-by-a-hyphen", "city-before-the-zone",
        "a-zones-department"])
def test_a_zones_report_is_about_the_zone(text, zone, within):
    extraction = extract(Document("t", text, "utf-8"))
    assert extraction.zone is not None and extraction.zone.text == zone
    assert text[extraction.zone.start:extraction.zone.end] == zone
    lies_in = extraction.zone.data["within"]
    assert (gazetteer.load().by_code[lies_in].name if lies_in else None) == within


@pytest.mark.parametrize("text", [
    "天津市滨海新区2024年法治政府建设情况报告\n\n2024年,新区坚持依法行政。\n",  # 滨海新区 is a division
    "浦东新区2023年法治政府建设情况报告\n\n2023年,浦东新区坚持依法行政。\n",
    "高新区2020年法治政府建设工作情况报告\n\n2020年,高新区坚持依法行政。\n",  # no name of its own
    "汝城县经济开发区2023年法治政府建设情况报告\n\n2023年,开发区坚持依法行政。\n",  # a county's zone: the county's
    "2025年,新区司法局在新区党工委、管委会的坚强领导下,坚持依法行政。\n",  # an organ, not a name
    "吕梁市2023年法治政府建设年度报告\n\n2023年,全市推进高新区建设。\n",
], ids=["a-division-named-new-area", "pudong", "bare-kind", "a-countys-zone", "an-organ-before-the-kind",
        "a-city-naming-a-zone"])
def test_no_zone(text):
    assert extract(Document("t", text, "utf-8")).zone is None


def test_the_zone_in_the_graph_conforms_to_the_shapes(tmp_path):
    path = tmp_path / "tianjin.txt"
    path.write_text("2025年天津经济技术开发区法治政府建设情况报告\n\n2025年,开发区坚持依法行政,办理案件12件。\n",
                    encoding="utf-8")
    _, triples = extract_report(path)
    data = nt(triples)
    assert "ontology#Zone>" in data and "ontology#zone>" in data
    zone_lines = [line for line in data.splitlines() if line.startswith("<https://w3id.org/lawgraph/id/zone/120000/")]
    assert any("division/120000" in line and "ontology#jurisdiction>" in line for line in zone_lines)
    assert any("ontology#mention>" in line for line in zone_lines)
    assert validate(data).conforms


def test_a_zone_is_scored_as_the_reports_jurisdiction(tmp_path):
    text = "2021年,在市委、市政府的坚强领导下,北京经济技术开发区坚持以习近平法治思想为指导。\n"
    (tmp_path / "zone.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "zone", "text_file": "zone.txt", "jurisdiction": "北京经济技术开发区", "year": 2021,
            "entities": [], "metrics": [], "metric_ignore": [], "relations": []}
    (tmp_path / "zone.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    score = evaluate_one(tmp_path / "zone.gold.json").scores["Jurisdiction"]
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)
