"""`lawgraph serve`: a real server started on a free loopback port, queried over HTTP with the SPARQL 1.1
Protocol (urllib, no proxy), answering as `lawgraph query` does; read-only; its page works offline."""

from __future__ import annotations

import json
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest
from pyoxigraph import RdfFormat, parse

from lawgraph.build import build
from lawgraph.query import as_json, named_queries, run
from lawgraph.serve import RESULT_FORMATS, negotiate
from lawgraph.store import open_graph

from .servers import cpu_seconds, http, raw_exchange, start_process

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


# ------------------------------------------------------------------------------ an endpoint under attack
#
# Each test below attacks a real server process over real loopback sockets, with margins generous enough for a
# loaded two-core machine. No request leaves 127.0.0.1.

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^11 rows: never ends alone
LIGHT = "SELECT (COUNT(*) AS ?n) WHERE { ?r a lg:Report }"


@contextmanager
def serving_process(graph, *options: str):
    command = [sys.executable, "-m", "lawgraph.cli", "serve", str(graph), "--port", "0", *options]
    with start_process(command, r"at (http://\S+/) ") as (process, match):
        yield match.group(1), process


@pytest.fixture(scope="module")
def one_slot(built):
    """One query at a time, 5 s each, answers of 50 kB at most, 200 MB of memory."""
    with serving_process(built / "out" / "graph.nq", "--max-queries", "1", "--timeout", "5",
                         "--max-answer", "0.05", "--max-memory", "200") as served:
        yield served


def timed(url: str, query: str, **options) -> tuple[int, bytes, float]:
    started = time.monotonic()
    status, _, body = sparql(url, query, **options)
    return status, body, time.monotonic() - started


def settled_cpu(pid: int, window: float = 1.0) -> float:
    """CPU seconds the server and its workers use over `window` seconds."""
    before = cpu_seconds(pid)
    time.sleep(window)
    return cpu_seconds(pid) - before


@contextmanager
def recording_listener(answer: bytes = b""):
    """A loopback listener that counts connections and answers each with `answer` (an HTTP response)."""
    hits: list[bytes] = []
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(5)
                try:
                    hits.append(connection.recv(65536).split(b"\r\n")[0])
                    connection.sendall(answer)
                except OSError:
                    hits.append(b"?")

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/", hits
    finally:
        stop.set()
        thread.join(5)
        server.close()


EMPTY_RESULTS = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
EMPTY_ANSWER = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: "
                + str(len(EMPTY_RESULTS)).encode() + b"\r\nConnection: close\r\n\r\n" + EMPTY_RESULTS)


@pytest.mark.server
@pytest.mark.parametrize("method", ["GET", "FORM", "BODY"])
def test_a_service_query_reaches_no_listener(file_url, method):
    with recording_listener(EMPTY_ANSWER) as (target, hits):
        port = urllib.parse.urlsplit(target).port
        queries = [
            f"SELECT * WHERE {{ SERVICE <{target}secret> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?s ?p ?o.service silent<{target}a> {{ ?s ?p ?o }} }}",
            f"PREFIX t: <{target}> SELECT * WHERE {{ ?s ?p 1SERVICE t:b {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE <http://2130706433:{port}/c> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE <{target}\\u0064> {{ ?s ?p ?o }} }}",
            f"ASK {{ SERVICE <http://localhost:{port}/e> {{ ?s ?p ?o }} }}",
        ]
        for query in queries:
            status, media, body = sparql(file_url, query, method=method)
            assert status == 400 and media.startswith("text/plain"), body
            assert body.decode().startswith("this query calls another endpoint (SERVICE <")
            assert "no outbound requests" in body.decode() and body.decode().count("\n") == 1
        time.sleep(0.5)
    assert hits == []


@pytest.mark.server
def test_allowed_services_only_and_no_private_address_unless_named(built):
    with recording_listener(EMPTY_ANSWER) as (target, hits):
        port = urllib.parse.urlsplit(target).port
        options = ["--allow-service", "http://", "--allow-service", f"{target}named/"]
        with serving_process(built / "out" / "graph.nq", *options) as (url, _):
            status, _, body = sparql(url, f"SELECT * WHERE {{ SERVICE <{target}named/sparql> {{ ?s ?p ?o }} }}")
            assert status == 200, body
            assert hits == [b"POST /named/sparql HTTP/1.1"]
            for other in (f"{target}other", f"http://localhost:{port}/named/sparql",
                          f"http://2130706433:{port}/named/sparql"):
                status, _, body = sparql(url, f"SELECT * WHERE {{ SERVICE <{other}> {{ ?s ?p ?o }} }}")
                assert status == 400, body
                assert "loopback, link-local or private address" in body.decode()
            status, _, body = sparql(url, f"SELECT * WHERE {{ SERVICE <https://{target[7:]}x> {{ ?s ?p ?o }} }}")
            assert status == 400 and "not among the services" in body.decode()
        assert len(hits) == 1


@pytest.mark.server
def test_a_heavy_query_is_stopped_at_its_limit_and_its_cpu_released(one_slot):
    url, process = one_slot
    status, body, seconds = timed(url, HEAVY)
    assert status == 422
    assert body.decode() == ("the query did not finish within this endpoint's limit of 5 s (it was stopped); "
                             "make it more selective (LIMIT, a narrower pattern)\n")
    assert 4.5 < seconds < 20
    time.sleep(0.5)
    assert settled_cpu(process.pid) < 0.1
    assert timed(url, LIGHT)[0] == 200  # a new worker took the killed one's place


@pytest.mark.server
def test_a_query_whose_client_leaves_is_stopped_within_a_second(built):
    with serving_process(built / "out" / "graph.nq", "--timeout", "120") as (url, process):
        port = urllib.parse.urlsplit(url).port
        request = ("GET /sparql?" + urllib.parse.urlencode({"query": HEAVY}) + " HTTP/1.1\r\n"
                   "Host: x\r\n\r\n").encode()
        with socket.create_connection(("127.0.0.1", port)) as client:
            client.sendall(request)
            time.sleep(1.0)
            assert settled_cpu(process.pid) > 0.05  # the query runs (on a busy machine, a share of a core)
        time.sleep(1.0)  # the client left a second ago
        assert settled_cpu(process.pid) < 0.1


@pytest.mark.server
def test_a_burst_over_the_limit_gets_503_and_no_crash(one_slot):
    url, process = one_slot
    heavy = threading.Thread(target=timed, args=(url, HEAVY))
    heavy.start()
    time.sleep(1.0)  # the one slot is taken for 5 s; the burst is refused 2 s later
    with ThreadPoolExecutor(20) as pool:
        burst = list(pool.map(lambda _: http_with_headers(url, LIGHT), range(20)))
    heavy.join(30)
    for status, headers, body in burst:
        assert status == 503, body
        assert body.decode().startswith("the one query slot is busy and none came free within 2 s; try again in ")
        assert 1 <= int(headers["Retry-After"]) <= 5
    assert process.poll() is None
    assert timed(url, LIGHT)[0] == 200


def http_with_headers(url: str, query: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url + "sparql?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": JSON})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.server
def test_an_answer_over_the_limit_is_refused_in_one_sentence(one_slot):
    url, _ = one_slot
    status, body, _ = timed(url, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert status == 422
    assert body.decode() == ("the answer is larger than this endpoint's limit of 0.05 MB; add LIMIT or narrow "
                             "the query\n")


@pytest.mark.server
def test_a_query_that_wants_too_much_memory_is_stopped(one_slot):
    url, process = one_slot
    status, body, _ = timed(url, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?d ?f")
    assert status == 422, body
    assert body.decode() == ("the query needed more memory than this endpoint allows a query (200 MB; it was "
                             "stopped); make it more selective (LIMIT, a narrower pattern)\n")
    assert process.poll() is None and timed(url, LIGHT)[0] == 200


@pytest.mark.server
def test_fifty_slow_clients_delay_no_query_and_are_cut_off(file_url):
    port = urllib.parse.urlsplit(file_url).port
    baseline = statistics.median(timed(file_url, LIGHT)[2] for _ in range(5))
    slow = [socket.create_connection(("127.0.0.1", port)) for _ in range(50)]
    request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 100
    started, sent, cut = time.monotonic(), 0, set()
    latencies = []
    while len(cut) < len(slow) and time.monotonic() - started < 25:  # one byte a second from each
        for number, connection in enumerate(slow):
            if number in cut:
                continue
            try:
                connection.sendall(request[sent:sent + 1])
            except OSError:
                cut.add(number)
        sent += 1
        if len(latencies) < 5:
            latencies.append(timed(file_url, LIGHT)[2])
        time.sleep(max(0.0, started + sent - time.monotonic()))
        for number, connection in enumerate(slow):
            connection.setblocking(False)
            try:
                if connection.recv(4096) is not None:
                    cut.add(number)  # the server answered (408) or closed
            except BlockingIOError:
                pass
            except OSError:
                cut.add(number)
    elapsed = time.monotonic() - started
    for connection in slow:
        connection.close()
    assert statistics.median(latencies) < baseline + 1.0  # the median: a loaded machine has its own hiccups
    assert len(cut) == 50 and elapsed < 16  # the head must arrive within 10 s


@pytest.mark.server
@pytest.mark.parametrize(("request_bytes", "status", "message"), [
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 2000000\r\n\r\n",
     413, "the request body is larger than this endpoint's limit of 1 MB"),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 2000000\r\n"
     b"Expect: 100-continue\r\n\r\n", 413, "the request body is larger than this endpoint's limit of 1 MB"),
    (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked"
     b"\r\n\r\n" + b"10000\r\n" + b"#" * 65536 + b"\r\n" * 20, 413,
     "the request body is larger than this endpoint's limit of 1 MB"),
    (b"GET /sparql?query=" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414,
     "the request line is longer than 64 KiB; send a long query with POST (application/sparql-query)"),
    (b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 40000 + b"\r\n\r\n", 431,
     "the request's headers are larger than 32 KiB"),
    (b"GARBAGE\r\n\r\n", 400, "malformed HTTP/1.1 request"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400, "malformed HTTP/1.1 request"),
    (b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505, "this endpoint speaks HTTP/1.1 (and 1.0), not HTTP/2.0"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400,
     "malformed HTTP/1.1 request"),
    (b"DELETE /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405,
     "send a query with GET or POST, not DELETE"),
])
def test_what_a_request_may_cost_is_bounded(file_url, request_bytes, status, message):
    if status == 413 and b"chunked" in request_bytes:
        request_bytes = request_bytes.replace(b"\r\n" * 20, b"\r\n" + (b"10000\r\n" + b"#" * 65536 + b"\r\n") * 20)
    answer = raw_exchange(file_url, request_bytes, timeout=20)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()), answer[:300]
    text = body.decode()
    assert text.startswith(message) and text.count("\n") == 1 and "internal error" not in text


@pytest.mark.server
def test_one_connection_carries_many_queries(file_url):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", urllib.parse.urlsplit(file_url).port, timeout=30)
    for _ in range(5):
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": LIGHT}), headers={"Accept": JSON})
        response = connection.getresponse()
        assert response.status == 200 and b'"2"' in response.read()
    connection.close()
