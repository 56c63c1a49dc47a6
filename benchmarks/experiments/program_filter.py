"""Experiment: does a learned filter over programme candidates beat the rules?

For each report, candidates are every programme the rules output and extra spans from a broad generator (text in
“” or ‘’ quotes, a quote with the programme word after it, and phrases in a clause ending in a programme word,
starting at the clause's start, after a verb or after a joining word). A logistic regression decides, for each
candidate, "programme or not"; the output is the kept candidates instead of the rules' programmes (and, in the
precision-only variant, the rules' programmes the classifier keeps). Names are scored as `lawgraph eval` scores
them (evaluate._match_entities on the Program class). Everything tuned (C, threshold) is tuned inside the
training reports, by an inner cross-validation grouped by report.

    python3 -m venv /tmp/expvenv && /tmp/expvenv/bin/pip install -e . scikit-learn python-crfsuite
    /tmp/expvenv/bin/python benchmarks/experiments/program_filter.py cv     # 5 folds of dev/ reports
    /tmp/expvenv/bin/python benchmarks/experiments/program_filter.py test   # trained on dev/, scored once on test/
    /tmp/expvenv/bin/python benchmarks/experiments/program_filter.py fresh 931  # trained on reports before 931

Not part of lawgraph (docs/real-reports.md, "A learned component, tried", has the verdict).
"""

from __future__ import annotations

import bisect
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from program_crf import REAL, load  # the loading code of the CRF experiment (this folder)
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from lawgraph.evaluate import _match_entities, fold_name
from lawgraph.extract.pipeline import clean_name
from lawgraph.extract.programs import _VERB, QUOTED_SUFFIXES
from lawgraph.gazetteer import load as load_gazetteer

# Words a programme's name may end in: the rules' own, and a few general ones they do not end a name with.
WORDS = tuple(sorted({*QUOTED_SUFFIXES, "建设", "体系", "服务", "经验", "工作法", "计划", "工作室", "中心", "机制",
                      "工作", "规划", "清单", "改革试点", "大赛", "竞赛", "行动计划", "督察", "论坛", "联动", "述法",
                      "学法", "网", "制", "管理", "监管", "衔接", "教育整顿"},
                     key=len, reverse=True))
_WORD = re.compile("(?=(" + "|".join(WORDS) + "))")
_QUOTED = re.compile(r"“([^“”\n]{2,25})”|‘([^“”‘’\n]{2,25})’")
_AFTER_QUOTE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:" + "|".join(WORDS) + ")")
_CLAUSE_END = set(",;:。!?\n、《》()")
_JOINING = set("的和与及等在对把将为是了、")
_NUMBERING = re.compile(r"(?:[0-9]+\.|[(（]?[一二三四五六七八九十]+[)）、]|[一二三四五六七八九十]是)")
_DIGIT = re.compile(r"[0-9一二三四五六七八九十百两双]")
SEARCH_C = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.3, 0.99, 0.03))


@dataclass
class Candidate:
    key: str  # the folded name
    names: list[str]  # as written, the label first (a rule programme's aliases too)
    spans: list[tuple[int, int]]  # view offsets of its mentions
    sources: set[str] = field(default_factory=set)
    label: int = 0
    features: dict = field(default_factory=dict)


def _entity_spans(doc, entity) -> list[tuple[int, int]]:
    starts = doc.view.starts
    return [(bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end)) for m in entity.mentions]


def _name(doc, start: int, end: int) -> str:
    return clean_name(doc.text[slice(*doc.view.to_original(start, end))])


def _clause_start(view: str, end: int) -> int:
    start = end
    while start > 0 and view[start - 1] not in _CLAUSE_END and end - start < 40:
        start -= 1
    return start


def generate(doc) -> list[tuple[int, int, str]]:
    """Extra candidate spans (view offsets) and how each was made: general patterns, no names."""
    view, spans = doc.view.text, []
    for match in _QUOTED.finditer(view):
        group = 1 if match.group(1) is not None else 2
        spans.append((match.start(group), match.end(group), "quote"))
        if after := _AFTER_QUOTE.match(view, match.end()):
            spans.append((match.start(), after.end(), "quote+word"))
            clause = _clause_start(view, match.start())
            if match.start() - clause <= 12 and match.start() > clause:
                spans.append((clause, after.end(), "head+quote+word"))
    for match in _WORD.finditer(view):
        end = match.start() + len(match.group(1))
        clause = _clause_start(view, match.start())
        numbering = _NUMBERING.match(view, clause)
        starts = {numbering.end() if numbering else clause}
        starts |= {clause + v.end() for v in _VERB.finditer(view[clause:match.start()])}
        starts |= {i + 1 for i in range(clause, match.start()) if view[i] in _JOINING or view[i] in "“”"}
        starts |= {i for i in range(clause, match.start()) if view[i] == "“"}
        for start in starts:
            if 2 <= end - start <= 25 and start < match.start() + len(match.group(1)):
                spans.append((start, end, "phrase"))
    return spans


def candidates(item: dict) -> list[Candidate]:
    doc, extraction = item["doc"], item["extraction"]
    found: dict[str, Candidate] = {}
    taken = {fold_name(n) for e in extraction.entities for n in e.names}  # any class: the rules' own reading
    for entity in extraction.entities:
        if entity.kind == "Program":
            key = fold_name(entity.label)
            found[key] = Candidate(key, list(entity.names), _entity_spans(doc, entity), {"rules"})
    for start, end, source in generate(doc):
        name = _name(doc, start, end)
        key = fold_name(name)
        if len(key) < 2 or (key in taken and key not in found):
            continue
        candidate = found.setdefault(key, Candidate(key, [name], []))
        candidate.sources.add(source)
        if "rules" not in candidate.sources and (start, end) not in candidate.spans:
            candidate.spans.append((start, end))
    result = [c for c in found.values() if c.spans]
    golds = {fold_name(n) for names in item["programs"] for n in names}
    for candidate in result:
        candidate.label = int(any(fold_name(n) in golds for n in candidate.names))
    _describe(item, result)
    return result


def _describe(item: dict, found: list[Candidate]) -> None:
    view = item["doc"].view.text
    gazetteer = load_gazetteer()
    rule_keys = [c.key for c in found if "rules" in c.sources]
    for c in found:
        key, f = c.key, c.features
        f.update({f"src={s}": 1 for s in c.sources})
        f["len"] = min(len(key), 20) / 20
        f[f"len={min(len(key), 12)}"] = 1
        f.update({f"c={ch}": 1 for ch in set(key)})
        f.update({f"first1={key[:1]}": 1, f"first2={key[:2]}": 1})
        f.update({f"last{n}={key[-n:]}": 1 for n in (1, 2, 3)})
        f["digits"] = int(bool(re.search(r"[0-9]", key)))
        f["numeral"] = int(bool(_DIGIT.search(key)))
        f["list"] = int("、" in key)
        f["de"] = int("的" in key)
        f["he"] = int(bool(re.search("[和及与]", key)))
        f["fazhi"] = int("法治" in key)
        f["division"] = int(any(True for _ in gazetteer.find(key)))
        f["verb_inside"] = int(bool(_VERB.search(key)))
        f["verb_first"] = int(bool(_VERB.match(key)))
        f["mentions"] = min(view.count(key), 10) / 10
        f["inside_rule"] = int(any(key in r and key != r for r in rule_keys))
        f["holds_rule"] = int(any(r in key and key != r for r in rule_keys))
        f["word_end"] = int(key.endswith(WORDS))
        quoted = 0
        for start, end in c.spans[:5]:
            before, after = view[max(0, start - 3):start], view[end:end + 3]
            quoted |= before.endswith("“") or after.startswith("”")
            bare_before = before.replace("“", "").replace("”", "")
            bare_after = after.replace("“", "").replace("”", "")
            f.update({f"p1={bare_before[-1:] or '^'}": 1, f"p2={bare_before[-2:]}": 1,
                      f"n1={bare_after[:1] or '$'}": 1, f"n2={bare_after[:2]}": 1})
            f["after_verb"] = max(f.get("after_verb", 0), int(bool(_VERB.search(view[max(0, start - 2):start]))))
            f["clause_start"] = max(f.get("clause_start", 0), int(start == 0 or view[start - 1] in _CLAUSE_END))
        f["quoted"] = int(quoted)
        group = "R|" if "rules" in c.sources else "X|"  # the same cue may weigh otherwise for the rules' own
        f.update({group + k: v for k, v in list(f.items())})


def predicted(kept: list[Candidate]) -> list[tuple[str, set[str], str]]:
    return [("Program", {fold_name(n) for n in c.names}, c.names[0]) for c in kept]


def counts(item: dict, kept: list[Candidate]) -> tuple[int, int, int]:
    gold = [{"type": "Program", "label": names[0], "aliases": names[1:]} for names in item["programs"]]
    score = _match_entities(gold, predicted(kept))["Program"]
    return score.tp, score.fp, score.fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def decode(found: list[Candidate], probs: np.ndarray, threshold: float, rules_only: bool) -> list[Candidate]:
    """The candidates kept: likely enough, most likely first, none whose every mention overlaps one kept."""
    order = sorted(range(len(found)), key=lambda i: -probs[i])
    taken: set[int] = set()
    kept = []
    for i in order:
        c = found[i]
        if probs[i] < threshold or (rules_only and "rules" not in c.sources):
            continue
        if all(taken.intersection(range(s, e)) for s, e in c.spans):
            continue
        kept.append(c)
        for s, e in c.spans:
            taken.update(range(s, e))
    return kept


class Filter:
    def __init__(self, c: float = 1.0) -> None:
        self.vectorizer = DictVectorizer()
        self.model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")

    def fit(self, reports: list[list[Candidate]]) -> Filter:
        rows = [c for found in reports for c in found]
        x = self.vectorizer.fit_transform([c.features for c in rows])
        self.model.fit(x, [c.label for c in rows])
        return self

    def probs(self, found: list[Candidate]) -> np.ndarray:
        if not found:
            return np.zeros(0)
        return self.model.predict_proba(self.vectorizer.transform([c.features for c in found]))[:, 1]


def totals(items, reports, probs, threshold, rules_only) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for item, found, p in zip(items, reports, probs, strict=True):
        a, b, c = counts(item, decode(found, p, threshold, rules_only))
        tp, fp, fn = tp + a, fp + b, fn + c
    return tp, fp, fn


def tune(items: list[dict], reports: list[list[Candidate]]) -> dict[bool, tuple[float, float]]:
    """(C, threshold) of the best pooled F1 over an inner 4-fold cross-validation of these reports, for the full
    filter (False) and the precision-only one (True)."""
    best: dict[bool, tuple[float, float, float]] = {False: (-1, 0, 0), True: (-1, 0, 0)}
    for c in SEARCH_C:
        probs: list[np.ndarray] = [np.zeros(0)] * len(items)
        for fold in range(4):
            model = Filter(c).fit([r for i, r in enumerate(reports) if i % 4 != fold])
            for i in range(fold, len(items), 4):
                probs[i] = model.probs(reports[i])
        for rules_only in (False, True):
            for t in THRESHOLDS:
                f1 = prf(*totals(items, reports, probs, t, rules_only))[2]
                if f1 > best[rules_only][0]:
                    best[rules_only] = (f1, c, t)
    return {k: (v[1], v[2]) for k, v in best.items()}


def rule_kept(found: list[Candidate]) -> list[Candidate]:
    return [c for c in found if "rules" in c.sources]


def ceiling(items, reports) -> tuple[int, int]:
    covered = total = 0
    for item, found in zip(items, reports, strict=True):
        keys = {fold_name(n) for c in found for n in c.names}
        total += len(item["programs"])
        covered += sum(1 for names in item["programs"] if any(fold_name(n) in keys for n in names))
    return covered, total


def show(name: str, tp: int, fp: int, fn: int) -> str:
    p, r, f = prf(tp, fp, fn)
    return f"{name} P {p:.3f} R {r:.3f} F1 {f:.3f} ({tp}/{fp}/{fn})"


def run_models(train_items, train_reports, items, reports):
    """Tune on the training reports, fit, and return per-report (tp, fp, fn) of rules, filter, precision-only."""
    settings = tune(train_items, train_reports)
    out = {"rules": [counts(i, rule_kept(r)) for i, r in zip(items, reports, strict=True)]}
    models = {}
    for variant, rules_only in (("filter", False), ("precision-only", True)):
        c, t = settings[rules_only]
        model = models.get(c) or Filter(c).fit(train_reports)
        models[c] = model
        out[variant] = [counts(i, decode(r, model.probs(r), t, rules_only)) for i, r in zip(items, reports,
                                                                                             strict=True)]
        out[f"{variant} setting"] = (c, t)
    return out


def pooled(rows) -> tuple[int, int, int]:
    return tuple(int(x) for x in np.sum(np.array(rows).reshape(-1, 3), axis=0))


def top_features(model: Filter, n: int = 15) -> list[tuple[str, float]]:
    names = model.vectorizer.get_feature_names_out()
    coef = model.model.coef_[0]
    return [(names[i], round(float(coef[i]), 2)) for i in np.argsort(-np.abs(coef))[:n]]


def _number(item: dict) -> int:
    return int(re.match(r"[0-9]+", Path(item["doc"].source).name).group())


def main(mode: str) -> None:
    dev = load(REAL / "dev")
    dev_reports = [candidates(item) for item in dev]
    covered, total = ceiling(dev, dev_reports)
    rows = [c for r in dev_reports for c in r]
    print(f"dev: {len(dev)} reports, {len(rows)} candidates ({sum(c.label for c in rows)} positive, "
          f"{sum('rules' in c.sources for c in rows)} from the rules); ceiling {covered}/{total} = "
          f"{covered / total:.3f}")
    print("sources of positives:", Counter(s for c in rows if c.label for s in c.sources).most_common())
    if mode == "cv":
        order = list(range(len(dev)))
        random.Random(0).shuffle(order)
        every: dict[str, list] = {"rules": [], "filter": [], "precision-only": []}
        for fold in range(5):
            held = [i for k, i in enumerate(order) if k % 5 == fold]
            train = [i for k, i in enumerate(order) if k % 5 != fold]
            out = run_models([dev[i] for i in train], [dev_reports[i] for i in train],
                             [dev[i] for i in held], [dev_reports[i] for i in held])
            print(f"fold {fold} ({len(held)} reports; filter C, t = {out['filter setting']}, precision-only "
                  f"{out['precision-only setting']})")
            for variant in every:
                every[variant] += out[variant]
                print("   ", show(f"{variant:<15}", *pooled(out[variant])))
        print("pooled over the 5 folds")
        for variant, rows_ in every.items():
            print("   ", show(f"{variant:<15}", *pooled(rows_)))
        return
    if mode == "fresh":
        # Trained on every report numbered below `first` (dev and test), scored on the later ones: batches that
        # arrived after the filter's design was frozen, seen by neither it nor the rules when they were written.
        first = int(sys.argv[2])
        dev = [*dev, *load(REAL / "test")]
        dev_reports = [*dev_reports, *(candidates(item) for item in dev[len(dev_reports):])]
        late = [i for i, item in enumerate(dev) if _number(item) >= first]
        early = [i for i, item in enumerate(dev) if _number(item) < first]
        test, test_reports = [dev[i] for i in late], [dev_reports[i] for i in late]
        dev, dev_reports = [dev[i] for i in early], [dev_reports[i] for i in early]
    else:
        test = load(REAL / "test")
        test_reports = [candidates(item) for item in test]
    covered, total = ceiling(test, test_reports)
    print(f"test: {len(test)} reports; ceiling {covered}/{total} = {covered / total:.3f}")
    out = run_models(dev, dev_reports, test, test_reports)
    print(f"settings tuned on dev: filter {out['filter setting']}, precision-only {out['precision-only setting']}")
    for variant in ("rules", "filter", "precision-only"):
        print("   ", show(f"{variant:<15}", *pooled(out[variant])))
    rng = np.random.default_rng(0)
    base = np.array(out["rules"])
    for variant in ("filter", "precision-only"):
        other = np.array(out[variant])
        diffs = []
        for _ in range(2000):
            pick = rng.integers(0, len(test), len(test))
            diffs.append(prf(*other[pick].sum(axis=0))[2] - prf(*base[pick].sum(axis=0))[2])
        low, high = np.percentile(diffs, [2.5, 97.5])
        print(f"    bootstrap F1 {variant} − rules: {prf(*other.sum(axis=0))[2] - prf(*base.sum(axis=0))[2]:+.3f}, "
              f"95 % [{low:+.3f}, {high:+.3f}], below zero in {np.mean(np.array(diffs) < 0):.1%}")
    c, _ = out["filter setting"]
    print("top features (filter trained on all of dev):", top_features(Filter(c).fit(dev_reports)))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "cv")
