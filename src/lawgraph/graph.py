"""Extraction results → RDF: the one place where spans become triples.

Each report gives a list of triples (its named graph in a dataset): the report and its sections and
sentences, every entity with its labels and mentions, every metric with its value, unit, indicator and
mention. Mentions, metrics, sections and sentences have IRIs derived from the report and offsets, so the
same input gives the same graph, byte for byte.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from pyoxigraph import Literal, NamedNode, Triple

from . import vocab
from .document import Document, Span
from .extract.pipeline import DIVISION_KINDS, Entity, Extraction, Post
from .gazetteer import Gazetteer
from .gazetteer import load as load_gazetteer
from .vocab import LG, PREFIXES

_XSD = PREFIXES["xsd"]
_RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
_LABEL = NamedNode(PREFIXES["rdfs"] + "label")
_ALT_LABEL = NamedNode(PREFIXES["skos"] + "altLabel")
_TITLE = NamedNode(PREFIXES["dct"] + "title")
_ISSUED = NamedNode(PREFIXES["dct"] + "issued")
_INTEGER = NamedNode(_XSD + "integer")
_DECIMAL = NamedNode(_XSD + "decimal")
_GYEAR = NamedNode(_XSD + "gYear")
_DATE = NamedNode(_XSD + "date")
_STATEMENT = NamedNode(PREFIXES["rdf"] + "Statement")
_RDF_SUBJECT = NamedNode(PREFIXES["rdf"] + "subject")
_RDF_PREDICATE = NamedNode(PREFIXES["rdf"] + "predicate")
_RDF_OBJECT = NamedNode(PREFIXES["rdf"] + "object")
_POST = NamedNode(PREFIXES["org"] + "Post")
_HOLDS = NamedNode(PREFIXES["org"] + "holds")
_POST_IN = NamedNode(PREFIXES["org"] + "postIn")
_SUB_ORGANIZATION_OF = NamedNode(PREFIXES["org"] + "subOrganizationOf")


def term(lg_term) -> NamedNode:
    return NamedNode(str(lg_term))


P = {name: term(getattr(LG, name)) for name in LG.__annotations__}


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_INTEGER)


def _decimal(value: Decimal) -> Literal:
    """The canonical xsd:decimal form Oxigraph stores (2, 2.5, 806300), so files and stores agree."""
    return Literal(format(value.normalize(), "f"), datatype=_DECIMAL)


class _Builder:
    def __init__(self, extraction: Extraction, gazetteer: Gazetteer) -> None:
        self.x = extraction
        self.doc: Document = extraction.doc
        self.gazetteer = gazetteer
        self.report = NamedNode(vocab.report_iri(self.doc.doc_id))
        self._local_base = self.report.value + "/"
        self.lang = self.doc.script
        self.triples: list[Triple] = []
        self._section_counts: dict[str, int] = {}
        self._first_section: dict[str, object] = {}
        for section in self.doc.sections:
            self._section_counts[section.number] = self._section_counts.get(section.number, 0) + 1
            self._first_section.setdefault(section.number, section)

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self.triples.append(Triple(s, p, o))

    def local(self, *parts: str) -> NamedNode:
        """An IRI inside the report's own namespace (mentions, metrics, sentences, sections)."""
        return NamedNode(self._local_base + "/".join(map(vocab.segment, parts)))

    # -- the report and its structure
    def report_node(self) -> None:
        doc, info, r = self.doc, self.x.info, self.report
        self.add(r, _RDF_TYPE, P["Report"])
        self.add(r, _LABEL, Literal(info.title or doc.doc_id, language=self.lang))
        if info.title:
            self.add(r, _TITLE, Literal(info.title, language=self.lang))
        if info.published:
            self.add(r, _ISSUED, Literal(info.published, datatype=_DATE))
        if info.year:
            self.add(r, P["reportingYear"], Literal(str(info.year), datatype=_GYEAR))
        if self.x.jurisdiction:
            self.add(r, P["jurisdiction"], NamedNode(vocab.division_iri(self.x.jurisdiction.code)))
        if info.publisher_span:
            start, end = info.publisher_span
            publisher = next((e for e in self.x.entities if e.kind == "Agency"
                              and any(start <= m.start < end for m in e.mentions)), None)
            if publisher is not None:
                self.add(r, P["publisher"], self.entity_node(publisher))
        if doc.source:
            self.add(r, P["sourceFile"], Literal(doc.source.replace("\\", "/").rsplit("/", 1)[-1]))
        self.add(r, P["sha256"], Literal(doc.sha256))
        self.add(r, P["encoding"], Literal(doc.encoding))
        self.add(r, P["script"], Literal(self.lang))

    def section_node(self, section) -> NamedNode:
        """section/5.2; a number the report repeats (a second 一、 series) is told apart by its offset."""
        if self._section_counts.get(section.number, 0) > 1 and section != self._first_section[section.number]:
            return self.local("section", f"{section.number}-{section.start}")
        return self.local("section", section.number)

    def structure(self) -> None:
        for section in self.doc.sections:
            node = self.section_node(section)
            self.add(node, _RDF_TYPE, P["Section"])
            self.add(node, P["inReport"], self.report)
            self.add(node, P["number"], Literal(section.number))
            self.add(node, P["level"], _int(section.level))
            self.add(node, P["heading"], Literal(section.heading, language=self.lang))
            self.add(node, P["start"], _int(section.start))
            self.add(node, P["end"], _int(section.end))
            parent = self._parent_section(section)
            if parent is not None:
                self.add(node, P["inSection"], self.section_node(parent))
        for sentence in self.doc.sentences:
            node = self.local("sentence", str(sentence.start))
            self.add(node, _RDF_TYPE, P["Sentence"])
            self.add(node, P["inReport"], self.report)
            self.add(node, P["start"], _int(sentence.start))
            self.add(node, P["end"], _int(sentence.end))
            self.add(node, P["text"], Literal(sentence.text))
            section = self.doc.section_at(sentence.start)
            if section is not None:
                self.add(node, P["inSection"], self.section_node(section))

    def _parent_section(self, section):
        candidates = [s for s in self.doc.sections
                      if s.level < section.level and s.start <= section.start and section.end <= s.end]
        return max(candidates, key=lambda s: s.level) if candidates else None

    # -- provenance
    def mention(self, subject: NamedNode, span: Span) -> None:
        node = self.local("mention", f"{span.start}-{span.end}")
        self.add(subject, P["mention"], node)
        self.add(node, _RDF_TYPE, P["Mention"])
        self.add(node, P["inReport"], self.report)
        self.add(node, P["start"], _int(span.start))
        self.add(node, P["end"], _int(span.end))
        self.add(node, P["text"], Literal(span.text))
        sentence = self.doc.sentence_at(span.start)
        if sentence is not None:
            self.add(node, P["inSentence"], self.local("sentence", str(sentence.start)))

    # -- entities and metrics
    def entity(self, entity: Entity) -> None:
        node = self.entity_node(entity)
        self.add(node, _RDF_TYPE, P[entity.kind])
        self.add(node, _LABEL, Literal(entity.label, language=self.lang))
        for name in entity.names[1:]:
            self.add(node, _ALT_LABEL, Literal(name, language=self.lang))
        for span in entity.mentions:
            self.mention(node, span)
        data = entity.data
        if entity.kind in DIVISION_KINDS:
            self.add(node, P["adcode"], Literal(data["code"]))
            self.division_parent(node, data["code"])
        elif entity.kind == "Agency" and data.get("jurisdiction", "CN") != "CN":
            self.add(node, P["jurisdiction"], NamedNode(vocab.division_iri(data["jurisdiction"])))
        if data.get("doc_type") and entity.kind in ("Regulation", "Publication"):
            self.add(node, P["documentType"], Literal(data["doc_type"]))
        if entity.kind == "Agency" and data.get("parent"):
            parent = ("agency", data["jurisdiction"], data["parent"])
            self.add(node, _SUB_ORGANIZATION_OF, NamedNode(vocab.entity_iri("Agency", parent)))
        if entity.kind == "Person":
            for post in data.get("posts", ()):
                self.post(node, post)

    def post(self, person: NamedNode, post: Post) -> None:
        """org:Post: the person holds a position, in the organ the position belongs to."""
        node = NamedNode(vocab.iri("post", post.jurisdiction, post.position))
        self.add(node, _RDF_TYPE, _POST)
        self.add(node, _LABEL, Literal(post.written, language=self.lang))
        self.add(node, P["jurisdiction"], NamedNode(vocab.division_iri(post.jurisdiction)))
        if post.organ:
            self.add(node, _POST_IN, NamedNode(vocab.entity_iri("Agency", ("agency", post.jurisdiction, post.organ))))
        self.add(person, _HOLDS, node)
        self.add(person, P["position"], Literal(post.written, language=self.lang))

    def division_parent(self, node: NamedNode, code: str) -> None:
        """lg:partOf the nearest division above that this report also names (lg:partOf is transitive)."""
        named = {e.data["code"] for e in self.x.entities if e.kind in DIVISION_KINDS}
        for ancestor in self.gazetteer.ancestors(code)[1:]:
            if ancestor.code in named:
                self.add(node, P["partOf"], NamedNode(vocab.division_iri(ancestor.code)))
                return

    def metric(self, span: Span) -> None:
        node = self.local("metric", str(span.start))
        data = span.data
        self.add(node, _RDF_TYPE, P["Metric"])
        self.add(node, P["value"], _decimal(data["value"]))
        if data.get("value_max") is not None:
            self.add(node, P["valueMax"], _decimal(data["value_max"]))
        self.add(node, P["unit"], Literal(data["unit"]))
        if data.get("qualifier"):
            self.add(node, P["qualifier"], Literal(data["qualifier"]))
        if data.get("indicator"):
            self.add(node, P["indicator"], Literal(data["indicator"]))
        self.mention(node, span)

    def build(self) -> list[Triple]:
        self.report_node()
        self.structure()
        for entity in self.x.entities:
            self.entity(entity)
        for span in self.x.metrics:
            self.metric(span)
        for link in self.x.links:
            self.relation(self.entity_node(link.subject), P[link.kind], self.entity_node(link.object), link.evidence)
        for link in self.x.metric_links:
            metric = self.local("metric", str(link.metric.start))
            self.relation(metric, P[link.kind], self.entity_node(link.object), link.evidence)
        return list(dict.fromkeys(self.triples))

    def relation(self, subject: NamedNode, predicate: NamedNode, obj: NamedNode, evidence: tuple[int, int]) -> None:
        """The relation, and a reified statement saying which sentence of the report supports it."""
        self.add(subject, predicate, obj)
        sentence = self.doc.sentence_at(evidence[0])
        if sentence is None:
            return
        name = predicate.value.rsplit("#", 1)[1]
        digest = hashlib.blake2b(f"{subject.value} {obj.value}".encode(), digest_size=6).hexdigest()
        statement = self.local("statement", f"{name}-{sentence.start}-{digest}")
        self.add(statement, _RDF_TYPE, _STATEMENT)
        self.add(statement, _RDF_SUBJECT, subject)
        self.add(statement, _RDF_PREDICATE, predicate)
        self.add(statement, _RDF_OBJECT, obj)
        self.add(statement, P["evidence"], self.local("sentence", str(sentence.start)))

    @staticmethod
    def entity_node(entity: Entity) -> NamedNode:
        return NamedNode(vocab.entity_iri(entity.kind, entity.key))


def report_triples(extraction: Extraction, gazetteer: Gazetteer | None = None) -> list[Triple]:
    """The triples of one report's named graph, sorted (deterministic order)."""
    return _Builder(extraction, gazetteer or load_gazetteer()).build()
