"""Extraction results → RDF: the one place where spans become triples.

Each report gives a graph (its named graph in a dataset): the report and its sections and sentences, every
entity with its labels and mentions, every metric with its value, unit, indicator, mention and the indicator
concept it measures (the concepts themselves are stated once beside the reports: `scheme_statements`). Mentions,
metrics, sections and sentences have IRIs derived from the report and offsets, so the same input gives the
same graph, byte for byte. The graph is built as N-Triples text, subject by subject (see ntriples.py).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from pyoxigraph import Triple

from . import indicators, vocab
from .document import Document, Span
from .extract.pipeline import DIVISION_KINDS, Entity, Extraction, Post
from .fold import plain_text
from .gazetteer import Gazetteer
from .gazetteer import load as load_gazetteer
from .ntriples import XSD, Block, blocks, integer, iri, literal, tagged, triples_of, typed
from .vocab import INDICATORS, LG, PREFIXES

_RDF_TYPE = iri(PREFIXES["rdf"] + "type")
_LABEL = iri(PREFIXES["rdfs"] + "label")
_ALT_LABEL = iri(PREFIXES["skos"] + "altLabel")
_TITLE = iri(PREFIXES["dct"] + "title")
_ISSUED = iri(PREFIXES["dct"] + "issued")
_DECIMAL = XSD + "decimal"
_GYEAR = XSD + "gYear"
_DATE = XSD + "date"
_STATEMENT = iri(PREFIXES["rdf"] + "Statement")
_RDF_SUBJECT = iri(PREFIXES["rdf"] + "subject")
_RDF_PREDICATE = iri(PREFIXES["rdf"] + "predicate")
_RDF_OBJECT = iri(PREFIXES["rdf"] + "object")
_POST = iri(PREFIXES["org"] + "Post")
_HOLDS = iri(PREFIXES["org"] + "holds")
_POST_IN = iri(PREFIXES["org"] + "postIn")
_SUB_ORGANIZATION_OF = iri(PREFIXES["org"] + "subOrganizationOf")
_CONCEPT = iri(PREFIXES["skos"] + "Concept")
_PREF_LABEL = iri(PREFIXES["skos"] + "prefLabel")
_NOTATION = iri(PREFIXES["skos"] + "notation")
_BROADER = iri(PREFIXES["skos"] + "broader")
_IN_SCHEME = iri(PREFIXES["skos"] + "inScheme")
_SCHEME = iri(INDICATORS + "scheme")


def term(lg_term) -> str:
    return iri(str(lg_term))


P = {name: term(getattr(LG, name)) for name in LG.__annotations__}
# The pairs and predicates of the statements every mention, sentence and metric has.
_A_SENTENCE, _A_METRIC = (f"{_RDF_TYPE} {P[kind]}" for kind in ("Sentence", "Metric"))
_IN_SECTION, _IN_SENTENCE, _START, _TEXT = (P[n] for n in ("inSection", "inSentence", "start", "text"))
_VALUE, _VALUE_MAX, _UNIT, _QUALIFIER, _INDICATOR = (P[n] for n in ("value", "valueMax", "unit", "qualifier",
                                                                   "indicator"))


_PLAIN_NAME = re.compile(r"[0-9A-Za-z_.\-]+")  # a name of the report's own nodes that vocab.segment keeps as it is


def _decimal(value: Decimal) -> str:
    """The canonical xsd:decimal form Oxigraph stores (2, 2.5, 806300), so files and stores agree."""
    return typed(format(value.normalize(), "f"), _DECIMAL)


class _Builder:
    """Collects a report's statements by subject. Terms are N-Triples text (see ntriples.py)."""

    def __init__(self, extraction: Extraction, gazetteer: Gazetteer) -> None:
        self.x = extraction
        self.doc: Document = extraction.doc
        self.gazetteer = gazetteer
        self.report_iri = vocab.report_iri(self.doc.doc_id)
        self.report = iri(self.report_iri)
        self._local_base = self.report_iri + "/"
        self.lang = self.doc.script
        self.statements: dict[str, list[str]] = {}  # subject → "predicate object" pairs
        self._in_report = f"{P['inReport']} {self.report}"
        self._entity_nodes: dict[int, str] = {}  # id(entity) → its IRI
        self._sentence_starts = [sentence.start for sentence in self.doc.sentences]
        self._sentence_nodes: dict[int, str] = {}  # start → IRI
        self._section_counts: dict[str, int] = {}
        self._first_section: dict[str, object] = {}
        for section in self.doc.sections:
            self._section_counts[section.number] = self._section_counts.get(section.number, 0) + 1
            self._first_section.setdefault(section.number, section)

    def add(self, s: str, p: str, o: str) -> None:
        self.about(s).append(f"{p} {o}")

    def about(self, subject: str) -> list[str]:
        """The "predicate object" pairs said of `subject` so far, to append to."""
        pairs = self.statements.get(subject)
        if pairs is None:
            pairs = self.statements[subject] = []
        return pairs

    def local(self, kind: str, name: str) -> str:
        """An IRI inside the report's own namespace (mentions, metrics, sentences, sections)."""
        if not _PLAIN_NAME.fullmatch(name):  # offsets and section numbers never need an escape
            name = vocab.segment(name)
        return f"<{self._local_base}{kind}/{name}>"

    def sentence_at(self, offset: int):
        """The sentence holding `offset`, or None (Document.sentence_at, by a bisection in C)."""
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.doc.sentences[index].end:
            return self.doc.sentences[index]
        return None

    def sentence_node(self, start: int) -> str:
        node = self._sentence_nodes.get(start)
        if node is None:
            node = self._sentence_nodes[start] = self.local("sentence", str(start))
        return node

    def text(self, value: str) -> str:
        """A label-like literal, tagged with the report's script."""
        return tagged(value, self.lang)

    # -- the report and its structure
    def report_node(self) -> None:
        doc, info, r = self.doc, self.x.info, self.report
        self.add(r, _RDF_TYPE, P["Report"])
        self.add(r, _LABEL, self.text(info.title or doc.doc_id))
        if info.title:
            self.add(r, _TITLE, self.text(info.title))
        if info.published:
            self.add(r, _ISSUED, typed(info.published, _DATE))
        if info.year:
            self.add(r, P["reportingYear"], typed(str(info.year), _GYEAR))
        if self.x.jurisdiction:
            self.add(r, P["jurisdiction"], iri(vocab.division_iri(self.x.jurisdiction.code)))
        if (zone := self.x.zone) is not None:
            # (a zone whose division the report does not tell is named alone: CN would say it is national)
            node = iri(vocab.iri("zone", *filter(None, (zone.data["within"], zone.data["name"]))))
            self.add(r, P["zone"], node)
            self.add(node, _RDF_TYPE, P["Zone"])
            self.add(node, _LABEL, self.text(zone.text))
            self.mention(node, zone)
            if zone.data["within"]:
                self.add(node, P["jurisdiction"], iri(vocab.division_iri(zone.data["within"])))
        if info.publisher_span:
            start, end = info.publisher_span
            publisher = next((e for e in self.x.entities if e.kind == "Agency"
                              and any(start <= m.start < end for m in e.mentions)), None)
            if publisher is not None:
                self.add(r, P["publisher"], self.entity_node(publisher))
        if doc.source:
            self.add(r, P["sourceFile"], literal(doc.source.replace("\\", "/").rsplit("/", 1)[-1]))
        self.add(r, P["sha256"], literal(doc.sha256))
        self.add(r, P["textFile"], literal(doc.text_file))
        self.add(r, P["sourceFormat"], literal(doc.source_format))
        self.add(r, P["sourceSha256"], literal(doc.source_sha256 or doc.sha256))
        if doc.url:
            self.add(r, P["sourceUrl"], typed(doc.url, XSD + "anyURI"))
        self.add(r, P["encoding"], literal(doc.encoding))
        self.add(r, P["script"], literal(self.lang))

    def section_node(self, section) -> str:
        """section/5.2; a number the report repeats (a second 一、 series) is told apart by its offset."""
        if self._section_counts.get(section.number, 0) > 1 and section != self._first_section[section.number]:
            return self.local("section", f"{section.number}-{section.start}")
        return self.local("section", section.number)

    def structure(self) -> None:
        """Sections (number, level, heading, offsets) and sentences (start and text: a sentence ends where its
        text does, so no lg:end), each in its report."""
        for section in self.doc.sections:
            node = self.section_node(section)
            self.add(node, _RDF_TYPE, P["Section"])
            self.add(node, P["inReport"], self.report)
            self.add(node, P["number"], literal(section.number))
            self.add(node, P["level"], integer(section.level))
            self.add(node, P["heading"], self.text(plain_text(section.heading)))
            self.add(node, P["start"], integer(section.start))
            self.add(node, P["end"], integer(section.end))
            parent = self._parent_section(section)
            if parent is not None:
                self.add(node, P["inSection"], self.section_node(parent))
        for sentence in self.doc.sentences:
            pairs = self.about(self.sentence_node(sentence.start))
            pairs += (_A_SENTENCE, self._in_report, f"{_START} {integer(sentence.start)}",
                      f"{_TEXT} {literal(sentence.text)}")
            section = self.doc.section_at(sentence.start)
            if section is not None:
                pairs.append(f"{_IN_SECTION} {self.section_node(section)}")

    def _parent_section(self, section):
        candidates = [s for s in self.doc.sections
                      if s.level < section.level and s.start <= section.start and section.end <= s.end]
        return max(candidates, key=lambda s: s.level) if candidates else None

    # -- provenance
    def mention(self, subject: str, span: Span) -> None:
        """A mention node: where it starts, its text (text[start:start + len(text)]) and the sentence it sits in,
        whose lg:inReport is its report. What the graph says otherwise is not restated (they were half of a
        report's statements): `a lg:Mention` (lg:mention's range), lg:end (start + the text's length) and
        lg:inReport (its sentence's, and the named graph it is in), unless no sentence holds it."""
        node = self.local("mention", f"{span.start}-{span.end}")
        self.add(subject, P["mention"], node)
        pairs = self.about(node)
        pairs += (f"{_START} {integer(span.start)}", f"{_TEXT} {literal(span.text)}")
        sentence = self.sentence_at(span.start)
        if sentence is None and (blank := len(span.text) - len(span.text.lstrip())):  # a name after a line's indent
            sentence = self.sentence_at(span.start + blank)
        if sentence is not None:
            pairs.append(f"{_IN_SENTENCE} {self.sentence_node(sentence.start)}")
        else:
            pairs.append(self._in_report)

    # -- entities and metrics
    def entity(self, entity: Entity) -> None:
        node = self.entity_node(entity)
        self.add(node, _RDF_TYPE, P[entity.kind])
        self.add(node, _LABEL, self.text(entity.label))
        for name in entity.names[1:]:
            self.add(node, _ALT_LABEL, self.text(name))
        for span in entity.mentions:
            self.mention(node, span)
        data = entity.data
        if entity.kind in DIVISION_KINDS:
            self.add(node, P["adcode"], literal(data["code"]))
            self.division_parent(node, data["code"])
        elif entity.kind == "Agency" and data.get("jurisdiction", "CN") != "CN" and ":" not in data["jurisdiction"]:
            # (an organ of a report that names no place, report:ID/县, has no division to point to)
            self.add(node, P["jurisdiction"], iri(vocab.division_iri(data["jurisdiction"])))
        if data.get("doc_type") and entity.kind in ("Regulation", "Publication"):
            self.add(node, P["documentType"], literal(data["doc_type"]))
        if entity.kind == "Agency" and data.get("parent"):
            parent = ("agency", data["jurisdiction"], data["parent"])
            self.add(node, _SUB_ORGANIZATION_OF, iri(vocab.entity_iri("Agency", parent)))
        if entity.kind == "Person":
            for post in data.get("posts", ()):
                self.post(node, post)

    def post(self, person: str, post: Post) -> None:
        """org:Post: the person holds a position, in the organ the position belongs to."""
        node = iri(vocab.iri("post", post.jurisdiction, post.position))
        self.add(node, _RDF_TYPE, _POST)
        self.add(node, _LABEL, self.text(post.written))
        self.add(node, P["jurisdiction"], iri(vocab.division_iri(post.jurisdiction)))
        if post.organ:
            self.add(node, _POST_IN, iri(vocab.entity_iri("Agency", ("agency", post.jurisdiction, post.organ))))
        self.add(person, _HOLDS, node)
        self.add(person, P["position"], self.text(post.written))

    def division_parent(self, node: str, code: str) -> None:
        """lg:partOf the nearest division above that this report also names (lg:partOf is transitive)."""
        named = {e.data["code"] for e in self.x.entities if e.kind in DIVISION_KINDS}
        for ancestor in self.gazetteer.ancestors(code)[1:]:
            if ancestor.code in named:
                self.add(node, P["partOf"], iri(vocab.division_iri(ancestor.code)))
                return

    def metric(self, span: Span) -> None:
        node = self.local("metric", str(span.start))
        data = span.data
        pairs = self.about(node)
        pairs += (_A_METRIC, f"{_VALUE} {_decimal(data['value'])}")
        if data.get("value_max") is not None:
            pairs.append(f"{_VALUE_MAX} {_decimal(data['value_max'])}")
        pairs.append(f"{_UNIT} {literal(data['unit'])}")
        if data.get("qualifier"):
            pairs.append(f"{_QUALIFIER} {literal(data['qualifier'])}")
        if data.get("indicator"):
            pairs.append(f"{_INDICATOR} {literal(data['indicator'])}")
        sentence = self.sentence_at(span.start)
        if sentence is not None:
            concept = indicators.concept_of(data.get("indicator") or "", data["unit"], sentence.text,
                                            span.start - sentence.start)
            if concept is not None:
                pairs.append(f"{P['measures']} {iri(INDICATORS + concept)}")
        self.mention(node, span)

    def build(self) -> list[Block]:
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
            if self.sentence_at(link.evidence[0]) is self.sentence_at(link.metric.start):
                # Read in the metric's own sentence (its mention's lg:inSentence), as a metric's relations are:
                # no rdf:Statement to say so again (they were a tenth of the graph).
                self.add(metric, P[link.kind], self.entity_node(link.object))
            else:
                self.relation(metric, P[link.kind], self.entity_node(link.object), link.evidence)
        return blocks(self.statements)

    def relation(self, subject: str, predicate: str, obj: str, evidence: tuple[int, int]) -> None:
        """The relation, and a reified statement saying which sentence of the report supports it."""
        self.add(subject, predicate, obj)
        sentence = self.sentence_at(evidence[0])
        if sentence is None:
            return
        name = predicate[1:-1].rsplit("#", 1)[1]
        digest = hashlib.blake2b(f"{subject[1:-1]} {obj[1:-1]}".encode(), digest_size=6).hexdigest()
        statement = self.local("statement", f"{name}-{sentence.start}-{digest}")
        self.add(statement, _RDF_TYPE, _STATEMENT)
        self.add(statement, _RDF_SUBJECT, subject)
        self.add(statement, _RDF_PREDICATE, predicate)
        self.add(statement, _RDF_OBJECT, obj)
        self.add(statement, P["evidence"], self.sentence_node(sentence.start))

    def entity_node(self, entity: Entity) -> str:
        node = self._entity_nodes.get(id(entity))
        if node is None:
            node = self._entity_nodes[id(entity)] = iri(vocab.entity_iri(entity.kind, entity.key))
        return node


def scheme_statements(names: Iterable[str]) -> list[Block]:
    """The indicator concepts `names` (what the reports' metrics lg:measures) and those above them: labels in the
    three languages of the scheme, notation, broader concepts and quantity kind (ontology/indicators.ttl has the
    rest). Stated once beside the reports' graphs (the graph lgi:scheme), not in each: the same in every one."""
    scheme = indicators.scheme()
    wanted = set(names)
    for name in list(wanted):
        wanted.update(scheme[name].ancestors(scheme))
    return [(node, sorted(pairs)) for node, pairs in map(_concept_statements, sorted(wanted))]


def measured(graph: Iterable[Block]) -> set[str]:
    """The names of the concepts a report's metrics lg:measures."""
    prefix = f"{P['measures']} <{INDICATORS}"
    return {pair[len(prefix):-1] for subject, pairs in graph if "/metric/" in subject
            for pair in pairs if pair.startswith(prefix)}


@lru_cache(maxsize=4096)
def _concept_statements(name: str) -> tuple[str, tuple[str, ...]]:
    """A concept of the scheme as the outputs state it, made once."""
    concept = indicators.scheme()[name]
    pairs = [f"{_RDF_TYPE} {_CONCEPT}", f"{_IN_SCHEME} {_SCHEME}", f"{_NOTATION} {literal(name)}"]
    pairs += [f"{_PREF_LABEL} {tagged(label, language)}" for language, label in sorted(concept.labels.items())]
    pairs += [f"{_BROADER} {iri(INDICATORS + broader)}" for broader in concept.broader]
    if concept.kind:
        pairs.append(f"{P['quantityKind']} {P[concept.kind]}")
    return iri(concept.iri), tuple(pairs)


def report_statements(extraction: Extraction, gazetteer: Gazetteer | None = None) -> list[Block]:
    """The statements of one report's named graph, in blocks by subject, sorted, each once (see ntriples.py)."""
    return _Builder(extraction, gazetteer or load_gazetteer()).build()


def report_triples(extraction: Extraction, gazetteer: Gazetteer | None = None) -> list[Triple]:
    """The triples of one report's named graph, sorted (deterministic order)."""
    return triples_of(report_statements(extraction, gazetteer))
