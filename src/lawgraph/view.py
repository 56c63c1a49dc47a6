"""Graph → the offline page: a corpus view of many reports, and the network of one report or several.

The page reads the graph only (never the extraction). Everything that has an `lg:mention` is a node: entities
coloured and shaped by class and sized by how often they are named; metrics too, hidden until asked for.
Every relation between two nodes is a labelled edge. Nodes and edges carry the sentences they come from, each
sentence with its report and section.

With more than one report, the page also gets what its corpus view shows (`corpus`): the divisions the
reports are about, as their hierarchy, and the figures mapped to indicator concepts (`lg:measures`). What is
derived from nodes and sentences alone (the entities several reports share, the metrics stated beside an
entity, the network's positions) is left to the page, which works it out for what it shows: a corpus's page
is written in a few seconds, and opens on its corpus view without laying out a network nobody asked for.

The HTML is ours (assets/); vis-network is inlined from the copy pyvis ships, the one thing lawgraph takes from
pyvis: its page template fetches Bootstrap from a CDN and does not escape what it is given. Nothing the page
needs is fetched, so it opens from disk on an offline machine, and nothing from a report is ever read as markup.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import Store

from .errors import LawgraphError
from .fold import narrow, to_simplified
from .pagegraph import MEASURES, Metric, Node, PageGraph, paused_gc, read_store
from .vocab import DATA, ONTOLOGY, PREFIXES

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
DIVISIONS = ("Province", "City", "County")
# A node's fields as the page's data holds them, one row a node (names of every node would repeat otherwise).
NODE_FIELDS = ("iri", "label", "group", "names", "mentions", "reports", "sentences", "search")
_PART_OF = ONTOLOGY + "partOf"
_BROADER = PREFIXES["skos"] + "broader"
_DIVISION = DATA + "division/"
_MARKER = re.compile(r"\{\{[A-Z_]+\}\}")


def network_data(source: Store | PageGraph) -> dict:
    """The page's data, read from the graph (a store, or what a build gathered of it: pagegraph.Collector):
    its reports, nodes, relations and the sentences they come from; with more than one report, the corpus
    view's divisions and indicators too."""
    graph = source if isinstance(source, PageGraph) else read_store(source)
    with paused_gc():
        return _network_data(graph)


def _network_data(graph: PageGraph) -> dict:
    found = graph.nodes
    groups = {iri: group(node) for iri, node in found.items()}
    order = sorted(found, key=lambda iri: (groups[iri] in HIDDEN_CLASSES, -found[iri].mentions, iri))
    stated = sorted(iri for iri, metric in graph.metrics.items() if metric.mentions)
    stated.sort(key=lambda iri: -graph.metrics[iri].mentions)  # stable: by IRI where the counts tie
    index = {iri: i for i, iri in enumerate(order + stated)}
    report_index = {iri: i for i, iri in enumerate(graph.reports)}
    sentence_index: dict[str, int] = {}
    nodes = [_node_record(found[iri], groups[iri], report_index, sentence_index, graph) for iri in order]
    nodes += [_metric_record(iri, graph.metrics[iri], report_index, sentence_index, graph) for iri in stated]
    _add_search_forms(nodes)
    links = _Links(graph, index)
    edges = _relation_edges(graph, links.relations, index, sentence_index)
    reports = [{"label": report.label, "id": iri.rsplit("/", 1)[-1], "year": _year(report.year)}
               for iri, report in graph.reports.items()]
    data = {
        "lang": _language(found),
        "classes": _legend(set(groups.values()) | ({"Metric"} if stated else set())),
        "reports": reports,
        "sentences": [[text, report_index.get(report, -1), section]
                      for text, report, section in map(graph.sentences.__getitem__, sentence_index)],
        "nodes": nodes,
        "edges": edges,
    }
    if len(reports) > 1:
        data["corpus"] = {"divisions": _divisions(graph, links, index, report_index, reports),
                          "indicators": _indicators(graph, links, index, report_index, data["lang"])}
    return data


class _Links:
    """The graph's links, read once: the relations between two nodes (the page's edges), and those the corpus
    view reads (the divisions' hierarchy, the concepts metrics measure and those above them)."""

    def __init__(self, graph: PageGraph, index: dict[str, int]) -> None:
        self.relations: list[tuple[str, str, str]] = []
        self.part_of: dict[str, str] = {}  # division → the division above it (the least, if several)
        self.measured: dict[str, list[str]] = defaultdict(list)  # concept → its metrics
        self.broader: dict[str, str] = {}  # concept → the one above it (the least, if several)
        metrics, concepts, relations = graph.metrics, graph.concepts, self.relations
        for link in graph.links:
            subject, predicate, object_ = link
            if predicate == MEASURES:  # a metric → its concept, never drawn (a concept has no mention)
                if subject in metrics:
                    self.measured[object_].append(subject)
                continue
            if subject in index and object_ in index:
                relations.append(link)
            if predicate == _PART_OF:
                if object_ < self.part_of.get(subject, "\uffff"):
                    self.part_of[subject] = object_
            elif predicate == _BROADER:
                if object_ < self.broader.get(subject, "\uffff"):
                    self.broader[subject] = object_
            elif object_ in concepts and subject in metrics:
                self.measured[object_].append(subject)
        self.relations.sort()


def group(node: Node) -> str:
    """The class a node is drawn as: its lg: class; of several, one the page knows, the first by name (the
    same whatever order the graph was read in)."""
    known = [kind for kind in node.kinds if kind in CLASSES]
    return min(known or node.kinds, default="")


# ---------------------------------------------------------------------------------------- nodes and edges

def _node_record(node: Node, kind: str, report_index: dict[str, int], sentence_index: dict[str, int],
                 graph: PageGraph) -> dict:
    """A node as the page gets it, with every sentence that names it."""
    labels = sorted(name.value for name in node.labels)
    label = labels[0] if labels else node.texts[0] if node.texts else node.iri.rsplit("/", 1)[-1]
    known, add = graph.sentences, sentence_index.setdefault
    return {
        "iri": node.iri,
        "label": label,
        "group": kind,
        "names": list(dict.fromkeys([label, *labels, *sorted(name.value for name in node.alt_labels)])),
        "mentions": node.mentions,
        "reports": [report_index[r] for r in node.reports if r in report_index],
        "sentences": [add(s, len(sentence_index)) for s in node.sentences if s in known],
    }


def _metric_record(iri: str, metric: Metric, report_index: dict[str, int], sentence_index: dict[str, int],
                   graph: PageGraph) -> dict:
    """A metric as the page gets it: labelled as written (80.63萬件), named by what it counts."""
    sentence = metric.sentence
    return {
        "iri": iri,
        "label": metric.text if metric.text is not None else iri.rsplit("/", 1)[-1],
        "group": "Metric",
        "names": [t for t in (metric.indicator, metric.qualifier) if t is not None],
        "mentions": metric.mentions,
        "reports": [report_index[metric.report]] if metric.report in report_index else [],
        "sentences": [sentence_index.setdefault(sentence, len(sentence_index))]
        if sentence is not None and sentence in graph.sentences else [],
    }


def _add_search_forms(nodes: list[dict]) -> None:
    """Each node's names in simplified characters and half-width forms, where that changes them (`search`):
    the page's search finds 呂梁市 when 吕梁市 is typed. All names are converted at once (OpenCC in one call)."""
    names = list({name for node in nodes for name in (node["label"], *node["names"])})
    changed = {name: form for name, form in _simplified(names).items() if form != name}
    if not changed:
        return
    for node in nodes:
        written = (node["label"], *node["names"])
        forms = [changed[name] for name in written if name in changed]
        if forms:
            forms = [form for form in dict.fromkeys(forms) if form not in written]
            if forms:
                node["search"] = forms


def _simplified(names: list[str]) -> dict[str, str]:
    """name → its simplified, half-width form: one conversion of all the names joined by line breaks, or name
    by name where a name holds a line break of its own."""
    if any("\n" in name for name in names):
        return {name: to_simplified(narrow(name)) for name in names}
    converted = to_simplified(narrow("\n".join(names))).split("\n")
    if len(converted) != len(names):  # cannot happen: the conversion keeps every line (see fold.to_simplified)
        return {name: to_simplified(narrow(name)) for name in names}
    return dict(zip(names, converted, strict=True))


def _relation_edges(graph: PageGraph, relations: list[tuple[str, str, str]], index: dict[str, int],
                    sentence_index: dict[str, int]) -> list[dict]:
    """Every statement between two nodes, whatever its property, with the sentences the graph gives as its
    evidence (rdf:Statements' lg:evidence), or else the sentences that name both ends."""
    found, known, add = graph.nodes, graph.sentences, sentence_index.setdefault
    edges = []
    for subject, predicate, object_ in relations:
        shared = graph.evidence.get((subject, predicate, object_)) or _shared(found[subject].sentences,
                                                                              found[object_].sentences)
        edges.append({"from": index[subject], "to": index[object_], "label": relation_label(predicate),
                      "sentences": [add(s, len(sentence_index)) for s in shared if s in known]})
    return edges


def _shared(first: dict[str, None], second: dict[str, None]) -> list[str]:
    if len(second) < len(first):
        return [s for s in second if s in first]
    return [s for s in first if s in second]


def _legend(groups: set[str]) -> dict[str, dict]:
    """Colour, shape and label of each class; a class lawgraph does not know yet gets a neutral look."""
    known = {kind: {"color": c, "shape": s, "label": label, "hidden": kind in HIDDEN_CLASSES}
             for kind, (c, s, label) in CLASSES.items()}
    other = {kind: {"color": OTHER_CLASS[0], "shape": OTHER_CLASS[1], "label": kind, "hidden": False}
             for kind in sorted(groups - CLASSES.keys())}
    return known | other


@lru_cache(maxsize=256)
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


def _year(year: str | None) -> int | None:
    return int(year[:4]) if year and year[:4].isdigit() else None


# ---------------------------------------------------------------------------------------- the corpus view

def _divisions(graph: PageGraph, links: _Links, index: dict[str, int], report_index: dict[str, int],
               reports: list[dict]) -> list[dict]:
    """The divisions the reports are about (their lg:jurisdiction) and those above them, depth first, each
    with its reports. Above a division is what lg:partOf says; where the graph says nothing (a county report
    that never names its city), the national gazetteer, by the division's code."""
    parent_of = links.part_of
    members: dict[str, str | None] = {}  # division → the one above it
    own: dict[str, list[int]] = defaultdict(list)
    for iri, report in graph.reports.items():
        if report.jurisdiction is None:
            continue
        own[report.jurisdiction].append(report_index[iri])
        division: str | None = report.jurisdiction
        while division is not None and division not in members:
            above = parent_of.get(division) or _gazetteer_parent(_code(graph, division))
            members[division] = above
            division = above
    children: dict[str | None, list[str]] = defaultdict(list)
    for division, above in members.items():
        children[above if above in members else None].append(division)
    ordered: list[dict] = []
    position: dict[str, int] = {}

    def visit(division: str, parent: int | None) -> None:
        position[division] = len(ordered)
        reports_here = sorted(own.get(division, ()), key=lambda r: (reports[r]["year"] or 0, reports[r]["id"]))
        ordered.append({"iri": division, "code": _code(graph, division), **_division_name(graph, division),
                        "parent": parent, "node": index.get(division), "reports": reports_here})
        for child in sorted(children.get(division, ()), key=lambda d: (_code(graph, d), d)):
            visit(child, position[division])

    for top in sorted(children.get(None, ()), key=lambda d: (_code(graph, d), d)):
        visit(top, None)
    for k, record in enumerate(ordered):
        for r in record["reports"]:
            reports[r]["division"] = k
    return ordered


def _code(graph: PageGraph, division: str) -> str:
    if division in graph.adcodes:
        return graph.adcodes[division]
    return division[len(_DIVISION):] if division.startswith(_DIVISION) else ""


def _division_name(graph: PageGraph, division: str) -> dict:
    """Its name as the reports write it (its label), else as the gazetteer does; its level."""
    node = graph.nodes.get(division)
    known = _gazetteer_division(_code(graph, division))
    labels = sorted(name.value for name in node.labels) if node is not None else []
    level = group(node) if node is not None else (known.level if known else "")
    name = labels[0] if labels else (known.name if known else division.rsplit("/", 1)[-1])
    return {"name": name, "level": level}


def _gazetteer_division(code: str):
    if not code.isdigit():
        return None
    from .gazetteer import load

    return load().by_code.get(code)


def _gazetteer_parent(code: str) -> str | None:
    known = _gazetteer_division(code)
    return _DIVISION + known.parent if known is not None and known.parent else None


def _indicators(graph: PageGraph, links: _Links, index: dict[str, int], report_index: dict[str, int],
                lang: str) -> dict:
    """The concepts metrics measure (lg:measures, or any link from a metric to a skos:Concept) and those above
    them; the figures, one row each: [concept, report, value, unit, metric node], in concept, report and text
    order. Empty where no metric is mapped."""
    measured, broader = links.measured, links.broader
    wanted: dict[str, None] = {}
    for concept in sorted(measured):
        while concept is not None and concept not in wanted:
            wanted[concept] = None
            concept = broader.get(concept)
    concepts = sorted(wanted, key=lambda c: (_notation(graph, c), c))
    position = {concept: k for k, concept in enumerate(concepts)}
    points = []
    for concept in concepts:
        for metric in sorted(measured.get(concept, ()), key=_text_order):
            figure = graph.metrics[metric]
            value = _number(figure.value)
            report = report_index.get(figure.report or "")
            if metric in index and value is not None and report is not None:
                points.append([position[concept], report, value, figure.unit or "", index[metric]])
    points.sort(key=lambda p: (p[0], p[1]))  # stable: text order within a report
    return {"concepts": [_concept_record(graph, concept, position, broader, lang) for concept in concepts],
            "points": points}


def _notation(graph: PageGraph, concept: str) -> str:
    known = graph.concepts.get(concept)
    return known.notation if known is not None and known.notation else concept.rsplit("/", 1)[-1]


def _text_order(metric: str) -> tuple:
    """Metrics are minted as lgr:report/{id}/metric/{offset}: text order is the offset's."""
    report, _, offset = metric.rpartition("/")
    return (report, int(offset), "") if offset.isdigit() else (report, 1 << 62, offset)


def _number(value: str | None) -> float | int | None:
    """lg:value (an xsd:decimal) as a JSON number: an integer where it is one."""
    if value is None:
        return None
    try:
        if "." not in value and "e" not in value.lower():
            return int(value)
        number = Decimal(value)
    except (ValueError, InvalidOperation):
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() and abs(number) < 1 << 53 else float(number)


def _concept_record(graph: PageGraph, concept: str, position: dict[str, int], broader: dict[str, str],
                    lang: str) -> dict:
    known = graph.concepts.get(concept)
    labels = {name.language: name.value for name in sorted(known.labels, key=lambda n: (n.language or "", n.value))
              } if known else {}
    lowered = {tag.lower(): label for tag, label in labels.items()}
    mine = lowered.get(lang.lower()) or lowered.get("zh-hans") or lowered.get("zh-hant") or lowered.get("zh")
    english = lowered.get("en")
    kind = known.kind.rsplit("#", 1)[-1] if known is not None and known.kind else None
    return {"iri": concept, "label": mine or english or _notation(graph, concept), "en": english,
            "kind": kind, "broader": position.get(broader.get(concept, ""))}


# ---------------------------------------------------------------------------------------- the page

@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        folder = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    else:
        folder = resources.files("lawgraph.assets")
    return folder.joinpath(name).read_text(encoding="utf-8")


def embedded(data: dict) -> dict:
    """The data as the page holds it: nodes as rows of NODE_FIELDS, their IRIs relative to lgr: (the page
    reads them back as network_data gives them, `decode_embedded` does the same in Python)."""
    strip = len(DATA)
    rows = []
    for node in data["nodes"]:
        row = [node.get(name) for name in NODE_FIELDS]
        if row[0].startswith(DATA):
            row[0] = row[0][strip:]
        rows.append(row)
    return {**data, "base": DATA, "nodes": {"fields": list(NODE_FIELDS), "rows": rows}}


def decode_embedded(page_data: dict) -> dict:
    """The page's data as network_data gave it (for tests and tools that read a written page)."""
    fields, base = page_data["nodes"]["fields"], page_data["base"]
    nodes = []
    for row in page_data["nodes"]["rows"]:
        node = {name: value for name, value in zip(fields, row, strict=True) if value is not None}
        if not node["iri"].startswith(("http:", "https:", "urn:")):
            node["iri"] = base + node["iri"]
        nodes.append(node)
    return {k: v for k, v in page_data.items() if k != "base"} | {"nodes": nodes}


def _script_json(value: object) -> Iterator[str]:
    """JSON safe inside <script>: no '</' or '<!--' can close or confuse the element. In pieces (a corpus's
    page data is tens of megabytes, never held whole, escaped or not), which join to one json.dumps."""
    for part in _json_parts(value):
        yield part.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _json_parts(value: object, batch: int = 2000) -> Iterator[str]:
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
    """The page's HTML: one self-contained document."""
    return "".join(_page_parts(data, title))


def _page_parts(data: dict, title: str) -> Iterator[str]:
    replacements = {
        "{{LANG}}": lambda: [html.escape(data.get("lang", "zh"))],
        "{{TITLE}}": lambda: [html.escape(title)],
        "{{PAGE_CSS}}": lambda: [_asset("page.css")],
        "{{VIS_JS}}": lambda: [_asset("vis-network.min.js")],
        "{{PAGE_JS}}": lambda: [_asset("page.js")],
        "{{DATA}}": lambda: _script_json(embedded(data)),
    }
    # One pass over the template, so that nothing inserted is read again as a marker.
    template, at = _asset("page.html"), 0
    for marker in _MARKER.finditer(template):
        yield template[at:marker.start()]
        yield from replacements[marker.group()]()
        at = marker.end()
    yield template[at:]


def write_page(source: Store | PageGraph, path: Path, title: str = "lawgraph", jobs: int = 1) -> None:
    """Write the page of the graph in `source` (a store, or what pagegraph gathered of a graph: a PageGraph
    given is used up, emptied as the page is written) to `path` (UTF-8, self-contained), whole or not at all.
    (`jobs` is accepted and unused: the page lays out in the browser what it shows.)"""
    del jobs
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    # Hundreds of thousands of records live only while the page is written: the cycle collector waits until
    # they are gone (pagegraph.paused_gc), and what was read of the graph goes as soon as they are made.
    with paused_gc():
        graph = source if isinstance(source, PageGraph) else read_store(source)
        data = network_data(graph)
        _empty(graph)
        try:
            with partial.open("w", encoding="utf-8") as page:
                page.writelines(_page_parts(data, title))
            os.replace(partial, path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise LawgraphError(f"{path}: cannot write the page ({exc.strerror or exc})") from None
        finally:
            del data


def _empty(graph: PageGraph) -> None:
    for part in (graph.nodes, graph.reports, graph.sentences, graph.metrics, graph.links, graph.evidence,
                 graph.adcodes, graph.concepts):
        part.clear()


def iframe(page: str, height: int = 640) -> str:
    """The page inside an <iframe srcdoc>, for a notebook: no file path, so it shows in any front end
    (Jupyter, VS Code, Colab, a remote kernel). Sandboxed: its scripts run, in an origin of their own."""
    style = f"width:100%;height:{int(height)}px;border:1px solid #ddd"
    return (f'<div class="lawgraph-page"><iframe srcdoc="{html.escape(page, quote=True)}" style="{style}" '
            'sandbox="allow-scripts"></iframe></div>')
