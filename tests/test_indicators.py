"""The indicator scheme (ontology/indicators.ttl) is tested like the ontology, and the mapping of metrics to its
concepts (lawgraph.indicators) on sentences shaped like the real reports' and against the hand annotations of
the real dev reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef

from lawgraph import indicators
from lawgraph.evaluate import evaluate
from lawgraph.query import run as query_run
from lawgraph.resources import ontology_file
from lawgraph.vocab import INDICATORS, ONTOLOGY

from .conftest import GOLD, ROOT

LG = Namespace(ONTOLOGY)
LGI = Namespace(INDICATORS)
SCHEME_FILE = ROOT / "ontology" / "indicators.ttl"
# A quantity kind admits these units and no other kind does.
KIND_UNITS = {"Rate": {"%"}, "Money": {"元"}, "Duration": {"个工作日", "工作日", "天", "日", "小时"}}


@pytest.fixture(scope="module")
def scheme_graph() -> Graph:
    return Graph().parse(SCHEME_FILE)


def concepts(graph: Graph) -> list[URIRef]:
    return sorted(c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef))


def test_the_scheme_ships_with_the_package():
    assert ontology_file("indicators.ttl").resolve() == SCHEME_FILE.resolve()
    scheme = indicators.scheme()
    assert len(scheme) >= 40
    assert scheme["legal-aid-cases"].labels == {"zh-Hans": "法律援助案件", "zh-Hant": "法律援助案件",
                                               "en": "Legal aid cases"}
    assert scheme["legal-aid-cases"].ancestors(scheme) == ["legal-aid", "public-legal-services", "area-society"]


def test_every_concept_is_labelled_in_three_scripts_defined_and_in_the_scheme(scheme_graph):
    for concept in concepts(scheme_graph):
        languages = {label.language for label in scheme_graph.objects(concept, SKOS.prefLabel)}
        assert languages == {"zh-Hans", "zh-Hant", "en"}, concept
        assert list(scheme_graph.objects(concept, SKOS.definition)), concept
        assert (concept, SKOS.inScheme, LGI.scheme) in scheme_graph, concept
        assert (concept, SKOS.notation, Literal(str(concept)[len(INDICATORS):])) in scheme_graph, concept


def test_broader_and_narrower_say_the_same_and_lead_to_a_top_concept(scheme_graph):
    tops = set(scheme_graph.objects(LGI.scheme, SKOS.hasTopConcept))
    assert tops == set(scheme_graph.subjects(SKOS.topConceptOf, LGI.scheme))
    for concept in concepts(scheme_graph):
        broader = set(scheme_graph.objects(concept, SKOS.broader))
        assert broader == set(scheme_graph.subjects(SKOS.narrower, concept)), concept
        assert (concept in tops) == (not broader), concept
        seen, node = set(), concept
        while node not in tops:
            assert node not in seen, f"{concept}: a cycle"
            seen.add(node)
            node = next(scheme_graph.objects(node, SKOS.broader))


def test_the_groups_the_issue_names_are_there():
    names = set(indicators.scheme())
    assert {"reconsideration-applications", "reconsideration-accepted", "reconsideration-concluded",
            "reconsideration-corrected", "reconsideration-correction-rate", "litigation-cases",
            "litigation-cases-lost", "litigation-loss-rate", "heads-in-court", "heads-in-court-rate",
            "normative-documents-filed", "normative-documents-reviewed", "normative-documents-cleared",
            "normative-documents-repealed", "major-decisions", "legal-advisers", "enforcement-personnel",
            "enforcement-certificates-issued", "enforcement-trainees", "administrative-penalties",
            "administrative-inspections", "legal-aid-cases", "disputes-mediated", "mediation-success-rate",
            "hotline-requests", "hotline-resolution-rate", "legal-service-platforms", "publicity-activities",
            "publicity-participants", "disclosure-applications"} <= names


@pytest.mark.parametrize("name", sorted(n for n, c in indicators.scheme().items() if c.kind))
def test_a_measurable_concepts_units_agree_with_its_kind(name):
    concept = indicators.scheme()[name]
    assert concept.units, name
    if concept.kind in KIND_UNITS:
        assert concept.units <= KIND_UNITS[concept.kind], name
    else:  # counts of things and of persons
        assert not concept.units & set().union(*KIND_UNITS.values()), name


def test_every_rule_maps_to_a_measurable_concept():
    scheme = indicators.scheme()
    assert {rule.concept for rule in indicators.RULES} <= {n for n, c in scheme.items() if c.kind}


def test_the_scheme_uses_only_terms_the_ontology_declares(scheme_graph):
    ontology = Graph().parse(ROOT / "ontology" / "lawgraph.ttl")
    used = {p for p in scheme_graph.predicates() if str(p).startswith(ONTOLOGY)}
    used |= {o for o in scheme_graph.objects(None, LG.quantityKind)}
    declared = {s for s in ontology.subjects() if str(s).startswith(ONTOLOGY)}
    assert used <= declared, used - declared


# (sentence, the figure as written, its unit, the concept or None). Shapes of the real reports' sentences.
CASES = [
    ("全市收到行政复议申请574件，受理444件，办结416件。", "574", "件", "reconsideration-applications"),
    ("全市收到行政复议申请574件，受理444件，办结416件。", "444", "件", "reconsideration-accepted"),
    ("全市收到行政复议申请574件，受理444件，办结416件。", "416", "件", "reconsideration-concluded"),
    ("全市收到行政復議申請574件，受理444件。", "444", "件", "reconsideration-accepted"),  # traditional
    ("行政复议机关受理391件，审结372件，其中调解和解结案96件，直接纠错率10.5%。", "10.5", "%",
     "reconsideration-correction-rate"),
    ("行政复议机关受理391件，审结372件，其中调解和解结案96件，直接纠错率10.5%。", "96", "件",
     "reconsideration-mediated"),
    ("积极开展行政应诉工作，出庭应诉230件，结案214件。", "230", "件", "litigation-cases"),
    ("积极开展行政应诉工作，出庭应诉230件，结案214件。", "214", "件", "litigation-cases-concluded"),
    ("2023年市县两级政府行政机关负责人出庭率达100%。", "100", "%", "heads-in-court-rate"),
    ("全市法院一审审结行政诉讼案件2317件，行政机关败诉率下降至5.6%。", "5.6", "%", "litigation-loss-rate"),
    ("12345热线共受理各类诉求80.63万件，办结80.27万件，按时办结率99.19%。", "80.63", "件", "hotline-requests"),
    ("12345热线共受理各类诉求80.63万件，办结80.27万件，按时办结率99.19%。", "80.27", "件", "hotline-concluded"),
    ("12345热线共受理各类诉求80.63万件，办结80.27万件，按时办结率99.19%。", "99.19", "%",
     "hotline-resolution-rate"),
    ("12348公共法律服务热线解答咨询9700人次。", "9700", "人次", "legal-hotline-calls"),
    ("全年提供免费法律咨询29854人次。", "29854", "人次", "legal-consultations"),
    ("辦結特殊群體法律援助案件2055件。", "2055", "件", "legal-aid-cases"),
    ("创新法律援助诉前调解模式，为当事人争取经济补偿310余万元。", "310", "元", "legal-aid-recovered"),
    ("2023年全市调解各类矛盾纠纷13000余件，成功率达99%。", "13000", "件", "disputes-mediated"),
    ("2023年全市调解各类矛盾纠纷13000余件，成功率达99%。", "99", "%", "mediation-success-rate"),
    ("全年审核行政规范性文件17件、合同协议236份，提出修改意见490余条。", "17", "件", "normative-documents-reviewed"),
    ("全年审核行政规范性文件17件、合同协议236份，提出修改意见490余条。", "236", "份", "contracts-reviewed"),
    ("全年审核行政规范性文件17件、合同协议236份，提出修改意见490余条。", "490", "条", "review-opinions"),
    ("备案审查区县规范性文件376件，督促纠正12件。", "376", "件", "normative-documents-filed"),
    ("备案审查区县规范性文件376件，督促纠正12件。", "12", "件", "normative-documents-corrected"),
    ("集中清理规范性文件64件，废止9件，修改5件。", "9", "件", "normative-documents-repealed"),
    ("提请市人大常委会审议地方性法规草案4件，制定、修改和废止政府规章9件。", "4", "件", "local-regulations"),
    ("提请市人大常委会审议地方性法规草案4件，制定、修改和废止政府规章9件。", "9", "件", "government-rules"),
    ("修订、废止地方性法规12部和政府规章4部。", "12", "部", "local-regulations"),
    ("修订、废止地方性法规12部和政府规章4部。", "4", "部", "government-rules"),
    ("市县两级聘请法律顾问350余名、公职律师150名参与政府重大行政决策。", "350", "名", "legal-advisers"),
    ("市县两级聘请法律顾问350余名、公职律师150名参与政府重大行政决策。", "150", "名", "public-lawyers"),
    ("制定并公布年度重大行政决策事项目录，20件决策事项依法完成备案。", "20", "件", "major-decisions"),
    ("全年乡镇独立开展执法9661次，其中行政检查9073次，行政强制217次，行政处罚371次。", "9073", "次",
     "administrative-inspections"),
    ("全年乡镇独立开展执法9661次，其中行政检查9073次，行政强制217次，行政处罚371次。", "371", "次",
     "administrative-penalties"),
    ("组织执法资格考试2次，申领发放执法证562人(其中乡镇街道152人)。", "562", "人",
     "enforcement-certificates-issued"),
    ("组织执法资格考试2次，申领发放执法证562人(其中乡镇街道152人)。", "152", "人",
     "enforcement-certificates-issued"),  # a part takes its whole's concept
    ("组织执法资格考试2次，申领发放执法证562人。", "2", "次", "enforcement-exams"),
    ("举办执法人员培训班18期，培训2300余人次。", "2300", "人次", "enforcement-trainees"),
    ("区长召开区政府常务会研究法治政府建设7次。", "7", "次", "leadership-meetings"),
    ("召开省政府常务会议22次，深化思想认识，研究贯彻措施。", "22", "次", None),  # not on the rule of law
    ("县委理论学习中心组开展法治专题学习3次，县政府常务会会前学法2次。", "3", "次", "theory-group-law-study"),
    ("县委理论学习中心组开展法治专题学习3次，县政府常务会会前学法2次。", "2", "次",
     "executive-meeting-law-study"),
    ("组织区政府常务会专题学法3次，讲法治课1次。", "3", "次", "executive-meeting-law-study"),
    ("组织区政府常务会专题学法3次，讲法治课1次。", "1", "次", "law-lectures"),  # a lecture, not 讲法 at a meeting
    ("市政府常务会议坚持开展“局长讲法”，由各业务部门一把手开展讲法活动5次。", "5", "次", "executive-meeting-law-study"),
    ("开展部门主要领导“轮值讲法、以案释法”36场次。", "36", "场次", None),  # no executive meeting
    ("开展拟提拔领导干部法律知识考试6场，174人参加，成绩合格率均达100%。", "174", "人", "law-exam-takers"),
    ("对全市10个县区园区、79个市直部门开展法治建设综合督察，反馈问题112项，按期整改率达100%。", "79", "个",
     "units-inspected"),
    ("对全市10个县区园区、79个市直部门开展法治建设综合督察，反馈问题112项，按期整改率达100%。", "112", "项",
     "inspection-issues"),
    ("对全市10个县区园区、79个市直部门开展法治建设综合督察，反馈问题112项，按期整改率达100%。", "100", "%",
     "rectification-rate"),
    ("推动140项高频政务服务事项“跨省通办”。", "140", "项", "cross-region-service-items"),  # the narrower
    ("持续深化政务服务改革，梳理调整市、县两级行政许可事项348项。", "348", "项", "licensing-items"),
    ("截至目前，我市共取消、下放审批事项539项，精简比例达到60%。", "60", "%", "approval-streamlining-rate"),
    ("全面落实减税降费政策举措，为企业减负95亿元。", "95", "元", "tax-fee-reductions"),
    ("全市培育“法律明白人”3.8万名，建成省级民主法治村（社区）164个。", "3.8", "名", "legal-understanders"),
    ("今年共办理人大建议173件，政协提案384件。", "384", "件", "cppcc-proposals"),
    ("主动公开政府信息1.5万条，受理依申请公开312件。", "312", "件", "disclosure-applications"),
    # not what a concept counts
    ("区法院审结各类民商事案件3.6万件，同比增长8.7%。", "8.7", "%", None),  # a change
    ("全市行政复议案件同比增长15%。", "15", "%", None),
    ("力争全年培训执法人员3000人次。", "3000", "人次", None),  # a target
    ("对全县12个乡镇履行职责事项清单开展全面梳理工作。", "12", "个", None),  # townships counted
    ("在行政权力事项、投资审批事项等5个方面削权放权。", "5", "个", None),
    ("许可事项缩减271个环节，平均缩减7个工作日。", "271", "个", None),
    ("梳理确认我区各类政务服务事项清单31个。", "31", "个", None),  # lists, not items
    ("网上可办率和政务服务事项编目覆盖率均达100%。", "100", "%", None),  # the nearest rate is another
    ("全市收到行政复议申请574件。", "574", "%", None),  # a % is never a count of cases
    ("市长先后6次主持召开市政府常务会议，研究解决法治建设重大问题。", "6", "元", None),  # not its kind
]


def _case_id(case) -> str:
    _, figure, unit, concept = case
    return f"{concept or 'none'}:{figure}{unit}"


@pytest.mark.parametrize(("sentence", "figure", "unit", "expected"), CASES, ids=[_case_id(c) for c in CASES])
def test_concept_of(sentence, figure, unit, expected):
    assert indicators.concept_of("", unit, sentence, sentence.index(figure)) == expected


def test_without_a_position_the_indicator_places_the_figure():
    assert indicators.concept_of("受理", "件", "全市收到行政复议申请574件，受理444件。") == \
        "reconsideration-accepted"


def test_the_concept_a_rule_answers_always_takes_the_metrics_unit():
    for sentence, figure, unit, _ in CASES:
        found = indicators.concept_of("", unit, sentence, sentence.index(figure))
        assert found is None or unit in indicators.scheme()[found].units


def test_the_graph_holds_the_concepts_its_metrics_measure(lvliang_build):
    graph = Graph().parse(lvliang_build.out_dir / "graph.ttl")
    measured = set(graph.objects(None, LG.measures))
    assert LGI["reconsideration-applications"] in measured and len(measured) >= 30
    for concept in measured:
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert {label.language for label in graph.objects(concept, SKOS.prefLabel)} == {"zh-Hans", "zh-Hant", "en"}
        unit = {str(u) for m in graph.subjects(LG.measures, concept) for u in graph.objects(m, LG.unit)}
        assert unit <= indicators.scheme()[str(concept)[len(INDICATORS):]].units
        top = concept
        while (above := next(graph.objects(top, SKOS.broader), None)) is not None:
            top = above
        assert str(top).startswith(INDICATORS + "area-")
    metric = next(graph.subjects(LG.measures, LGI["reconsideration-applications"]))
    assert str(next(graph.objects(metric, LG.indicator))) == "全市收到行政復議申請"  # kept as written


@pytest.fixture(scope="module")
def concept_scores():
    files = [*sorted((ROOT / "data" / "real" / "dev").glob("*.gold.json")), GOLD / "lvliang-2023.json"]
    annotated = [f for f in files if '"concepts_annotated": true' in Path(f).read_text(encoding="utf-8")]
    reports, _ = evaluate(annotated)
    return reports


def test_the_mapping_meets_its_bars_on_the_real_dev_reports(concept_scores):
    """Bars of issue 14: precision ≥ 0.95 and at least 60 % of the annotated metrics mapped (here held a margin
    below what the mapping reaches: 1.000 and 0.959 on data/real/dev)."""
    from lawgraph.evaluate import Score

    dev = Score()
    for report in concept_scores:
        if report.doc != "lvliang-2023":
            dev.add(report.scores["Concept"])
    assert dev.tp + dev.fn >= 100, "the dev reports annotate enough metrics to judge by"
    assert dev.precision >= 0.95, dev.spurious
    assert dev.recall >= 0.85, dev.misses


def test_the_mapping_on_lvliang(concept_scores):
    score = next(r for r in concept_scores if r.doc == "lvliang-2023").scores["Concept"]
    assert score.precision >= 0.95 and score.recall >= 0.9, (score.spurious, score.misses)


def test_the_docs_show_what_indicator_series_answers(tmp_path):
    """docs/indicators.md shows `indicator-series` on the real reports of data/ with figures of at least five
    jurisdictions: each row it shows is still in the answer (reports added since may add rows)."""
    import re

    from lawgraph.build import build
    from lawgraph.query import as_table
    from lawgraph.store import load_graph

    docs = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    command = "$ lawgraph query out/graph.ttl indicator-series --param concept=executive-meeting-law-study\n"
    shown = docs.split(command, 1)[1].split("```", 1)[0].splitlines()[2:-1]  # the rows, without header and count
    assert len({row.split()[0] for row in shown}) >= 5
    reports = [*sorted((ROOT / "data" / "reports").glob("*.txt")), *sorted((ROOT / "data" / "real").rglob("*.txt"))]
    build(reports, tmp_path, page=False, validate=False, jobs=2)
    answer = as_table(query_run(load_graph(tmp_path / "graph.ttl"), "indicator-series",
                                {"concept": "executive-meeting-law-study"}))
    cells = {tuple(re.split(r"\s{2,}", row.strip())[:5]) for row in answer.splitlines()}
    assert {tuple(re.split(r"\s{2,}", row.strip())[:5]) for row in shown} <= cells
