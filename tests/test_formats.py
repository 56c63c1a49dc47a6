"""Reading reports as they are published: formats recognised by content, a page's charset and main text, a
PDF's text layer, Word files, the one-line errors; URLs fetched from a local server (nothing leaves 127.0.0.1);
the text each build writes beside its outputs, also for a store."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from lawgraph import formats
from lawgraph.build import build
from lawgraph.document import Document, read_report
from lawgraph.errors import ReportError
from lawgraph.evaluate import evaluate_one
from lawgraph.extract.pipeline import extract
from lawgraph.fetch import fetch, report_id_of
from lawgraph.formats.webpage import decode_page, page_text

from .conftest import ROOT
from .published import gold_for, page_bytes, real_reports, write_docx

PUBLISHED = ROOT / "data" / "published"
FIXTURES = Path(__file__).parent / "formats"
REAL = {gold.name.split("-", 1)[1].removesuffix(".gold.json"): (gold, title) for gold, title in real_reports()}
TEXT = (ROOT / "data" / "real" / "dev" / "08-jingbian-2022.txt").read_text(encoding="utf-8")
TITLE = REAL["jingbian-2022"][1]


def lawgraph(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lawgraph.cli", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "no_proxy": "127.0.0.1,localhost", **(env or {})})


# ------------------------------------------------------------------------------------------ by content

@pytest.mark.parametrize(("raw", "suffix", "fmt"), [
    (b"%PDF-1.7\n...", ".txt", "pdf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", ".html", "doc"),
    (b"<!DOCTYPE html><html><body>", ".txt", "html"),
    (b"\xef\xbb\xbf\n  <html lang=zh>", "", "html"),
    (b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>", ".xhtml", "html"),
    (b"<!-- saved from url=(0050)http://example.org/ -->\n<HTML><HEAD>", ".htm", "html"),
    ("<p>一、加强领导</p>".encode(), ".html", "html"),
    ("一、加强领导 <<条例>> 3<5".encode(), ".txt", "txt"),
    (b"PK\x03\x04\x14\x00", ".docx", "zip"),
], ids=["pdf-named-txt", "doc-named-html", "html-named-txt", "html-bom", "xhtml", "saved-page-comment",
        "fragment", "text-with-angles", "broken-zip"])
def test_the_format_is_read_from_the_content(raw, suffix, fmt):
    assert formats.sniff(raw, suffix) == fmt


def test_a_docx_is_a_zip_holding_a_word_document(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "x.zip", "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    raw = (tmp_path / "x.zip").read_bytes()
    assert formats.sniff(raw, ".docx") == "zip"
    with pytest.raises(ReportError, match="an Excel workbook"):
        formats.convert(raw, "zip", "x.docx")
    assert formats.sniff((PUBLISHED / "zibo-2017.docx").read_bytes(), ".bin") == "docx"


# ------------------------------------------------------------------------------------------ web pages

@pytest.mark.parametrize(("raw", "header", "encoding"), [
    ('<meta charset="gb2312"><p>法治政府</p>'.encode("gb18030"), None, "gb18030"),
    ("<p>法治政府</p>".encode("gb18030"), "GBK", "gb18030"),
    ('<meta charset="utf-8"><p>法治政府</p>'.encode("gb18030"), "gb2312", "gb18030"),  # the server's word first
    ("<p>法治政府</p>".encode(), "iso-8859-1", "utf-8"),  # a server's default Latin-1 over UTF-8
    ('<meta http-equiv="Content-Type" content="text/html; charset=big5"><p>法治政府</p>'.encode("cp950"), None,
     "cp950"),
    ("<p>法治政府</p>".encode("gb18030"), None, "gb18030"),  # nothing declared: UTF-8 fails, GB18030 reads
], ids=["meta", "header", "header-over-meta", "latin1-default", "big5", "sniffed"])
def test_a_page_is_decoded_as_a_browser_decodes_it(raw, header, encoding):
    text, found, warnings = decode_page(raw, "page.html", header)
    assert (found, "法治政府" in text, warnings) == (encoding, True, [])


def test_a_page_gives_the_report_not_the_site():
    # The report's text, and under its title the page's publication line, its source and date only.
    converted = page_text(page_bytes(TITLE, TEXT, "trs"), "page.html")
    expected = [line for line in TEXT.splitlines() if line.strip()]
    assert expected[0] == TITLE  # this report's text starts with its title: it is not put in twice
    assert converted.text.splitlines() == [TITLE, "发布时间：2024-03-28 10:00 来源：本网", *expected[1:]]
    without_title = "\n".join(expected[1:])
    assert page_text(page_bytes(TITLE, without_title, "hanweb"), "page.html").text.splitlines() == [
        TITLE, "发布日期：2023-02-14 信息来源：本站", *expected[1:]]  # (its view count a script writes: left out)
    for furniture in ("索引号", "首页", "当前位置", "分享", "相关链接", "ICP备", "上一篇", "浏览次数", "打印",
                      "document"):
        assert furniture not in converted.text


def test_a_pages_publication_line_gives_the_reports_publisher_date_and_place():
    # A real report (洪江市退役军人事务局) whose text never names its city: on its page, the publication line does.
    text = (ROOT / "data" / "real" / "dev" / "1034-hongjiangtuiyijunrenju-2023.txt").read_text(encoding="utf-8")
    title, source = text.splitlines()[0], "发布时间:2024-02-05 09:19 信息来源:洪江市退役军人事务局"
    body = "\n".join(line for line in text.splitlines()[1:] if line.strip() and line != source)
    assert source in text and title.endswith("工作报告")
    extraction = extract(Document("page.html", page_text(page_bytes(title, body, "trs").replace(
        "来源：本网".encode(), "来源：洪江市退役军人事务局".encode()), "page.html").text, "utf-8"))
    assert extraction.jurisdiction.name == "洪江市"
    assert extraction.info.publisher == "洪江市退役军人事务局" and extraction.info.published == "2024-03-28"


def test_a_table_in_the_report_is_kept_a_row_a_line():
    table = ("<table><tr><th>项目</th><th>数量</th></tr><tr><td>行政复议案件</td><td>574件</td></tr>"
             "<tr><td>行政诉讼案件</td><td>230件</td></tr></table>")
    page = page_bytes(TITLE, TEXT, "portal").decode("utf-8").replace("</div>\n<div class=\"article-tools\">",
                                                                     table + "</div>\n<div class=\"article-tools\">")
    text = page_text(page.encode("utf-8"), "page.html").text
    assert "行政复议案件\t574件\n行政诉讼案件\t230件" in text


def test_a_page_with_no_report_text_is_a_one_line_error(tmp_path):
    result = lawgraph("build", str(FIXTURES / "list-page.html"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "list-page.html: no report text on this web page" in result.stderr


# ------------------------------------------------------------------------------------------ PDF, Word

def test_a_scanned_pdf_is_a_one_line_error(tmp_path):
    result = lawgraph("build", str(FIXTURES / "scanned.pdf"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "scanned.pdf: a scanned PDF (1 page(s) of images, no text layer); lawgraph does no OCR" in result.stderr


def test_a_damaged_pdf_is_a_one_line_error(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes((PUBLISHED / "huaian-2024.pdf").read_bytes()[:2000])
    with pytest.raises(ReportError, match=r"cut\.pdf: a PDF document that cannot be read"):
        read_report(path)


def test_a_pdf_keeps_its_lines_and_page_numbers_and_drops_justification_spaces():
    doc = read_report(PUBLISHED / "huaian-2024.pdf")
    assert doc.source_format == "pdf" and doc.encoding == "unicode"
    assert "\n- 1 -\n\f" in doc.text  # pdftotext's way: the page's number, a form feed, the next page
    assert "  " not in doc.text and " 法" not in doc.text
    assert doc.full_lines and len(doc.full_lines) > doc.text.count("\n") / 2
    assert doc.text.startswith("淮安市2024年法治政府建设情况报\n告\n")  # the title, centred, wraps too
    assert doc.view.text.startswith("淮安市2024年法治政府建设情况报告\n")  # and is read through


def test_a_docx_gives_its_paragraphs_and_table_rows_but_not_its_header_or_footer(tmp_path):
    path = write_docx(TITLE, TEXT, tmp_path / "report.docx", table=[["项目", "数量"], ["行政复议案件", "574件"]])
    doc = read_report(path)
    assert doc.source_format == "docx"
    first = TEXT.splitlines()[1]
    assert f"{first}\n项目\t数量\n行政复议案件\t574件\n" in doc.text
    assert "人民政府办公室" not in doc.text and "- 1 -" not in doc.text


def test_a_doc_is_read_with_antiword():
    if not shutil.which("antiword"):
        pytest.skip("antiword is not installed (.ci/run installs it)")
    doc = read_report(PUBLISHED / "jinghai-2023.doc")
    assert doc.source_format == "doc" and doc.text.startswith("静海区2023年度法治政府建设情况报告\n")


def test_without_antiword_a_doc_is_a_one_line_error_naming_the_package(tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = lawgraph("build", str(PUBLISHED / "jinghai-2023.doc"), "--out", str(tmp_path / "out"),
                      env={"PATH": str(empty)})
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "a Word 97-2003 document (.doc); reading it needs antiword" in result.stderr
    assert "apt-get install antiword" in result.stderr


COMMITTED = ["jingbian-2022.html", "huaian-2024.pdf", "zibo-2017.docx", "jinghai-2023.doc"]


@pytest.mark.parametrize("name", COMMITTED)
def test_each_committed_form_scores_as_its_plain_text(name, tmp_path):
    path = PUBLISHED / name
    if path.suffix == ".doc" and not shutil.which("antiword"):
        pytest.skip("antiword is not installed (.ci/run installs it)")
    gold, _ = REAL[path.stem]
    original = gold.with_name(gold.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
    annotation = gold_for(json.loads(gold.read_text(encoding="utf-8")), original, read_report(path).text, str(path))
    (tmp_path / "gold.json").write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
    plain, scores = evaluate_one(gold).scores, evaluate_one(tmp_path / "gold.json").scores
    assert scores["Provenance"].fp == 0
    for name_, score in plain.items():
        assert abs(scores[name_].f1 - score.f1) <= 0.01, (name_, scores[name_].misses, scores[name_].spurious)


# ------------------------------------------------------------------------------------------ from URLs

PAGE = page_bytes(TITLE, TEXT, "trs")
GBK_PAGE = page_bytes(TITLE, TEXT, "legacy").replace(b'<meta http-equiv="Content-Type" content="text/html; '
                                                     b'charset=gb2312">', b"")


class _Site(BaseHTTPRequestHandler):
    """Saved pages served as a government site serves them, with the ways a fetch can go wrong."""

    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {
        "/report.html": (200, {"Content-Type": "text/html"}, PAGE),
        "/gbk/report": (200, {"Content-Type": "text/html; charset=GBK"}, GBK_PAGE),
        "/gzip/report.html": (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
                              gzip.compress(PAGE)),
        "/files/huaian-2024.pdf": (200, {"Content-Type": "application/pdf"},
                                   (PUBLISHED / "huaian-2024.pdf").read_bytes()),
        "/download": (200, {"Content-Type": "application/octet-stream"}, (PUBLISHED / "zibo-2017.docx").read_bytes()),
        "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
        "/huge.html": (200, {"Content-Type": "text/html", "Content-Length": str(200 * 2**20)}, b"<html>"),
        "/moved": (301, {"Location": "/report.html"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/ftp": (302, {"Location": "ftp://127.0.0.1/report.html"}, b""),
    }

    def do_GET(self) -> None:
        if self.path == "/slow.html":
            time.sleep(2)
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that stops reading (a body over the size limit) is what the tests do on purpose


@pytest.fixture(scope="module")
def site():
    server = _Server(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_build_from_a_url_fetches_keeps_and_builds_the_page(site, tmp_path):
    out = tmp_path / "out"
    result = lawgraph("build", f"{site}/report.html", "--out", str(out), "--no-page")
    assert result.returncode == 0, result.stderr
    assert f"fetched {site}/report.html → {out}/fetched/report.html" in result.stdout
    assert (out / "fetched" / "report.html").read_bytes() == PAGE
    text = (out / "text" / "report.txt").read_text(encoding="utf-8")
    assert text.startswith(TITLE + "\n")
    graph = (out / "graph.ttl").read_text(encoding="utf-8")
    assert f'lg:sourceUrl "{site}/report.html"^^xsd:anyURI' in graph
    assert f'lg:sourceSha256 "{hashlib.sha256(PAGE).hexdigest()}"' in graph
    assert 'lg:textFile "text/report.txt"' in graph and 'lg:sourceFormat "html"' in graph


@pytest.mark.parametrize(("path", "fmt"), [("/gbk/report", "html"), ("/gzip/report.html", "html"),
                                           ("/files/huaian-2024.pdf", "pdf"), ("/download", "docx"),
                                           ("/moved", "html")])
def test_what_a_server_says_is_heeded(site, tmp_path, path, fmt):
    fetched = fetch(site + path, tmp_path)
    assert fetched.path.suffix == formats.EXTENSIONS[fmt]
    doc = read_report(fetched.path, url=fetched.url, charset=fetched.charset)
    assert doc.source_format == fmt and "法治" in doc.text
    if path == "/gbk/report":  # no <meta charset>: the header's GBK is what decodes it
        assert doc.encoding == "gb18030" and doc.text.startswith(TITLE)
    if path == "/moved":
        assert fetched.url == site + "/report.html"


@pytest.mark.parametrize(("path", "message"), [
    ("/logo.png", "served as image/png, not a web page, PDF or Word file"),
    ("/huge.html", "200 MB is far more than one report"),
    ("/loop", "more than 5 redirects"),
    ("/ftp", "a redirect away from the web"),
    ("/missing.html", "the server answered HTTP 404"),
])
def test_a_fetch_that_goes_wrong_is_a_one_line_error(site, tmp_path, path, message):
    result = lawgraph("build", site + path, "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr and site + path in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists() and not (tmp_path / "out" / "fetched").exists()


def test_a_fetch_is_bounded_in_time_and_size(site, tmp_path):
    with pytest.raises(ReportError, match=r"no answer within 0\.5 s|longer than its time limit"):
        fetch(site + "/slow.html", tmp_path, timeout=0.5)
    with pytest.raises(ReportError, match="far more than one report"):
        fetch(site + "/report.html", tmp_path, max_bytes=1000)


def test_a_report_id_is_read_from_its_address():
    assert report_id_of("http://www.tjjh.gov.cn/zfxxgk/202403/t20240328_6583952.html") == "t20240328_6583952"
    assert report_id_of("https://app.bjtitle.com/8816/newshow.php?did=b0&newsid=6131655").startswith("newshow-")
    assert report_id_of("http://127.0.0.1:8000/") == "127.0.0.1"


# ------------------------------------------------------------------------------------------ texts kept

def test_a_store_keeps_its_reports_texts_for_the_files_written_from_it(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    build([PUBLISHED / "jingbian-2022.html"], None, store=store, page=False)
    assert (store / "text" / "jingbian-2022.txt").read_text(encoding="utf-8").startswith(TITLE)
    result = build([PUBLISHED / "jingbian-2022.html", PUBLISHED / "zibo-2017.docx"], out, store=store, page=False)
    assert result.unchanged == ["jingbian-2022"] and result.extracted == ["zibo-2017"]
    assert sorted(p.name for p in (out / "text").iterdir()) == ["jingbian-2022.txt", "zibo-2017.txt"]
    assert sorted(p.name for p in (store / "text").iterdir()) == ["jingbian-2022.txt", "zibo-2017.txt"]
    assert not list(store.glob(".lawgraph-*"))


def test_a_folder_of_downloads_builds_without_the_pages_assets(tmp_path):
    downloads = tmp_path / "downloads"
    shutil.copytree(PUBLISHED, downloads)
    (downloads / "jingbian-2022_files").mkdir()
    (downloads / "jingbian-2022_files" / "frame.html").write_bytes(PAGE)  # a browser's "complete" save
    result = build([downloads], tmp_path / "out", page=False)
    expected = ["huaian-2024", "jingbian-2022", "zibo-2017"] + (["jinghai-2023"] if shutil.which("antiword") else [])
    assert sorted(result.reports) == sorted(expected)
