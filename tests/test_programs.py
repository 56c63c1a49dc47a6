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
