"""A build against hand annotations (the gold format of ANNOTATION.md): precision, recall and F1 per class.

Everything is read back from the built graph, so what is scored is what users get. Names are compared
folded: simplified characters, half-width forms, one dash in a range of figures, without quotes, 《》 or
white space. An entity matches a gold entity of the same class when one of its names is one of the gold
entity's names; matching is one to one, so a duplicate node for the same thing counts as spurious. A metric
matches on start, value and unit.

Annotations of real reports and of reports written for the project (`"synthetic": true` in the file) are
totalled apart: only the real ones are evidence of quality.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pyoxigraph import Store

from . import gazetteer
from .build import extract_report
from .errors import AnnotationError
from .fold import FULLWIDTH, plain_text, range_dashes, to_simplified
from .query import run

ENTITY_CLASSES = ("Agency", "Regulation", "Publication", "Program", "County", "City", "Province", "Person")
_STRIP = re.compile(r"[“”‘’\"'《》〈〉「」『』\s]")


def fold_name(name: str) -> str:
    # A name copied with a mirrored page's pinyin (領(lǐng)導小組) is the same name as the one lawgraph reads.
    return _STRIP.sub("", range_dashes(to_simplified(plain_text(name).translate(FULLWIDTH))))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.spurious += other.spurious


@dataclass
class ReportScore:
    doc: str
    scores: dict[str, Score]
    real: bool = True


def load_gold(path: Path) -> dict:
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AnnotationError(f"{path}: no such annotation file") from None
    except OSError as exc:
        raise AnnotationError(f"{path}: cannot read this annotation file ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    for key in ("text_file", "entities", "metrics"):
        if key not in gold:
            raise AnnotationError(f"{path}: missing '{key}'; see the annotation format in the README")
    gold["_text_path"] = (Path(path).parent / gold["text_file"]).resolve()
    return gold


def _match_entities(gold: list[dict], predicted: list[tuple[str, set[str], str]]) -> dict[str, Score]:
    scores = {c: Score() for c in ENTITY_CLASSES}
    gold_items = [(g["type"], {fold_name(n) for n in [g["label"], *g.get("aliases", [])]}, g["label"]) for g in gold]
    used_gold: set[int] = set()
    matched_pred: set[int] = set()
    # Exact labels first, then any shared name: one to one.
    for exact in (True, False):
        for pi, (kind, names, label) in enumerate(predicted):
            if pi in matched_pred:
                continue
            for gi, (g_kind, g_names, g_label) in enumerate(gold_items):
                if gi in used_gold or g_kind != kind:
                    continue
                hit = fold_name(label) == fold_name(g_label) if exact else bool(names & g_names)
                if hit:
                    used_gold.add(gi)
                    matched_pred.add(pi)
                    scores[kind].tp += 1
                    break
    for pi, (kind, _, label) in enumerate(predicted):
        if pi not in matched_pred and kind in scores:
            scores[kind].fp += 1
            scores[kind].spurious.append(label)
    for gi, (kind, _, label) in enumerate(gold_items):
        if gi not in used_gold and kind in scores:
            scores[kind].fn += 1
            scores[kind].misses.append(label)
    return scores


_ENTITIES = """
SELECT ?e ?type ?label (GROUP_CONCAT(?alt; SEPARATOR="\\u001f") AS ?alts) WHERE {
  VALUES ?type { lg:Agency lg:Regulation lg:Publication lg:Program lg:County lg:City lg:Province lg:Person }
  ?e a ?type ; rdfs:label ?label .
  OPTIONAL { ?e skos:altLabel ?alt }
} GROUP BY ?e ?type ?label"""
_METRICS = """
SELECT ?start ?value ?unit ?text ?indicator WHERE {
  ?m a lg:Metric ; lg:value ?value ; lg:unit ?unit ; lg:mention ?x . ?x lg:start ?start ; lg:text ?text .
  OPTIONAL { ?m lg:indicator ?indicator }
}"""
_RELATIONS = """
SELECT DISTINCT ?p ?s ?o ?county WHERE {
  VALUES ?p { lg:issuedBy lg:locatedIn } ?s ?p ?o . FILTER NOT EXISTS { ?s a lg:Metric }
  BIND (EXISTS { ?o a lg:County } AS ?county)
}"""
_JURISDICTION = "SELECT ?j WHERE { ?r a lg:Report ; lg:jurisdiction ?j }"
_ZONE = "SELECT ?name WHERE { ?r a lg:Report ; lg:zone/rdfs:label ?name }"
# Every mention (what lg:mention points at), where it starts and its text: it ends where its text does.
_MENTIONS = "SELECT DISTINCT ?m ?start ?text WHERE { ?node lg:mention ?m . ?m lg:start ?start ; lg:text ?text }"


def _node_names(store: Store) -> dict[str, tuple[str, set[str], str]]:
    """Entity IRI → (class, folded names, label), read from the graph."""
    nodes = {}
    for entity, type_, label, alts in run(store, _ENTITIES).rows:
        names = {fold_name(label.value)} | {fold_name(a) for a in (alts.value.split("\x1f") if alts else []) if a}
        nodes[entity.value] = (type_.value.rsplit("#", 1)[1], names, label.value)
    return nodes


def _predicted_entities(store: Store) -> list[tuple[str, set[str], str]]:
    return list(_node_names(store).values())


def _gold_names(gold: dict) -> dict[str, set[str]]:
    """A gold entity's folded label → all its folded names."""
    return {fold_name(e["label"]): {fold_name(n) for n in [e["label"], *e.get("aliases", [])]}
            for e in gold["entities"]}


def _one_to_one(expected: list[tuple[str, tuple]], predicted: list[tuple[str, tuple]],
                matches: Callable[[tuple, tuple], bool]) -> Score:
    """Pair expected and predicted items one to one (first match wins); each item is (description, key)."""
    score = Score()
    used: set[int] = set()
    for description, key in expected:
        hit = next((i for i, (_, candidate) in enumerate(predicted) if i not in used and matches(key, candidate)),
                   None)
        if hit is None:
            score.fn += 1
            score.misses.append(description)
        else:
            used.add(hit)
            score.tp += 1
    for i, (description, _) in enumerate(predicted):
        if i not in used:
            score.fp += 1
            score.spurious.append(description)
    return score


def _per_kind(name: str, expected: list[tuple[str, tuple]], predicted: list[tuple[str, tuple]],
              matches: Callable[[tuple, tuple], bool]) -> dict[str, Score]:
    """Score each relation kind on its own (keys are (kind, …)), and all kinds together under `name`."""
    scores = {name: Score()}
    for kind in sorted({key[0] for _, key in expected + predicted}):
        score = _one_to_one([e for e in expected if e[1][0] == kind], [c for c in predicted if c[1][0] == kind],
                            matches)
        scores[f"{name}.{kind}"] = score
        scores[name].add(score)
    return scores


def _number(value) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise AnnotationError(f"metric value {value!r} is not a number") from None


def _predicted_metrics(store: Store) -> dict[int, tuple[Decimal, str, str, str]]:
    """Metric start → (value, folded unit, text, indicator), read from the graph."""
    return {int(start.value): (Decimal(value.value), fold_name(unit.value), text.value,
                               indicator.value if indicator else "")
            for start, value, unit, text, indicator in run(store, _METRICS).rows}


def _score_metrics(gold: dict, predicted: dict[int, tuple[Decimal, str, str, str]]) -> Score:
    score = Score()
    expected = {int(m["start"]): (_number(m["value"]), fold_name(m["unit"]), m["surface"]) for m in gold["metrics"]}
    for start, (value, unit, surface) in expected.items():
        got = predicted.get(start)
        if got and got[0] == value and got[1] == unit:
            score.tp += 1
        else:
            score.fn += 1
            score.misses.append(f"{surface}@{start}" + (f" (got {got[2]} = {got[0]} {got[1]})" if got else ""))
    for start, (value, unit, text, _) in predicted.items():
        exp = expected.get(start)
        if not (exp and exp[0] == value and exp[1] == unit):
            score.fp += 1
            score.spurious.append(f"{text}@{start}")
    return score


def _score_indicators(gold: dict, predicted: dict[int, tuple[Decimal, str, str, str]]) -> Score:
    """Of the metrics found right, those whose indicator holds the gold key (what is counted). A wrong
    indicator is a miss and a spurious item at once, so precision and recall are both the share right."""
    score = Score()
    for metric in gold["metrics"]:
        got = predicted.get(int(metric["start"]))
        expected = (_number(metric["value"]), fold_name(metric["unit"]))
        if not metric.get("key") or not got or (got[0], got[1]) != expected:
            continue  # no key, or the metric itself was missed: scored under Metric
        if fold_name(metric["key"]) in fold_name(got[3]):
            score.tp += 1
        else:
            score.fp += 1
            score.fn += 1
            score.misses.append(f"{metric['surface']}@{metric['start']}: {metric['key']}")
            score.spurious.append(f"{metric['surface']}@{metric['start']}: {got[3]}")
    return score


_CONCEPTS = "SELECT ?start ?concept WHERE { ?m a lg:Metric ; lg:measures ?concept ; lg:mention/lg:start ?start }"


def _score_concepts(gold: dict, store: Store) -> Score | None:
    """The indicator concept (lg:measures) of the annotated metrics: precision is the share right among the
    annotated metrics given a concept (one given a concept where the annotation has none is wrong), recall the
    share of the metrics annotated with a concept that got theirs (the mapping's coverage). Only files whose
    metrics were all read for their concept (`"concepts_annotated": true`) are scored, all their metrics."""
    if not gold.get("concepts_annotated"):
        return None
    got = {int(start.value): concept.value.rsplit("/", 1)[1] for start, concept in run(store, _CONCEPTS).rows}
    score = Score()
    for metric in gold["metrics"]:
        start, want = int(metric["start"]), metric.get("concept")
        mapped = got.get(start)
        if mapped is not None and mapped == want:
            score.tp += 1
            continue
        if mapped is not None:
            score.fp += 1
            score.spurious.append(f"{metric['surface']}@{start}: {mapped}" + (f" (annotated {want})" if want else ""))
        if want:
            score.fn += 1
            score.misses.append(f"{metric['surface']}@{start}: {want}")
    return score


def _score_relations(gold: dict, store: Store) -> dict[str, Score]:
    """Entity relations (issuedBy, locatedIn of programmes): kind, and both ends by a shared name."""
    nodes, gold_names = _node_names(store), _gold_names(gold)

    def names(node: str) -> set[str]:
        return nodes[node][1] if node in nodes else set()

    expected = []
    for relation in (r for r in gold.get("relations", []) if "metric" not in r):
        subject = relation.get("document") or relation.get("subject") or ""
        obj = relation.get("agency") or relation.get("county") or relation.get("object") or ""
        expected.append((f"{relation['type']}: {subject} → {obj}",
                         (relation["type"], gold_names.get(fold_name(subject), {fold_name(subject)}),
                          gold_names.get(fold_name(obj), {fold_name(obj)}))))
    predicted = []
    for p, s, o, county in run(store, _RELATIONS).rows:
        kind = p.value.rsplit("#", 1)[1]
        if kind == "locatedIn" and county.value != "true" and not gold.get("synthetic"):
            # Annotations of real reports place a programme only in a county (ANNOTATION.md): one placed in a city,
            # which the contract allows, is neither right nor wrong for them.
            continue
        label = lambda node: nodes[node][2] if node in nodes else node  # noqa: E731
        predicted.append((f"{kind}: {label(s.value)} → {label(o.value)}", (kind, names(s.value), names(o.value))))
    return _per_kind("Relation", expected, predicted,
                     lambda e, c: e[0] == c[0] and bool(e[1] & c[1]) and bool(e[2] & c[2]))


_METRIC_RELATIONS = """
SELECT ?p ?start ?e WHERE {
  VALUES ?p { lg:about lg:locatedIn }
  ?m a lg:Metric ; ?p ?e ; lg:mention/lg:start ?start .
}"""


def _score_metric_relations(gold: dict, store: Store) -> dict[str, Score]:
    """What a metric is about and where it is located: kind, the metric's offset, the entity by a shared name.
    Scored only where the file annotates such relations: many files annotate none, which says nothing."""
    annotated = [r for r in gold.get("relations", []) if "metric" in r]
    if not annotated:
        return {}
    nodes, gold_names = _node_names(store), _gold_names(gold)
    expected = []
    for relation in annotated:
        target = relation.get("entity") or relation.get("county") or ""
        expected.append((f"{relation['type']}: metric@{relation['metric']} → {target}",
                         (relation["type"], int(relation["metric"]),
                          gold_names.get(fold_name(target), {fold_name(target)}))))
    predicted = []
    for p, start, e in run(store, _METRIC_RELATIONS).rows:
        kind, node = p.value.rsplit("#", 1)[1], nodes.get(e.value, ("", set(), e.value))
        predicted.append((f"{kind}: metric@{start.value} → {node[2]}", (kind, int(start.value), node[1])))
    return _per_kind("MetricRel", expected, predicted, lambda e, c: e[:2] == c[:2] and bool(e[2] & c[2]))


def _score_jurisdiction(gold: dict, store: Store) -> Score:
    """The report's jurisdiction (its zone, if it is a zone's) against the annotated one: the same name, or the
    division of a department annotated by its own name (浙江省司法厅 → 浙江省); a central organ's report (司法部)
    has none."""
    score = Score()
    want = fold_name(gold.get("jurisdiction") or "")
    if not want:
        return score
    divisions = gazetteer.load().by_code
    codes = [row[0].value.rsplit("/", 1)[1] for row in run(store, _JURISDICTION).rows]
    # a zone's report is about the zone (北京经济技术开发区), not about the division it lies in
    got = [fold_name(row[0].value) for row in run(store, _ZONE).rows] or \
        sorted(fold_name(divisions[code].name) for code in codes if code in divisions)
    if not got and _central_organ(want):
        score.tp += 1  # a ministry's own report: national, no local division is right
    elif not got:
        score.fn += 1
        score.misses.append(gold["jurisdiction"])
    elif (got[0] == want or want.startswith(got[0]) or want.endswith(f"({got[0]})")
          or any(want.startswith(name) for name in _qualified_names(codes, divisions))):
        # (宁夏司法厅 (宁夏回族自治区): a department annotated with its division in brackets; 阳泉市城区: a
        # district annotated with its city's name before its own, 重庆市万州区教育委员会 a department of one)
        score.tp += 1
    else:
        score.fp += 1
        score.fn += 1
        score.spurious.append(f"{got[0]} (annotated {gold['jurisdiction']})")
    return score


def _qualified_names(codes: list[str], divisions: dict) -> set[str]:
    """Each division found, named after each division above it (阳泉市城区, 山西省阳泉市城区), folded."""
    names = set()
    for code in (code for code in codes if code in divisions):
        above, prefix = divisions[code], ""
        while above.parent in divisions:
            above = divisions[above.parent]
            prefix = above.name + prefix
            names.add(fold_name(prefix + divisions[code].name))
    return names


def _central_organ(folded: str) -> bool:
    from .extract.agencies import central_organ_names

    return any(fold_name(name) == folded for name in central_organ_names())


def _score_provenance(text: str, store: Store) -> Score:
    score = Score()
    for mention, start, mention_text in run(store, _MENTIONS).rows:
        s = int(start.value)
        e = s + len(mention_text.value)
        # The mention's IRI names its span (mention/START-END): it must be the span of its text.
        if text[s:e] == mention_text.value and mention.value.endswith(f"/{s}-{e}"):
            score.tp += 1
        else:
            score.fp += 1
            score.spurious.append(f"{mention.value.rsplit('/', 1)[-1]}: {mention_text.value!r} at {s}, "
                                  f"{text[s:e]!r} in the text")
    return score


def evaluate_one(gold_path: Path) -> ReportScore:
    gold = load_gold(gold_path)
    extraction, triples = extract_report(gold["_text_path"])
    store = Store()
    store.extend(_as_quads(triples))
    scores = _match_entities(gold["entities"], _predicted_entities(store))
    metrics = _predicted_metrics(store)
    scores["Metric"] = _score_metrics(gold, metrics)
    scores["Indicator"] = _score_indicators(gold, metrics)
    if (concepts := _score_concepts(gold, store)) is not None:
        scores["Concept"] = concepts
    scores |= _score_relations(gold, store) | _score_metric_relations(gold, store)
    scores["Jurisdiction"] = _score_jurisdiction(gold, store)
    scores["Provenance"] = _score_provenance(extraction.doc.text, store)
    return ReportScore(gold.get("doc", Path(gold_path).stem), scores, real=not gold.get("synthetic", False))


def _as_quads(triples):
    from pyoxigraph import DefaultGraph, Quad

    return [Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples]


def _annotation_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the .json files inside folders named."""
    files = []
    for path in map(Path, paths):
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    return files


def evaluate(gold_paths: Iterable[Path]) -> tuple[list[ReportScore], dict[str, Score]]:
    reports = [evaluate_one(path) for path in _annotation_files(gold_paths)]
    return reports, micro_average(reports)


def micro_average(reports: Iterable[ReportScore]) -> dict[str, Score]:
    total: dict[str, Score] = {name: Score() for name in SCORED}
    for report in reports:
        for name, score in report.scores.items():
            total.setdefault(name, Score()).add(score)
    return total


def by_origin(reports: list[ReportScore]) -> dict[str, dict[str, Score]]:
    """Totals of the real and of the synthetic reports, apart (only the kinds present)."""
    groups = {"real": [r for r in reports if r.real], "synthetic": [r for r in reports if not r.real]}
    return {origin: micro_average(group) for origin, group in groups.items() if group}


SCORED = (*ENTITY_CLASSES, "Metric", "Indicator", "Concept", "Relation", "MetricRel", "Jurisdiction", "Provenance")
# The kinds scored apart (what the annotation files hold): entity to entity, and metric to entity.
RELATION_KINDS = {"Relation": ("Relation.issuedBy", "Relation.locatedIn"),
                  "MetricRel": ("MetricRel.about", "MetricRel.locatedIn")}


def entities_total(scores: dict[str, Score]) -> Score:
    """Micro-average over the entity classes."""
    total = Score()
    for name in ENTITY_CLASSES:
        total.add(scores.get(name, Score()))
    return total


def _overall_rows(total: dict[str, Score]) -> list[str]:
    lines = [f"{'class':<12} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    rows = [(n, total[n]) for n in ENTITY_CLASSES] + [("entities", entities_total(total)), ("Metric", total["Metric"]),
                                                       ("Indicator", total["Indicator"])]
    concepts = total["Concept"]
    if concepts.tp + concepts.fp + concepts.fn:  # only files marked "concepts_annotated" score concepts
        rows.append(("Concept", concepts))
    for name in ("Relation", "MetricRel"):  # each kind of relation below its total
        rows.append((name, total[name]))
        rows += [(f"  {kind.split('.', 1)[1]}", total.get(kind, Score())) for kind in RELATION_KINDS[name]]
    rows += [("Jurisdiction", total["Jurisdiction"]), ("Provenance", total["Provenance"])]
    for name, score in rows:
        lines.append(f"{name:<12} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
                     f"{score.tp:>5} {score.fp:>5} {score.fn:>5}")
    return lines


def as_text(reports: list[ReportScore], total: dict[str, Score], verbose: bool = False) -> str:
    """The per-report F1 table, the overall precision/recall/F1 table and, if verbose, every miss and
    spurious item."""
    short = {"Regulation": "Reg", "Publication": "Pub", "Province": "Prov", "Provenance": "Offsets",
             "Relation": "Rel", "Program": "Prog", "Agency": "Agency", "County": "County", "City": "City",
             "Person": "Person", "Metric": "Metric", "Indicator": "Ind", "Concept": "Conc", "MetricRel": "MRel",
             "Jurisdiction": "Juris"}
    width = max(len(r.doc) for r in reports) if reports else 6
    lines = ["F1 per report", " ".join([f"{'report':<{width}}", *(f"{short[n]:>7}" for n in SCORED)])]
    for report in reports:
        cells = []
        for name in SCORED:
            score = report.scores.get(name, Score())
            cells.append(f"{score.f1:>7.2f}" if score.tp + score.fp + score.fn else f"{'-':>7}")
        lines.append(" ".join([f"{report.doc:<{width}}", *cells]))
    origins = by_origin(reports)
    for origin, totals in origins.items() if len(origins) > 1 else [("", total)]:
        count = sum(1 for r in reports if r.real == (origin == "real")) if origin else len(reports)
        heading = f"Overall, {origin} reports ({count}, micro-averaged)" if origin else "Overall (micro-averaged)"
        lines += ["", heading, *_overall_rows(totals)]
    if verbose:
        for report in reports:
            for name in SCORED:
                score = report.scores.get(name, Score())
                for miss in score.misses:
                    lines.append(f"{report.doc}\t{name}\tmissed\t{miss}")
                for extra in score.spurious:
                    lines.append(f"{report.doc}\t{name}\tspurious\t{extra}")
    return "\n".join(lines)
