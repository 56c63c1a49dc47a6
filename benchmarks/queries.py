"""Latency of every named query: with Oxigraph (a store, as `lawgraph query STORE` runs them, or a graph file
loaded into memory, as `lawgraph serve FILE` holds it) or with rdflib's in-memory engine over the same graph.

    .venv/bin/python benchmarks/queries.py oxigraph STORE_OR_FILE [--runs 7] [--cap 120]
    .venv/bin/python benchmarks/queries.py rdflib GRAPH.trig|GRAPH.nq [--runs 3] [--cap 300]

Each query runs once to warm up, then --runs times (3 times if the warm-up took over 2 s, once if over 20 s);
the median is reported with the number of rows (every row is materialised, as printing it would). A run longer
than --cap seconds is stopped (Oxigraph: each query runs in a forked process, killed when late; rdflib:
SIGALRM) and reported as such. rdflib loads the TriG or N-Quads into a Dataset whose default graph is the union of the
named graphs (what `lawgraph query` asks of Oxigraph) and runs the same text with the same prefixes and
bindings. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
from pathlib import Path

from lawgraph.query import named_queries, resolve
from lawgraph.vocab import PREFIXES

BINDINGS = {"section-metrics": {"section": "5"}}  # the one named query with a parameter


def timed(function, runs: int) -> tuple[list[float], int]:
    """Warm-up run, then timed runs (fewer for slow queries, see _runs_for)."""
    started = time.perf_counter()
    rows = function()
    first = time.perf_counter() - started
    times = []
    for _ in range(_runs_for(first, runs)):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times, rows


def _runs_for(first: float, runs: int) -> int:
    """How many timed runs after a warm-up that took `first` seconds (fewer for slow queries)."""
    return runs if first < 2 else (3 if first < 20 else 1)


def _child(store, name: str, runs: int, sender) -> None:
    from lawgraph.query import run

    def once() -> tuple[float, int]:
        started = time.perf_counter()
        rows = len(run(store, name, BINDINGS.get(name)).rows)
        return time.perf_counter() - started, rows

    first = once()
    sender.send(first)
    for _ in range(_runs_for(first[0], runs)):
        sender.send(once())
    sender.send(None)


def oxigraph(path: Path, runs: int, cap: float) -> dict:
    """Each query in a forked process (Oxigraph cannot be interrupted in-process), stopped after `cap` s a run."""
    import multiprocessing

    from lawgraph.store import open_graph

    started = time.perf_counter()
    store = open_graph(path)
    opened = time.perf_counter() - started
    context = multiprocessing.get_context("fork")
    results = {}
    for name in named_queries():
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(store, name, runs, sender), daemon=True)
        process.start()
        sender.close()
        measured: list[tuple[float, int]] = []
        over = False
        while True:
            if not receiver.poll(cap):
                over = True
                break
            item = receiver.recv()
            if item is None:
                break
            measured.append(item)
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
        timed_runs = [t for t, _ in measured[1:]] or [t for t, _ in measured[:1]]
        results[name] = {"median": statistics.median(timed_runs) if timed_runs else None,
                         "runs": len(timed_runs), "rows": measured[0][1] if measured else None}
        if over and not measured:
            results[name]["over"] = cap
    return {"engine": "oxigraph", "open_seconds": opened, "queries": results}


class Late(Exception):
    pass


def _late(signum, frame):
    raise Late


def rdflib(path: Path, runs: int, cap: float) -> dict:
    from rdflib import Dataset, Literal

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(path), format="trig" if path.suffix == ".trig" else "nquads")
    loaded = time.perf_counter() - started
    quads = len(dataset)
    signal.signal(signal.SIGALRM, _late)
    results = {}
    for name in named_queries():
        text = resolve(name)
        bindings = {k: Literal(v) for k, v in BINDINGS.get(name, {}).items()}

        def query(text=text, bindings=bindings) -> int:
            signal.setitimer(signal.ITIMER_REAL, cap)  # each run stopped after `cap` seconds
            try:
                return sum(1 for _ in dataset.query(text, initNs=PREFIXES, initBindings=bindings))
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)

        try:
            times, rows = timed(query, runs)
            results[name] = {"median": statistics.median(times), "runs": len(times), "rows": rows}
        except Late:
            results[name] = {"median": None, "runs": 0, "rows": None, "over": cap}
    return {"engine": "rdflib", "load_seconds": loaded, "quads": quads, "queries": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("engine", choices=["oxigraph", "rdflib"])
    parser.add_argument("graph", type=Path)
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--cap", type=float, default=300.0, help="Seconds after which a run of a query is stopped.")
    args = parser.parse_args()
    if args.engine == "oxigraph":
        result = oxigraph(args.graph, args.runs or 7, args.cap)
    else:
        result = rdflib(args.graph, args.runs or 3, args.cap)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
