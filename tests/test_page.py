"""The page: its data read from the graph, its HTML, and the page in a real browser (the network of a report,
the corpus view of many, the layout the page works out for what it draws).

Browser tests drive Debian's Chromium (/usr/bin/chromium, installed by .ci/run) through Playwright, with the
network cut: every request that is not file: or data: is aborted and recorded, and none may be attempted.
As a by-product they save the corpus view of the real reports in data/ as docs/page.png, which the README shows.
"""

from __future__ import annotations

import json
import math
import random
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from lawgraph import view
from lawgraph.build import build
from lawgraph.pagegraph import Collector
from lawgraph.query import run
from lawgraph.store import open_graph
from lawgraph.vocab import DATA, ONTOLOGY, PREFIXES

from .conftest import LVLIANG, REPORTS, ROOT

XSD = PREFIXES["xsd"]

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


SKOS = PREFIXES["skos"]
INDICATOR = "https://w3id.org/lawgraph/indicator/"


class _Corpus:
    """Statements of a small corpus, written as graph.py writes them."""

    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self.starts: dict[str, int] = {}

    def add(self, *quads: Quad) -> None:
        self.quads += quads

    def report(self, name: str, label: str, division: str | None, year: str | None) -> NamedNode:
        report = NamedNode(f"{DATA}report/{name}")
        self.add(Quad(report, RDF_TYPE, _lg("Report")), Quad(report, LABEL, Literal(label, language="zh-Hans")))
        if division is not None:
            self.add(Quad(report, _lg("jurisdiction"), NamedNode(f"{DATA}division/{division}")))
        if year is not None:
            self.add(Quad(report, _lg("reportingYear"), Literal(year, datatype=NamedNode(XSD + "gYear"))))
        return report

    def sentence(self, report: NamedNode, k: int, text: str) -> NamedNode:
        sentence = NamedNode(f"{report.value}/sentence/{k}")
        self.add(Quad(sentence, RDF_TYPE, _lg("Sentence")), Quad(sentence, _lg("text"), Literal(text)),
                 Quad(sentence, _lg("inReport"), report))
        return sentence

    def mention(self, node: NamedNode, sentence: NamedNode, text: str) -> None:
        report = sentence.value.rsplit("/sentence/", 1)[0]
        start = self.starts[report] = self.starts.get(report, 0) + 10
        mention = NamedNode(f"{report}/mention/{start}-{start + len(text)}")
        self.add(Quad(node, _lg("mention"), mention), Quad(mention, _lg("inSentence"), sentence),
                 Quad(mention, _lg("start"), Literal(str(start), datatype=NamedNode(XSD + "integer"))),
                 Quad(mention, _lg("text"), Literal(text)))

    def entity(self, iri: str, kind: str, label: str, *sentences: NamedNode, **links: NamedNode) -> NamedNode:
        node = NamedNode(DATA + iri)
        self.add(Quad(node, RDF_TYPE, _lg(kind)), Quad(node, LABEL, Literal(label, language="zh-Hans")))
        if kind in ("Province", "City", "County"):
            self.add(Quad(node, _lg("adcode"), Literal(iri.rsplit("/", 1)[1])))
        for sentence in sentences:
            self.mention(node, sentence, label)
        for predicate, target in links.items():
            self.add(Quad(node, _lg(predicate), target))
        return node

    def metric(self, sentence: NamedNode, offset: int, value: str, concept: str | None) -> None:
        node = NamedNode(f"{sentence.value.rsplit('/sentence/', 1)[0]}/metric/{offset}")
        self.add(Quad(node, RDF_TYPE, _lg("Metric")),
                 Quad(node, _lg("value"), Literal(value, datatype=NamedNode(XSD + "decimal"))),
                 Quad(node, _lg("unit"), Literal("件")), Quad(node, _lg("indicator"), Literal("收到行政复议申请")))
        if concept is not None:
            self.add(Quad(node, _lg("measures"), NamedNode(INDICATOR + concept)))
        self.mention(node, sentence, value + "件")

    def concept(self, name: str, labels: dict[str, str], broader: str | None = None,
                kind: str | None = None) -> None:
        node = NamedNode(INDICATOR + name)
        self.add(Quad(node, RDF_TYPE, NamedNode(SKOS + "Concept")),
                 Quad(node, NamedNode(SKOS + "notation"), Literal(name)),
                 *(Quad(node, NamedNode(SKOS + "prefLabel"), Literal(label, language=tag))
                   for tag, label in labels.items()))
        if broader is not None:
            self.add(Quad(node, NamedNode(SKOS + "broader"), NamedNode(INDICATOR + broader)))
        if kind is not None:
            self.add(Quad(node, _lg("quantityKind"), _lg(kind)))


def corpus_store() -> Store:
    """Three reports of two jurisdictions (江岸区 of 武汉市, 2021 and 2022; 宜昌市, 2022), a national organ and a
    law they share, a local bureau, and figures of administrative reconsideration mapped to a concept."""
    c = _Corpus()
    reports = [c.report("jiangan-2021", "江岸区2021年法治政府建设年度报告", "420102", "2021"),
               c.report("jiangan-2022", "江岸区2022年法治政府建设年度报告", "420102", "2022"),
               c.report("yichang-2022", "宜昌市2022年法治政府建设年度报告", "420500", "2022")]
    first = [c.sentence(r, 0, "全区认真贯彻国务院部署，学习行政复议法。") for r in reports]
    second = [c.sentence(r, 1, "全年收到行政复议申请若干件，区司法局依法办理。") for r in reports]
    wuhan = c.entity("division/420100", "City", "武汉市", first[0])
    c.entity("division/420102", "County", "江岸区", first[0], first[1], partOf=wuhan)
    yichang = c.entity("division/420500", "City", "宜昌市", first[2])
    c.entity("agency/CN/国务院", "Agency", "国务院", *first)
    c.entity("document/CN/行政复议法", "Regulation", "行政复议法", first[0], first[2])
    c.entity("agency/420102/司法局", "Agency", "区司法局", second[0], second[1],
             jurisdiction=NamedNode(f"{DATA}division/420102"))
    c.entity("agency/420500/司法局", "Agency", "市司法局", second[2], jurisdiction=yichang)
    c.concept("reconsideration", {"zh-Hans": "行政复议", "en": "Administrative reconsideration"})
    c.concept("reconsideration-applications", {"zh-Hans": "行政复议申请", "zh-Hant": "行政復議申請",
                                               "en": "Applications for administrative reconsideration"},
              broader="reconsideration", kind="Count")
    c.metric(second[0], 100, "120", "reconsideration-applications")
    c.metric(second[0], 200, "7", "reconsideration-applications")  # the report's second figure: not charted
    c.metric(second[1], 50, "150", "reconsideration-applications")
    c.metric(second[2], 80, "95.5", "reconsideration-applications")
    c.metric(second[2], 90, "3", None)
    store = Store()
    store.extend(c.quads)
    return store


def count(store: Store, query: str) -> int:
    return int(run(store, query).rows[0][0].value)


def report_label(store: Store) -> str:
    return run(store, "SELECT ?label WHERE { ?report a lg:Report ; rdfs:label ?label }").rows[0][0].value


ENTITIES = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e lg:mention [] ; a ?t . FILTER(?t != lg:Metric) }"
METRICS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e lg:mention [] ; a lg:Metric }"
REGULATIONS = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e lg:mention [] ; a lg:Regulation }"


# ---------------------------------------------------------------------------------------- data and HTML

def test_every_entity_is_a_node_with_every_sentence_it_comes_from(lvliang):
    store, _, text = lvliang
    data = view.network_data(store)
    entities = [n for n in data["nodes"] if n["group"] != "Metric"]
    assert len(entities) == count(store, ENTITIES)
    assert sum(n["group"] == "Metric" for n in data["nodes"]) == count(store, METRICS)
    assert data["lang"] == "zh-Hant"  # the report is in traditional characters
    assert [r["label"] for r in data["reports"]] == [report_label(store)]
    assert "corpus" not in data  # one report: no corpus view
    for node in entities:
        assert node["sentences"], node["label"]
        assert len(node["sentences"]) <= node["mentions"]
        for index in node["sentences"]:
            sentence, report, _section = data["sentences"][index]
            assert sentence in text and report == 0
    sections = [section for _, _, section in data["sentences"]]
    assert sum(bool(s) for s in sections) > len(sections) / 2 and "5.4 " in " ".join(sections)
    named = max(entities, key=lambda n: n["mentions"])
    assert len(named["sentences"]) > 5  # every sentence, not the first few: the page shows a report's own


def test_edges_are_relations_with_their_supporting_sentence(lvliang):
    store, _, _ = lvliang
    data = view.network_data(store)
    relations = {e["label"] for e in data["edges"]}
    assert {"issued by", "located in", "part of", "jurisdiction"} <= relations
    assert "same sentence" not in relations  # what a sentence ties together, the page works out for what it shows
    issued = [e for e in data["edges"] if e["label"] == "issued by"]
    for edge in issued:
        sentence = data["sentences"][edge["sentences"][0]][0]
        assert data["nodes"][edge["from"]]["label"] in sentence


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
    return view.decode_embedded(json.loads(rest.partition("</script>")[0]))


def test_a_build_draws_the_page_the_store_of_its_reports_gives(tmp_path):
    """The build gathers the page's part of each report as it writes it (pagegraph.Collector); the page is the
    one SPARQL reads from a store of all the reports' named graphs."""
    out = tmp_path / "out"
    build([REPORTS, ROOT / "data" / "dev"], out, validate=False, jobs=2)
    store = Store()
    store.bulk_load(path=str(out / "graph.trig"), format=RdfFormat.TRIG)
    from_store = view.network_data(store)
    assert len(from_store["reports"]) == 11 and len(from_store["nodes"]) > 1000
    assert _embedded((out / "graph.html").read_text(encoding="utf-8")) == from_store


def test_both_readers_of_a_graph_read_the_same_page():
    store = hostile_store()
    node, report = NamedNode(f"{DATA}tribunal/1"), NamedNode(f"{DATA}report/evil")
    store.extend([Quad(node, RDF_TYPE, _lg("Tribunal")), Quad(node, RDF_TYPE, _lg("Agency")),
                  *_mention(node, report, NamedNode(f"{report.value}/sentence/0"), 10)])
    for graph in (store, corpus_store()):
        collector = Collector()
        collector.add(graph)
        assert view.network_data(collector.graph()) == view.network_data(graph)


def test_a_collector_reads_statements_as_written_as_it_reads_them_parsed():
    """Collector.add_blocks reads a report's statements where they stand (ntriples blocks); add reads them
    parsed. Real reports (traditional characters, escapes in literals) and a graph by hand give the same page."""
    from lawgraph.build import _extract_statements
    from lawgraph.ntriples import blocks_of, ntriples

    paths = [LVLIANG, *sorted((ROOT / "data" / "real" / "dev").glob("*.txt"))[:12]]
    graphs = [_extract_statements(path)[1] for path in paths]
    hand = Store()
    hand.extend(corpus_store())
    hand.add(Quad(NamedNode(f"{DATA}agency/CN/国务院"), ALT_LABEL, Literal('"国"\\务院\t', language="zh-Hans")))
    graphs.append(blocks_of(b"".join(str(quad.triple).encode() + b" .\n" for quad in hand)))
    parsed, read = Collector(), Collector()
    for graph in graphs:
        one, other = Collector(), Collector()
        one.add(parse(ntriples(graph).encode(), RdfFormat.N_TRIPLES))
        other.add_blocks(graph)
        parsed.absorb(one)
        read.absorb(other)
    assert view.network_data(read.graph()) == view.network_data(parsed.graph())


def test_a_corpus_holds_its_divisions_as_a_hierarchy_with_their_reports():
    data = view.network_data(corpus_store())
    divisions = data["corpus"]["divisions"]
    assert [(d["name"], d["level"]) for d in divisions] == [
        ("湖北省", "Province"), ("武汉市", "City"), ("江岸区", "County"), ("宜昌市", "City")]
    parent = {d["name"]: divisions[d["parent"]]["name"] if d["parent"] is not None else None for d in divisions}
    assert parent == {"湖北省": None, "武汉市": "湖北省", "江岸区": "武汉市", "宜昌市": "湖北省"}
    reports = {r["id"]: (divisions[r["division"]]["name"], r["year"]) for r in data["reports"]}
    assert reports == {"jiangan-2021": ("江岸区", 2021), "jiangan-2022": ("江岸区", 2022),
                       "yichang-2022": ("宜昌市", 2022)}
    # No report names 湖北省, and no statement places a city in it: the gazetteer does.
    assert divisions[0]["iri"] == f"{DATA}division/420000" and divisions[0]["code"] == "420000"


def test_a_corpus_holds_the_figures_mapped_to_each_concept():
    data = view.network_data(corpus_store())
    indicators = data["corpus"]["indicators"]
    labels = [c["label"] for c in indicators["concepts"]]
    assert labels == ["行政复议", "行政复议申请"]  # the concept measured and the one above it
    assert indicators["concepts"][1]["broader"] == 0 and indicators["concepts"][1]["kind"] == "Count"
    assert indicators["concepts"][1]["en"] == "Applications for administrative reconsideration"
    rows = [(data["reports"][r]["id"], value, unit, data["nodes"][node]["label"])
            for concept, r, value, unit, node in indicators["points"]]
    assert rows == [("jiangan-2021", 120, "件", "120件"), ("jiangan-2021", 7, "件", "7件"),
                    ("jiangan-2022", 150, "件", "150件"), ("yichang-2022", 95.5, "件", "95.5件")]
    assert view.network_data(hostile_store())["corpus"]["indicators"] == {"concepts": [], "points": []}


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


@pytest.mark.parametrize("how", ["write_page", "render"])
def test_report_text_is_escaped_in_the_html(how, tmp_path):
    if how == "write_page":  # each report's part as its worker wrote it
        view.write_page(hostile_store(), tmp_path / "page.html", title=HOSTILE_TITLE)
        page = (tmp_path / "page.html").read_text(encoding="utf-8")
    else:  # merged data, as a notebook has it
        page = view.render(view.network_data(hostile_store()), title=HOSTILE_TITLE)
    head, _, rest = page.partition('<script type="application/json" id="graph-data">')
    embedded, _, _ = rest.partition("</script>")
    assert "<" not in embedded and json.loads(embedded)["reports"][0]["label"] == HOSTILE_REPORT
    assert HOSTILE_SENTENCE in {text for text, _, _ in _embedded(page)["sentences"]}
    assert _embedded(page) == view.network_data(hostile_store())
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
    # Two reports: the corpus view, where the report's title is a button's text.
    assert page.locator("#corpus").is_visible()
    assert page.locator(".tree .chip").all_text_contents() == ["evil", "plain"]
    assert page.locator(".tree .chip").first.get_attribute("title").startswith(HOSTILE_REPORT)
    assert page.locator(".shared-list .name").all_text_contents() == ["<b>辦法</b>"]
    page.fill("#search", "<script>")
    page.press("#search", "Enter")  # named in one report: its network, the agency selected
    assert page.locator("#details h2").text_content() == HOSTILE_AGENCY
    assert page.locator("#report option").all_text_contents() == ["all reports", HOSTILE_REPORT]
    assert HOSTILE_ALT in page.locator("#details .names").text_content()
    quote = page.locator("#details blockquote").first
    assert quote.text_content().startswith(HOSTILE_SENTENCE) and HOSTILE_HEADING in quote.text_content()
    agency = opened.node_id(HOSTILE_AGENCY)
    assert opened.js(f"window.lawgraphPage.nodes.get({agency}).label").startswith("<script>")  # drawn as text
    edge = opened.js("window.lawgraphPage.data.edges[0]")
    page.mouse.move(*opened.point_of(edge["from"]))
    page.mouse.move(*[(a + b) / 2 for a, b in zip(opened.point_of(edge["from"]), opened.point_of(edge["to"]),
                                                     strict=True)])
    page.wait_for_function("document.querySelector('#tooltip .title').textContent.includes('issued by')")
    assert page.locator("#tooltip q").text_content().startswith(HOSTILE_SENTENCE)  # the edge's sentence
    page.click("#to-corpus")
    page.click('.tree .chip >> text="plain"')  # the agency is named only in the other report
    assert opened.shown() == 1
    assert _painted(opened, view.CLASSES["Regulation"][0]) > 50
    page.screenshot(path=tmp_path / "hostile.png")
    assert opened.js("window.__pwned") is None
    assert opened.errors == [] and opened.blocked == [] and set(opened.requests) == {path.as_uri()}


# ---------------------------------------------------------------------------------------- the corpus view

@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory):
    """The page of the real reports in data/ (data/reports and data/real), and its data."""
    out = tmp_path_factory.mktemp("real-corpus")
    build([REPORTS, ROOT / "data" / "real"], out, validate=False, jobs=2)
    path = out / "graph.html"
    return path, _embedded(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("small-corpus") / "graph.html"
    view.write_page(corpus_store(), path, title="small corpus")
    return path, view.network_data(corpus_store())


def _subtree(data: dict, division: int) -> set[int]:
    """The reports of a division and of the divisions under it."""
    divisions = data["corpus"]["divisions"]
    under = {division}
    for k, d in enumerate(divisions):
        if d["parent"] in under:
            under.add(k)
    return {r for k in under for r in divisions[k]["reports"]}


def _shown_reports(opened: OpenPage) -> set[int]:
    """The reports of every node the network shows."""
    return set(opened.js("""(() => { const p = window.lawgraphPage;
      return [].concat(...Object.keys(p.network.getPositions()).map((id) => p.data.nodes[id].reports)); })()"""))


@pytest.mark.browser
def test_a_corpus_opens_on_its_jurisdictions_shared_entities_and_indicators(real_corpus, open_page):
    path, data = real_corpus
    opened = open_page(path)
    page = opened.page
    assert opened.js("window.lawgraphPage.mode") == "corpus"
    assert page.locator("#corpus").is_visible() and not page.locator("#network").is_visible()
    assert opened.shown() == 0  # no network is laid out until one is asked for
    provinces = [d["name"] for d in data["corpus"]["divisions"] if d["parent"] is None]
    assert len(provinces) >= 25 and page.locator(".tree > li > .row .place").first.text_content() == provinces[0]
    assert page.locator("#status").text_content().startswith(f"{len(data['reports'])} reports")
    page.wait_for_timeout(200)
    page.screenshot(path=ROOT / "docs" / "page.png")  # the README shows it
    # Every report is in the tree once, under its jurisdiction (or in the group of those without one); a corpus
    # of more than 150 places opens on its provinces, and a place opens its own when asked.
    _open_every_place(page)
    chips = [int(r) for r in page.locator(".tree .chip").evaluate_all("(cs) => cs.map((c) => c.dataset.report)")]
    assert sorted(chips) == list(range(len(data["reports"])))
    assert opened.errors == [] and opened.blocked == []


def _open_every_place(page) -> None:
    """Open every closed place of the places panel, down to the last level."""
    while (closed := page.locator(".tree .toggle:not([disabled])", has_text="▸")).count():
        closed.first.click()


@pytest.mark.browser
def test_the_page_merges_its_reports_parts_as_view_merge_does(real_corpus, open_page):
    path, data = real_corpus
    opened = open_page(path)
    merged = opened.js("""(() => { const d = window.lawgraphPage.data;
      return { nodes: d.nodes, edges: d.edges.map((e) => ({ from: e.from, to: e.to, label: e.label,
               sentences: e.sentences })), sentences: d.sentences, points: d.corpus.indicators.points }; })()""")
    assert merged["nodes"] == data["nodes"]
    assert merged["edges"] == data["edges"]
    assert merged["sentences"] == data["sentences"]
    assert merged["points"] == data["corpus"]["indicators"]["points"]
    assert opened.errors == []


@pytest.mark.browser
def test_a_jurisdiction_or_a_report_opens_its_network(real_corpus, open_page):
    path, data = real_corpus
    opened = open_page(path)
    page = opened.page
    divisions = data["corpus"]["divisions"]
    # The province with the most reports: its network shows what its reports and those under it name.
    province = max((k for k, d in enumerate(divisions) if d["parent"] is None),
                   key=lambda k: (len(_subtree(data, k)), -k))
    reports = _subtree(data, province)
    page.click(f'.tree li[data-division="{province}"] > .row .place')
    assert opened.js("window.lawgraphPage.mode") == "detail" and page.locator("#network").is_visible()
    assert page.locator("#status").text_content().startswith(divisions[province]["name"] + " — ")
    assert opened.shown() > 20 and _shown_reports(opened) & reports and all(
        set(n["reports"]) & reports for n in (data["nodes"][int(k)] for k in opened.js(
            "Object.keys(window.lawgraphPage.network.getPositions())")))
    assert page.locator("#report option").count() == len(reports) + 1
    page.click("#to-corpus")
    assert page.locator("#corpus").is_visible()
    _open_every_place(page)
    # One report: every entity it names is drawn, as a page of one report draws it.
    report = max(range(len(data["reports"])), key=lambda r: sum(r in n["reports"] for n in data["nodes"]))
    page.click(f'.tree .chip[data-report="{report}"]')
    entities = [k for k, n in enumerate(data["nodes"]) if report in n["reports"] and n["group"] != "Metric"]
    assert opened.shown() == len(entities)
    named = max(entities, key=lambda k: data["nodes"][k]["mentions"])
    page.mouse.click(*opened.point_of(named))
    assert page.locator("#details h2").text_content() == data["nodes"][named]["label"]
    sentences = page.locator("#details blockquote .where").all_text_contents()
    assert sentences and all(s.startswith(data["reports"][report]["label"]) for s in sentences)  # its report's
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_the_shared_entities_list_counts_the_reports_that_name_each(real_corpus, open_page):
    path, data = real_corpus
    opened = open_page(path)
    page = opened.page
    shared = sorted((k for k, n in enumerate(data["nodes"]) if len(n["reports"]) > 1
                     and n["group"] not in ("Metric", "Province", "City", "County")),
                    key=lambda k: (-len(data["nodes"][k]["reports"]), -data["nodes"][k]["mentions"], k))
    assert len(shared) > 20
    rows = page.locator(".shared-list li button")
    listed = [int(k) for k in rows.evaluate_all("(bs) => bs.map((b) => b.dataset.node)")]
    assert listed == shared[:len(listed)]
    for k, text in zip(listed[:20], rows.locator(".n").all_text_contents()[:20], strict=True):
        assert text == f"{len(data['nodes'][k]['reports'])} reports"
    top = data["nodes"][shared[0]]
    assert top["group"] in ("Agency", "Regulation") and len(top["reports"]) >= 10  # 国务院, a national law …
    rows.first.click()
    assert page.locator("#entity h3").text_content() == top["label"]
    assert page.locator("#entity .chip").count() == min(len(top["reports"]), 80)
    page.click('.tabs button[data-kind="Regulation"]')
    assert set(data["nodes"][int(k)]["group"] for k in page.locator(".shared-list li button").evaluate_all(
        "(bs) => bs.map((b) => b.dataset.node)")) == {"Regulation"}
    page.locator("#entity .chip").first.click()  # a report that names it: its network, the entity selected
    assert opened.js("window.lawgraphPage.mode") == "detail"
    assert page.locator("#details h2").text_content() == top["label"]
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_the_indicator_panel_charts_a_concept_across_jurisdictions_and_years(small_corpus, open_page):
    path, data = small_corpus
    opened = open_page(path)
    page = opened.page
    assert page.locator("#concept").input_value() == "1"  # 行政复议申请 (1 report … 3)
    assert page.locator("#concept option").all_text_contents() == ["行政复议申请 (3 reports)"]
    points = page.locator("#chart circle.point")
    assert points.count() == 3  # one figure a report: its first (120, not 7)
    assert page.locator("#chart polyline.series").count() == 1  # 江岸区 over 2021 and 2022
    heights = {int(r): float(y) for r, y in points.evaluate_all(
        "(cs) => cs.map((c) => [c.dataset.report, c.getAttribute('cy')])")}
    ids = {r["id"]: k for k, r in enumerate(data["reports"])}
    assert heights[ids["jiangan-2022"]] < heights[ids["jiangan-2021"]] < heights[ids["yichang-2022"]]  # 150, 120, 95.5
    points.first.hover()
    assert "件" in page.locator("#tooltip .title").text_content()
    assert page.locator("#ranking li").all_text_contents() == ["江岸区 2022150 件", "宜昌市 202295.5 件"]
    page.locator("#ranking li button").nth(1).click()  # 宜昌市 2022: its network, the figure selected
    assert opened.js("window.lawgraphPage.mode") == "detail"
    assert page.locator("#details h2").text_content() == "95.5件"
    assert page.locator("#details .names").text_content() == "收到行政复议申请"
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_the_indicator_panel_of_the_real_reports(real_corpus, open_page, tmp_path):
    """Draws what the build maps (lg:measures); says so where nothing is mapped yet."""
    path, data = real_corpus
    opened = open_page(path)
    indicators = data["corpus"]["indicators"]
    if not indicators["points"]:
        assert "no indicators mapped" in opened.page.locator("#chart").text_content()
        return
    concept = int(opened.page.locator("#concept").input_value())
    first: dict[int, str] = {}  # each report's first figure of the concept: its unit
    for c, r, _value, unit, _node in indicators["points"]:
        if c == concept:
            first.setdefault(r, unit)
    units = Counter(first.values())
    unit = min(units, key=lambda u: (-units[u], u))  # the commonest (the first by code point of those)
    charted = {r for r, u in first.items() if u == unit and data["reports"][r]["year"]}
    dots = opened.page.locator("#chart circle.point")
    assert dots.count() == len(charted) > 0
    assert {int(r) for r in dots.evaluate_all("(cs) => cs.map((c) => c.dataset.report)")} == charted
    assert opened.errors == [] and opened.blocked == []


@pytest.mark.browser
def test_without_concepts_the_panel_says_no_indicators_are_mapped(open_page, tmp_path):
    path = tmp_path / "hostile.html"
    view.write_page(hostile_store(), path)
    opened = open_page(path)
    assert "no indicators mapped" in opened.page.locator("#chart").text_content()
    assert opened.errors == []


@pytest.mark.browser
def test_a_set_of_many_reports_leaves_its_unlinked_nodes_out(real_corpus, open_page):
    path, data = real_corpus
    opened = open_page(path)
    opened.js("window.lawgraphPage.openReports(window.lawgraphPage.data.reports.map((_, r) => r))")
    left = opened.js("window.lawgraphPage.shown.left")
    assert left > 300 and f"{left} unlinked not drawn" in opened.page.locator("#status").text_content()
    drawn = opened.js("""(() => { const p = window.lawgraphPage;
      return p.shown.ids.filter((k) => p.data.nodes[k].group !== "Metric").length; })()""")
    entities = sum(n["group"] != "Metric" for n in data["nodes"])
    # Linked entities beyond the page's cap are left out too, the least named first, and the status counts them.
    capped = opened.js("window.lawgraphPage.shown.capped")
    assert drawn + left + capped == entities
    assert (f"{capped} less named not drawn" in opened.page.locator("#status").text_content()) == (capped > 0)
    # Search finds one left out; going to it draws it.
    unlinked = opened.js("""(() => { const p = window.lawgraphPage;
      return p.data.nodes.findIndex((n, k) => n.group !== "Metric" && !p.shown.drawn[k]); })()""")
    opened.js(f"window.lawgraphPage.reveal({unlinked})")
    assert opened.js(f"window.lawgraphPage.shown.drawn[{unlinked}]") == 1
    assert opened.page.locator("#details h2").text_content() == data["nodes"][unlinked]["label"]
    assert opened.errors == []


# ---------------------------------------------------------------------------------------- layout

def _layout(opened: OpenPage, groups: list[str], links: list[tuple[int, int]], satellites: dict[int, int]):
    return opened.js("""([groups, links, satellites]) => {
      const ids = groups.map((_, k) => k);
      const points = window.lawgraphPage.layout(ids, groups, links, new Map(satellites));
      return ids.map((k) => points.get(k));
    }""", [groups, links, [[int(a), b] for a, b in satellites.items()]])


@pytest.mark.browser
def test_layout_is_deterministic_and_keeps_nodes_apart(small_corpus, open_page):
    opened = open_page(small_corpus[0])
    groups = ["Agency"] * 40 + ["Regulation"] * 30 + ["Metric"] * 10
    links = [(k, k // 4) for k in range(1, 40)] + [(40, 3), (41, 3)]
    satellites = {70 + k: k for k in range(10)}
    first = _layout(opened, groups, links, satellites)
    assert first == _layout(opened, groups, links, satellites)
    laid = [p for k, p in enumerate(first) if k not in satellites]
    assert all(math.isfinite(c) for p in first for c in p)
    assert min(math.dist(a, b) for i, a in enumerate(laid) for b in laid[i + 1:]) > 10
    assert all(math.dist(first[s], first[a]) < 140 for s, a in satellites.items())


@pytest.mark.browser
@pytest.mark.parametrize("size", [2, 3, 10])
def test_a_chain_is_laid_out_at_the_length_of_a_line(small_corpus, open_page, size):
    opened = open_page(small_corpus[0])
    points = _layout(opened, ["Agency"] * size, [(k, k + 1) for k in range(size - 1)], {})
    lengths = [math.dist(points[k], points[k + 1]) for k in range(size - 1)]
    assert all(150 * 0.5 < length < 150 * 2 for length in lengths), lengths


@pytest.mark.browser
def test_layout_of_a_large_group_places_every_node_apart(small_corpus, open_page):
    opened = open_page(small_corpus[0])
    rng = random.Random(3)
    links = [(k, rng.randrange(k)) for k in range(1, 2000)]
    points = _layout(opened, ["Agency"] * 3000, links, {})
    assert len({tuple(p) for p in points}) == 3000
    linked = points[:2000]
    lengths = sorted(math.dist(linked[a], linked[b]) for a, b in links)
    assert 75 < lengths[len(lengths) // 2] < 300  # Barnes–Hut keeps lines about as long as a line should be
