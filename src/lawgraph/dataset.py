"""Reports as named graphs, and the corpus files written from them.

Each report's statements form a named graph whose name is the report's IRI. A report is serialised once, in
the process that extracted it, into chunks that the writer only concatenates:

- `nquads`: its named graph (for graph.nq, graph.trig and stores);
- `local`: Turtle of the statements only this report can make (about its own sections, sentences, mentions
  and metrics, or pointing at them);
- `shared`: N-Triples of statements other reports may make too (a division's label, an agency's type),
  which the writer de-duplicates across the corpus before writing them once at the end of graph.ttl.

So graph.ttl (the union of all reports, the default graph) streams, whatever the corpus size, and the same
reports give the same bytes.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pyoxigraph import RdfFormat, Triple, parse

from .ntriples import Block, Turtle, blocks_of
from .store import canonical_language_tags
from .vocab import DATA, PREFIXES

if TYPE_CHECKING:
    from .pagegraph import Collector

_FILE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "lgr"}  # data IRIs in full: no escaped '/'
_LG = PREFIXES["lg"]
_TYPE = PREFIXES["rdf"] + "type"
_TYPE_LINE = f"<{_TYPE}> <{_LG}"  # what the N-Triples line of a statement of an lg: class holds
_TYPE_LINE_BYTES = _TYPE_LINE.encode()
_TYPE_TERM, _LG_TERM = f"<{_TYPE}>", f"<{_LG}"
_TURTLE = Turtle(_FILE_PREFIXES, DATA)


@dataclass(frozen=True)
class ReportGraph:
    """One report's graph, serialised and ready to be written or loaded (picklable, for worker processes)."""

    doc_id: str
    iri: str
    sha256: str
    source: str
    nquads: bytes
    local: bytes
    shared: bytes
    local_triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    shared_turtle: bytes = b""  # `shared` as Turtle, for the report's graph in graph.trig
    page: Collector | None = None  # what the page reads of it, gathered where it was extracted
    text: str | None = None  # the report's text as read, which its offsets index (None: not at hand)


def _prefix_header() -> bytes:
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in _FILE_PREFIXES.items()).encode()


def _turtle_of(graph: list[Block]) -> bytes:
    """Turtle (without the @prefix lines: the file has them once) of a graph in blocks."""
    return canonical_language_tags(_TURTLE.write(graph).encode("utf-8"))


def report_graph(doc_id: str, iri: str, sha256: str, source: str, graph: list[Block],
                 warnings: tuple[str, ...] = (), text: str | None = None) -> ReportGraph:
    """Serialise one report's graph into the chunks described in the module docstring.

    `graph` is in blocks by subject, in the order of its N-Triples lines (graph.report_statements,
    ntriples.blocks_of): a stable order, with each subject's statements together."""
    exact, inside = f"<{iri}>", f"<{iri}/"
    local: list[Block] = []
    shared: list[Block] = []
    counts: Counter = Counter()  # instances of the report's own classes (shared entities are counted later)
    for subject, pairs in graph:
        if subject == exact or subject.startswith(inside):
            mine, others = pairs, []
        else:  # the report may still be named after the subject (an entity's mention, say)
            mine = [pair for pair in pairs if exact in pair or inside in pair]
            others = [pair for pair in pairs if not (exact in pair or inside in pair)] if mine else pairs
        if mine:
            local.append((subject, mine))
            for pair in mine:
                if _TYPE_LINE in pair or (subject == _TYPE_TERM and pair.startswith(_LG_TERM)):
                    counts[_class_of(pair)] += 1
        if others:
            shared.append((subject, others))
    # Encoded line by line: most lines are ASCII, which encodes as a copy, and stay so apart from the others.
    lines = [f"{subject} {pair}".encode() for subject, pairs in graph for pair in pairs]
    named = f" <{iri}> .\n".encode()
    nquads = canonical_language_tags(named.join(lines) + named) if lines else b""
    shared_lines = [f"{subject} {pair} .\n".encode() for subject, pairs in shared for pair in pairs]
    return ReportGraph(doc_id, iri, sha256, source, nquads, _turtle_of(local),
                       canonical_language_tags(b"".join(shared_lines)), sum(len(p) for _, p in local),
                       dict(counts), warnings, _turtle_of(shared), text=text)


def _class_of(type_line: str) -> str:
    return type_line.rsplit("#", 1)[1].split(">", 1)[0]


def triples_of(report: ReportGraph) -> Iterable[Triple]:
    """The report's triples back from its N-Quads (for loading into a store or a page)."""
    for quad in parse(report.nquads, RdfFormat.N_QUADS):
        yield Triple(quad.subject, quad.predicate, quad.object)


class CorpusWriter:
    """Writes graph.ttl (union), graph.trig and graph.nq (named graphs) into a folder, report by report.

    Reports must be added in a stable order (by id) for the output to be byte-identical run after run.
    """

    def __init__(self, folder: Path) -> None:
        self.ttl: BinaryIO = (folder / "graph.ttl").open("wb")
        self.trig: BinaryIO = (folder / "graph.trig").open("wb")
        self.nq: BinaryIO = (folder / "graph.nq").open("wb")
        header = _prefix_header()
        self.ttl.write(header)
        self.trig.write(header)
        self._seen: set[bytes] = set()
        self._shared: list[bytes] = []
        self.counts: Counter = Counter()
        self.triples = 0

    def add(self, report: ReportGraph) -> None:
        self.nq.write(report.nquads)
        self.trig.write(b"<" + report.iri.encode() + b"> {\n")
        self.trig.write(report.local)
        self.trig.write(report.shared_turtle)
        self.trig.write(b"}\n")
        self.ttl.write(report.local)
        self.triples += report.local_triples
        for line in report.shared.splitlines(keepends=True):
            digest = hashlib.blake2b(line, digest_size=12).digest()
            if digest not in self._seen:
                self._seen.add(digest)
                self._shared.append(line)
                self.triples += 1
                if _TYPE_LINE_BYTES in line:
                    self.counts[_class_of(line.decode("utf-8"))] += 1
        self.counts.update(report.counts)

    def close(self) -> None:
        """Write the de-duplicated shared statements, grouped by subject, and close the files."""
        self._shared.sort()
        self.ttl.write(_turtle_of(blocks_of(b"".join(self._shared))))
        for stream in (self.ttl, self.trig, self.nq):
            stream.close()
        self._shared.clear()
        self._seen.clear()
