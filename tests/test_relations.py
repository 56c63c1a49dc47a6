"""Relations in every annotated report, each kind held to precision ≥ 0.9 and recall ≥ 0.8, and rules on short texts.

issuedBy, locatedIn and what metrics are about or where they are located are annotated in data/gold and
scored by `lawgraph eval` (tests/test_extraction_gold.py). The others are checked here against what was
established by reading the reports: the posts persons are named with (tests/relations/posts.csv), the organs
a name says an agency sits under (tests/relations/organs.csv), and the division hierarchy, which must follow
the structure of the official codes (a county's code begins with its city's four digits and its province's two).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pyoxigraph import Store

from lawgraph.build import extract_report
from lawgraph.evaluate import load_gold
from lawgraph.query import run
from lawgraph.vocab import entity_iri

from .conftest import GOLD_FILES

CHECKED = Path(__file__).parent / "relations"


@pytest.fixture(scope="module")
def graphs() -> dict[str, Store]:
    """Each annotated report's graph, by the report's name."""
    from lawgraph.evaluate import _as_quads

    stores = {}
    for path in GOLD_FILES:
        gold = load_gold(path)
        store = Store()
        store.extend(_as_quads(extract_report(gold["_text_path"])[1]))
        stores[gold.get("doc", path.stem)] = store
    return stores


def _checked(name: str) -> list[dict[str, str]]:
    with (CHECKED / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _agency(under: str) -> str:
    code, body = under.split("/")
    return entity_iri("Agency", ("agency", code, body))


def _precision_recall(expected: set, found: set) -> tuple[float, float]:
    hits = len(expected & found)
    return hits / max(len(found), 1), hits / max(len(expected), 1)


_POSTS = """SELECT ?name ?post ?organ WHERE {
  ?person a lg:Person ; rdfs:label ?name ; org:holds ?p . ?p rdfs:label ?post ; org:postIn ?organ }"""


def test_persons_hold_the_posts_they_are_named_with(graphs):
    expected = {(r["report"], r["person"], r["post"], _agency(r["organ"])) for r in _checked("posts.csv")}
    found = {(report, name.value, post.value, organ.value)
             for report, store in graphs.items() for name, post, organ in run(store, _POSTS).rows}
    precision, recall = _precision_recall(expected, found)
    assert precision >= 0.9, sorted(found - expected)
    assert recall >= 0.8, sorted(expected - found)


_ORGANS = """SELECT ?name ?parent WHERE { ?agency a lg:Agency ; rdfs:label ?name ; org:subOrganizationOf ?parent }"""


def test_agencies_sit_under_the_organ_their_name_says(graphs):
    expected = {(r["report"], r["agency"], _agency(r["under"])) for r in _checked("organs.csv")}
    found = {(report, name.value, parent.value)
             for report, store in graphs.items() for name, parent in run(store, _ORGANS).rows}
    precision, recall = _precision_recall(expected, found)
    assert precision >= 0.9, sorted(found - expected)
    assert recall >= 0.8, sorted(expected - found)


def _within(code: str, ancestor: str) -> bool:
    """By the structure of the codes (GB/T 2260): province XX0000, city XXYY00, county XXYYZZ."""
    if code == ancestor or code[:2] != ancestor[:2]:
        return False
    return ancestor[2:] == "0000" or (ancestor[2:4] == code[2:4] and ancestor[4:] == "00")


_DIVISIONS = "SELECT ?d WHERE { VALUES ?class { lg:County lg:City lg:Province } ?d a ?class }"
_PART_OF = "SELECT ?d ?parent WHERE { ?d lg:partOf ?parent }"


def test_divisions_are_part_of_the_divisions_their_codes_say(graphs):
    checked = 0
    for report, store in graphs.items():
        codes = {row[0].value.rsplit("/", 1)[1] for row in run(store, _DIVISIONS).rows}
        edges = {(d.value.rsplit("/", 1)[1], p.value.rsplit("/", 1)[1]) for d, p in run(store, _PART_OF).rows}
        for code, parent in edges:
            assert _within(code, parent), f"{report}: {code} is not within {parent}"
        for code in codes:  # each division whose province or city the report names is tied to one of them
            named_above = {other for other in codes if _within(code, other)}
            if named_above:
                checked += 1
                assert any(parent in named_above for child, parent in edges if child == code), (report, code)
    assert checked >= 20


@pytest.mark.parametrize(("clause", "places"), [
    ("建成公共法律服务站点1056个", ["锡林浩特市", "正蓝旗"]),
    ("全盟建成公共法律服务站点1056个", []),  # the whole jurisdiction: no longer the places named before
    ("各级建成公共法律服务站点1056个", []),
])
def test_a_metric_is_located_in_the_places_of_its_clauses(clause, places):
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    text = f"锡林郭勒盟2022年法治政府建设情况报告\n\n锡林浩特市、正蓝旗开展“蒙汉双语”公共法律服务试点，{clause}。\n"
    extraction = extract(Document("xilingol", text, "utf-8"))
    assert [m.text for m in extraction.metrics] == ["1056个"]
    located = [link.object.names[0] for link in extraction.metric_links if link.kind == "locatedIn"]
    assert located == places


@pytest.mark.parametrize(("sentence", "placed"), [
    # Places that take part, later in the sentence, in a programme it named before them.
    ("完成第二批全国法治政府建设示范创建初审，推荐东城、延庆和通州三个区参评综合示范创建。",
     [("全国法治政府建设示范创建", place) for place in ("东城区", "延庆区", "通州区")]),
    # Listed with 等: examples of more places than are named, so none is placed.
    ("组织开展示范创建评估，东城区、延庆区等7个地区被推荐参加第二批全国法治政府建设示范创建。", []),
    # Places a sentence has carry out a programme: 组织…实施.
    ("组织东城区、延庆区实施全国法治政府建设示范创建并完成中期评估。",
     [("全国法治政府建设示范创建", place) for place in ("东城区", "延庆区")]),
    # A place made a pilot later in its sentence: the pilot, without the batch or the place word, is located there.
    ("近年来,西城区连续三年位居前列,被确定为国家社会信用体系建设试点示范区,纳入北京市第二批营商环境改革试点区。",
     [("国家社会信用体系建设试点", "西城区"), ("营商环境改革试点", "西城区")]),
    # Places made a pilot that ends the sentence; the level before it is the pilot's, and the places are subject.
    ("怀柔区、密云区被纳入全市工程建设项目审批制度改革试点。",
     [("全市工程建设项目审批制度改革试点", "怀柔区"), ("全市工程建设项目审批制度改革试点", "密云区")]),
    # A clause that goes on with the place the sentence opens with.
    ("房山区成功创建首批北京市法治政府建设示范区，入选第三批全国法治政府建设示范创建综合候选地区。",
     [("全国法治政府建设示范创建", "房山区")]),
    # A clause with a subject of its own keeps the programme to itself.
    ("房山区成功创建首批北京市法治政府建设示范区，市司法局入选第三批全国法治政府建设示范创建先进单位。", []),
    # Places taken as the pilot of a programme: 以…为试点开展.
    ("以大兴区、密云区的乡镇(街道)为试点开展基层“一枚印章管审批”改革。",
     [("基层一枚印章管审批改革", place) for place in ("大兴区", "密云区")]),
    # A place made a pilot with 作为, the pilot the second of its titles.
    ("今年,西城区作为北京市营商环境改革核心区、全国行政执法协调监督工作体系建设试点区,各项工作走在前列。",
     [("全国行政执法协调监督工作体系建设试点", "西城区")]),
    # A bare rank of pilot (全市首批试点区) names none: the programme of the clause is the one placed.
    ("经市政府同意，延庆区作为全市首批试点区开展“证照联办”改革。", [("证照联办改革", "延庆区")]),
    # A place another body made a pilot: 明确…为.
    ("市委政法委明确延庆区为信访工作法治化试点区。", [("信访工作法治化试点", "延庆区")]),
    # A nationwide campaign is done everywhere: the place did its part, it was not carried out there.
    ("延庆区深入开展“八五”普法，举办讲座12场。", []),
], ids=["taking-part-in-an-earlier-programme", "listed-with-deng", "organised-to-carry-out", "made-a-pilot",
        "places-made-a-pilot", "same-subject-goes-on", "new-subject", "places-as-the-pilot",
        "made-a-pilot-as-second-title", "a-rank-of-pilot", "made-a-pilot-by-another", "nationwide-campaign"])
def test_a_programme_is_located_in_the_places_that_take_part(sentence, placed):
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    extraction = extract(Document("beijing", f"北京市2021年法治政府建设年度情况报告\n\n{sentence}\n", "utf-8"))
    located = [(link.subject.label, link.object.label) for link in extraction.links if link.kind == "locatedIn"]
    assert located == placed


@pytest.mark.parametrize(("title", "placed"), [
    ("礼泉县2022年法治政府建设工作报告", [("全国乡村治理体系建设试点", "礼泉县")]),
    # A city's report: its own pilot is not placed (the annotations place programmes in counties).
    ("咸阳市2022年法治政府建设工作报告", []),
], ids=["county-report", "city-report"])
def test_a_pilot_with_no_subject_is_the_reporting_countys_own(title, placed):
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    text = f"{title}\n\n一年来，法治建设取得新成效。先后入选全国乡村治理体系建设试点县，获评省级文明城市。\n"
    extraction = extract(Document("liquan", text, "utf-8"))
    located = [(link.subject.label, link.object.label) for link in extraction.links if link.kind == "locatedIn"]
    assert located == placed


@pytest.mark.parametrize(("sentence", "issued"), [
    ("根据省人社厅等七部门《关于开展职业资格清理整顿专项督查活动的通知》，开展督查。",
     [("关于开展职业资格清理整顿专项督查活动的通知", "省人社厅")]),
    ("中共中央、国务院《法治政府建设实施纲要（2021—2025年）》印发后，全市贯彻落实。",
     [("法治政府建设实施纲要（2021—2025年）", "中共中央"), ("法治政府建设实施纲要（2021—2025年）", "国务院")]),
    ("市司法局等3个部门联合印发《湘潭市行政执法公示办法》。", [("湘潭市行政执法公示办法", "市司法局")]),
    ("审议通过《湘潭市法治社会建设实施方案》、《湘潭市法治政府建设实施方案》，并以市委名义印发实施。",
     [("湘潭市法治社会建设实施方案", "市委"), ("湘潭市法治政府建设实施方案", "市委")]),
    ("市委全面依法治市委员会召开会议传达学习中央全面依法治国委员会会议精神，研究制定了《市委全面依法治市委员会工作规则》"
     "《市委全面依法治市委员会协调小组工作规则》。",
     [("市委全面依法治市委员会工作规则", "市委全面依法治市委员会"),
      ("市委全面依法治市委员会协调小组工作规则", "市委全面依法治市委员会")]),
    ("召开市委常委会会议、市政府常务会议，审议通过《湘潭市年度立法计划》。", []),  # several organs' meetings
    # The sentence's subject issues what a later clause's verb names, though organs are named in between.
    ("市委、市政府高度重视法治建设，召开市委常委会会议2次研究部署，专门印发了《湘潭市法治建设规划》。",
     [("湘潭市法治建设规划", "市委"), ("湘潭市法治建设规划", "市政府")]),
    ("按照省委部署，召开市委常委会会议，印发《湘潭市法治建设规划》。", []),  # no subject opens the sentence
    ("每年年初，市政府制定年度《法治政府建设工作要点》。", [("法治政府建设工作要点", "市政府")]),
    # The government adopts what its executive meeting passes, with one verb or two.
    ("经市政府常务会审议通过印发《湘潭市法治建设规划》。", [("湘潭市法治建设规划", "市政府")]),
    # Issuers written together, with no mark between them.
    ("《湘潭市法治政府建设实施方案》经审议通过，并以市委市政府名义印发实施。",
     [("湘潭市法治政府建设实施方案", "市委"), ("湘潭市法治政府建设实施方案", "市政府")]),
    # A plan or a set of indicators compiled (编制) is issued by who compiled it.
    ("市政府编制了《湘潭市法治政府建设指标体系》，细化分解任务。", [("湘潭市法治政府建设指标体系", "市政府")]),
    # Issued in an organ's name, the title after the verb: the documents cited before are others'.
    ("为贯彻国务院《全面推进依法行政实施纲要》，以市委市政府名义印发了《湘潭市法治政府建设实施方案》。",
     [("湘潭市法治政府建设实施方案", "市委"), ("湘潭市法治政府建设实施方案", "市政府"),
      ("全面推进依法行政实施纲要", "国务院")]),
    # Handed down after approval (审定下发), and passed at a body's meeting with 并 between the verbs.
    ("市委依法治市委员会审定下发《湘潭市法治政府建设示范市创建实施方案》。",
     [("湘潭市法治政府建设示范市创建实施方案", "市委依法治市委员会")]),
    ("组织召开市委全面依法治市委员会第二次会议,审议并通过《湘潭市公共法律服务实施方案》。"
     "召开市委全面依法治市委员会第六次(扩大)会议,审定《2024年全面依法治市工作要点》。",
     [("湘潭市公共法律服务实施方案", "市委全面依法治市委员会"),
      ("2024年全面依法治市工作要点", "市委全面依法治市委员会")]),
    # The committee's office, named with 依法治市 rather than 全面依法治市, issues on its own.
    ("市委依法治市委员会办公室制定《湘潭市2022年法治政府建设工作要点》。",
     [("湘潭市2022年法治政府建设工作要点", "市委依法治市委员会办公室")]),
    # The organ's leader opens the sentence: a person, so no organ issued the title.
    ("市政府主要领导带头履行推进法治建设第一责任人职责,制定印发了《湘潭市党政主要负责人职责清单》。", []),
    # The organ asked for the document; the report's own organ drew it up.
    ("按照市政府要求制定了《湘潭市港口岸线立法调研工作方案》。", []),
], ids=["issuer-and-others-before-the-title", "issuers-before-the-title", "issuer-and-others-then-a-verb",
        "issued-in-the-name-of", "adopted-at-its-meeting", "adopted-at-several-meetings",
        "subject-of-the-sentence", "no-subject", "verb-year-title", "passed-by-its-executive-meeting",
        "issuers-written-together", "compiled", "in-the-name-of-then-the-title", "handed-down",
        "passed-at-its-meeting-with-bing", "the-committees-office", "the-organs-leader", "asked-for-by-the-organ"])
def test_issuers_written_before_a_title(sentence, issued):
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    extraction = extract(Document("xiangtan", f"湘潭市2016年法治政府建设情况报告\n\n{sentence}\n", "utf-8"))
    assert [(link.subject.label, link.object.label) for link in extraction.links if link.kind == "issuedBy"] == issued


def test_a_figure_after_a_newspaper_named_after_a_programme_is_the_newspapers():
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    text = ("宜昌市2022年法治政府建设情况报告\n\n在“12·4”国家宪法日期间开展集中宣传活动320场，"
            "在《三峡日报》开设法治专栏，刊发稿件86篇。\n")
    extraction = extract(Document("yichang", text, "utf-8"))
    about = [(link.metric.text, link.object.label) for link in extraction.metric_links if link.kind == "about"]
    assert about == [("320场", "国家宪法日"), ("86篇", "三峡日报")]


def _links(title: str, sentence: str, kind: str) -> list[tuple[str, str]]:
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract

    extraction = extract(Document("t", f"{title}\n\n{sentence}\n", "utf-8"))
    return [(link.subject.label, link.object.label) for link in extraction.links if link.kind == kind]


@pytest.mark.parametrize(("sentence", "issued"), [
    # a date between the issuer and its verb; file numbers between listed titles; a compound verb
    ("市政府于2023年5月10日正式印发了《湘潭市行政执法监督办法》。", [("湘潭市行政执法监督办法", "市政府")]),
    ("市委办公室、市政府办公室先后印发了《湘潭市法治督察工作办法》（湘办〔2022〕5号）和《湘潭市法治建设考核办法》"
     "（湘办〔2022〕9号）。",
     [(title, organ) for title in ("湘潭市法治督察工作办法", "湘潭市法治建设考核办法")
      for organ in ("市委办公室", "市政府办公室")]),
    ("市委全面依法治市委员会召开全体会议，修订完善《湘潭市法治建设工作规则》。",
     [("湘潭市法治建设工作规则", "市委全面依法治市委员会")]),
    # the subject carried over 结合…实际; a plenary of the party committee; an issuer before a quoted title
    ("雨湖区司法局认真贯彻《行政复议法》，结合本区实际制定《雨湖区行政复议听证办法》。",
     [("雨湖区行政复议听证办法", "雨湖区司法局")]),
    ("召开市委全委会议，研究通过了《湘潭市法治建设规划》。", [("湘潭市法治建设规划", "市委")]),
    ("认真抓好省委“一规划两方案”的贯彻落实。", [("一规划两方案", "省委")]),
    # a part after ; has its own subject
    ("2023年初，市委听取法治建设工作汇报；市法治政府建设领导小组研究部署全年工作，印发《2023年法治政府建设工作要点》。",
     [("2023年法治政府建设工作要点", "市法治政府建设领导小组")]),
    # an executive meeting as the subject, an organ cited as the authority: no issuer
    ("市政府常务会议审议通过《湘潭市法治政府建设工作要点》。", []),
    ("根据国务院决定印发《关于取消一批行政许可事项的通知》。", []),
    # a province's organs do not issue a city's document
    ("认真落实省委、省政府印发的《湖南省法治政府建设实施方案》和《湘潭市法治政府建设实施方案》。",
     [("湖南省法治政府建设实施方案", "省委"), ("湖南省法治政府建设实施方案", "省政府")]),
], ids=["on-a-date", "file-numbers-between", "revised-and-improved", "for-its-circumstances", "plenary",
        "quoted-title", "after-a-semicolon", "executive-meeting-acting", "cited-authority", "a-place-below"])
def test_issuers_said_in_more_ways(sentence, issued):
    assert _links("湘潭市2023年法治政府建设年度报告", sentence, "issuedBy") == issued


def test_a_department_that_speaks_of_itself_leaves_a_title_that_names_it_to_the_title():
    sentence = "我局印发了《湘潭市司法局关于加强行政执法监督的通知》《2023年全市普法工作要点》。"
    assert _links("湘潭市司法局2023年法治政府建设年度报告", sentence, "issuedBy") == [
        ("2023年全市普法工作要点", "湘潭市司法局")]


@pytest.mark.parametrize(("sentence", "placed"), [
    # a pilot in a later clause that goes on with the place
    ("2022年，雨湖区深入推进依法行政，扎实开展全国市域社会治理现代化试点工作。",
     [("全国市域社会治理现代化试点", "雨湖区")]),
    # a place's own project, not the campaign it entered; a programme named right after an organ is the organ's
    ("雨湖区“一站式调解”机制入选全省法治政府建设示范创建项目。", [("一站式调解机制", "雨湖区")]),
    ("岳塘区“调解进网格”、市司法局“公证进社区”入选全省法治政府建设示范项目。", [("调解进网格", "岳塘区")]),
], ids=["a-later-pilot", "own-project-not-its-award", "an-organs-own"])
def test_places_of_pilots_and_projects(sentence, placed):
    assert _links("湘潭市2023年法治政府建设年度报告", sentence, "locatedIn") == placed
