"""The ontology is tested like code: it parses, every term is labelled in two languages and explained, the
closed Python namespace equals it, and no graph uses a term it does not declare."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from lawgraph.vocab import LG, ONTOLOGY

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontology" / "lawgraph.ttl"
CONTRACT_CLASSES = ["Report", "Agency", "Regulation", "Publication", "Program", "County", "City", "Province",
                    "Person", "Metric", "Mention"]


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ONTOLOGY_FILE)


def declared_terms(ontology) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {str(s) for kind in kinds for s in ontology.subjects(RDF.type, kind) if str(s).startswith(ONTOLOGY)}


def test_one_ontology_header(ontology):
    assert len(list(ontology.subjects(RDF.type, OWL.Ontology))) == 1


def test_python_namespace_equals_the_ontology(ontology):
    python_terms = {ONTOLOGY + name for name in LG.__annotations__}
    assert python_terms == declared_terms(ontology)


def test_closed_namespace_rejects_unknown_terms():
    with pytest.raises(AttributeError):
        _ = LG.Agnecy


@pytest.mark.parametrize("name", sorted(LG.__annotations__))
def test_every_term_has_english_and_chinese_labels_and_a_comment(ontology, name):
    term = URIRef(ONTOLOGY + name)
    languages = {label.language for label in ontology.objects(term, RDFS.label)}
    assert {"en", "zh-Hans"} <= languages
    assert list(ontology.objects(term, RDFS.comment))


@pytest.mark.parametrize("name", CONTRACT_CLASSES)
def test_contract_classes_exist(ontology, name):
    assert (URIRef(ONTOLOGY + name), RDF.type, OWL.Class) in ontology


def test_built_graph_uses_only_declared_terms(ontology, lvliang_build):
    graph = Graph().parse(lvliang_build.out_dir / "graph.ttl")
    declared = declared_terms(ontology)
    used = {str(p) for p in graph.predicates()} | {str(o) for o in graph.objects(None, RDF.type)}
    lg_used = {t for t in used if t.startswith(ONTOLOGY)}
    assert lg_used <= declared, lg_used - declared
    # A class may be given by a property's range instead of a statement (lg:mention's objects are lg:Mentions).
    implied = {str(ontology.value(URIRef(p), RDFS.range)) for p in lg_used}
    assert {ONTOLOGY + c for c in CONTRACT_CLASSES} <= lg_used | implied
    external = {t for t in used if not t.startswith(ONTOLOGY)}
    annotated = {str(s) for kind in (OWL.AnnotationProperty, OWL.DatatypeProperty, OWL.ObjectProperty, OWL.Class)
                 for s in ontology.subjects(RDF.type, kind)} | {str(RDF.type)}
    assert external <= annotated, external - annotated
