"""Metric rules on short texts: what is a quantity, and what only looks like one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract


def _metrics(text: str) -> list[tuple[str, Decimal, Decimal | None]]:
    found = extract(Document("t", text, "utf-8")).metrics
    return [(m.text, m.data["value"], m.data.get("value_max")) for m in found]


@pytest.mark.parametrize(("text", "expected"), [
    ("办理时限压缩至10—15天。", [("10—15天", 10, 15)]),
    ("办理时限压缩至10-15天。", [("10-15天", 10, 15)]),  # a hyphen joins a range too
    ("案卷编号2023-15项。", []),  # the tail of a code: its "lower bound" is larger
    ("受理诉求80.63万件。", [("80.63万件", 806300, None)]),
    ("受理案件12,345件,办结1,234.5万件。", [("12,345件", 12345, None), ("1,234.5万件", 12345000, None)]),
    ("共培训2,000-3,000人。", [("2,000-3,000人", 2000, 3000)]),
    ("出动执法车辆45台次。", [("45台次", 45, None)]),
    ("6部门联合检查57项次，2市4县开展试点。",  # departments, items checked, cities and counties are counted
     [("6部门", 6, None), ("57项次", 57, None), ("2市", 2, None), ("4县", 4, None)]),
    ("办结时间压缩至8个工作小时。", [("8个工作小时", 8, None)]),
    ("受理案件 123 件,罚款 12.5 万元,第 3 次会议,2023 年。", [("123 件", 123, None), ("12.5 万元", 125000, None)]),
    ("受理976274410326103014099件。", []),  # no report counts 10^20 of anything: a serial number
    ("比例为0.0000000000000000001%。", []),  # finer than a store's xsd:decimal holds
    # Chinese numerals: data when counted, words of the text otherwise
    ("受理一千二百件，走访三十余家，培训近千名，明确三种方式。",
     [("一千二百件", 1200, None), ("三十余家", 30, None), ("千名", 1000, None)]),
    ("部署十项重点工作，任务千头万绪，迎来建党百年，市场主体突破千万户。", []),
    # rounds, votes, lessons, courses and the classes and items a plan counts; 二十大 is no count
    ("开展3轮督察,赞成25 票,讲授14堂次,开设3门课程,梳理9大类24小项,形成6大板块,学习党的二十大精神。",
     [("3轮", 3, None), ("25 票", 25, None), ("14堂次", 14, None), ("3门", 3, None), ("9大类", 9, None),
      ("24小项", 24, None), ("6大板块", 6, None)]),
], ids=["em-dash-range", "hyphen-range", "code", "multiplier", "thousands", "thousands-range", "times-counted",
        "departments-items-places", "working-hours", "spaced", "serial-number", "too-fine", "chinese-numerals-counted",
        "chinese-numerals-as-words", "rounds-votes-lessons-classes"])
def test_quantities(text, expected):
    assert _metrics(text) == [(s, Decimal(v), None if m is None else Decimal(m)) for s, v, m in expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("法治建设考核的权重由4%提高至6%。", ["法治建设考核的权重", "法治建设考核的权重"]),  # what changed, before 由
    ("办理时限由10个工作日压减至5个工作日。", ["办理时限", "办理时限"]),
    ("全市实现地区生产总值3806.9亿元、增长7.2%。", ["全市实现地区生产总值", "增长"]),  # a list goes on after 、
    ("梳理行政审批事项269项。", ["梳理行政审批事项"]),
    ("全年受理各类诉求80.63万件,办结80.27万件。", ["受理各类诉求", "办结"]),  # 全年 says nothing of what
    ("今年以来组织开展各类集体学法14次。", ["组织开展各类集体学法"]),  # nor does 今年以来
    ("(三)区长王伟主持召开区政府常务会议专题学法4次。", ["区长王伟主持召开区政府常务会议专题学法"]),
    ("市司法局开展“美丽中国，我是行动者”主题宣传活动12场次。", ["市司法局开展“美丽中国，我是行动者”主题宣传活动"]),
    ("全县会前学法698场(次),主要领导讲法176场（次）。", ["全县会前学法", "主要领导讲法"]),  # the unit said again
    ("即办率从21%提升至52%。", ["即办率", "即办率"]),  # 从 as 由
    ("查获各类走私案件20186宗、同比增加31.71%。", ["查获各类走私案件", "查获各类走私案件"]),  # the change on last year
    # A character that may be filler opens a word of what is counted here.
    ("考试,及格率100%;从轻处罚事项219项;在线办理率98%。", ["及格率", "从轻处罚事项", "在线办理率"]),
], ids=["raised-from-to", "cut-from-to", "listed", "left", "since-this-year", "clauses", "after-a-heading-number",
        "comma-inside-quotes", "unit-repeated-in-brackets", "raised-from-with-cong", "change-on-last-year",
        "filler-that-opens-a-word"])
def test_indicators(text, expected):
    found = extract(Document("t", text, "utf-8")).metrics
    assert [m.data["indicator"] for m in found] == expected
