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
from typing import BinaryIO

from pyoxigraph import RdfFormat, Triple, parse, serialize

from .store import canonical_language_tags
from .vocab import PREFIXES

_FILE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "lgr"}  # data IRIs in full: no escaped '/'
_LG = PREFIXES["lg"]
_TYPE = PREFIXES["rdf"] + "type"
_TYPE_LINE = f"<{_TYPE}> <{_LG}".encode()


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


def _prefix_header() -> bytes:
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in _FILE_PREFIXES.items()).encode()


def _turtle_body(triples: Iterable[Triple]) -> bytes:
    """Turtle of `triples` without the @prefix lines (the file has them once)."""
    data = serialize(triples, None, RdfFormat.TURTLE, prefixes=_FILE_PREFIXES)
    body = b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"@prefix "))
    return canonical_language_tags(body)


def report_graph(doc_id: str, iri: str, sha256: str, source: str, triples: list[Triple],
                 warnings: tuple[str, ...] = ()) -> ReportGraph:
    """Serialise one report's triples into the chunks described in the module docstring.

    The work is done on N-Triples lines (bytes), which Oxigraph writes fast: sorted, they are in a stable order
    with each subject's statements together, whichever way the triples came (extraction or a store)."""
    lines = sorted(set(serialize(triples, None, RdfFormat.N_TRIPLES).splitlines(keepends=True)))
    lines = [canonical_language_tags(line) for line in lines] if any(b'"@' in line for line in lines) else lines
    exact, inside = f"<{iri}>".encode(), f"<{iri}/".encode()
    local, shared = [], []
    counts: Counter = Counter()  # instances of the report's own classes (shared entities are counted later)
    for line in lines:
        if exact in line or inside in line:
            local.append(line)
            if _TYPE_LINE in line:
                counts[_class_of(line)] += 1
        else:
            shared.append(line)
    graph = f" <{iri}> .\n".encode()
    nquads = b"".join(line[:-3] + graph for line in lines)  # "s p o .\n" → "s p o <g> .\n"
    return ReportGraph(doc_id, iri, sha256, source, nquads, _turtle_of(b"".join(local)), b"".join(shared),
                       len(local), dict(counts), warnings)


def _class_of(type_line: bytes) -> str:
    return type_line.rsplit(b"#", 1)[1].split(b">", 1)[0].decode()


def _turtle_of(ntriples: bytes) -> bytes:
    """Turtle (without @prefix lines) of N-Triples data, grouped by subject as the lines are."""
    return _turtle_body(parse(ntriples, RdfFormat.N_TRIPLES)) if ntriples else b""


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
        self.trig.write(_turtle_of(report.shared))
        self.trig.write(b"}\n")
        self.ttl.write(report.local)
        self.triples += report.local_triples
        for line in report.shared.splitlines(keepends=True):
            digest = hashlib.blake2b(line, digest_size=12).digest()
            if digest not in self._seen:
                self._seen.add(digest)
                self._shared.append(line)
                self.triples += 1
                if _TYPE_LINE in line:
                    self.counts[_class_of(line)] += 1
        self.counts.update(report.counts)

    def close(self) -> None:
        """Write the de-duplicated shared statements, grouped by subject, and close the files."""
        self._shared.sort()
        self.ttl.write(_turtle_of(b"".join(self._shared)))
        for stream in (self.ttl, self.trig, self.nq):
            stream.close()
        self._shared.clear()
        self._seen.clear()
