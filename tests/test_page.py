"""The network page: its data read from the graph, its layout, its HTML, and the page in a real browser.

Browser tests drive Debian's Chromium (/usr/bin/chromium, installed by .ci/run) through Playwright, with the
network cut: every request that is not file: or data: is aborted and recorded, and none may be attempted.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from lawgraph import layout, view
from lawgraph.build import build
from lawgraph.pagegraph import Collector
from lawgraph.query import run
from lawgraph.store import open_graph
from lawgraph.vocab import DATA, ONTOLOGY, PREFIXES

from .conftest import LVLIANG, REPORTS, ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HOSTILE_TITLE = '<script>window.__pwned = "title"</script>"><img src=x onerror="window.__pwned=\'title\'">'
HOSTILE_AGENCY = '<script>window.__pwned = "label"</script>司法局'
HOSTILE_ALT = '"><img src=x onerror="window.__pwned=\'alt\'">'
HOSTILE_REPORT = '"><img src=x onerror="window.__pwned=\'report\'">報告'
HOSTILE_SENTENCE = '</script><script>window.__pwned = "sentence"</script>市司法局印发《<b>辦法</b>》。'
HOSTILE_HEADING = '<iframe src="javascript:window.__pwned=1"></iframe>一、加強領導'


# ---------------------------------------------------------------------------------------- graphs

@pytest.fixture(scope="module")
def lvliang(lvliang_build):
    """The real report: its graph in a store, its page, and the report's text."""
    out = lvliang_build.out_dir
    return open_graph(out / "graph.ttl"), out / "graph.html", LVLIANG.read_text(encoding="utf-8-sig")


def _lg(term: str) -> NamedNode:
    return NamedNode(ONTOLOGY + term)


RDF_TYPE, LABEL = NamedNode(PREFIXES["rdf"] + "type"), NamedNode(PREFIXES["rdfs"] + "label")
ALT_LABEL = NamedNode(PREFIXES["skos"] + "altLabel")


def _mention(node: NamedNode, report: NamedNode, sentence: NamedNode, k: int) -> list[Quad]:
    mention = NamedNode(f"{report.value}/mention/{k}")
    return [Quad(node, _lg("mention"), mention), Quad(mention, _lg("inReport"), report),
            Quad(mention, _lg("inSentence"), sentence), Quad(mention, _lg("start"), Literal(str(k))),
            Quad(mention, _lg("text"), Literal("司法局"))]


def _sentence(sentence: NamedNode, report: NamedNode, section: NamedNode) -> list[Quad]:
    return [Quad(sentence, RDF_TYPE, _lg("Sentence")), Quad(sentence, _lg("text"), Literal(HOSTILE_SENTENCE)),
            Quad(sentence, _lg("inReport"), report), Quad(sentence, _lg("inSection"), section)]


def hostile_store() -> Store:
    """A graph by hand whose every text is markup: two reports, a section, two sentences, an agency that
    issued a document; both are named in the first report's sentence, the document also in the second's."""
    evil, plain = NamedNode(f"{DATA}report/evil"), NamedNode(f"{DATA}report/plain")
    section = NamedNode(f"{DATA}report/evil/section/1")
    first, second = NamedNode(f"{DATA}report/evil/sentence/0"), NamedNode(f"{DATA}report/plain/sentence/0")
    agency, document = NamedNode(f"{DATA}agency/1/司法局"), NamedNode(f"{DATA}document/1/辦法")
    store = Store()
    store.extend([
        Quad(evil, RDF_TYPE, _lg("Report")), Quad(evil, LABEL, Literal(HOSTILE_REPORT)),
        Quad(plain, RDF_TYPE, _lg("Report")), Quad(plain, LABEL, Literal("plain-2023")),
        Quad(section, _lg("number"), Literal("1")), Quad(section, _lg("heading"), Literal(HOSTILE_HEADING)),
        Quad(agency, RDF_TYPE, _lg("Agency")),
        Quad(agency, LABEL, Literal(HOSTILE_AGENCY, language="zh-Hant")),
        Quad(agency, ALT_LABEL, Literal(HOSTILE_ALT, language="zh-Hant")),
        Quad(document, RDF_TYPE, _lg("Regulation")),
        Quad(document, LABEL, Literal("<b>辦法</b>", language="zh-Hant")),
        Quad(document, _lg("issuedBy"), agency),
        *_sentence(first, evil, section), *_sentence(second, plain, section),
        *_mention(agency, evil, first, 0), *_mention(document, evil, first, 1),
        *_mention(document, plain, second, 2),
    ])
    return store


def count(store: Store, query: str) -> int:
    return int(run(store, query).rows[0][0].value)


def report_label(store: Store) -> str:
    return run(store, "SELECT ?label WHERE { ?report a lg:Report ; rdfs:label ?label }").rows[0][0].value


ENTITIES = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e lg:mention [] ; a ?t . FILTER(?t != lg:Metric) }"
METRICS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e lg:mention [] ; a lg:Metric }"
REGULATIONS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e lg:mention [] ; a lg:Regulation }"


# ---------------------------------------------------------------------------------------- data and HTML

def test_every_entity_is_a_node_with_the_sentences_it_comes_from(lvliang):
    store, _, text = lvliang
    data = view.network_data(store)
    entities = [n for n in data["nodes"] if n["group"] != "Metric"]
    assert len(entities) == count(store, ENTITIES)
    assert sum(n["group"] == "Metric" for n in data["nodes"]) == count(store, METRICS)
    assert data["lang"] == "zh-Hant"  # the report is in traditional characters
    assert data["reports"] == [report_label(store)]
    for node in entities:
        assert node["sentences"], node["label"]
        for index in node["sentences"]:
            sentence, report, _section = data["sentences"][index]
            assert sentence in text and report == 0
    sections = [section for _, _, section in data["sentences"]]
    assert sum(bool(s) for s in sections) > len(sections) / 2 and "5.4 " in " ".join(sections)


def test_edges_are_relations_with_their_supporting_sentence(lvliang):
    store, _, _ = lvliang
    data = view.network_data(store)
    relations = {e["label"] for e in data["edges"] if not e.get("context")}
    assert {"issued by", "located in", "part of", "jurisdiction"} <= relations
    issued = [e for e in data["edges"] if e["label"] == "issued by"]
    for edge in issued:
        sentence = data["sentences"][edge["sentences"][0]][0]
        assert data["nodes"][edge["from"]]["label"] in sentence
    # A metric without a relation of its own hangs off the entities of its sentence, and is folded into them.
    folded = {m for n in data["nodes"] for m in n.get("metrics", [])}
    assert folded and all(data["nodes"][m]["group"] == "Metric" for m in folded)


def test_a_class_lawgraph_does_not_know_yet_is_drawn_and_in_the_legend():
    store = hostile_store()
    node, report = NamedNode(f"{DATA}tribunal/1"), NamedNode(f"{DATA}report/evil")
    store.extend([Quad(node, RDF_TYPE, _lg("Tribunal")),
                  *_mention(node, report, NamedNode(f"{report.value}/sentence/0"), 9)])
    data = view.network_data(store)
    assert [n["label"] for n in data["nodes"] if n["group"] == "Tribunal"] == ["司法局"]
    assert data["classes"]["Tribunal"]["label"] == "Tribunal" and not data["classes"]["Tribunal"]["hidden"]


def _embedded(page: str) -> dict:
    _, _, rest = page.partition('<script type="application/json" id="graph-data">')
    return json.loads(rest.partition("</script>")[0])


def test_a_build_draws_the_page_the_store_of_its_reports_gives(tmp_path):
    """The build gathers the page's part of each report as it writes it (pagegraph.Collector); the page is the
    one SPARQL reads from a store of all the reports' named graphs, laid out the same."""
    out = tmp_path / "out"
    build([REPORTS, ROOT / "data" / "dev"], out, validate=False)
    store = Store()
    store.bulk_load(path=str(out / "graph.nq"), format=RdfFormat.N_QUADS)
    from_store = view.network_data(store)
    assert len(from_store["reports"]) == 11 and len(from_store["nodes"]) > 1000
    assert _embedded((out / "graph.html").read_text(encoding="utf-8")) == view.with_positions(from_store)


def test_both_readers_of_a_graph_read_the_same_page():
    store = hostile_store()
    node, report = NamedNode(f"{DATA}tribunal/1"), NamedNode(f"{DATA}report/evil")
    store.extend([Quad(node, RDF_TYPE, _lg("Tribunal")), Quad(node, RDF_TYPE, _lg("Agency")),
                  *_mention(node, report, NamedNode(f"{report.value}/sentence/0"), 10)])
    collector = Collector()
    collector.add(store)
    assert view.network_data(collector.graph()) == view.network_data(store)


class _Fetches(HTMLParser):
    """Every attribute through which HTML can fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        fetching = ("src", "href", "srcset", "action", "poster", "data", "background")
        self.found += [(tag, k, v or "") for k, v in attrs if k in fetching]


def test_the_page_is_one_self_contained_utf8_file(lvliang, tmp_path):
    store, _, _ = lvliang
    path = tmp_path / "page.html"
    view.write_page(store, path, title="呂梁 2023")
    page = path.read_bytes().decode("utf-8")
    parser = _Fetches()
    parser.feed(page)
    assert parser.found == []
    assert "@import" not in page and "url(http" not in page and "<link" not in page
    assert '<meta charset="utf-8">' in page and "default-src 'none'" in page
    assert "呂梁 2023" in page


def test_report_text_is_escaped_in_the_html():
    page = view.render(view.network_data(hostile_store()), title=HOSTILE_TITLE)
    head, _, rest = page.partition('<script type="application/json" id="graph-data">')
    embedded, _, _ = rest.partition("</script>")
    assert "<" not in embedded and json.loads(embedded)["reports"][0] == HOSTILE_REPORT
    assert HOSTILE_TITLE not in head and "&lt;script&gt;" in head
    assert "<img" not in page


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_the_notebook_frame_holds_the_page_as_an_attribute():
    page = "<p>\"quoted\" & 'single' <script>x()</script></p>"
    parser = _Attributes()
    parser.feed(view.iframe(page))
    assert [tag for tag, _ in parser.tags] == ["div", "iframe"]
    attributes = parser.tags[1][1]
    assert attributes["srcdoc"] == page and attributes["sandbox"] == "allow-scripts"


# ---------------------------------------------------------------------------------------- layout

def test_layout_is_deterministic_and_keeps_nodes_apart():
    groups = ["Agency"] * 40 + ["Regulation"] * 30 + ["Metric"] * 10
    links = [(k, k // 4) for k in range(1, 40)] + [(40, 3), (41, 3)]
    satellites = {70 + k: k for k in range(10)}
    first = layout.positions(groups, links, satellites)
    assert first == layout.positions(groups, links, satellites)
    laid = [p for k, p in enumerate(first) if k not in satellites]
    assert all(math.isfinite(c) for p in first for c in p)
    closest = min(math.dist(a, b) for i, a in enumerate(laid) for b in laid[i + 1:])
    assert closest > 10
    assert all(math.dist(first[s], first[a]) < layout.SPACING * 2 for s, a in satellites.items())


@pytest.mark.parametrize("size", [2, 3, 10])
def test_a_chain_is_laid_out_at_the_length_of_a_line(size):
    points = layout.positions(["Agency"] * size, [(k, k + 1) for k in range(size - 1)], {})
    lengths = [math.dist(points[k], points[k + 1]) for k in range(size - 1)]
    assert all(layout.LINK * 0.5 < length < layout.LINK * 2 for length in lengths), lengths


def test_layout_of_a_large_graph_places_every_node_apart():
    import random

    # How fast is measured side by side with pyvis in benchmarks/page_load.py, not here.
    rng = random.Random(3)
    groups = ["Agency"] * 3000
    links = [(k, rng.randrange(k)) for k in range(1, 2000)]
    points = layout.positions(groups, links, {})
    assert len(set(points)) == 3000


def test_layout_shared_among_processes_is_the_same(monkeypatch):
    import random

    rng = random.Random(5)
    groups, links = [], []
    for size in (120, 80, 80, 40, 3, 2):  # linked groups of several sizes, then a few unlinked nodes
        first = len(groups)
        groups += ["Agency"] * size
        links += [(first + k, first + rng.randrange(k)) for k in range(1, size)]
    groups += ["Regulation"] * 5
    alone = layout.positions(groups, links, {}, jobs=1)
    monkeypatch.setattr(layout, "PARALLEL_FROM", 100)  # this small graph is shared out too
    assert layout.positions(groups, links, {}, jobs=2) == alone


# ---------------------------------------------------------------------------------------- the command

def lawgraph(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawgraph.cli", *args], capture_output=True, text=True,
                          timeout=120)


def test_view_writes_the_page_of_an_existing_graph(lvliang_build, tmp_path):
    result = lawgraph("view", str(lvliang_build.out_dir / "graph.ttl"), "--out", str(tmp_path / "page.html"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {tmp_path / 'page.html'}"
    assert 'id="graph-data"' in (tmp_path / "page.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("graph, out", [("missing.ttl", "page.html"), ("GRAPH", "no/such/folder/page.html")])
def test_view_errors_are_one_line(lvliang_build, tmp_path, graph, out):
    graph_path = lvliang_build.out_dir / "graph.ttl" if graph == "GRAPH" else tmp_path / graph
    result = lawgraph("view", str(graph_path), "--out", str(tmp_path / out))
    assert result.returncode == 2
    assert result.stderr.startswith("lawgraph: error:") and result.stderr.strip().count("\n") == 0


# ---------------------------------------------------------------------------------------- in a browser

@dataclass
class OpenPage:
    page: object
    blocked: list[str] = field(default_factory=list)  # requests that tried to leave the page
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def shown(self) -> int:
        return self.js("Object.keys(window.lawgraphPage.network.getPositions()).length")

    def node_id(self, label: str) -> int:
        return self.js("(label) => window.lawgraphPage.data.nodes.findIndex((n) => n.label === label)", label)

    def point_of(self, node: int) -> tuple[float, float]:
        """Where node `node` is on the screen."""
        return tuple(self.js("""(k) => {
          const network = window.lawgraphPage.network;
          const at = network.canvasToDOM(network.getPositions([k])[k]);
          const box = document.getElementById("network").getBoundingClientRect();
          return [at.x + box.left, at.y + box.top];
        }""", node))


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_(path: Path) -> OpenPage:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        opened = OpenPage(context.new_page())

        def route(route):
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                opened.blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        opened.page.on("request", lambda request: opened.requests.append(request.url))
        opened.page.on("pageerror", lambda error: opened.errors.append(str(error)))
        opened.page.on("console", lambda message: opened.errors.append(message.text)
                       if message.type == "error" else None)
        opened.page.goto(path.as_uri())
        opened.page.wait_for_function("window.lawgraphPage && window.lawgraphPage.drawn", timeout=20_000)
        return opened

    yield open_
    for context in contexts:
        context.close()


def _painted(opened: OpenPage, colour: str) -> int:
    """Pixels of the network's canvas in exactly this colour (a class's fill)."""
    return opened.js("""async (hex) => {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));  // drawn
      const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const canvas = document.querySelector("#network canvas");
      const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i] === rgb[0] && pixels[i + 1] === rgb[1] && pixels[i + 2] === rgb[2]) n++;
      }
      return n;
    }""", colour)


@pytest.mark.browser
def test_the_page_draws_the_graph_offline(lvliang, open_page, tmp_path):
    store, page_path, _ = lvliang
    opened = open_page(page_path)
    opened.page.screenshot(path=tmp_path / "page.png")
    assert opened.shown() == count(store, ENTITIES)
    assert _painted(opened, view.CLASSES["Agency"][0]) > 100
    assert _painted(opened, view.CLASSES["Regulation"][0]) > 100
    legend = opened.page.locator("#legend button")
    assert legend.count() == len({n["group"] for n in view.network_data(store)["nodes"]})
    assert opened.page.locator("#status").text_content().startswith(f"{count(store, ENTITIES)} of ")
    assert opened.blocked == [] and all(url.startswith("file:") for url in opened.requests)
    assert opened.errors == []


@pytest.mark.browser
def test_the_legend_shows_and_hides_classes(lvliang, open_page):
    store, page_path, _ = lvliang
    opened = open_page(page_path)
    entities, regulations = count(store, ENTITIES), count(store, REGULATIONS)
    opened.page.click('#legend button[data-kind="Regulation"]')
    assert opened.shown() == entities - regulations
    assert opened.page.get_attribute('#legend button[data-kind="Regulation"]', "aria-pressed") == "false"
    opened.page.click('#legend button[data-kind="Regulation"]')
    opened.page.click('#legend button[data-kind="Metric"]')  # metrics are shown on demand
    assert opened.shown() == entities + count(store, METRICS)
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_search_jumps_to_a_node_and_highlights_its_neighbours(lvliang, open_page, tmp_path):
    _, page_path, _ = lvliang
    opened = open_page(page_path)
    opened.page.fill("#search", "吕梁市第四届")  # simplified characters find the report's traditional ones
    assert opened.page.locator("#matches li").first.text_content().startswith("呂梁市第四屆人大常委會")
    opened.page.fill("#search", "司法局")
    first = opened.page.locator("#matches li").first
    assert first.is_visible() and "市司法局" in first.text_content()
    opened.page.press("#search", "Enter")
    target = opened.node_id("市司法局")
    assert opened.js("window.lawgraphPage.network.getSelectedNodes()") == [target]
    assert opened.page.locator("#details h2").text_content() == "市司法局"
    assert "Agency" in opened.page.locator("#details .kind").text_content()
    opened.page.wait_for_timeout(500)  # the camera's move
    opened.page.screenshot(path=tmp_path / "search.png")
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_clicking_a_node_shows_its_sources_and_dims_all_but_its_neighbours(lvliang, open_page, tmp_path):
    _, page_path, text = lvliang
    opened = open_page(page_path)
    city, regulation = view.CLASSES["City"][0], view.CLASSES["Regulation"][0]
    opened.page.mouse.click(*opened.point_of(opened.node_id("市司法局")))
    assert opened.page.locator("#details h2").text_content() == "市司法局"
    assert opened.page.locator("#details blockquote").first.text_content().split("\n")[0][:10] in text
    # Its neighbour 呂梁市 (its jurisdiction) stays in its colour; no regulation is among its neighbours.
    assert _painted(opened, city) > 100 and _painted(opened, regulation) == 0
    opened.page.screenshot(path=tmp_path / "selected.png")
    opened.page.mouse.click(*opened.js("(() => { const r = document.getElementById('network')"
                                       ".getBoundingClientRect(); return [r.right - 5, r.bottom - 5]; })()"))
    assert _painted(opened, regulation) > 100  # the background clears it
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_a_tooltip_shows_where_a_node_and_an_edge_come_from(lvliang, open_page):
    store, page_path, text = lvliang
    opened = open_page(page_path)
    opened.page.mouse.move(*opened.point_of(opened.node_id("市司法局")))
    tooltip = opened.page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.locator(".title").text_content() == "市司法局"
    sentence = opened.js("document.querySelector('#tooltip q').firstChild.textContent").rstrip("…")
    assert len(sentence) > 10 and sentence in text
    assert tooltip.locator(".where").text_content().startswith(report_label(store))

    data = opened.js("window.lawgraphPage.data")
    edge = next(e for e in data["edges"] if e["label"] == "issued by")
    (x1, y1), (x2, y2) = opened.point_of(edge["from"]), opened.point_of(edge["to"])
    opened.page.mouse.move(0, 0)
    opened.page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    tooltip.wait_for(state="visible")
    assert "issued by" in tooltip.locator(".title").text_content()
    supporting = opened.js("document.querySelector('#tooltip q').firstChild.textContent").rstrip("…")
    assert supporting in text and data["nodes"][edge["from"]]["label"][:6] in supporting
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_markup_in_a_report_is_shown_as_text_and_runs_nothing(open_page, tmp_path):
    path = tmp_path / "hostile.html"
    view.write_page(hostile_store(), path, title=HOSTILE_TITLE)
    opened = open_page(path)
    page = opened.page
    assert opened.js("window.__pwned") is None
    assert page.locator("img, iframe, b").count() == 0
    assert page.title() == HOSTILE_TITLE and page.locator("h1").text_content() == HOSTILE_TITLE
    assert page.locator("#report option").all_text_contents()[1] == HOSTILE_REPORT
    page.fill("#search", "<script>")
    page.press("#search", "Enter")
    assert page.locator("#details h2").text_content() == HOSTILE_AGENCY
    assert HOSTILE_ALT in page.locator("#details .names").text_content()
    quote = page.locator("#details blockquote").first
    assert quote.text_content().startswith(HOSTILE_SENTENCE) and HOSTILE_HEADING in quote.text_content()
    agency = opened.node_id(HOSTILE_AGENCY)
    assert opened.js(f"window.lawgraphPage.nodes.get({agency}).label").startswith("<script>")  # drawn as text
    page.mouse.move(*opened.point_of(opened.js("window.lawgraphPage.data.edges[0].from")))
    page.mouse.move(*[(a + b) / 2 for a, b in zip(opened.point_of(0), opened.point_of(1), strict=True)])
    page.wait_for_function("document.querySelector('#tooltip .title').textContent.includes('issued by')")
    assert page.locator("#tooltip q").text_content().startswith(HOSTILE_SENTENCE)  # the edge's sentence
    page.select_option("#report", label="plain-2023")  # the agency is named only in the other report
    assert opened.shown() == 1
    page.wait_for_timeout(400)  # the view fits what is left
    assert _painted(opened, view.CLASSES["Regulation"][0]) > 50
    page.screenshot(path=tmp_path / "hostile.png")
    assert opened.js("window.__pwned") is None
    assert opened.errors == [] and opened.blocked == [] and set(opened.requests) == {path.as_uri()}
