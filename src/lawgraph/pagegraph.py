"""What the page reads of a graph (a PageGraph), gathered in one of two ways that give the same result:

- `read_store`: by SPARQL from a store, for a graph that is already in one (`lawgraph view`);
- `Collector`: from the triples themselves, as a build reads its reports, with no store at all. Each worker
  gathers its reports; the main process merges them with `absorb`. Loading a corpus into a store only to
  query it back cost more time and memory than the rest of the page together (1,000 reports: 4 million
  triples loaded, for 0.8 million the page reads).

The graph is read as a set of triples, the union of its named graphs with each triple once. A store's union
default graph repeats a triple once per report that states it (a division's label is in every report that
names it), so the queries that could meet such a triple twice ask for DISTINCT rows.
tests/test_page.py holds the two readers equal.
"""

from __future__ import annotations

import gc
import marshal
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from sys import intern
from typing import Any, NamedTuple

from pyoxigraph import Literal, NamedNode, RdfFormat, Store, parse

from .query import run
from .vocab import ONTOLOGY, PREFIXES

_RDF, _RDFS, _SKOS, _DCT = (PREFIXES[k] for k in ("rdf", "rdfs", "skos", "dct"))
_TYPE, _LABEL, _ALT_LABEL, _TITLE = _RDF + "type", _RDFS + "label", _SKOS + "altLabel", _DCT + "title"
_PREF_LABEL, _NOTATION, _CONCEPT, _BROADER = (_SKOS + p for p in ("prefLabel", "notation", "Concept", "broader"))
_MENTION, _EVIDENCE = ONTOLOGY + "mention", ONTOLOGY + "evidence"
_NAMES_OF = frozenset([_LABEL, _ALT_LABEL, _TITLE, _PREF_LABEL])
_IN_REPORT, _IN_SENTENCE, _IN_SECTION, _TEXT, _START, _NUMBER, _HEADING = (
    ONTOLOGY + p for p in ("inReport", "inSentence", "inSection", "text", "start", "number", "heading"))
_INDICATOR, _QUALIFIER, _VALUE, _UNIT, _ADCODE, _YEAR, _JURISDICTION, _KIND = (
    ONTOLOGY + p for p in ("indicator", "qualifier", "value", "unit", "adcode", "reportingYear", "jurisdiction",
                           "quantityKind"))
_SUBJECT, _PREDICATE, _OBJECT = (_RDF + p for p in ("subject", "predicate", "object"))
_STATEMENT, _REPORT, _SENTENCE, _METRIC = _RDF + "Statement", ONTOLOGY + "Report", ONTOLOGY + "Sentence", \
    ONTOLOGY + "Metric"
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_INTEGER_TERM_END = f'"^^<{_INTEGER}>'
MEASURES = ONTOLOGY + "measures"  # metric → the indicator concept (skos:Concept) it measures
# Properties that are not drawn as edges: what a node is, where it is said, and a reified statement's parts.
NOT_LINKS = frozenset([_TYPE, _MENTION, _EVIDENCE, _SUBJECT, _PREDICATE, _OBJECT,
                       *(ONTOLOGY + p for p in ("inReport", "inSentence", "inSection"))])
# Properties with one value each, as graph.py writes them; the page reads the first. lg:jurisdiction and
# lg:quantityKind are also links (an agency's jurisdiction is drawn; a concept's kind is read).
_SINGLE = frozenset([_IN_REPORT, _IN_SENTENCE, _IN_SECTION, _TEXT, _START, _NUMBER, _HEADING, _INDICATOR,
                     _QUALIFIER, _VALUE, _UNIT, _ADCODE, _YEAR, _JURISDICTION, _KIND, _NOTATION,
                     _SUBJECT, _PREDICATE, _OBJECT])
_ALSO_LINKS = frozenset([_JURISDICTION, _KIND])
_FIGURE = (_INDICATOR, _QUALIFIER, _VALUE, _UNIT)  # what a Metric record holds of the metric, in its order
_RECORDS = (_SENTENCE, _METRIC, _REPORT, _CONCEPT, _STATEMENT)  # the classes whose instances become records
# What Collector.add does with a triple, by its predicate (anything else: a link, if its object is an IRI).
# (The properties of _SINGLE are kept as values before this is asked.)
_LINK, _TYPE_OF, _MENTION_OF, _NAME_OF, _EVIDENCE_OF, _NOTHING = (
    "link", "type", "mention", "name", "evidence", "nothing")
_ACTIONS = {
    **{p: _NOTHING for p in NOT_LINKS}, **{p: _NAME_OF for p in _NAMES_OF},
    _TYPE: _TYPE_OF, _MENTION: _MENTION_OF, _EVIDENCE: _EVIDENCE_OF,
}

Triple = tuple[str, str, str]
# A mention, resolved: (report IRI or "", start, sentence IRI or None, text or None). Sorted, mentions are in
# the order of SPARQL's ORDER BY ?report ?start ?mention (lg:start is an integer; any other value sorts last).
Entry = tuple[str, int, str | None, str | None]
_NOT_AN_INTEGER = 1 << 62


class Name(NamedTuple):
    """A label: its text and language tag (None without one)."""

    value: str
    language: str | None = None


def _name(term: Literal) -> Name:
    return Name(term.value, term.language)


@dataclass(slots=True)
class Node:
    """What the graph says of one node (anything with an lg:mention and an lg: class)."""

    iri: str
    kinds: list[str] = field(default_factory=list)  # its lg: classes' local names, each once
    labels: list[Name] = field(default_factory=list)
    alt_labels: list[Name] = field(default_factory=list)
    mentions: int = 0  # how many mentions it has
    texts: list[str] = field(default_factory=list)  # the mentions as written, in text order
    reports: dict[str, None] = field(default_factory=dict)  # report IRIs, each once, in order
    sentences: dict[str, None] = field(default_factory=dict)  # sentence IRIs in text order, each once

    def add_kind(self, iri: str) -> None:
        kind = iri[len(ONTOLOGY):]
        if kind not in self.kinds:
            self.kinds.append(kind)


class Report(NamedTuple):
    label: str  # its rdfs:label or dct:title (the least of them), else its IRI's last segment
    jurisdiction: str | None = None  # the division's IRI
    year: str | None = None  # lg:reportingYear as written


class Metric(NamedTuple):
    """A metric, and where it is stated: its first mention in text order (a metric is stated once)."""

    indicator: str | None = None
    qualifier: str | None = None
    value: str | None = None  # lg:value's lexical form (xsd:decimal)
    unit: str | None = None
    report: str | None = None
    sentence: str | None = None
    text: str | None = None  # as written (80.63萬件)
    mentions: int = 0


@dataclass
class Concept:
    """An indicator concept (skos:Concept): its preferred labels, notation and kind of quantity."""

    iri: str
    labels: list[Name] = field(default_factory=list)
    notation: str | None = None
    kind: str | None = None  # the IRI of its lg:quantityKind


@dataclass
class PageGraph:
    nodes: dict[str, Node]  # every node but metrics, which are in `metrics` (those with a mention are drawn)
    reports: dict[str, Report]  # in IRI order
    sentences: dict[str, tuple[str, str, str]]  # sentence IRI → (text, report IRI, section as 'number heading')
    metrics: dict[str, Metric]
    links: set[Triple]  # statements between two IRIs, other than NOT_LINKS
    evidence: dict[Triple, list[str]]  # a statement → the sentences its rdf:Statements give, in IRI order
    adcodes: dict[str, str] = field(default_factory=dict)  # division IRI → its lg:adcode
    concepts: dict[str, Concept] = field(default_factory=dict)


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
SELECT DISTINCT ?node ?mention ?report ?sentence ?text ?start WHERE {
  ?node lg:mention ?mention .
  OPTIONAL { ?mention lg:inSentence/lg:inReport|lg:inReport ?report }
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
SELECT ?report (MIN(STR(?name)) AS ?label) (MIN(STR(?place)) AS ?jurisdiction) (MIN(STR(?year)) AS ?reportingYear)
WHERE {
  ?report a lg:Report .
  OPTIONAL { ?report rdfs:label|dct:title ?name }
  OPTIONAL { ?report lg:jurisdiction ?place }
  OPTIONAL { ?report lg:reportingYear ?year }
}
GROUP BY ?report ORDER BY ?report
"""
_METRICS = """
SELECT ?metric ?indicator ?qualifier ?value ?unit WHERE {
  ?metric a lg:Metric .
  OPTIONAL { ?metric lg:indicator ?indicator }
  OPTIONAL { ?metric lg:qualifier ?qualifier }
  OPTIONAL { ?metric lg:value ?value }
  OPTIONAL { ?metric lg:unit ?unit }
}
"""
_ADCODES = "SELECT DISTINCT ?division ?code WHERE { ?division lg:adcode ?code }"
_CONCEPTS = """
SELECT DISTINCT ?concept ?label ?notation ?kind WHERE {
  ?concept a skos:Concept .
  OPTIONAL { ?concept skos:prefLabel ?label }
  OPTIONAL { ?concept skos:notation ?notation }
  OPTIONAL { ?concept lg:quantityKind ?kind }
}
"""
_LINKS = """
SELECT DISTINCT ?subject ?predicate ?object WHERE {
  ?subject ?predicate ?object .
  FILTER(isIRI(?object) && ?predicate NOT IN (rdf:type, lg:mention, lg:evidence, rdf:subject, rdf:predicate,
                                              rdf:object, lg:inReport, lg:inSentence, lg:inSection))
}
"""
_EVIDENCE_QUERY = """
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
            (node.labels if property_.value == _LABEL else node.alt_labels).append(_name(name))
    seen: set[str] = set()
    for iri, mention, report, sentence, text, _start in run(store, _MENTIONS).rows:
        if iri.value in nodes and mention.value not in seen:
            seen.add(mention.value)
            _add_mention(nodes[iri.value], _value(report), _value(sentence), _value(text))
    reports = {report.value: Report(label.value if label else report.value.rsplit("/", 1)[-1],
                                    _value(place), _value(year))
               for report, label, place, year in run(store, _REPORTS).rows}
    sentences = {iri.value: _sentence(text.value, *map(_value, (report, number, heading)))
                 for iri, text, report, number, heading in run(store, _SENTENCES).rows}
    metrics = {metric.value: Metric(*map(_value, terms)) for metric, *terms in run(store, _METRICS).rows}
    for iri in [iri for iri, node in nodes.items() if iri in metrics]:
        node = nodes.pop(iri)
        metrics[iri] = metrics[iri]._replace(
            report=next(iter(node.reports), None), sentence=next(iter(node.sentences), None),
            text=node.texts[0] if node.texts else None, mentions=node.mentions)
    adcodes = {division.value: code.value for division, code in run(store, _ADCODES).rows}
    concepts: dict[str, Concept] = {}
    for iri, label, notation, kind in run(store, _CONCEPTS).rows:
        concept = concepts.setdefault(iri.value, Concept(iri.value, [], _value(notation), _value(kind)))
        if label is not None and _name(label) not in concept.labels:
            concept.labels.append(_name(label))
    links = {(s.value, p.value, o.value) for s, p, o in run(store, _LINKS).rows}
    evidence: dict[Triple, list[str]] = {}
    for _statement, s, p, o, sentence in run(store, _EVIDENCE_QUERY).rows:
        evidence.setdefault((s.value, p.value, o.value), []).append(sentence.value)
    return PageGraph(nodes, reports, sentences, metrics, links, evidence, adcodes, concepts)


def _add_mention(node: Node, report: str | None, sentence: str | None, text: str | None) -> None:
    node.mentions += 1
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
    """Gathers a PageGraph from triples given a graph at a time (`add`), each kept once (`graph`).

    Each `add` is given a graph that says all there is of its mentions, sentences and statements: one
    report's named graph, or several, or a whole store. It is read at once into what the page keeps of it
    (each mention resolved to its report, sentence, text and place in the text); the triples themselves are
    not kept. So a worker's collector holds one report's worth of records, and `absorb` in the main process
    only merges them."""

    def __init__(self) -> None:
        self._kinds: dict[str, tuple[str, ...]] = {}  # node → its lg: classes (IRIs)
        # subject → (property, text, language tag) of its names. Records are plain tuples, lists, dicts and sets
        # of strings: a collector travels as one marshal blob (see __reduce__).
        self._names: dict[str, dict[tuple[str, str, str | None], None]] = defaultdict(dict)
        self._mentions: dict[str, list[Entry]] = defaultdict(list)
        self._reports: dict[str, tuple[str | None, str | None]] = {}  # report → (jurisdiction, year)
        self._sentences: dict[str, tuple[str, str, str]] = {}
        self._metrics: dict[str, tuple] = {}  # metric → the fields of its Metric
        self._adcodes: dict[str, str] = {}
        self._concepts: dict[str, tuple[str | None, str | None]] = {}  # concept → (notation, kind)
        self._links: set[Triple] = set()
        self._evidence: list[tuple[str, Triple]] = []  # (sentence, statement's triple), one per statement

    def add(self, triples: Iterable[Any]) -> None:
        """Triples or quads (pyoxigraph's, or anything with .subject, .predicate and .object); graph names
        are ignored: the page draws the union."""
        with paused_gc():
            self._add(triples)

    def _add(self, triples: Iterable[Any]) -> None:
        kinds: dict[str, list[str]] = defaultdict(list)  # subject → its lg: classes
        typed: dict[str, set[str]] = {kind: set() for kind in _RECORDS}  # the instances of the classes read
        mentions: dict[str, list[str]] = defaultdict(list)
        values: dict[str, dict[str, Any]] = {p: {} for p in _SINGLE}
        evidence: dict[str, list[str]] = defaultdict(list)
        names, links, actions = self._names, self._links, _ACTIONS
        for triple in triples:
            predicate = triple.predicate.value
            single = values.get(predicate)  # the commonest case: a property with one value
            if single is not None:
                subject = triple.subject.value
                if subject not in single:
                    single[subject] = triple.object.value if predicate != _START else _start(triple.object)
                if predicate in _ALSO_LINKS:
                    links.add((intern(subject), intern(predicate), intern(triple.object.value)))
                continue
            action = actions.get(predicate, _LINK)
            if action is _NOTHING:
                continue
            subject, object_ = triple.subject.value, triple.object
            if action is _TYPE_OF:
                kind = object_.value
                if kind in typed:
                    typed[kind].add(subject)
                if kind.startswith(ONTOLOGY):
                    kinds[subject].append(intern(kind))
            elif action is _MENTION_OF:
                mentions[subject].append(object_.value)
            elif action is _NAME_OF:
                names[intern(subject)][intern(predicate), object_.value, object_.language] = None
            elif action is _EVIDENCE_OF:
                evidence[subject].append(object_.value)
            elif type(object_) is NamedNode:
                links.add((intern(subject), intern(predicate), intern(object_.value)))
        self._resolve(kinds, typed, mentions, values, evidence)

    def add_blocks(self, graph: Iterable[tuple[str, list[str]]]) -> None:
        """A graph as lawgraph.ntriples writes it: blocks of a subject's N-Triples term and its "predicate
        object" pairs (a report's statements as graph.py makes them). The same as `add` of the parsed graph,
        without making a pyoxigraph object of every term: the terms are read where they stand."""
        with paused_gc():
            self._add_blocks(graph)

    def _add_blocks(self, graph: Iterable[tuple[str, list[str]]]) -> None:
        kinds: dict[str, list[str]] = defaultdict(list)
        typed: dict[str, set[str]] = {kind: set() for kind in _RECORDS}
        mentions: dict[str, list[str]] = defaultdict(list)
        values: dict[str, dict[str, Any]] = {p: {} for p in _SINGLE}
        evidence: dict[str, list[str]] = defaultdict(list)
        names, links, actions = self._names, self._links, _ACTIONS
        for subject_term, pairs in graph:
            subject = subject_term[1:-1] if subject_term[0] == "<" else subject_term
            for pair in pairs:
                predicate_term, object_term = pair.split(" ", 1)
                predicate = predicate_term[1:-1]
                single = values.get(predicate)
                if single is not None:
                    if subject not in single:
                        single[subject] = _term_value(object_term) if predicate != _START else \
                            _start_of_term(object_term)
                    if predicate in _ALSO_LINKS and object_term[0] == "<":
                        links.add((intern(subject), intern(predicate), intern(object_term[1:-1])))
                    continue
                action = actions.get(predicate, _LINK)
                if action is _NOTHING:
                    continue
                if action is _TYPE_OF:
                    kind = object_term[1:-1]
                    if kind in typed:
                        typed[kind].add(subject)
                    if kind.startswith(ONTOLOGY):
                        kinds[subject].append(intern(kind))
                elif action is _MENTION_OF:
                    mentions[subject].append(object_term[1:-1])
                elif action is _NAME_OF:
                    names[intern(subject)][(intern(predicate), *_term_text(object_term))] = None
                elif action is _EVIDENCE_OF:
                    evidence[subject].append(object_term[1:-1])
                elif object_term[0] == "<":
                    links.add((intern(subject), intern(predicate), intern(object_term[1:-1])))
        self._resolve(kinds, typed, mentions, values, evidence)

    def _resolve(self, kinds_of: dict[str, list[str]], typed: dict[str, set[str]], mentions: dict[str, list[str]],
                 values: dict[str, dict[str, Any]], evidence: dict[str, list[str]]) -> None:
        """What one graph's triples say, as records: mentions resolved, sentences with their sections,
        reports, metrics, divisions' codes, concepts and the evidence of statements."""
        in_report, in_sentence, text, start = (values[p] for p in (_IN_REPORT, _IN_SENTENCE, _TEXT, _START))
        metrics = typed[_METRIC]
        for node, its_mentions in mentions.items():
            if node in metrics:
                self._metric(node, its_mentions, values)
                continue
            kinds = kinds_of.get(node)
            if kinds:
                self._kinds[intern(node)] = _merged_kinds(self._kinds.get(node), tuple(dict.fromkeys(kinds)))
            resolved = []
            for mention in dict.fromkeys(its_mentions):
                sentence = in_sentence.get(mention)
                report = in_report.get(sentence if sentence is not None else mention)  # a mention's is its sentence's
                resolved.append((intern(report) if report is not None else "", start.get(mention, 0), mention,
                                 intern(sentence) if sentence is not None else None, text.get(mention)))
            if len(resolved) > 1:
                resolved.sort(key=_order_of_mention)
            self._mentions[node] += [(report, at, sentence, written)
                                     for report, at, _mention, sentence, written in resolved]
        section_of, number, heading = (values[p] for p in (_IN_SECTION, _NUMBER, _HEADING))
        for sentence in typed[_SENTENCE]:
            if sentence in text:
                section = section_of.get(sentence)
                self._sentences[intern(sentence)] = _sentence(
                    text[sentence], in_report.get(sentence),
                    *((number.get(section), heading.get(section)) if section else (None, None)))
        for metric in metrics:
            if metric not in self._metrics:  # a metric no text states
                self._metrics[metric] = (*(values[p].get(metric) for p in _FIGURE), None, None, None, 0)
        for report in typed[_REPORT]:
            self._reports.setdefault(intern(report), (values[_JURISDICTION].get(report), values[_YEAR].get(report)))
        for concept in typed[_CONCEPT]:
            self._concepts.setdefault(concept, (values[_NOTATION].get(concept), values[_KIND].get(concept)))
        ends = [values[p] for p in (_SUBJECT, _PREDICATE, _OBJECT)]
        for statement in typed[_STATEMENT]:
            key = tuple(end.get(statement) for end in ends)
            if None not in key:
                key = tuple(map(intern, key))
                self._evidence += [(intern(sentence), key) for sentence in dict.fromkeys(evidence.get(statement, ()))]
        for division, code in values[_ADCODE].items():
            self._adcodes.setdefault(division, code)

    def _metric(self, metric: str, mentions: list[str], values: dict[str, dict[str, Any]]) -> None:
        """A metric as one record: what it counts, and its first mention's report, sentence and text."""
        in_report, in_sentence, text, start = (values[p] for p in (_IN_REPORT, _IN_SENTENCE, _TEXT, _START))
        figure = [values[p].get(metric) for p in _FIGURE]
        if len(mentions) == 1:  # as graph.py states a metric
            mention = mentions[0]
            sentence = in_sentence.get(mention)
            report = in_report.get(sentence if sentence is not None else mention)
            self._metrics[metric] = (*figure, intern(report) if report else None,
                                     intern(sentence) if sentence else None, text.get(mention) or None, 1)
            return
        report_of = {m: in_report.get(in_sentence.get(m, m)) or "" for m in dict.fromkeys(mentions)}
        ordered = sorted(report_of, key=lambda m: (report_of[m], start.get(m, 0), m))
        first: dict[str, str] = {}
        for mention in ordered:
            for name, found in (("report", report_of), ("sentence", in_sentence), ("text", text)):
                if name not in first and found.get(mention):
                    first[name] = intern(found[mention]) if name != "text" else found[mention]
        self._metrics[metric] = (*figure, first.get("report"), first.get("sentence"), first.get("text"),
                                 len(ordered))

    def absorb(self, other: Collector) -> None:
        """What another collector gathered (a worker's, of one report), as if its triples were added here now."""
        with paused_gc():
            self._absorb(other)

    def _absorb(self, other: Collector) -> None:
        kinds_of, names_of, mentions_of = self._kinds, self._names, self._mentions
        for node, kinds in other._kinds.items():
            known = kinds_of.get(node)
            kinds_of[node] = _merged_kinds(known, kinds)
        for subject, names in other._names.items():
            if subject in names_of:
                names_of[subject].update(names)
            else:
                names_of[subject] = dict(names)
        for node, entries in other._mentions.items():
            if node in mentions_of:
                mentions_of[node] += entries
            else:
                mentions_of[node] = list(entries)
        for mine, theirs in ((self._reports, other._reports), (self._concepts, other._concepts),
                             (self._adcodes, other._adcodes)):
            for key, value in theirs.items():
                mine.setdefault(key, value)
        self._sentences.update(other._sentences)
        self._metrics.update(other._metrics)
        self._links |= other._links
        self._evidence += other._evidence

    def __reduce__(self) -> tuple:
        """A collector travels (from a worker to the main process) as one marshal blob of its records, read
        back in one call with the cycle collector held off: unpickled piece by piece, the records of 1,000 reports
        cost the main process five times as much, most of it the collector walking them as they came."""
        state = (self._kinds, dict(self._names), dict(self._mentions), self._reports, self._sentences,
                 self._metrics, self._adcodes, self._concepts, self._links, self._evidence)
        return _collector_of, (marshal.dumps(state),)

    def graph(self) -> PageGraph:
        """What was gathered, handed over: the collector is empty afterwards (a corpus's worth of strings is
        not kept twice while the page is drawn)."""
        with paused_gc():
            graph = self._gathered()
            self.__init__()  # type: ignore[misc]
        return graph

    def _gathered(self) -> PageGraph:
        nodes = {}
        for iri, entries in self._mentions.items():
            kinds = self._kinds.get(iri)
            if kinds:
                nodes[iri] = self._node(iri, kinds, entries)
        reports = {iri: Report(self._label_of(iri), *facts) for iri, facts in sorted(self._reports.items())}
        concepts = {}
        for iri, (notation, kind) in self._concepts.items():
            labels = [Name(value, tag) for p, value, tag in self._names.get(iri, ()) if p == _PREF_LABEL]
            concepts[iri] = Concept(iri, labels, notation, kind)
        evidence: dict[Triple, list[str]] = {}
        for sentence, key in sorted(self._evidence, key=lambda row: row[0]):
            evidence.setdefault(key, []).append(sentence)
        metrics = {iri: Metric(*figure) for iri, figure in self._metrics.items()}
        return PageGraph(nodes, reports, self._sentences, metrics, self._links, evidence, self._adcodes, concepts)

    def _label_of(self, report: str) -> str:
        return min((value for p, value, _tag in self._names.get(report, ()) if p in (_LABEL, _TITLE)),
                   default=report.rsplit("/", 1)[-1])

    def _node(self, iri: str, kinds: tuple[str, ...], entries: list[Entry]) -> Node:
        node = Node(iri, [kind[len(ONTOLOGY):] for kind in kinds])
        for property_, value, tag in self._names.get(iri, ()):
            if property_ == _LABEL:
                node.labels.append(Name(value, tag))
            elif property_ == _ALT_LABEL:
                node.alt_labels.append(Name(value, tag))
        if len(entries) > 1:
            entries.sort(key=_order_of_entry)  # stable: a graph's own order stays where report and start tie
        node.mentions = len(entries)
        node.texts = [text for _report, _start, _sentence, text in entries if text is not None]
        node.reports = dict.fromkeys(report for report, _start, _sentence, _text in entries if report)
        node.sentences = dict.fromkeys(sentence for _report, _start, sentence, _text in entries if sentence is not None)
        return node


def _collector_of(blob: bytes) -> Collector:
    collector = Collector()
    with paused_gc():
        (collector._kinds, names, mentions, collector._reports, collector._sentences, collector._metrics,
         collector._adcodes, collector._concepts, collector._links, collector._evidence) = marshal.loads(blob)
    collector._names.update(names)
    collector._mentions.update(mentions)
    return collector


def _order_of_mention(resolved: tuple) -> tuple:
    return resolved[:3]


def _order_of_entry(entry: Entry) -> tuple:
    return entry[:2]


_KINDS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _merged_kinds(known: tuple[str, ...] | None, kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The classes of a node, each once in the order met: one shared tuple for each combination (the 150,000
    metrics of a corpus share one)."""
    merged = kinds if known is None else known + tuple(kind for kind in kinds if kind not in known)
    return _KINDS.setdefault(merged, merged)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector held off while records are made by the hundred thousand: none of them is part
    of a cycle, and the collector would otherwise walk the whole growing heap again and again (two thirds of
    the time a corpus's page took). Reference counting frees what it always does."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _term_text(term: str) -> tuple[str, str | None]:
    """A literal's text and language tag, read off its N-Triples term ("省委"@zh-hans)."""
    if term.endswith('"'):
        return _unescaped(term[1:-1]), None
    if term[-1] != ">":
        end = term.rindex('"@')
        return _unescaped(term[1:end]), term[end + 2:]
    return _unescaped(term[1:term.rindex('"^^<')]), None


def _term_value(term: str) -> str:
    """An IRI's or a literal's value, from its N-Triples term."""
    if term[0] == "<":
        return term[1:-1]
    if term[0] == '"':
        return _term_text(term)[0]
    return term  # a blank node: lawgraph makes none


def _start_of_term(term: str) -> int:
    if term.endswith(_INTEGER_TERM_END):
        return int(term[1:-len(_INTEGER_TERM_END)])
    return _NOT_AN_INTEGER


def _unescaped(text: str) -> str:
    """What an N-Triples string says: escapes (rare in reports: a quotation mark, a backslash) read by Oxigraph."""
    if "\\" not in text:
        return text
    return next(iter(parse(f'<x:s> <x:p> "{text}" .'.encode(), RdfFormat.N_TRIPLES))).object.value


def _start(term: Any) -> int:
    """lg:start as an integer (graph.py writes xsd:integer); anything else sorts after every integer."""
    if isinstance(term, Literal) and term.datatype.value == _INTEGER:
        return int(term.value)
    return _NOT_AN_INTEGER
