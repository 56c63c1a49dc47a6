"""Corpus builds: folders and globs, one named graph per report, shared entities once, --jobs, the store."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store

from lawgraph.build import build
from lawgraph.dataset import SCHEME_GRAPH
from lawgraph.errors import ReportError
from lawgraph.query import run
from lawgraph.store import load_graph, open_store

from .conftest import LVLIANG, ROOT

DEV = ROOT / "data" / "dev"
YICHANG = DEV / "yichang-2022.txt"
ID = "https://w3id.org/lawgraph/id/"
EXPORTS = ("nq", "nt", "jsonld", "ttl.gz", "nq.gz")
FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.nt", "graph.jsonld", "graph.ttl.gz", "graph.nq.gz")


def test_folder_and_glob_inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LVLIANG, folder / "a.txt")
    shutil.copy(YICHANG, folder / "b.txt")
    (folder / "notes.md").write_text("not a report", encoding="utf-8")
    by_folder = build([folder], tmp_path / "o1", page=False)
    by_glob = build([str(folder / "*.txt")], tmp_path / "o2", page=False)
    assert by_folder.reports == by_glob.reports == ["a", "b"]
    assert (tmp_path / "o1" / "graph.trig").read_bytes() == (tmp_path / "o2" / "graph.trig").read_bytes()


def test_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReportError, match="no report"):
        build([tmp_path / "empty"], tmp_path / "out", page=False)


def test_each_report_is_a_named_graph_and_shared_entities_are_one_node(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LVLIANG, folder / "lvliang-a.txt")
    shutil.copy(LVLIANG, folder / "lvliang-b.txt")
    shutil.copy(YICHANG, folder / "yichang.txt")
    build([folder], tmp_path / "out", page=False)
    dataset = Store()
    dataset.load(path=str(tmp_path / "out" / "graph.trig"), format=RdfFormat.TRIG)
    graphs = sorted(g.value for g in dataset.named_graphs())
    assert graphs == [f"{ID}report/lvliang-a", f"{ID}report/lvliang-b", f"{ID}report/yichang", SCHEME_GRAPH]
    union = load_graph(tmp_path / "out" / "graph.ttl")
    cities = run(union, "SELECT DISTINCT ?c WHERE { ?c lg:adcode \"141100\" }").rows
    assert len(cities) == 1  # 呂梁市 once, though two reports name it
    bureaus = {r[0].value for r in run(union, 'SELECT ?a WHERE { ?a a lg:Agency '
                                              'FILTER(STRENDS(STR(?a), "/司法局")) }').rows}
    # 市司法局 of 呂梁市 and 宜昌市司法局 are two organs, each qualified by its city.
    assert {f"{ID}agency/141100/司法局", f"{ID}agency/420500/司法局"} <= bureaus
    mentions = run(union, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { <" + ID +
                   "division/141100> lg:mention ?m }").rows
    assert int(mentions[0][0].value) > 10  # mentions from both reports on the one node


def test_output_does_not_depend_on_jobs(tmp_path):
    # With jobs, the workers also gather what the page reads of each report (merged by Collector.absorb); with
    # one process, the writer gathers it itself: the same page.
    one = build([ROOT / "data" / "dev"], tmp_path / "j1", jobs=1, validate=False, export=EXPORTS)
    two = build([ROOT / "data" / "dev"], tmp_path / "j2", jobs=2, validate=False, export=EXPORTS)
    assert one.reports == two.reports
    for name in (*FILES, "graph.html"):
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name


def test_parallel_build_after_validating_in_the_same_process(tmp_path):
    # A worker forked from a process where shacl-rust had run waited forever for its thread pool: workers start
    # from a clean fork server instead. In a subprocess, so that a hang fails the test instead of stalling it.
    script = ("from pathlib import Path; from lawgraph.build import build, report_graph_of; "
              f"report_graph_of(Path({str(LVLIANG)!r})); "  # validates, here
              f"print(len(build([Path({str(ROOT / 'data' / 'dev')!r})], Path({str(tmp_path / 'out')!r}), "
              "jobs=2, page=False).reports))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == str(len(list((ROOT / "data" / "dev").glob("*.txt"))))


def test_store_is_incremental_and_replaces_only_the_changed_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LVLIANG, folder / "a.txt")
    shutil.copy(YICHANG, folder / "b.txt")
    store = tmp_path / "store"
    first = build([folder / "a.txt"], None, store=store, page=False)
    assert first.extracted == ["a"]
    second = build([folder], None, store=store, page=False)
    assert second.extracted == ["b"] and second.unchanged == ["a"]
    b_before = _graph(store, "b")
    text = (folder / "a.txt").read_text(encoding="utf-8").replace("1192名", "1193名")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    third = build([folder], tmp_path / "out", store=store, page=False)
    assert third.extracted == ["a"] and third.unchanged == ["b"]
    assert _graph(store, "b") == b_before
    values = {r[0].value for r in run(open_store(store), "SELECT ?v WHERE { ?m lg:value ?v ; lg:unit \"名\" }").rows}
    assert "1193" in values and "1192" not in values
    files = load_graph(tmp_path / "out" / "graph.trig")
    assert len(files) == sum(1 for _ in open_store(store).quads_for_pattern(None, None, None))


def test_files_of_a_store_build_are_those_of_a_build_without_one(tmp_path):
    # A store build writes the reports it reads now as they come, and the others from the store, in one order.
    dev = sorted((ROOT / "data" / "dev").glob("*.txt"))
    folder = tmp_path / "in"
    folder.mkdir()
    for path in dev[:6]:
        shutil.copy(path, folder / path.name)
    store = tmp_path / "store"
    build([folder], tmp_path / "first", store=store, page=False, export=EXPORTS)
    build([folder], tmp_path / "plain-first", page=False, export=EXPORTS)
    _same_files(tmp_path / "first", tmp_path / "plain-first")
    changed = folder / dev[2].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n全年办理案件12件。\n", encoding="utf-8")
    for i, path in enumerate(dev[6:]):  # new reports, some sorting before the stored ones and some after
        shutil.copy(path, folder / (f"0-{path.name}" if i % 2 else path.name))
    (folder / dev[0].name).unlink()  # not given again: stays in the store, and so in the files
    again = build([folder], tmp_path / "again", store=store, page=False, export=EXPORTS)
    assert len(again.extracted) == 1 + len(dev[6:]) and len(again.unchanged) == 4
    shutil.copy(dev[0], folder / dev[0].name)
    build([folder], tmp_path / "plain-again", page=False, export=EXPORTS)
    _same_files(tmp_path / "again", tmp_path / "plain-again")


def _same_files(one, other) -> None:
    for name in FILES:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


def _graph(store, doc_id: str) -> set[str]:
    graph = NamedNode(f"{ID}report/{doc_id}")
    return {str(q) for q in open_store(store).quads_for_pattern(None, None, None, graph)}


def test_query_on_the_store_gives_the_rows_of_the_files(tmp_path):
    build([LVLIANG, YICHANG], tmp_path / "out", store=tmp_path / "store", page=False)
    from_store = run(open_store(tmp_path / "store"), "top-agencies").rows
    from_file = run(load_graph(tmp_path / "out" / "graph.ttl"), "top-agencies").rows
    assert [[str(v) for v in r] for r in from_store] == [[str(v) for v in r] for r in from_file]
