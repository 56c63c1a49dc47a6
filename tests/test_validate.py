"""SHACL: every annotated report's graph conforms; deliberately broken graphs are caught, by the library and
by `lawgraph validate` with pySHACL's exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pyoxigraph import RdfFormat, serialize

from lawgraph.build import build, extract_report
from lawgraph.errors import ValidationFailed
from lawgraph.validate import validate

from .conftest import GOLD_FILES, LVLIANG, ROOT

REPORTS = [*sorted((ROOT / "data" / "dev").glob("*.txt")), LVLIANG]


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_every_annotated_report_conforms(path):
    _, triples = extract_report(path)
    result = validate(serialize(triples, None, RdfFormat.N_TRIPLES))
    assert result.conforms, result.text[:2000]


def test_annotated_reports_are_the_ones_validated():
    assert len(REPORTS) == len(GOLD_FILES)


@pytest.fixture(scope="module")
def turtle(lvliang_build):
    return (lvliang_build.out_dir / "graph.ttl").read_text(encoding="utf-8")


BROKEN = {
    # A metric whose value is not a decimal.
    "value-not-decimal": lambda ttl: ttl.replace('lg:value "1192"^^xsd:decimal', 'lg:value "many"'),
    # An entity with no label.
    "label-missing": lambda ttl: ttl.replace('rdfs:label "市司法局"@zh-Hant ;', ""),
    # A document issued by something that is not an agency.
    "issuer-not-agency": lambda ttl: ttl + "\n<https://w3id.org/lawgraph/id/document/141100/x> a lg:Regulation ; "
    'rdfs:label "x"@zh-Hant ; lg:mention <https://w3id.org/lawgraph/id/report/lvliang-2023/mention/3-7> ; '
    "lg:issuedBy <https://w3id.org/lawgraph/id/division/141100> .\n",
    # A mention that ends before it starts.
    "mention-backwards": lambda ttl: ttl.replace("lg:end 7 ;", "lg:end 1 ;", 1),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_graph_is_caught(turtle, name, tmp_path):
    broken = BROKEN[name](turtle)
    assert broken != turtle
    result = validate(broken.encode("utf-8"), rdf_format="turtle")
    assert not result.conforms and result.violations >= 1
    path = tmp_path / "broken.ttl"
    path.write_text(broken, encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "lawgraph.cli", "validate", str(path)], capture_output=True,
                         text=True, timeout=120)
    assert cli.returncode == 1 and "Conforms: False" in cli.stdout


def test_validate_command_accepts_a_good_graph(lvliang_build):
    cli = subprocess.run([sys.executable, "-m", "lawgraph.cli", "validate",
                          str(lvliang_build.out_dir / "graph.ttl")], capture_output=True, text=True, timeout=120)
    assert cli.returncode == 0 and "Conforms: True" in cli.stdout


def test_build_refuses_a_graph_that_does_not_conform(tmp_path, monkeypatch):
    from lawgraph import graph as graph_module

    original = graph_module._Builder.metric

    def no_unit(self, span):  # a bug that drops every metric's unit
        original(self, span)
        for pairs in self.statements.values():
            pairs[:] = [pair for pair in pairs if not pair.startswith("<https://w3id.org/lawgraph/ontology#unit> ")]

    monkeypatch.setattr(graph_module._Builder, "metric", no_unit)
    out = tmp_path / "out"
    with pytest.raises(ValidationFailed, match="does not conform"):
        build([LVLIANG], out, page=False)
    assert not (out / "graph.ttl").exists()
