"""SHACL: every annotated report's graph conforms; graphs broken one constraint at a time are caught, by both
engines alike (shacl-rust, the fast default, against pySHACL, the reference), by the library and by
`lawgraph validate` with its exit codes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from lawgraph.build import build, extract_report
from lawgraph.errors import GraphError, ValidationFailed
from lawgraph.graph import measured, report_statements, scheme_statements
from lawgraph.ntriples import triples_of
from lawgraph.validate import ENGINES, validate, validate_store

from .conftest import GOLD_FILES, LVLIANG, ROOT

REPORTS = [*sorted((ROOT / "data" / "dev").glob("*.txt")), LVLIANG]
LG = "https://w3id.org/lawgraph/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDF_PREDICATE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")


def lg(name: str) -> NamedNode:
    return NamedNode(LG + name)


def nt(triples) -> str:
    return serialize(triples, None, RdfFormat.N_TRIPLES).decode("utf-8")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_every_annotated_report_conforms(path, engine):
    _, triples = extract_report(path)
    result = validate(nt(triples), engine=engine)
    assert result.conforms and result.violations == 0, result.text[:2000]


def test_annotated_reports_are_the_ones_validated():
    assert len(REPORTS) == len(GOLD_FILES)


Mutation = Callable[[list[Triple]], list[Triple]]


def _replace(predicate: NamedNode, new_object: Callable[[Triple], object], *, keep: bool = False,
             where: Callable[[Triple, list[Triple]], bool] = lambda t, ts: True) -> Mutation:
    """Give the first statement with `predicate` (and `where`) a new object, or add one beside it (`keep`)."""
    def mutate(triples: list[Triple]) -> list[Triple]:
        index = next(i for i, t in enumerate(triples) if t.predicate == predicate and where(t, triples))
        old = triples[index]
        changed = Triple(old.subject, old.predicate, new_object(old))
        return [*triples, changed] if keep else [*triples[:index], changed, *triples[index + 1:]]
    return mutate


def _drop(predicate: NamedNode) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        index = next(i for i, t in enumerate(triples) if t.predicate == predicate)
        return triples[:index] + triples[index + 1:]
    return mutate


def _is_agency(triple: Triple, triples: list[Triple]) -> bool:
    return any(t.subject == triple.subject and t.predicate == RDF_TYPE and t.object == lg("Agency") for t in triples)


# One constraint of ontology/shapes.ttl broken per graph.
BROKEN: dict[str, Mutation] = {
    "mention-without-start": _drop(lg("start")),
    "mention-before-the-text": _replace(lg("start"), lambda t: Literal("-1", datatype=NamedNode(XSD + "integer"))),
    "section-backwards": _replace(lg("start"), lambda t: Literal("1000000000", datatype=NamedNode(XSD + "integer")),
                                  where=lambda t, ts: "/section/" in t.subject.value),
    "mention-with-an-end": lambda ts: [*ts, next(Triple(t.subject, lg("end"), t.object) for t in ts
                                                 if t.predicate == lg("start") and "/mention/" in t.subject.value)],
    "mention-in-no-sentence": _drop(lg("inSentence")),
    "part-in-no-report": _drop(lg("inReport")),
    "value-not-decimal": _replace(lg("value"), lambda t: Literal("many")),
    "two-values": _replace(lg("value"), lambda t: Literal("123.5", datatype=NamedNode(XSD + "decimal")), keep=True),
    "empty-unit": _replace(lg("unit"), lambda t: Literal("")),
    "sha256-malformed": _replace(lg("sha256"), lambda t: Literal("abc")),
    "script-unknown": _replace(lg("script"), lambda t: Literal("en")),
    "label-in-english": _replace(RDFS_LABEL, lambda t: Literal(t.object.value, language="en"), where=_is_agency),
    "issuer-not-agency": _replace(lg("issuedBy"), lambda t: t.subject),
    "place-not-division": _replace(lg("locatedIn"), lambda t: NamedNode("https://w3id.org/lawgraph/id/x")),
    "adcode-malformed": _replace(lg("adcode"), lambda t: Literal("12345")),
    "section-level-7": _replace(lg("level"), lambda t: Literal("7", datatype=NamedNode(XSD + "integer"))),
    "mention-a-literal": _replace(lg("mention"), lambda t: Literal("m"), keep=True),
    "statement-of-partOf": _replace(RDF_PREDICATE, lambda t: lg("partOf")),
    "evidence-a-literal": _replace(lg("evidence"), lambda t: Literal("s")),
    "measures-a-literal": _replace(lg("measures"), lambda t: Literal("reconsideration-applications")),
    "two-concepts": _replace(lg("measures"), lambda t: NamedNode("https://w3id.org/lawgraph/indicator/x"), keep=True),
    "concept-without-notation": _drop(NamedNode("http://www.w3.org/2004/02/skos/core#notation")),
    "concept-kind-unknown": _replace(lg("quantityKind"), lambda t: lg("Metric")),
}


@pytest.fixture(scope="module")
def lvliang_triples(lvliang_extraction):
    """The report's graph and the scheme's statements of the concepts it measures (the graph lgi:scheme)."""
    extraction, triples = lvliang_extraction
    scheme = scheme_statements(measured(report_statements(extraction)))
    return [*triples, *triples_of(scheme)]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_graph_is_caught_by_both_engines_alike(lvliang_triples, name):
    broken = nt(BROKEN[name](list(lvliang_triples)))
    assert broken != nt(lvliang_triples)
    fast, reference = (validate(broken, engine=engine) for engine in ENGINES)
    assert not fast.conforms and fast.violations >= 1
    assert not reference.conforms
    # The same focus node, path and constraint component for every violation.
    assert {(v.focus, v.path, v.component) for v in fast.results} == \
        {(v.focus, v.path, v.component) for v in reference.results}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_store_is_validated_as_its_text_is(lvliang_triples, name):
    # A store goes to shacl-rust as a file it streams, through its index for large graphs: the same violations.
    broken = BROKEN[name](list(lvliang_triples))
    store = Store()
    store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in broken)
    streamed, reference = validate_store(store), validate(nt(broken), engine="pyshacl")
    assert not streamed.conforms
    assert {(v.focus, v.path, v.component) for v in streamed.results} == \
        {(v.focus, v.path, v.component) for v in reference.results}


@pytest.fixture(scope="module")
def turtle(lvliang_build):
    return (lvliang_build.out_dir / "graph.ttl").read_text(encoding="utf-8")


TEXT_BROKEN = {
    "label-missing": lambda ttl: ttl.replace('rdfs:label "市司法局"@zh-Hant ;', ""),
    "mention-before-the-text": lambda ttl: ttl.replace("\tlg:start 3 ;", "\tlg:start -3 ;", 1),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(TEXT_BROKEN))
def test_validate_command_fails_on_a_broken_graph(turtle, name, engine, tmp_path):
    broken = TEXT_BROKEN[name](turtle)
    assert broken != turtle
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "lawgraph.cli", "validate", str(path), "--engine", engine],
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 1 and "Conforms: False" in cli.stdout
    assert "Results (1):" in cli.stdout and "https://w3id.org/lawgraph/id/" in cli.stdout


def test_validate_command_accepts_a_good_graph(lvliang_build):
    cli = subprocess.run([sys.executable, "-m", "lawgraph.cli", "validate",
                          str(lvliang_build.out_dir / "graph.ttl")], capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0 and "Conforms: True" in cli.stdout


def test_data_that_does_not_parse_is_one_clear_error():
    with pytest.raises(GraphError, match="cannot validate"):
        validate("<a> <b> .")


def test_build_refuses_a_graph_that_does_not_conform(tmp_path, monkeypatch):
    from lawgraph import graph as graph_module

    original = graph_module._Builder.metric

    def no_unit(self, span):  # a bug that drops every metric's unit
        original(self, span)
        for pairs in self.statements.values():
            pairs[:] = [pair for pair in pairs if not pair.startswith("<https://w3id.org/lawgraph/ontology#unit> ")]

    monkeypatch.setattr(graph_module._Builder, "metric", no_unit)
    out = tmp_path / "out"
    with pytest.raises(ValidationFailed, match="does not conform"):
        build([LVLIANG], out, page=False)
    assert not (out / "graph.ttl").exists()


def test_reports_validated_together_name_the_one_that_does_not_conform(tmp_path, monkeypatch):
    # Reports are validated in batches (the validator reads the shapes once for them all); when a batch fails,
    # the error names the report at fault, not the batch's first.
    from lawgraph import graph as graph_module

    reports = REPORTS[:4]
    wrong = reports[2].stem
    original = graph_module._Builder.metric

    def no_unit_in_one_report(self, span):
        original(self, span)
        if self.doc.doc_id == wrong:
            for pairs in self.statements.values():
                pairs[:] = [p for p in pairs if not p.startswith("<https://w3id.org/lawgraph/ontology#unit> ")]

    monkeypatch.setattr(graph_module._Builder, "metric", no_unit_in_one_report)
    out = tmp_path / "out"
    with pytest.raises(ValidationFailed, match=f"{wrong}.txt: the graph does not conform"):
        build(reports, out, page=False)
    assert not (out / "graph.ttl").exists()
