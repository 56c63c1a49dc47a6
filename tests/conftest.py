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


@pytest.fixture(scope="session")
def lvliang_extraction():
    return extract_report(LVLIANG)
