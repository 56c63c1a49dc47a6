"""Where a build's time goes: every stage of `lawgraph build` timed on its own, in one process, on a corpus.

    .venv/bin/python benchmarks/stages.py CORPUS_FOLDER [--limit N] [--profile N]

Stages, as build.py chains them: read (decode, sections, sentences) → extract (text to spans and entities) →
triples (graph.py) → serialise (one report's named graph and Turtle chunks, dataset.py) → validate (shacl-rust,
or --engine pyshacl) → write files (graph.ttl, .trig) → page gather (what the page reads of each report,
pagegraph.py) → page (graph.html) → store (an on-disk Oxigraph store). Also the floor: one compiled-regex pass
over the same decoded text. Prints JSON; with --profile N, also the functions that cost most over N reports
(cProfile), as text on standard error.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from pyoxigraph import RdfFormat, Store, parse

from lawgraph import view, vocab
from lawgraph.build import collect_reports
from lawgraph.dataset import CorpusWriter, report_graph
from lawgraph.document import read_report
from lawgraph.extract.pipeline import extract
from lawgraph.gazetteer import load as load_gazetteer
from lawgraph.graph import report_statements
from lawgraph.pagegraph import Collector
from lawgraph.store import update_store
from lawgraph.validate import ENGINES, validate

# The floor: one pass of one compiled regex over the text, finding what has the most regular surface in the
# genre, titles in 《》 and numbers.
FLOOR = re.compile(r"《[^》]+》|\d+(?:\.\d+)?")


def floor_seconds(texts: list[str], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            for _match in FLOOR.finditer(text):
                pass
        best = min(best, time.perf_counter() - started)
    return best


def stages(paths: list[Path], validate_graphs: bool = True, engine: str = ENGINES[0]) -> dict:
    gazetteer = load_gazetteer()
    extract(read_report(paths[0]), gazetteer)  # warm caches (lexicons, automata) as a worker does once
    seconds = dict.fromkeys(("read", "extract", "triples", "serialise", "validate", "write", "page gather",
                             "page", "store"), 0.0)
    docs, graphs = [], []
    for path in paths:
        t0 = time.perf_counter()
        doc = read_report(path)
        t1 = time.perf_counter()
        extraction = extract(doc, gazetteer)
        t2 = time.perf_counter()
        statements = report_statements(extraction)
        t3 = time.perf_counter()
        graph = report_graph(doc.doc_id, vocab.report_iri(doc.doc_id), doc.sha256, str(path), statements,
                             doc.warnings, chunks=())  # as a build without --store or --export serialises it
        t4 = time.perf_counter()
        if validate_graphs:
            assert validate(graph.turtle(), rdf_format="turtle", engine=engine).conforms
        t5 = time.perf_counter()
        # The N-Quads a store loads, made apart (the store's stage times the loading).
        graph = replace(graph, nquads=report_graph(doc.doc_id, graph.iri, doc.sha256, str(path), statements,
                                                   chunks=("nquads",)).nquads)
        for name, dt in zip(("read", "extract", "triples", "serialise", "validate"),
                            (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            seconds[name] += dt
        docs.append(doc.text)
        graphs.append(graph)
    with tempfile.TemporaryDirectory(prefix="lawgraph-stages-") as folder:
        work = Path(folder)
        t0 = time.perf_counter()
        writer = CorpusWriter(work)
        for graph in graphs:
            writer.add(graph)
        writer.close()
        t1 = time.perf_counter()
        gathered = Collector()
        for graph in graphs:
            gathered.add(parse(graph.turtle(), RdfFormat.TURTLE))
        t2 = time.perf_counter()
        view.write_page(gathered.graph(), work / "graph.html")
        t3 = time.perf_counter()

        def load(store: Store) -> None:
            for graph in graphs:
                store.bulk_load(graph.nquads, RdfFormat.N_QUADS)

        update_store(work / "store", load)
        t4 = time.perf_counter()
        sizes = {name: (work / name).stat().st_size for name in writer.names}
        triples = writer.triples
    seconds.update({"write": t1 - t0, "page gather": t2 - t1, "page": t3 - t2, "store": t4 - t3})
    text_bytes = sum(len(t.encode("utf-8")) for t in docs)
    return {"reports": len(paths), "text_bytes": text_bytes, "chars": sum(map(len, docs)), "triples": triples,
            "file_bytes": sizes, "seconds": seconds, "floor_seconds": floor_seconds(docs)}


def profile(paths: list[Path], top: int = 25) -> str:
    """The functions that cost most (own time), and each extractor's share, over `paths` (no validation)."""
    gazetteer = load_gazetteer()
    extract(read_report(paths[0]), gazetteer)
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        doc = read_report(path)
        statements = report_statements(extract(doc, gazetteer))
        report_graph(doc.doc_id, vocab.report_iri(doc.doc_id), doc.sha256, str(path), statements)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(r"lawgraph/(extract|document|graph|dataset|fold)", 40)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="Only the first N reports.")
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0], help="The SHACL engine to time.")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="Also profile N reports (cProfile).")
    args = parser.parse_args()
    paths = collect_reports([args.corpus])[0][: args.limit]
    result = stages(paths, not args.no_validate, args.engine)
    if args.profile:
        result["profile"] = profile(paths[: args.profile])
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
