"""Where graphs live: files written atomically, and an in-memory Oxigraph store loaded from a graph file.

Nothing is ever half-written: outputs are written into a temporary folder beside their destination and
renamed into place only when all of them are complete.
"""

from __future__ import annotations

import gc
import gzip
import os
import re
import shutil
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Store, Triple, parse, serialize

from .errors import GraphError
from .vocab import PREFIXES

FORMATS = {
    ".ttl": RdfFormat.TURTLE,
    ".nt": RdfFormat.N_TRIPLES,
    ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD,
    ".rdf": RdfFormat.RDF_XML,
}


def sort_key(statement: Triple | Quad) -> tuple[str, ...]:
    return tuple(str(t) for t in statement)


def write_rdf(statements: Iterable[Triple] | Iterable[Quad], path: Path) -> None:
    """Serialise in a stable order: subjects together, the same bytes for the same statements.

    Data IRIs are written in full (a prefixed name would have to escape every '/'), and language tags in
    their canonical case (zh-Hant), which Oxigraph writes in lower case.
    """
    ordered = sorted(set(statements), key=sort_key)
    prefixes = {k: v for k, v in PREFIXES.items() if k != "lgr"}
    data = serialize(ordered, None, FORMATS[path.suffix], prefixes=prefixes)
    path.write_bytes(canonical_language_tags(data))


_LANGUAGE_TAG = re.compile(rb'"@([a-z]{2,3})-([a-z]{4})\b')


def canonical_language_tags(data: bytes) -> bytes:
    """zh-hant → zh-Hant after a closing quote (a quote inside a literal is always escaped)."""
    return _LANGUAGE_TAG.sub(lambda m: b'"@' + m.group(1) + b"-" + m.group(2).title(), data)


@contextmanager
def staged_outputs(out_dir: Path, merged: tuple[str, ...] = ()) -> Iterator[Path]:
    """A temporary folder to write outputs into; on success each file is moved over its destination, and each
    folder replaces its destination, except those named in `merged`, whose files join those already there.

    A build killed before the moves leaves only its stage behind, which the next build removes."""
    if out_dir.exists() and not out_dir.is_dir():
        raise GraphError(f"{out_dir}: exists and is not a folder; choose another --out")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GraphError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    with _locked(out_dir, "another build is writing this folder"):
        for stale in out_dir.glob(".lawgraph-*"):
            shutil.rmtree(stale, ignore_errors=True)
        stage = Path(tempfile.mkdtemp(prefix=".lawgraph-", dir=out_dir))
        yield from _moved_into_place(stage, out_dir, merged)


def _moved_into_place(stage: Path, out_dir: Path, merged: tuple[str, ...] = ()) -> Iterator[Path]:
    try:
        yield stage
        _move_all(stage, out_dir, merged)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _move_all(stage: Path, out_dir: Path, merged: tuple[str, ...]) -> None:
    for item in sorted(stage.iterdir()):
        target = out_dir / item.name
        if item.is_dir() and item.name in merged:
            target.mkdir(exist_ok=True)
            for inner in sorted(item.iterdir()):
                os.replace(inner, target / inner.name)
        elif item.is_dir():
            if target.exists():
                shutil.rmtree(target)
            item.rename(target)
        else:
            os.replace(item, target)


def side_folder(store: Path) -> Path:
    """A folder, inside a store's folder, for the files a build keeps beside the store (its reports' texts, the
    files it fetched), written while the store is locked; one a killed build left is removed."""
    for stale in store.glob(".lawgraph-*"):
        shutil.rmtree(stale, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=".lawgraph-", dir=store))


def merge_side_folder(side: Path, store: Path) -> None:
    """The side folder's texts and fetched files join the store folder's (after the store's switch)."""
    try:
        _move_all(side, store, tuple(item.name for item in side.iterdir() if item.is_dir()))
    finally:
        shutil.rmtree(side, ignore_errors=True)


def open_graph(path: str | Path) -> Store:
    """A graph file loaded into memory, or a lawgraph store folder opened read-only."""
    path = Path(path)
    if not path.exists():
        raise GraphError(f"{path}: no such graph file or store; build one with 'lawgraph build REPORTS --out DIR'")
    return open_store(path) if path.is_dir() else load_graph(path)


def graph_suffix(path: str | Path) -> str:
    """The suffix that says a graph file's format, under a .gz: .ttl of graph.ttl and of graph.ttl.gz."""
    path = Path(path)
    suffix = path.suffix.lower()
    return Path(path.stem).suffix.lower() if suffix == ".gz" else suffix


def load_graph(path: str | Path) -> Store:
    """An in-memory store holding a graph file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML), plain or
    compressed with gzip (graph.nq.gz), read as a stream."""
    path = Path(path)
    suffix = graph_suffix(path)
    fmt = FORMATS.get(suffix)
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise GraphError(f"{path}: unknown graph format {suffix or path.suffix!r}; use one of {known} (or the "
                         "same with .gz)")
    store = Store()
    try:
        with (gzip.open(path, "rb") if path.suffix.lower() == ".gz" else path.open("rb")) as stream:
            store.bulk_extend(parse(stream, fmt))
    except FileNotFoundError:
        raise GraphError(f"{path}: no such graph file; build one with 'lawgraph build REPORT --out DIR'") from None
    except SyntaxError as exc:
        raise GraphError(f"{path}: not valid {suffix[1:]} ({exc})") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise GraphError(f"{path}: not a complete gzip file ({exc or 'cut short'})") from None
    except OSError as exc:
        raise GraphError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return store


# ------------------------------------------------------------------------------------ the on-disk store
#
# A store is a folder: `current` is a symbolic link to the Oxigraph (RocksDB) database in use. A build writes a
# new version — a hard-linked checkpoint of the current one, then its changes — and switches `current` to it
# with one atomic rename, so a build that fails or is killed leaves the store exactly as it was.

_CURRENT = "current"
_REPORTS_QUERY = """
SELECT ?g ?sha WHERE { GRAPH ?g { ?g a <https://w3id.org/lawgraph/ontology#Report> ;
                                    <https://w3id.org/lawgraph/ontology#sha256> ?sha } }"""


def _database(path: Path) -> Path | None:
    link = path / _CURRENT
    return link.resolve() if link.is_symlink() else None


def open_store(path: str | Path) -> Store:
    """Open a lawgraph store read-only (for queries and pages)."""
    path = Path(path)
    database = _database(path)
    if database is None:
        hint = "build one with 'lawgraph build REPORTS --store PATH'"
        if not path.exists():
            raise GraphError(f"{path}: no such store; {hint}")
        raise GraphError(f"{path}: not a lawgraph store (no '{_CURRENT}' link inside); {hint}")
    try:
        return Store.read_only(str(database))
    except OSError as exc:
        raise GraphError(f"{path}: the store cannot be opened ({exc})") from None


def stored_reports(store: Store) -> dict[str, str]:
    """Report IRI → SHA-256 of its text, for every report in the store."""
    return {row["g"].value: row["sha"].value for row in store.query(_REPORTS_QUERY)}


@contextmanager
def _locked(path: Path, busy: str = "another build is writing this store") -> Iterator[None]:
    import fcntl

    path.mkdir(parents=True, exist_ok=True)
    with (path / ".lock").open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise GraphError(f"{path}: {busy}; wait for it to finish") from None
        yield


def update_store(path: str | Path, change: Callable[[Store], None], then: Callable[[], object] = lambda: None) -> None:
    """Apply `change` to a new version of the store at `path`, which becomes current only if it completes.

    The store is handed to `change` and closed before the switch, so `change` must not keep it. `then` runs right
    after the switch, before anything else (a build moves its files into place: store and files change together).
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise GraphError(f"{path}: exists and is not a store folder; choose another --store path")
    if path.is_dir() and any(path.iterdir()) and _database(path) is None and not (path / ".lock").exists():
        raise GraphError(f"{path}: not a lawgraph store (no '{_CURRENT}' link inside); choose another --store path")
    with _locked(path):
        old = _database(path)
        for stale in path.glob("v-*"):  # versions left by a build that was killed
            if stale != old:
                shutil.rmtree(stale, ignore_errors=True)
        number = int(old.name.split("-")[1]) + 1 if old else 1
        new = path / f"v-{number:06d}"
        if old is not None:
            Store.read_only(str(old)).backup(str(new))
        try:
            store = Store(str(new))
            change(store)
            store.flush()
            store.optimize()  # one report per bulk load leaves thousands of small files: compact them for reads
            del store  # closes the database: every file is on disk before the switch
            gc.collect()
        except BaseException:
            gc.collect()
            shutil.rmtree(new, ignore_errors=True)
            raise
        link = path / f".{_CURRENT}.new"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(new.name)
        os.replace(link, path / _CURRENT)
        then()
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
