"""The command line: a build prints counts, errors are one line with the documented exit status."""

from __future__ import annotations

import subprocess
import sys

import pytest

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


def test_eval_prints_tables_and_verbose_lists_misses():
    from .conftest import GOLD

    result = lawgraph("eval", str(GOLD / "lvliang-2023.json"), "--verbose")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "F1 per report" and lines[2].startswith("lvliang-2023")
    overall = {line.split()[0]: line.split()[1:] for line in lines if line[:12].strip() in
               {"Agency", "Metric", "Relation", "Provenance", "entities"}}
    assert float(overall["Metric"][2]) >= 0.95
    assert overall["Provenance"][4] == "0"  # no mention with wrong offsets
    verbose = [line.split("\t") for line in lines if line.count("\t") == 3]
    assert all(row[0] == "lvliang-2023" and row[2] in ("missed", "spurious") for row in verbose)


def test_eval_scores_an_annotation_without_some_kinds_of_relation(tmp_path):
    import json

    from .conftest import GOLD

    gold = json.loads((GOLD / "lvliang-2023.json").read_text(encoding="utf-8"))
    gold["relations"] = [r for r in gold["relations"] if r["type"] == "issuedBy"]
    gold["text_file"] = str((GOLD / gold["text_file"]).resolve())
    (tmp_path / "issued-only.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = lawgraph("eval", str(tmp_path / "issued-only.json"))
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.startswith("  ")}
    assert rows["issuedBy"][3] == "1" and rows["about"][5] == "0"  # scored; nothing expected of the others


def test_eval_takes_a_departments_division_from_its_brackets(tmp_path):
    """A department's report is annotated by the department's own short name and its division in brackets
    (宁夏司法厅 (宁夏回族自治区)): the division in brackets is the one to find."""
    import json

    from .conftest import GOLD

    gold = json.loads((GOLD / "lvliang-2023.json").read_text(encoding="utf-8"))
    gold["jurisdiction"] = "吕梁司法局 (吕梁市)"
    gold["text_file"] = str((GOLD / gold["text_file"]).resolve())
    (tmp_path / "department.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = lawgraph("eval", str(tmp_path / "department.json"))
    assert result.returncode == 0, result.stderr
    row = next(line.split() for line in result.stdout.splitlines() if line.startswith("Jurisdiction"))
    assert row[4:] == ["1", "0", "0"]  # TP, FP, FN


def test_eval_scores_a_programmes_place_only_where_the_annotations_may_name_one(tmp_path):
    """Annotations place a programme in a county, never in a city: a city found for one is not counted."""
    import json

    text = "吕梁市2023年法治政府建设年度报告\n\n在孝义市、吕梁市开展“一件事一次办”改革。\n"
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "report", "text_file": "report.txt", "jurisdiction": "吕梁市", "year": 2023,
            "entities": [{"type": "City", "label": "吕梁市"}, {"type": "County", "label": "孝义市"},
                         {"type": "Program", "label": "一件事一次办改革"}],
            "metrics": [], "metric_ignore": [],
            "relations": [{"type": "locatedIn", "subject": "一件事一次办改革", "county": "孝义市"}]}
    (tmp_path / "report.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    assert lawgraph("build", str(tmp_path / "report.txt"), "--out", str(tmp_path / "out"), "--no-page").returncode == 0
    assert "吕梁市" in _placed(tmp_path / "out" / "graph.ttl")  # the graph keeps the city …
    result = lawgraph("eval", str(tmp_path / "report.json"))
    assert result.returncode == 0, result.stderr
    row = next(line.split() for line in result.stdout.splitlines() if line.startswith("  locatedIn"))
    assert row[4:] == ["1", "0", "0"]  # … the score counts the county alone: TP, FP, FN


def _placed(graph):
    import rdflib

    from lawgraph.vocab import LG

    query = "SELECT ?name WHERE { ?p lg:locatedIn ?d . ?d rdfs:label ?name }"
    rows = rdflib.Graph().parse(graph).query(query, initNs={"lg": LG, "rdfs": rdflib.RDFS})
    return {str(row.name) for row in rows}


def test_eval_min_f1_fails_below_the_bar():
    from .conftest import GOLD

    result = lawgraph("eval", str(GOLD / "lvliang-2023.json"), "--min-f1", "0.999")
    assert result.returncode == 1 and "below F1 0.999" in result.stderr
    assert "Program" in result.stderr and "Indicator" in result.stderr and "Agency" not in result.stderr


def test_eval_bad_annotation_is_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = lawgraph("eval", str(bad))
    assert result.returncode == 2 and "not valid JSON" in result.stderr and result.stderr.count("\n") == 1


def test_eval_reads_the_annotation_files_of_a_folder():
    from .conftest import GOLD

    result = lawgraph("eval", str(GOLD))
    assert result.returncode == 0, result.stderr
    scored = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {path.stem for path in GOLD.glob("*.json")} <= scored


def test_eval_totals_real_and_synthetic_apart_and_holds_the_real_ones_to_the_bar(tmp_path):
    from .conftest import GOLD

    synthetic, real = GOLD / "yichang-2022.json", GOLD / "lvliang-2023.json"
    result = lawgraph("eval", str(synthetic), str(real), "--min-f1", "0.999")
    assert "Overall, real reports (1, micro-averaged)" in result.stdout
    assert "Overall, synthetic reports (1, micro-averaged)" in result.stdout
    # Lüliang (real) misses the bar on programmes; Yichang (synthetic) would not decide it either way.
    assert result.returncode == 1 and "Program" in result.stderr
    only_synthetic = lawgraph("eval", str(synthetic), "--min-f1", "0.5")
    assert only_synthetic.returncode == 0, only_synthetic.stderr  # with no real report, the synthetic ones
    assert "Jurisdiction" in only_synthetic.stdout


@pytest.mark.parametrize(("text", "annotated"), [
    ("阳泉市城区人民政府\n\n城区2020年度法治政府建设情况报告\n\n2020年,城区坚持依法行政。\n", "阳泉市城区"),
    # a department of such a district, annotated by its own name: its division is right
    ("重庆市万州区教育委员会关于2023年度法治政府建设情况的报告\n\n2023年,区教委坚持依法行政。\n",
     "重庆市万州区教育委员会"),
], ids=["district", "department-of-a-district"])
def test_eval_takes_a_district_annotated_after_its_citys_name(tmp_path, text, annotated):
    """A district annotated with its city's name before its own (阳泉市城区) is the district found (城区)."""
    import json

    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    gold = {"doc": "report", "text_file": "report.txt", "jurisdiction": annotated, "year": 2020,
            "entities": [], "metrics": [], "metric_ignore": [], "relations": []}
    (tmp_path / "report.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = lawgraph("eval", str(tmp_path / "report.json"))
    assert result.returncode == 0, result.stderr
    row = next(line.split() for line in result.stdout.splitlines() if line.startswith("Jurisdiction"))
    assert row[4:] == ["1", "0", "0"]  # TP, FP, FN
