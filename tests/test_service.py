"""service.py: every SERVICE that Oxigraph would call is found, whatever way it is written; an allowed prefix
lets only what it names through, and never a private address it does not name.

The sweep runs each query in pyoxigraph itself against a listener on 127.0.0.1 and checks that every query
that reached the listener was flagged: the reading is held to Oxigraph's parser, not to our idea of it."""

from __future__ import annotations

import itertools
import socket
import threading
from contextlib import contextmanager

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from lawgraph.errors import QueryError
from lawgraph.service import Allowed, check_services, service_endpoints
from lawgraph.vocab import PREFIXES


@contextmanager
def listener():
    """A loopback listener that records the request line of every connection and answers 500."""
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
                connection.settimeout(2)
                try:
                    hits.append(connection.recv(4096).split(b"\r\n")[0])
                    connection.sendall(b"HTTP/1.1 500 No\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
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


BEFORE = [" ", "", ".", "1", "1.5", "1e3", "true", "a", "?c", "?c.", '"x"', '"x"@en', '"x"@en-', "<http://x/>",
          "ex:o", "ex:o.", "_:b", "_:b.", ")", "#c\n", "ex:"]
KEYWORD = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "SERVICESILENT", "SERVICE\tsilent", "SERVICE#c\n"]
TARGET = ["<{u}t>", " <{u}t>", "ex2:t", " ex2:t", " :t", ":t", " <{u}\\u0074>", " ex2:\\.t"]


def sweep_query(url: str, before: str, keyword: str, target: str) -> str:
    body = "{ ?a ?b ?c FILTER(?c != 2" if before == ")" else "?s ?p ?o . ?a ?b "
    return (f"PREFIX ex: <http://x/> PREFIX ex2: <{url}> PREFIX : <{url}> SELECT * WHERE {{ {body}{before}"
            f"{keyword}{target.format(u=url)} {{ ?s ?p ?o }} }}" + (" }" if before == ")" else ""))


def test_every_service_oxigraph_calls_is_found():
    store = Store()
    for value in (Literal("1"), Literal("1", datatype=NamedNode(PREFIXES["xsd"] + "integer")),
                  NamedNode("http://x/"), NamedNode("http://x/o")):
        store.add(Quad(NamedNode("http://x/s"), NamedNode("http://x/p"), value))
    called = missed = 0
    with listener() as (url, hits):
        for before, keyword, target in itertools.product(BEFORE, KEYWORD, TARGET):
            query = sweep_query(url, before, keyword, target)
            hits.clear()
            try:
                store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
                list(store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True))
            except (SyntaxError, OSError, RuntimeError):
                pass
            if hits:
                called += 1
                if not service_endpoints(query):
                    missed += 1
                    print("missed:", query)
    assert called > 300  # the sweep does reach the listener: it tests something
    assert missed == 0


@pytest.mark.parametrize(("query", "endpoints"), [
    ("SELECT * WHERE { SERVICE <http://e.org/sparql> { ?s ?p ?o } }", ["http://e.org/sparql"]),
    ("SELECT * WHERE { ?s ?p ?o.SERVICE SILENT <http://e.org/a> { ?s ?p ?o } }", ["http://e.org/a"]),
    ("SELECT * WHERE { ?s ?p 1SERVICE<http://e.org/b> { ?s ?p ?o } }", ["http://e.org/b"]),
    ("PREFIX e: <http://e.org/> SELECT * WHERE { SERVICE e:c { ?s ?p ?o } }", ["http://e.org/c"]),
    ("SELECT * WHERE { SERVICE <http://e.org/\\u0064> { ?s ?p ?o } }", ["http://e.org/d"]),
    ('SELECT * WHERE { ?s ?p "SERVICE <http://e.org/x> {}" }', []),
    ("SELECT * WHERE { ?s ?p ?o # SERVICE <http://e.org/x> {}\n}", []),
    ("SELECT ?service WHERE { ?service ?p ?o FILTER(LANG(?o) = 'service') }", []),
    ("PREFIX ex: <http://x/> SELECT * WHERE { ?s ex:customerService ?o . ?s ex:service-desk ?d }", []),
    ('SELECT * WHERE { ?s ?p "x"@en-service }', []),
    ("PREFIX service: <http://x/> SELECT * WHERE { ?s service:p ?o }", []),
    ("SELECT * WHERE { ?s <http://x/SERVICE> ?o }", []),
    ("SELECT * WHERE { FILTER(?a<?b) SERVICE <http://e.org/f> { ?s ?p ?o } }", ["http://e.org/f"]),
])
def test_endpoints_are_read_as_oxigraph_reads_them(query, endpoints):
    assert service_endpoints(query) == endpoints


def test_a_variable_endpoint_is_refused():
    with pytest.raises(QueryError, match=r"SERVICE \?e names its endpoint with a variable"):
        service_endpoints("SELECT * WHERE { BIND(<http://e.org/> AS ?e) SERVICE ?e { ?s ?p ?o } }")


@pytest.mark.parametrize(("iri", "allowed", "refusal"), [
    ("https://query.wikidata.org/sparql", [], "makes no outbound requests"),
    ("https://query.wikidata.org/sparql", ["https://query.wikidata.org/sparql"], None),
    ("https://query.wikidata.org.evil.example/sparql", ["https://query.wikidata.org/sparql"], "not among"),
    ("https://query.wikidata.org/other", ["https://query.wikidata.org/sparql"], "not among"),
    ("http://query.wikidata.org/sparql", ["https://query.wikidata.org/sparql"], "not among"),
    ("http://127.0.0.1:3030/ds/sparql", ["http://"], "loopback, link-local or private"),
    ("http://10.1.2.3/sparql", ["http://"], "loopback, link-local or private"),
    ("http://169.254.169.254/latest/meta-data", ["http://"], "loopback, link-local or private"),
    ("http://[::1]:3030/sparql", ["http://"], "loopback, link-local or private"),
    ("http://0.0.0.0:3030/sparql", ["http://"], "loopback, link-local or private"),
    ("http://localhost:3030/sparql", ["http://"], "loopback, link-local or private"),
    ("http://127.0.0.1:3030/ds/sparql", ["http://127.0.0.1:3030/ds/"], None),
    ("http://127.0.0.1:3031/ds/sparql", ["http://127.0.0.1:3030/ds/"], "not among"),
    ("http://user@127.0.0.1:3030/ds/sparql", ["http://"], "written plainly"),
    ("http://e.org/a\\u0020b", ["http://"], "written plainly"),
])
def test_allowed_prefixes(iri, allowed, refusal):
    query = f"SELECT * WHERE {{ SERVICE <{iri}> {{ ?s ?p ?o }} }}"
    prefixes = [Allowed.parse(p) for p in allowed]
    if refusal is None:
        assert check_services(query, prefixes, resolve=False) == [iri]
    else:
        with pytest.raises(QueryError, match=refusal):
            check_services(query, prefixes)


@pytest.mark.parametrize("prefix", ["ftp://x/", "127.0.0.1:3030", "http://user:pw@h/", "https://a b/"])
def test_an_allowed_prefix_must_be_an_http_url(prefix):
    with pytest.raises(QueryError, match="--allow-service"):
        Allowed.parse(prefix)
