"""A change measured side by side with a baseline: the same builds of the same corpus by an earlier commit and
by the working tree, run in turn, so that both meet the same machine (these are shared and noisy: read ratios).

    .venv/bin/python benchmarks/compare.py BASE_COMMIT CORPUS_FOLDER [--rounds 2] [--jobs 1 2]

The baseline is checked out in a temporary git worktree and run with the same Python, its own sources first on
the path. For each build (--out with each --jobs; --out and --store; --store only) the best wall time of the
rounds and the peak memory of the whole process tree (sum of PSS) are kept, and the outputs of the two are
compared byte for byte (graph.ttl, .trig, .nq, .html). Also each side's text → spans time (read and extract
every report, best of 3, in one process) against the regex floor of stages.py. Prints JSON, then a Markdown table.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import PYTHON, ROOT, mib, run
from stages import floor_seconds

from lawgraph.build import collect_reports
from lawgraph.document import read_report

FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.html")


@contextmanager
def checked_out(commit: str):
    folder = Path(tempfile.mkdtemp(prefix="lawgraph-base-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), commit], check=True,
                   capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False,
                       capture_output=True)


def builds(jobs: list[int]) -> list[tuple[str, list[str]]]:
    """(label, options) of each build; OUT and STORE stand for the side's folders."""
    most = str(max(jobs))
    return [*((f"--out, --jobs {j}", ["--out", "OUT", "--jobs", str(j)]) for j in jobs),
            (f"--out and --store, --jobs {most}", ["--out", "OUT", "--store", "STORE", "--jobs", most]),
            (f"--store only, --jobs {most}", ["--store", "STORE", "--jobs", most])]


def build_once(tree: Path, corpus: Path, options: list[str], work: Path) -> dict:
    out, store = work / "out", work / "store"
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    argv = [{"OUT": str(out), "STORE": str(store)}.get(o, o) for o in options]
    measured = run([PYTHON, "-m", "lawgraph.cli", "build", str(corpus), *argv], cwd=tree,
                   env=dict(os.environ, PYTHONPATH=str(tree / "src")))
    if measured.returncode != 0:
        raise SystemExit(f"build failed in {tree}: {measured.stderr.strip()[-500:]}")
    return {"seconds": measured.seconds, "peak_pss": measured.peak_pss}


# Read and extract every report, best of 3, in one process whose sources come first on the path.
_SPANS = """
import json, sys, time
from pathlib import Path
from lawgraph.document import read_report
from lawgraph.extract.pipeline import extract
from lawgraph.gazetteer import load
paths = sorted(Path(sys.argv[1]).rglob("*.txt"))
gazetteer = load()
extract(read_report(paths[0]), gazetteer)
best = float("inf")
for _ in range(3):
    started = time.perf_counter()
    for path in paths:
        extract(read_report(path), gazetteer)
    best = min(best, time.perf_counter() - started)
print(json.dumps(best))
"""


def text_to_spans(tree: Path, corpus: Path) -> float:
    done = subprocess.run([PYTHON, "-c", _SPANS, str(corpus)], cwd=tree, check=True, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(tree / "src")))
    return json.loads(done.stdout)


def compare(base: str, corpus: Path, rounds: int, jobs: list[int]) -> dict:
    results: dict = {"base": base, "corpus": str(corpus), "builds": []}
    with checked_out(base) as base_tree, tempfile.TemporaryDirectory(prefix="lawgraph-compare-") as scratch:
        sides = {"base": base_tree, "head": ROOT}
        for label, options in builds(jobs):
            best: dict[str, dict] = {}
            for _ in range(rounds):
                for side, tree in sides.items():
                    measured = build_once(tree, corpus, options, Path(scratch) / side)
                    if side not in best or measured["seconds"] < best[side]["seconds"]:
                        best[side] = measured
            written = {side: [name for name in FILES if (Path(scratch) / side / "out" / name).exists()]
                       for side in sides}
            same = written["base"] == written["head"] and all(
                filecmp.cmp(Path(scratch) / "base" / "out" / name, Path(scratch) / "head" / "out" / name,
                            shallow=False) for name in written["base"])
            results["builds"].append({"build": label, **{side: best[side] for side in sides},
                                      "same_files": same if written["base"] else None})
            print(json.dumps(results["builds"][-1]), file=sys.stderr)
        spans: dict[str, float] = {}
        for _ in range(rounds):
            for side, tree in sides.items():
                spans[side] = min(spans.get(side, float("inf")), text_to_spans(tree, corpus))
        texts = [read_report(path).text for path in collect_reports([corpus])[0]]
        results["text_to_spans"] = {**spans, "floor": floor_seconds(texts)}
    return results


def table(results: dict) -> str:
    lines = ["| build | before | after | before ÷ after | peak memory before → after | same files |",
             "|---|---:|---:|---:|---:|---|"]
    for row in results["builds"]:
        base, head = row["base"], row["head"]
        same = {True: "yes", False: "NO", None: "(no files)"}[row["same_files"]]
        lines.append(f"| {row['build']} | {base['seconds']:.1f} s | {head['seconds']:.1f} s | "
                     f"{base['seconds'] / head['seconds']:.2f}× | {mib(base['peak_pss'])} → {mib(head['peak_pss'])} "
                     f"| {same} |")
    spans = results["text_to_spans"]
    base, head, floor = spans["base"], spans["head"], spans["floor"]
    lines.append(f"| text → spans (one process, best of 3) | {base:.2f} s ({base / floor:.0f}× floor) | "
                 f"{head:.2f} s ({head / floor:.0f}× floor) | {base / head:.2f}× | | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="The commit to compare with (the working tree is the other side).")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    results = compare(args.base, args.corpus.resolve(), args.rounds, args.jobs)
    print(json.dumps(results, indent=1))
    print(table(results))


if __name__ == "__main__":
    main()
