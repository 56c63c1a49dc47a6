"""The command line: a build prints counts, errors are one line with the documented exit status."""

from __future__ import annotations

import subprocess
import sys

from .conftest import LVLIANG


def lawgraph(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawgraph.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_build_writes_graph_and_page_and_prints_counts(tmp_path):
    result = lawgraph("build", str(LVLIANG), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "graph.ttl").stat().st_size > 10_000
    assert (tmp_path / "out" / "graph.html").stat().st_size > 10_000
    lines = result.stdout.splitlines()
    assert lines[0].startswith("built 1 report(s)")
    counts = dict(line.split() for line in lines[1:] if not line.startswith("wrote"))
    assert int(counts["Agency"]) >= 10 and int(counts["Metric"]) >= 100


def test_missing_report_is_a_one_line_error(tmp_path):
    result = lawgraph("build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_query_named_and_formats(lvliang_build):
    graph = str(lvliang_build.out_dir / "graph.ttl")
    table = lawgraph("query", graph, "top-agencies")
    assert table.returncode == 0 and "呂梁市政府" in table.stdout
    csv_out = lawgraph("query", graph, "top-agencies", "--format", "csv")
    assert csv_out.stdout.splitlines()[0] == "agency,label,mentions,reports"
    listing = lawgraph("query", "--list")
    assert "documents-by-agency" in listing.stdout


def test_malformed_query_exit_status_and_one_line(lvliang_build):
    result = lawgraph("query", str(lvliang_build.out_dir / "graph.ttl"), "SELECT ?x WHERE { ?x }")
    assert result.returncode == 2
    assert result.stderr.startswith("lawgraph: error: malformed SPARQL query at line 1")
    assert result.stderr.count("\n") == 1
