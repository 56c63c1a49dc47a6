"""Report metadata from the head of the text: title, publisher, date, year, as web pages give them."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.report import read_info

HEADED = ("索引号：11431026MB1A23456X/2024-00123\n发布机构：汝城县司法局\n生成日期：2024-01-25\n"
          "文号：汝政发〔2024〕3号\n汝城县人民政府关于2023年法治政府建设情况的报告\n郴州市人民政府：\n2023年，我县坚持依法行政。\n")


@pytest.mark.parametrize(("text", "title", "publisher", "published", "year"), [
    ("汝城县人民政府关于2023年法治政府建设情况的报告\n\n2023年，我县坚持依法行政。\n",
     "汝城县人民政府关于2023年法治政府建设情况的报告", None, None, 2023),
    (HEADED, "汝城县人民政府关于2023年法治政府建设情况的报告", "汝城县司法局", "2024-01-25", 2023),
    ("來源:市司法局 更新時間:2024-02-27\n2023年,呂梁市堅持依法行政。\n", None, "市司法局", "2024-02-27", 2023),
], ids=["title-first", "web-page-header", "no-title"])
def test_report_info(text, title, publisher, published, year):
    info = read_info(Document("t", text, "utf-8"))
    assert (info.title, info.publisher, info.published, info.year) == (title, publisher, published, year)
