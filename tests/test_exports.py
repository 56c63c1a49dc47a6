"""Every file a build writes, plain or compressed, reads back as the statements of the reports' graphs: graph.ttl,
graph.nt and graph.jsonld their union, graph.trig and graph.nq each report's named graph. The commands read
.gz files as they read plain ones. JSON-LD is compacted with lawgraph's context; the ontology page documents
every term in both languages."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from collections import Counter

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from rdflib import Dataset, Graph

from lawgraph.build import build, extract_report
from lawgraph.dataset import EXPORT_CHOICES, SCHEME_GRAPH
from lawgraph.errors import GraphError
from lawgraph.graph import measured, report_statements, scheme_statements
from lawgraph.ntriples import triples_of
from lawgraph.store import load_graph
from lawgraph.vocab import LG, report_iri

from .conftest import LVLIANG, ROOT

YICHANG = ROOT / "data" / "dev" / "yichang-2022.txt"
FORMATS = {"ttl": RdfFormat.TURTLE, "trig": RdfFormat.TRIG, "nq": RdfFormat.N_QUADS, "nt": RdfFormat.N_TRIPLES,
           "jsonld": RdfFormat.JSON_LD}
NAMED = ("trig", "nq")  # the files with a named graph per report


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Two reports that name some of the same entities (呂梁市's 山西省 …), with every export."""
    out = tmp_path_factory.mktemp("exports")
    result = build([LVLIANG, YICHANG], out, page=False, export=EXPORT_CHOICES)
    assert [path.name for path in result.files][:2] == ["graph.ttl", "graph.trig"]
    return out


@pytest.fixture(scope="module")
def graphs() -> set[Quad]:
    """Each report's statements in its named graph, as graph.py makes them, and the concepts they measure (and
    those above them) once, in the graph lgi:scheme."""
    quads, concepts = set(), set()
    for path in (LVLIANG, YICHANG):
        extraction, triples = extract_report(path)
        graph = NamedNode(report_iri(extraction.doc.doc_id))
        quads |= {Quad(t.subject, t.predicate, t.object, graph) for t in triples}
        concepts |= measured(report_statements(extraction))
    scheme = NamedNode(SCHEME_GRAPH)
    quads |= {Quad(t.subject, t.predicate, t.object, scheme) for t in triples_of(scheme_statements(concepts))}
    return quads


def read(path) -> list[Quad]:
    fmt = FORMATS[path.name.split(".")[1]]
    with (gzip.open(path) if path.suffix == ".gz" else path.open("rb")) as stream:
        return list(parse(stream, fmt))


@pytest.mark.parametrize("name", [f"graph.{fmt}" for fmt in ("ttl", "trig")] + [f"graph.{e}" for e in EXPORT_CHOICES])
def test_every_file_reads_back_the_same_statements(exported, graphs, name):
    quads = read(exported / name)
    if name.split(".")[1] in NAMED:
        assert Counter(quads) == Counter(graphs)  # each statement once, in its report's graph
    else:
        assert len(quads) == len({q.triple for q in quads}) == len({q.triple for q in graphs})
        assert {q.triple for q in quads} == {q.triple for q in graphs}


def test_compressed_files_are_the_plain_ones(exported):
    for fmt in FORMATS:
        assert gzip.decompress((exported / f"graph.{fmt}.gz").read_bytes()) == (exported / f"graph.{fmt}").read_bytes()


def test_rdflib_reads_the_files_too(exported, graphs):
    union = {q.triple for q in graphs}
    for name, fmt in (("graph.ttl", "turtle"), ("graph.jsonld", "json-ld"), ("graph.nt", "nt")):
        assert len(Graph().parse(exported / name, format=fmt)) == len(union), name
    dataset = Dataset()
    dataset.parse(exported / "graph.trig", format="trig")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} == {report_iri("lvliang-2023"),
                                                                       report_iri("yichang-2022"), SCHEME_GRAPH}


def test_turtle_names_a_reports_nodes_with_its_prefixes(exported):
    text = (exported / "graph.ttl").read_text(encoding="utf-8")
    assert text.startswith("@base <https://w3id.org/lawgraph/id/> .\n")
    assert "@prefix mention: <https://w3id.org/lawgraph/id/report/lvliang-2023/mention/> .\n" in text
    assert "<agency/141100/司法局> lg:mention mention:3-7 .\n" in text
    statements = [line for line in text.splitlines() if not line.startswith(("@base ", "@prefix "))]
    assert not [line for line in statements if "<https://w3id.org/lawgraph/id/" in line]  # no IRI in full


@pytest.mark.parametrize("name", ["graph.ttl.gz", "graph.nq.gz", "graph.trig.gz", "graph.jsonld.gz"])
def test_commands_read_compressed_files(exported, name):
    graph = str(exported / name)
    done = subprocess.run([sys.executable, "-m", "lawgraph.cli", "query", graph, "top-agencies", "--format", "csv"],
                          capture_output=True, text=True, timeout=120)
    plain = subprocess.run([sys.executable, "-m", "lawgraph.cli", "query", str(exported / "graph.ttl"),
                            "top-agencies", "--format", "csv"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout == plain.stdout and len(done.stdout.splitlines()) > 10
    done = subprocess.run([sys.executable, "-m", "lawgraph.cli", "validate", graph], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "Conforms: True" in done.stdout
    page = exported / f"{name}.html"
    done = subprocess.run([sys.executable, "-m", "lawgraph.cli", "view", graph, "--out", str(page)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and page.stat().st_size > 10_000


def test_a_damaged_compressed_file_is_one_line(exported, tmp_path):
    cut = tmp_path / "graph.nq.gz"
    cut.write_bytes((exported / "graph.nq.gz").read_bytes()[:5000])
    with pytest.raises(GraphError, match=r"graph\.nq\.gz: not a complete gzip file"):
        load_graph(cut)
    plain = tmp_path / "graph.ttl.gz"
    shutil.copy(exported / "graph.ttl", plain)
    with pytest.raises(GraphError, match=r"graph\.ttl\.gz: not a complete gzip file"):
        load_graph(plain)


def test_jsonld_is_compacted_with_the_context(exported):
    document = json.loads((exported / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["label"] == {"@id": "rdfs:label", "@container": "@language"}
    nodes = document["@graph"]
    bureau = next(n for n in nodes if n["@id"] == "lgr:agency/141100/司法局" and "label" in n)
    assert bureau["label"] == {"zh-Hant": "市司法局"} and bureau["@type"] == "lg:Agency"
    mention = next(n for n in nodes if n["@id"] == "lgr:report/lvliang-2023/mention/3-7")
    assert mention["start"] == "3" and mention["text"] == "市司法局"


def test_ontology_page_lists_every_term_in_both_languages(exported):
    page = (exported / "ontology.html").read_text(encoding="utf-8")
    for name in LG.__annotations__:
        assert f"<code>lg:{name}</code>" in page, name
    assert "Agency · 机关" in page and "Metric · 数据指标" in page


def test_language_tags_keep_their_canonical_case(exported):
    for name in ("graph.ttl", "graph.nt", "graph.nq", "graph.trig", "graph.jsonld"):
        text = (exported / name).read_text(encoding="utf-8")
        assert "zh-Hant" in text and "zh-hant" not in text, name


def test_an_unknown_export_is_refused(tmp_path):
    done = subprocess.run([sys.executable, "-m", "lawgraph.cli", "build", str(LVLIANG), "--out", str(tmp_path),
                           "--export", "nq,xml"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "'xml' is not one of nq, nt, jsonld, ttl.gz" in done.stderr
    assert not (tmp_path / "graph.ttl").exists()


def test_push_and_serve_read_compressed_files(exported):
    from lawgraph.push import open_source, report_graphs

    from .test_serve import serving, sparql

    assert len(report_graphs(open_source(exported / "graph.nq.gz"))) == 3  # the reports' and lgi:scheme
    with pytest.raises(GraphError, match="has no named graphs"):
        open_source(exported / "graph.ttl.gz")
    with serving(exported / "graph.trig.gz") as url:
        status, _, body = sparql(url, "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a lg:Report }")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"
