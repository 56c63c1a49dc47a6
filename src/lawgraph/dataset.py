"""Reports as named graphs, and the corpus files written from them.

Each report's statements form a named graph whose name is the report's IRI. A report is serialised once, in
the process that extracted it, into chunks that the writer only concatenates:

- `local`: Turtle of the statements only this report can make (about its own sections, sentences, mentions
  and metrics, or pointing at them), its own nodes named with the prefixes of `prefixes` (mention:12-15);
- `shared`: N-Triples of statements other reports may make too (a division's label, an agency's type),
  which the writer de-duplicates across the corpus before writing them once at the end of graph.ttl;
- and, when a build asks for them, `nquads` (its named graph: graph.nq, a store, the page), `ntriples` (the
  local statements: graph.nt) and `jsonld` (the local statements' nodes: graph.jsonld).

So graph.ttl (the union of all reports, the default graph) streams, whatever the corpus size, and the same
reports give the same bytes. The indicator concepts the reports' metrics measure are stated once, at the end:
among the shared statements of graph.ttl (graph.nt, graph.jsonld), and in a named graph of their own, the
scheme's IRI `lgi:scheme`, in graph.trig and graph.nq (as in a store).

The Turtle and TriG files say `@base <https://w3id.org/lawgraph/id/>`, so that an entity is
<agency/141100/司法局>, and name each report's own nodes with prefixes declared before its statements
(`@prefix mention: <https://w3id.org/lawgraph/id/report/ID/mention/>`): IRIs in full were half of their bytes.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pyoxigraph import RdfFormat, Triple, parse

from . import jsonld
from .graph import measured, scheme_statements
from .ntriples import Block, Turtle, blocks_of, ntriples
from .store import canonical_language_tags
from .vocab import DATA, INDICATORS, PREFIXES

if TYPE_CHECKING:
    from .pagegraph import Collector

_FILE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "lgr"}  # data IRIs are relative to the base
LOCAL_KINDS = ("mention", "metric", "section", "sentence", "statement")  # a report's own nodes, by IRI segment
_LG = PREFIXES["lg"]
_TYPE = PREFIXES["rdf"] + "type"
_TYPE_LINE = f"<{_TYPE}> <{_LG}"  # what the N-Triples line of a statement of an lg: class holds
_TYPE_LINE_BYTES = _TYPE_LINE.encode()
_TURTLE = Turtle(_FILE_PREFIXES, DATA, same_everywhere=INDICATORS)
_SAID_ALIKE = f"<{INDICATORS}"
# The chunks a build may ask of a report besides its Turtle: for graph.nq (and a store, and the page),
# graph.nt and graph.jsonld.
CHUNKS = ("nquads", "ntriples", "jsonld")
# The files a build writes: always graph.ttl and graph.trig; the others when asked (--export), each also
# compressed (gzip, written as a stream).
DEFAULT_FILES = ("ttl", "trig")
EXPORTS = ("nq", "nt", "jsonld")
EXPORT_CHOICES = (*EXPORTS, *(f"{fmt}.gz" for fmt in (*DEFAULT_FILES, *EXPORTS)))  # what --export takes
SCHEME_GRAPH = INDICATORS + "scheme"  # the named graph of the indicator concepts the reports measure
GZIP_LEVEL = 6  # gzip's own default: level 9 took twice the time for 3% less


@dataclass(frozen=True)
class ReportGraph:
    """One report's graph, serialised and ready to be written or loaded (picklable, for worker processes)."""

    doc_id: str
    iri: str
    sha256: str
    source: str
    local: bytes
    shared: bytes
    prefixes: bytes = b""  # the @prefix lines that name the report's own nodes in `local`
    local_triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    shared_turtle: bytes = b""  # `shared` as Turtle, for the report's graph in graph.trig
    nquads: bytes = b""  # its named graph as N-Quads, if asked for
    ntriples: bytes = b""  # the local statements as N-Triples, if asked for
    jsonld: bytes = b""  # the local statements as JSON-LD node objects, if asked for
    concepts: tuple[str, ...] = ()  # the indicator concepts its metrics measure (graph.measured)
    page: Collector | None = None  # what the page reads of it, gathered where it was extracted
    text: str | None = None  # the report's text as read, which its offsets index (None: not at hand)

    def turtle(self) -> bytes:
        """Its named graph as a Turtle document of its own (the statements graph.trig holds in its graph)."""
        return header() + self.prefixes + self.local + self.shared_turtle


def local_prefixes(iri: str) -> dict[str, str]:
    """The prefixes that name a report's own nodes: mention: → its IRI/mention/, and so on."""
    return {kind: f"{iri}/{kind}/" for kind in LOCAL_KINDS}


def _directives(prefixes: dict[str, str]) -> bytes:
    return "".join(f"@prefix {k}: <{v}> .\n" for k, v in prefixes.items()).encode()


def header() -> bytes:
    """The @base and @prefix lines that open graph.ttl and graph.trig."""
    return f"@base <{DATA}> .\n".encode() + _directives(_FILE_PREFIXES)


def _turtle_of(graph: list[Block], local: dict[str, str] | None = None) -> bytes:
    """Turtle (without the @base and @prefix lines: the file has them) of a graph in blocks."""
    return canonical_language_tags(_TURTLE.write(graph, local).encode("utf-8"))


def report_graph(doc_id: str, iri: str, sha256: str, source: str, graph: list[Block],
                 warnings: tuple[str, ...] = (), text: str | None = None,
                 chunks: Iterable[str] = ("nquads",)) -> ReportGraph:
    """Serialise one report's graph into the chunks described in the module docstring (`chunks`: which of
    CHUNKS besides the Turtle).

    `graph` is in blocks by subject, in the order of its N-Triples lines (graph.report_statements,
    ntriples.blocks_of): a stable order, with each subject's statements together."""
    chunks = frozenset(chunks)
    exact, inside = f"<{iri}>", f"<{iri}/"
    mention = f"<{iri}/mention/"
    local: list[Block] = []
    shared: list[Block] = []
    counts: Counter = Counter()  # instances of the report's own classes (shared entities are counted later)
    for subject, pairs in graph:
        if subject == exact or subject.startswith(inside):
            local.append((subject, pairs))
            if subject.startswith(mention):  # a mention is typed by lg:mention's range, not by a statement
                counts["Mention"] += 1
            else:
                counts.update(_class_of(pair) for pair in pairs if pair.startswith(_TYPE_LINE))
            continue
        if subject.startswith(_SAID_ALIKE):  # an indicator concept: the same in every report that measures it
            shared.append((subject, pairs))
            continue
        # The report may still be named after the subject (an entity's mention, say).
        mine: list[str] = []
        others: list[str] = []
        for pair in pairs:
            (mine if inside in pair or exact in pair else others).append(pair)
        if mine:
            local.append((subject, mine))
            counts.update(_class_of(pair) for pair in mine if pair.startswith(_TYPE_LINE))
        if others:
            shared.append((subject, others))
    nquads = b""
    if "nquads" in chunks:
        # Encoded line by line: most lines are ASCII, which encodes as a copy, and stay so apart from the others.
        lines = [f"{subject} {pair}".encode() for subject, pairs in graph for pair in pairs]
        named = f" <{iri}> .\n".encode()
        nquads = canonical_language_tags(named.join(lines) + named) if lines else b""
    local_nt = canonical_language_tags(ntriples(local).encode()) if chunks & {"ntriples", "jsonld"} else b""
    shared_lines = [f"{subject} {pair} .\n".encode() for subject, pairs in shared for pair in pairs]
    prefixes = local_prefixes(iri)

    return ReportGraph(doc_id, iri, sha256, source, _turtle_of(local, prefixes),
                       canonical_language_tags(b"".join(shared_lines)), _directives(prefixes),
                       sum(len(p) for _, p in local), dict(counts), warnings, _turtle_of(shared), nquads=nquads,
                       ntriples=local_nt if "ntriples" in chunks else b"",
                       jsonld=jsonld.nodes_of_ntriples(local_nt) if "jsonld" in chunks else b"",
                       concepts=tuple(sorted(measured(local))), text=text)


def _class_of(type_line: str) -> str:
    return type_line.rsplit("#", 1)[1].split(">", 1)[0]


def triples_of(report: ReportGraph) -> Iterable[Triple]:
    """The report's triples back from its N-Quads (for loading into a store or a page)."""
    for quad in parse(report.nquads, RdfFormat.N_QUADS):
        yield Triple(quad.subject, quad.predicate, quad.object)


def chunks_for(exports: Sequence[str], store: bool = False, page: bool = False) -> tuple[str, ...]:
    """The chunks a build needs of each report for these exports (nq, nt.gz …), a store and the page."""
    formats = {name.removesuffix(".gz") for name in exports}
    needed = {"nquads"} if store or page or "nq" in formats else set()
    needed |= {chunk for name, chunk in (("nt", "ntriples"), ("jsonld", "jsonld")) if name in formats}
    return tuple(chunk for chunk in CHUNKS if chunk in needed)


def file_names(exports: Sequence[str]) -> list[str]:
    """The graph files a build writes, in order: graph.ttl, graph.trig, then what `exports` ask for."""
    names = [f"graph.{fmt}" for fmt in DEFAULT_FILES]
    for fmt in (*DEFAULT_FILES, *EXPORTS):
        if fmt in exports and fmt not in DEFAULT_FILES:
            names.append(f"graph.{fmt}")
        if f"{fmt}.gz" in exports:
            names.append(f"graph.{fmt}.gz")
    return names


class CorpusWriter:
    """Writes graph.ttl (union) and graph.trig (named graphs) into a folder, report by report, and the files
    `exports` ask for (nq, nt, jsonld, and any of these or ttl, trig compressed: nq.gz …), each as a stream.

    Reports must be added in a stable order (by id) for the output to be byte-identical run after run.
    """

    def __init__(self, folder: Path, exports: Sequence[str] = ()) -> None:
        self.names = file_names(exports)
        self._streams: dict[str, list[BinaryIO]] = {fmt: [] for fmt in (*DEFAULT_FILES, *EXPORTS)}
        for name in self.names:
            fmt = name.removeprefix("graph.").removesuffix(".gz")
            # gzip without a time stamp in its header: the same graph gives the same bytes.
            stream = (gzip.GzipFile(folder / name, "wb", compresslevel=GZIP_LEVEL, mtime=0) if name.endswith(".gz")
                      else (folder / name).open("wb"))
            self._streams[fmt].append(stream)  # type: ignore[arg-type]
        head = header()
        self._write("ttl", head)
        self._write("trig", head)
        self._write("jsonld", jsonld.header())
        self._jsonld_nodes = 0
        self._concepts: set[str] = set()
        self._seen: set[bytes] = set()
        self._shared: list[bytes] = []
        self.counts: Counter = Counter()
        self.triples = 0

    def _write(self, fmt: str, data: bytes) -> None:
        for stream in self._streams[fmt]:
            stream.write(data)

    def wants(self, fmt: str) -> bool:
        return bool(self._streams[fmt])

    def add(self, report: ReportGraph) -> None:
        self._write("ttl", report.prefixes)
        self._write("ttl", report.local)
        self._write("trig", report.prefixes)
        self._write("trig", _TURTLE.iri(f"<{report.iri}>").encode() + b" {\n")
        self._write("trig", report.local)
        self._write("trig", report.shared_turtle)
        self._write("trig", b"}\n")
        self._write("nq", report.nquads)
        self._write("nt", report.ntriples)
        self._jsonld(report.jsonld)
        self.triples += report.local_triples
        self._concepts.update(report.concepts)
        seen = self._seen
        for line in report.shared.splitlines(keepends=True):
            if line not in seen:  # the lines are kept anyway (to be written at the end): no digest of them
                seen.add(line)
                self._shared.append(line)
                self.triples += 1
                if _TYPE_LINE_BYTES in line:
                    self.counts[_class_of(line.decode("utf-8"))] += 1
        self.counts.update(report.counts)

    def _jsonld(self, nodes: bytes) -> None:
        if nodes and self.wants("jsonld"):
            self._write("jsonld", b",\n" + nodes if self._jsonld_nodes else nodes)
            self._jsonld_nodes += 1

    def close(self) -> None:
        """Write the de-duplicated shared statements, grouped by subject, and the scheme's concepts, and close the
        files."""
        scheme = scheme_statements(self._concepts)
        if scheme:
            lines = canonical_language_tags(ntriples(scheme).encode())
            self._shared += lines.splitlines(keepends=True)
            self.triples += lines.count(b"\n")
            self._write("trig", _TURTLE.iri(f"<{SCHEME_GRAPH}>").encode() + b" {\n" + _turtle_of(scheme) + b"}\n")
            self._write("nq", lines.replace(b" .\n", f" <{SCHEME_GRAPH}> .\n".encode()))
        self._shared.sort()
        shared = b"".join(self._shared)
        self._write("ttl", _turtle_of(blocks_of(shared)))
        self._write("nt", shared)
        if self.wants("jsonld"):
            self._jsonld(jsonld.nodes_of_ntriples(shared))
            self._write("jsonld", jsonld.FOOTER)
        for streams in self._streams.values():
            for stream in streams:
                stream.close()
        self._shared.clear()
        self._seen.clear()

