"""Statements as N-Triples text, exactly as Oxigraph writes them, and Turtle from them.

A report's graph has thousands of statements. Making every term a pyoxigraph object and serialising the objects
afterwards cost more than extracting the report, so a term here is its N-Triples text, formatted once. The
text is Oxigraph's own: IRIs and literals without special characters are written directly, anything to escape
is handed to Oxigraph, and language tags are in the lower case Oxigraph writes (`store.canonical_language_tags`
turns them into zh-Hant in the files, as it does for everything Oxigraph writes).

A graph is a list of blocks, one per subject: `(subject, ["predicate object", …])`, subjects sorted and each
block's pairs sorted and unique. That is exactly the order of the graph's N-Triples lines (a term never
continues another one with a character below the space between them), with few Python objects to make: a
pair is one string, not a tuple, which matters when a report has thousands of them.

`Turtle` writes blocks as Oxigraph's Turtle serialiser does with the same prefixes; what it cannot read off a
term (the prefixed name of an IRI, the form of a datatype) it asks Oxigraph once and remembers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse, serialize

Block = tuple[str, list[str]]  # a subject and what is said of it: "predicate object" pairs

XSD = "http://www.w3.org/2001/XMLSchema#"
_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f]')  # characters an N-Triples string writes as escapes


def iri(value: str) -> str:
    """An IRI term. Not checked: lawgraph's IRIs are minted by vocab.py, valid by construction."""
    return f"<{value}>"


def literal(text: str) -> str:
    """A plain string literal."""
    if _ESCAPED.search(text):
        return str(Literal(text))  # Oxigraph's escapes
    return f'"{text}"'


def tagged(text: str, language: str) -> str:
    """A string literal with a language tag."""
    return literal(text) + _tag(language)


@lru_cache(maxsize=64)
def _tag(language: str) -> str:
    return str(Literal("", language=language))[2:]  # '@zh-hant', as Oxigraph writes the tag


def typed(lexical: str, datatype: str) -> str:
    """A literal of the datatype with IRI `datatype`."""
    return f"{literal(lexical)}^^<{datatype}>"


def integer(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


def blocks(statements: dict[str, list[str]]) -> list[Block]:
    """The blocks of statements gathered by subject (pairs in any order, repeats allowed)."""
    return [(subject, sorted(set(statements[subject]))) for subject in sorted(statements)]


def ntriples(graph: Iterable[Block]) -> str:
    """The N-Triples document of a graph, one line a statement, in order."""
    return "".join([f"{subject} {pair} .\n" for subject, pairs in graph for pair in pairs])


def blocks_of(ntriples_data: bytes) -> list[Block]:
    """The graph of N-Triples lines as Oxigraph writes them (single spaces between terms), in any order."""
    statements: dict[str, list[str]] = {}
    # Only "\n" ends a line: other line separators (U+2028 …) may stand unescaped inside a literal.
    for line in ntriples_data.decode("utf-8").split("\n"):
        if line:
            subject, pair = line[:-2].split(" ", 1)
            statements.setdefault(subject, []).append(pair)
    return blocks(statements)


def triples_of(graph: Iterable[Block]) -> list[Triple]:
    """The statements as pyoxigraph triples (for a store, a validator, a test)."""
    return list(parse(ntriples(graph).encode("utf-8"), RdfFormat.N_TRIPLES))


# Literals Oxigraph's Turtle writes bare, by datatype: the lexical forms of the Turtle grammar's own tokens.
_BARE = {
    XSD + "boolean": re.compile(r"true|false"),
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+"),
}
_INTEGER_END = f'"^^<{XSD}integer>'


class Turtle:
    """Turtle (without @prefix lines) of a graph, as Oxigraph writes it with `prefixes`: the statements in the
    order given, those of one subject together (`;`), objects of one predicate together (`,`).

    IRIs under `verbatim`, a namespace no prefix abbreviates, are written as they are; every other IRI is
    written as Oxigraph writes it (a prefixed name, `a` for rdf:type), asked once."""

    def __init__(self, prefixes: dict[str, str], verbatim: str) -> None:
        self.prefixes = dict(prefixes)
        covered = [ns for ns in prefixes.values() if verbatim.startswith(ns) or ns.startswith(verbatim)]
        # "\0" when some prefix could abbreviate them: no IRI term starts with it.
        self.verbatim = "<" + verbatim if verbatim and not covered else "\0"
        self._predicates: dict[str, str] = {}
        self._iris: dict[str, str] = {}
        self._datatypes: dict[str, str] = {}

    def write(self, graph: Iterable[Block]) -> str:
        out: list[str] = []
        term, verbs, verbatim = self.term, self._predicates, self.verbatim
        for subject, pairs in graph:
            predicate = None
            for pair in pairs:
                p, o = pair.split(" ", 1)
                # Most objects read the same in Turtle (IRIs of the data, plain and tagged literals): no call.
                if not ((o[0] == "<" and o.startswith(verbatim)) or (o[0] == '"' and o[-1] != ">")):
                    o = term(o)
                if p == predicate:
                    out.append(f" , {o}")
                    continue
                verb = verbs.get(p) or self.predicate(p)
                out.append(f"{term(subject)} {verb} {o}" if predicate is None else f" ;\n\t{verb} {o}")
                predicate = p
            if predicate is not None:
                out.append(" .\n")
        return "".join(out)

    def term(self, term: str) -> str:
        """A subject or object term in Turtle."""
        if term[0] == "<":
            if term.startswith(self.verbatim):
                return term
            known = self._iris.get(term)
            return known if known is not None else self._ask_iri(term)
        if term[-1] == ">":  # a typed literal: "lexical"^^<datatype>
            if term.endswith(_INTEGER_END) and (digits := term[1:-len(_INTEGER_END)]).isdigit() and digits.isascii():
                return digits  # the commonest case, offsets: bare, as _BARE says
            cut = term.rindex('"^^<')
            lexical, datatype = term[1:cut], term[cut + 4:-1]
            bare = _BARE.get(datatype)
            if bare is not None and bare.fullmatch(lexical):
                return lexical
            known = self._datatypes.get(datatype)
            return term[:cut + 1] + (known if known is not None else self._ask_datatype(datatype))
        return term  # a plain or tagged literal, a blank node: as in N-Triples

    def predicate(self, term: str) -> str:
        known = self._predicates.get(term)
        if known is None:
            known = self._predicates[term] = self._turtle_line(
                Triple(BlankNode("s"), NamedNode(term[1:-1]), BlankNode("o"))).split(" ")[1]
        return known

    def _ask_iri(self, term: str) -> str:
        line = self._turtle_line(Triple(BlankNode("s"), NamedNode("urn:p"), NamedNode(term[1:-1])))
        self._iris[term] = written = line.split(" ", 2)[2][:-2]
        return written

    def _ask_datatype(self, datatype: str) -> str:
        """`^^xsd:decimal`: how a datatype follows a literal that is not written bare."""
        line = self._turtle_line(Triple(BlankNode("s"), NamedNode("urn:p"), Literal("-", datatype=NamedNode(datatype))))
        self._datatypes[datatype] = written = line.split(" ", 2)[2][:-2].removeprefix('"-"')
        return written

    def _turtle_line(self, triple: Triple) -> str:
        """The statement line of Oxigraph's Turtle of one triple: `subject predicate object .`"""
        data = serialize([triple], None, RdfFormat.TURTLE, prefixes=self.prefixes).decode("utf-8")
        return next(line for line in data.split("\n") if line and not line.startswith("@prefix "))
