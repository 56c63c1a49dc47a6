"""The page, from the parts of its reports (pagegraph.ReportPart): a corpus view of many reports, and the network
of one report or several.

The page reads the graph only (never the extraction). Everything that has an `lg:mention` is a node: entities
coloured and shaped by class and sized by how often they are named; metrics too, hidden until asked for.
Every relation between two nodes is a labelled edge. Nodes and edges carry the sentences they come from, each
sentence with its report and section.

The page holds each report's part as its worker wrote it, and merges the parts as it opens (a node named by
several reports is one node); `merge` does the same in Python, and `network_data` gives the merged data (the
notebook reads it). With more than one report, the page also gets what its corpus view shows: the divisions
the reports are about, as their hierarchy, and the figures mapped to indicator concepts (`lg:measures`). What
is derived from nodes and sentences alone (the entities several reports share, the metrics stated beside an
entity, the network's positions) is left to the page, which works it out for what it shows: a corpus's page is
written in a few seconds, and opens on its corpus view without laying out a network nobody asked for.

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
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import Store

from .errors import LawgraphError
from .pagegraph import Collector, ReportPart, paused_gc, relation_label
from .vocab import DATA

__all__ = ["CLASSES", "HIDDEN_CLASSES", "iframe", "merge", "network_data", "relation_label", "render", "write_page"]

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
# A node's fields as a page's data holds merged nodes, one row a node (a page made by `render`).
NODE_FIELDS = ("iri", "label", "group", "names", "mentions", "reports", "sentences", "search")
_DIVISION = DATA + "division/"
_MARKER = re.compile(r"\{\{[A-Z_]+\}\}")


def parts_of(source: Store | Collector | Sequence[ReportPart]) -> list[ReportPart]:
    """The parts of the reports in `source`: a store (read whole), a collector, or parts already made."""
    if isinstance(source, Collector):
        return source.graph()
    if isinstance(source, Store):
        collector = Collector()
        collector.add(source)
        return collector.graph()
    return list(source)


def network_data(source: Store | Collector | Sequence[ReportPart]) -> dict:
    """The page's data, merged: its reports, nodes, relations and the sentences they come from, with more than
    one report the corpus view's divisions and indicators too. What the page works out as it opens."""
    parts = parts_of(source)
    with paused_gc():
        data = overview(parts)
        merged, rows = merge(parts)
        return _figures_as_nodes({**data, **merged}, rows)


def _figures_as_nodes(data: dict, rows: list[list[int]]) -> dict:
    """The indicators' figures with the merged node of each (the page's data gives its row in its report's part)."""
    if "corpus" in data:
        indicators = data["corpus"]["indicators"]
        indicators["points"] = [[c, r, value, unit, rows[r][row]] for c, r, value, unit, row in indicators["points"]]
    return data


def group(kinds: Sequence[str]) -> str:
    """The class a node is drawn as: its lg: class; of several, one the page knows, the first by name (the
    same whatever order the graph was read in)."""
    known = [kind for kind in kinds if kind in CLASSES]
    return min(known or kinds, default="")


# ---------------------------------------------------------------------------------------- merging the parts

def merge(parts: Sequence[ReportPart]) -> tuple[dict, list[list[int]]]:
    """The parts' nodes, edges and sentences as one graph (what page.js does as the page opens): a node that
    several reports name is one node, with the mentions, reports and sentences of all; an edge several state is
    one edge. Nodes and edges in the order met. Also each part's node rows as merged nodes."""
    nodes: list[dict] = []
    index: dict[str, int] = {}
    sentences: list[list] = []
    pending: list[tuple[int, int | str, str, list[int]]] = []
    rows: list[list[int]] = []
    for r, part in enumerate(parts):
        data = json.loads(part.json)
        offset = len(sentences)
        sentences += [[text, r, section] for text, section in data["sentences"]]
        ids = []
        for iri, kinds, labels, alts, text, mentions, said, search in data["nodes"]:
            iri = _absolute(iri)
            k = index.get(iri)
            if k is None:
                k = index[iri] = len(nodes)
                nodes.append({"iri": iri, "kinds": [], "labels": {}, "alts": {}, "text": text, "mentions": 0,
                              "reports": [], "sentences": [], "search": {}})
            node = nodes[k]
            node["kinds"] += [kind for kind in kinds if kind not in node["kinds"]]
            node["labels"].update(dict.fromkeys(labels))
            node["alts"].update(dict.fromkeys(alts))
            node["text"] = node["text"] or text
            node["mentions"] += mentions
            node["reports"].append(r)
            node["sentences"] += [offset + s for s in said]
            node["search"].update(dict.fromkeys(search))
            ids.append(k)
        pending += [(ids[a], ids[b] if isinstance(b, int) else _absolute(b), label, [offset + s for s in said])
                    for a, b, label, said in data["edges"]]
        rows.append(ids)
    return {"sentences": sentences, "nodes": [_node(node) for node in nodes],
            "edges": _edges(pending, index, nodes)}, rows


def _absolute(iri: str) -> str:
    return iri if iri.startswith(("http:", "https:", "urn:")) else DATA + iri


def _node(node: dict) -> dict:
    kind = group(node["kinds"])
    fallback = node["text"] or node["iri"].rsplit("/", 1)[-1]
    if kind == "Metric":
        label, names = fallback, list(node["alts"])
    else:
        labels = sorted(node["labels"])
        label = labels[0] if labels else fallback
        names = list(dict.fromkeys([label, *labels, *sorted(node["alts"])]))
    record = {"iri": node["iri"], "label": label, "group": kind, "names": names, "mentions": node["mentions"],
              "reports": node["reports"], "sentences": node["sentences"]}
    search = [form for form in node["search"] if form != label and form not in names]
    if search:
        record["search"] = search
    return record


def _edges(pending: list, index: dict[str, int], nodes: list[dict]) -> list[dict]:
    """Edges between two nodes (an end another report names, found by its IRI), each once, with the sentences
    that state it, or else those that name both ends."""
    edges: dict[tuple[int, str, int], dict] = {}
    for a, b, label, said in pending:
        b = b if isinstance(b, int) else index.get(b)
        if b is None:
            continue
        edge = edges.get((a, label, b))
        if edge is None:
            edges[a, label, b] = {"from": a, "to": b, "label": label, "sentences": said}
        else:
            edge["sentences"] += [s for s in said if s not in edge["sentences"]]
    for edge in edges.values():
        if not edge["sentences"]:
            both = set(nodes[edge["to"]]["sentences"])
            edge["sentences"] = [s for s in nodes[edge["from"]]["sentences"] if s in both]
    return sorted(edges.values(), key=lambda edge: (edge["from"], edge["to"], edge["label"]))


# ---------------------------------------------------------------------------------------- what is not merged

def overview(parts: Sequence[ReportPart]) -> dict:
    """What the page knows of its reports besides their parts: the script, the legend, the reports, and with
    more than one, the corpus view's divisions and indicators (a figure's node: its row in its report's part)."""
    tags: Counter = Counter()
    kinds: set[str] = set()
    for part in parts:
        tags.update(part.tags)
        kinds.update(part.kinds)
    reports = [{"label": part.label, "id": part.iri.rsplit("/", 1)[-1], "year": _year(part.year)} for part in parts]
    data = {"lang": _language(tags), "classes": _legend({group([kind]) for kind in kinds}), "known": list(CLASSES),
            "reports": reports}
    if len(parts) > 1:
        data["corpus"] = {"divisions": _divisions(parts, reports), "indicators": _indicators(parts, data["lang"])}
    return data


def _legend(groups: set[str]) -> dict[str, dict]:
    """Colour, shape and label of each class; a class lawgraph does not know yet gets a neutral look."""
    known = {kind: {"color": c, "shape": s, "label": label, "hidden": kind in HIDDEN_CLASSES}
             for kind, (c, s, label) in CLASSES.items()}
    other = {kind: {"color": OTHER_CLASS[0], "shape": OTHER_CLASS[1], "label": kind, "hidden": False}
             for kind in sorted(groups - CLASSES.keys() - {""})}
    return known | other


def _language(tags: Counter) -> str:
    """The script most labels are written in (zh-Hant or zh-Hans), for the page's lang attribute."""
    if not tags:
        return "zh"
    tag = max(sorted(tags), key=lambda t: tags[t])
    return "-".join(part.title() if len(part) == 4 else part for part in tag.split("-"))


def _year(year: str | None) -> int | None:
    return int(year[:4]) if year and year[:4].isdigit() else None


def _divisions(parts: Sequence[ReportPart], reports: list[dict]) -> list[dict]:
    """The divisions the reports are about (their lg:jurisdiction) and those above them, depth first, each
    with its reports. Above a division is what lg:partOf says; where the graph says nothing (a county report
    that never names its city), the national gazetteer, by the division's code."""
    places: dict[str, tuple] = {}  # division → (its labels in every report, level, code, the division above)
    for part in parts:
        for division, (labels, level, code, above) in part.places.items():
            known = places.get(division)
            places[division] = (labels, level, code, above) if known is None else \
                (sorted({*known[0], *labels}), known[1], known[2] or code, min(filter(None, (known[3], above)),
                                                                                default=None))
    members: dict[str, str | None] = {}  # division → the one above it
    own: dict[str, list[int]] = defaultdict(list)
    for r, part in enumerate(parts):
        if part.jurisdiction is None:
            continue
        own[part.jurisdiction].append(r)
        division: str | None = part.jurisdiction
        while division is not None and division not in members:
            above = (places[division][3] if division in places else None) or \
                _gazetteer_parent(_code(places, division))
            members[division] = above
            division = above
    children: dict[str | None, list[str]] = defaultdict(list)
    for division, above in members.items():
        children[above if above in members else None].append(division)
    ordered: list[dict] = []
    position: dict[str, int] = {}

    def visit(division: str, parent: int | None) -> None:
        position[division] = len(ordered)
        here = sorted(own.get(division, ()), key=lambda r: (reports[r]["year"] or 0, reports[r]["id"]))
        ordered.append({"iri": division, "code": _code(places, division), **_division_name(places, division),
                        "parent": parent, "reports": here})
        for child in sorted(children.get(division, ()), key=lambda d: (_code(places, d), d)):
            visit(child, position[division])

    for top in sorted(children.get(None, ()), key=lambda d: (_code(places, d), d)):
        visit(top, None)
    for k, record in enumerate(ordered):
        for r in record["reports"]:
            reports[r]["division"] = k
    return ordered


def _code(places: dict[str, tuple], division: str) -> str:
    if division in places and places[division][2]:
        return places[division][2]
    return division[len(_DIVISION):] if division.startswith(_DIVISION) else ""


def _division_name(places: dict[str, tuple], division: str) -> dict:
    """Its name as the reports write it (its label), else as the gazetteer does; its level."""
    if division in places:
        labels = places[division][0]
        return {"name": labels[0] if labels else division.rsplit("/", 1)[-1], "level": places[division][1]}
    known = _gazetteer_division(_code(places, division))
    return {"name": known.name if known else division.rsplit("/", 1)[-1], "level": known.level if known else ""}


def _gazetteer_division(code: str):
    if not code.isdigit():
        return None
    from .gazetteer import load

    return load().by_code.get(code)


def _gazetteer_parent(code: str) -> str | None:
    known = _gazetteer_division(code)
    return _DIVISION + known.parent if known is not None and known.parent else None


def _indicators(parts: Sequence[ReportPart], lang: str) -> dict:
    """The concepts metrics measure and those above them; the figures, one row each: [concept, report, value,
    unit, the metric's row in its report's part], in concept, report and text order. Empty where no metric is
    mapped."""
    concepts: dict[str, tuple] = {}
    for part in parts:
        for concept, known in part.concepts.items():
            concepts.setdefault(concept, known)
    order = sorted(concepts, key=lambda c: (concepts[c][1] or c.rsplit("/", 1)[-1], c))
    position = {concept: k for k, concept in enumerate(order)}
    points = []
    for r, part in enumerate(parts):
        for concept, row, value, unit in part.figures:
            number = _number(value)
            if number is not None and concept in position:
                points.append([position[concept], r, number, unit or "", row])
    points.sort(key=lambda p: (p[0], p[1]))  # stable: text order within a report
    return {"concepts": [_concept_record(concept, concepts[concept], position, lang) for concept in order],
            "points": points}


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


def _concept_record(concept: str, known: tuple, position: dict[str, int], lang: str) -> dict:
    labels, notation, kind, broader = known
    lowered = {(tag or "").lower(): text for text, tag in sorted(labels, key=lambda label: (label[1] or "", label[0]))}
    mine = lowered.get(lang.lower()) or lowered.get("zh-hans") or lowered.get("zh-hant") or lowered.get("zh")
    english = lowered.get("en")
    return {"iri": concept, "label": mine or english or notation or concept.rsplit("/", 1)[-1], "en": english,
            "kind": kind, "broader": position.get(broader or "")}


# ---------------------------------------------------------------------------------------- the page

@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    if name == "vis-network.min.js":
        folder = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    else:
        folder = resources.files("lawgraph.assets")
    return folder.joinpath(name).read_text(encoding="utf-8")


def embedded(data: dict) -> dict:
    """Merged data (network_data's) as a page made by `render` holds it: nodes as rows of NODE_FIELDS, their
    IRIs relative to lgr:."""
    strip = len(DATA)
    rows = []
    for node in data["nodes"]:
        row = [node.get(name) for name in NODE_FIELDS]
        if row[0].startswith(DATA):
            row[0] = row[0][strip:]
        rows.append(row)
    return {**data, "base": DATA, "nodes": {"fields": list(NODE_FIELDS), "rows": rows}}


def decode_embedded(page_data: dict) -> dict:
    """A written page's data as network_data gives it (for tests and tools that read a page): its reports'
    parts merged, as the page merges them (a page of `write_page`), or its rows read back (of `render`)."""
    if "parts" in page_data:
        parts = [ReportPart("", "", None, None, json.dumps(part), {}, {}, [], {}, []) for part in page_data["parts"]]
        merged, rows = merge(parts)
        return _figures_as_nodes({**{k: v for k, v in page_data.items() if k not in ("parts", "base")}, **merged}, rows)
    fields, base = page_data["nodes"]["fields"], page_data["base"]
    nodes = []
    for row in page_data["nodes"]["rows"]:
        node = {name: value for name, value in zip(fields, row, strict=True) if value is not None}
        if not node["iri"].startswith(("http:", "https:", "urn:")):
            node["iri"] = base + node["iri"]
        nodes.append(node)
    return {k: v for k, v in page_data.items() if k != "base"} | {"nodes": nodes}


def _script_json(value: object) -> Iterator[str]:
    """JSON safe inside <script>, in pieces (a corpus's page data is tens of megabytes, never held whole),
    which join to one json.dumps."""
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
    """The page of merged data (network_data's, as a notebook has it): one self-contained document."""
    return "".join(_page(lambda: _script_json(embedded(data)), data.get("lang", "zh"), title))


def _page(data: Callable[[], Iterable[str]], lang: str, title: str) -> Iterator[str]:
    replacements = {
        "{{LANG}}": lambda: [html.escape(lang)],
        "{{TITLE}}": lambda: [html.escape(title)],
        "{{PAGE_CSS}}": lambda: [_asset("page.css")],
        "{{VIS_JS}}": lambda: [_asset("vis-network.min.js")],
        "{{PAGE_JS}}": lambda: [_asset("page.js")],
        "{{DATA}}": data,
    }
    # One pass over the template, so that nothing inserted is read again as a marker.
    template, at = _asset("page.html"), 0
    for marker in _MARKER.finditer(template):
        yield template[at:marker.start()]
        yield from replacements[marker.group()]()
        at = marker.end()
    yield template[at:]


def write_page(source: Store | Collector | Sequence[ReportPart], path: Path, title: str = "lawgraph",
               jobs: int = 1) -> None:
    """Write the page of `source` (a store, or the parts of its reports, as a build gathers them: a list of
    ReportPart or a Collector) to `path` (UTF-8, self-contained), whole or not at all. (`jobs` is accepted and
    unused: each report's part of the page was written where the report was read.)"""
    del jobs
    path = Path(path)
    parts = parts_of(source)
    partial = path.with_name(f".{path.name}.partial")
    head = overview(parts)
    opening = "".join(_script_json({**head, "base": DATA}))

    def data() -> Iterator[str]:
        yield opening[:-1] + ',"parts":['
        for k, part in enumerate(parts):
            yield ("," if k else "") + part.json
        yield "]}"

    try:
        with partial.open("w", encoding="utf-8") as page:
            page.writelines(_page(data, head["lang"], title))
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
