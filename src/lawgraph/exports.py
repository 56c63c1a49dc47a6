"""The ontology's documentation page. (The graph's other serialisations are written as a build streams its
reports: dataset.py, jsonld.py.)"""

from __future__ import annotations

import html
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from .resources import ontology_file


def write_ontology_page(target: Path) -> None:
    """A page documenting the ontology: every class and property with both labels, comment, domain and range."""
    graph = Graph().parse(ontology_file("lawgraph.ttl"), format="turtle")
    namespace = "https://w3id.org/lawgraph/ontology#"

    def local(term) -> str:
        text = str(term)
        return "lg:" + text[len(namespace):] if text.startswith(namespace) else text

    def labels(term) -> str:
        by_language = {label.language: str(label) for label in graph.objects(term, RDFS.label)}
        return f"{by_language.get('en', '')} · {by_language.get('zh-Hans', '')}"

    def rows(kind) -> str:
        out = []
        for term in sorted(t for t in graph.subjects(RDF.type, kind) if str(t).startswith(namespace)):
            details = []
            for name, predicate in (("subclass of", RDFS.subClassOf), ("subproperty of", RDFS.subPropertyOf),
                                    ("domain", RDFS.domain), ("range", RDFS.range), ("instance of", RDF.type)):
                values = ", ".join(local(v) for v in graph.objects(term, predicate)
                                   if isinstance(v, URIRef) and (predicate != RDF.type or str(v).startswith(namespace)))
                if values:
                    details.append(f"{name}: {values}")
            out.append(f"<tr id='{html.escape(local(term)[3:])}'><td><code>{html.escape(local(term))}</code></td>"
                       f"<td>{html.escape(labels(term))}</td>"
                       f"<td>{html.escape(str(graph.value(term, RDFS.comment) or ''))}"
                       f"<br><small>{html.escape('; '.join(details))}</small></td></tr>")
        return "\n".join(out)

    sections = [("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
                ("Datatype properties", OWL.DatatypeProperty), ("Individuals", OWL.NamedIndividual)]
    body = "\n".join(f"<h2>{title}</h2><table><tr><th>term</th><th>labels</th><th>meaning</th></tr>{rows(kind)}</table>"
                     for title, kind in sections)
    target.write_text(f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>lawgraph ontology</title><style>body{{font-family:sans-serif;margin:2em;max-width:70em}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.4em;text-align:left;
vertical-align:top}}code{{white-space:nowrap}}</style></head><body>
<h1>lawgraph ontology</h1><p>Namespace <code>{namespace}</code> (prefix <code>lg:</code>).</p>
{body}</body></html>
""", encoding="utf-8")
