"""Statements as text: every term is written as Oxigraph writes it, and so is Turtle."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, parse, serialize

from lawgraph.ntriples import XSD, Turtle, blocks_of, integer, literal, ntriples, tagged, triples_of, typed
from lawgraph.vocab import DATA, PREFIXES

PREFIXES_OF_FILES = {k: v for k, v in PREFIXES.items() if k != "lgr"}
S = DATA + "report/x/mention/1-2"
TEXTS = ["", "市司法局", 'a "quoted" word', "back\\slash", "line\nbreak\r\n", "tab\tand\x00nul\x7f\x1f",
         "\u2028separator\x85", "@zh-hant", '"@en-abcd', "<https://w3id.org/lawgraph/id/report/x>"]
text = st.text(st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x7f", "\u2028", "@", "a", "中", " ", "<"]))


def oxigraph_ntriples(obj) -> str:
    return serialize([Triple(NamedNode(S), NamedNode(PREFIXES["lg"] + "text"), obj)], None,
                     RdfFormat.N_TRIPLES).decode("utf-8")


@pytest.mark.parametrize("value", TEXTS, ids=repr)
def test_literals_are_written_as_oxigraph_writes_them(value):
    for ours, theirs in ((literal(value), Literal(value)),
                         (tagged(value, "zh-Hant"), Literal(value, language="zh-Hant")),
                         (typed(value, XSD + "date"), Literal(value, datatype=NamedNode(XSD + "date")))):
        assert f"<{S}> <{PREFIXES['lg']}text> {ours} .\n" == oxigraph_ntriples(theirs)


@settings(max_examples=300, deadline=None)
@given(value=text)
def test_any_string_is_written_as_oxigraph_writes_it(value):
    assert f"<{S}> <{PREFIXES['lg']}text> {literal(value)} .\n" == oxigraph_ntriples(Literal(value))


LEXICALS = ["1", "+1", "-1", "007", "1.", ".5", "1.50", "-0.5", "1e5", "1.0E-3", "true", "false", "True", "",
            "x", " 1", "١"]


def test_turtle_equals_oxigraph_turtle():
    lg = PREFIXES["lg"]
    triples = [Triple(NamedNode(S), NamedNode(PREFIXES["rdf"] + "type"), NamedNode(lg + "Mention")),
               Triple(NamedNode(S), NamedNode(lg + "start"), Literal("1", datatype=NamedNode(XSD + "integer"))),
               Triple(NamedNode(DATA + "agency/CN/国务院"), NamedNode(lg + "mention"), NamedNode(S)),
               Triple(NamedNode(DATA + "agency/CN/国务院"), NamedNode(lg + "mention"), NamedNode(DATA + "y")),
               Triple(NamedNode("http://example.org/a#b"), NamedNode("http://example.org/p"),
                      NamedNode(PREFIXES["xsd"] + "string"))]
    triples += [Triple(NamedNode(DATA + f"v/{datatype}"), NamedNode(lg + "value"),
                       Literal(lexical, datatype=NamedNode(XSD + datatype)))
                for datatype in ("integer", "decimal", "boolean", "double", "gYear", "float") for lexical in LEXICALS]
    triples += [Triple(NamedNode(DATA + "t"), NamedNode(lg + "text"), Literal(value, language="zh-Hans"))
                for value in TEXTS]
    data = serialize(triples, None, RdfFormat.N_TRIPLES)
    graph = blocks_of(data)
    expected = serialize(parse(ntriples(graph).encode("utf-8"), RdfFormat.N_TRIPLES), None, RdfFormat.TURTLE,
                         prefixes=PREFIXES_OF_FILES).decode("utf-8")
    expected = "\n".join(line for line in expected.split("\n") if not line.startswith("@prefix "))
    assert Turtle(PREFIXES_OF_FILES, DATA).write(graph) == expected


def test_blocks_are_sorted_statements_each_once():
    lines = [f'<{S}> <{PREFIXES["lg"]}start> {integer(1)} .', f'<{S}> <{PREFIXES["lg"]}end> {integer(2)} .',
             f'<{DATA}a> <{PREFIXES["lg"]}text> "a" .']
    graph = blocks_of("\n".join([*lines, lines[0], ""]).encode("utf-8"))
    assert ntriples(graph) == "".join(sorted(line + "\n" for line in lines))
    assert len(triples_of(graph)) == 3
