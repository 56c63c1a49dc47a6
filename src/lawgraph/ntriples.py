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

`Turtle` writes blocks as Oxigraph's Turtle serialiser does with the same prefixes and base IRI: IRIs under the
base relative to it (<agency/CN/国务院>), and those under a namespace given for one call with that prefix
(mention:12-15, the prefixes of one report's own nodes); what it cannot read off a term (the prefixed name of
any other IRI, the form of a datatype) it asks Oxigraph once and remembers.
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


# A local name written without escapes (mention:12-15, section:5.2, statement:about-31-8c33bee7fea1); any
# other is written as an IRI. A relative reference must not read as a scheme (a ':' in its first segment) nor
# hold dot segments, which resolving it would remove.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_NOT_RELATIVE = re.compile(r"^[^/]*:|(?:^|/)\.\.?(?:/|$)|^$")


class Turtle:
    """Turtle (without the @base and @prefix lines) of a graph, as Oxigraph writes it with `prefixes` and
    `base`: the statements in the order given, those of one subject together (`;`), objects of one predicate
    together (`,`).

    IRIs under `base` are written relative to it (<agency/CN/国务院>), or with a prefix that `write` is given
    for them; every other IRI is written as Oxigraph writes it (a prefixed name, `a` for rdf:type), asked once."""

    def __init__(self, prefixes: dict[str, str], base: str = "", same_everywhere: str = "") -> None:
        self.prefixes = dict(prefixes)
        # "\0" without a base: no IRI term starts with it.
        self._base = "<" + base if base else "\0"
        # Subjects under `same_everywhere` are said the same in every call that has them (the indicator concepts
        # in each report's graph): their blocks are written once and remembered.
        self._same_everywhere = "<" + same_everywhere if same_everywhere else "\0"
        self._blocks: dict[tuple[str, tuple[str, ...]], str] = {}
        self._predicates: dict[str, str] = {}
        self._iris: dict[str, str] = {}
        self._datatypes: dict[str, str] = {}

    def write(self, graph: Iterable[Block], local: dict[str, str] | None = None, *, remember: bool = True) -> str:
        """The statements of `graph`; `local`: prefix → namespace (under the base) of names to write with it."""
        out: list[str] = []
        append, verbs = out.append, self._predicates
        terms = _Terms(self, local or {})  # subjects and objects as written, for this call
        same_everywhere = self._same_everywhere if remember else "\0"
        for subject, pairs in graph:
            if subject.startswith(same_everywhere):
                key = (subject, tuple(pairs))
                block = self._blocks.get(key)
                if block is None:
                    block = self._blocks[key] = self.write([(subject, pairs)], remember=False)
                append(block)
                continue
            predicate = None
            for pair in pairs:
                p, o = pair.split(" ", 1)
                # Plain and tagged literals read the same in Turtle: as they are.
                if o[0] != '"' or o[-1] == ">":
                    o = terms[o]
                if p == predicate:
                    append(f" , {o}")
                    continue
                verb = verbs.get(p) or self.predicate(p)
                append(f"{terms[subject]} {verb} {o}" if predicate is None else f" ;\n\t{verb} {o}")
                predicate = p
            if predicate is not None:
                append(" .\n")
        return "".join(out)

    def iri(self, term: str) -> str:
        """An IRI term as written in Turtle, outside any call's local names."""
        return _Terms(self, {})[term]

    def term(self, term: str) -> str:
        """A subject or object term in Turtle."""
        if term[0] == "<":
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


class _Terms(dict):
    """Subject and object terms as one call of Turtle.write writes them, each worked out once: IRIs under the
    base relative to it or with a local prefix, anything else as the writer's `term` says."""

    def __init__(self, turtle: Turtle, local: dict[str, str]) -> None:
        super().__init__()
        self.turtle = turtle
        self.base = turtle._base
        # What the local namespaces have in common (one report's IRI and a slash): most IRIs are not under it.
        namespaces = ["<" + namespace for namespace in local.values()]
        common = min(namespaces, key=len) if namespaces else "\0"
        while namespaces and not all(ns.startswith(common) for ns in namespaces):
            common = common[:-1]
        common = common[:common.rfind("/") + 1] if namespaces else common
        self.common = common
        self.prefixes = {namespace[len(common):]: prefix for namespace, prefix in zip(namespaces, local,
                                                                                        strict=True)}

    def __missing__(self, term: str) -> str:
        if term.startswith(self.base):
            written = self._data_iri(term)
        elif term.endswith(_INTEGER_END) and (digits := term[1:-len(_INTEGER_END)]).isdigit() and digits.isascii():
            written = digits  # offsets, levels: bare, as Turtle writes an integer
        else:
            written = self.turtle.term(term)
        self[term] = written
        return written

    def _data_iri(self, term: str) -> str:
        if term.startswith(self.common):
            rest = term[len(self.common):-1]
            cut = rest.rfind("/") + 1
            prefix = self.prefixes.get(rest[:cut])
            if prefix is not None and _PLAIN_LOCAL.fullmatch(rest, cut):
                return f"{prefix}:{rest[cut:]}"
        relative = term[len(self.base):-1]
        return term if _NOT_RELATIVE.search(relative) else f"<{relative}>"
