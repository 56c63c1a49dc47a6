"""SHACL validation of a graph against ontology/shapes.ttl, with pySHACL.

One result contract, as pySHACL's: (conforms, report graph, report text).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SH

from .resources import ontology_file


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: Graph
    text: str

    def first_violation(self) -> str:
        """One line naming the first violation: focus node, path and message."""
        for result in self.report.subjects(SH.resultSeverity, SH.Violation):
            focus = self.report.value(result, SH.focusNode)
            path = self.report.value(result, SH.resultPath)
            message = self.report.value(result, SH.resultMessage)
            return f"{focus} {path or ''}: {message}".replace("\n", " ")
        return ""

    @property
    def violations(self) -> int:
        return sum(1 for _ in self.report.subjects(SH.resultSeverity, SH.Violation))


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate(data: Graph | bytes, rdf_format: str = "nt") -> Validation:
    """Validate a graph (an rdflib Graph, or serialised data) against the shapes."""
    from pyshacl import validate as shacl

    graph = data if isinstance(data, Graph) else Graph().parse(data=data, format=rdf_format)
    conforms, report, text = shacl(graph, shacl_graph=shapes(), inference="none", advanced=False,
                                   allow_warnings=True)
    return Validation(bool(conforms), report, text)
