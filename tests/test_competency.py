"""Competency questions: the questions the graph exists to answer, as shipped .rq files, with the answers
expected on the Lüliang report (checked by hand once, kept as CSV in tests/competency/).

After a change that rightly alters an answer, `LAWGRAPH_UPDATE_ANSWERS=1 make test` rewrites the CSV files;
read their diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lawgraph.query import as_csv, named_queries, run
from lawgraph.store import load_graph

ANSWERS = Path(__file__).parent / "competency"
QUESTIONS = sorted(name for name in named_queries() if name.startswith("cq-"))


def test_at_least_twelve_questions():
    assert len(QUESTIONS) >= 12
    assert {p.stem for p in ANSWERS.glob("*.csv")} == set(QUESTIONS)


@pytest.fixture(scope="module")
def store(lvliang_build):
    return load_graph(lvliang_build.out_dir / "graph.ttl")


@pytest.mark.parametrize("name", QUESTIONS)
def test_question_gives_the_expected_answer(store, name):
    answer = as_csv(run(store, name))
    expected = ANSWERS / f"{name}.csv"
    if os.environ.get("LAWGRAPH_UPDATE_ANSWERS"):
        expected.write_text(answer, encoding="utf-8")
    assert answer == expected.read_text(encoding="utf-8")
    assert answer.count("\n") >= 2, "a competency question must have an answer on the Lüliang report"
