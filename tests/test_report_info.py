"""Report metadata from the head of the text: title, publisher, date, year, as web pages give them."""

from __future__ import annotations

import pytest

from lawgraph.document import Document, read_report
from lawgraph.extract.report import read_info

HEADED = ("索引号：11431026MB1A23456X/2024-00123\n发布机构：汝城县司法局\n生成日期：2024-01-25\n"
          "文号：汝政发〔2024〕3号\n汝城县人民政府关于2023年法治政府建设情况的报告\n郴州市人民政府：\n2023年，我县坚持依法行政。\n")


@pytest.mark.parametrize(("text", "title", "publisher", "published", "year"), [
    ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n2023年，我县坚持依法行政。\n",
     "汝城县人民政府关于2023年法治政府建设情况的报告", None, None, 2023),
    (HEADED, "汝城县人民政府关于2023年法治政府建设情况的报告", "汝城县司法局", "2024-01-25", 2023),
    ("來源:市司法局 更新時間:2024-02-27\n2023年,呂梁市堅持依法行政。\n", None, "市司法局", "2024-02-27", 2023),
    ("2025年陇西县法治政府建设情况\n 日期 : 2026-01-15  文章来源 : 司法局  字号 : [  ]\n2025年,陇西县坚持依法行政。\n",
     "2025年陇西县法治政府建设情况", "司法局", "2026-01-15", 2025),
], ids=["title-first", "web-page-header", "no-title", "spaced-colons"])
def test_report_info(text, title, publisher, published, year):
    info = read_info(Document("t", text, "utf-8"))
    assert (info.title, info.publisher, info.published, info.year) == (title, publisher, published, year)


@pytest.mark.parametrize(("text", "year"), [
    # The title's first year; with no title, the opening's; a heading is no title, a date no year.
    ("厦门市海沧区政府2015年推进依法行政工作情况及2016年工作打算\n\n2015年,是海沧区…的一年。\n", 2015),
    ("2024年,山西省委、省政府坚持依法行政。\n\n一、强化政治引领\n", 2024),
    ("2025年,城中区坚持依法行政。现将工作开展情况报告如下:\n一、工作进展情况\n(一)强化引领。\n", 2025),
    ("自治区人民政府关于依法行政情况的报告\n\n2016年01月05日 11:53\n2015年,自治区坚持依法行政。\n", 2015),
    # A year inside a title the opening cites is that document's.
    ("根据《法治政府建设实施纲要(2021—2025年)》要求,现将情况报告如下。\n一、总体情况\n2023年,我局依法行政。\n", 2023),
], ids=["title", "opening", "heading-is-no-title", "date-is-no-year", "cited-title-is-no-year"])
def test_the_reporting_year(text, year):
    assert read_info(Document("t", text, "utf-8")).year == year


def test_the_reporting_year_of_the_real_dev_reports():
    import json

    from .conftest import ROOT

    golds = sorted((ROOT / "data" / "real" / "dev").glob("*.gold.json"))
    right = 0
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        right += read_info(read_report(path.parent / gold["text_file"])).year == gold["year"]
    assert right / len(golds) >= 0.98, f"{right} of {len(golds)}"
