"""Which remote endpoints a SPARQL query would call with `SERVICE`, and whether `lawgraph serve` lets it.

Oxigraph sends the pattern inside `SERVICE <IRI> { … }` to that IRI over HTTP, from the machine that runs the
query. On the user's own machine (`lawgraph query`) that is a feature; on an endpoint others reach it lets any
client make the server call any address it can reach (server-side request forgery). So the endpoint reads the
query first. Strings, comments and IRIs are set aside as SPARQL's grammar defines them; every other place where
the word SERVICE begins (in any case, glued to what follows or not: Oxigraph reads `SERVICE:x` and
`SERVICESILENT<…>` as the keyword) is taken for the keyword, and every way the text after it could name an
endpoint is read — an IRI, a prefixed name, a variable, with SILENT or without. A query with none runs; a
variable is refused; each IRI must match a prefix the server was started with (`--allow-service`), and one whose
host is a loopback, link-local or private address (as written, or as the name resolves) only if an allowed
prefix names that very host.

The reading errs on the side of refusing: it may take a prefixed name such as `ex:a.service` for the keyword,
never the keyword for something else.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import QueryError
from .vocab import PREFIXES

# SPARQL 1.1 grammar (section 19.8): IRIREF (Oxigraph also reads \u escapes inside), strings, comments.
_IRIREF = re.compile(r'<((?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>')
_STRING = re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''" r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
                     r"|'(?:[^'\\\n\r]|\\.)*'" r'|"(?:[^"\\\n\r]|\\.)*"', re.S)
_COMMENT = re.compile(r"#[^\n\r]*")
_SPACE = re.compile(r"(?:[ \t\n\r]+|#[^\n\r]*)*")
_SERVICE = re.compile(r"service", re.I)
_SILENT = re.compile(r"silent", re.I)
_RUN = re.compile(r"[\w\-:%\\.?$@]*$", re.U)  # the characters of names, variables, tags and numbers
_IN_VARIABLE = re.compile(r"[?$]\w*", re.U)
_IN_TAG = re.compile(r"@[A-Za-z]*(?:-[A-Za-z0-9]*)*")
_PNAME = re.compile(r"([\w\-.]*):((?:[\w\-:%.]|\\.)*)", re.U)  # read wider than the grammar: safe
_VARIABLE = re.compile(r"[?$]\w+", re.U)
_PREFIX_DECL = re.compile(r"PREFIX[ \t\n\r]*([\w\-.]*)[ \t\n\r]*:[ \t\n\r]*$", re.I | re.U)
_BASE_DECL = re.compile(r"BASE[ \t\n\r]*$", re.I)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::\d+)?(?:[/?#][A-Za-z0-9\-._~:/?#\[\]!$&'()*+,;=%]*)?|"
                        r"https?://\[[0-9A-Fa-f:.]+\](?::\d+)?(?:[/?#][A-Za-z0-9\-._~:/?#\[\]!$&'()*+,;=%]*)?", re.I)


def _code(query: str) -> tuple[str, dict[int, tuple[int, str]]]:
    """The query with strings, comments and IRIs blanked out (same length), and the IRIs by position
    (start → (end, text))."""
    out = list(query)
    iris: dict[int, tuple[int, str]] = {}
    i, n = 0, len(query)
    while i < n:
        char = query[i]
        match = None
        if char == "#":
            match = _COMMENT.match(query, i)
        elif char == "<":
            match = _IRIREF.match(query, i)
            if match:
                iris[i] = (match.end(), match.group(1))
        elif char in "'\"":
            match = _STRING.match(query, i)  # unterminated: Oxigraph refuses it; read on as code, to be safe
        if match:
            out[i:match.end()] = " " * (match.end() - i)
            i = match.end()
        else:
            i += 1
    return "".join(out), iris


def _unescape(iri: str) -> str:
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), iri)


def service_endpoints(query: str, prefixes: dict[str, str] | None = None) -> list[str]:
    """Every endpoint IRI a SERVICE of the query could name, in order; QueryError for a variable."""
    code, iris = _code(query)
    known = dict(PREFIXES if prefixes is None else prefixes)
    for start, (_end, text) in sorted(iris.items()):
        before = code[max(0, start - 300):start]
        if declared := _PREFIX_DECL.search(before):
            known[declared.group(1)] = _unescape(text)
            cut = start - len(before) + declared.start()
            code = code[:cut] + " " * (start - cut) + code[start:]  # a prefix's name is never the keyword
    found: list[str] = []
    for match in _SERVICE.finditer(code):
        if _inside_a_name(code, match.start()):
            continue
        for position in _endpoint_positions(query, code, match.end()):
            if position in iris:
                found.append(_unescape(iris[position][1]))
            elif variable := _VARIABLE.match(code, position):
                raise QueryError(f"SERVICE {variable.group()} names its endpoint with a variable; this endpoint "
                                 "only calls the services it is told to, so name one as an IRI")
            elif (name := _PNAME.match(code, position)) and name.group(1) in known:
                local = re.sub(r"\\(.)", r"\1", name.group(2).rstrip("."))
                found.append(_unescape(known[name.group(1)]) + local)
    return found


def _inside_a_name(code: str, start: int) -> bool:
    """Whether SERVICE at `start` can only be part of a variable, a language tag, or the local part of a
    prefixed name or blank node label (Oxigraph reads a keyword glued to what precedes it: `1SERVICE`,
    `trueSERVICE`; so does this)."""
    run = _RUN.search(code, max(0, start - 300), start).group()
    if not run:
        return False
    if run[0] in "?$":
        return bool(_IN_VARIABLE.fullmatch(run))
    if run[0] == "@":
        return bool(_IN_TAG.fullmatch(run))
    return ":" in run and run[0] not in "0123456789.-" and not run.endswith(".")


def _endpoint_positions(query: str, code: str, after: int) -> list[int]:
    """Where the endpoint may begin after SERVICE: right after white space and comments, with or without SILENT."""
    first = _SPACE.match(query, after).end()
    positions = [first]
    if silent := _SILENT.match(code, first):
        positions.append(_SPACE.match(query, silent.end()).end())
    return positions


@dataclass(frozen=True)
class Allowed:
    """One --allow-service prefix: a scheme (`https://`: every public address), or an URL prefix naming a host."""

    text: str
    scheme: str
    host: str | None = None
    port: int | None = None
    path: str = ""

    @classmethod
    def parse(cls, prefix: str) -> Allowed:
        parts = urlsplit(prefix)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https") and prefix.lower().rstrip("/") == f"{scheme}:":
            return cls(prefix, scheme)
        if scheme not in ("http", "https") or not parts.hostname or parts.username or not _PLAIN_URL.fullmatch(prefix):
            raise QueryError(f"--allow-service {prefix!r}: give an http(s) URL prefix such as "
                             "https://query.wikidata.org/sparql, or https:// for every public address")
        return cls(prefix, scheme, parts.hostname, parts.port or _default_port(scheme), parts.path)

    def matches(self, iri: str) -> bool:
        parts = urlsplit(iri)
        if parts.scheme.lower() != self.scheme:
            return False
        if self.host is None:
            return True
        return (parts.hostname == self.host and (parts.port or _default_port(self.scheme)) == self.port
                and parts.path.startswith(self.path))


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def check_services(query: str, allowed: tuple[Allowed, ...] | list[Allowed], resolve: bool = True) -> list[str]:
    """Refuse (QueryError) a query whose SERVICE calls the endpoint was not told to allow; returns the endpoints.
    With `resolve`, a host name is looked up: one that leads to a non-public address is allowed only if a prefix
    names that host."""
    endpoints = service_endpoints(query)
    if endpoints and not allowed:
        raise QueryError(f"this query calls another endpoint (SERVICE <{endpoints[0]}>), and this endpoint makes "
                         "no outbound requests; its operator may allow some with --allow-service")
    for iri in endpoints:
        if not _PLAIN_URL.fullmatch(iri):
            raise QueryError(f"SERVICE <{iri}>: this endpoint calls only absolute http(s) URLs written plainly "
                             "(no user name, no characters that need escaping)")
        matching = [a for a in allowed if a.matches(iri)]
        if not matching:
            shown = ", ".join(a.text for a in allowed)
            raise QueryError(f"SERVICE <{iri}> is not among the services this endpoint may call ({shown})")
        if any(a.host is not None for a in matching):
            continue  # named exactly
        parts = urlsplit(iri)
        address = _non_public_address(parts.hostname or "", parts.port or _default_port(parts.scheme), resolve)
        if address is not None:
            raise QueryError(f"SERVICE <{iri}> leads to {address}, a loopback, link-local or private address, which "
                             "this endpoint calls only if --allow-service names that host exactly")
    return endpoints


def _non_public_address(host: str, port: int, resolve: bool) -> str | None:
    """The first address of `host` that is not public (as written, or as its name resolves), else None."""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        if not resolve:
            return None
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError:
            return f"{host} (a name that does not resolve)"
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for address in addresses:
        plain = getattr(address, "ipv4_mapped", None) or address
        if not plain.is_global or plain.is_multicast:
            return str(address)
    return None
