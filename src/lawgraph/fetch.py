"""Reports from the web: `lawgraph build URL` fetches each page (or PDF, Word file), keeps it, and builds it as
a saved file is built.

A fetch is bounded: a time limit for the whole download, a size limit (that of a report file), at most
MAX_REDIRECTS redirects and only to http(s), and a content type that a report can have. The charset the
server gives is kept for reading the page (it comes before the page's own <meta charset>, as in a browser).
"""

from __future__ import annotations

import hashlib
import re
import socket
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import formats
from .errors import ReportError

TIMEOUT = 60.0  # seconds for one whole download
MAX_BYTES = 20 * 1024 * 1024  # as for a report file (document.MAX_BYTES)
MAX_REDIRECTS = 5
USER_AGENT = "Mozilla/5.0 (compatible; lawgraph/0.1; +https://w3id.org/lawgraph)"
# What a report can be served as; application/octet-stream is how many sites serve their attachments.
_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "txt", "application/pdf": "pdf",
          "application/x-pdf": "pdf", "application/msword": "doc", "application/octet-stream": "",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
          "application/x-download": "", "application/force-download": "", "binary/octet-stream": ""}
_ID_CHARS = re.compile(r"[^0-9a-z\u4e00-\u9fff._-]+")


@dataclass(frozen=True)
class Fetched:
    """A report fetched from `url` (the address after redirects), kept at `path`."""

    requested: str
    url: str
    path: Path
    media_type: str
    charset: str | None


def is_url(item: str) -> bool:
    return item.lower().startswith(("http://", "https://"))


def report_id_of(url: str) -> str:
    """A report's id from its address: the last part of the path without extension (t20240328_6583952), with a
    short hash of the whole address when a query tells pages apart (newshow.php?id=…), else the host."""
    parts = urlsplit(url)
    stem = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]).rsplit(".", 1)[0]
    stem = _ID_CHARS.sub("-", stem.lower()).strip("-.")
    if not stem:
        stem = _ID_CHARS.sub("-", (parts.hostname or "report").lower()).strip("-.")
    if parts.query:
        stem += "-" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return stem


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise urllib.error.HTTPError(req.full_url, code, f"redirected to {newurl!r}, not a web address",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, folder: Path, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """Download `url` into `folder` as REPORT_ID.EXT (the extension of what it turned out to be)."""
    if not is_url(url):
        raise ReportError(f"{url}: not an http:// or https:// address")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                                                   "Accept": "text/html,application/xhtml+xml,application/pdf,"
                                                             "application/msword,*/*;q=0.5"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final, headers = response.geturl(), response.headers
            media_type, charset = _content_type(headers)
            if media_type not in _TYPES:
                raise ReportError(f"{url}: served as {media_type or 'nothing said'}, not a web page, PDF or Word "
                                  "file")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ReportError(f"{url}: {int(length) / 2**20:.0f} MB is far more than one report (at most "
                                  f"{max_bytes // 2**20} MB)")
            body = _read(response, url, deadline, max_bytes)
            body = _decoded(body, headers.get("Content-Encoding", ""), url, max_bytes)
    except urllib.error.HTTPError as exc:
        reason = str(exc.reason).splitlines()[0] if str(exc.reason) else ""
        if 300 <= exc.code < 400 and "not a web address" in reason:
            raise ReportError(f"{url}: {reason} (a redirect away from the web)") from None
        if 300 <= exc.code < 400:
            raise ReportError(f"{url}: more than {MAX_REDIRECTS} redirects (or a redirect loop)") from None
        raise ReportError(f"{url}: the server answered HTTP {exc.code} {reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise ReportError(f"{url}: no answer within {timeout:g} s") from None
        raise ReportError(f"{url}: cannot be fetched ({getattr(reason, 'strerror', None) or reason})") from None
    except TimeoutError:
        raise ReportError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # a connection reset, a malformed address or answer
        raise ReportError(f"{url}: cannot be fetched ({exc})") from None
    if not body.strip():
        raise ReportError(f"{url}: the server sent an empty answer")
    fmt = formats.sniff(body, Path(urlsplit(final).path).suffix)
    if fmt == "txt" and _TYPES[media_type] == "html":
        fmt = "html"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (report_id_of(url) + formats.EXTENSIONS.get(fmt, ".bin"))
    path.write_bytes(body)
    return Fetched(url, final, path, media_type, charset)


def _content_type(headers: Message) -> tuple[str, str | None]:
    value = headers.get("Content-Type", "")
    message = Message()
    message["Content-Type"] = value or "application/octet-stream"
    return message.get_content_type().lower(), message.get_param("charset")


def _read(response, url: str, deadline: float, max_bytes: int) -> bytes:
    chunks, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise ReportError(f"{url}: the download took longer than its time limit; try again, or save the "
                              "file and build that")
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise ReportError(f"{url}: more than {max_bytes // 2**20} MB, far more than one report")
        chunks.append(chunk)


def _decoded(body: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ReportError(f"{url}: sent in a compression lawgraph does not read ({encoding})")
    try:
        data = zlib.decompressobj(wbits=47).decompress(body, max_bytes + 1)  # gzip or zlib, by its header
    except zlib.error:
        try:
            data = zlib.decompressobj(wbits=-15).decompress(body, max_bytes + 1)  # the raw deflate some send
        except zlib.error as exc:
            raise ReportError(f"{url}: its compressed answer is damaged ({exc})") from None
    if len(data) > max_bytes:
        raise ReportError(f"{url}: more than {max_bytes // 2**20} MB, far more than one report")
    return data
