"""The command line: each command parses its arguments, makes one library call and prints.

Exit status: 0 success; 1 the graph does not conform (validation) or an evaluation misses its bar;
2 bad input (a report, graph, query or option), shown as one line.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from . import __version__
from .errors import LawgraphError
from .validate import ENGINES


class UserError(click.ClickException):
    """A LawgraphError shown as one line, with its exit code."""

    def __init__(self, error: LawgraphError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def show(self, file=None) -> None:
        click.echo(f"lawgraph: error: {self.format_message()}", err=True)


def _fail(error: LawgraphError) -> UserError:
    return UserError(error)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawgraph")
def cli() -> None:
    """Chinese government rule-of-law reports as an RDF knowledge graph."""


def main() -> None:
    """The console script: the commands, with Ctrl-C as one line (outputs are written all or nothing)."""
    try:
        status = cli.main(standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("lawgraph: interrupted; outputs and stores were left as they were", err=True)
        sys.exit(130)
    sys.exit(status if isinstance(status, int) else 0)


def _exports(_context, _parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """--export nq,nt --export jsonld: each format once, in the order given."""
    from .dataset import EXPORT_CHOICES

    names = [name.strip().lower() for value in values for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in EXPORT_CHOICES]
    if unknown:
        raise click.BadParameter(f"{unknown[0]!r} is not one of {', '.join(EXPORT_CHOICES)}")
    return tuple(dict.fromkeys(names))


@cli.command()
@click.argument("reports", nargs=-1, required=True)
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for graph.ttl, graph.trig and graph.html (created if missing).")
@click.option("--store", "store", type=click.Path(path_type=Path, file_okay=False),
              help="Also keep the graph in an on-disk Oxigraph store here (incremental: only new or changed "
                   "reports are read).")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract with this many processes (and lay out a large page with as many).")
@click.option("--page/--no-page", default=True, help="Write graph.html (default: yes).")
@click.option("--export", "export", multiple=True, metavar="FORMAT[,FORMAT…]", callback=_exports,
              help="Also write graph.nq (N-Quads), graph.nt (N-Triples) or graph.jsonld (JSON-LD with lawgraph's "
                   "context), or any of these or graph.ttl, graph.trig compressed (nq.gz, ttl.gz …): "
                   "--export nq,nt.gz.")
@click.option("--validate/--no-validate", default=True,
              help="Check each report's graph against the SHACL shapes (default: yes).")
def build(reports: tuple[str, ...], out_dir: Path | None, store: Path | None, jobs: int, page: bool,
          validate: bool, export: tuple[str, ...]) -> None:
    """Read REPORTS (files, folders, glob patterns or URLs) and write the knowledge graph.

    A report is a text file, a web page (.html: its main text), a PDF (its text layer) or a Word file (.docx,
    .doc), recognised by its content; a URL is fetched and kept in DIR/fetched/. Each report's text, which the
    graph's offsets index, is written to DIR/text/REPORT_ID.txt."""
    from .build import CLASS_ORDER
    from .build import build as build_graph

    if out_dir is None and store is None:
        raise click.UsageError("give --out DIR, --store PATH, or both")
    try:
        result = build_graph(list(reports), out_dir, store=store, jobs=jobs, page=page, validate=validate,
                             export=export, progress=_progress)
    except LawgraphError as exc:
        raise _fail(exc) from None
    for warning in result.warnings:
        click.echo(f"lawgraph: warning: {warning}", err=True)
    for warning in result.skipped:
        click.echo(f"lawgraph: warning: skipped {warning}", err=True)
    for item in result.fetched:
        click.echo(f"fetched {item.requested} → {item.path}")
    summary = f"built {len(result.extracted)} report(s)"
    if result.unchanged:
        summary += f", {len(result.unchanged)} unchanged in the store"
    if result.triples:
        summary += f": {result.triples} triples"
    click.echo(summary)
    for name in CLASS_ORDER:
        if result.counts.get(name):
            click.echo(f"  {name:<12} {result.counts[name]:>6}")
    if store is not None:
        click.echo(f"stored in {store}")
    for path in result.files:
        click.echo(f"wrote {path}")
    if result.texts is not None:
        click.echo(f"wrote {result.texts}/ (the text of each report, which the offsets index)")


def _progress(items, total: int):
    """A progress bar on standard error for builds of several reports (only on a terminal)."""
    if total < 2 or not sys.stderr.isatty():
        return items
    return _bar(items, total)


def _bar(items, total):
    with click.progressbar(items, length=total, label="extracting", file=sys.stderr, show_pos=True) as bar:
        yield from bar


@cli.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@click.argument("query", required=False)
@click.option("--store", "store", type=click.Path(path_type=Path, file_okay=False),
              help="Query the store built with 'lawgraph build --store PATH' (then QUERY is the only argument).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query variable to a value (as an RDF literal, never pasted into the query).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None, metavar="SECONDS",
              help="Stop the query after this many seconds.")
def query(graph: Path | None, query: str | None, store: Path | None, fmt: str, params: tuple[str, ...],
          list_queries: bool, timeout: float | None) -> None:
    """Run QUERY (SPARQL text, a .rq file, or the name of a shipped query) on GRAPH (a graph file or a store).

    The prefixes lg:, lgr:, lgi: (indicator concepts), rdfs:, skos:, dct:, xsd:, prov:, org: are declared for you.
    """
    from . import query as q
    from .store import open_graph

    if list_queries:
        for named in q.named_queries().values():
            click.echo(f"{named.name:<22} {named.description}")
        return
    if store is not None and query is None:
        graph, query = store, str(graph) if graph is not None else None
    if graph is None or query is None:
        raise click.UsageError("give a GRAPH (or --store PATH) and a QUERY (or --list)")
    bindings = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        bindings[name] = value
    try:
        target = open_graph(graph)
        result = (q.run(target, query, bindings) if timeout is None
                  else q.run_with_timeout(target, query, bindings, timeout))
    except LawgraphError as exc:
        raise _fail(exc) from None
    output = {"table": q.as_table, "csv": q.as_csv, "json": q.as_json,
              "tsv": lambda r: q.as_csv(r, delimiter="\t")}[fmt](result)
    click.echo(output.rstrip("\n"))


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The page to write (one self-contained HTML file).")
@click.option("--title", default="lawgraph", show_default=True, help="The page's title.")
def view(graph: Path, out: Path, title: str) -> None:
    """Write the network page of GRAPH (a graph file or a store) to --out."""
    from .store import open_graph
    from .view import write_page

    try:
        write_page(open_graph(graph), out, title=title)
    except LawgraphError as exc:
        raise _fail(exc) from None
    click.echo(f"wrote {out}")


@cli.command(name="validate")
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="SHACL engine: shacl-rust (fast) or pySHACL (the reference implementation).")
def validate_command(graph: Path, engine: str) -> None:
    """Check GRAPH (a graph file or a store) against the SHACL shapes; print the violations.

    Exit status: 0 conforms, 1 does not conform, 2 the graph cannot be read."""
    from .store import open_graph
    from .validate import validate_store

    try:
        result = validate_store(open_graph(graph), engine=engine)
    except LawgraphError as exc:
        raise _fail(exc) from None
    click.echo(result.text)
    if not result.conforms:
        sys.exit(1)


@cli.command(name="eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--verbose", "-v", is_flag=True, help="List every miss and every spurious item.")
@click.option("--min-f1", type=float, default=None,
              help="Exit with status 1 if any entity class, metrics or indicators of the real reports (of the "
                   "synthetic ones when no real report is given) score F1 below this.")
def evaluate(gold: tuple[Path, ...], verbose: bool, min_f1: float | None) -> None:
    """Build each annotated report in GOLD (JSON annotation files) and score it: precision, recall, F1."""
    from . import evaluate as ev

    try:
        reports, total = ev.evaluate(gold)
    except LawgraphError as exc:
        raise _fail(exc) from None
    click.echo(ev.as_text(reports, total, verbose))
    if min_f1 is not None:
        held = ev.by_origin(reports).get("real", total)
        low = [n for n in (*ev.ENTITY_CLASSES, "Metric", "Indicator") if held[n].f1 < min_f1]
        if low:
            click.echo(f"below F1 {min_f1}: {', '.join(low)}", err=True)
            sys.exit(1)


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port, printed when ready).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this machine can connect unless you give another.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Stop a query after this long (its process is killed).")
@click.option("--max-queries", type=click.IntRange(min=1), default=None, metavar="N",
              help="Queries running at once, one process each (default: the number of cores); others wait "
                   "briefly, then get 503.")
@click.option("--max-answer", type=click.FloatRange(min=0, min_open=True), default=100.0, show_default=True,
              metavar="MB", help="Refuse an answer larger than this (megabytes, serialised).")
@click.option("--max-memory", type=click.FloatRange(min=0, min_open=True), default=None, metavar="MB",
              help="Stop a query that allocates more than this (megabytes; default: half the machine's memory "
                   "shared among the query slots).")
@click.option("--allow-service", "allow_service", multiple=True, metavar="PREFIX",
              help="Let queries call endpoints under this URL prefix with SERVICE (repeatable; none by default).")
def serve(graph: Path, port: int, host: str, timeout: float, max_queries: int | None, max_answer: float,
          max_memory: float | None, allow_service: tuple[str, ...]) -> None:
    """Serve GRAPH (a graph file or a store) as a read-only SPARQL endpoint and query page; Ctrl-C stops."""
    from .serve import Limits, default_memory
    from .serve import serve as serve_graph

    limits = Limits(timeout=timeout, max_answer=int(max_answer * 1_000_000))
    if max_queries is not None:
        limits = replace(limits, max_queries=max_queries)
    memory = default_memory(limits.max_queries) if max_memory is None else int(max_memory * 1_000_000)
    limits = replace(limits, max_memory=memory)

    def ready(server) -> None:
        click.echo(f"serving {graph} at {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops")

    try:
        serve_graph(graph, host, port, ready=ready, limits=limits, allow_service=allow_service)
    except LawgraphError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        pass
    click.echo("stopped")


@cli.command()
@click.argument("graph", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store Protocol endpoint (Oxigraph: http://HOST:7878/store; Fuseki: "
                   "http://HOST:3030/DATASET/data).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=120.0, show_default=True,
              metavar="SECONDS", help="Give up on a graph when the store has not answered within this long.")
@click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True, metavar="N",
              help="Send a graph again this many times when the store refuses or drops the connection or is "
                   "briefly unavailable (429, 502, 503, 504), waiting 1 s, then 2 s, 4 s …")
def push(graph: Path, endpoint: str, timeout: float, retries: int) -> None:
    """Replace each report's named graph of GRAPH (a store, graph.nq or graph.trig), and the graph of the indicator
    concepts they measure, on a remote store."""
    from .dataset import SCHEME_GRAPH
    from .push import push as push_graph

    try:
        result = push_graph(graph, endpoint, timeout=timeout, retries=retries, progress=_push_progress)
    except LawgraphError as exc:
        raise _fail(exc) from None
    reports = [name for name in result.graphs if name != SCHEME_GRAPH]
    scheme = " and the indicator scheme" if len(reports) < len(result.graphs) else ""
    click.echo(f"pushed {len(reports)} report graph(s){scheme}, {result.triples} triples, to {result.endpoint}")


def _push_progress(items, total: int):
    if total < 2 or not sys.stderr.isatty():
        return items
    return _bar_labelled(items, total, "pushing")


def _bar_labelled(items, total, label):
    with click.progressbar(items, length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield from bar


if __name__ == "__main__":  # pragma: no cover
    main()
