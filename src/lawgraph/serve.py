"""`lawgraph serve`: a read-only SPARQL 1.1 Protocol endpoint over a graph file or a store, with a query page
that works offline, safe to expose.

It answers as `lawgraph query` does: lawgraph's prefixes are declared for every query, the default graph is the
union of the reports' named graphs (unless the request names `default-graph-uri`), and only queries run: an
update is refused. Routes:

- `GET|POST /sparql` (also `/query`): the query operation of the SPARQL 1.1 Protocol — `?query=` in the URL,
  a form field, or the body of an `application/sparql-query` POST; results as JSON, XML, CSV or TSV (graphs as
  Turtle, N-Triples, RDF/XML or JSON-LD), as the `Accept` header asks;
- `GET /`: the query page (its script and style from this server only; a Content-Security-Policy forbids any
  other request);
- `GET /queries`: the named queries, as JSON, for the page.

What a request may cost is bounded (`Limits`): queries run in worker processes (queryworkers.py), at most
`max_queries` at once, each killed when its time is up or its client goes away; a query that calls another
endpoint (SERVICE) is refused unless allowed (service.py). The HTTP side is one thread running asyncio, with h11
reading the protocol: a connection costs a few kilobytes however slowly its client sends, each one has a time
to send its request in, and every refusal is one sentence of text/plain.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import h11

from .errors import EndpointError, QueryError
from .query import named_queries
from .queryworkers import GRAPH_FORMATS, RESULT_FORMATS, ClientGone, Graph, Job, Pool, Refused, negotiate
from .service import Allowed, check_services
from .vocab import PREFIXES

__all__ = ["DEFAULT_PORT", "GRAPH_FORMATS", "RESULT_FORMATS", "Limits", "negotiate", "serve"]

DEFAULT_PORT = 7878
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_PLAIN = "text/plain; charset=utf-8"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def default_memory(queries: int | None = None) -> int:
    """What one query may allocate by default: half the machine's memory shared among the query slots, at
    least 256 MB."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        total = 4_000_000_000
    return max(256_000_000, total // 2 // (queries or _cores()))


@dataclass(frozen=True)
class Limits:
    """What one request may cost. Times in seconds, sizes in bytes."""

    timeout: float = 30.0  # a query's running time
    max_queries: int = field(default_factory=_cores)  # queries running at once, one process each
    queue_wait: float = 2.0  # how long a query waits for a free slot before a 503
    max_answer: int = 100_000_000  # the serialised results of one query
    max_memory: int = field(default_factory=lambda: default_memory())  # what one query may allocate
    max_body: int = 1_000_000  # a POST's body (the query, as text or a form)
    max_url: int = 65_536  # the request line, so a GET's query
    max_headers: int = 32_768  # the header block beyond the request line
    head_time: float = 10.0  # from a request's first byte to the end of its headers
    body_time: float = 30.0  # from the end of the headers to the end of the body
    idle_time: float = 15.0  # a kept-alive connection waiting for its next request
    send_time: float = 30.0  # a client that does not take its answer
    max_connections: int = 512


class Endpoint:
    """The endpoint's state shared by its connections: the graph's workers, the limits, what SERVICE may call."""

    def __init__(self, pool: Pool, limits: Limits, allowed: tuple[Allowed, ...], url: str) -> None:
        self.pool = pool
        self.limits = limits
        self.allowed = allowed
        self.url = url
        self.connections: set[Connection] = set()

    async def respond(self, method: str, target: str, headers: dict[str, str], body: bytes,
                      gone: asyncio.Event) -> tuple[int, str, bytes, dict[str, str]]:
        """Status, media type, body and extra headers for one request."""
        url = urlsplit(target)
        reading = method in ("GET", "HEAD")
        if url.path in ("/sparql", "/query"):
            return await self._sparql(method, parse_qs(url.query, keep_blank_values=True), headers, body, gone)
        if url.path in ("/", "/index.html") and reading:
            return 200, "text/html; charset=utf-8", _asset("endpoint.html"), {"Content-Security-Policy": _CSP}
        if url.path == "/page.js" and reading:
            return 200, "text/javascript; charset=utf-8", _asset("endpoint.js"), {"Content-Security-Policy": _CSP}
        if url.path == "/page.css" and reading:
            return 200, "text/css; charset=utf-8", _asset("endpoint.css"), {"Content-Security-Policy": _CSP}
        if url.path == "/queries" and reading:
            return 200, "application/json", _queries_json(), {}
        if url.path in ("/update", "/store", "/data"):
            raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: no update, no graph store")
        if url.path in ("/", "/index.html", "/page.js", "/page.css", "/queries"):
            raise Refused(HTTPStatus.METHOD_NOT_ALLOWED, f"{url.path} is read with GET, not {method}")
        raise Refused(HTTPStatus.NOT_FOUND, f"no such page {url.path!r}; the endpoint is /sparql")

    async def _sparql(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes,
                      gone: asyncio.Event) -> tuple[int, str, bytes, dict[str, str]]:
        query = params.get("query", [])
        if method == "POST":
            kind = headers.get("content-type", "").split(";")[0].strip().lower()
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
                              f"POST a query as application/sparql-query or a form, not {kind or 'no type'}")
        elif method not in ("GET", "HEAD"):
            raise Refused(HTTPStatus.METHOD_NOT_ALLOWED, f"send a query with GET or POST, not {method}")
        if "update" in params:
            raise Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
        if len(query) != 1 or not query[0].strip():
            raise Refused(HTTPStatus.BAD_REQUEST, "give exactly one query (?query=…); open / for the query page")
        try:
            check_services(query[0], self.allowed, resolve=False)  # the workers look names up
        except QueryError as exc:
            raise Refused(HTTPStatus.BAD_REQUEST, str(exc)) from None
        job = Job(query[0], headers.get("accept", "*/*"), tuple(params.get("default-graph-uri", [])),
                  tuple(params.get("named-graph-uri", [])))
        started = time.perf_counter()
        result = await self.pool.run(job, self.limits.timeout, self.limits.queue_wait, gone)
        timing = f"app;dur={result.seconds * 1000:.1f}, total;dur={(time.perf_counter() - started) * 1000:.1f}"
        return 200, result.media_type, result.data, {"Server-Timing": timing, "Cache-Control": "no-store"}


@cache
def _asset(name: str) -> bytes:
    return resources.files("lawgraph.assets").joinpath(name).read_bytes()


@lru_cache(maxsize=1)
def _queries_json() -> bytes:
    queries = [{"name": q.name, "description": q.description, "text": q.text, "params": list(q.params)}
               for q in named_queries().values()]
    return json.dumps({"prefixes": PREFIXES, "queries": queries}, ensure_ascii=False).encode()


# ------------------------------------------------------------------------------------- one connection


class Connection(asyncio.Protocol):
    """One client connection: h11 reads its requests, with a deadline for each part; one request at a time."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.limits = endpoint.limits
        self.h11 = h11.Connection(h11.SERVER, max_incomplete_event_size=self.limits.max_url + self.limits.max_headers)
        self.transport: asyncio.Transport | None = None
        self.timer: asyncio.TimerHandle | None = None
        self.task: asyncio.Task | None = None
        self.gone = asyncio.Event()
        self.writable = asyncio.Event()
        self.writable.set()
        self.request: h11.Request | None = None
        self.body = bytearray()
        self.line_bytes = 0  # bytes of the current request line seen, until its end
        self.line_done = False
        self.continued = False

    # asyncio callbacks

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        if len(self.endpoint.connections) >= self.limits.max_connections:
            self._raw_error(HTTPStatus.SERVICE_UNAVAILABLE, f"this endpoint holds {self.limits.max_connections} "
                            "connections already; try again in a few seconds", {"Retry-After": "5"})
            return
        self.endpoint.connections.add(self)
        self.transport.set_write_buffer_limits(high=1 << 18)
        self._arm(self.limits.head_time, self._too_slow_head)

    def data_received(self, data: bytes) -> None:
        if self.task is not None:  # answering: the next request waits in h11's buffer, within bounds
            self.h11.receive_data(data)
            if len(self.h11.trailing_data[0]) > self.limits.max_url + self.limits.max_headers:
                self.transport.pause_reading()
            return
        if self.h11.their_state is h11.IDLE and not self.line_done:
            if self.line_bytes == 0 and self.timer is not None and self.timer_reason == "idle":
                self._arm(self.limits.head_time, self._too_slow_head)
            end = data.find(b"\n")
            self.line_bytes += len(data) if end < 0 else end
            if self.line_bytes > self.limits.max_url:
                self._raw_error(HTTPStatus.REQUEST_URI_TOO_LONG,
                                f"the request line is longer than {self.limits.max_url // 1024} KiB; send a long "
                                "query with POST (application/sparql-query)")
                return
            self.line_done = end >= 0
        self.h11.receive_data(data)
        self._process()

    def eof_received(self) -> bool:
        self.gone.set()
        if self.task is None:
            self._close()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.gone.set()
        self.writable.set()
        self._disarm()
        self.endpoint.connections.discard(self)

    def pause_writing(self) -> None:
        self.writable.clear()

    def resume_writing(self) -> None:
        self.writable.set()

    # reading requests

    def _process(self) -> None:
        while self.task is None and self.transport is not None and not self.transport.is_closing():
            try:
                event = self.h11.next_event()
            except h11.RemoteProtocolError as exc:
                self._protocol_error(exc)
                return
            if event is h11.NEED_DATA:
                if self.h11.they_are_waiting_for_100_continue and not self.continued:
                    self.continued = True
                    self._write(self.h11.send(h11.InformationalResponse(status_code=100, headers=[])))
                return
            if event is h11.PAUSED or isinstance(event, h11.ConnectionClosed):
                return
            if isinstance(event, h11.Request):
                self.request = event
                self.line_done = True
                if event.http_version not in (b"1.1", b"1.0"):
                    version = event.http_version.decode("ascii", "replace")[:8]
                    self._raw_error(HTTPStatus.HTTP_VERSION_NOT_SUPPORTED,
                                    f"this endpoint speaks HTTP/1.1 (and 1.0), not HTTP/{version}")
                    return
                if sum(len(k) + len(v) + 4 for k, v in event.headers) > self.limits.max_headers:
                    self._raw_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                                    f"the request's headers are larger than {self.limits.max_headers // 1024} KiB")
                    return
                length = _header(event.headers, b"content-length")
                if length is not None and length.isdigit() and int(length) > self.limits.max_body:
                    self._too_large()
                    return
                self._arm(self.limits.body_time, self._too_slow_body)
            elif isinstance(event, h11.Data):
                self.body += event.data
                if len(self.body) > self.limits.max_body:
                    self._too_large()
                    return
            elif isinstance(event, h11.EndOfMessage):
                self._disarm()
                self.task = asyncio.get_running_loop().create_task(self._answer(self.request, bytes(self.body)))

    async def _answer(self, request: h11.Request, body: bytes) -> None:
        method = request.method.decode("ascii", "replace")
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in request.headers}
        try:
            status, media_type, data, extra = await self.endpoint.respond(
                method, request.target.decode("latin-1"), headers, body, self.gone)
        except ClientGone:
            self._close()
            return
        except Refused as refused:
            status, media_type, data, extra = (refused.status, _PLAIN, (str(refused) + "\n").encode(),
                                               refused.headers)
        except Exception as exc:  # a bug: the client gets a sentence, the console the traceback
            traceback.print_exc(file=sys.stderr)
            status, media_type, extra = HTTPStatus.INTERNAL_SERVER_ERROR, _PLAIN, {}
            data = (f"lawgraph serve failed on this request ({type(exc).__name__}: "
                    f"{' '.join(str(exc).split())[:120]}); the server's console has the details\n").encode()
        if self.gone.is_set() or self.transport is None or self.transport.is_closing():
            self._close()
            return
        names = {"Content-Type": media_type, "Content-Length": str(len(data)), "X-Content-Type-Options": "nosniff",
                 "Server": "lawgraph", **extra}
        response = h11.Response(status_code=int(status), headers=list(names.items()),
                                reason=HTTPStatus(status).phrase.encode())
        self._write(self.h11.send(response))
        self._write(self.h11.send(h11.Data(data=data)) if method != "HEAD" else b"")
        self._write(self.h11.send(h11.EndOfMessage()))
        if not self.writable.is_set():
            sent = await _within(self.writable.wait(), self.limits.send_time)
            if not sent:
                self.transport.abort()
                return
        self._next_request()

    def _next_request(self) -> None:
        if self.h11.our_state is h11.MUST_CLOSE or self.h11.their_state is h11.MUST_CLOSE:
            self._close()
            return
        try:
            self.h11.start_next_cycle()
        except h11.LocalProtocolError:
            self._close()
            return
        self.task, self.request, self.body = None, None, bytearray()
        self.continued = False
        pending = self.h11.trailing_data[0]
        self.line_bytes, self.line_done = len(pending), b"\n" in pending
        self.transport.resume_reading()
        self._arm(self.limits.idle_time if not pending else self.limits.head_time,
                  self._close if not pending else self._too_slow_head, "idle" if not pending else "head")
        self._process()

    # refusing

    def _too_large(self) -> None:
        self._raw_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"the request body is larger than this endpoint's limit of {self.limits.max_body / 1e6:g} MB")

    def _too_slow_head(self) -> None:
        if self.line_bytes == 0 and self.h11.their_state is h11.IDLE and not self.h11.trailing_data[0]:
            self._close()  # nothing was sent: just close
            return
        self._raw_error(HTTPStatus.REQUEST_TIMEOUT,
                        f"the request's headers did not arrive within {self.limits.head_time:g} s")

    def _too_slow_body(self) -> None:
        self._raw_error(HTTPStatus.REQUEST_TIMEOUT,
                        f"the request's body did not arrive within {self.limits.body_time:g} s")

    def _protocol_error(self, exc: h11.RemoteProtocolError) -> None:
        if exc.error_status_hint == 431:
            self._raw_error(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            f"the request's headers are larger than {self.limits.max_headers // 1024} KiB")
            return
        detail = "".join(c if " " <= c < "\x7f" else "?" for c in str(exc))[:80]
        status = HTTPStatus(exc.error_status_hint) if exc.error_status_hint in (400, 501, 505) else HTTPStatus(400)
        self._raw_error(status, f"malformed HTTP/1.1 request ({detail})")

    def _raw_error(self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None) -> None:
        """Answer with `message` and close, whatever state the request was in."""
        data = (message + "\n").encode()
        head = [f"HTTP/1.1 {int(status)} {status.phrase}", f"Content-Type: {_PLAIN}", f"Content-Length: {len(data)}",
                "Connection: close", "X-Content-Type-Options: nosniff", "Server: lawgraph"]
        head += [f"{k}: {v}" for k, v in (extra or {}).items()]
        self._write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        self._close()

    # plumbing

    timer_reason = "head"

    def _arm(self, seconds: float, action: Callable[[], None], reason: str = "head") -> None:
        self._disarm()
        self.timer = asyncio.get_running_loop().call_later(seconds, action)
        self.timer_reason = reason

    def _disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _write(self, data: bytes) -> None:
        if data and self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def _close(self) -> None:
        self._disarm()
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()  # sends what is buffered, then closes
            asyncio.get_running_loop().call_later(self.limits.send_time, self.transport.abort)


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    return next((v.decode("latin-1").strip() for k, v in headers if k == name), None)


async def _within(awaitable, seconds: float) -> bool:
    try:
        await asyncio.wait_for(awaitable, seconds)
        return True
    except TimeoutError:
        return False


# --------------------------------------------------------------------------------------- the server


@dataclass
class Listening:
    """What `serve` hands to its `ready` callback."""

    url: str
    endpoint: Endpoint | None = None


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free one); EndpointError if it cannot be had."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
            sock.listen(256)
        except OSError:
            sock.close()
            raise
    except OSError as exc:
        raise EndpointError(f"{host}:{port}: cannot listen ({exc.strerror or exc}); choose another --port "
                            "or --host") from None
    sock.setblocking(False)
    return sock


def serve(graph: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
          ready: Callable[[Listening], None] | None = None, *, limits: Limits | None = None,
          allow_service: tuple[str, ...] | list[str] = ()) -> None:
    """Serve `graph` (a graph file or a store) until SIGINT or SIGTERM; `ready` is called once it listens.

    The port is taken before the graph is loaded, so a busy port is reported at once."""
    limits = limits or Limits()
    if limits.max_queries < 1:
        limits = replace(limits, max_queries=1)
    try:
        allowed = tuple(Allowed.parse(prefix) for prefix in allow_service)
    except QueryError as exc:
        raise EndpointError(str(exc)) from None
    sock = listen(host, port)
    try:
        source = Graph(Path(graph))
        asyncio.run(_main(sock, source, limits, allowed, ready))
    finally:
        sock.close()


async def _main(sock: socket.socket, source: Graph, limits: Limits, allowed: tuple[Allowed, ...],
                ready: Callable[[Listening], None] | None) -> None:
    loop = asyncio.get_running_loop()
    pool = Pool(source, limits.max_queries, max_answer=limits.max_answer, max_memory=limits.max_memory,
                allowed=allowed)
    stop = asyncio.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    try:
        await pool.start()
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        endpoint = Endpoint(pool, limits, allowed, f"http://{shown}:{port}/")
        server = await loop.create_server(lambda: Connection(endpoint), sock=sock)
        if ready is not None:
            ready(Listening(endpoint.url, endpoint))
        async with server:
            await stop.wait()
            server.close()
            for connection in list(endpoint.connections):
                if connection.transport is not None:
                    connection.transport.abort()
    finally:
        pool.close()
        for number in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(number)
