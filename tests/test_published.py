"""Reports as they are published, made from the annotated real reports 01–12 the way users meet them: web pages
in the layouts of government sites, PDFs printed by Chromium (an official document's page, and a narrow one
that wraps every few words), and Word files. Each form must score as the plain text does, class by class, with
every mention cutting the text the build wrote beside the graph."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, Store

from lawgraph.build import build
from lawgraph.document import decode, read_report
from lawgraph.evaluate import evaluate_one

from .published import LAYOUTS, document_page, gold_for, page_bytes, print_pdf, real_reports, write_docx

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REPORTS = real_reports()
HTML_FORMS = tuple(f"html-{layout}" for layout in LAYOUTS)
PDF_FORMS = ("pdf", "pdf-narrow")  # A4 in 16 pt, as official documents are set; 150 mm wide in 12 pt
FORMS = (*HTML_FORMS, *PDF_FORMS, "docx")
# How each PDF form is printed: page width (mm) and font size (pt).
PDF_PAGES = {"pdf": (210, 16), "pdf-narrow": (150, 12)}


def _id(gold: Path) -> str:
    return gold.name.removesuffix(".gold.json")


def _plain(gold: Path) -> str:
    return decode(gold.with_name(_id(gold) + ".txt").read_bytes())[0]


@pytest.fixture(scope="session")
def published(tmp_path_factory) -> dict[str, Path]:
    """Form → a folder holding every report in that form (REPORT_ID.html, .pdf or .docx)."""
    root = tmp_path_factory.mktemp("published")
    folders = {form: root / form for form in FORMS}
    for folder in folders.values():
        folder.mkdir()
    for gold, title in REPORTS:
        text = _plain(gold)
        for layout in LAYOUTS:
            (folders[f"html-{layout}"] / f"{_id(gold)}.html").write_bytes(page_bytes(title, text, layout))
        write_docx(title, text, folders["docx"] / f"{_id(gold)}.docx")
    if CHROMIUM.exists():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = chromium.new_page()
            for gold, title in REPORTS:
                for form, (width, size) in PDF_PAGES.items():
                    document = document_page(title, _plain(gold), width_mm=width, font_pt=size)
                    print_pdf(page, document, folders[form] / f"{_id(gold)}.pdf", width_mm=width)
            chromium.close()
    return folders


@pytest.fixture(scope="session")
def plain_scores() -> dict[str, dict]:
    return {_id(gold): evaluate_one(gold).scores for gold, _ in REPORTS}


def _form_file(published: dict[str, Path], form: str, gold: Path) -> Path:
    if form in PDF_FORMS and not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    return next(published[form].glob(_id(gold) + ".*"))


def test_the_annotated_reports_are_there():
    assert len(REPORTS) == 12, "data/real/*/01–12 with their annotations"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(("gold", "title"), REPORTS, ids=[_id(gold) for gold, _ in REPORTS])
def test_each_form_scores_as_the_plain_text(published, plain_scores, form, gold, title, tmp_path):
    """Every class (entities, metrics, indicators, relations of each kind, offsets) within one point of F1 of
    the plain text; the annotation's offsets moved onto the text read from the form."""
    path = _form_file(published, form, gold)
    converted = read_report(path).text
    annotation = gold_for(json.loads(gold.read_text(encoding="utf-8")), _plain(gold), converted, str(path))
    (tmp_path / "gold.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    scores = evaluate_one(tmp_path / "gold.json").scores
    assert scores["Provenance"].fp == 0, scores["Provenance"].spurious[:3]
    for name, plain in plain_scores[_id(gold)].items():
        got = scores[name]
        assert abs(got.f1 - plain.f1) <= 0.01, (f"{name}: F1 {got.f1:.3f} against {plain.f1:.3f} as plain text; "
                                                f"missed {got.misses[:4]}, spurious {got.spurious[:4]}")


_REPORT_TEXTS = """
SELECT ?report ?file ?sha ?format ?source WHERE {
  ?report a lg:Report ; lg:textFile ?file ; lg:sha256 ?sha ; lg:sourceFormat ?format ; lg:sourceSha256 ?source }"""
_MENTIONS = """
SELECT DISTINCT ?report ?start ?text WHERE { ?node lg:mention ?m . ?m lg:inSentence/lg:inReport ?report ;
                                                                       lg:start ?start ; lg:text ?text }"""


@pytest.mark.parametrize("form", FORMS)
def test_a_folder_of_a_form_builds_with_each_text_beside_the_graph(published, form, tmp_path):
    """The folder of twelve reports in one form builds (the folder is searched for .html, .pdf, .docx); each
    report's text is written to text/ID.txt with its hash on the report, next to the source file's own hash and
    format; every mention cuts that text."""
    from lawgraph.query import run

    if form in PDF_FORMS and not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    result = build([published[form]], tmp_path / "out", page=False)
    assert len(result.reports) == len(REPORTS) and not result.skipped
    store = Store()
    store.bulk_load(path=str(tmp_path / "out" / "graph.ttl"), format=RdfFormat.TURTLE)
    texts = {}
    for report, file, sha, fmt, source in run(store, _REPORT_TEXTS).rows:
        data = (tmp_path / "out" / file.value).read_bytes()
        assert hashlib.sha256(data).hexdigest() == sha.value
        original = next(published[form].glob(report.value.rsplit("/", 1)[1] + ".*"))
        assert hashlib.sha256(original.read_bytes()).hexdigest() == source.value
        assert fmt.value == form.split("-")[0]
        texts[report.value] = data.decode("utf-8")
    assert len(texts) == len(REPORTS)
    mentions = run(store, _MENTIONS).rows
    assert len(mentions) > 100
    for report, start, text in mentions:
        assert texts[report.value][int(start.value):int(start.value) + len(text.value)] == text.value
