"""`lawgraph build`: reports → named graphs → corpus files, an optional store, and the page.

Extraction runs in worker processes (`jobs`), each returning a report already serialised (dataset.ReportGraph);
the main process only writes bytes, in report order, so the output does not depend on the number of jobs.
Everything is written aside and moved into place at the end: a build that fails leaves the previous outputs.

Besides the graph files, a build writes each report's text as read (text/REPORT_ID.txt: what the offsets
index, whatever the report was published as) and keeps the files it fetched from URLs (fetched/). A store keeps
the texts of its reports in its folder too, so that the files written from it have every report's text.
"""

from __future__ import annotations

import glob
import hashlib
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from urllib.parse import unquote

from pyoxigraph import NamedNode, RdfFormat, Store, Triple, parse, serialize

from . import exports, formats, view, vocab
from .dataset import EXPORT_CHOICES, SCHEME_GRAPH, CorpusWriter, ReportGraph, chunks_for, report_graph
from .document import read_report, report_id, text_file
from .errors import ReportError, ValidationFailed
from .extract.pipeline import Extraction, extract
from .fetch import Fetched, fetch, is_url
from .gazetteer import load as load_gazetteer
from .graph import report_statements, scheme_statements
from .ntriples import Block, blocks_of, ntriples, triples_of
from .pagegraph import Collector
from .store import merge_side_folder, side_folder, staged_outputs, stored_reports, update_store

REPORT_SUFFIXES = tuple(formats.SUFFIXES)  # what a folder is searched for
SUFFIX_LIST = ".txt, .html, .pdf, .docx or .doc"
FETCHED = "fetched"  # the folder, in --out (or the store's folder), of the files fetched from URLs
CLASS_ORDER = ("Report", "Agency", "Regulation", "Publication", "Program", "Province", "City", "County", "Person",
               "Metric", "Mention")
_IN_FLIGHT = 4  # batches per worker submitted ahead of the one being written
_BATCH = 8  # reports in a batch: the shapes are read once for them all
_LOAD_BATCH = 4 * 2**20  # bytes of N-Quads handed to the store's bulk loader at once


@dataclass
class BuildResult:
    out_dir: Path | None
    reports: list[str] = field(default_factory=list)  # ids of the reports in the output
    extracted: list[str] = field(default_factory=list)  # ids of the reports read in this build
    unchanged: list[str] = field(default_factory=list)  # ids skipped because the store holds them already
    skipped: list[str] = field(default_factory=list)  # "path: reason" for files in folders that failed
    warnings: list[str] = field(default_factory=list)  # "path: what may be wrong" for reports that were read
    counts: Counter = field(default_factory=Counter)  # instances per lg: class
    triples: int = 0
    files: list[Path] = field(default_factory=list)
    exports: tuple[str, ...] = ()  # files asked for besides graph.ttl and graph.trig: nq, nt, jsonld, nq.gz …
    texts: Path | None = None  # the folder of the reports' texts, if written
    fetched: list[Fetched] = field(default_factory=list)  # reports fetched from URLs, where they were kept


def extract_report(path: Path) -> tuple[Extraction, list[Triple]]:
    """Read, extract and turn one report into triples."""
    extraction, statements = _extract_statements(path)
    return extraction, triples_of(statements)


def _extract_statements(path: Path, origin: Fetched | None = None) -> tuple[Extraction, list[Block]]:
    doc = _read(path, origin)
    extraction = extract(doc, load_gazetteer())
    return extraction, report_statements(extraction)


def _read(path: Path, origin: Fetched | None = None):
    if origin is None:
        return read_report(path)
    return read_report(path, url=origin.url, charset=origin.charset)


def report_graph_of(path: Path, check: bool = True, page: bool = False, origin: Fetched | None = None,
                    chunks: Sequence[str] = ("nquads",)) -> ReportGraph:
    """One report, read, extracted, serialised (with `chunks`, see dataset.py), (if `check`) validated and (if
    `page`) gathered for the page (runs in a worker process). `origin`: the URL it was fetched from."""
    extraction, statements = _extract_statements(path, origin)
    doc = extraction.doc
    graph = report_graph(doc.doc_id, vocab.report_iri(doc.doc_id), doc.sha256, str(path), statements,
                         doc.warnings, text=doc.text, chunks=chunks)
    if check:
        _check([graph])
    if page:
        # Gathered here, where the report was extracted, rather than where all reports meet: the main process
        # only merges what each report gave and draws the page.
        gathered = Collector()
        gathered.add_blocks([*statements, *scheme_statements(graph.concepts)])  # its concepts, as the page reads
        graph = replace(graph, page=gathered)
    return graph


def _check(graphs: list[ReportGraph]) -> None:
    """Validate report graphs against the shapes, several in one call (the validator reads the shapes anew on
    each call: a quarter of its time for one report). The error names the first report: a batch that fails is
    validated again report by report (_attempt_batch), to name the one at fault."""
    from .validate import validate

    # The reports' graphs as graph.trig has them, one Turtle document after another (each states its own
    # prefixes; none has a blank node, so none can be taken for another's).
    validation = validate(b"".join(graph.turtle() for graph in graphs), rdf_format="turtle")
    if validation.conforms:
        return
    raise ValidationFailed(f"{graphs[0].source}: the graph does not conform to the shapes ({validation.violations} "
                           f"violation(s); first: {validation.first_violation()}); please report this, "
                           "or build with --no-validate")


Task = tuple[Path, bool, bool, Fetched | None, Sequence[str]]  # report_graph_of's arguments


def _attempt(task: Task) -> ReportGraph | ReportError:
    try:
        return report_graph_of(*task)
    except ReportError as exc:
        return exc


def _attempt_batch(tasks: list[Task]) -> list[ReportGraph | ReportError]:
    """Several reports in one worker's turn, validated together (see _check)."""
    outcomes = [_attempt((path, False, page, origin, chunks)) for path, _check_it, page, origin, chunks in tasks]
    if tasks[0][1]:
        graphs = [(i, o) for i, o in enumerate(outcomes) if isinstance(o, ReportGraph)]
        try:
            if graphs:
                _check([graph for _, graph in graphs])
        except ValidationFailed:
            for i, graph in graphs:
                try:
                    _check([graph])
                except ValidationFailed as failed:
                    outcomes[i] = failed
    return outcomes


def collect_reports(inputs: Sequence[str | Path], fetched: Sequence[Fetched] = ()) -> tuple[list[Path], set[Path]]:
    """Files named, files matching globs, the report files inside folders (recursively: .txt, .html, .pdf,
    .docx, .doc) and the files `fetched` from URLs, sorted by id.

    Returns the paths and which of them were named explicitly (an explicit file that fails stops the build; a
    file found in a folder is skipped with a warning)."""
    named: set[Path] = {item.path for item in fetched}
    found: list[Path] = [item.path for item in fetched]
    for item in map(str, inputs):
        path = Path(item)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix.lower() in REPORT_SUFFIXES and p.is_file()
                            and not _not_a_report(p, path))
            if not inside:
                raise ReportError(f"{path}: no report ({SUFFIX_LIST} file) in this folder")
            found += inside
        elif any(c in item for c in "*?[") and not path.exists():
            matches = sorted(Path(m) for m in glob.glob(item, recursive=True) if Path(m).is_file())
            if not matches:
                raise ReportError(f"{item}: no file matches this pattern")
            found += matches
        else:
            found.append(path)
            named.add(path)
    if not found:
        raise ReportError(f"no report given; name report files ({SUFFIX_LIST}), folders of them or URLs")
    by_id: dict[str, Path] = {}
    for path in found:
        doc_id = report_id(path)
        if doc_id in by_id and by_id[doc_id].resolve() != path.resolve():
            raise ReportError(f"{path}: same report name as {by_id[doc_id]}; rename one of them")
        by_id[doc_id] = path
    return [by_id[k] for k in sorted(by_id)], named


def _not_a_report(path: Path, folder: Path) -> bool:
    """Whether a file found in `folder` sits where no report is: in the folder of assets a browser saves beside
    a page (PAGE_files/), or among the texts of a build's output (text/ beside graph.ttl)."""
    parents = path.relative_to(folder).parts[:-1]
    if any(part.endswith(("_files", ".files")) for part in parents):
        return True
    return path.parent.name == "text" and (path.parent.parent / "graph.ttl").exists()


def _fetch_all(urls: Sequence[str], folder: Path) -> list[Fetched]:
    """Each URL fetched into `folder`, in the order given."""
    fetched = []
    for url in urls:
        item = fetch(url, folder)
        clash = next((f for f in fetched if f.path == item.path), None)
        if clash is not None:
            raise ReportError(f"{url}: same report name as {clash.requested}; build them apart, or save them "
                              "under names of their own")
        fetched.append(item)
    return fetched


def _extracted(paths: list[Path], jobs: int, check: bool, page: bool, origins: dict[Path, Fetched] | None = None,
               chunks: Sequence[str] = ("nquads",)) -> Iterator[ReportGraph | ReportError]:
    """Report graphs in the order of `paths`, extracted by `jobs` processes (which also gather what the page
    reads of each, if `page`), each serialised with `chunks` (dataset.py)."""
    origins = origins or {}
    tasks = [(path, check, page, origins.get(path), tuple(chunks)) for path in paths]
    if jobs <= 1 or len(paths) < 2:
        for at in range(0, len(tasks), _BATCH):
            yield from _attempt_batch(tasks[at:at + _BATCH])
        return
    # Not fork: a child forked from a process whose native libraries hold threads (shacl-rust's, Oxigraph's)
    # can wait forever on a lock one of those threads held. The fork server starts clean, with our modules loaded.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    # A few reports in flight per worker, not all of them: when writing is slower than extracting, finished
    # reports would otherwise pile up in this process (a 1,000-report store build grew by 600 MiB).
    in_flight: deque[Future] = deque()
    # Reports go out in batches, validated together (_check); small enough that every worker has several.
    size = max(1, min(_BATCH, len(tasks) // (jobs * _IN_FLIGHT)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for at in range(0, len(tasks), size):
            if len(in_flight) >= jobs * _IN_FLIGHT:
                yield from in_flight.popleft().result()
            in_flight.append(pool.submit(_attempt_batch, tasks[at:at + size]))
        while in_flight:
            yield from in_flight.popleft().result()


def build(inputs: Sequence[str | Path], out_dir: Path | None, *, store: Path | None = None, jobs: int = 1,
          page: bool = True, validate: bool = True, export: Sequence[str] = (),
          progress: Callable[[Iterable, int], Iterable] | None = None) -> BuildResult:
    """Build the graph of `inputs` (files, folders, globs) into `out_dir` and/or the store at `store`.

    Without a store, the output holds exactly the reports given. With one, the store keeps every report ever
    built into it; a report is read again only if its text changed, and replaces its own named graph only.
    """
    if out_dir is None and store is None:
        raise ReportError("nowhere to write: give --out DIR, --store PATH, or both")
    unknown = [name for name in export if name not in EXPORT_CHOICES]
    if unknown:
        raise ReportError(f"unknown export {unknown[0]!r}; choose from {', '.join(EXPORT_CHOICES)}")
    urls = [str(item) for item in inputs if is_url(str(item))]
    files = [item for item in inputs if not is_url(str(item))]
    if not urls:
        collect_reports(files)  # a bad input is told before any folder is locked or written
    result = BuildResult(out_dir, exports=tuple(export))
    if store is not None:
        return _build_into_store(files, urls, out_dir, store, jobs, page, validate, progress, result)
    assert out_dir is not None
    # Reports stream from extraction into the files (and what the page reads of them): none is held after it
    # is written. Fetched files are kept beside the outputs, with them or not at all.
    with staged_outputs(out_dir, merged=(FETCHED,)) as stage:
        result.fetched = _fetch_all(urls, stage / FETCHED)
        paths, named = collect_reports(files, result.fetched)
        origins = {item.path: item for item in result.fetched}
        graphs = _extract_all(paths, named, jobs, validate, page, progress, result, origins,
                              chunks_for(result.exports))
        _write_files(graphs, stage, result, page, jobs)
        if not result.reports:
            raise ReportError("no report could be read; see the warnings above")
    result.fetched = [replace(item, path=out_dir / FETCHED / item.path.name) for item in result.fetched]
    return result


def _extract_all(paths: list[Path], named: set[Path], jobs: int, check: bool, page: bool, progress,
                 result: BuildResult, origins: dict[Path, Fetched] | None = None,
                 chunks: Sequence[str] = ("nquads",)) -> Iterator[ReportGraph]:
    """Each readable report's graph, in order; unreadable files in folders are noted and skipped."""
    outcomes = _extracted(paths, jobs, check, page, origins, chunks)
    if progress is not None:
        outcomes = progress(outcomes, len(paths))
    for path, outcome in zip(paths, outcomes, strict=True):
        if isinstance(outcome, ValidationFailed):
            raise outcome  # our output is wrong: never skip that silently
        if isinstance(outcome, ReportError):
            if path in named:
                raise outcome
            result.skipped.append(str(outcome))
            continue
        result.extracted.append(outcome.doc_id)
        result.warnings.extend(outcome.warnings)
        yield outcome


def _write_files(graphs: Iterable[ReportGraph], stage: Path, result: BuildResult, page: bool, jobs: int) -> None:
    writer = CorpusWriter(stage, result.exports)
    # The page is drawn from what it reads of each report, gathered by the worker that extracted it (here, for
    # a report read back from a store): no store to load the whole corpus into and query back (pagegraph.py).
    page_graph = Collector() if page else None
    texts = stage / "text"
    texts.mkdir()
    for graph in graphs:
        writer.add(graph)
        if graph.text is not None:
            (stage / text_file(graph.doc_id)).write_bytes(graph.text.encode("utf-8"))
        if page_graph is not None:
            if graph.page is not None:
                page_graph.absorb(graph.page)
            else:  # read back from a store, which holds the concepts apart
                scheme = ntriples(scheme_statements(graph.concepts)).encode()
                page_graph.add(chain(parse(graph.nquads, RdfFormat.N_QUADS), parse(scheme, RdfFormat.N_TRIPLES)))
        result.reports.append(graph.doc_id)
    writer.close()
    result.counts, result.triples = writer.counts, writer.triples
    names = [*writer.names, "ontology.html"]
    exports.write_ontology_page(stage / "ontology.html")
    if page_graph is not None:
        view.write_page(page_graph.graph(), stage / "graph.html", jobs=jobs)
        names.append("graph.html")
    if result.out_dir is not None:
        result.files = [result.out_dir / name for name in names]
        result.texts = result.out_dir / "text"


def _build_into_store(files: list, urls: list[str], out_dir: Path | None, store_path: Path, jobs: int,
                      page: bool, check: bool, progress, result: BuildResult) -> BuildResult:
    # Store and files change together: the files are written while the new version of the store is made, and
    # moved into place right after it becomes current (`then`), so a build killed at any point before leaves
    # both as they were. The store's own folder keeps its reports' texts (text/) and, without --out, the files
    # fetched for it: written aside (`side`, while the store is locked) and moved in with the switch.
    with ExitStack() as files_written:
        stage = (files_written.enter_context(staged_outputs(out_dir, merged=(FETCHED,))) if out_dir is not None
                 else None)
        side: list[Path] = []

        def replace_reports(store: Store) -> None:
            side.append(side_folder(store_path))
            result.fetched = _fetch_all(urls, (stage or side[0]) / FETCHED)
            paths, named = collect_reports(files, result.fetched)
            origins = {item.path: item for item in result.fetched}
            known = stored_reports(store)
            changed = []
            for path in paths:
                iri = vocab.report_iri(report_id(path))
                if iri in known and _sha256_of(path, origins.get(path)) == known[iri]:
                    result.unchanged.append(report_id(path))
                else:
                    changed.append(path)
            changed.sort(key=lambda path: vocab.report_iri(report_id(path)))  # the store's order, and the files'
            changed_iris = {vocab.report_iri(report_id(path)) for path in changed}
            chunks = chunks_for(result.exports if out_dir is not None else (), store=True)
            graphs = _texts_kept(_extract_all(changed, named, jobs, check, page and out_dir is not None, progress,
                                              result, origins, chunks), side[0] / "text")
            loaded = _loaded(store, graphs, known)
            if stage is None:
                for _ in loaded:
                    pass
            else:
                _write_files(_in_report_order(loaded, store, known, changed_iris, store_path / "text", chunks), stage,
                             result, page, jobs)
            _replace_scheme(store)

        def switched() -> None:
            files_written.close()
            merge_side_folder(side[0], store_path)

        update_store(store_path, replace_reports, then=switched)
    kept = out_dir if out_dir is not None else store_path
    result.fetched = [replace(item, path=kept / FETCHED / item.path.name) for item in result.fetched]
    if out_dir is None:
        result.reports = sorted(set(result.extracted) | set(result.unchanged))
    return result


_MEASURED = f"SELECT DISTINCT ?c WHERE {{ GRAPH ?g {{ ?m <{vocab.LG.measures}> ?c }} }}"


def _replace_scheme(store: Store) -> None:
    """The store's graph lgi:scheme made again: the concepts its reports measure, and those above them."""
    names = {row["c"].value.removeprefix(vocab.INDICATORS) for row in store.query(_MEASURED)}
    store.remove_graph(NamedNode(SCHEME_GRAPH))
    scheme = scheme_statements(names)
    if scheme:
        lines = ntriples(scheme).encode()
        store.bulk_load(lines.replace(b" .\n", f" <{SCHEME_GRAPH}> .\n".encode()), RdfFormat.N_QUADS)


def _texts_kept(graphs: Iterable[ReportGraph], folder: Path) -> Iterator[ReportGraph]:
    """The graphs, each report's text written into `folder` on the way (for the store's folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    for graph in graphs:
        if graph.text is not None:
            (folder / Path(text_file(graph.doc_id)).name).write_bytes(graph.text.encode("utf-8"))
        yield graph


def _loaded(store: Store, graphs: Iterable[ReportGraph], known: dict[str, str]) -> Iterator[ReportGraph]:
    """Each report's graph into the store, replacing the one it had, then passed on. In batches (Oxigraph's
    bulk loader costs twice as much when fed one report at a time), loaded by a thread while this one goes on
    writing the files: the loader lets go of the GIL. All is loaded when the last graph has been passed on."""
    with ThreadPoolExecutor(max_workers=1) as loader:  # one thread: the changes are made in the order given
        pending: deque[Future] = deque()

        def then(change: Callable, *args) -> None:
            pending.append(loader.submit(change, *args))
            while len(pending) > 2:  # a bounded queue, and a failed load stops the build here
                pending.popleft().result()

        batch: list[bytes] = []
        size = 0
        for graph in graphs:
            if graph.iri in known:
                then(store.remove_graph, NamedNode(graph.iri))
            batch.append(graph.nquads)
            size += len(graph.nquads)
            if size >= _LOAD_BATCH:
                then(store.bulk_load, b"".join(batch), RdfFormat.N_QUADS)
                batch, size = [], 0
            yield graph
        if batch:
            then(store.bulk_load, b"".join(batch), RdfFormat.N_QUADS)
        while pending:
            pending.popleft().result()


def _in_report_order(fresh: Iterable[ReportGraph], store: Store, known: dict[str, str],
                     changed: set[str], texts: Path, chunks: Sequence[str] = ()) -> Iterator[ReportGraph]:
    """Every report of the store, in IRI order: those read now as they come (`fresh`, in that order), the others
    from the store (unchanged ones, those of earlier builds, and a changed one that could not be read now)."""
    fresh = iter(fresh)
    upcoming = next(fresh, None)
    for iri in sorted(known.keys() | changed):
        if upcoming is not None and upcoming.iri == iri:
            yield upcoming
            upcoming = next(fresh, None)
        elif iri in known:
            yield _graph_in_store(store, iri, known[iri], texts, chunks)
    assert upcoming is None, "reports come in IRI order"


def _sha256_of(path: Path, origin: Fetched | None = None) -> str | None:
    try:
        return _read(path, origin).sha256
    except ReportError:
        return None


def _graph_in_store(store: Store, iri: str, sha256: str, texts: Path, chunks: Sequence[str] = ()) -> ReportGraph:
    """A report's graph as the store holds it, serialised again (with `chunks` and N-Quads, which the page is
    gathered from), with its text as the store's folder keeps it (if it does, as it was when the report was
    read: builds before texts were kept have none)."""
    triples = [Triple(q.subject, q.predicate, q.object)
               for q in store.quads_for_pattern(None, None, None, NamedNode(iri))]
    graph = blocks_of(serialize(triples, None, RdfFormat.N_TRIPLES))
    doc_id = unquote(iri.rsplit("/", 1)[1])
    return report_graph(doc_id, iri, sha256, "", graph, text=_kept_text(texts, doc_id, sha256),
                        chunks={*chunks, "nquads"})


def _kept_text(texts: Path, doc_id: str, sha256: str) -> str | None:
    try:
        data = (texts / Path(text_file(doc_id)).name).read_bytes()
    except OSError:
        return None
    return data.decode("utf-8") if hashlib.sha256(data).hexdigest() == sha256 else None
