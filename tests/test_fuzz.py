"""Property-based tests over generated report-like text: extraction never raises, every mention cuts its text,
every metric value is finite, the graph conforms to the shapes, and the Turtle re-parses to the same graph.

Marked `fuzz` (2,000 examples); CI runs it with the rest of the suite."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pyoxigraph import RdfFormat, Triple, parse, serialize

from lawgraph.document import Document
from lawgraph.extract.pipeline import extract
from lawgraph.graph import report_triples
from lawgraph.store import canonical_language_tags
from lawgraph.validate import validate

PLACES = ["吕梁市", "柳林县", "交城", "渝北区", "大理白族自治州", "山西省", "广东省", "昆山市", "全省", "重庆市"]
ORGANS = ["市司法局", "县人大常委会", "区委依法治区办", "州中级人民法院", "省政府办公厅", "国务院", "市委", "市政协",
          "公检法司", "各级各部门", "中央依法治国办"]
TITLES = ["关于印发〈实施方案〉的通知", "条例", "管理办法(试行)", "日报", "《嵌套》", "", "2023年度工作要点",
                                       "十条措施"]
UNITS = ["件", "名", "人次", "%", "万元", "亿元", "项", "个", "次", "余件", "多名", "个工作日", "年", "月", "批"]
PUNCT = ["，", "。", "；", "、", "：", ",", "“", "”", "「", "」", "\"", "《", "》", "(", ")", "（", "）", "\n", " ",
         "?", "%%", "·"]
WORDS = ["开展", "印发", "推进", "改革", "专项行动", "试点", "平台", "热线", "制度", "机制", "活动", "工程", "受理",
         "办结", "培训", "法治", "政府", "建设", "12345", "第", "同比增长", "至", "—", "近", "约", "以上"]
HEADINGS = ["一、", "二、", "(一)", "（二）", "1.", "第一部分", "十二、", ""]

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(str),
    st.integers(min_value=10**12, max_value=10**40).map(str),  # codes and serial numbers as well as amounts
    st.decimals(min_value=0, max_value=1, places=24, allow_nan=False).map(str),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(str),
    st.sampled_from(["一千二百", "三十", "两万", "十", "三", "百"]),
)
fragment = st.one_of(
    st.sampled_from(PLACES), st.sampled_from(ORGANS), st.sampled_from(PUNCT), st.sampled_from(WORDS),
    st.tuples(numbers, st.sampled_from(UNITS)).map("".join),
    st.sampled_from(TITLES).map(lambda t: "《" + t + "》"),
    st.sampled_from(TITLES).map(lambda t: "《" + t),  # a title that never closes
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=6),
    st.text(max_size=4),  # anything at all, control characters included
)
line = st.tuples(st.sampled_from(HEADINGS), st.lists(fragment, max_size=25)).map(lambda t: t[0] + "".join(t[1]))
report = st.tuples(st.lists(line, min_size=1, max_size=8), st.booleans()).map(
    lambda t: "\n".join(t[0]) if not t[1] else _traditional("\n".join(t[0])))


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


@pytest.mark.fuzz
@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=report)
@example(text="一、《“》")  # a title of quotes alone names nothing (it once left an entity without a name)
@example(text="受理976274410326103014099件")  # beyond what a store's xsd:decimal holds (it failed validation)
def test_extraction_is_total_and_its_graph_round_trips(text):
    doc = Document("fuzz", text, "utf-8")
    extraction = extract(doc)
    for entity in extraction.entities:
        for span in entity.mentions:
            assert text[span.start:span.end] == span.text
    for metric in extraction.metrics:
        assert text[metric.start:metric.end] == metric.text
        value: Decimal = metric.data["value"]
        assert value.is_finite()
    triples = report_triples(extraction)
    conformance = validate(serialize(triples, None, RdfFormat.N_TRIPLES).decode())
    assert conformance.conforms, conformance.first_violation()
    turtle = canonical_language_tags(serialize(triples, None, RdfFormat.TURTLE))
    again = {Triple(t.subject, t.predicate, t.object) for t in parse(turtle, RdfFormat.TURTLE)}
    assert {_lower_tags(t) for t in again} == {_lower_tags(t) for t in triples}


def _lower_tags(triple: Triple) -> str:
    return str(triple).replace("@zh-Hant", "@zh-hant").replace("@zh-Hans", "@zh-hans")
