"""SHACL validation of a graph against ontology/shapes.ttl.

Two engines, one result: shacl-rust (the default: Rust, passes the W3C SHACL core tests, ~15× faster than pySHACL
on a report's graph, which matters when every report of a corpus is checked) and pySHACL (the reference
implementation, for a second opinion: `lawgraph validate --engine pyshacl`). tests/test_validate.py holds them to
the same violations on every annotated report and on graphs broken one constraint at a time.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GraphError, LawgraphError
from .resources import ontology_file

if TYPE_CHECKING:  # the CLI imports ENGINES at start-up: no RDF library until a graph is validated
    from pyoxigraph import Store

ENGINES = ("shacl-rust", "pyshacl")
_SHACL = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    """One validation result; nodes and values in N-Triples syntax (`<iri>`, `"3"^^<…#integer>`)."""

    focus: str
    path: str
    component: str  # the constraint component's local name: MinCountConstraintComponent …
    message: str
    value: str = ""

    def line(self) -> str:
        return " ".join(part for part in (self.focus, self.path, f"{self.message} ({self.component})") if part)


@dataclass(frozen=True)
class Validation:
    conforms: bool
    results: tuple[Violation, ...]
    engine: str

    @property
    def violations(self) -> int:
        return len(self.results)

    def first_violation(self) -> str:
        """One line naming the first violation: focus node, path and message."""
        return self.results[0].line().replace("\n", " ") if self.results else ""

    @property
    def text(self) -> str:
        """A readable report: whether the graph conforms, then one line per violation."""
        head = [f"Validation report ({self.engine}, shapes: ontology/shapes.ttl)", f"Conforms: {self.conforms}"]
        if self.results:
            head.append(f"Results ({len(self.results)}):")
        return "\n".join(head + [f"  {result.line()}" for result in self.results])


@lru_cache(maxsize=1)
def shapes_text() -> str:
    return ontology_file("shapes.ttl").read_text(encoding="utf-8")


def validate(data: str | bytes, rdf_format: str = "nt", engine: str = "shacl-rust") -> Validation:
    """Validate serialised RDF (`rdf_format`: nt, turtle, nq, trig) against the shapes."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if engine == "shacl-rust":
        return _shacl_rust(text, rdf_format)
    if engine == "pyshacl":
        return _pyshacl(text, rdf_format)
    raise LawgraphError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")


def validate_store(store: Store, engine: str = "shacl-rust") -> Validation:
    """Every statement of a store (the union of its graphs) validated as one graph.

    For shacl-rust the store is dumped as N-Quads into a file the validator streams into its index for large
    graphs (tests/test_validate.py holds it to pySHACL's violations): 1,000 reports' 4 million statements as one
    string took 59 s and 7.4 GiB."""
    from pyoxigraph import RdfFormat, serialize

    if engine != "shacl-rust":
        union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        return validate(serialize(union, None, RdfFormat.N_TRIPLES), engine=engine)
    import shacl_rust

    with tempfile.TemporaryDirectory(prefix="lawgraph-validate-") as folder:
        dump = Path(folder) / "graph.nq"
        store.dump(str(dump), RdfFormat.N_QUADS)
        report = shacl_rust.validate_file(str(dump), str(ontology_file("shapes.ttl")), data_format="nq",
                                          shapes_format="turtle", experimental_index=True)
    return _validation_of(report)


def _shacl_rust(text: str, rdf_format: str) -> Validation:
    import shacl_rust

    try:
        # The interned index: a report's graph in two thirds of the time (tests/test_validate.py holds it to
        # pySHACL's violations, as for a store).
        report = shacl_rust.validate(text, shapes_text(), data_format=rdf_format, shapes_format="turtle",
                                     experimental_index=True)
    except ValueError as exc:  # the data does not parse
        raise GraphError(f"cannot validate: {str(exc).splitlines()[0]}") from None
    return _validation_of(report)


def _validation_of(report: dict) -> Validation:
    results = sorted(Violation(focus=r.get("focusNode", ""), path=r.get("resultPath", ""),
                               component=_local(r.get("sourceConstraintComponent", "")),
                               message="; ".join(r.get("messages", ())), value=r.get("value", ""))
                     for r in report["results"] if r.get("severity") == f"<{_SHACL}Violation>")
    return Validation(bool(report["conforms"]), tuple(results), "shacl-rust")


def _pyshacl(text: str, rdf_format: str) -> Validation:
    from pyshacl import validate as shacl
    from rdflib import Graph
    from rdflib.namespace import SH

    graph = Graph().parse(data=text, format=rdf_format)
    conforms, report, _ = shacl(graph, shacl_graph=Graph().parse(data=shapes_text(), format="turtle"),
                                inference="none", advanced=False, allow_warnings=True)

    def term(node) -> str:
        return node.n3() if node is not None else ""

    results = sorted(Violation(focus=term(report.value(r, SH.focusNode)), path=term(report.value(r, SH.resultPath)),
                               component=_local(str(report.value(r, SH.sourceConstraintComponent))),
                               message=str(report.value(r, SH.resultMessage) or ""),
                               value=term(report.value(r, SH.value)))
                     for r in report.subjects(SH.resultSeverity, SH.Violation))
    return Validation(bool(conforms), tuple(results), "pyshacl")


def _local(iri: str) -> str:
    return iri.strip("<>").rpartition("#")[2]
