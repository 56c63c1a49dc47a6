"""`lawgraph query` on real output: named queries, formats, and one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest

from lawgraph.errors import QueryError
from lawgraph.query import as_csv, as_json, as_table, named_queries, run
from lawgraph.store import load_graph


@pytest.fixture(scope="module")
def store(lvliang_build):
    return load_graph(lvliang_build.out_dir / "graph.ttl")


def test_the_first_questions_are_shipped_as_named_queries():
    assert {"documents-by-agency", "section-metrics", "programs-by-county", "top-agencies"} <= set(named_queries())


def test_documents_by_agency(store):
    rows = [[str(v.value) for v in row] for row in run(store, "documents-by-agency").rows]
    assert ["市人大常委會" in r[0] or "人大常委會" in r[0] for r in rows]
    assert any(r[1] == "呂梁市控制和查處違法建設條例" for r in rows)


def test_section_metrics_binds_the_section_as_a_term(store):
    rows = run(store, "section-metrics", {"section": "5.4"}).rows
    values = [str(row[2].value) for row in rows]
    assert values[:0] == [] and {"574", "444", "416"} <= set(values)
    assert all(row[0].value == "5.4" for row in rows)


def test_section_metrics_needs_its_parameter(store):
    with pytest.raises(QueryError, match="--param section"):
        run(store, "section-metrics")


def test_programs_by_county(store):
    rows = run(store, "programs-by-county").rows
    assert any(row[0].value == "柳林縣" for row in rows)


def test_top_agencies_counts_mentions(store):
    rows = run(store, "top-agencies").rows
    counts = [int(row[2].value) for row in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 3


def test_prefixes_are_predeclared_and_labels_are_tagged(store):
    result = run(store, 'SELECT ?e WHERE { ?e rdfs:label "市司法局"@zh-Hant }')
    assert len(result.rows) == 1
    result = run(store, 'SELECT ?e WHERE { ?e rdfs:label ?l FILTER(STR(?l) = "市司法局") }')
    assert len(result.rows) == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT ?x WHERE { ?x ?p }", "line 1, column"),
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "INSERT is an update"),
        ("DROP ALL", "DROP is an update"),
        ("no-such-query", "unknown query name"),
    ],
    ids=["malformed", "insert", "drop", "unknown-name"],
)
def test_errors_are_one_line(store, query, message):
    with pytest.raises(QueryError, match=message) as info:
        run(store, query)
    assert "\n" not in str(info.value)


def test_formats(store):
    result = run(store, "top-agencies")
    table = as_table(result)
    assert table.splitlines()[0].split() == ["agency", "label", "mentions", "reports"]
    rows = list(csv.reader(io.StringIO(as_csv(result))))
    assert rows[0] == ["agency", "label", "mentions", "reports"] and len(rows) == len(result.rows) + 1
    data = json.loads(as_json(result))
    assert data["head"]["vars"] == ["agency", "label", "mentions", "reports"]
    assert data["results"]["bindings"][0]["label"]["xml:lang"].lower() == "zh-hant"


@pytest.fixture(scope="module")
def two_graphs(store):
    """The report in one named graph and its entities' triples again in another, as a store holds two reports
    that name the same agencies, documents and places (its union default graph then repeats those triples)."""
    from pyoxigraph import NamedNode, Quad, Store

    local = "https://w3id.org/lawgraph/id/report/"
    twice = Store()
    triples = list(store.quads_for_pattern(None, None, None))
    twice.extend(Quad(q.subject, q.predicate, q.object, NamedNode(local + "one")) for q in triples)
    twice.extend(Quad(q.subject, q.predicate, q.object, NamedNode(local + "two")) for q in triples
                 if not q.subject.value.startswith(local))
    return twice


PARAMS = {"section-metrics": {"section": "5"}, "indicator-series": {"concept": "administrative-reconsideration"},
          "compare": {"concept": "reconsideration-applications", "year": "2023"}}


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_queries_count_a_repeated_triple_once(store, two_graphs, name):
    from collections import Counter

    bindings = PARAMS.get(name)

    def answer(graph):
        return Counter(tuple(map(str, row)) for row in run(graph, name, bindings).rows)

    assert answer(two_graphs) == answer(store)


def _rows(result) -> list[dict[str, str]]:
    return [{c: (v.value if v is not None else None) for c, v in zip(result.columns, row, strict=True)}
            for row in result.rows]


def test_indicator_series_gives_each_figure_with_its_place_year_and_sentence(store):
    rows = _rows(run(store, "indicator-series", {"concept": "reconsideration-applications"}))
    assert len(rows) == 1
    row = rows[0]
    assert (row["jurisdiction"], row["code"], row["year"], row["value"], row["unit"]) == ("呂梁市", "141100", "2023",
                                                                                       "574", "件")
    assert row["report"] == "lvliang-2023" and "收到行政復議申請574件" in row["sentence"]
    assert row["indicator"] == "全市收到行政復議申請" and row["measure"] == row["concept"]


def test_indicator_series_of_a_group_takes_the_concepts_under_it(store):
    rows = _rows(run(store, "indicator-series", {"concept": "administrative-reconsideration"}))
    assert {"reconsideration-applications", "reconsideration-accepted", "reconsideration-concluded"} <= \
        {row["measure"] for row in rows}
    assert {row["value"] for row in rows} >= {"574", "444", "416"}


def test_indicator_series_needs_its_concept(store):
    with pytest.raises(QueryError, match="--param concept"):
        run(store, "indicator-series")


def test_compare_sets_jurisdictions_side_by_side_for_one_year(built):
    two = load_graph(built / "out" / "graph.ttl")  # Lüliang 2023 and Yichang 2022
    rows = _rows(run(two, "compare", {"concept": "hotline-requests", "year": "2022"}))
    assert [(r["jurisdiction"], r["value"], r["unit"], r["report"]) for r in rows] == \
        [("宜昌市", "1267000", "件", "yichang-2022")]
    rows = _rows(run(two, "compare", {"concept": "reconsideration-applications", "year": "2023"}))
    assert [(r["jurisdiction"], r["value"], r["figures"]) for r in rows] == [("呂梁市", "574", "1")]
    assert run(two, "compare", {"concept": "reconsideration-applications", "year": "2019"}).rows == []


def test_compare_needs_both_parameters(store):
    with pytest.raises(QueryError, match="--param year"):
        run(store, "compare", {"concept": "hotline-requests"})


def test_indicators_lists_the_concepts_each_report_covers(store):
    rows = _rows(run(store, "indicators"))
    by_concept = {row["concept"]: row for row in rows}
    assert {row["report"] for row in rows} == {"lvliang-2023"}
    assert by_concept["reconsideration-applications"]["label"] == "收到行政复议申请"
    assert by_concept["reconsideration-applications"]["area"] == "area-disputes"
    assert by_concept["publicity-articles"]["figures"] == "3"
    assert len(rows) >= 30
