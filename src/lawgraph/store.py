"""Where graphs live: files written atomically, and an in-memory Oxigraph store loaded from a graph file.

Nothing is ever half-written: outputs are written into a temporary folder beside their destination and
renamed into place only when all of them are complete.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
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
def staged_outputs(out_dir: Path) -> Iterator[Path]:
    """A temporary folder to write outputs into; on success each file is moved over its destination."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=".lawgraph-", dir=out_dir))
    try:
        yield stage
        for item in sorted(stage.iterdir()):
            target = out_dir / item.name
            if item.is_dir():
                if target.exists():
                    shutil.rmtree(target)
                item.rename(target)
            else:
                os.replace(item, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def load_graph(path: str | Path) -> Store:
    """An in-memory store holding a graph file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML)."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise GraphError(f"{path}: unknown graph format {path.suffix!r}; use one of {known}")
    store = Store()
    try:
        with path.open("rb") as stream:
            store.bulk_extend(parse(stream, fmt))
    except FileNotFoundError:
        raise GraphError(f"{path}: no such graph file; build one with 'lawgraph build REPORT --out DIR'") from None
    except SyntaxError as exc:
        raise GraphError(f"{path}: not valid {path.suffix[1:]} ({exc})") from None
    except OSError as exc:
        raise GraphError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return store
