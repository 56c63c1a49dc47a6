"""Faults and hostile content: nothing half-written when a build dies, queries that cannot reach further than
reading, and report text that stays text in every output."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest
from rdflib import Graph

from lawgraph.build import build
from lawgraph.errors import QueryError
from lawgraph.query import as_csv, run, run_with_timeout
from lawgraph.store import load_graph, open_store

from .conftest import LVLIANG, ROOT

REPORT = LVLIANG.read_text(encoding="utf-8")


def _digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _corpus(folder, copies: int) -> None:
    folder.mkdir()
    for i in range(copies):
        (folder / f"r{i:03d}.txt").write_text(REPORT.replace("1192名", f"{1000 + i}名"), encoding="utf-8")


@pytest.mark.parametrize("signal_number", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_a_build_killed_midway_leaves_outputs_and_store_as_they_were(tmp_path, signal_number):
    corpus = tmp_path / "in"
    _corpus(corpus, 120)
    out, store = tmp_path / "out", tmp_path / "store"
    build([corpus / "r000.txt"], out, store=store)
    before_files = _digest(out)
    before_quads = sorted(str(q) for q in open_store(store).quads_for_pattern(None, None, None))
    for delay in (0.6, 1.5, 3.0):
        process = subprocess.Popen([sys.executable, "-m", "lawgraph.cli", "build", str(corpus), "--out", str(out),
                                    "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        if process.poll() is not None:
            pytest.fail(f"the build finished within {delay} s: make the corpus larger")
        process.send_signal(signal_number)
        _, stderr = process.communicate(timeout=60)
        if signal_number == signal.SIGINT:
            assert process.returncode == 130 and b"interrupted" in stderr
        assert _digest(out) == before_files
        assert sorted(str(q) for q in open_store(store).quads_for_pattern(None, None, None)) == before_quads
    # The next build completes and cleans up what the killed ones left.
    build([corpus], out, store=store, page=False)
    assert not list(out.glob(".lawgraph-*"))
    assert len([p for p in store.iterdir() if p.name.startswith("v-")]) == 1


@pytest.fixture(scope="module")
def store(lvliang_build):
    return load_graph(lvliang_build.out_dir / "graph.ttl")


def test_parameters_are_bound_as_terms_not_pasted(store, lvliang_build):
    size = len(store)
    attack = '5" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o } #'
    result = run(store, "section-metrics", {"section": attack})
    assert result.rows == []
    assert len(store) == size
    assert len(run(store, "section-metrics", {"section": "5"}).rows) > 10


def test_updates_never_reach_the_graph(store):
    size = len(store)
    for update in ("INSERT DATA { <a:b> <a:c> <a:d> }", "DELETE WHERE { ?s ?p ?o }", "DROP ALL",
                   "PREFIX x: <a:> CLEAR DEFAULT", "LOAD <http://example.com/x.ttl>"):
        with pytest.raises(QueryError, match="is an update"):
            run(store, update)
    assert len(store) == size


def test_a_slow_query_is_stopped(store):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"did not finish within 0\.5 s"):
        run_with_timeout(store, slow, None, 0.5)
    assert time.monotonic() - started < 10
    quick = run_with_timeout(store, "top-agencies", None, 30)
    assert quick.rows


HOSTILE = ("一、依法行政\n(一)市司法局印发《<script>alert(1)</script>管理办法》"
           "和《\"><img src=x onerror=alert(2)>通知》,"
           "开展“=HYPERLINK(\"http://x\")”专项行动,受理案件12件。\n"
           "(二)市政府印发《\u202eevil\u202c条例》和《控制\x01字符\x7f条例》,开展“" + "长" * 3000 + "”活动。\n"
           "(三)印发《=HYPERLINK(\"http://x\")管理办法》《@SUM(1+1)实施细则》《+1条例》《-2通知》,办结5件。\n")


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "hostile.txt"
    report.write_text(REPORT + "\n" + HOSTILE, encoding="utf-8")
    build([report], folder / "out", export=("nt", "jsonld"))
    return folder / "out"


def test_hostile_text_is_stored_as_text_and_every_format_parses(hostile_build):
    turtle = Graph().parse(hostile_build / "graph.ttl")
    labels = {str(o) for o in turtle.objects(None, None) if "script" in str(o) or "onerror" in str(o)}
    assert "<script>alert(1)</script>管理办法" in labels
    assert '"><img src=x onerror=alert(2)>通知' in labels
    assert len(Graph().parse(hostile_build / "graph.nt", format="nt")) == len(turtle)
    assert len(Graph().parse(hostile_build / "graph.jsonld", format="json-ld")) == len(turtle)
    json.loads((hostile_build / "graph.jsonld").read_text(encoding="utf-8"))


def test_hostile_text_stays_text_in_the_page(hostile_build):
    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror" not in page
    assert "\u202e" not in page.split('id="graph-data"')[0]


def test_csv_cells_cannot_start_a_formula(hostile_build):
    store = load_graph(hostile_build / "graph.ttl")
    result = run(store, "SELECT ?l WHERE { ?d a lg:Regulation ; rdfs:label ?l } ORDER BY ?l")
    cells = [row[0] for row in csv.reader(io.StringIO(as_csv(result)))][1:]
    for formula in ("=HYPERLINK", "@SUM", "+1", "-2"):
        assert any(cell.startswith("'" + formula) for cell in cells), formula
    assert not any(cell[:1] in "=+-@" for cell in cells)


def test_same_input_same_bytes_whatever_the_hash_seed(tmp_path):
    outputs = []
    for seed in ("0", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = tmp_path / f"seed-{seed}"
        subprocess.run([sys.executable, "-m", "lawgraph.cli", "build", str(LVLIANG), str(ROOT / "data" / "dev"),
                        "--out", str(out), "--no-page"], check=True, capture_output=True, env=env, timeout=300)
        outputs.append(_digest(out))
    assert outputs[0] == outputs[1]


def test_output_folder_that_is_a_file_is_an_error(tmp_path):
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "lawgraph.cli", "build", str(LVLIANG), "--out", str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "is a file" in result.stderr and result.stderr.count("Error") == 1
