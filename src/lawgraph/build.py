"""`lawgraph build`: reports → knowledge graph files and the page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Triple

from . import view
from .document import read_report
from .errors import ReportError
from .extract.pipeline import Extraction, extract
from .gazetteer import load as load_gazetteer
from .graph import report_triples
from .store import load_graph, staged_outputs, write_rdf

CLASS_ORDER = ("Report", "Agency", "Regulation", "Publication", "Program", "Province", "City", "County", "Person",
               "Metric", "Mention")


@dataclass
class BuildResult:
    out_dir: Path
    reports: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # instances per lg: class
    triples: int = 0
    files: list[Path] = field(default_factory=list)


def extract_report(path: Path) -> tuple[Extraction, list[Triple]]:
    """Read, extract and turn one report into triples."""
    doc = read_report(path)
    extraction = extract(doc, load_gazetteer())
    return extraction, report_triples(extraction)


def count_classes(triples: Iterable[Triple]) -> Counter:
    counts: Counter = Counter()
    seen = set()
    for t in triples:
        if t.predicate.value.endswith("#type") and t.object.value.startswith("https://w3id.org/lawgraph/ontology#"):
            if (t.subject, t.object) not in seen:
                seen.add((t.subject, t.object))
                counts[t.object.value.rsplit("#", 1)[1]] += 1
    return counts


def build(paths: Sequence[Path], out_dir: Path, *, page: bool = True,
          progress: Callable[[Iterable[Path]], Iterable[Path]] | None = None) -> BuildResult:
    """Build the graph of `paths` into `out_dir`: graph.ttl and graph.html, written all or nothing."""
    if not paths:
        raise ReportError("no report given; name one or more .txt files")
    ids: dict[str, Path] = {}
    for path in paths:
        doc_id = path.stem.lower()
        if doc_id in ids and ids[doc_id] != path:
            raise ReportError(f"{path}: same report name as {ids[doc_id]}; rename one of them")
        ids[doc_id] = path
    result = BuildResult(out_dir)
    triples: dict[Triple, None] = {}
    for path in (progress or iter)(paths):
        extraction, report = extract_report(path)
        triples.update(dict.fromkeys(report))
        result.reports.append(extraction.doc.doc_id)
    result.counts = count_classes(triples)
    result.triples = len(triples)
    with staged_outputs(out_dir) as stage:
        write_rdf(triples, stage / "graph.ttl")
        if page:
            view.write_page(load_graph(stage / "graph.ttl"), stage / "graph.html")
    result.files = [out_dir / "graph.ttl"] + ([out_dir / "graph.html"] if page else [])
    return result
