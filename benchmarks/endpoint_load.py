"""The endpoint under load: many clients, some of them heavy, some of them slow, against `lawgraph serve` on a
store of a generated corpus. Everything stays on 127.0.0.1; every loop is bounded.

    .venv/bin/python benchmarks/endpoint_load.py [--reports 1000] [--work DIR] [--timeout 10] [--write-docs]

Two runs on the same server, one after the other:
- *light only*: 50 clients send 2,000 light named queries between them (cq-posts and cq-organ-hierarchy in
  turn), each client on its own kept-alive connection, one query after the other;
- *light + heavy + slow*: the same, while 10 heavy queries (a three-way cross product: it never ends by itself)
  start two seconds apart, and 50 slow clients each send a request's head one byte a second, connecting again
  when cut off.
A client given a 503 waits what Retry-After says and asks again; a light query's latency is from its first
sending to its answer, waits included. Peak memory is the largest sum of PSS over the server and its workers,
sampled every 0.2 s. The corpus (benchmarks/corpus.py, seed 0) and its store are kept in --work and reused.
Prints Markdown; --write-docs also replaces the section "## The endpoint under load" of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from measure import PYTHON, ROOT, _memory, _tree

from lawgraph.query import named_queries

DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## The endpoint under load"
LIGHT = ("cq-posts", "cq-organ-hierarchy")
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CLIENTS, QUERIES, HEAVIES, SLOW = 50, 2000, 10, 50


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def prepare(work: Path, reports: int) -> Path:
    corpus, store = work / "corpus", work / "store"
    if len(list(corpus.glob("*.txt"))) < reports:
        log(f"writing {reports} reports")
        generate(reports, corpus, 0)
    if not (store / "current").is_symlink():
        log("building the store")
        subprocess.run([PYTHON, "-m", "lawgraph.cli", "build", str(corpus), "--store", str(store), "--jobs", "2"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return store


class Server:
    def __init__(self, store: Path, timeout: float) -> None:
        self.process = subprocess.Popen([PYTHON, "-m", "lawgraph.cli", "serve", str(store), "--port", "0",
                                         "--timeout", str(timeout)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        self.port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
        self.peak = 0
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, sum(_memory(pid)[0] for pid in _tree(self.process.pid)))

    def cpu(self) -> float:
        total = 0.0
        for pid in _tree(self.process.pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / 100  # utime, stime (clock ticks)
            except (OSError, IndexError):
                pass
        return total

    def stop(self) -> int | None:
        alive = self.process.poll() is None
        self._stop.set()
        self.process.terminate()
        self.process.wait(30)
        return None if alive else self.process.returncode


def path_of(text: str) -> str:
    return "/sparql?" + urllib.parse.urlencode({"query": text})


def ask(port: int, path: str, deadline: float, connection: list) -> tuple[int, float, int, float]:
    """Send one query until it is answered (a 503 waits its Retry-After); status, latency, 503s met, and the
    time of the last attempt alone."""
    started, refused = time.monotonic(), 0
    while time.monotonic() < deadline:
        attempt = time.monotonic()
        try:
            if not connection:
                connection.append(http.client.HTTPConnection("127.0.0.1", port, timeout=120))
            connection[0].request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = connection[0].getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            if connection:
                connection.pop().close()
            time.sleep(0.1)
            continue
        if response.status == 503:
            refused += 1
            time.sleep(float(response.headers.get("Retry-After", "1")))
            continue
        now = time.monotonic()
        return response.status, now - started, refused, now - attempt
    return 0, time.monotonic() - started, refused, 0.0


def light_clients(port: int, deadline: float) -> list[tuple[int, float, int, float]]:
    paths = [path_of(named_queries()[name].text) for name in LIGHT]
    results: list[tuple[int, float, int, float]] = []
    counter = iter(range(QUERIES))
    lock = threading.Lock()

    def client() -> None:
        connection: list = []
        while True:
            with lock:
                number = next(counter, None)
            if number is None or time.monotonic() > deadline:
                break
            outcome = ask(port, paths[number % len(paths)], deadline, connection)
            with lock:
                results.append(outcome)
        if connection:
            connection[0].close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def heavy_clients(port: int, deadline: float) -> tuple[list[threading.Thread], list]:
    results: list = []

    def client(delay: float) -> None:
        time.sleep(delay)
        started = time.monotonic()
        status, seconds, refused, _ = ask(port, path_of(HEAVY), deadline, [])
        results.append({"status": status, "seconds": seconds, "run": seconds, "refused": refused,
                        "began": started})

    threads = [threading.Thread(target=client, args=(2.0 * k,)) for k in range(HEAVIES)]
    for thread in threads:
        thread.start()
    return threads, results


def slow_clients(port: int, stop: threading.Event) -> tuple[list[threading.Thread], dict]:
    counts = {"connections": 0, "cut": 0, "longest": 0.0}
    head = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 4000

    def client() -> None:
        while not stop.is_set():
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            except OSError:
                stop.wait(1)
                continue
            counts["connections"] += 1
            opened = time.monotonic()
            with connection:
                for byte in head:
                    if stop.wait(1.0):
                        return
                    try:
                        connection.sendall(bytes([byte]))
                    except OSError:
                        break
            counts["cut"] += 1
            counts["longest"] = max(counts["longest"], time.monotonic() - opened)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(SLOW)]
    for thread in threads:
        thread.start()
    return threads, counts


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")


def summary(results: list[tuple[int, float, int, float]]) -> dict:
    answered = [seconds for status, seconds, _, _ in results if status == 200]
    served = [last for status, _, _, last in results if status == 200]
    return {"sent": len(results), "answered": len(answered), "p50": percentile(answered, 0.5),
            "p99": percentile(answered, 0.99), "max": max(answered, default=float("nan")),
            "served_p50": percentile(served, 0.5), "served_p99": percentile(served, 0.99),
            "met_503": sum(1 for _, _, refused, _ in results if refused),
            "other": sum(1 for status, _, _, _ in results if status != 200)}


def run(store: Path, timeout: float) -> dict:
    load = [" ".join(f"{x:.1f}" for x in os.getloadavg())]
    server = Server(store, timeout)
    try:
        log("warming up")
        for name in LIGHT:
            ask(server.port, path_of(named_queries()[name].text), time.monotonic() + 120, [])
        log("one client")
        one = [ask(server.port, path_of(named_queries()[LIGHT[k % 2]].text), time.monotonic() + 120, [])
               for k in range(40)]
        log("light only")
        started = time.monotonic()
        alone = light_clients(server.port, started + 600)
        alone_seconds = time.monotonic() - started
        alone_peak, server.peak = server.peak, 0
        log("light, heavy and slow")
        stop = threading.Event()
        slow_threads, slow = slow_clients(server.port, stop)
        started = time.monotonic()
        heavy_threads, heavy = heavy_clients(server.port, started + 900)
        mixed = light_clients(server.port, started + 900)
        mixed_seconds = time.monotonic() - started
        for thread in heavy_threads:
            thread.join()
        stop.set()
        for thread in slow_threads:
            thread.join(5)
        time.sleep(1.0)
        before = server.cpu()
        time.sleep(2.0)
        idle_cpu = (server.cpu() - before) / 2.0
        alive = server.process.poll() is None
    finally:
        crashed = server.stop()
    load.append(" ".join(f"{x:.1f}" for x in os.getloadavg()))
    return {"load": load, "timeout": timeout, "one": summary(one), "alone": summary(alone),
            "alone_seconds": alone_seconds, "mixed": summary(mixed), "mixed_seconds": mixed_seconds,
            "heavy": heavy, "slow": slow, "alone_peak_mib": alone_peak / 2**20, "peak_mib": server.peak / 2**20,
            "idle_cpu": idle_cpu, "alive": alive, "crashed": crashed}


def markdown(result: dict, reports: int, cores: int) -> str:
    ms = lambda s: f"{s * 1000:,.0f} ms"  # noqa: E731
    a, m, o = result["alone"], result["mixed"], result["one"]
    heavy = result["heavy"]
    stopped = [h for h in heavy if h["status"] == 422]
    lines = [HEADING, "",
             f"Measured by `benchmarks/endpoint_load.py` on {time.strftime('%Y-%m-%d')}: {cores} CPUs; "
             f"`lawgraph serve` on a store of {reports:,} generated reports, `--timeout {result['timeout']:g}`, "
             f"`--max-queries` left at its default ({cores}, the cores). The clients run on the same machine "
             f"(Python threads), which was shared with other work: load average {result['load'][0]} at the start, "
             f"{result['load'][1]} at the end.", "",
             f"{CLIENTS} clients send {QUERIES:,} light named queries ({', '.join(LIGHT)}) between them; a 503 is "
             "met by waiting its Retry-After and asking again, and counts in the latency.", "",
             "*Latency* is from a query's first sending to its answer, 503s and waits included; *served* is the "
             "attempt that was answered alone (queueing for a slot, at most 2 s, and running).", "",
             "| run | light answered | latency p50 | latency p99 | slowest | served p50 | served p99 "
             "| met a 503 | wall time | peak memory |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
             f"| one client, {o['sent']} queries one after the other | {o['answered']} of {o['sent']} | "
             f"{ms(o['p50'])} | {ms(o['p99'])} | {ms(o['max'])} | {ms(o['served_p50'])} | {ms(o['served_p99'])} "
             f"| {o['met_503']} | — | — |",
             f"| {CLIENTS} clients, light only | {a['answered']:,} of {a['sent']:,} | {ms(a['p50'])} | {ms(a['p99'])} "
             f"| {ms(a['max'])} | {ms(a['served_p50'])} | {ms(a['served_p99'])} | {a['met_503']:,} "
             f"| {result['alone_seconds']:.0f} s | {result['alone_peak_mib']:,.0f} MiB |",
             f"| {CLIENTS} clients, light + {HEAVIES} heavy + {SLOW} slow clients | {m['answered']:,} of {m['sent']:,} "
             f"| {ms(m['p50'])} | {ms(m['p99'])} | {ms(m['max'])} | {ms(m['served_p50'])} | {ms(m['served_p99'])} "
             f"| {m['met_503']:,} | {result['mixed_seconds']:.0f} s | {result['peak_mib']:,.0f} MiB |", "",
             f"Reading it: here the server answered {a['sent'] / result['alone_seconds']:.1f} light queries a second "
             f"with {cores} slots; {CLIENTS} clients that ask without pause keep {CLIENTS} queries in hand, so a query "
             f"waits about {CLIENTS} ÷ {a['sent'] / result['alone_seconds']:.1f} = "
             f"{CLIENTS / (a['sent'] / result['alone_seconds']):.1f} s on average (Little's law), spent as 503s and "
             "Retry-After waits, since a query waits at most 2 s for a slot; those sent away more than once make "
             "the long tail. *Served* is what a query costs once admitted. A heavy query holds a slot until "
             "--timeout; while heavy ones hold both, light queries get 503s, and none is lost.", "",
             f"- Heavy queries: {len(stopped)} of {len(heavy)} stopped at the limit (422) after "
             + (f"{min(h['seconds'] for h in stopped):.1f}–{max(h['seconds'] for h in stopped):.1f} s from their "
                "first sending (waits for a slot included)" if stopped else "—")
             + f"; {sum(h['refused'] for h in heavy)} 503s met on the way.",
             f"- Slow clients: {result['slow']['connections']} connections opened, each cut off after at most "
             f"{result['slow']['longest']:.1f} s (the head must arrive within 10 s).",
             "- Peak memory is the largest sum of PSS over the server and its workers; with the heavy queries it "
             "is theirs (a cross product's hash joins, within the default --max-memory, half the machine's "
             f"memory shared among the slots). CPU of the server and its workers once the heavy queries were "
             f"stopped: {result['idle_cpu']:.2f} cores.",
             f"- The server {'ran to the end and stopped when told' if result['alive'] else 'DIED'}.", ""]
    return "\n".join(lines)


def write_docs(section: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if HEADING in text:
        start = text.index(HEADING)
        end = text.find("\n## ", start + len(HEADING))
        text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lawgraph-endpoint-load")
    parser.add_argument("--timeout", type=float, default=10.0, help="The server's --timeout.")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--report-only", action="store_true", help="Write the report of WORK/results.json again.")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.report_only:
        result = json.loads((args.work / "results.json").read_text())
    else:
        store = prepare(args.work, args.reports)
        result = run(store, args.timeout)
        (args.work / "results.json").write_text(json.dumps(result, indent=1))
    section = markdown(result, args.reports, len(os.sched_getaffinity(0)))
    print(section)
    if args.write_docs:
        write_docs(section)


if __name__ == "__main__":
    main()
