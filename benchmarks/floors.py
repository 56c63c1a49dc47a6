"""The floors under issue 5's targets: the least that parts every build or query must run can cost here.

    .venv/bin/python benchmarks/floors.py CORPUS_FOLDER BUILD_DIR STORE

CORPUS_FOLDER holds the reports, BUILD_DIR what `lawgraph build` wrote of them (graph.trig, graph.ttl), STORE
the store built of them (`--store`). Each floor is timed in one process, best of a few runs, and set beside the
regex floor of benchmarks/stages.py:

- gazetteer pass: one pass of the division matcher (an Aho-Corasick automaton of all of China's divisions,
  full and short names) over the text, nothing done with what it finds;
- writing the graph: Oxigraph's own serialiser (Rust) turning the build's statements into the two files a build
  writes by default (graph.ttl, graph.trig; issue 5 measured graph.nq as well), in memory, no disk;
- reading rows: the metrics' values alone (one triple pattern, two columns) read from the store and
  materialised, as any query returning every metric must at least do.

Prints JSON, then the Markdown table of docs/benchmarks.md ("The floors under the targets").
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store, parse, serialize
from stages import floor_seconds

from lawgraph.build import collect_reports
from lawgraph.document import read_report
from lawgraph.gazetteer import load as load_gazetteer
from lawgraph.query import run
from lawgraph.vocab import PREFIXES


def best_of(function, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


def gazetteer_pass(texts: list[str]) -> float:
    gazetteer = load_gazetteer()

    def one_pass() -> None:
        for text in texts:
            for _found in gazetteer.find(text):
                pass

    return best_of(one_pass)


def writing(build: Path) -> float:
    """Oxigraph serialising the build's dataset (TriG) and merged graph (Turtle) into memory."""
    quads = list(parse(path=build / "graph.trig", format=RdfFormat.TRIG))
    triples = list(parse(path=build / "graph.ttl", format=RdfFormat.TURTLE))
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}

    def write_all() -> None:
        serialize(quads, io.BytesIO(), RdfFormat.TRIG, prefixes=prefixes)
        serialize(triples, io.BytesIO(), RdfFormat.TURTLE, prefixes=prefixes)

    return best_of(write_all, repeat=2)


def reading_rows(store_path: Path) -> tuple[float, int]:
    """Median time to materialise every metric's value from the store, and how many rows that is."""
    store = Store.read_only(str(store_path))
    query = "SELECT ?metric ?value WHERE { ?metric lg:value ?value }"
    rows = len(run(store, query).rows)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        run(store, query)
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def table(result: dict) -> str:
    floor = result["regex_floor_s"]
    lines = ["| what | time | × regex floor |", "|---|---:|---:|",
             f"| regex pass (the floor) | {floor:.3f} s | 1× |",
             f"| gazetteer pass | {result['gazetteer_pass_s']:.3f} s | {result['gazetteer_pass_s'] / floor:.0f}× |",
             f"| writing the graph (Oxigraph, in memory) | {result['writing_s']:.2f} s | "
             f"{result['writing_s'] / floor:.0f}× |",
             f"| reading {result['metric_rows']:,} metric values from the store | "
             f"{result['reading_rows_s'] * 1000:.0f} ms | |"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("build", type=Path)
    parser.add_argument("store", type=Path)
    args = parser.parse_args()
    texts = [read_report(path).text for path in collect_reports([args.corpus])[0]]
    seconds, rows = reading_rows(args.store)
    result = {"reports": len(texts), "text_bytes": sum(len(t.encode("utf-8")) for t in texts),
              "regex_floor_s": floor_seconds(texts), "gazetteer_pass_s": gazetteer_pass(texts),
              "writing_s": writing(args.build), "reading_rows_s": seconds, "metric_rows": rows}
    print(json.dumps(result, indent=1))
    print(table(result))


if __name__ == "__main__":
    main()
