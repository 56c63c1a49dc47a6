"""The lg: vocabulary as a closed namespace, the prefixes lawgraph binds, and the minting of IRIs.

`LG` fails on a term the ontology does not declare (`LG.Agnecy` raises); a test holds its terms equal to
those of `ontology/lawgraph.ttl`. IRIs are minted here and nowhere else: deterministic, readable (the
Chinese name stays in the IRI), and qualified by jurisdiction where a name is relative.
"""

from __future__ import annotations

import re

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

ONTOLOGY = "https://w3id.org/lawgraph/ontology#"
DATA = "https://w3id.org/lawgraph/id/"


class LG(DefinedNamespace):
    """lawgraph ontology terms (https://w3id.org/lawgraph/ontology#)."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Report: URIRef
    Section: URIRef
    Sentence: URIRef
    Mention: URIRef
    Entity: URIRef
    Agency: URIRef
    Document: URIRef
    Regulation: URIRef
    Publication: URIRef
    Program: URIRef
    Division: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Person: URIRef
    Metric: URIRef
    # provenance: where things are said
    mention: URIRef
    inReport: URIRef
    inSection: URIRef
    inSentence: URIRef
    start: URIRef
    end: URIRef
    text: URIRef
    # report structure and metadata
    number: URIRef
    level: URIRef
    heading: URIRef
    jurisdiction: URIRef
    reportingYear: URIRef
    publisher: URIRef
    sourceFile: URIRef
    sha256: URIRef
    encoding: URIRef
    script: URIRef
    # entities
    adcode: URIRef
    documentType: URIRef
    position: URIRef
    partOf: URIRef
    issuedBy: URIRef
    locatedIn: URIRef
    about: URIRef
    evidence: URIRef
    # metrics
    value: URIRef
    valueMax: URIRef
    unit: URIRef
    qualifier: URIRef
    indicator: URIRef


PREFIXES = {
    "lg": ONTOLOGY,
    "lgr": DATA,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
}

# Characters not allowed in an IRI (RFC 3987) or unsafe in one, percent-encoded; the rest stays readable.
_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|^`\\%#?/\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def segment(text: str) -> str:
    """One readable, IRI-safe path segment."""
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), text) or "_"


def iri(*parts: str) -> str:
    return DATA + "/".join(segment(p) for p in parts)


def report_iri(doc_id: str) -> str:
    return iri("report", doc_id)


def division_iri(code: str) -> str:
    return iri("division", code)


def entity_iri(kind: str, key: tuple[str, ...]) -> str:
    """The IRI of an entity from its identity key (see extract.pipeline._identity)."""
    if key[0] == "division":
        return division_iri(key[1])
    if key[0] == "named":
        return iri("document" if kind in ("Regulation", "Publication") else "program", *key[1:])
    return iri(*key)
