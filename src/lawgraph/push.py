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

import ipaddress
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Store, Triple, serialize

from .errors import EndpointError, GraphError
from .store import FORMATS, canonical_language_tags, open_graph

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
    handlers: list = []
    if _is_loopback(parts.hostname):
        handlers.append(urllib.request.ProxyHandler({}))  # a proxy would only take loopback elsewhere
    if parts.username is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, clean, parts.username, parts.password or "")
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords),
                     urllib.request.HTTPDigestAuthHandler(passwords)]
    return Endpoint(clean, clean, urllib.request.build_opener(*handlers))


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
    if path.suffix.lower() in _WITHOUT_GRAPHS and not path.is_dir():
        sibling = ", ".join(str(path.with_name(n)) for n in ("graph.nq", "graph.trig"))
        raise GraphError(f"{path}: a {path.suffix[1:]} file has no named graphs (it is the union of the "
                         f"reports), so a report cannot replace its own graph; push {sibling} or the store "
                         "instead")
    if not path.is_dir() and path.suffix.lower() not in FORMATS:
        raise GraphError(f"{path}: push a store folder, graph.nq or graph.trig")
    return open_graph(path)


def push(source: str | Path, endpoint: str, *, timeout: float = 120.0,
         progress: Callable[[Iterable, int], Iterable] | None = None) -> PushResult:
    """PUT every report's named graph of `source` (a store, graph.nq or graph.trig) to `endpoint`."""
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
        put(target, graph.value, data, timeout)
        result.graphs.append(graph.value)
        result.triples += len(triples)
    result.seconds = time.perf_counter() - started
    return result


def put(target: Endpoint, graph: str, data: bytes, timeout: float = 120.0) -> None:
    """Replace one named graph on the remote store with `data` (N-Triples)."""
    request = urllib.request.Request(target.graph_url(graph), data=data, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with target.opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        hint = "; is this the store's Graph Store Protocol endpoint?" if exc.code in (404, 405) else ""
        raise EndpointError(f"{target.shown}: HTTP {exc.code} {exc.reason} when replacing graph <{graph}>"
                            + (f": {detail}" if detail else "") + hint) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise EndpointError(f"{target.shown}: no answer within {timeout:g} s") from None
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise EndpointError(f"{target.shown}: cannot connect ({reason}); is the store running?") from None
    except TimeoutError:
        raise EndpointError(f"{target.shown}: no answer within {timeout:g} s when replacing graph "
                            f"<{graph}>") from None
    except OSError as exc:
        raise EndpointError(f"{target.shown}: the connection failed ({exc.strerror or exc})") from None
