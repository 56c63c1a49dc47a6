"""Starting real servers for tests: on a free loopback port, waited for with a bounded loop, always stopped.

No request made here leaves 127.0.0.1: the client has no proxy, and every URL is a loopback one.
"""

from __future__ import annotations

import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

OXIGRAPH = Path(sys.executable).parent / "oxigraph"  # the `oxigraph` package's server, beside this Python
if not OXIGRAPH.exists():
    OXIGRAPH = Path(shutil.which("oxigraph") or OXIGRAPH)
_CLIENT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http(request: urllib.request.Request, timeout: float = 30) -> tuple[int, str, bytes]:
    """Status, media type and body of a loopback request; HTTP errors are statuses, not exceptions."""
    assert request.full_url.startswith("http://127.0.0.1:"), request.full_url
    try:
        with _CLIENT.open(request, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def start_process(command: list[str], ready: str, timeout: float = 60):
    """Run `command` until the context ends; wait until a line of its output matches `ready`."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        try:
            deadline = time.monotonic() + timeout
            match = None
            while match is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or process.poll() is not None:
                    errors.seek(0)
                    raise RuntimeError(f"{command[:4]} did not start: {errors.read().decode()[-2000:]}")
                if select.select([process.stdout], [], [], min(remaining, 0.5))[0]:
                    match = re.search(ready, process.stdout.readline())
            yield process, match
        finally:
            _stop(process)
            if process.stdout:
                process.stdout.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path, *, read_only: bool = False, timeout: float = 30):
    """A real Oxigraph server (`oxigraph serve`) on a free loopback port; yields its base URL."""
    mode = "serve-read-only" if read_only else "serve"
    for _attempt in range(3):  # the free port may be taken between the probe and the bind
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        with tempfile.TemporaryFile() as log:
            process = subprocess.Popen([str(OXIGRAPH), mode, "--location", str(location), "--bind",
                                        f"127.0.0.1:{port}"], stdout=log, stderr=log)
            try:
                deadline = time.monotonic() + timeout
                while process.poll() is None and time.monotonic() < deadline:
                    try:
                        if http(urllib.request.Request(base + "query?query=ASK%7B%7D"), timeout=2)[0] == 200:
                            break
                    except (urllib.error.URLError, ConnectionError, TimeoutError):
                        time.sleep(0.1)
                else:
                    if process.poll() is None:
                        raise RuntimeError(f"oxigraph did not answer on port {port} within {timeout} s")
                    continue  # exited: most likely the port was taken; try another
                yield base
                return
            finally:
                _stop(process)
    raise RuntimeError("oxigraph could not start on a free port")


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by a process and all its descendants (those that ended and were waited for
    included), from the kernel's accounting."""
    import psutil

    process = psutil.Process(pid)
    times = process.cpu_times()
    total = times.user + times.system + times.children_user + times.children_system
    for child in process.children(recursive=True):
        try:
            child_times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += child_times.user + child_times.system
    return total


def raw_exchange(url: str, data: bytes, timeout: float = 30) -> bytes:
    """Send raw bytes to a loopback server and read until it closes the connection (or `timeout` passes)."""
    parts = urllib.parse.urlsplit(url)
    assert parts.hostname == "127.0.0.1"
    received = b""
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as connection:
        connection.sendall(data)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = connection.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            received += chunk
    return received
