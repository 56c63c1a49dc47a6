"""`lawgraph serve`: a real server started on a free loopback port, queried over HTTP with the SPARQL 1.1
Protocol (urllib, no proxy), answering as `lawgraph query` does; read-only; its page works offline."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

import pytest
from pyoxigraph import RdfFormat, parse

from lawgraph.build import build
from lawgraph.query import as_json, named_queries, run
from lawgraph.serve import RESULT_FORMATS, negotiate
from lawgraph.store import open_graph

from .servers import http, start_process

JSON = "application/sparql-results+json"
PLAIN_QUERIES = [name for name, q in named_queries().items() if not q.params]


@contextmanager
def serving(graph, *options: str):
    command = [sys.executable, "-m", "lawgraph.cli", "serve", str(graph), "--port", "0", *options]
    with start_process(command, r"at (http://\S+/) ") as (_process, match):
        yield match.group(1)


@pytest.fixture(scope="module")
def file_url(built):
    with serving(built / "out" / "graph.nq") as url:
        yield url


@pytest.fixture(scope="module")
def store_url(built):
    with serving(built / "store") as url:
        yield url


def sparql(url: str, query: str, accept: str = JSON, method: str = "GET", **params: str):
    """Send a query by one of the protocol's three ways; returns the status, media type and body."""
    if method == "GET":
        request = urllib.request.Request(url + "sparql?" + urllib.parse.urlencode({"query": query, **params}),
                                         headers={"Accept": accept})
    elif method == "FORM":
        form = urllib.parse.urlencode({"query": query}).encode()
        request = urllib.request.Request(url + "sparql", data=form, headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
    else:
        request = urllib.request.Request(url + "query", data=query.encode(), headers={
            "Accept": accept, "Content-Type": "application/sparql-query"})
    return http(request)


def rows(url: str, query: str) -> dict:
    status, media, body = sparql(url, query)
    assert status == 200, body
    assert media.startswith(JSON)
    return json.loads(body)


@pytest.mark.server
def test_listens_on_loopback_only_by_default(file_url):
    assert file_url.startswith("http://127.0.0.1:")


@pytest.mark.server
@pytest.mark.parametrize("name", PLAIN_QUERIES)
def test_named_queries_give_the_rows_of_lawgraph_query(built, file_url, name):
    expected = json.loads(as_json(run(open_graph(built / "out" / "graph.nq"), name)))
    got = rows(file_url, named_queries()[name].text)
    assert got["head"]["vars"] == expected["head"]["vars"]
    assert got["results"]["bindings"] == expected["results"]["bindings"]


@pytest.mark.server
def test_the_store_served_answers_as_the_command_does(built, store_url):
    command = [sys.executable, "-m", "lawgraph.cli", "query", str(built / "store"), "top-agencies",
               "--format", "json"]
    answer = subprocess.run(command, capture_output=True, text=True, check=True, timeout=60)
    expected = json.loads(answer.stdout)
    got = rows(store_url, named_queries()["top-agencies"].text)
    assert got["results"]["bindings"] == expected["results"]["bindings"]
    assert len(got["results"]["bindings"]) == 20


@pytest.mark.server
@pytest.mark.parametrize("method", ["GET", "FORM", "BODY"])
def test_the_three_ways_of_sending_a_query(file_url, method):
    status, _, body = sparql(file_url, "SELECT (COUNT(*) AS ?n) WHERE { ?r a lg:Report }", method=method)
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "2"


@pytest.mark.server
@pytest.mark.parametrize(("accept", "media", "first_line"), [
    ("text/csv", "text/csv", "r"),
    ("text/tab-separated-values", "text/tab-separated-values", "?r"),
    ("application/sparql-results+xml", "application/sparql-results+xml", '<?xml version="1.0"?>'),
    ("text/csv;q=0.5, application/sparql-results+json", JSON, '{"head":{"vars":["r"]}'),
    ("*/*", JSON, '{"head":{"vars":["r"]}'),
])
def test_results_in_the_format_asked_for(file_url, accept, media, first_line):
    status, got, body = sparql(file_url, "SELECT ?r WHERE { ?r a lg:Report } ORDER BY ?r", accept=accept)
    assert status == 200 and got.split(";")[0] == media
    assert body.decode().startswith(first_line)


@pytest.mark.server
def test_construct_is_answered_as_turtle_or_ntriples(file_url):
    query = "CONSTRUCT { ?r a lg:Report } WHERE { ?r a lg:Report }"
    for accept, fmt in (("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES)):
        status, media, body = sparql(file_url, query, accept=accept)
        assert status == 200 and media.startswith(accept)
        assert len(list(parse(body, fmt))) == 2
    assert sparql(file_url, query, accept="application/sparql-results+json")[0] == 406


@pytest.mark.server
def test_default_graph_uri_narrows_the_query_to_one_report(file_url):
    query = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a lg:Report }"
    status, _, body = sparql(file_url, query, **{"default-graph-uri": "https://w3id.org/lawgraph/id/report/lvliang-2023"})
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "1"


@pytest.mark.server
def test_updates_are_refused_and_change_nothing(file_url):
    before = rows(file_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    update = "DELETE WHERE { ?s ?p ?o }"
    form = urllib.request.Request(file_url + "sparql",
                                  data=urllib.parse.urlencode({"update": update}).encode())
    assert http(form)[0] == 403
    body = urllib.request.Request(file_url + "update", data=update.encode(),
                                  headers={"Content-Type": "application/sparql-update"})
    assert http(body)[0] == 403
    put = urllib.request.Request(file_url + "store?default", data=b"", method="PUT")
    assert http(put)[0] in (403, 405, 501)
    status, _, _ = sparql(file_url, update, method="BODY")
    assert status == 400
    assert rows(file_url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == before


@pytest.mark.server
def test_a_malformed_query_gets_one_line_naming_the_place(file_url):
    status, media, body = sparql(file_url, "SELECT ?x WHERE { ?x lg:value }")
    assert status == 400 and media.startswith("text/plain")
    assert body.decode().startswith("malformed SPARQL query at line 1, column 31")
    assert body.decode().count("\n") == 1
    assert sparql(file_url, "")[0] == 400


@pytest.mark.server
def test_the_page_loads_nothing_from_elsewhere(file_url):
    status, media, body = http(urllib.request.Request(file_url))
    page = body.decode()
    assert status == 200 and media.startswith("text/html")
    assert "http://" not in page and "https://" not in page
    for asset in ("page.js", "page.css", "queries"):
        assert http(urllib.request.Request(file_url + asset))[0] == 200
    script = http(urllib.request.Request(file_url + "page.js"))[2].decode()
    assert "http" not in script and "innerHTML" not in script
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(file_url) as response:
        policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy


@pytest.mark.server
@pytest.mark.browser
def test_the_page_runs_a_named_query_offline(file_url):
    from .test_page import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    elsewhere: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()

        def route(route):
            if route.request.url.startswith(file_url):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.goto(file_url)
        page.wait_for_selector("#named option[value=top-agencies]", state="attached")
        page.select_option("#named", "top-agencies")
        page.click("button[type=submit]")
        page.wait_for_selector("#results table")
        cells = page.locator("#results tbody tr").count()
        browser.close()
    assert cells == 20
    assert elsewhere == []


@pytest.mark.server
def test_a_busy_port_is_one_line(built, file_url):
    port = urllib.parse.urlsplit(file_url).port
    graph = built / "out" / "graph.nq"
    command = [sys.executable, "-m", "lawgraph.cli", "serve", str(graph), "--port", str(port)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"lawgraph: error: 127.0.0.1:{port}: cannot listen")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(("accept", "expected"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
    ("text/tab-separated-values;q=0.9, text/csv;q=0.4", "text/tab-separated-values"),
    ("", "application/sparql-results+json"),
])
def test_negotiate(accept, expected):
    assert negotiate(accept, RESULT_FORMATS)[0] == expected


def test_negotiate_refuses_what_it_cannot_give():
    assert negotiate("text/html, image/png", RESULT_FORMATS) is None


@pytest.mark.server
def test_a_store_rebuilt_while_served_is_answered_from_its_new_version(built, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store, symlinks=True)
    text = (built / "lvliang-2023.txt").read_text(encoding="utf-8").replace("1192名", "1193名")
    changed = tmp_path / "lvliang-2023.txt"
    changed.write_text(text, encoding="utf-8")
    query = 'SELECT ?v WHERE { ?m lg:value ?v ; lg:unit "名" } ORDER BY ?v'
    with serving(store) as url:
        before = {b["v"]["value"] for b in rows(url, query)["results"]["bindings"]}
        build([changed], None, store=store, page=False, validate=False)
        after = {b["v"]["value"] for b in rows(url, query)["results"]["bindings"]}
    assert "1192" in before and "1193" not in before
    assert "1193" in after and "1192" not in after


def test_an_unreadable_graph_is_one_line(tmp_path):
    command = [sys.executable, "-m", "lawgraph.cli", "serve", str(tmp_path / "missing.ttl"), "--port", "0"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("lawgraph: error:") and result.stderr.count("\n") == 1


def test_http_errors_are_not_exceptions():
    # The helper turns HTTP errors into statuses: a refused connection is still an error.
    with pytest.raises(urllib.error.URLError):
        http(urllib.request.Request("http://127.0.0.1:9/"))
