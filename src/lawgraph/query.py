"""SPARQL over a graph: the project's prefixes predeclared, named queries shipped as .rq files, results as a
readable table or as CSV, TSV and JSON for machines."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Variable

from .errors import QueryError
from .vocab import PREFIXES

_UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I | re.M)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>|#[^\n]*)\s*)*", re.I)
_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class QueryResult:
    """Columns and rows of RDF terms (None where unbound); or, for ASK, a boolean in `answer`."""

    columns: list[str]
    rows: list[list[object]]
    answer: bool | None = None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """The queries shipped in lawgraph/queries/*.rq, by file name; the first comment line describes each."""
    found = {}
    for entry in sorted(resources.files("lawgraph.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            first = next((line for line in text.splitlines() if line.startswith("#")), "# ")
            name = entry.name[:-3]
            declared = re.search(r"^#\s*params:\s*(.+)$", text, re.M)
            params = tuple(declared.group(1).replace(",", " ").split()) if declared else ()
            found[name] = NamedQuery(name, first.lstrip("# ").strip(), text, params)
    return found


def resolve(query: str) -> str:
    """A query's text from a named query, a .rq file or the query itself."""
    queries = named_queries()
    if query in queries:
        return queries[query].text
    if query.endswith(".rq") or ("\n" not in query and Path(query).suffix == ".rq"):
        try:
            return Path(query).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{query}: cannot read query file ({exc.strerror})") from None
    if re.fullmatch(r"[\w-]+", query):
        known = ", ".join(queries)
        raise QueryError(f"unknown query name {query!r}; the named queries are: {known}")
    return query


def run(store: Store, query: str, bindings: dict[str, object] | None = None) -> QueryResult:
    """Run a read-only SPARQL query. `bindings` are values for variables, bound as RDF terms."""
    named = named_queries().get(query)
    missing = [p for p in (named.params if named else ()) if p not in (bindings or {})]
    if missing:
        raise QueryError(f"query {query!r} needs " + " ".join(f"--param {p}=VALUE" for p in missing))
    text = resolve(query)
    body = _PROLOGUE.sub("", text, count=1)
    if update := _UPDATE.match(body):
        raise QueryError(f"{update.group(1).upper()} is an update; 'lawgraph query' only reads (SELECT, ASK, "
                         "CONSTRUCT, DESCRIBE)")
    substitutions = {Variable(k): _as_term(v) for k, v in (bindings or {}).items()}
    if substitutions and not re.search(r"^\s*SELECT\b", body, re.I | re.M):
        raise QueryError("--param binds variables of SELECT queries only")
    try:
        result = store.query(text, prefixes=PREFIXES, substitutions=substitutions or None,
                             use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(_syntax_message(text, str(exc))) from None
    except RuntimeError as exc:  # e.g. a --param naming a variable the query does not select
        raise QueryError(str(exc).replace("contains", "contain")) from None
    if isinstance(result, bool) or type(result).__name__ == "QueryBoolean":
        return QueryResult([], [], answer=bool(result))
    if type(result).__name__ == "QueryTriples":
        rows = [[t.subject, t.predicate, t.object] for t in result]
        return QueryResult(["subject", "predicate", "object"], rows)
    columns = [v.value for v in result.variables]
    rows = [list(solution) for solution in result]  # values in column order, None where unbound
    return QueryResult(columns, rows)


def run_with_timeout(store: Store, query: str, bindings: dict[str, object] | None, timeout: float) -> QueryResult:
    """`run`, stopped after `timeout` seconds: the query runs in a forked process that is killed if it is late
    (Oxigraph cannot interrupt a query from the same process)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_in_child, args=(store, query, bindings, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryError(f"the query did not finish within {timeout:g} s (--timeout); make it more selective "
                             "(LIMIT, a narrower pattern) or allow more time")
        outcome = receiver.recv()
    except EOFError:
        raise QueryError("the query process ended without an answer (out of memory?)") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if isinstance(outcome, QueryError):
        raise outcome
    return outcome


def _run_in_child(store: Store, query: str, bindings, sender) -> None:
    try:
        sender.send(run(store, query, bindings))
    except QueryError as exc:
        sender.send(exc)
    finally:
        sender.close()


def _as_term(value: object):
    if isinstance(value, NamedNode | Literal | BlankNode):
        return value
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode(PREFIXES["xsd"] + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(PREFIXES["xsd"] + "integer"))
    return Literal(str(value))


def _syntax_message(text: str, message: str) -> str:
    match = _POSITION.match(message)
    if not match:
        return f"malformed SPARQL query: {message.splitlines()[0]}"
    line_no, column, expected = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = text.splitlines() or [""]
    line = lines[min(line_no, len(lines)) - 1]
    near = line[max(0, column - 16):column + 16].strip()
    expected = " ".join(expected.split())
    if len(expected) > 80:
        expected = expected[:77] + "..."
    return f"malformed SPARQL query at line {line_no}, column {column} (near {near!r}): {expected}"


# ---------------------------------------------------------------------------------------- formatting

def plain(term: object) -> str:
    """A term's value as text: an IRI, or a literal's lexical form."""
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def compact(term: object) -> str:
    """An IRI with a known prefix written as prefix:local, for people."""
    if isinstance(term, NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(namespace):
                return f"{prefix}:{term.value[len(namespace):]}"
    return plain(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        w = _width(char)
        if used + w > limit - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def as_table(result: QueryResult, max_width: int = 48) -> str:
    if result.answer is not None:
        return "yes" if result.answer else "no"
    cells = [[_clip(compact(v), max_width) for v in row] for row in result.rows]
    widths = [max([_width(c), *(_width(r[i]) for r in cells)]) for i, c in enumerate(result.columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(result.columns), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(out)


def neutralise(cell: str) -> str:
    """Keep spreadsheets from reading a cell as a formula (=, +, -, @ first)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def as_csv(result: QueryResult, delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    if result.answer is not None:
        writer.writerows([["answer"], [str(result.answer).lower()]])
    else:
        writer.writerow(result.columns)
        writer.writerows([neutralise(plain(v)) for v in row] for row in result.rows)
    return buffer.getvalue()


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != PREFIXES["xsd"] + "string":
        out["datatype"] = term.datatype.value
    return out


def as_json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON."""
    if result.answer is not None:
        return json.dumps({"head": {}, "boolean": result.answer})
    bindings = [{c: _json_term(v) for c, v in zip(result.columns, row, strict=True) if v is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.columns}, "results": {"bindings": bindings}}, ensure_ascii=False,
                      indent=1)
