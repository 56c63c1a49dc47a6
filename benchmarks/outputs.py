"""What a build writes and what it costs, side by side with an earlier commit: the same corpus built by BASE_COMMIT
and by the working tree, in turn, so that both meet the same machine (a shared one: read the ratios).

    .venv/bin/python benchmarks/outputs.py BASE_COMMIT CORPUS_FOLDER [--rounds 2] [--jobs 2]
                                           [--exports-corpus FOLDER] [--base-exports nt,jsonld] [--no-rdflib]

For each side: the default build (graph files and page) and the build with --no-page, the best wall time of the
rounds and the peak memory of the whole process tree (sum of PSS); the bytes each writes into --out (every file,
the reports' texts included) per byte of the reports' text (UTF-8, as text/ holds it); the build with every
export each side can write (--exports-corpus: on another corpus, say a smaller one; the base's exports are
--base-exports, the working tree's every one it knows), once; and rdflib's time to parse the default build's
graph.ttl (and its peak memory), once; and each side's text → spans alone (read and extract every report, best
of 3, in one process: what changed between the two in extraction, which is not this comparison's). Prints JSON,
then a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import checked_out, text_to_spans
from measure import PYTHON, ROOT, mib, run

from lawgraph.dataset import EXPORT_CHOICES

_RDFLIB = """
import sys, time
from rdflib import Graph
started = time.perf_counter()
graph = Graph().parse(sys.argv[1], format="turtle")
print(len(graph), time.perf_counter() - started)
"""


def written(out: Path) -> dict[str, int]:
    """Bytes written into `out`, by file (text/ and fetched/ as one each)."""
    sizes: dict[str, int] = {}
    for path in out.rglob("*"):
        if path.is_file() and path.name != ".lock":
            top = path.relative_to(out).parts[0]
            sizes[top] = sizes.get(top, 0) + path.stat().st_size
    return dict(sorted(sizes.items()))


def build_once(tree: Path, corpus: Path, options: list[str], out: Path) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    measured = run([PYTHON, "-m", "lawgraph.cli", "build", str(corpus), "--out", str(out), *options], cwd=tree,
                   env=dict(os.environ, PYTHONPATH=str(tree / "src")))
    if measured.returncode != 0:
        raise SystemExit(f"build failed in {tree}: {measured.stderr.strip()[-500:]}")
    files = written(out)
    return {"seconds": measured.seconds, "peak_pss": measured.peak_pss, "files": files,
            "per_text_byte": sum(files.values()) / files["text"]}


def rdflib_parse(turtle: Path) -> dict:
    measured = run([PYTHON, "-c", _RDFLIB, str(turtle)])
    if measured.returncode != 0:
        return {"error": measured.stderr.strip()[-300:]}
    triples, seconds = measured.stdout.split()
    return {"seconds": float(seconds), "triples": int(triples), "peak_pss": measured.peak_pss,
            "bytes": turtle.stat().st_size}


def _exports(names: list[str]) -> list[str]:
    return [option for name in names for option in ("--export", name)]


def outputs(base: str, corpus: Path, rounds: int, jobs: int, exports_corpus: Path, base_exports: list[str],
            rdflib: bool) -> dict:
    results: dict = {"base": base, "corpus": str(corpus), "exports_corpus": str(exports_corpus), "builds": []}
    with checked_out(base) as base_tree, tempfile.TemporaryDirectory(prefix="lawgraph-outputs-") as scratch:
        sides = {"base": base_tree, "head": ROOT}
        work = {side: Path(scratch) / side for side in sides}
        plain = ["--jobs", str(jobs)]
        for label, options in ((f"default (graph files and page), --jobs {jobs}", plain),
                               (f"--no-page, --jobs {jobs}", [*plain, "--no-page"])):
            best: dict[str, dict] = {}
            times: dict[str, list[float]] = {side: [] for side in sides}
            for _ in range(rounds):
                for side, tree in sides.items():
                    measured = build_once(tree, corpus, options, work[side])
                    times[side].append(round(measured["seconds"], 1))
                    if side not in best or measured["seconds"] < best[side]["seconds"]:
                        best[side] = measured
            for side in sides:
                best[side]["rounds"] = times[side]
            row = {"build": label, **best}
            if rdflib and "--no-page" not in options:
                row["rdflib"] = {side: rdflib_parse(work[side] / "graph.ttl") for side in sides}
            results["builds"].append(row)
            print(json.dumps(row), file=sys.stderr)
        results["text_to_spans"] = {side: text_to_spans(tree, corpus) for side, tree in sides.items()}
        every = {"base": _exports(base_exports), "head": _exports(list(EXPORT_CHOICES))}
        row = {"build": f"--no-page, every export, --jobs {jobs}",
               **{side: {**build_once(tree, exports_corpus, [*plain, "--no-page", *every[side]], work[side]),
                         "exports": every[side][1::2]} for side, tree in sides.items()}}
        results["builds"].append(row)
        print(json.dumps(row), file=sys.stderr)
    return results


def _bytes(measured: dict) -> str:
    files = measured["files"]
    parts = ", ".join(f"{name.removeprefix('graph.')} {size / files['text']:.1f}" for name, size in files.items()
                      if name not in ("text", "ontology.html"))
    return f"**{measured['per_text_byte']:.1f}** ({parts})"


def table(results: dict) -> str:
    lines = ["| | before | after | before ÷ after |", "|---|---:|---:|---:|"]
    for row in results["builds"]:
        base, head = row["base"], row["head"]
        lines.append(f"| {row['build']}: bytes written per byte of text | {_bytes(base)} | {_bytes(head)} | "
                     f"{base['per_text_byte'] / head['per_text_byte']:.2f}× |")
        spread = (f" (rounds: {', '.join(map(str, base['rounds']))} s)" if len(base.get("rounds", ())) > 1 else "",
                  f" (rounds: {', '.join(map(str, head['rounds']))} s)" if len(head.get("rounds", ())) > 1 else "")
        lines.append(f"| {row['build']}: time, best of the rounds | {base['seconds']:.1f} s{spread[0]} | "
                     f"{head['seconds']:.1f} s{spread[1]} | {base['seconds'] / head['seconds']:.2f}× |")
        lines.append(f"| {row['build']}: peak memory | {mib(base['peak_pss'])} | {mib(head['peak_pss'])} | "
                     f"{base['peak_pss'] / head['peak_pss']:.2f}× |")
        parsed = row.get("rdflib")
        if parsed and "error" not in parsed["base"] and "error" not in parsed["head"]:
            b, h = parsed["base"], parsed["head"]
            lines.append(f"| rdflib parses the default graph.ttl ({b['triples']:,} → {h['triples']:,} statements; "
                         f"{b['bytes'] / 2**20:,.0f} → {h['bytes'] / 2**20:,.0f} MiB) | {b['seconds']:.1f} s, "
                         f"{mib(b['peak_pss'])} | {h['seconds']:.1f} s, {mib(h['peak_pss'])} | "
                         f"{b['seconds'] / h['seconds']:.2f}× |")
    spans = results.get("text_to_spans")
    if spans:
        lines.append(f"| text → spans alone (one process, best of 3) | {spans['base']:.2f} s | {spans['head']:.2f} s | "
                     f"{spans['base'] / spans['head']:.2f}× |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="The commit to compare with (the working tree is the other side).")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--exports-corpus", type=Path, default=None,
                        help="Build every export of this corpus instead (JSON-LD through rdflib is slow before).")
    parser.add_argument("--base-exports", default="nt,jsonld", help="What --export the base accepts.")
    parser.add_argument("--no-rdflib", action="store_true", help="Do not time rdflib parsing graph.ttl.")
    args = parser.parse_args()
    results = outputs(args.base, args.corpus.resolve(), args.rounds, args.jobs,
                      (args.exports_corpus or args.corpus).resolve(), args.base_exports.split(","), not args.no_rdflib)
    print(json.dumps(results, indent=1))
    print(table(results))


if __name__ == "__main__":
    main()
