"""The lg: vocabulary as a closed namespace, the prefixes lawgraph binds, and the minting of IRIs.

`LG` fails on a term the ontology does not declare (`LG.Agnecy` raises); a test holds its terms equal to
those of `ontology/lawgraph.ttl`. IRIs are minted here and nowhere else: deterministic, readable (the
Chinese name stays in the IRI), and qualified by jurisdiction where a name is relative.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

ONTOLOGY = "https://w3id.org/lawgraph/ontology#"
DATA = "https://w3id.org/lawgraph/id/"
INDICATORS = "https://w3id.org/lawgraph/indicator/"  # the concepts of ontology/indicators.ttl


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
    Zone: URIRef
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
    zone: URIRef
    reportingYear: URIRef
    publisher: URIRef
    sourceFile: URIRef
    sha256: URIRef
    textFile: URIRef
    sourceFormat: URIRef
    sourceSha256: URIRef
    sourceUrl: URIRef
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
    # indicators: metrics → concepts of ontology/indicators.ttl
    measures: URIRef
    QuantityKind: URIRef
    quantityKind: URIRef
    expectedUnit: URIRef
    Count: URIRef
    PersonCount: URIRef
    Money: URIRef
    Rate: URIRef
    Duration: URIRef


PREFIXES = {
    "lg": ONTOLOGY,
    "lgr": DATA,
    "lgi": INDICATORS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
}

# What a path segment may hold unescaped: RFC 3987's unreserved characters (ASCII letters, digits, -._~ and
# the "ucschar" ranges) and sub-delims, minus bidi controls and zero-width marks, which RFC 3987 forbids or
# which would make an IRI look like another. Everything else is percent-encoded; Chinese stays readable.
_SAFE = re.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@"
                   "\u00a0-\u200a\u2010-\u2029\u202f-\u2065\u206a-\ud7ff\uf900-\ufdcf\ufdf0-\ufefe\uff00-\uffef"
                   "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd]")
_ALL_SAFE = re.compile(_SAFE.pattern + "+")  # most segments (offsets, Chinese names) need no escape at all


@lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """One readable, IRI-safe path segment."""
    if _ALL_SAFE.fullmatch(text):
        return text
    return "".join(c if _SAFE.fullmatch(c) else "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
                   for c in text) or "_"


def iri(*parts: str) -> str:
    return DATA + "/".join(map(segment, parts))


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
