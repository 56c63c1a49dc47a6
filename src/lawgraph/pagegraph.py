"""What the page reads of a graph, report by report: a ReportPart for each report, made where it is read.

A build's workers each read the statements of their report (`Collector.add_blocks`, or `add` of the triples
parsed) into that report's part of the page: its sentences; the nodes it names (entities and metrics), each
with its names, how often the report names it and the sentences that do, in text order; the relations it
states, each with the sentences that say so; the places and indicator concepts it names and the figures it
maps to a concept. What of the page's data is the report's alone is written as JSON right there, so the main
process only gathers the parts (`absorb`) and hands them over in report order (`graph`); the page merges them
as it opens, and view.merge does the same in Python. Merging 1,000 reports' records in the main process, and
writing them out, had been most of what the page cost a build, with the workers' cores idle meanwhile.

`lawgraph view` reads a store alike: `add` of its quads gives every report's part at once. A graph given to
`add` or `add_blocks` says all there is of its reports' mentions, sentences and statements: one report's
named graph, several, or a whole store; its triples are read as a set (the union of named graphs).
"""

from __future__ import annotations

import gc
import json
import marshal
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from sys import intern
from typing import Any

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from .fold import narrow, to_simplified
from .vocab import DATA, ONTOLOGY, PREFIXES

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
_PART_OF = ONTOLOGY + "partOf"
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_INTEGER_TERM_END = f'"^^<{_INTEGER}>'
MEASURES = ONTOLOGY + "measures"  # metric → the indicator concept (skos:Concept) it measures
# A metric's lg:about and lg:locatedIn are read in its own sentence, which graph.py gives as their evidence
# without an rdf:Statement to say so.
_READ_IN_ITS_SENTENCE = frozenset([ONTOLOGY + "about", ONTOLOGY + "locatedIn"])
DIVISIONS = ("Province", "City", "County")
# Properties that are not drawn as edges: what a node is, where it is said, and a reified statement's parts.
NOT_LINKS = frozenset([_TYPE, _MENTION, _EVIDENCE, _SUBJECT, _PREDICATE, _OBJECT,
                       *(ONTOLOGY + p for p in ("inReport", "inSentence", "inSection"))])
# Properties with one value each, as graph.py writes them; the page reads the first. lg:jurisdiction and
# lg:quantityKind are also links (an agency's jurisdiction is drawn; a concept's kind is read).
_SINGLE = frozenset([_IN_REPORT, _IN_SENTENCE, _IN_SECTION, _TEXT, _START, _NUMBER, _HEADING, _INDICATOR,
                     _QUALIFIER, _VALUE, _UNIT, _ADCODE, _YEAR, _JURISDICTION, _KIND, _NOTATION,
                     _SUBJECT, _PREDICATE, _OBJECT])
_ALSO_LINKS = frozenset([_JURISDICTION, _KIND])
_RECORDS = (_SENTENCE, _METRIC, _REPORT, _CONCEPT, _STATEMENT)  # the classes whose instances become records
# What Collector.add does with a triple, by its predicate (anything else: a link, if its object is an IRI).
# (The properties of _SINGLE are kept as values before this is asked.)
_LINK, _TYPE_OF, _MENTION_OF, _NAME_OF, _EVIDENCE_OF, _NOTHING = (
    "link", "type", "mention", "name", "evidence", "nothing")
_ACTIONS = {
    **{p: _NOTHING for p in NOT_LINKS}, **{p: _NAME_OF for p in _NAMES_OF},
    _TYPE: _TYPE_OF, _MENTION: _MENTION_OF, _EVIDENCE: _EVIDENCE_OF,
}
_TERM_ACTIONS = {f"<{p}>": action for p, action in _ACTIONS.items()}
_START_TERM, _ALSO_LINK_TERMS = f"<{_START}>", frozenset(f"<{p}>" for p in _ALSO_LINKS)
_NOT_AN_INTEGER = 1 << 62
# Node rows of a part's JSON (and of the page's merged nodes, see view.py), field by field.
NODE_ROW = ("iri", "kinds", "labels", "alts", "text", "mentions", "sentences", "search")

Triple = tuple[str, str, str]


@dataclass
class ReportPart:
    """One report's part of the page.

    `json` holds what is the report's alone, safe to put inside <script> as it is:
    {"sentences": [[text, section]…], "nodes": [row…], "edges": [[from, to, label, [sentence…]]…]}, where a node
    row is NODE_ROW (its IRI relative to lgr:, its lg: classes, its rdfs:labels and skos:altLabels (a metric:
    none, and its indicator and qualifier), its first mention as written, how often the report names it, the
    sentences that do, its names folded where that changes them), an edge's ends are rows of this part or IRIs
    (relative to lgr:) of nodes other reports name, and sentences are this part's. The rest, small, is read by
    view.py for the corpus view."""

    iri: str
    label: str  # its rdfs:label or dct:title (the least of them), else its IRI's last segment
    jurisdiction: str | None  # the division's IRI
    year: str | None  # lg:reportingYear as written
    json: str
    places: dict[str, tuple[list[str], str, str | None, str | None]]  # division → (labels, level, adcode, above)
    concepts: dict[str, tuple[list[tuple[str, str | None]], str | None, str | None, str | None]]
    # concept → (preferred labels (text, language), notation, quantity kind (local name), broader concept)
    figures: list[tuple[str, int, str | None, str | None]]  # (concept, node row, lg:value, unit), text order
    tags: dict[str, int]  # language tags of its nodes' labels, counted
    kinds: list[str]  # the classes of its nodes


class Collector:
    """Gathers the parts of the reports in the graphs given (`add`, `add_blocks`), each report's once; hands
    them over in report order (`graph`). A collector travels (from a worker to the main process) as one
    marshal blob of its parts."""

    def __init__(self) -> None:
        self._parts: dict[str, ReportPart] = {}

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
        names: dict[str, dict[tuple[str, str, str | None], None]] = defaultdict(dict)  # subject → its names
        links: set[Triple] = set()
        actions = _ACTIONS
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
                if kind in typed:  # a record's class (a sentence, a metric …), which no entity has
                    typed[kind].add(subject)
                elif kind.startswith(ONTOLOGY):
                    kinds[subject].append(intern(kind))
            elif action is _MENTION_OF:
                mentions[subject].append(object_.value)
            elif action is _NAME_OF:
                names[intern(subject)][intern(predicate), object_.value, object_.language] = None
            elif action is _EVIDENCE_OF:
                evidence[subject].append(object_.value)
            elif type(object_) is NamedNode:
                links.add((intern(subject), intern(predicate), intern(object_.value)))
        _Reading(self, kinds, typed, mentions, values, evidence, names, links).parts()

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
        names: dict[str, dict[tuple[str, str, str | None], None]] = defaultdict(dict)  # subject → its names
        links: set[Triple] = set()
        # By the predicate's term as written (<…>): no predicate is cut out of its brackets but to be kept.
        by_term = {f"<{p}>": single for p, single in values.items()}
        actions = _TERM_ACTIONS
        start, also_links = _START_TERM, _ALSO_LINK_TERMS
        for subject_term, pairs in graph:
            subject = subject_term[1:-1] if subject_term[0] == "<" else subject_term
            for pair in pairs:
                predicate_term, object_term = pair.split(" ", 1)
                single = by_term.get(predicate_term)
                if single is not None:
                    if subject not in single:
                        if predicate_term == start:
                            single[subject] = _start_of_term(object_term)
                        elif object_term[0] == "<" or (object_term[-1] == '"' and "\\" not in object_term):
                            single[subject] = object_term[1:-1]  # an IRI, or a plain string without escapes
                        else:
                            single[subject] = _term_value(object_term)
                    if predicate_term in also_links and object_term[0] == "<":
                        links.add((intern(subject), intern(predicate_term[1:-1]), intern(object_term[1:-1])))
                    continue
                action = actions.get(predicate_term, _LINK)
                if action is _NOTHING:
                    continue
                if action is _TYPE_OF:
                    kind = object_term[1:-1]
                    if kind in typed:
                        typed[kind].add(subject)
                    elif kind.startswith(ONTOLOGY):
                        kinds[subject].append(intern(kind))
                elif action is _MENTION_OF:
                    mentions[subject].append(object_term[1:-1])
                elif action is _NAME_OF:
                    names[intern(subject)][(intern(predicate_term[1:-1]), *_term_text(object_term))] = None
                elif action is _EVIDENCE_OF:
                    evidence[subject].append(object_term[1:-1])
                elif object_term[0] == "<":
                    links.add((intern(subject), intern(predicate_term[1:-1]), intern(object_term[1:-1])))
        _Reading(self, kinds, typed, mentions, values, evidence, names, links).parts()

    def absorb(self, other: Collector) -> None:
        """The parts another collector gathered (a worker's, of one report)."""
        for iri, part in other._parts.items():
            self._parts.setdefault(iri, part)

    def graph(self) -> list[ReportPart]:
        """The parts gathered, in the order of their reports' IRIs, handed over: the collector is empty after."""
        parts = [self._parts[iri] for iri in sorted(self._parts)]
        self._parts = {}
        return parts

    def __reduce__(self) -> tuple:
        return _collector_of, (marshal.dumps([tuple(vars(part).values()) for part in self._parts.values()]),)


def _collector_of(blob: bytes) -> Collector:
    collector = Collector()
    with paused_gc():
        for fields in marshal.loads(blob):
            part = ReportPart(*fields)
            collector._parts[part.iri] = part
    return collector


class _Reading:
    """One graph's triples, as read by Collector.add or add_blocks, made into the parts of its reports."""

    def __init__(self, collector: Collector, kinds_of: dict[str, list[str]], typed: dict[str, set[str]],
                 mentions: dict[str, list[str]], values: dict[str, dict[str, Any]], evidence: dict[str, list[str]],
                 names: dict[str, dict[tuple[str, str, str | None], None]], links: set[Triple]) -> None:
        self.collector, self.kinds_of, self.typed, self.values = collector, kinds_of, typed, values
        self.names, self.links = names, links
        in_report, in_sentence, start = (values[p] for p in (_IN_REPORT, _IN_SENTENCE, _START))
        # Every mention of a node, by report: (start, mention, sentence, text as written).
        self.named: dict[str, dict[str, list[tuple[int, str, str | None, str | None]]]] = defaultdict(dict)
        text = values[_TEXT]
        for node, its_mentions in mentions.items():
            if node not in typed[_METRIC] and not kinds_of.get(node):  # a node is a metric or has an lg: class
                continue
            for mention in dict.fromkeys(its_mentions):
                sentence = in_sentence.get(mention)
                report = in_report.get(sentence if sentence is not None else mention)  # a mention's is its sentence's
                if report is not None:
                    self.named[report].setdefault(node, []).append(
                        (start.get(mention, 0), mention, sentence, text.get(mention)))
        self.evidence: dict[Triple, list[str]] = defaultdict(list)  # a statement's triple → its sentences
        ends = [values[p] for p in (_SUBJECT, _PREDICATE, _OBJECT)]
        for statement in typed[_STATEMENT]:
            key = tuple(end.get(statement) for end in ends)
            if None not in key:
                self.evidence[key] += dict.fromkeys(evidence.get(statement, ()))  # type: ignore[index]
        self.links_of: dict[str, list[Triple]] = defaultdict(list)  # subject → its links
        for link in self.links:
            self.links_of[link[0]].append(link)
        self.measured: dict[str, str] = {}  # metric → the concept it measures (the least, if several)
        for subject, predicate, object_ in self.links:
            if subject in typed[_METRIC] and (predicate == MEASURES or object_ in typed[_CONCEPT]) \
                    and object_ < self.measured.get(subject, "\uffff"):
                self.measured[subject] = object_

    def parts(self) -> None:
        for report in self.typed[_REPORT]:
            if report not in self.collector._parts:
                self.collector._parts[intern(report)] = self.part(report)

    def part(self, report: str) -> ReportPart:
        values, typed = self.values, self.typed
        named = self.named.get(report, {})
        metrics = sorted((n for n in named if n in typed[_METRIC]), key=_text_order)
        entities = sorted(n for n in named if n not in typed[_METRIC])
        order = entities + metrics
        row_of = {node: k for k, node in enumerate(order)}
        sentences: dict[str, int] = {}  # sentence → its row, in text order
        for node in order:
            for _start, _mention, sentence, _text in named[node]:
                if sentence is not None:
                    sentences.setdefault(sentence, 0)
        edges, cited = self.edges(report, order, row_of, named)
        sentences.update(dict.fromkeys(cited, 0))
        known = values[_TEXT]
        ordered = sorted((s for s in sentences if s in known and s in typed[_SENTENCE]), key=_text_order)
        sentences = {s: k for k, s in enumerate(ordered)}
        rows = [self.row(node, named[node], sentences) for node in order]
        _add_search_forms(rows)
        for edge in edges:
            edge[3] = [sentences[s] for s in dict.fromkeys(edge[3]) if s in sentences]
        section_of, number, heading = (values[p] for p in (_IN_SECTION, _NUMBER, _HEADING))
        sentence_rows = []
        for sentence in ordered:
            section = section_of.get(sentence)
            parts = (number.get(section), heading.get(section)) if section else ()
            sentence_rows.append([known[sentence], " ".join(p for p in parts if p is not None)])
        data = {"sentences": sentence_rows, "nodes": rows, "edges": edges}
        tags: Counter = Counter(tag for row in rows for tag in row.pop() if tag)
        kinds = sorted({kind for row in rows for kind in row[1]})
        return ReportPart(report, self.label_of(report), values[_JURISDICTION].get(report), values[_YEAR].get(report),
                          script_json(data), self.places(entities), self.concepts(metrics),
                          [(self.measured[m], row_of[m], values[_VALUE].get(m), values[_UNIT].get(m))
                           for m in metrics if m in self.measured], dict(tags), kinds)

    def row(self, node: str, mentions: list[tuple[int, str, str | None, str | None]],
            sentences: dict[str, int]) -> list:
        """A node's row (NODE_ROW), and, last (taken off once counted), the language tags of its labels."""
        mentions.sort(key=lambda m: (m[0], m[1]))
        written = next((text for _start, _mention, _sentence, text in mentions if text), None)
        said = [sentences[s] for s in dict.fromkeys(s for _a, _m, s, _t in mentions if s is not None) if s in sentences]
        iri = node[len(DATA):] if node.startswith(DATA) else node
        if node in self.typed[_METRIC]:
            names = [t for t in (self.values[_INDICATOR].get(node), self.values[_QUALIFIER].get(node)) if t is not None]
            return [iri, ["Metric"], [], names, written, len(mentions), said, [], []]
        kinds = [k[len(ONTOLOGY):] for k in dict.fromkeys(self.kinds_of[node])]
        names = self.names.get(node, {})
        labels = sorted({value for p, value, _tag in names if p == _LABEL})
        alts = sorted({value for p, value, _tag in names if p == _ALT_LABEL})
        tags = [tag for p, _value, tag in names if p == _LABEL]
        return [iri, kinds, labels, alts, written, len(mentions), said, [], tags]

    def edges(self, report: str, order: list[str], row_of: dict[str, int], named: dict) -> tuple[list[list], list[str]]:
        """The relations stated of the report's nodes: [from, to, label, sentences of the report that state it
        (IRIs, made rows later)]."""
        edges, cited = [], []
        in_report = self.values[_IN_REPORT]
        for node in order:
            for subject, predicate, object_ in sorted(self.links_of.get(node, ())):
                if predicate == MEASURES or not object_.startswith(DATA):
                    continue
                target = row_of.get(object_, object_[len(DATA):])
                said = [s for s in self.evidence.get((subject, predicate, object_), ()) if in_report.get(s) == report]
                if not said and predicate in _READ_IN_ITS_SENTENCE and node in self.typed[_METRIC]:
                    said = [s for _start, _mention, s, _text in named[node] if s is not None][:1]
                edges.append([row_of[node], target, relation_label(predicate), list(said)])
                cited += said
        return edges, cited

    def label_of(self, report: str) -> str:
        return min((value for p, value, _tag in self.names.get(report, ()) if p in (_LABEL, _TITLE)),
                   default=report.rsplit("/", 1)[-1])

    def places(self, entities: list[str]) -> dict[str, tuple[list[str], str, str | None, str | None]]:
        found = {}
        for node in entities:
            levels = [k[len(ONTOLOGY):] for k in self.kinds_of[node] if k[len(ONTOLOGY):] in DIVISIONS]
            if levels:
                labels = sorted(value for p, value, _tag in self.names.get(node, ()) if p == _LABEL)
                above = min((o for _s, p, o in self.links_of.get(node, ()) if p == _PART_OF), default=None)
                found[node] = (labels, min(levels), self.values[_ADCODE].get(node), above)
        return found

    def concepts(self, metrics: list[str]) -> dict:
        found: dict = {}
        for metric in metrics:
            concept = self.measured.get(metric)
            while concept is not None and concept not in found:
                broader = min((o for _s, p, o in self.links_of.get(concept, ()) if p == _BROADER), default=None)
                kind = self.values[_KIND].get(concept)
                found[concept] = ([(value, tag) for p, value, tag in sorted(self.names.get(concept, ()))
                                   if p == _PREF_LABEL], self.values[_NOTATION].get(concept),
                                  kind.rsplit("#", 1)[-1] if kind else None, broader)
                concept = broader
        return found


@lru_cache(maxsize=256)
def relation_label(iri: str) -> str:
    """issuedBy → 'issued by': the property's local name, read as words."""
    local = re.split(r"[#/]", iri)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


def _text_order(iri: str) -> tuple:
    """Sentences and metrics are minted as …/sentence/{n} and …/metric/{offset}: text order is the number's."""
    head, _, tail = iri.rpartition("/")
    return (head, int(tail), "") if tail.isdigit() else (head, _NOT_AN_INTEGER, tail)


def _add_search_forms(rows: list[list]) -> None:
    """Each row's names in simplified characters and half-width forms, where that changes them: the page's
    search finds 呂梁市 when 吕梁市 is typed. A report's names are converted at once (OpenCC in one call)."""
    written = [[*row[2], *row[3], *([row[4]] if row[4] else [])] for row in rows]
    names = list({name for names in written for name in names})
    folded = simplified(names)
    for row, names in zip(rows, written, strict=True):
        row[7] = [form for form in dict.fromkeys(folded[n] for n in names) if form not in names]


def simplified(names: list[str]) -> dict[str, str]:
    """name → its simplified, half-width form: one conversion of all the names joined by line breaks, or name
    by name where a name holds a line break of its own."""
    if any("\n" in name for name in names):
        return {name: to_simplified(narrow(name)) for name in names}
    converted = to_simplified(narrow("\n".join(names))).split("\n")
    if len(converted) != len(names):  # cannot happen: the conversion keeps every line (see fold.to_simplified)
        return {name: to_simplified(narrow(name)) for name in names}
    return dict(zip(names, converted, strict=True))


def script_json(value: object) -> str:
    """Compact JSON, safe inside <script>: no '</' or '<!--' can close or confuse the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cycle collector held off while records are made by the thousand: none of them is part of a
    cycle, and the collector would otherwise walk the whole growing heap again and again. Reference counting
    frees what it always does."""
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
