"""Experiment (issue 13): does a learned tagger find programmes better than the rules?

A character CRF (python-crfsuite) labels programme spans, with the rules' own spans among its features, so it
can only learn where to differ from them. It is trained on the annotations of data/real/dev (each programme's
names found in the report's view give its spans) and compared with the rules alone, names scored as
`lawgraph eval` scores them:

    pip install python-crfsuite
    python benchmarks/experiments/program_crf.py cv      # 4-fold cross-validation on dev/
    python benchmarks/experiments/program_crf.py test    # trained on dev/, scored once on test/

Not part of lawgraph: the CRF did not earn its place (docs/real-reports.md has the numbers).
"""

from __future__ import annotations

import bisect
import json
import random
import re
import sys
from pathlib import Path

import pycrfsuite

from lawgraph.document import read_report
from lawgraph.evaluate import fold_name
from lawgraph.extract.pipeline import clean_name, extract
from lawgraph.extract.programs import SUFFIXES

REAL = Path(__file__).resolve().parents[2] / "data" / "real"
_QUOTES = set("“”‘’\"'《》")
_SUFFIX_ENDS = {word[-1] for word in SUFFIXES}


def load(folder: Path) -> list[dict]:
    items = []
    for path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = read_report(path.parent / gold["text_file"])
        programs = [[e["label"], *e.get("aliases", [])] for e in gold["entities"] if e["type"] == "Program"]
        items.append({"doc": doc, "extraction": extract(doc), "programs": programs})
    return items


def gold_spans(view: str, programs: list[list[str]]) -> list[tuple[int, int]]:
    """Where the view names an annotated programme, quotation marks skipped."""
    kept = [i for i, c in enumerate(view) if c not in _QUOTES]
    bare = "".join(view[i] for i in kept)
    spans = []
    for name in (fold_name(n) for names in programs for n in names):
        if len(name) >= 2:
            spans += [(kept[m.start()], kept[m.end() - 1] + 1) for m in re.finditer(re.escape(name), bare)]
    return spans


def bio(length: int, spans: list[tuple[int, int]]) -> list[str]:
    tags = ["O"] * length
    for start, end in sorted(spans, key=lambda s: s[0] - s[1]):  # longest first
        if all(t == "O" for t in tags[start:end]):
            tags[start:end] = ["B"] + ["I"] * (end - start - 1)
    return tags


def rule_spans(item: dict) -> list[tuple[int, int]]:
    starts = list(item["doc"].view.starts)
    return [(bisect.bisect_left(starts, m.start), bisect.bisect_left(starts, m.end))
            for e in item["extraction"].entities if e.kind == "Program" for m in e.mentions]


def features(item: dict) -> list[dict]:
    view = item["doc"].view.text
    rule = bio(len(view), rule_spans(item))
    quoted, inside = [], False
    for char in view:
        inside = inside or char == "“"
        quoted.append(inside)
        inside = inside and char != "”"
    return [{"c": c, "p1": view[i - 1:i] or "^", "n1": view[i + 1:i + 2] or "$", "p2": view[max(0, i - 2):i],
             "n2": view[i + 1:i + 3], "rule": rule[i], "quoted": quoted[i], "suffix_end": c in _SUFFIX_ENDS}
            for i, c in enumerate(view)]


def spans_of(tags: list[str]) -> list[tuple[int, int]]:
    spans, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if tag != "I" and start is not None:
            spans.append((start, i))
            start = None
        if tag == "B":
            start = i
    return spans


def train(items: list[dict], model: str) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for item in items:
        trainer.append(features(item), bio(len(item["doc"].view.text),
                                            gold_spans(item["doc"].view.text, item["programs"])))
    trainer.set_params({"c1": 0.1, "c2": 0.05, "max_iterations": 150})
    trainer.train(model)


def score(items: list[dict], predict) -> tuple[float, float, float]:
    """Programme names found against the annotated ones, one to one (as `lawgraph eval` matches)."""
    tp = fp = fn = 0
    for item in items:
        golds = [{fold_name(n) for n in names} for names in item["programs"]]
        found = {fold_name(clean_name(item["doc"].view.text[s:e])) for s, e in predict(item)} - {""}
        used: set[int] = set()
        for name in found:
            hit = next((i for i, names in enumerate(golds) if i not in used and name in names), None)
            tp, fp = (tp + 1, fp) if hit is not None else (tp, fp + 1)
            used.add(hit)
        fn += len(golds) - len(used - {None})
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return round(precision, 3), round(recall, 3), round(2 * precision * recall / max(1e-9, precision + recall), 3)


def tagger(model: str):
    crf = pycrfsuite.Tagger()
    crf.open(model)
    return lambda item: spans_of(crf.tag(features(item)))


def main(mode: str) -> None:
    dev = load(REAL / "dev")
    if mode == "cv":
        random.Random(0).shuffle(dev)
        for fold in range(4):
            held = dev[fold::4]
            model = f"/tmp/program-crf-{fold}.crf"
            train([d for i, d in enumerate(dev) if i % 4 != fold], model)
            print(f"fold {fold}: rules {score(held, rule_spans)}  crf {score(held, tagger(model))}")
    else:
        train(dev, "/tmp/program-crf.crf")
        test = load(REAL / "test")
        print(f"test: rules {score(test, rule_spans)}  crf {score(test, tagger('/tmp/program-crf.crf'))}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "cv")
