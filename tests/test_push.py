"""`lawgraph push`: each report's named graph replaced as a whole on a real Oxigraph server (started on a free
loopback port by the test), other graphs untouched; failures are one line naming the endpoint."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse

from lawgraph.build import build
from lawgraph.errors import EndpointError, GraphError
from lawgraph.push import push
from lawgraph.store import open_graph

from .conftest import LVLIANG
from .servers import free_port, http, oxigraph_server

ID = "https://w3id.org/lawgraph/id/report/"
OTHER = "http://example.org/not-a-report"
SCHEME_GRAPH = "https://w3id.org/lawgraph/indicator/scheme"


@pytest.fixture
def oxigraph(tmp_path):
    """A writable Oxigraph server holding one graph that is not lawgraph's, and a default-graph statement."""
    with oxigraph_server(tmp_path / "remote") as base:
        data = f"<{OTHER}> <{OTHER}#p> \"kept\" .\n".encode()
        put = urllib.request.Request(base + "store?graph=" + urllib.parse.quote(OTHER, safe=""), data=data,
                                     method="PUT", headers={"Content-Type": "application/n-triples"})
        assert http(put)[0] in (200, 201, 204)
        update = urllib.request.Request(base + "update", data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                        headers={"Content-Type": "application/sparql-update"})
        assert http(update)[0] in (200, 204)
        yield base


def remote_graph(base: str, graph: str) -> set[str]:
    """The statements of one named graph on the server, as N-Triples lines."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(base + "query?" + urllib.parse.urlencode({"query": query}),
                                     headers={"Accept": "application/n-triples"})
    status, _, body = http(request)
    assert status == 200
    return {str(t) for t in parse(body, RdfFormat.N_TRIPLES)}


def remote_graphs(base: str) -> set[str]:
    request = urllib.request.Request(base + "query?" + urllib.parse.urlencode(
        {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}), headers={"Accept": "text/csv"})
    return set(http(request)[2].decode().split()[1:])


def local_graph(source, graph: str) -> set[str]:
    store = open_graph(source)
    return {f"{q.subject} {q.predicate} {q.object}" for q in store.quads_for_pattern(None, None, None,
                                                                                       NamedNode(graph))}


def as_triples(lines: set[str]) -> set[str]:
    return {str(t) for t in parse("".join(line + " .\n" for line in lines).encode(), RdfFormat.N_TRIPLES)}


@pytest.mark.server
@pytest.mark.parametrize("source", ["store", "out/graph.nq", "out/graph.trig"])
def test_push_puts_each_report_in_its_own_graph(built, oxigraph, source):
    result = push(built / source, oxigraph + "store")
    # The reports' graphs, and the one of the indicator concepts they measure (stated once, not in each).
    assert result.graphs == [ID + "lvliang-2023", ID + "yichang-2022", SCHEME_GRAPH]
    assert remote_graphs(oxigraph) == {ID + "lvliang-2023", ID + "yichang-2022", SCHEME_GRAPH, OTHER}
    for graph in result.graphs:
        assert remote_graph(oxigraph, graph) == as_triples(local_graph(built / "store", graph))
    assert result.triples == sum(len(remote_graph(oxigraph, g)) for g in result.graphs)


@pytest.mark.server
def test_pushing_again_replaces_a_changed_report_and_touches_nothing_else(built, oxigraph, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(built / "store", store, symlinks=True)
    push(store, oxigraph + "store")
    yichang, other = remote_graph(oxigraph, ID + "yichang-2022"), remote_graph(oxigraph, OTHER)
    changed = tmp_path / "lvliang-2023.txt"
    changed.write_text(LVLIANG.read_text(encoding="utf-8").replace("1192名", "1193名"), encoding="utf-8")
    build([changed], None, store=store, page=False, validate=False)

    push(store, oxigraph + "store")
    lvliang = remote_graph(oxigraph, ID + "lvliang-2023")
    assert lvliang == as_triples(local_graph(store, ID + "lvliang-2023"))  # replaced, not appended
    assert any('"1193"' in t for t in lvliang) and not any('"1192"' in t for t in lvliang)
    assert remote_graph(oxigraph, ID + "yichang-2022") == yichang
    assert remote_graph(oxigraph, OTHER) == other
    ask = urllib.request.Request(oxigraph + "query?" + urllib.parse.urlencode(
        {"query": "ASK { <urn:a> <urn:b> <urn:c> }"}), headers={"Accept": "application/sparql-results+json"})
    assert b"true" in http(ask)[2]  # the default graph too


@pytest.mark.server
def test_the_command_says_what_it_pushed(built, oxigraph):
    result = subprocess.run([sys.executable, "-m", "lawgraph.cli", "push", str(built / "store"), "--endpoint",
                             oxigraph + "store"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    triples = sum(len(local_graph(built / "store", g)) for g in (ID + "lvliang-2023", ID + "yichang-2022",
                                                                  SCHEME_GRAPH))
    assert result.stdout.startswith(f"pushed 2 report graph(s) and the indicator scheme, {triples} triples, to "
                                    f"{oxigraph}store")


def test_a_file_without_named_graphs_is_refused_with_what_to_push_instead(built):
    with pytest.raises(GraphError, match=r"graph.ttl: a ttl file has no named graphs .* push .*graph.nq"):
        push(built / "out" / "graph.ttl", "http://127.0.0.1:9/store")


def test_a_dataset_with_statements_outside_report_graphs_is_refused(tmp_path):
    mixed = tmp_path / "mixed.nq"
    mixed.write_text(f"<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:d> <{ID}x> .\n", encoding="utf-8")
    with pytest.raises(GraphError, match="outside any named graph"):
        push(mixed, "http://127.0.0.1:9/store")


def test_a_server_that_is_down_is_one_line_naming_the_endpoint(built):
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = subprocess.run([sys.executable, "-m", "lawgraph.cli", "push", str(built / "store"), "--endpoint",
                             endpoint], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith(f"lawgraph: error: {endpoint}: cannot connect")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("url", ["ftp://example.org/store", "localhost:7878/store", "not a url"])
def test_a_url_that_is_not_http_is_refused(built, url):
    with pytest.raises(EndpointError, match="not an http"):
        push(built / "store", url)


class Refusing(BaseHTTPRequestHandler):
    """A stand-in store that answers every PUT with the status in its path (/401, /500 …)."""

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status = int(self.path.split("?")[0].strip("/"))
        body = b"store is on fire\nsecond line\n"
        self.send_response(status)
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def refusing_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.server
@pytest.mark.parametrize("status", [400, 403, 404, 500, 503])
def test_an_http_error_is_one_line_naming_the_endpoint_and_graph(built, status):
    with refusing_server() as base, pytest.raises(EndpointError) as caught:
        push(built / "store", f"{base}/{status}", backoff=0.01)
    message = str(caught.value)
    assert message.startswith(f"{base}/{status}: HTTP {status} ")
    assert f"<{ID}lvliang-2023>" in message and "store is on fire second line" in message
    assert "\n" not in message


@pytest.mark.server
def test_credentials_are_used_but_never_shown(built):
    with refusing_server() as base, pytest.raises(EndpointError) as caught:
        push(built / "store", base.replace("http://", "http://pusher:s3cret@") + "/401")
    assert "s3cret" not in str(caught.value) and "pusher" not in str(caught.value)
    assert "HTTP 401" in str(caught.value)


# --------------------------------------------------------------------------- stores that misbehave
#
# Each stand-in store is a real socket on 127.0.0.1, driven by a function that gets the connection and the
# number of the request (from 1), after the request's head and body have been read.


@contextmanager
def scripted_store(script):
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    stop = threading.Event()
    seen: list[str] = []

    def handle(connection: socket.socket, number: int) -> None:
        with connection:
            connection.settimeout(30)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    data += connection.recv(65536)
                head, _, body = data.partition(b"\r\n\r\n")
                length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
                while len(body) < length:
                    body += connection.recv(65536)
                seen.append(head.split(b"\r\n")[0].decode())
                script(connection, number, stop)
            except OSError:
                pass

    def loop() -> None:
        number = 0
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            number += 1
            threading.Thread(target=handle, args=(connection, number), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}/store", seen
    finally:
        stop.set()
        thread.join(5)
        server.close()


def hang(connection, number, stop) -> None:
    stop.wait(60)


def trickle(connection, number, stop) -> None:
    for byte in b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"a" * 1000:
        if stop.wait(0.2):
            return
        connection.sendall(bytes([byte]))


def answer(status: str, headers: str = "") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Length: 0\r\n{headers}Connection: close\r\n\r\n".encode()


@pytest.mark.server
@pytest.mark.parametrize("behaviour", [hang, trickle])
def test_a_store_that_hangs_or_trickles_ends_the_push_within_its_limit(built, behaviour):
    with scripted_store(behaviour) as (endpoint, seen):
        started = time.monotonic()
        command = [sys.executable, "-m", "lawgraph.cli", "push", str(built / "store"), "--endpoint", endpoint,
                   "--timeout", "2"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"lawgraph: error: {endpoint}: no complete answer within 2 s when replacing graph "
                             f"<{ID}lvliang-2023>\n")
    assert elapsed < 2 + 8  # the limit, and the start of a Python process on a busy machine
    assert len(seen) == 1  # a store that does not answer is not asked again


@pytest.mark.server
def test_a_store_that_is_briefly_unavailable_is_asked_again(built):
    def flaky(connection, number, stop) -> None:
        connection.sendall(answer("503 Service Unavailable", "Retry-After: 0\r\n") if number in (1, 2)
                           else answer("204 No Content"))

    with scripted_store(flaky) as (endpoint, seen):
        result = push(built / "store", endpoint, backoff=0.01)
    assert result.graphs == [ID + "lvliang-2023", ID + "yichang-2022", SCHEME_GRAPH]
    assert len(seen) == 5 and all(line.startswith("PUT /store?graph=") for line in seen)


@pytest.mark.server
def test_a_connection_cut_before_the_answer_is_retried_then_one_line(built):
    def cut(connection, number, stop) -> None:
        connection.shutdown(socket.SHUT_RDWR)

    with scripted_store(cut) as (endpoint, seen), pytest.raises(EndpointError) as caught:
        push(built / "store", endpoint, retries=2, backoff=0.01)
    message = str(caught.value)
    assert message.startswith(f"{endpoint}: the connection failed (")
    assert message.endswith(f"when replacing graph <{ID}lvliang-2023> (3 attempts)")
    assert len(seen) == 3


@pytest.mark.server
def test_nothing_is_reported_pushed_that_the_store_did_not_accept(built):
    def second_fails(connection, number, stop) -> None:
        connection.sendall(answer("204 No Content") if number == 1 else answer("500 Internal Server Error"))

    with scripted_store(second_fails) as (endpoint, seen):
        command = [sys.executable, "-m", "lawgraph.cli", "push", str(built / "store"), "--endpoint", endpoint]
        result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"lawgraph: error: {endpoint}: HTTP 500 Internal Server Error when replacing graph "
                             f"<{ID}yichang-2022> (1 of 3 graphs were replaced before it)\n")
    assert len(seen) == 2  # a 500 is the store's answer, not a hiccup: not retried


@pytest.mark.server
def test_a_redirect_is_not_taken_for_success(built):
    def moved(connection, number, stop) -> None:
        connection.sendall(answer("301 Moved Permanently", "Location: http://127.0.0.1:9/elsewhere\r\n"))

    with scripted_store(moved) as (endpoint, _), pytest.raises(EndpointError, match="HTTP 301 Moved Permanently"):
        push(built / "store", endpoint, backoff=0.01)
