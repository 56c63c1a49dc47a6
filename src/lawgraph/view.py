"""Graph → the offline network page.

The page reads the graph only (never the extraction). Everything that has an `lg:mention` is a node: entities
coloured and shaped by class and sized by how often they are named; metrics too, hidden until asked for and
folded into the entities named in their sentences. Every relation between two nodes is a labelled edge. Nodes
and edges carry the sentences they come from, with report and section.

Positions are computed here (`layout.positions`), so the browser draws at once with physics off. The HTML is
ours (assets/); vis-network is inlined from the copy pyvis ships, the one thing lawgraph takes from pyvis: its
page template fetches Bootstrap from a CDN and does not escape what it is given. Nothing the page needs is
fetched, so it opens from disk on an offline machine, and nothing from a report is ever read as markup.
"""

from __future__ import annotations

import html
import json
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

from pyoxigraph import Store

from . import layout
from .errors import LawgraphError
from .fold import fold
from .pagegraph import Node, PageGraph, read_store

CLASSES = {
    # class: (colour, shape, legend label). Shapes repeat what the hues say, for eyes that mix them up.
    "Agency": ("#d1495b", "dot", "Agency 机关"),
    "Regulation": ("#2e86ab", "square", "Regulation 法规文件"),
    "Publication": ("#8d99ae", "square", "Publication 出版物"),
    "Program": ("#edae49", "diamond", "Program 工作项目"),
    "Province": ("#1b5e20", "triangle", "Province 省"),
    "City": ("#43a047", "triangle", "City 市"),
    "County": ("#9bc53d", "triangle", "County 县区"),
    "Person": ("#7b2cbf", "star", "Person 人物"),
    "Metric": ("#6c757d", "box", "Metric 数据"),
}
OTHER_CLASS = ("#adb5bd", "ellipse")
HIDDEN_CLASSES = ("Metric",)  # shown on demand: 133 metrics would drown 115 entities
MAX_SENTENCES = 5  # per node, in text order; the count of all mentions is kept
MAX_EDGE_SENTENCES = 2
MAX_METRICS = 8  # folded into an entity
MAX_CONTEXT_LINKS = 3  # entities a metric without a relation is tied to, from its sentence
_MARKER = re.compile(r"\{\{[A-Z_]+\}\}")

def network_data(source: Store | PageGraph) -> dict:
    """Nodes, edges, sentences, reports and legend of the page, read from the graph (without positions): the
    graph in a store, or what a build gathered of it (pagegraph.Collector)."""
    graph = source if isinstance(source, PageGraph) else read_store(source)
    found, reports = graph.nodes, graph.reports
    order = sorted(found, key=lambda iri: _rank(found[iri]))
    index = {iri: i for i, iri in enumerate(order)}
    table = _SentenceTable(graph.sentences, list(reports))
    report_index = {iri: i for i, iri in enumerate(reports)}
    nodes = [_node_record(found[iri], report_index, table, graph.metrics.get(iri, [])) for iri in order]
    edges = _relation_edges(graph, index, table)
    edges += _context_edges(order, found, index, edges)
    _fold_metrics(nodes, order, found, index)
    return {
        "lang": _language(found),
        "classes": _legend({node["group"] for node in nodes}),
        "reports": list(reports.values()),
        "sentences": table.rows,
        "nodes": nodes,
        "edges": edges,
    }


def group(node: Node) -> str:
    """The class a node is drawn as: its lg: class; of several, one the page knows, the first by name (the
    same whatever order the graph was read in)."""
    known = [kind for kind in node.kinds if kind in CLASSES]
    return min(known or node.kinds, default="")


def _rank(node: Node) -> tuple:
    """Most-named first, the hidden classes last: node ids follow this order, and so do grids."""
    return group(node) in HIDDEN_CLASSES, -len(node.mentions), node.iri


class _SentenceTable:
    """The sentences the page shows, each once: rows of [text, report index, section]."""

    def __init__(self, sentences: dict[str, tuple[str, str, str]], reports: list[str]) -> None:
        self._sentences = sentences
        self._report_index = {iri: i for i, iri in enumerate(reports)}
        self._index: dict[str, int] = {}
        self.rows: list[list] = []

    def add(self, iri: str) -> int | None:
        if iri not in self._index:
            if iri not in self._sentences:
                return None
            text, report, section = self._sentences[iri]
            self._index[iri] = len(self.rows)
            self.rows.append([text, self._report_index.get(report, -1), section])
        return self._index[iri]

    def add_all(self, iris: Iterable[str], limit: int) -> list[int]:
        indices = (self.add(iri) for iri in islice(iris, limit))
        return [i for i in indices if i is not None]


# ---------------------------------------------------------------------------------------- nodes and edges

def _node_record(node: Node, report_index: dict[str, int], table: _SentenceTable, counts: list[str]) -> dict:
    """A node as the page gets it. A metric is labelled as written (80.63萬件), named by what it counts."""
    labels = sorted(name.value for name in node.labels)
    as_written = node.texts[0] if node.texts else node.iri.rsplit("/", 1)[-1]
    kind = group(node)
    if kind == "Metric":
        label, names = as_written, counts
    else:
        label = labels[0] if labels else as_written
        names = list(dict.fromkeys([label, *labels, *sorted(name.value for name in node.alt_labels)]))
    record = {
        "iri": node.iri,
        "label": label,
        "group": kind,
        "names": names,
        "mentions": len(node.mentions),
        "reports": [report_index[r] for r in node.reports if r in report_index],
        "sentences": table.add_all(node.sentences, MAX_SENTENCES),
        "value": 1 + math.log(max(len(node.mentions), 1)),
    }
    folded = _folded([label, *names])
    if folded:
        record["search"] = folded
    return record


def _folded(names: list[str]) -> list[str]:
    """The names in simplified characters and half-width forms, where that changes them: the page's search
    finds 呂梁市 when 吕梁市 is typed."""
    return [f for f in dict.fromkeys(map(_folded_name, names)) if f not in names]


@lru_cache(maxsize=1 << 16)
def _folded_name(name: str) -> str:
    """Cached: a corpus repeats names (a metric is named by its indicator, the same in many reports)."""
    return fold(name).text


def _relation_edges(graph: PageGraph, index: dict[str, int], table: _SentenceTable) -> list[dict]:
    """Every statement between two nodes, whatever its property, with the sentence the graph gives as its
    evidence (an rdf:Statement's lg:evidence), or else the sentences that name both ends."""
    found = graph.nodes
    edges = []
    for subject, predicate, object_ in sorted(s for s in graph.links if s[0] in index and s[2] in index):
        shared = graph.evidence.get((subject, predicate, object_)) or _shared(found[subject].sentences,
                                                                              found[object_].sentences)
        edges.append({"from": index[subject], "to": index[object_], "label": relation_label(predicate),
                      "sentences": table.add_all(shared, MAX_EDGE_SENTENCES)})
    return edges


def _shared(first: dict[str, None], second: dict[str, None]) -> list[str]:
    return [s for s in first if s in second]


def _context_edges(order: list[str], found: dict[str, Node], index: dict[str, int],
                   edges: list[dict]) -> list[dict]:
    """A metric with no relation of its own is tied to the entities named in its sentence (dashed)."""
    linked = {e["from"] for e in edges} | {e["to"] for e in edges}
    named_in = _entities_by_sentence(order, found)
    context = []
    for iri in order:
        node = found[iri]
        if group(node) != "Metric" or index[iri] in linked:
            continue
        near = list(dict.fromkeys(e for s in node.sentences for e in named_in.get(s, ())))
        context += [{"from": index[iri], "to": index[entity], "label": "same sentence", "context": True,
                     "sentences": []} for entity in near[:MAX_CONTEXT_LINKS]]
    return context


def _entities_by_sentence(order: list[str], found: dict[str, Node]) -> dict[str, list[str]]:
    named_in: dict[str, list[str]] = defaultdict(list)
    for iri in order:
        if group(found[iri]) != "Metric":
            for sentence in found[iri].sentences:
                named_in[sentence].append(iri)
    return named_in


def _fold_metrics(nodes: list[dict], order: list[str], found: dict[str, Node],
                  index: dict[str, int]) -> None:
    """Each entity lists the metrics stated in the sentences that name it."""
    metrics_in: dict[str, list[int]] = defaultdict(list)
    for iri in order:
        if group(found[iri]) == "Metric":
            for sentence in found[iri].sentences:
                metrics_in[sentence].append(index[iri])
    for iri, record in zip(order, nodes, strict=True):
        if record["group"] != "Metric":
            folded = dict.fromkeys(m for s in found[iri].sentences for m in metrics_in.get(s, ()))
            record["metrics"] = list(folded)[:MAX_METRICS]


def _legend(groups: set[str]) -> dict[str, dict]:
    """Colour, shape and label of each class; a class lawgraph does not know yet gets a neutral look."""
    known = {kind: {"color": c, "shape": s, "label": label, "hidden": kind in HIDDEN_CLASSES}
             for kind, (c, s, label) in CLASSES.items()}
    other = {kind: {"color": OTHER_CLASS[0], "shape": OTHER_CLASS[1], "label": kind, "hidden": False}
             for kind in sorted(groups - CLASSES.keys())}
    return known | other


def relation_label(iri: str) -> str:
    """issuedBy → 'issued by': the property's local name, read as words."""
    local = re.split(r"[#/]", iri)[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()


def _language(found: dict[str, Node]) -> str:
    """The script most labels are written in (zh-Hant or zh-Hans), for the page's lang attribute."""
    tags = Counter(name.language for node in found.values() for name in node.labels if name.language)
    if not tags:
        return "zh"
    tag = tags.most_common(1)[0][0]
    return "-".join(part.title() if len(part) == 4 else part for part in tag.split("-"))


# ---------------------------------------------------------------------------------------- the page

def with_positions(data: dict, jobs: int = 1) -> dict:
    """The data with x, y on every node: entities laid out together, each metric beside its first entity
    (`jobs`: processes for the layout of a large graph)."""
    nodes = data["nodes"]
    satellites: dict[int, int] = {}
    for edge in data["edges"]:
        source, target = edge["from"], edge["to"]
        if nodes[source]["group"] in HIDDEN_CLASSES and nodes[target]["group"] not in HIDDEN_CLASSES:
            satellites.setdefault(source, target)
    links = [(e["from"], e["to"]) for e in data["edges"]]
    points = layout.positions([n["group"] for n in nodes], links, satellites, jobs=jobs)
    placed = [dict(node, x=round(x, 1), y=round(y, 1)) for node, (x, y) in zip(nodes, points, strict=True)]
    return dict(data, nodes=placed)


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        folder = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    else:
        folder = resources.files("lawgraph.assets")
    return folder.joinpath(name).read_text(encoding="utf-8")


def _script_json(value: object) -> Iterator[str]:
    """JSON safe inside <script>: no '</' or '<!--' can close or confuse the element. In pieces (a corpus's
    page data is tens of megabytes, never held whole, escaped or not), which join to one json.dumps."""
    for part in _json_parts(value):
        yield part.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _json_parts(value: object, batch: int = 1000) -> Iterator[str]:
    """Compact JSON of `value`: dicts key by key, long lists `batch` items at a time."""
    if isinstance(value, dict):
        yield "{"
        for k, (key, item) in enumerate(value.items()):
            yield ("," if k else "") + _json(str(key)) + ":"
            yield from _json_parts(item, batch)
        yield "}"
    elif isinstance(value, list) and len(value) > batch:
        yield "["
        for start in range(0, len(value), batch):
            yield ("," if start else "") + _json(value[start:start + batch])[1:-1]
        yield "]"
    else:
        yield _json(value)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def render(data: dict, title: str = "lawgraph") -> str:
    """The page's HTML: one self-contained document (positions are computed if the data has none)."""
    return "".join(_page_parts(data, title, jobs=1))


def _page_parts(data: dict, title: str, jobs: int) -> Iterator[str]:
    if data["nodes"] and "x" not in data["nodes"][0]:
        data = with_positions(data, jobs)
    replacements = {
        "{{LANG}}": lambda: [html.escape(data.get("lang", "zh"))],
        "{{TITLE}}": lambda: [html.escape(title)],
        "{{PAGE_CSS}}": lambda: [_asset("page.css")],
        "{{VIS_JS}}": lambda: [_asset("vis-network.min.js")],
        "{{PAGE_JS}}": lambda: [_asset("page.js")],
        "{{DATA}}": lambda: _script_json(data),
    }
    # One pass over the template, so that nothing inserted is read again as a marker.
    template, at = _asset("page.html"), 0
    for marker in _MARKER.finditer(template):
        yield template[at:marker.start()]
        yield from replacements[marker.group()]()
        at = marker.end()
    yield template[at:]


def write_page(source: Store | PageGraph, path: Path, title: str = "lawgraph", jobs: int = 1) -> None:
    """Write the page of the graph in `source` (a store, or what pagegraph gathered of a graph) to `path`
    (UTF-8, self-contained), whole or not at all; a large graph is laid out by `jobs` processes."""
    path = Path(path)
    data = network_data(source)
    del source  # what was read of the graph: not needed to lay out and write the page
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8") as page:
            page.writelines(_page_parts(data, title, jobs))
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise LawgraphError(f"{path}: cannot write the page ({exc.strerror or exc})") from None


def iframe(page: str, height: int = 640) -> str:
    """The page inside an <iframe srcdoc>, for a notebook: no file path, so it shows in any front end
    (Jupyter, VS Code, Colab, a remote kernel). Sandboxed: its scripts run, in an origin of their own."""
    style = f"width:100%;height:{int(height)}px;border:1px solid #ddd"
    return (f'<div class="lawgraph-page"><iframe srcdoc="{html.escape(page, quote=True)}" style="{style}" '
            'sandbox="allow-scripts"></iframe></div>')
