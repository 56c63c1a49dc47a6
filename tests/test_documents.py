"""Document identity on short texts: one node for the names a document goes by."""

from __future__ import annotations

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract

TITLE = "汝城县人民政府关于2023年法治政府建设情况的报告\n\n"


@pytest.mark.parametrize(("body", "keys"), [
    ("学习《中华人民共和国行政复议法》，宣传新修订的行政复议法。", [("named", "CN", "行政复议法")]),
    ("印发《汝城县法治政府建设实施方案（2021—2025年）》，落实《汝城县法治政府建设实施方案(2021-2025年)》。",
     [("named", "431026", "汝城县法治政府建设实施方案(2021—2025年)")]),
    ("落实《汝城县法治政府建设实施方案（2021～2025年）》。",
     [("named", "431026", "汝城县法治政府建设实施方案(2021—2025年)")]),
], ids=["law-with-and-without-the-state", "dash-and-hyphen", "tilde"])
def test_one_document_whatever_its_name(body, keys):
    extraction = extract(Document("t", TITLE + body + "\n", "utf-8"))
    assert [e.key for e in extraction.entities if e.kind == "Regulation"] == keys
