"""Graph → the offline network page.

The page reads the graph only (never the extraction): entities become nodes coloured by class and sized by
how often they are named, relations become labelled edges, and each node carries the sentences it was read
from. pyvis assembles the network; the HTML around it is ours, with vis-network inlined from pyvis's own
copy, so the page opens from disk with no request leaving it.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import Store

from .query import run

CLASSES = {
    # class: (colour, shape, legend label)
    "Agency": ("#d1495b", "dot", "Agency 机关"),
    "Regulation": ("#2e86ab", "square", "Regulation 法规文件"),
    "Publication": ("#8d99ae", "square", "Publication 出版物"),
    "Program": ("#edae49", "diamond", "Program 工作项目"),
    "Province": ("#3b7d3b", "triangle", "Province 省"),
    "City": ("#5fa55a", "triangle", "City 市"),
    "County": ("#9bc53d", "triangle", "County 县区"),
    "Person": ("#7b2cbf", "star", "Person 人物"),
}
_MAX_SENTENCES = 5
_MARKER = re.compile(r"\{\{[A-Z_]+\}\}")

_NODES = """
SELECT ?e ?type ?label (COUNT(DISTINCT ?m) AS ?mentions) (GROUP_CONCAT(DISTINCT ?alt; SEPARATOR="|") AS ?alts)
WHERE {
  VALUES ?type { lg:Agency lg:Regulation lg:Publication lg:Program lg:Province lg:City lg:County lg:Person }
  ?e a ?type ; rdfs:label ?label ; lg:mention ?m .
  OPTIONAL { ?e skos:altLabel ?alt }
}
GROUP BY ?e ?type ?label
ORDER BY ?e
"""
_SENTENCES = """
SELECT ?e ?text ?report ?heading ?start
WHERE {
  ?e lg:mention ?m .
  ?m lg:inSentence ?s ; lg:inReport ?r ; lg:start ?start .
  ?s lg:text ?text .
  ?r rdfs:label ?report .
  OPTIONAL { ?s lg:inSection ?sec . ?sec lg:heading ?heading }
}
ORDER BY ?e ?report ?start
"""
_EDGES = """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { lg:issuedBy lg:locatedIn lg:partOf lg:jurisdiction }
  ?s ?p ?o .
  ?s lg:mention [] . ?o lg:mention [] .
}
ORDER BY ?s ?p ?o
"""


def network_data(store: Store) -> dict:
    """Nodes, edges and legend of the page, read from the graph."""
    nodes: dict[str, dict] = {}
    for e, type_, label, mentions, alts in run(store, _NODES).rows:
        kind = type_.value.rsplit("#", 1)[1]
        if e.value in nodes:
            continue
        count = int(mentions.value)
        nodes[e.value] = {
            "id": e.value, "label": label.value, "group": kind, "mentions": count,
            "names": [label.value, *[a for a in (alts.value.split("|") if alts else []) if a and a != label.value]],
            "value": 1 + math.log(count), "sentences": [],
        }
    for e, text, report, heading, _start in run(store, _SENTENCES).rows:
        node = nodes.get(e.value)
        if node is not None and len(node["sentences"]) < _MAX_SENTENCES:
            entry = {"text": text.value, "report": report.value, "section": heading.value if heading else ""}
            if entry not in node["sentences"]:
                node["sentences"].append(entry)
    edges = []
    for s, p, o in run(store, _EDGES).rows:
        if s.value in nodes and o.value in nodes:
            edges.append({"from": s.value, "to": o.value, "label": p.value.rsplit("#", 1)[1]})
    return {"nodes": list(nodes.values()), "edges": edges, "classes": CLASSES}


def _network(data: dict):
    """The pyvis network of the page's data (pyvis stays behind this function)."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    for node in data["nodes"]:
        colour, shape, _ = CLASSES[node["group"]]
        net.add_node(node["id"], label=node["label"], group=node["group"], color=colour, shape=shape,
                     value=node["value"])
    for edge in data["edges"]:
        net.add_edge(edge["from"], edge["to"], label=edge["label"], arrows="to")
    return net


@lru_cache(maxsize=1)
def _asset(name: str) -> str:
    if name == "vis-network.min.js" or name == "vis-network.css":
        base = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
        return base.joinpath(name).read_text(encoding="utf-8")
    return resources.files("lawgraph.assets").joinpath(name).read_text(encoding="utf-8")


def _script_json(value: object) -> str:
    """JSON safe inside <script>: no '</' or '<!--' can close or confuse the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render(data: dict, title: str = "lawgraph") -> str:
    net = _network(data)
    page = {
        "nodes": [dict(n, **{k: v for k, v in pv.items() if k in ("color", "shape")})
                  for n, pv in zip(data["nodes"], net.nodes, strict=True)],
        "edges": data["edges"],
        "classes": {k: {"color": c, "shape": s, "label": label} for k, (c, s, label) in CLASSES.items()},
    }
    html = _asset("page.html")
    replacements = {
        "{{TITLE}}": _escape(title),
        "{{VIS_CSS}}": _asset("vis-network.css"),
        "{{PAGE_CSS}}": _asset("page.css"),
        "{{VIS_JS}}": _asset("vis-network.min.js"),
        "{{PAGE_JS}}": _asset("page.js"),
        "{{DATA}}": _script_json(page),
    }
    # One pass, so that nothing inserted is read again as a marker.
    return _MARKER.sub(lambda m: replacements[m.group()], html)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("'", "&#39;"))


def write_page(store: Store, path: Path, title: str = "lawgraph") -> None:
    """Write the page of the graph in `store` to `path` (UTF-8, self-contained)."""
    Path(path).write_text(render(network_data(store), title), encoding="utf-8")
