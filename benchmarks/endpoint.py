"""The endpoint over HTTP: `lawgraph serve` (pyoxigraph behind Python's threading HTTP server) against
Oxigraph's own server (`oxigraph serve-read-only --union-default-graph`), on the same store, the same queries.

    .venv/bin/python benchmarks/endpoint.py STORE [--runs 7]

Every named query is sent as the SPARQL 1.1 Protocol says (GET, Accept: application/sparql-results+json) on
one kept-alive connection, with lawgraph's prefixes declared in the text (Oxigraph's server does not know
them) and the parameter of section-metrics as a VALUES clause; the median of --runs after one warm-up, the
whole body read. Also the throughput of two clients at once on the cheapest and the dearest query. Prints JSON.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

from lawgraph.query import named_queries
from lawgraph.vocab import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VALUES = {"section-metrics": 'VALUES ?section { "5" }'}


def query_text(name: str) -> str:
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
    return prologue + named_queries()[name].text + ("\n" + VALUES[name] if name in VALUES else "")


def ask(connection: http.client.HTTPConnection, path: str, text: str) -> int:
    connection.request("GET", path + "?" + urllib.parse.urlencode({"query": text}),
                       headers={"Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise RuntimeError(f"HTTP {response.status}: {body[:300]!r}")
    try:
        return len(json.loads(body)["results"]["bindings"])
    except ValueError:
        raise RuntimeError(f"not JSON ({len(body)} bytes): {body[:300]!r}") from None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def start(kind: str, store: Path, cap: float) -> tuple[subprocess.Popen, int, str]:
    port = _free_port()
    if kind == "lawgraph":
        command = [sys.executable, "-m", "lawgraph.cli", "serve", str(store), "--port", str(port)]
        path = "/sparql"
    else:
        database = (store / "current").resolve() if (store / "current").exists() else store
        command = [str(OXIGRAPH), "serve-read-only", "--location", str(database), "--bind", f"127.0.0.1:{port}",
                   "--union-default-graph", "--timeout-s", str(int(cap))]
        path = "/query"
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(port, process)
    return process, port, path


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def server(kind: str, store: Path, cap: float):
    process, port, path = start(kind, store, cap)
    try:
        yield port, path
    finally:
        stop(process)


def latencies(kind: str, store: Path, runs: int, cap: float) -> dict:
    """Each query's median latency; a query that takes longer than `cap` is given up and the server restarted
    (a query cannot be stopped inside lawgraph's server once it runs)."""
    results = {}
    process, port, path = start(kind, store, cap)
    try:
        for name in named_queries():
            text = query_text(name)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=cap)
            try:
                started = time.perf_counter()
                rows = ask(connection, path, text)
                first = time.perf_counter() - started
                count = runs if first < 2 else (3 if first < 20 else 1)
                times = []
                for _ in range(count):
                    started = time.perf_counter()
                    ask(connection, path, text)
                    times.append(time.perf_counter() - started)
                results[name] = {"median": statistics.median(times), "rows": rows, "runs": len(times)}
            except (TimeoutError, RuntimeError, OSError) as exc:
                results[name] = {"median": None, "rows": None, "over": cap, "error": str(exc)[:200]}
                stop(process)
                process, port, path = start(kind, store, cap)
            finally:
                connection.close()
    finally:
        stop(process)
    return results


def throughput(port: int, path: str, name: str, clients: int = 2, seconds: float = 5.0) -> float:
    """Queries answered per second with `clients` clients sending `name` back to back."""
    text = query_text(name)
    counts = [0] * clients
    stop = time.perf_counter() + seconds

    def client(k: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        while time.perf_counter() < stop:
            ask(connection, path, text)
            counts[k] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cap", type=float, default=60.0, help="Give a query up after this many seconds.")
    args = parser.parse_args()
    result: dict = {"cap": args.cap}
    for kind in ("lawgraph", "oxigraph"):
        result[kind] = {"queries": latencies(kind, args.store, args.runs, args.cap)}
    first = result["lawgraph"]["queries"]
    answered = sorted((n for n in first if first[n]["median"] is not None), key=lambda n: first[n]["median"])
    chosen = (answered[0], answered[len(answered) // 2])  # the cheapest and a middling query, for both servers
    for kind in ("lawgraph", "oxigraph"):
        with server(kind, args.store, args.cap) as (port, path):
            result[kind]["throughput"] = {n: throughput(port, path, n) for n in chosen}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    os.environ.setdefault("NO_PROXY", "127.0.0.1")
    main()
