"""What the page costs a build, side by side with the page of an earlier commit, and how soon it shows.

    .venv/bin/python benchmarks/page_share.py BASE CORPUS_FOLDER [--rounds 3] [--jobs 2] [--no-validate]

Two temporary worktrees of HEAD: "before" takes the page's files (view.py, pagegraph.py, layout.py,
assets/page.*) from BASE, and its build.py hands the page's collector the report's graph parsed (as build.py
did then: that collector reads triples only); "after" is HEAD. Everything else is the same code. Each side
builds the corpus with the page and with --no-page, all builds in turn, `rounds` times. The page's share of a
build is (with − without) ÷ with, of the medians: of the wall time, and of the CPU time of all the build's
processes, which a shared machine disturbs much less (the builds alternate so that both sides meet the same
load; the ranges are printed).

Then, in Debian's Chromium (headless, offline), each side's page: from navigation to the first view drawn (the
old page: the whole network; the new one: the corpus view), and on the new page, from a click to the network
drawn, for the province with the most reports and for one report. Prints JSON, then Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import PYTHON, ROOT, mib, run

PAGE_FILES = ["src/lawgraph/view.py", "src/lawgraph/pagegraph.py", "src/lawgraph/layout.py",
              "src/lawgraph/assets/page.html", "src/lawgraph/assets/page.css", "src/lawgraph/assets/page.js"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# HEAD's build.py hands the collector the report's statements (Collector.add_blocks); the collector before it
# read triples, which build.py parsed for it.
_FROM_STATEMENTS = "gathered.add_blocks(statements)"
_PARSED = "gathered.add(parse(graph.turtle(), RdfFormat.TURTLE))"


@contextmanager
def worktree(page_files_from: str | None):
    """A checkout of HEAD in a temporary folder; with the page's files of another commit if given (and build.py
    gathering the page as that page's collector can read it)."""
    folder = Path(tempfile.mkdtemp(prefix="lawgraph-page-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), "HEAD"], check=True,
                   capture_output=True)
    try:
        if page_files_from is not None:
            for name in PAGE_FILES:
                (folder / name).unlink(missing_ok=True)
                shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{page_files_from}:{name}"],
                                       capture_output=True)
                if shown.returncode == 0:  # a file the commit has (layout.py is gone after it)
                    (folder / name).write_bytes(shown.stdout)
            build = folder / "src" / "lawgraph" / "build.py"
            text = build.read_text(encoding="utf-8")
            if _FROM_STATEMENTS not in text:
                raise SystemExit("build.py no longer gathers the page as page_share.py expects: see _PARSED")
            build.write_text(text.replace(_FROM_STATEMENTS, _PARSED), encoding="utf-8")
        yield folder
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], check=False,
                       capture_output=True)


def build_once(tree: Path, corpus: Path, out: Path, jobs: int, page: bool, validate: bool) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    options = ["--out", str(out), "--jobs", str(jobs)] + ([] if page else ["--no-page"]) + \
        ([] if validate else ["--no-validate"])
    cpu = CpuSampler()
    cpu.start()
    measured = run([PYTHON, "-m", "lawgraph.cli", "build", str(corpus), *options], cwd=tree,
                   env=dict(os.environ, PYTHONPATH=str(tree / "src")))
    cpu.stop()
    if measured.returncode != 0:
        raise SystemExit(f"build failed in {tree}: {measured.stderr.strip()[-500:]}")
    return {"seconds": measured.seconds, "peak_pss": measured.peak_pss, "cpu": cpu.seconds()}


class CpuSampler(threading.Thread):
    """The CPU time (user + system) of every process of the build: the benchmark's children, sampled from /proc
    every 50 ms until they are gone (a process's last sample is kept). On a shared machine, wall time depends
    on what else runs; the CPU a build needs much less."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.done = threading.Event()
        self.last: dict[tuple[int, int], int] = {}  # (pid, start time) → clock ticks used
        self.me = os.getpid()

    def run(self) -> None:
        while not self.done.is_set():
            for pid in _descendants(self.me):
                used = _ticks(pid)
                if used is not None:
                    self.last[pid, used[0]] = used[1]
            self.done.wait(0.05)

    def stop(self) -> None:
        self.done.set()
        self.join()

    def seconds(self) -> float:
        return sum(self.last.values()) / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as stream:
                    children = [int(p) for p in stream.read().split()]
                    found += children
                    todo += children
        except OSError:
            pass
    return found


def _ticks(pid: int) -> tuple[int, int] | None:
    """(start time, utime + stime) of a process, in clock ticks."""
    try:
        with open(f"/proc/{pid}/stat") as stream:
            fields = stream.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[19]), int(fields[11]) + int(fields[12])


# The first view drawn, timed from navigation: the old page sets firstDraw on the network's first frame, the
# new one when its first view (the corpus view, or one report's network) is drawn.
def first_view(browser, path: Path) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function("window.lawgraphPage && window.lawgraphPage.drawn", timeout=300_000, polling=50)
    seconds = page.evaluate("window.lawgraphPage.firstDraw") / 1000
    page.close()
    return seconds


_OPEN = """async (reports) => {
  const p = window.lawgraphPage;
  const drawn = new Promise((done) => p.network.once("afterDrawing", done));
  const t = performance.now();
  p.openReports(reports);
  await drawn;
  return { seconds: (performance.now() - t) / 1000, nodes: p.shown.ids.length };
}"""


def opening(browser, path: Path) -> dict:
    """On the new page: the network of the province with the most reports, and of its first report."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(path.as_uri(), timeout=300_000)
    page.wait_for_function("window.lawgraphPage && window.lawgraphPage.drawn", timeout=300_000, polling=50)
    sets = page.evaluate("""() => {
      const d = window.lawgraphPage.data, divisions = d.corpus.divisions;
      const all = divisions.map((x) => x.reports.slice());
      for (let k = divisions.length - 1; k >= 0; k--) {
        if (divisions[k].parent !== null) all[divisions[k].parent] = all[divisions[k].parent].concat(all[k]);
      }
      let best = 0;
      divisions.forEach((x, k) => { if (x.parent === null && all[k].length > all[best].length) best = k; });
      return { province: divisions[best].name, reports: all[best] };
    }""")
    province = page.evaluate(_OPEN, sets["reports"])
    page.evaluate("window.lawgraphPage.showCorpus()")
    report = page.evaluate(_OPEN, sets["reports"][:1])
    page.close()
    return {"province": {"name": sets["province"], "reports": len(sets["reports"]), **province},
            "report": report}


def measure(base: str, corpus: Path, rounds: int, jobs: int, validate: bool) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {"base": base, "corpus": str(corpus), "jobs": jobs, "validate": validate, "sides": {}}
    with worktree(base) as before, worktree(None) as after, \
            tempfile.TemporaryDirectory(prefix="lawgraph-page-share-") as scratch:
        sides = {"before": before, "after": after}
        times: dict[str, dict[str, list[float]]] = {side: {"page": [], "no page": []} for side in sides}
        cpus: dict[str, dict[str, list[float]]] = {side: {"page": [], "no page": []} for side in sides}
        peaks: dict[str, int] = {}
        for _ in range(rounds):
            for side, tree in sides.items():
                for label, page in (("page", True), ("no page", False)):
                    out = Path(scratch) / side / label.replace(" ", "-")
                    measured = build_once(tree, corpus, out, jobs, page, validate)
                    times[side][label].append(measured["seconds"])
                    cpus[side][label].append(measured["cpu"])
                    if page:
                        peaks[side] = max(peaks.get(side, 0), measured["peak_pss"])
                    print(f"{side} {label}: {measured['seconds']:.1f} s, {measured['cpu']:.1f} s CPU",
                          file=sys.stderr)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for side in sides:
                with_page = statistics.median(times[side]["page"])
                without = statistics.median(times[side]["no page"])
                html = Path(scratch) / side / "page" / "graph.html"
                cpu_page = statistics.median(cpus[side]["page"])
                cpu_without = statistics.median(cpus[side]["no page"])
                results["sides"][side] = {
                    "with page": times[side]["page"], "without page": times[side]["no page"],
                    "page seconds": with_page - without, "share": (with_page - without) / with_page,
                    "cpu with page": cpus[side]["page"], "cpu without page": cpus[side]["no page"],
                    "page cpu": cpu_page - cpu_without, "cpu share": (cpu_page - cpu_without) / cpu_page,
                    "peak_pss": peaks[side], "page bytes": html.stat().st_size,
                    "first view": first_view(browser, html),
                }
            results["sides"]["after"]["opening"] = opening(browser, Path(scratch) / "after" / "page" / "graph.html")
            browser.close()
    return results


def table(results: dict) -> str:
    lines = ["| page | build with page, wall (median, range) | without | page's part | **share** "
             "| CPU with page (median) | without | page's part | **share** | page size | peak memory "
             "| first view drawn |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for side, r in results["sides"].items():
        spread = lambda xs: f"{statistics.median(xs):.1f} s ({min(xs):.1f}–{max(xs):.1f})"  # noqa: E731
        median = lambda xs: f"{statistics.median(xs):.1f} s"  # noqa: E731
        lines.append(f"| {side} | {spread(r['with page'])} | {spread(r['without page'])} | {r['page seconds']:.1f} s "
                     f"| **{100 * r['share']:.0f} %** | {median(r['cpu with page'])} | {median(r['cpu without page'])} "
                     f"| {r['page cpu']:.1f} s | **{100 * r['cpu share']:.0f} %** | {r['page bytes'] / 1e6:.0f} MB "
                     f"| {mib(r['peak_pss'])} | {r['first view']:.1f} s |")
    opened = results["sides"]["after"].get("opening")
    if opened:
        province, report = opened["province"], opened["report"]
        lines += ["", "| on the new page | nodes drawn | from click to network drawn |", "|---|---:|---:|",
                  f"| {province['name']} ({province['reports']} reports) | {province['nodes']:,} | "
                  f"{province['seconds']:.2f} s |",
                  f"| one report | {report['nodes']:,} | {report['seconds']:.2f} s |"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="The commit whose page to compare with (HEAD's is the other side).")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-validate", dest="validate", action="store_false")
    args = parser.parse_args()
    results = measure(args.base, args.corpus.resolve(), args.rounds, args.jobs, args.validate)
    print(json.dumps(results, indent=1))
    print(table(results))


if __name__ == "__main__":
    main()
