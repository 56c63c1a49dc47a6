"""Exports: N-Triples and JSON-LD (with lawgraph's context) say the same as graph.ttl; the ontology page
documents every term in both languages."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from lawgraph.build import build
from lawgraph.vocab import LG

from .conftest import LVLIANG


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    build([LVLIANG], out, page=False, export=("nt", "jsonld"))
    return out


def test_ntriples_and_jsonld_equal_the_turtle(exported):
    turtle = Graph().parse(exported / "graph.ttl")
    assert isomorphic(turtle, Graph().parse(exported / "graph.nt", format="nt"))
    assert isomorphic(turtle, Graph().parse(exported / "graph.jsonld", format="json-ld"))


def test_jsonld_is_compacted_with_the_context(exported):
    document = json.loads((exported / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["label"] == {"@id": "rdfs:label", "@container": "@language"}
    nodes = document["@graph"]
    bureau = next(n for n in nodes if n["@id"].endswith("agency/141100/司法局"))
    assert bureau["label"] == {"zh-Hant": "市司法局"}


def test_ontology_page_lists_every_term_in_both_languages(exported):
    page = (exported / "ontology.html").read_text(encoding="utf-8")
    for name in LG.__annotations__:
        assert f"<code>lg:{name}</code>" in page, name
    assert "Agency · 机关" in page and "Metric · 数据指标" in page


def test_language_tags_keep_their_canonical_case(exported):
    for name in ("graph.ttl", "graph.nt", "graph.nq", "graph.trig"):
        text = (exported / name).read_text(encoding="utf-8")
        assert "@zh-Hant" in text and "@zh-hant" not in text, name
