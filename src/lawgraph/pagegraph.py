"""What the page reads of a graph (a PageGraph), gathered in one of two ways that give the same result:

- `read_store`: by SPARQL from a store, for a graph that is already in one (`lawgraph view`);
- `Collector`: from the triples themselves, as a build reads its reports, with no store at all (each worker
  gathers its reports; the main process merges them with `absorb`). Loading a corpus into a store only to
  query it back cost more time and memory than the rest of the page together (1,000 reports: 4 million
  triples loaded, for 0.8 million the page reads).

The graph is read as a set of triples, the union of its named graphs with each triple once. A store's union
default graph repeats a triple once per report that states it (a division's label is in every report that
names it), so the queries that could meet such a triple twice ask for DISTINCT rows.
tests/test_page.py holds the two readers equal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from sys import intern
from typing import Any

from pyoxigraph import Literal, NamedNode, Store

from .query import run
from .vocab import ONTOLOGY, PREFIXES

_RDF, _RDFS, _SKOS, _DCT = (PREFIXES[k] for k in ("rdf", "rdfs", "skos", "dct"))
_TYPE, _LABEL, _ALT_LABEL, _TITLE = _RDF + "type", _RDFS + "label", _SKOS + "altLabel", _DCT + "title"
_MENTION, _EVIDENCE_OF = ONTOLOGY + "mention", ONTOLOGY + "evidence"
_NAMES_OF = (_LABEL, _ALT_LABEL, _TITLE)
_IN_REPORT, _IN_SENTENCE, _IN_SECTION, _TEXT, _START, _NUMBER, _HEADING, _INDICATOR, _QUALIFIER = (
    ONTOLOGY + p for p in ("inReport", "inSentence", "inSection", "text", "start", "number", "heading", "indicator",
                           "qualifier"))
_STATEMENT, _REPORT, _SENTENCE, _METRIC = _RDF + "Statement", ONTOLOGY + "Report", ONTOLOGY + "Sentence", \
    ONTOLOGY + "Metric"
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
# Properties that are not drawn as edges: what a node is, and where it is said.
NOT_LINKS = frozenset([_TYPE, _MENTION, *(ONTOLOGY + p for p in ("inReport", "inSentence", "inSection"))])
# Properties with one value each, as graph.py writes them; the page reads the first.
_SINGLE = frozenset([*(ONTOLOGY + p for p in ("inReport", "inSentence", "inSection", "text", "start", "number",
                                                "heading", "indicator", "qualifier")),
                     *(_RDF + p for p in ("subject", "predicate", "object"))])

Triple = tuple[str, str, str]


@dataclass
class Node:
    """What the graph says of one node (anything with an lg:mention and an lg: class)."""

    iri: str
    kinds: list[str] = field(default_factory=list)  # its lg: classes' local names, each once
    labels: list[Literal] = field(default_factory=list)
    alt_labels: list[Literal] = field(default_factory=list)
    mentions: set[str] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)  # the mentions as written, in text order
    reports: dict[str, None] = field(default_factory=dict)  # report IRIs, each once, in order
    sentences: dict[str, None] = field(default_factory=dict)  # sentence IRIs in text order, each once

    def add_kind(self, iri: str) -> None:
        kind = iri[len(ONTOLOGY):]
        if kind not in self.kinds:
            self.kinds.append(kind)


@dataclass
class PageGraph:
    nodes: dict[str, Node]
    reports: dict[str, str]  # report IRI → its label, in IRI order
    sentences: dict[str, tuple[str, str, str]]  # sentence IRI → (text, report IRI, section as 'number heading')
    metrics: dict[str, list[str]]  # metric IRI → its indicator and qualifier, where it has them
    links: set[Triple]  # statements between two IRIs, other than NOT_LINKS
    evidence: dict[Triple, list[str]]  # a statement → the sentences its rdf:Statements give, in IRI order


# ---------------------------------------------------------------------------------------- from a store

_NODES = """
SELECT DISTINCT ?node ?type WHERE {
  ?node lg:mention [] ; a ?type .
  FILTER(STRSTARTS(STR(?type), STR(lg:)))
}
"""
_NAMES = """
SELECT DISTINCT ?node ?property ?name WHERE {
  VALUES ?property { rdfs:label skos:altLabel }
  ?node lg:mention [] ; ?property ?name .
}
"""
_MENTIONS = """
SELECT ?node ?mention ?report ?sentence ?text WHERE {
  ?node lg:mention ?mention .
  OPTIONAL { ?mention lg:inReport ?report }
  OPTIONAL { ?mention lg:inSentence ?sentence }
  OPTIONAL { ?mention lg:text ?text }
  OPTIONAL { ?mention lg:start ?start }
}
ORDER BY ?node ?report ?start ?mention
"""
_SENTENCES = """
SELECT ?sentence ?text ?report ?number ?heading WHERE {
  ?sentence a lg:Sentence ; lg:text ?text .
  OPTIONAL { ?sentence lg:inReport ?report }
  OPTIONAL { ?sentence lg:inSection ?section .
             OPTIONAL { ?section lg:number ?number } OPTIONAL { ?section lg:heading ?heading } }
}
"""
_REPORTS = """
SELECT ?report (MIN(STR(?name)) AS ?label) WHERE {
  ?report a lg:Report .
  OPTIONAL { ?report rdfs:label|dct:title ?name }
}
GROUP BY ?report ORDER BY ?report
"""
_METRICS = """
SELECT ?metric ?indicator ?qualifier WHERE {
  ?metric a lg:Metric .
  OPTIONAL { ?metric lg:indicator ?indicator }
  OPTIONAL { ?metric lg:qualifier ?qualifier }
}
"""
_LINKS = """
SELECT DISTINCT ?subject ?predicate ?object WHERE {
  ?subject ?predicate ?object .
  FILTER(isIRI(?object) && ?predicate NOT IN (rdf:type, lg:mention, lg:inReport, lg:inSentence, lg:inSection))
}
"""
_EVIDENCE = """
SELECT DISTINCT ?statement ?s ?p ?o ?sentence WHERE {
  ?statement a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lg:evidence ?sentence .
}
ORDER BY ?sentence
"""


def read_store(store: Store) -> PageGraph:
    """The page's part of the graph in `store` (its union graph), by SPARQL."""
    nodes: dict[str, Node] = {}
    for iri, type_ in run(store, _NODES).rows:
        nodes.setdefault(iri.value, Node(iri.value)).add_kind(type_.value)
    for iri, property_, name in run(store, _NAMES).rows:
        if iri.value in nodes:
            node = nodes[iri.value]
            (node.labels if property_.value == _LABEL else node.alt_labels).append(name)
    for iri, mention, report, sentence, text in run(store, _MENTIONS).rows:
        if iri.value in nodes:
            _add_mention(nodes[iri.value], mention.value, _value(report), _value(sentence), _value(text))
    reports = {report.value: label.value if label else report.value.rsplit("/", 1)[-1]
               for report, label in run(store, _REPORTS).rows}
    sentences = {iri.value: _sentence(text.value, *map(_value, (report, number, heading)))
                 for iri, text, report, number, heading in run(store, _SENTENCES).rows}
    metrics = {metric.value: [term.value for term in (indicator, qualifier) if term is not None]
               for metric, indicator, qualifier in run(store, _METRICS).rows}
    links = {(s.value, p.value, o.value) for s, p, o in run(store, _LINKS).rows}
    evidence: dict[Triple, list[str]] = {}
    for _statement, s, p, o, sentence in run(store, _EVIDENCE).rows:
        evidence.setdefault((s.value, p.value, o.value), []).append(sentence.value)
    return PageGraph(nodes, reports, sentences, metrics, links, evidence)


def _add_mention(node: Node, mention: str, report: str | None, sentence: str | None, text: str | None) -> None:
    node.mentions.add(mention)
    if text is not None:
        node.texts.append(text)
    if report is not None:
        node.reports.setdefault(report)
    if sentence is not None:
        node.sentences.setdefault(sentence)


def _sentence(text: str, report: str | None, number: str | None, heading: str | None) -> tuple[str, str, str]:
    section = " ".join(t for t in (number, heading) if t is not None)
    return text, report if report is not None else "", section


def _value(term: Any) -> str | None:
    return None if term is None else term.value


# ---------------------------------------------------------------------------------------- from triples

class Collector:
    """Gathers a PageGraph from triples given report by report (`add`), each kept once (`graph`).

    Keeps only what the page reads, as strings (IRIs interned: a node or a sentence is named by many
    triples): classes, names, the one value of each property in _SINGLE, links between IRIs and evidence."""

    def __init__(self) -> None:
        self._typed: dict[str, dict[str, None]] = defaultdict(dict)  # class → its instances
        self._mentions: dict[str, list[str]] = defaultdict(list)  # node → its mentions
        self._values: dict[str, dict[str, Any]] = {p: {} for p in _SINGLE}  # property → subject → first value
        self._names: dict[str, dict[tuple[str, Literal], None]] = defaultdict(dict)  # subject → (property, name)
        self._links: set[Triple] = set()
        self._evidence: dict[str, list[str]] = defaultdict(list)  # rdf:Statement → its sentences

    def add(self, triples: Iterable[Any]) -> None:
        """Triples or quads (pyoxigraph's, or anything with .subject, .predicate and .object); graph names
        are ignored: the page draws the union."""
        for triple in triples:
            subject, predicate, object_ = intern(triple.subject.value), triple.predicate.value, triple.object
            value = intern(object_.value) if isinstance(object_, NamedNode) else object_.value
            if predicate in _SINGLE:
                self._values[predicate].setdefault(subject, _order_key(object_) if predicate == _START else value)
            if predicate == _TYPE:
                if value.startswith(ONTOLOGY) or value == _STATEMENT:
                    self._typed[value][subject] = None
            elif predicate == _MENTION:
                self._mentions[subject].append(value)
            elif predicate in _NAMES_OF:
                self._names[subject][predicate, object_] = None
            elif predicate == _EVIDENCE_OF:
                self._evidence[subject].append(value)
            if isinstance(object_, NamedNode) and predicate not in NOT_LINKS:
                self._links.add((subject, intern(predicate), value))

    def absorb(self, other: Collector) -> None:
        """What another collector gathered (a worker's, of one report), as if its triples were added here now."""
        for kind, instances in other._typed.items():
            self._typed[kind].update(instances)
        for node, mentions in other._mentions.items():
            self._mentions[node].extend(mentions)
        for property_, values in other._values.items():
            mine = self._values[property_]
            for subject, value in values.items():
                mine.setdefault(subject, value)
        for subject, names in other._names.items():
            self._names[subject].update(names)
        self._links |= other._links
        for statement, sentences in other._evidence.items():
            self._evidence[statement].extend(sentences)

    def graph(self) -> PageGraph:
        """What was gathered, handed over: the collector is empty afterwards (a corpus's worth of strings is
        not kept twice while the page is drawn)."""
        graph = self._gathered()
        self.__init__()  # type: ignore[misc]
        return graph

    def _gathered(self) -> PageGraph:
        kinds = [kind for kind in self._typed if kind.startswith(ONTOLOGY)]
        nodes = {}
        for iri in self._mentions:
            of_node = [kind for kind in kinds if iri in self._typed[kind]]
            if of_node:
                nodes[iri] = self._node(iri, of_node)
        reports = {iri: min((name.value for p, name in self._names.get(iri, ()) if p in (_LABEL, _TITLE)),
                            default=iri.rsplit("/", 1)[-1]) for iri in sorted(self._typed.get(_REPORT, ()))}
        text, in_report = self._values[_TEXT], self._values[_IN_REPORT]
        sentences = {iri: _sentence(text[iri], in_report.get(iri), *self._section_of(iri))
                     for iri in self._typed.get(_SENTENCE, ()) if iri in text}
        metrics = {iri: [t for t in (self._values[_INDICATOR].get(iri), self._values[_QUALIFIER].get(iri))
                         if t is not None] for iri in self._typed.get(_METRIC, ())}
        return PageGraph(nodes, reports, sentences, metrics, self._links, self._evidence_of())

    def _node(self, iri: str, kinds: list[str]) -> Node:
        node = Node(iri)
        for kind in kinds:
            node.add_kind(kind)
        for property_, name in self._names.get(iri, ()):
            if property_ != _TITLE:
                (node.labels if property_ == _LABEL else node.alt_labels).append(name)
        in_report, start = self._values[_IN_REPORT], self._values[_START]

        def text_order(mention: str) -> tuple:  # as SPARQL's ORDER BY ?report ?start ?mention
            report = in_report.get(mention)
            return (report is not None, report or ""), start.get(mention, (0,)), mention

        for mention in sorted(dict.fromkeys(self._mentions[iri]), key=text_order):
            _add_mention(node, mention, *(self._values[p].get(mention) for p in (_IN_REPORT, _IN_SENTENCE, _TEXT)))
        return node

    def _section_of(self, sentence: str) -> tuple[str | None, str | None]:
        section = self._values[_IN_SECTION].get(sentence)
        if section is None:
            return None, None
        return self._values[_NUMBER].get(section), self._values[_HEADING].get(section)

    def _evidence_of(self) -> dict[Triple, list[str]]:
        """Statement → its sentences, in the order of their IRIs, as the query's ORDER BY ?sentence."""
        rows: list[tuple[str, Triple]] = []
        ends = [self._values[_RDF + p] for p in ("subject", "predicate", "object")]
        for statement in self._typed.get(_STATEMENT, ()):
            key = tuple(end.get(statement) for end in ends)
            if None not in key:
                rows += [(sentence, key) for sentence in dict.fromkeys(self._evidence.get(statement, ()))]
        evidence: dict[Triple, list[str]] = {}
        for sentence, key in sorted(rows, key=lambda row: row[0]):
            evidence.setdefault(key, []).append(sentence)
        return evidence


def _order_key(term: Any) -> tuple:
    """Where SPARQL's ORDER BY puts a literal of lg:start: integers by value, other literals by text."""
    if isinstance(term, Literal) and term.datatype.value == _INTEGER:
        return 1, int(term.value)
    return 2, term.value
