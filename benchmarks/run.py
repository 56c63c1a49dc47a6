"""lawgraph's scaling benchmarks, in one command: corpus, build throughput against the regex floor, where the
time goes, peak memory with and without the store, named-query latency (rdflib against Oxigraph), the
endpoint over HTTP, and push.

    .venv/bin/python benchmarks/run.py [--sizes 1 100 1000] [--jobs 1 2] [--work DIR] [--write-docs]

Everything runs in child processes, measured from outside (wall time; peak memory as the largest sum of PSS
over the process tree, sampled every 0.2 s, and the largest single process from wait4). The corpus is written
by benchmarks/corpus.py (seeded). The report goes to standard output as Markdown, the raw figures to
WORK/results.json; --write-docs also replaces the section "## Build, store and queries" of docs/benchmarks.md
(and nothing else in that file). At full size this takes about an hour on two cores; not part of the tests.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate
from measure import PYTHON, ROOT, machine, mib, run
from stages import floor_seconds

BENCH = Path(__file__).resolve().parent
DOCS = ROOT / "docs" / "benchmarks.md"
HEADING = "## Build, store and queries"
GIB = 1 << 30


def lawgraph(*args: str) -> list[str]:
    return [PYTHON, "-m", "lawgraph.cli", *args]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def corpora(work: Path, sizes: list[int], seed: int) -> dict[int, Path]:
    """work/corpus-N: the first N reports of one generated corpus (symbolic links)."""
    full = work / "corpus"
    if not full.is_dir() or len(list(full.glob("*.txt"))) < max(sizes):
        shutil.rmtree(full, ignore_errors=True)
        generate(max(sizes), full, seed)
    reports = sorted(full.glob("*.txt"))
    folders = {}
    for size in sizes:
        folder = work / f"corpus-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        for path in reports[:size]:
            (folder / path.name).symlink_to(path)
        folders[size] = folder
    return folders


def texts_of(folder: Path) -> list[str]:
    from lawgraph.document import read_report

    return [read_report(p).text for p in sorted(folder.glob("*.txt"))]


def build_runs(folders: dict[int, Path], jobs: list[int], work: Path) -> list[dict]:
    rows = []
    for size, folder in folders.items():
        texts = texts_of(folder)
        text_bytes = sum(len(t.encode("utf-8")) for t in texts)
        floor = floor_seconds(texts)
        for j in jobs:
            out = work / f"out-{size}-j{j}"
            shutil.rmtree(out, ignore_errors=True)
            log(f"build {size} report(s), --jobs {j}")
            measured = run(lawgraph("build", str(folder), "--out", str(out), "--jobs", str(j)))
            if measured.returncode != 0:
                raise SystemExit(f"build failed: {measured.stderr[-2000:]}")
            rows.append({"reports": size, "jobs": j, "seconds": measured.seconds, "text_bytes": text_bytes,
                         "floor_seconds": floor, "peak_pss": measured.peak_pss, "max_rss": measured.max_rss,
                         "triples": _triples(measured.stdout),
                         "written_bytes": sum(f.stat().st_size for f in out.rglob("*") if f.is_file())})
    return rows


def _written(row: dict) -> str:
    """What the build wrote into --out (graph files, page, texts), in MB and per byte of text."""
    if "written_bytes" not in row:  # results of runs before issue 16: graph.nq alone
        return f"{row['nq_bytes'] / 1e6:,.0f} MB (graph.nq)"
    return f"{row['written_bytes'] / 1e6:,.0f} MB ({row['written_bytes'] / row['text_bytes']:.0f}×)"


def _triples(stdout: str) -> int:
    first = stdout.splitlines()[0] if stdout else ""
    return int(first.rsplit(":", 1)[1].split()[0]) if ":" in first else 0


def memory_runs(folder: Path, jobs: int, work: Path) -> list[dict]:
    """The build into a store and N-Quads (the store kept for the queries), then without the page, then the
    store alone: where the memory goes."""
    rows = []
    runs = (("--out and --store", ["--out", str(work / "out-store"), "--store", str(work / "store")]),
            ("--out and --store, --no-page", ["--out", str(work / "out-nopage"), "--store",
                                              str(work / "store-nopage"), "--no-page"]),
            ("--store only (no files, no page)", ["--store", str(work / "store-only")]))
    for label, extra in runs:
        for option, value in itertools.pairwise(extra):
            if option in ("--out", "--store"):
                shutil.rmtree(value, ignore_errors=True)
        log(f"build {folder.name} {label}, --jobs {jobs}")
        measured = run(lawgraph("build", str(folder), *extra, "--jobs", str(jobs)))
        if measured.returncode != 0:
            raise SystemExit(f"build failed: {measured.stderr[-2000:]}")
        rows.append({"label": label, "seconds": measured.seconds, "peak_pss": measured.peak_pss,
                     "max_rss": measured.max_rss})
    for name in ("out-nopage", "store-nopage", "store-only"):
        shutil.rmtree(work / name, ignore_errors=True)
    return rows


def child_json(command: list[str], what: str) -> dict:
    log(what)
    measured = run(command)
    if measured.returncode != 0:
        return {"error": measured.stderr.strip().splitlines()[-1] if measured.stderr.strip() else "failed",
                "process": {"seconds": measured.seconds, "peak_pss": measured.peak_pss}}
    result = json.loads(measured.stdout)
    result["process"] = {"seconds": measured.seconds, "peak_pss": measured.peak_pss, "max_rss": measured.max_rss}
    return result


def push_run(store: Path, work: Path) -> dict:
    sys.path.insert(0, str(ROOT / "tests"))
    from servers import oxigraph_server

    remote = work / "push-remote"
    shutil.rmtree(remote, ignore_errors=True)
    with oxigraph_server(remote) as base:
        log("push the store into a local Oxigraph server")
        first = run(lawgraph("push", str(store), "--endpoint", base + "store"))
        again = run(lawgraph("push", str(store), "--endpoint", base + "store"))
    shutil.rmtree(remote, ignore_errors=True)
    return {"first": first.seconds, "again": again.seconds, "stdout": first.stdout.strip(),
            "ok": first.returncode == 0 and again.returncode == 0, "stderr": first.stderr.strip()[-500:]}


# ------------------------------------------------------------------------------------------ report

def ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def markdown(results: dict) -> str:
    m, lines = results["machine"], []
    add = lines.append
    add(HEADING)
    add("")
    add(f"Measured by `benchmarks/run.py` on {time.strftime('%Y-%m-%d', time.gmtime(results['started']))}: "
        f"{m['cpus']} CPUs ({m['cpu']}), {m['memory']} memory, {m['os']}; Python {m['python']}, "
        f"pyoxigraph {m['pyoxigraph']}, oxigraph server {m['oxigraph']}, rdflib {m['rdflib']}, "
        f"shacl-rust {m['shacl-rust']}, pySHACL {m['pyshacl']}. Load average at the start {m['load']}, "
        f"at the end {results['load_end']} "
        "(the machine is shared: figures may carry some noise).")
    add("")
    corpus = results["corpus"]
    add(f"**Corpus.** {corpus['reports']} reports written by `benchmarks/corpus.py` (seed {corpus['seed']}): "
        f"{corpus['text_bytes'] / 1e6:.1f} MB of text as UTF-8 ({corpus['chars'] / corpus['reports']:,.0f} "
        "characters a report on average), issued by divisions drawn from the gazetteer, one in five in "
        "traditional characters, in UTF-8, GB18030 or UTF-16.")
    add("")
    add("**Build throughput** (`lawgraph build CORPUS --out DIR --jobs J`: the one command, with its SHACL "
        "validation, graph files and page; wall time of the process, start-up included). The floor is one "
        "compiled-regex pass (`《[^》]+》|\\d+(?:\\.\\d+)?`) over the same decoded text, in one process; "
        "*× floor* is build time over floor time.")
    add("")
    add("| reports | jobs | triples | written | time | MB/s | reports/s | floor MB/s | × floor | peak memory |")
    add("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in results["builds"]:
        mbps = row["text_bytes"] / 1e6 / row["seconds"]
        add(f"| {row['reports']:,} | {row['jobs']} | {row['triples']:,} | {_written(row)} | "
            f"{row['seconds']:,.1f} s | {mbps:.3f} | {row['reports'] / row['seconds']:.2f} | "
            f"{row['text_bytes'] / 1e6 / row['floor_seconds']:.0f} | "
            f"{row['seconds'] / row['floor_seconds']:,.0f}× | {mib(row['peak_pss'])} |")
    add("")
    stages = results.get("stages")
    if stages and "seconds" in stages:
        total = sum(stages["seconds"].values())
        floor = stages["floor_seconds"]
        add(f"**Where the time goes** (`benchmarks/stages.py`: each stage of a build timed alone, in one process, "
            f"over the {stages['reports']:,} reports; floor {floor:.3f} s = "
            f"{stages['text_bytes'] / 1e6 / floor:.0f} MB/s):")
        add("")
        add("| stage | time | share | MB/s | × floor |")
        add("|---|---:|---:|---:|---:|")
        for name, seconds in stages["seconds"].items():
            add(f"| {name} | {seconds:,.1f} s | {seconds / total:.0%} | "
                f"{stages['text_bytes'] / 1e6 / seconds if seconds else float('inf'):.2f} | {seconds / floor:,.0f}× |")
        spans = stages["seconds"]["read"] + stages["seconds"]["extract"]
        add(f"| **text → spans** (read + extract) | {spans:,.1f} s | {spans / total:.0%} | "
            f"{stages['text_bytes'] / 1e6 / spans:.2f} | **{spans / floor:,.0f}×** |")
        add(f"| **all stages** | {total:,.1f} s | 100% | {stages['text_bytes'] / 1e6 / total:.2f} | "
            f"**{total / floor:,.0f}×** |")
        add("")
    add(f"**Peak memory of the {results['corpus']['reports']:,}-report build** (jobs "
        f"{results['memory_jobs']}; the sum of PSS over the main process and its workers, and the largest single "
        "process):")
    add("")
    add("| build | time | peak memory (all processes) | largest process |")
    add("|---|---:|---:|---:|")
    for row in results["memory"]:
        add(f"| {row['label']} | {row['seconds']:,.1f} s | {mib(row['peak_pss'])} | {mib(row['max_rss'])} |")
    add("")
    ox, mem, rd = results["oxigraph"], results.get("memory_store", {}), results["rdflib"]
    if "queries" in ox:
        add(f"**Named queries** on the {results['query_reports']:,}-report corpus, every row materialised; the "
            "median of 7 runs after a warm-up (3 runs if the warm-up took over 2 s, 1 if over 20 s); a run is "
            f"stopped after {results['cap']:.0f} s for Oxigraph, {results['rdflib_cap']:.0f} s for rdflib. "
            f"*Store*: the store built above, opened read-only as `lawgraph query STORE` does "
            f"({ms(ox['open_seconds'])} to open); its default graph is the union of the reports' named graphs. "
            + (f"*In memory*: graph.ttl loaded into an in-memory Oxigraph store, as `lawgraph serve graph.ttl` "
               f"holds it ({mem['open_seconds']:,.0f} s to load, peak {mib(mem['process']['peak_pss'])}). "
               if "queries" in mem else "")
            + (f"*rdflib*: graph.trig of {results['rdflib_reports']:,} reports parsed into a "
               f"`Dataset(default_union=True)` ({rd['quads']:,} triples, {rd['load_seconds']:,.0f} s to load, "
               f"peak {mib(rd['process']['peak_pss'])}), the same text, prefixes and bindings."
               if "queries" in rd else f"rdflib could not be measured: {rd.get('error')}."))
        add("")
        add("| query | rows (store) | rdflib | Oxigraph store | rdflib ÷ store | Oxigraph in memory |")
        add("|---|---:|---:|---:|---:|---:|")
        ratios = []
        for name, o in ox["queries"].items():
            r = rd.get("queries", {}).get(name, {})
            m = mem.get("queries", {}).get(name, {})
            ratio = shown_ratio = None
            if r.get("median") and o.get("median"):
                ratio = r["median"] / o["median"]
                ratios.append(ratio)
                shown_ratio = f"{ratio:,.1f}×"
            elif r.get("over") and o.get("median"):
                shown_ratio = f"> {r['over'] / o['median']:,.1f}×"
            elif o.get("over") and r.get("median"):
                shown_ratio = f"< {r['median'] / o['over']:,.2f}×"
            rows = f"{o['rows']:,}" if o.get("rows") is not None else "–"
            notes = [f"rdflib {r['rows']:,}" for _ in [0] if r.get("rows") not in (None, o.get("rows"))]
            notes += [f"memory {m['rows']:,}" for _ in [0] if m.get("rows") not in (None, o.get("rows"))]
            rows += f" ({', '.join(notes)})" if notes else ""
            add(f"| {name} | {rows} | {_latency(r)} | {_latency(o)} | {shown_ratio or '–'} | {_latency(m)} |")
        medians = [o["median"] for o in ox["queries"].values() if o.get("median") is not None]
        late = sum(1 for o in ox["queries"].values() if o.get("median") is None)
        add("")
        add(f"Store: median over the queries {ms(statistics.median(medians + [float('inf')] * late))}; "
            f"{sum(t < 0.1 for t in medians)} of {len(ox['queries'])} under 100 ms."
            + (f" rdflib ÷ store, where both finished: geometric mean {statistics.geometric_mean(ratios):,.1f}×, "
               f"smallest {min(ratios):,.2f}×, largest {max(ratios):,.0f}×; "
               f"{sum(x >= 20 for x in ratios)} of {len(ratios)} at 20× or more." if ratios else ""))
        add("")
    endpoint = results.get("endpoint", {})
    if "lawgraph" in endpoint:
        add(f"**The endpoint over HTTP** (`benchmarks/endpoint.py`, on a store of {results['endpoint_reports']} "
            "reports: each named query sent with the SPARQL 1.1 Protocol (GET, JSON results read in full) on a "
            "kept-alive connection, prefixes declared in the text; the same medians as above; a query given up "
            f"after {endpoint['cap']:.0f} s):")
        add("")
        add("| query | rows | `lawgraph serve` | `oxigraph serve-read-only` |")
        add("|---|---:|---:|---:|")
        for name, q in endpoint["lawgraph"]["queries"].items():
            o = endpoint["oxigraph"]["queries"][name]
            rows = f"{q['rows']:,}" if q.get("rows") is not None else "–"
            add(f"| {name} | {rows} | {_latency(q)} | {_latency(o)} |")
        add("")
        for kind in ("lawgraph", "oxigraph"):
            shown = ", ".join(f"{name} {rate:,.1f}/s" for name, rate in endpoint[kind]["throughput"].items())
            add(f"Two clients at once, `{kind}`: {shown}.  ")
        add("")
    push = results.get("push")
    if push:
        add(f"**Push** of the store to a local Oxigraph server (`lawgraph push STORE --endpoint …/store`): "
            f"{push['first']:,.1f} s the first time, {push['again']:,.1f} s again (every graph replaced); "
            f"`{push['stdout']}`.")
        add("")
    add("**Issue 5's criteria**, measured still; since issue 16 they are no longer targets (what a build writes "
        "and how long it takes is: the section above):")
    add("")
    for line in criteria(results):
        add(f"- {line}")
    add("")
    return "\n".join(lines)


def _latency(measured: dict) -> str:
    if measured.get("median") is not None:
        return ms(measured["median"])
    return f"> {measured['over']:.0f} s" if measured.get("over") else "–"


def criteria(results: dict) -> list[str]:
    out = []
    store_build = next((r for r in results["memory"] if r["label"] == "--out and --store"), None)
    if store_build:
        ok = store_build["peak_pss"] <= 2 * GIB
        out.append(f"{'met' if ok else 'NOT met'}: {results['corpus']['reports']:,} reports in one command into a "
                   f"store and N-Quads within 2 GiB (peak {mib(store_build['peak_pss'])}, all processes).")
    ox, rd = results["oxigraph"], results["rdflib"]
    if "queries" in ox:
        store = ox["queries"]
        other = rd.get("queries", {})
        # A query the store did not finish counts as slow; one rdflib did not finish, at its cap (a lower bound).
        ratios = {n: (other[n].get("median") or other[n].get("over") or 0) / q["median"]
                  for n, q in store.items() if q.get("median") and n in other}
        slow = sorted([n for n, r in ratios.items() if r < 20] + [n for n, q in store.items() if not q.get("median")])
        out.append(f"{'met' if not slow else 'NOT met'}: every named query ≥ 20× faster with the store than with "
                   f"rdflib ({len(store) - len(slow)} of {len(store)} are" + (f"; not: {', '.join(slow)}" if slow
                                                                            else "") + ").")
        over = [n for n, q in store.items() if not q.get("median") or q["median"] >= 0.1]
        values = [q["median"] if q.get("median") else float("inf") for q in store.values()]
        out.append(f"{'met' if not over else 'NOT met'}: every named query's median under 100 ms with the store "
                   f"({len(store) - len(over)} of {len(store)} are; the median over the queries is "
                   f"{ms(statistics.median(values))}).")
    stages = results.get("stages")
    if stages and "seconds" in stages:
        spans = (stages["seconds"]["read"] + stages["seconds"]["extract"]) / stages["floor_seconds"]
        out.append(f"{'met' if spans <= 20 else 'NOT met'}: extraction alone (text → spans) at most 20× the "
                   f"regex floor (it is {spans:,.0f}×).")
    whole = [r for r in results["builds"] if r["reports"] == max(b["reports"] for b in results["builds"])]
    for row in whole:
        ratio = row["seconds"] / row["floor_seconds"]
        out.append(f"{'met' if ratio <= 50 else 'NOT met'}: the whole build at most 50× the floor, --jobs "
                   f"{row['jobs']} ({ratio:,.0f}×).")
    return out


NOTES = "### Reading the figures"


def write_docs(section: str) -> None:
    """Replace (or add) our section of docs/benchmarks.md, leaving every other section as it is, and keeping
    the hand-written "Reading the figures" part of ours."""
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    start = text.find(HEADING + "\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(HEADING))
        old = text[start:end + 1] if end >= 0 else text[start:]
        notes = old[old.find(NOTES):] if NOTES in old else ""
        text = text[:start] + section.rstrip("\n") + "\n" + ("\n" + notes.rstrip("\n") + "\n" if notes else "") + (
            "\n" + text[end + 1:] if end >= 0 else "")
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lawgraph-bench")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=7, help="Timed runs per query (Oxigraph).")
    parser.add_argument("--rdflib-size", type=int, default=None,
                        help="Measure rdflib on this many reports (default: the largest size).")
    parser.add_argument("--cap", type=float, default=120.0, help="Stop an Oxigraph query after this long.")
    parser.add_argument("--rdflib-cap", type=float, default=120.0, help="Stop an rdflib query after this long.")
    parser.add_argument("--profile", type=int, default=100, help="cProfile this many reports (0: no profile).")
    parser.add_argument("--write-docs", action="store_true", help="Update docs/benchmarks.md.")
    args = parser.parse_args()
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"started": time.time(), "machine": machine(), "sizes": args.sizes, "cap": args.cap,
                     "rdflib_cap": args.rdflib_cap}
    largest = max(args.sizes)
    folders = corpora(work, args.sizes, args.seed)
    texts = texts_of(folders[largest])
    results["corpus"] = {"reports": largest, "seed": args.seed, "chars": sum(map(len, texts)),
                         "text_bytes": sum(len(t.encode("utf-8")) for t in texts)}
    del texts
    results["builds"] = build_runs(folders, args.jobs, work)
    results["memory_jobs"] = max(args.jobs)
    without = next(r for r in results["builds"] if r["reports"] == largest and r["jobs"] == max(args.jobs))
    results["memory"] = [{"label": "--out only (no store)", "seconds": without["seconds"],
                          "peak_pss": without["peak_pss"], "max_rss": without["max_rss"]}]
    results["memory"] += memory_runs(folders[largest], max(args.jobs), work)
    stage_command = [PYTHON, str(BENCH / "stages.py"), str(folders[largest]), "--profile", str(args.profile)]
    results["stages"] = child_json(stage_command, f"stages of {largest} reports, in one process")
    if "profile" in results["stages"]:
        (work / "profile.txt").write_text(results["stages"].pop("profile"), encoding="utf-8")
    results["query_reports"] = largest
    queries = [PYTHON, str(BENCH / "queries.py")]
    results["oxigraph"] = child_json([*queries, "oxigraph", str(work / "store"), "--runs", str(args.runs),
                                      "--cap", str(args.cap)], "named queries on the Oxigraph store")
    ttl = work / f"out-{largest}-j{max(args.jobs)}" / "graph.ttl"
    results["memory_store"] = child_json([*queries, "oxigraph", str(ttl), "--runs", str(args.runs), "--cap",
                                          str(args.cap)], "named queries on graph.ttl in memory")
    rdflib_size = args.rdflib_size or largest
    dataset = work / f"out-{rdflib_size}-j{max(args.jobs)}" / "graph.trig"
    results["rdflib"] = child_json([*queries, "rdflib", str(dataset), "--cap", str(args.rdflib_cap)],
                                   f"named queries with rdflib on {rdflib_size} reports")
    results["rdflib_reports"] = rdflib_size
    endpoint_size = min(args.sizes, key=lambda n: abs(n - 100))
    endpoint_store = work / f"store-{endpoint_size}"
    shutil.rmtree(endpoint_store, ignore_errors=True)
    run(lawgraph("build", str(folders[endpoint_size]), "--store", str(endpoint_store), "--no-page",
                 "--no-validate", "--jobs", str(max(args.jobs))))
    results["endpoint_reports"] = endpoint_size
    results["endpoint"] = child_json([PYTHON, str(BENCH / "endpoint.py"), str(endpoint_store), "--cap",
                                      str(args.cap / 2)],
                                     "the endpoint over HTTP: lawgraph serve and oxigraph serve-read-only")
    results["push"] = push_run(work / "store", work)
    results["load_end"] = " ".join(f"{x:.2f}" for x in __import__("os").getloadavg())
    (work / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    section = markdown(results)
    print(section)
    if args.write_docs:
        write_docs(section)
        log(f"updated {DOCS}")


if __name__ == "__main__":
    main()
