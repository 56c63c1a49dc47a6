"""The graph: contract shapes, determinism, and values typed as the contract says."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef

from lawgraph.build import build
from lawgraph.extract.pipeline import extract
from lawgraph.gazetteer import load as load_gazetteer
from lawgraph.graph import report_statements

from .conftest import LVLIANG, ROOT

LG = Namespace("https://w3id.org/lawgraph/ontology#")
ENTITY_CLASSES = [LG.Agency, LG.Regulation, LG.Publication, LG.Program, LG.County, LG.City, LG.Province, LG.Person]


def load(result) -> Graph:
    return Graph().parse(result.out_dir / "graph.ttl")


def test_same_input_gives_byte_identical_turtle(tmp_path, lvliang_build):
    again = build([LVLIANG], tmp_path / "again")
    assert (again.out_dir / "graph.ttl").read_bytes() == (lvliang_build.out_dir / "graph.ttl").read_bytes()


def test_every_entity_has_a_tagged_label_and_a_mention(lvliang_build):
    graph = load(lvliang_build)
    entities = {s for cls in ENTITY_CLASSES for s in graph.subjects(RDF.type, cls)}
    assert len(entities) > 100
    for entity in entities:
        labels = list(graph.objects(entity, RDFS.label))
        assert labels and all(label.language == "zh-Hant" for label in labels), entity
        assert all(alt.language == "zh-Hant" for alt in graph.objects(entity, SKOS.altLabel))
        assert list(graph.objects(entity, LG.mention)), entity


def test_mentions_cut_the_text_they_claim(lvliang_build):
    # A mention is what lg:mention points at (its range says it is an lg:Mention); it ends where its text does
    # (its IRI says so too: mention/START-END), in a sentence of its report that holds it.
    graph = load(lvliang_build)
    text = LVLIANG.read_text(encoding="utf-8")
    mentions = set(graph.objects(None, LG.mention))
    assert len(mentions) > 200
    for mention in mentions:
        start = graph.value(mention, LG.start).toPython()
        written = str(graph.value(mention, LG.text))
        end = start + len(written)
        assert text[start:end] == written and str(mention).endswith(f"/mention/{start}-{end}")
        sentence = graph.value(mention, LG.inSentence)
        sentence_start = graph.value(sentence, LG.start).toPython()
        assert sentence_start <= start < sentence_start + len(str(graph.value(sentence, LG.text)))
        assert (graph.value(sentence, LG.inReport), RDF.type, LG.Report) in graph
        assert not list(graph.objects(mention, RDF.type)) and graph.value(mention, LG.end) is None


def test_every_mention_of_every_report_in_data_sits_in_a_sentence():
    # So a mention's report is always its sentence's (lg:inSentence/lg:inReport), as the named queries read it;
    # only a mention outside every sentence would say lg:inReport itself. And a metric's relations are read in
    # its own sentence: none is restated as an rdf:Statement.
    from lawgraph.document import read_report

    paths = sorted((ROOT / "data").rglob("*.txt"))
    assert len(paths) > 50
    in_sentence, in_report = f"<{LG.inSentence}>", f"<{LG.inReport}>"
    of_metric = re.compile(r"<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <[^>]*/metric/")
    for path in paths:
        for subject, pairs in report_statements(extract(read_report(path), load_gazetteer())):
            if "/mention/" in subject:
                assert sum(pair.startswith(in_sentence) for pair in pairs) == 1, (path, subject)
                assert not any(pair.startswith(in_report) for pair in pairs), (path, subject)
            elif "/statement/" in subject:
                assert not any(of_metric.match(pair) for pair in pairs), (path, subject)


def test_metric_values_are_decimals_with_multipliers_applied(lvliang_build):
    graph = load(lvliang_build)
    by_text = {}
    for metric in graph.subjects(RDF.type, LG.Metric):
        value = graph.value(metric, LG.value)
        assert value.datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal")
        mention = graph.value(metric, LG.mention)
        by_text[str(graph.value(mention, LG.text))] = (value.toPython(), str(graph.value(metric, LG.unit)))
    assert by_text["80.63萬件"] == (Decimal("806300"), "件")
    assert by_text["6993.13萬元"] == (Decimal("69931300"), "元")
    assert by_text["100億元"] == (Decimal("10000000000"), "元")
    assert by_text["99.19%"] == (Decimal("99.19"), "%")


def test_relative_names_are_qualified_by_jurisdiction(lvliang_build):
    graph = load(lvliang_build)
    bureau = URIRef("https://w3id.org/lawgraph/id/agency/141100/司法局")
    assert (bureau, RDF.type, LG.Agency) in graph
    assert (bureau, LG.jurisdiction, URIRef("https://w3id.org/lawgraph/id/division/141100")) in graph
    city = URIRef("https://w3id.org/lawgraph/id/division/141100")
    assert (city, RDFS.label, Literal("呂梁市", lang="zh-Hant")) in graph
    assert (city, LG.adcode, Literal("141100")) in graph


def test_report_metadata(lvliang_build):
    graph = load(lvliang_build)
    report = URIRef("https://w3id.org/lawgraph/id/report/lvliang-2023")
    assert str(graph.value(report, LG.reportingYear)) == "2023"
    assert str(graph.value(report, URIRef("http://purl.org/dc/terms/issued"))) == "2024-02-27"
    assert graph.value(report, LG.jurisdiction) == URIRef("https://w3id.org/lawgraph/id/division/141100")
    # 來源:市司法局 in the header: the publisher is the bureau of the report's city.
    assert graph.value(report, LG.publisher) == URIRef("https://w3id.org/lawgraph/id/agency/141100/司法局")


def test_a_report_wrapped_as_a_pdf_has_one_line_labels_and_exact_mentions():
    from lawgraph.document import Document
    from lawgraph.extract.pipeline import extract
    from lawgraph.graph import report_triples

    from .test_extraction_gold import _wrapped

    text, breaks = _wrapped(LVLIANG.read_text(encoding="utf-8"), 60)
    triples = report_triples(extract(Document("wrapped", text, "utf-8")))
    assert len(breaks) > 100
    one_line = {str(p) for p in (RDFS.label, SKOS.altLabel, LG.heading, LG.indicator)}
    one_line_texts = [t.object.value for t in triples if t.predicate.value in one_line]
    assert [text for text in one_line_texts if re.search(r"\n|[\u4e00-\u9fff]\s[\u4e00-\u9fff]", text)] == []
    mentions = [t.object.value for t in triples if t.predicate.value == str(LG.text)]
    assert any("\n" in m for m in mentions)  # a mention is the text as it stands, breaks and all
