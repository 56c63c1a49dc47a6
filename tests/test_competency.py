"""Competency questions: the questions the graph exists to answer, as shipped .rq files, checked against
answers on the Lüliang report that were established by reading the report (tests/competency/NAME.csv).

Each answer file names the columns it checks (a subset of the query's) and lists rows that must be in the
answer; text the extractor composes itself (indicators, sentences) is left out so that the facts are checked,
not the wording."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from lawgraph.query import as_csv, named_queries, run
from lawgraph.store import load_graph

ANSWERS = Path(__file__).parent / "competency"
QUESTIONS = sorted(name for name in named_queries() if name.startswith("cq-"))


def test_at_least_twelve_questions_each_with_checked_answers():
    assert len(QUESTIONS) >= 12
    assert {p.stem for p in ANSWERS.glob("*.csv")} == set(QUESTIONS)


@pytest.fixture(scope="module")
def store(lvliang_build):
    return load_graph(lvliang_build.out_dir / "graph.ttl")


def _rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize("name", QUESTIONS)
def test_question_answers_with_the_checked_facts(store, name):
    columns, expected = _rows((ANSWERS / f"{name}.csv").read_text(encoding="utf-8"))
    answer_columns, answer = _rows(as_csv(run(store, name)))
    assert set(columns) <= set(answer_columns)
    assert expected, "every question has a checked answer on the Lüliang report"
    got = Counter(tuple(row[c] for c in columns) for row in answer)
    missing = Counter(tuple(row[c] for c in columns) for row in expected) - got
    assert not missing, f"expected rows not in the answer: {list(missing)}"
