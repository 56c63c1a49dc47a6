"""Shared fixtures: the real reports and their annotations, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from lawgraph.build import build, extract_report

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
GOLD = ROOT / "data" / "gold"
LVLIANG = REPORTS / "lvliang-2023.txt"
GOLD_FILES = sorted(GOLD.glob("*.json"))


@pytest.fixture(scope="session")
def lvliang_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("lvliang")
    return build([LVLIANG], out)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Two reports (Lüliang and a development report) built into files and a store, in a folder of their own."""
    import shutil

    work = tmp_path_factory.mktemp("two-reports")
    reports = [work / "lvliang-2023.txt", work / "yichang-2022.txt"]
    shutil.copy(LVLIANG, reports[0])
    shutil.copy(ROOT / "data" / "dev" / "yichang-2022.txt", reports[1])
    build(reports, work / "out", store=work / "store", page=False, validate=False, export=("nq",))
    return work


@pytest.fixture(scope="session")
def lvliang_extraction():
    return extract_report(LVLIANG)
