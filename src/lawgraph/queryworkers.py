"""The processes that run the endpoint's queries: a fixed number of them, each one query at a time, each killed
the moment its query is out of time or its client has gone.

Oxigraph cannot stop a query from Python: a thread running one holds its core until the query ends, however
long. A process can be killed, and its CPU is free at once. So `lawgraph serve` runs every query in one of
`size` worker processes, forked from the server's own process (single-threaded, so forking is safe): a graph
file loaded there is shared with the workers, copy-on-write; a store is opened by each worker, read-only, and
reopened when a build switches its version. A worker that is killed is replaced by a new fork.

Without --allow-service, a worker also gives up the network if the system lets it (a network namespace of its
own, on Linux): a SERVICE call the server's reading of the query had missed would find no route.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import math
import os
import pickle
import resource
import signal
import socket
import struct
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, Store

from .errors import GraphError, QueryError
from .query import _syntax_message
from .service import Allowed, check_services
from .store import open_graph, open_store
from .vocab import PREFIXES

_FRAME = struct.Struct("!Q")


def _by_media_type(formats: tuple) -> dict:
    return {f.media_type.split(";")[0]: f for f in formats}


RESULT_FORMATS = _by_media_type((QueryResultsFormat.JSON, QueryResultsFormat.XML, QueryResultsFormat.CSV,
                                 QueryResultsFormat.TSV))
RESULT_FORMATS["application/json"] = QueryResultsFormat.JSON
GRAPH_FORMATS = _by_media_type((RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.RDF_XML, RdfFormat.JSON_LD,
                                RdfFormat.N_QUADS))


class Refused(Exception):
    """An HTTP error status with a one-line message (and headers, such as Retry-After)."""

    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass(frozen=True)
class Job:
    query: str
    accept: str = "*/*"
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    media_type: str
    data: bytes
    seconds: float


# ------------------------------------------------------------------------------- running one query


class _Capped:
    """A file-like sink that refuses to grow past `limit` bytes (Oxigraph writes the results into it)."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


class _TooLarge(Exception):
    pass


def answer(store: Store, job: Job, max_answer: int = 1 << 62) -> tuple[str, bytes]:
    """Run a query as the endpoint does; the media type and the serialised results (Refused on failure)."""
    options: dict = {"prefixes": PREFIXES}
    if job.default_graphs:
        options["default_graph"] = [NamedNode(g) for g in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **options)
        is_graph = type(result).__name__ == "QueryTriples"
        formats = GRAPH_FORMATS if is_graph else RESULT_FORMATS
        chosen = negotiate(job.accept, formats)
        if chosen is None:
            offered = ", ".join(formats)
            raise Refused(HTTPStatus.NOT_ACCEPTABLE, f"cannot answer in {job.accept!r}; ask for one of {offered}")
        media_type, fmt = chosen
        sink = _Capped(max_answer)
        result.serialize(sink, format=fmt)
    except SyntaxError as exc:
        raise Refused(HTTPStatus.BAD_REQUEST, _syntax_message(job.query, str(exc))) from None
    except _TooLarge:
        raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY,
                      f"the answer is larger than this endpoint's limit of {_megabytes(max_answer)}; add LIMIT or "
                      "narrow the query") from None
    except OSError as exc:
        raise Refused(HTTPStatus.BAD_GATEWAY if "SERVICE" in job.query.upper() else HTTPStatus.INTERNAL_SERVER_ERROR,
                      "the query failed: " + " ".join(str(exc).split())) from None
    except (ValueError, RuntimeError, TypeError) as exc:  # e.g. ASK as CSV, an unbound SERVICE variable
        raise Refused(HTTPStatus.BAD_REQUEST, " ".join(str(exc).split())) from None
    charset = "; charset=utf-8" if media_type.startswith("text/") or "json" in media_type else ""
    return media_type + charset, b"".join(sink.parts)


def _megabytes(size: int) -> str:
    return f"{size / 1e6:g} MB"


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


# ----------------------------------------------------------------------------------- the worker side


class Graph:
    """What a worker queries: a graph file loaded once (in the server, before the workers fork), or a store
    opened by each worker and reopened when its `current` version changes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.is_store = path.is_dir()
        self._store: Store | None = None if self.is_store else open_graph(path)
        self._version: str | None = None
        if self.is_store and not (path / "current").is_symlink():
            open_store(path)  # raises the store's own one-line error (the server itself never opens a store)

    def store(self) -> Store:
        if self.is_store:
            try:
                version = os.readlink(self.path / "current")
            except OSError:
                version = None
            if self._store is None or (version is not None and version != self._version):
                self._store = None
                self._store = open_store(self.path)
                self._version = version
        assert self._store is not None
        return self._store


def _send(sock: socket.socket, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_FRAME.pack(len(data)) + data)


def _receive(sock: socket.socket) -> object:
    header = _read_exactly(sock, _FRAME.size)
    return pickle.loads(_read_exactly(sock, _FRAME.unpack(header)[0]))


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _worker(sock: socket.socket, graph: Graph, allowed: tuple[Allowed, ...], max_answer: int,
            max_memory: int | None = None) -> None:
    """A worker's life: say it is ready (or why not), then answer one job after another until the server
    closes the connection."""
    try:
        graph.store()
    except GraphError as exc:
        _send(sock, ("failed", str(exc)))
        return
    if max_memory:
        _limit_memory(max_memory)
    _send(sock, ("ready", None))
    while True:
        try:
            job = _receive(sock)
        except (EOFError, OSError):
            return
        started = time.perf_counter()
        try:
            if allowed:
                check_services(job.query, allowed, resolve=True)
            media_type, data = answer(graph.store(), job, max_answer)
            reply: tuple = ("ok", Answer(media_type, data, time.perf_counter() - started))
        except QueryError as exc:
            reply = ("refused", (HTTPStatus.BAD_REQUEST, str(exc)))
        except Refused as exc:
            reply = ("refused", (exc.status, str(exc)))
        except GraphError as exc:
            reply = ("refused", (HTTPStatus.INTERNAL_SERVER_ERROR, str(exc)))
        _send(sock, reply)


def _limit_memory(budget: int) -> None:
    """Let this process allocate at most `budget` bytes more than it holds now (RLIMIT_DATA, Linux): a query
    that wants more makes Oxigraph's allocation fail, and the process aborts (SIGABRT) instead of the machine
    running out of memory. What the worker inherited from the server (a graph file's store) counts as held."""
    if not sys.platform.startswith("linux"):
        return
    try:
        with open("/proc/self/status") as status:
            held = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmData:"))
        resource.setrlimit(resource.RLIMIT_DATA, (held + budget, held + budget))
    except (OSError, ValueError, StopIteration):
        pass


def _become_worker(sock: socket.socket, keep_network: bool) -> None:
    """In the forked child: drop what belongs to the server (its signal handlers, every other descriptor),
    die with it, and leave the network unless services are allowed."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which ends its workers
    for number in (signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(number, signal.SIG_DFL)
    keep = {0, 1, 2, sock.fileno()}
    folder = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
    try:
        descriptors = [int(name) for name in os.listdir(folder)]
    except OSError:
        descriptors = list(range(3, 1024))
    for fd in descriptors:
        if fd not in keep:
            with contextlib.suppress(OSError):
                os.close(fd)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: a worker does not outlive its server
        if os.getppid() == 1:
            os._exit(0)
        if not keep_network:
            new_net, new_user = 0x40000000, 0x10000000
            if libc.unshare(new_net) != 0:
                libc.unshare(new_user | new_net)  # unprivileged: a user namespace first; else keep going


# ----------------------------------------------------------------------------------- the server side


@dataclass(eq=False)
class Worker:
    pid: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    deadline: float = 0.0  # monotonic time its current query must end by


class Pool:
    """`size` worker processes; `run` hands a job to an idle one, waiting at most `queue_wait` seconds for it."""

    def __init__(self, graph: Graph, size: int, *, max_answer: int, max_memory: int | None = None,
                 allowed: tuple[Allowed, ...] = ()) -> None:
        self.graph = graph
        self.size = size
        self.max_answer = max_answer
        self.max_memory = max_memory
        self.allowed = allowed
        self.idle: asyncio.Queue[Worker] = asyncio.Queue()
        self.busy: set[Worker] = set()
        self.workers: dict[int, Worker] = {}
        self.ended: dict[int, int] = {}  # pid → wait status, of workers that ended
        self.starting = 0
        self.waiting = 0  # requests waiting for a worker
        self.typical = 0.1  # seconds: a moving average of the time queries take
        self.closed = False
        self.on_error: Callable[[str], None] = lambda message: print(f"lawgraph: warning: {message}",
                                                                      file=sys.stderr)

    async def start(self) -> None:
        """Fork the workers and wait until each has opened the graph; GraphError if one cannot."""
        asyncio.get_running_loop().add_signal_handler(signal.SIGCHLD, self._reap)
        workers = await asyncio.gather(*(self._spawn() for _ in range(self.size)), return_exceptions=True)
        failed = next((w for w in workers if isinstance(w, BaseException)), None)
        for worker in workers:
            if isinstance(worker, Worker):
                self.idle.put_nowait(worker)
        if failed is not None:
            self.close()
            raise failed

    async def _spawn(self) -> Worker:
        parent, child = socket.socketpair()
        self.starting += 1
        try:
            pid = os.fork()
            if pid == 0:  # the worker
                status = 0
                try:
                    parent.close()
                    _become_worker(child, keep_network=bool(self.allowed))
                    _worker(child, self.graph, self.allowed, self.max_answer, self.max_memory)
                except BaseException:
                    traceback.print_exc()  # a bug: the console has it, the client gets a sentence
                    status = 1
                finally:
                    os._exit(status)
            child.close()
            reader, writer = await asyncio.open_connection(sock=parent, limit=1 << 16)
            worker = Worker(pid, reader, writer)
            self.workers[pid] = worker
            try:
                kind, detail = await _read_message(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                self._kill(worker)
                raise GraphError(f"{self.graph.path}: a query process ended while opening the graph") from None
            if kind != "ready":
                self._kill(worker)
                raise GraphError(str(detail))
            return worker
        finally:
            self.starting -= 1

    async def _replace(self) -> None:
        if self.closed:
            return
        try:
            worker = await self._spawn()
        except (GraphError, OSError) as exc:
            self.on_error(f"a query process could not be started again ({exc}); {self.capacity()} left")
            return
        if self.closed:
            self._kill(worker)
        else:
            self.idle.put_nowait(worker)

    def capacity(self) -> int:
        return self.idle.qsize() + len(self.busy) + self.starting

    def retry_after(self) -> int:
        """Seconds to wait before asking again, at least 1: the time the queries waiting now should take (their
        number by the typical time of a query, shared among the slots), and never more than the time until a
        busy slot is sure to be free (its query's deadline)."""
        now = time.monotonic()
        sure = min((w.deadline for w in self.busy), default=now + 1) - now
        expected = (self.waiting + 1) * self.typical / self.size
        return max(1, math.ceil(min(expected, sure)))

    async def run(self, job: Job, timeout: float, queue_wait: float, gone: asyncio.Event) -> Answer:
        """Run `job` in a worker; Refused when no worker is free within `queue_wait` seconds, when the query takes
        longer than `timeout`, or when its worker dies. If `gone` is set meanwhile (the client left), the
        worker is killed and Refused raised (no one will read it)."""
        self.waiting += 1
        try:
            worker = await _first(self.idle.get(), gone, queue_wait)
        finally:
            self.waiting -= 1
        if worker is not None and gone.is_set():
            self.idle.put_nowait(worker)
            raise ClientGone
        if worker is None:
            if gone.is_set():
                raise ClientGone
            slots = f"all {self.size} query slots are" if self.size > 1 else "the one query slot is"
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"{slots} busy and none came free within {queue_wait:g} s; try again in "
                          f"{self.retry_after()} s", {"Retry-After": str(self.retry_after())})
        started = time.monotonic()
        worker.deadline = started + timeout
        self.busy.add(worker)
        try:
            worker.writer.write(_frame(job))
            reply = await _first(_read_message(worker.reader), gone, max(0.0, worker.deadline - time.monotonic()))
        except (asyncio.IncompleteReadError, ConnectionError):
            reply = None
            gone_before = gone.is_set()
            status = await self._ended(worker)
            self._discard(worker)
            if gone_before:
                raise ClientGone from None
            if status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT \
                    and self.max_memory:
                raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY,
                              f"the query needed more memory than this endpoint allows a query "
                              f"({_megabytes(self.max_memory)}; it was stopped); make it more selective "
                              "(LIMIT, a narrower pattern)") from None
            raise Refused(HTTPStatus.INTERNAL_SERVER_ERROR,
                          f"the query's process ended without an answer ({_describe(status)})") from None
        except BaseException:
            self._discard(worker, kill=True)
            raise
        self.typical += 0.2 * (time.monotonic() - started - self.typical)
        if reply is None:  # out of time, or the client left: the worker is killed, its CPU freed
            self._discard(worker, kill=True)
            if gone.is_set():
                raise ClientGone
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY,
                          f"the query did not finish within this endpoint's limit of {timeout:g} s (it was "
                          "stopped); make it more selective (LIMIT, a narrower pattern)")
        self.busy.discard(worker)
        self.idle.put_nowait(worker)
        kind, detail = reply
        if kind == "ok":
            return detail
        raise Refused(HTTPStatus(detail[0]), detail[1])

    def _discard(self, worker: Worker, kill: bool = False) -> None:
        self.busy.discard(worker)
        if kill:
            self._kill(worker)
        else:
            worker.writer.close()
            self.workers.pop(worker.pid, None)
        asyncio.get_running_loop().create_task(self._replace())

    def _kill(self, worker: Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.writer.close()
        self.workers.pop(worker.pid, None)

    async def _ended(self, worker: Worker, wait: float = 2.0) -> int | None:
        deadline = time.monotonic() + wait
        while worker.pid not in self.ended and time.monotonic() < deadline:
            self._reap()
            await asyncio.sleep(0.01)
        return self.ended.pop(worker.pid, None)

    def _reap(self) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.ended[pid] = status
            if len(self.ended) > 1000:
                self.ended.pop(next(iter(self.ended)))

    def close(self) -> None:
        """Kill every worker and wait for them."""
        self.closed = True
        for worker in list(self.workers.values()):
            self._kill(worker)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, 0)[0]:
                pass


class ClientGone(Exception):
    """The client went away: nothing to answer."""


def _frame(message: object) -> bytes:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _FRAME.pack(len(data)) + data


async def _read_message(reader: asyncio.StreamReader) -> tuple:
    header = await reader.readexactly(_FRAME.size)
    return pickle.loads(await reader.readexactly(_FRAME.unpack(header)[0]))


async def _first(awaitable, gone: asyncio.Event, timeout: float):
    """The result of `awaitable`, or None if `timeout` passes or `gone` is set first (it is then cancelled)."""
    task = asyncio.ensure_future(awaitable)
    watcher = asyncio.ensure_future(gone.wait())
    try:
        done, _ = await asyncio.wait({task, watcher}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
    if task in done:
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    return None


def _describe(status: int | None) -> str:
    if status is None:
        return "it closed its connection"
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        name = signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)
        hint = ": the machine out of memory?" if number == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit status {os.WEXITSTATUS(status)}"
