"""`lawgraph push`: hand a graph to any store that speaks the SPARQL 1.1 Graph Store HTTP Protocol.

Each report's named graph is sent with `PUT <endpoint>?graph=<report IRI>` as N-Triples, which replaces that
graph as a whole on the remote store and leaves every other graph alone; pushing the same reports twice gives
the same remote graphs. The source is a store folder, or a graph file that holds named graphs (graph.nq,
graph.trig). A file without named graphs (graph.ttl, graph.nt: the union of all reports) is refused: pushed
as it is, it could only replace or grow the remote default graph, and a report that changed would leave its
old statements behind.

Credentials, when the store needs them, go in the URL (`https://user:password@host/…`, HTTP Basic or Digest);
they are never shown in messages.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, Triple, serialize

from .errors import EndpointError, GraphError
from .store import FORMATS, canonical_language_tags, graph_suffix, open_graph

_WITHOUT_GRAPHS = {".ttl", ".nt", ".rdf"}  # formats that cannot hold named graphs


@dataclass
class PushResult:
    endpoint: str  # without credentials
    graphs: list[str] = field(default_factory=list)  # IRIs of the graphs replaced, in order
    triples: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class Endpoint:
    """A Graph Store Protocol endpoint: where to send requests, how to show it, and how to sign in."""

    url: str
    shown: str
    opener: urllib.request.OpenerDirector
    sockets: list[socket.socket] = field(default_factory=list, compare=False)

    def graph_url(self, graph: str) -> str:
        return self.url + ("&" if "?" in self.url else "?") + "graph=" + quote(graph, safe="")


def endpoint_of(url: str) -> Endpoint:
    """Parse and check an endpoint URL; credentials in it are used for Basic or Digest authentication."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{url!r} is not an http(s) URL; give the store's Graph Store Protocol "
                            "endpoint, e.g. http://localhost:7878/store (Oxigraph) or "
                            "http://localhost:3030/DATASET/data (Fuseki)")
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    clean = urlunsplit((parts.scheme, host, parts.path or "/", parts.query, ""))
    sockets: list[socket.socket] = []
    handlers: list = _handlers(sockets)
    if _is_loopback(parts.hostname):
        handlers.append(urllib.request.ProxyHandler({}))  # a proxy would only take loopback elsewhere
    if parts.username is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, clean, parts.username, parts.password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords),
                     urllib.request.HTTPDigestAuthHandler(passwords)]
    return Endpoint(clean, clean, urllib.request.build_opener(*handlers), sockets)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def report_graphs(source: Store) -> list[NamedNode]:
    """The named graphs of a store, in IRI order; refuses statements outside any named graph."""
    graphs = sorted((g for g in source.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value)
    loose = next(iter(source.quads_for_pattern(None, None, None, DefaultGraph())), None)
    if loose is not None:
        raise GraphError("the graph has statements outside any named graph (not a report's); push graph.nq, "
                         "graph.trig or a store built by lawgraph")
    if not graphs:
        raise GraphError("the graph holds no named graph, so no report to push")
    return graphs


def open_source(path: str | Path) -> Store:
    """A store folder, or a file of named graphs loaded into memory."""
    path = Path(path)
    suffix = graph_suffix(path)
    if suffix in _WITHOUT_GRAPHS and not path.is_dir():
        sibling = ", ".join(str(path.with_name(n)) for n in ("graph.nq", "graph.trig"))
        raise GraphError(f"{path}: a {suffix[1:]} file has no named graphs (it is the union of the "
                         f"reports), so a report cannot replace its own graph; push {sibling} or the store "
                         "instead")
    if not path.is_dir() and suffix not in FORMATS:
        raise GraphError(f"{path}: push a store folder, graph.nq or graph.trig")
    return open_graph(path)


def push(source: str | Path, endpoint: str, *, timeout: float = 120.0, retries: int = 2, backoff: float = 1.0,
         progress: Callable[[Iterable, int], Iterable] | None = None) -> PushResult:
    """PUT every report's named graph of `source` (a store, graph.nq or graph.trig) to `endpoint`.

    Each request has `timeout` seconds, all told, to be answered; one the store could not take (refused or cut
    connection, HTTP 429, 502, 503, 504) is sent again up to `retries` times, after `backoff` seconds, doubling
    (or what Retry-After asks, up to a minute): a PUT replaces the graph as a whole, so sending it twice does
    no harm. Graphs are pushed in order and the first that fails stops the push (EndpointError, naming it and
    how many were replaced before it); `PushResult.graphs` holds only the graphs the store accepted (2xx)."""
    target = endpoint_of(endpoint)
    store = open_source(source)
    graphs = report_graphs(store)
    result = PushResult(target.shown)
    started = time.perf_counter()
    items: Iterable[NamedNode] = graphs if progress is None else progress(graphs, len(graphs))
    for graph in items:
        triples = [Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, graph)]
        data = canonical_language_tags(serialize(triples, None, RdfFormat.N_TRIPLES))
        try:
            put(target, graph.value, data, timeout, retries=retries, backoff=backoff)
        except EndpointError as exc:
            done = len(result.graphs)
            if done:
                raise EndpointError(f"{exc} ({done} of {len(graphs)} graphs were replaced before it)") from None
            raise
        result.graphs.append(graph.value)
        result.triples += len(triples)
    result.seconds = time.perf_counter() - started
    return result


_TRANSIENT_STATUS = {429, 502, 503, 504}


class _Failure(Exception):
    """One attempt that failed: what to say, whether trying again may help, how long the store asked to wait."""

    def __init__(self, message: str, transient: bool, wait: float | None = None) -> None:
        super().__init__(message)
        self.transient = transient
        self.wait = wait


def put(target: Endpoint, graph: str, data: bytes, timeout: float = 120.0, *, retries: int = 2,
        backoff: float = 1.0) -> None:
    """Replace one named graph on the remote store with `data` (N-Triples); EndpointError in one line if the
    store did not accept it."""
    attempts = retries + 1
    for attempt in range(1, attempts + 1):
        try:
            _put_once(target, graph, data, timeout)
            return
        except _Failure as failure:
            if not failure.transient or attempt == attempts:
                tries = f" ({attempt} attempts)" if attempt > 1 else ""
                raise EndpointError(f"{target.shown}: {failure}".replace("{tries}", tries)) from None
            wait = backoff * 2 ** (attempt - 1) if failure.wait is None else min(failure.wait, 60.0)
            time.sleep(wait)


def _put_once(target: Endpoint, graph: str, data: bytes, timeout: float) -> None:
    request = urllib.request.Request(target.graph_url(graph), data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    where = f"when replacing graph <{graph}>"
    watchdog = _Watchdog(target.sockets, timeout)
    try:
        with watchdog, target.opener.open(request, timeout=timeout) as response:
            if not 200 <= response.status < 300:
                raise _Failure(f"HTTP {response.status} {response.reason} {where}{{tries}}; the store did not say "
                               "it replaced the graph", False)
            with contextlib.suppress(OSError, http.client.HTTPException):
                response.read()  # the store has accepted: what it says besides does not matter
    except urllib.error.HTTPError as exc:
        if watchdog.expired:
            raise _Failure(f"no complete answer within {timeout:g} s {where}", False) from None
        with contextlib.suppress(OSError, http.client.HTTPException):
            detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        hint = "; is this the store's Graph Store Protocol endpoint?" if exc.code in (404, 405) else ""
        retry_after = exc.headers.get("Retry-After", "") if exc.headers else ""
        raise _Failure(f"HTTP {exc.code} {exc.reason} {where}{{tries}}" + (f": {detail}" if detail else "") + hint,
                       exc.code in _TRANSIENT_STATUS,
                       float(retry_after) if retry_after.strip().isdigit() else None) from None
    except _Failure:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if watchdog.expired or isinstance(reason, TimeoutError):
            raise _Failure(f"no complete answer within {timeout:g} s {where}", False) from None
        if isinstance(reason, ConnectionRefusedError):
            raise _Failure(f"cannot connect ({reason.strerror or reason}) {where}{{tries}}; is the store running?",
                           True) from None
        if isinstance(reason, (ConnectionError, http.client.HTTPException)):
            shown = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            raise _Failure(f"the connection failed ({shown}) {where}{{tries}}", True) from None
        shown = getattr(reason, "strerror", None) or reason
        raise _Failure(f"cannot connect ({shown}) {where}; is the URL right?", False) from None


class _Watchdog:
    """Closes the sockets a request opened once `timeout` seconds have passed, whatever the request is doing:
    a store that sends its answer a byte at a time does not hold the push for longer."""

    def __init__(self, sockets: list[socket.socket], timeout: float) -> None:
        self.sockets = sockets
        self.expired = False
        self.timer = threading.Timer(timeout, self._expire)
        self.timer.daemon = True

    def _expire(self) -> None:
        self.expired = True
        for sock in list(self.sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> _Watchdog:
        self.sockets.clear()
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        self.sockets.clear()


class _RecordingHTTPConnection(http.client.HTTPConnection):
    sockets: list[socket.socket]

    def connect(self) -> None:
        super().connect()
        self.sockets.append(self.sock)


class _RecordingHTTPSConnection(http.client.HTTPSConnection):
    sockets: list[socket.socket]

    def connect(self) -> None:
        super().connect()
        self.sockets.append(self.sock)


def _handlers(sockets: list[socket.socket]) -> list[urllib.request.BaseHandler]:
    """HTTP and HTTPS handlers whose connections tell `sockets` what they open."""
    plain = type("Connection", (_RecordingHTTPConnection,), {"sockets": sockets})
    secure = type("Connection", (_RecordingHTTPSConnection,), {"sockets": sockets})

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(plain, req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(secure, req, context=self._context)

    return [Plain(), Secure()]
