"""`lawgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over a graph file or a store, with a query page
that works offline.

The endpoint is pyoxigraph behind Python's standard threading HTTP server (measured against Oxigraph's own
server in docs/benchmarks.md: within about a tenth, since the query itself dominates). It answers as
`lawgraph query` does: lawgraph's prefixes are declared for every query, the default graph is the union of
the reports' named graphs (unless the request names `default-graph-uri`), and only queries run: an update is
refused. Routes:

- `GET|POST /sparql` (also `/query`): the query operation of the SPARQL 1.1 Protocol — `?query=` in the URL,
  a form field, or the body of an `application/sparql-query` POST; results as JSON, XML, CSV or TSV (graphs as
  Turtle, N-Triples, RDF/XML or JSON-LD), as the `Accept` header asks;
- `GET /`: the query page (its script and style from this server only; a Content-Security-Policy forbids any
  other request);
- `GET /queries`: the named queries, as JSON, for the page.

A store is followed as it is rebuilt: when its `current` version changes, the next query opens the new one.
A query runs to its end (Oxigraph cannot stop one from Python); other requests are answered meanwhile.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, Store

from .errors import EndpointError
from .query import _syntax_message, named_queries
from .store import open_graph
from .vocab import PREFIXES

DEFAULT_PORT = 7878
MAX_QUERY_BYTES = 1 << 20  # a query, however long, is text; a megabyte is plenty


def _by_media_type(formats: tuple) -> dict:
    return {f.media_type.split(";")[0]: f for f in formats}


RESULT_FORMATS = _by_media_type((QueryResultsFormat.JSON, QueryResultsFormat.XML, QueryResultsFormat.CSV,
                                 QueryResultsFormat.TSV))
RESULT_FORMATS["application/json"] = QueryResultsFormat.JSON
GRAPH_FORMATS = _by_media_type((RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.RDF_XML, RdfFormat.JSON_LD,
                                RdfFormat.N_QUADS))
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class Source:
    """The graph served: a file loaded into memory once, or a store, reopened when its version changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.is_store = path.is_dir()
        self._lock = threading.Lock()
        self._version = self._current_version()
        self._store = open_graph(path)

    def _current_version(self) -> str | None:
        try:
            return os.readlink(self.path / "current") if self.is_store else None
        except OSError:
            return None

    def store(self) -> Store:
        if self.is_store:
            version = self._current_version()
            if version is not None and version != self._version:
                with self._lock:
                    if version != self._version:
                        self._store = open_graph(self.path)
                        self._version = version
        return self._store


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, source: Source | None, host: str, port: int) -> None:
        self.source = source  # type: ignore[assignment]
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"


class Refused(Exception):
    """An HTTP error status with a one-line text/plain body."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "lawgraph"
    disable_nagle_algorithm = True  # else a kept-alive connection waits ~40 ms (delayed ACK) for each answer
    server: Server

    def log_message(self, format: str, *args) -> None:  # quiet: no line per request
        pass

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            if url.path in ("/sparql", "/query"):
                self._sparql(method, parse_qs(url.query, keep_blank_values=True))
            elif url.path in ("/", "/index.html") and method != "POST":
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", PAGE.encode(), method, page=True)
            elif url.path == "/page.js" and method != "POST":
                self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", SCRIPT.encode(), method,
                           page=True)
            elif url.path == "/page.css" and method != "POST":
                self._send(HTTPStatus.OK, "text/css; charset=utf-8", STYLE.encode(), method, page=True)
            elif url.path == "/queries" and method != "POST":
                self._send(HTTPStatus.OK, "application/json", _queries_json(), method)
            elif url.path in ("/update", "/store", "/data"):
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no update, no graph store")
            else:
                raise Refused(HTTPStatus.NOT_FOUND, f"no such page {url.path!r}; the endpoint is /sparql")
        except Refused as refused:
            self._send(refused.status, "text/plain; charset=utf-8", (str(refused) + "\n").encode(), method)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # a bug: say so to the client, keep the traceback for the console
            traceback.print_exc(file=sys.stderr)
            message = f"internal error ({type(exc).__name__}); please report it\n".encode()
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", message, method)

    def _sparql(self, method: str, params: dict[str, list[str]]) -> None:
        query = params.get("query", [])
        if method == "POST":
            kind = self.headers.get_content_type()
            body = self._body()
            if kind == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                params = {k: params.get(k, []) + v for k, v in form.items()} | {
                    k: v for k, v in params.items() if k not in form}
                query = params.get("query", [])
            elif kind == "application/sparql-query":
                query = [body.decode("utf-8", "replace")]
            elif kind == "application/sparql-update":
                raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            else:
                raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                              f"POST a query as application/sparql-query or a form, not {kind}")
        if "update" in params:
            raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if len(query) != 1 or not query[0].strip():
            raise Refused(HTTPStatus.BAD_REQUEST,
                          "give exactly one query (?query=…); open / for the query page")
        started = time.perf_counter()
        content_type, data = answer(self.server.source.store(), query[0], self.headers.get("Accept", "*/*"),
                                    params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        elapsed = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        self._send(HTTPStatus.OK, content_type, data, method, extra={"Server-Timing": elapsed,
                                                                      "Cache-Control": "no-store"})

    def _body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise Refused(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
        if length > MAX_QUERY_BYTES:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "a query is at most 1 MB")
        return self.rfile.read(length)

    def _send(self, status: HTTPStatus, content_type: str, data: bytes, method: str, page: bool = False,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if page:
            self.send_header("Content-Security-Policy", _CSP)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(data)


def answer(store: Store, text: str, accept: str = "*/*", default_graphs: list[str] | tuple = (),
           named_graphs: list[str] | tuple = ()) -> tuple[str, bytes]:
    """Run a query as the endpoint does; returns the media type and the serialised results."""
    options: dict = {"prefixes": PREFIXES}
    if default_graphs:
        options["default_graph"] = [NamedNode(g) for g in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in named_graphs]
    try:
        result = store.query(text, **options)
    except SyntaxError as exc:
        raise Refused(HTTPStatus.BAD_REQUEST, _syntax_message(text, str(exc))) from None
    except (ValueError, RuntimeError) as exc:
        raise Refused(HTTPStatus.BAD_REQUEST, " ".join(str(exc).split())) from None
    except OSError as exc:
        message = "the graph cannot be read: " + " ".join(str(exc).split())
        raise Refused(HTTPStatus.INTERNAL_SERVER_ERROR, message) from None
    is_graph = type(result).__name__ == "QueryTriples"
    formats = GRAPH_FORMATS if is_graph else RESULT_FORMATS
    chosen = negotiate(accept, formats)
    if chosen is None:
        offered = ", ".join(formats)
        raise Refused(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer in {accept!r}; ask for one of {offered}")
    media_type, fmt = chosen
    try:
        data = result.serialize(format=fmt)
    except ValueError as exc:  # e.g. ASK as CSV
        raise Refused(HTTPStatus.NOT_ACCEPTABLE, " ".join(str(exc).split())) from None
    charset = "; charset=utf-8" if media_type.startswith("text/") or "json" in media_type else ""
    return media_type + charset, data


def negotiate(accept: str, formats: dict) -> tuple[str, object] | None:
    """The offered format the Accept header prefers (q-values, then order; */* and type/* match)."""
    ranked = []
    for position, item in enumerate(accept.split(",")):
        media, *options = (part.strip() for part in item.split(";"))
        quality = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media.lower()))
    for _, _, media in sorted(ranked) or [(0, 0, "*/*")]:
        for offered, fmt in formats.items():
            major = offered.split("/")[0]
            if media in (offered, "*/*", f"{major}/*"):
                return offered, fmt
    return None


def _queries_json() -> bytes:
    queries = [{"name": q.name, "description": q.description, "text": q.text, "params": list(q.params)}
               for q in named_queries().values()]
    return json.dumps({"prefixes": PREFIXES, "queries": queries}, ensure_ascii=False).encode()


def make_server(graph: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> Server:
    """An endpoint over `graph` (a graph file or a store), listening but not yet serving.

    The port is taken before the graph is loaded, so a busy port is reported at once."""
    try:
        server = Server(None, host, port)
    except OSError as exc:
        raise EndpointError(f"{host}:{port}: cannot listen ({exc.strerror or exc}); choose another --port "
                            "or --host") from None
    try:
        server.source = Source(Path(graph))
    except BaseException:
        server.server_close()
        raise
    return server


def serve(graph: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          ready: Callable[[Server], None] | None = None) -> None:
    """Serve `graph` until interrupted; `ready` is called with the server once it listens."""
    server = make_server(graph, host, port)
    with server:
        if ready is not None:
            ready(server)
        server.serve_forever(poll_interval=0.2)


# ------------------------------------------------------------------------------------------ the page

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lawgraph SPARQL</title>
<link rel="stylesheet" href="/page.css">
<script src="/page.js" defer></script>
</head>
<body>
<header><h1>lawgraph SPARQL</h1>
<p>Endpoint <code id="endpoint">/sparql</code> (SPARQL 1.1 Protocol, read-only). The prefixes
<span id="prefixes"></span> are declared for you; the default graph is the union of the reports.</p></header>
<main>
<form id="form">
<label>Named query <select id="named"><option value="">—</option></select></label>
<span id="description"></span>
<textarea id="query" spellcheck="false" rows="12">SELECT ?class (COUNT(?s) AS ?n)
WHERE { ?s a ?class }
GROUP BY ?class
ORDER BY DESC(?n)</textarea>
<div class="bar"><button type="submit">Run</button> <small>Ctrl+Enter</small> <span id="status"></span></div>
</form>
<div id="results"></div>
</main>
</body>
</html>
"""

SCRIPT = r"""
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("form"), query = $("query"), named = $("named");
  const results = $("results"), status = $("status");
  let catalogue = [];

  function cell(term) {
    if (!term) return "";
    if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
    return term.value;
  }

  function show(data, ms) {
    results.replaceChildren();
    if ("boolean" in data) {
      results.textContent = data.boolean ? "yes" : "no";
    } else {
      const table = document.createElement("table");
      const head = table.createTHead().insertRow();
      for (const name of data.head.vars) {
        const th = document.createElement("th");
        th.textContent = name;
        head.appendChild(th);
      }
      const body = table.createTBody();
      for (const binding of data.results.bindings) {
        const row = body.insertRow();
        for (const name of data.head.vars) row.insertCell().textContent = cell(binding[name]);
      }
      results.appendChild(table);
    }
    const rows = data.results ? data.results.bindings.length : 1;
    status.textContent = rows + (rows === 1 ? " row" : " rows") + " in " + ms + " ms";
  }

  async function run(event) {
    if (event) event.preventDefault();
    status.textContent = "running…";
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" },
        body: query.value,
      });
      const ms = Math.round(performance.now() - started);
      if (!response.ok) {
        results.replaceChildren();
        status.textContent = "error " + response.status + ": " + (await response.text());
        return;
      }
      show(await response.json(), ms);
    } catch (error) {
      status.textContent = "the endpoint does not answer: " + error;
    }
  }

  form.addEventListener("submit", run);
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run(event);
  });
  named.addEventListener("change", () => {
    const chosen = catalogue.find((q) => q.name === named.value);
    $("description").textContent = chosen ? chosen.description : "";
    if (chosen) query.value = chosen.text.split("\n").filter((l) => !l.startsWith("#")).join("\n").trim();
  });
  fetch("/queries").then((r) => r.json()).then((data) => {
    catalogue = data.queries;
    $("prefixes").textContent = Object.keys(data.prefixes).map((p) => p + ":").join(" ");
    for (const q of catalogue) {
      const option = document.createElement("option");
      option.value = q.name;
      option.textContent = q.name;
      option.title = q.description;
      named.appendChild(option);
    }
  });
})();
"""

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; }
h1 { font-size: 1.3rem; margin: 1rem 0 .25rem; }
header p { margin: 0 0 1rem; color: #444; }
textarea { box-sizing: border-box; width: 100%; font: 13px/1.4 ui-monospace, monospace; margin-top: .5rem; }
.bar { margin: .5rem 0 1rem; }
#description { color: #555; margin-left: .5rem; }
#status { margin-left: 1rem; color: #333; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; position: sticky; top: 0; }
"""
