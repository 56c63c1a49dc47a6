"""How long until the page shows a graph: lawgraph's page against pyvis's defaults, side by side.

    .venv/bin/python benchmarks/page_load.py [--sizes 300 3000 10000] [--limit 60]

For each size a synthetic graph of that many entities (plus half as many metrics, as real reports have) is
written straight into an Oxigraph store, shaped like a build of many reports: divisions in a hierarchy,
agencies under their jurisdiction, documents and programmes some of which are issued by or placed in
something, publications and persons on their own; all of it one report's, so that lawgraph's page opens on
the whole network (a page of several opens on its corpus view: benchmarks/page_share.py times that). Both
pages are then timed end to end:

- lawgraph: read the graph → write the page → first frame drawn in Chromium (the page lays the network out
  in the browser before it draws);
- pyvis: read the graph → pyvis Network with its default options (physics on, stabilisation before the first
  frame), vis-network inlined (`cdn_resources="in_line"`, the one mode that draws offline) → write the page →
  first frame drawn, given at most --limit seconds.

The first frame is the first call that paints on a canvas, hooked before the page's scripts run, so the two
pages are timed the same way. Chromium is Debian's (/usr/bin/chromium), headless with software rendering,
offline: every request that is not file: or data: is aborted. Also measured, for lawgraph's page, with the
whole graph in view: a full redraw, and a step of zooming with the mouse wheel (event to frame drawn;
vis-network leaves the lines out while zooming a large graph).
Run by hand, never by the test suite; results go to standard output as a Markdown table.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, Store

from lawgraph import view
from lawgraph.vocab import DATA, ONTOLOGY, PREFIXES

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Records when a canvas is first painted on, then steps out of the way.
FIRST_PAINT_HOOK = """
(() => {
  const proto = CanvasRenderingContext2D.prototype;
  const names = ["fill", "stroke", "fillText", "fillRect", "drawImage"];
  const originals = names.map((name) => proto[name]);
  names.forEach((name, k) => {
    proto[name] = function (...args) {
      if (window.__firstPaint === undefined) {
        window.__firstPaint = performance.now();
        names.forEach((n, j) => { proto[n] = originals[j]; });
      }
      return originals[k].apply(this, args);
    };
  });
})();
"""
REDRAW_COST = """
async () => {
  const network = window.lawgraphPage.network;
  network.fit({ animation: false });
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const full = [];
  for (let k = 0; k < 7; k++) {
    const t = performance.now();
    network.redraw();
    full.push(performance.now() - t);
  }
  // Wheel steps as a user zooms in and out at the centre: time from the event to the frame drawn.
  const canvas = document.querySelector("#network canvas");
  const box = canvas.getBoundingClientRect();
  const steps = [];
  for (let k = 0; k < 20; k++) {
    const drawn = new Promise((resolve) => network.once("afterDrawing", resolve));
    const t = performance.now();
    canvas.dispatchEvent(new WheelEvent("wheel", { deltaY: k < 10 ? -120 : 120, bubbles: true,
      cancelable: true, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 }));
    await drawn;
    steps.push(performance.now() - t);
  }
  return { full: median(full), zoom: median(steps) };
}
"""

LG = ONTOLOGY
RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
LABEL = NamedNode(PREFIXES["rdfs"] + "label")
SHARES = {"County": 0.06, "City": 0.012, "Province": 0.003, "Agency": 0.25, "Regulation": 0.3,
          "Program": 0.265, "Publication": 0.05, "Person": 0.06}
NAMES = {"County": "縣", "City": "市", "Province": "省", "Agency": "司法局", "Regulation": "條例",
         "Program": "試點", "Publication": "日報", "Person": "同志"}


def lg(term: str) -> NamedNode:
    return NamedNode(LG + term)


class Synthetic:
    """A synthetic graph of `size` entities, written as a build writes one."""

    def __init__(self, size: int, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.quads: list[Quad] = []
        self.reports = [NamedNode(f"{DATA}report/r0")]
        self.sentences = [self.sentence(self.reports[0], k) for k in range(max(150, size // 2))]
        self.size = size
        self.mention_count = 0

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o))

    def sentence(self, report: NamedNode, k: int) -> NamedNode:
        if k == 0:
            self.add(report, RDF_TYPE, lg("Report"))
            self.add(report, LABEL, Literal(f"報告{report.value.rsplit('/', 1)[1]}", language="zh-Hant"))
        section = NamedNode(f"{report.value}/section/{k // 10 + 1}")
        node = NamedNode(f"{report.value}/sentence/{k}")
        self.add(node, RDF_TYPE, lg("Sentence"))
        self.add(node, lg("inReport"), report)
        self.add(node, lg("inSection"), section)
        self.add(node, lg("text"), Literal(f"全市第{k}句,依法推進法治政府建設各項工作,取得明顯成效。"))
        self.add(section, lg("number"), Literal(str(k // 10 + 1)))
        self.add(section, lg("heading"), Literal(f"第{k // 10 + 1}部分", language="zh-Hant"))
        return node

    def mention(self, node: NamedNode, text: str) -> None:
        sentence = self.rng.choice(self.sentences)
        mention = NamedNode(f"{DATA}mention/{self.mention_count}")
        self.mention_count += 1
        self.add(node, lg("mention"), mention)
        self.add(mention, RDF_TYPE, lg("Mention"))
        self.add(mention, lg("inReport"), NamedNode(sentence.value.rsplit("/sentence/", 1)[0]))
        self.add(mention, lg("inSentence"), sentence)
        self.add(mention, lg("start"), Literal(str(self.mention_count)))
        self.add(mention, lg("text"), Literal(text))

    def entity(self, kind: str, k: int) -> NamedNode:
        node = NamedNode(f"{DATA}{kind.lower()}/{k}")
        name = f"第{k}{NAMES[kind]}"
        self.add(node, RDF_TYPE, lg(kind))
        self.add(node, LABEL, Literal(name, language="zh-Hant"))
        for _ in range(1 + int(self.rng.expovariate(0.8))):
            self.mention(node, name)
        return node

    def store(self) -> Store:
        made = {kind: [self.entity(kind, k) for k in range(max(1, round(self.size * share)))]
                for kind, share in SHARES.items()}
        self.relations(made)
        for k in range(self.size // 2):
            metric = NamedNode(f"{DATA}metric/{k}")
            self.add(metric, RDF_TYPE, lg("Metric"))
            self.add(metric, lg("indicator"), Literal(f"辦結案件{k}"))
            self.mention(metric, f"{k}件")
        store = Store()
        store.bulk_extend(self.quads)
        return store

    def relations(self, made: dict[str, list[NamedNode]]) -> None:
        pick = self.rng.choice
        for city in made["City"]:
            self.add(city, lg("partOf"), pick(made["Province"]))
        for county in made["County"]:
            self.add(county, lg("partOf"), pick(made["City"]))
        places = made["City"] + made["County"]
        for agency in made["Agency"]:
            self.add(agency, lg("jurisdiction"), pick(places))
        for document in made["Regulation"]:
            if self.rng.random() < 0.15:
                self.add(document, lg("issuedBy"), pick(made["Agency"]))
        for program in made["Program"]:
            if self.rng.random() < 0.15:
                self.add(program, lg("locatedIn"), pick(made["County"]))


def pyvis_page(data: dict, path: Path) -> None:
    """The same nodes and edges as a pyvis page with pyvis's default options."""
    from pyvis.network import Network

    net = Network(cdn_resources="in_line")
    for k, node in enumerate(data["nodes"]):
        colour = view.CLASSES.get(node["group"], view.OTHER_CLASS)[0]
        net.add_node(k, label=node["label"], title=node["label"], color=colour,
                     value=1 + math.log(max(node["mentions"], 1)))  # the size lawgraph's page gives
    for edge in data["edges"]:
        net.add_edge(edge["from"], edge["to"], label=edge["label"])
    path.write_text(net.generate_html(), encoding="utf-8")


def first_paint(browser, path: Path, limit: float) -> float | None:
    """Seconds from navigation to the first canvas paint, or None past `limit`."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
               else route.abort())
    page.add_init_script(FIRST_PAINT_HOOK)
    try:
        page.goto(path.as_uri(), timeout=limit * 1000)
        page.wait_for_function("window.__firstPaint !== undefined", timeout=limit * 1000, polling=50)
        return page.evaluate("window.__firstPaint") / 1000
    except Exception:  # playwright's TimeoutError: it did not draw within the limit
        return None
    finally:
        page.close()


def redraw_cost(browser, path: Path) -> dict:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_function("window.lawgraphPage && window.lawgraphPage.drawn")
    cost = page.evaluate(REDRAW_COST)
    page.close()
    return cost


def measure(browser, size: int, limit: float, folder: Path) -> dict:
    store = Synthetic(size).store()
    started = time.perf_counter()
    data = view.network_data(store)
    read = time.perf_counter() - started

    ours = folder / f"lawgraph-{size}.html"
    started = time.perf_counter()
    ours.write_text(view.render(data, f"synthetic {size}"), encoding="utf-8")
    written = time.perf_counter() - started
    drawn = first_paint(browser, ours, limit)

    theirs = folder / f"pyvis-{size}.html"
    started = time.perf_counter()
    pyvis_page(data, theirs)
    pyvis_written = time.perf_counter() - started
    pyvis_drawn = first_paint(browser, theirs, limit)
    shown = sum(1 for n in data["nodes"] if n["group"] not in view.HIDDEN_CLASSES)
    return {"size": size, "shown": shown, "edges": len(data["edges"]), "read": read,
            "write": written, "draw": drawn, "ours": read + written + (drawn or float("inf")),
            "pyvis_write": pyvis_written, "pyvis_draw": pyvis_drawn,
            "pyvis": read + pyvis_written + pyvis_drawn if pyvis_drawn is not None else None,
            "mb": ours.stat().st_size / 1e6, "redraw": redraw_cost(browser, ours)}


def table(rows: list[dict], limit: float) -> str:
    lines = ["| entities | read graph | write page | layout + first frame | **lawgraph end to end** "
             "| **pyvis default end to end** | ratio | full redraw / zoom step | page size |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        pyvis = f"{r['pyvis']:.1f} s" if r["pyvis"] is not None else f"> {limit:.0f} s"
        ratio = r["pyvis"] / r["ours"] if r["pyvis"] is not None else limit / r["ours"]
        ratio_text = f"{ratio:.0f}×" if r["pyvis"] is not None else f"> {ratio:.0f}×"
        lines.append(f"| {r['shown']:,} | {r['read']:.2f} s | "
                     f"{r['write']:.2f} s | {r['draw']:.2f} s | **{r['ours']:.2f} s** | **{pyvis}** | "
                     f"{ratio_text} | {r['redraw']['full']:.0f} / {r['redraw']['zoom']:.0f} ms | "
                     f"{r['mb']:.1f} MB |")
    return "\n".join(lines)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 3000, 10000])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds pyvis's page gets to draw")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for size in args.sizes:
            rows.append(measure(browser, size, args.limit, Path(tmp)))
            print(f"measured {size}", file=sys.stderr)
        browser.close()
    print(table(rows, args.limit))


if __name__ == "__main__":
    main()
