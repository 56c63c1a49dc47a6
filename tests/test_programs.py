"""Programme rules on short texts: what a quoted name and the words after it make."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract


@pytest.mark.parametrize(("body", "names"), [
    ("开展“美丽中国，我是行动者”主题宣传活动12场次。", ["美丽中国，我是行动者主题宣传活动"]),  # the quote names it
    ("举办“普法巡回进民企法治护航促发展”吕梁学法大讲堂5期。", ["吕梁学法大讲堂"]),  # a theme, then its own name
    ("深化‘放管服’改革。", ["放管服改革"]),
], ids=["theme-of-a-campaign", "theme-then-name", "single-quotes"])
def test_programme_names(body, names):
    text = f"吕梁市2023年法治政府建设年度报告\n\n{body}\n"
    extraction = extract(Document("t", text, "utf-8"))
    assert [e.names[0] for e in extraction.entities if e.kind == "Program"] == names


def test_media_named_in_quotes_are_publications():
    text = ("宜昌市人民政府关于2023年法治政府建设情况的报告\n\n依托“宜昌司法”微信公众号、“法润宜昌”抖音号、"
            "“法治宜昌”专栏开展普法，“宜格服务”APP上线运行。\n")
    entities = extract(Document("t", text, "utf-8")).entities
    kinds = {e.names[0]: (e.kind, e.mentions[0].data.get("doc_type")) for e in entities
             if e.kind in ("Publication", "Program")}
    assert kinds == {"宜昌司法": ("Publication", "公众号"), "法润宜昌": ("Publication", "抖音号"),
                     "法治宜昌": ("Publication", "专栏"), "宜格服务": ("Program", None)}
