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
    triples += [Triple(NamedNode(DATA + f"report/x/{kind}/{name}"), NamedNode(lg + "text"), Literal(name))
                for kind, name in (("section", "5.2"), ("section", "5.2-130"), ("statement", "about-31-8c33bee7fea1"),
                                   ("sentence", "0"))]
    data = serialize(triples, None, RdfFormat.N_TRIPLES)
    graph = blocks_of(data)
    # The data's IRIs relative to the base, a report's own nodes with its prefixes, as graph.ttl has them.
    local = {kind: DATA + f"report/x/{kind}/" for kind in ("mention", "section", "sentence", "statement")}
    expected = serialize(parse(ntriples(graph).encode("utf-8"), RdfFormat.N_TRIPLES), None, RdfFormat.TURTLE,
                         prefixes={**PREFIXES_OF_FILES, **local}, base_iri=DATA).decode("utf-8")
    expected = "\n".join(line for line in expected.split("\n") if not line.startswith(("@prefix ", "@base ")))
    assert Turtle(PREFIXES_OF_FILES, DATA).write(graph, local) == expected
    assert "mention:1-2 a lg:Mention" in expected and "<agency/CN/国务院> lg:mention" in expected


# IRIs under the base that cannot be written relative to it, or local names that need escapes: written in full.
AWKWARD = ["agency/../x", "agency/./x", "a:b/c", "agency/x/..", "report/x/mention/a.", "report/x/mention/中文",
           "report/x/mention/%20x", "report/x/mention/-1", "report/x/mention/", "report/x/mention/a/b",
           "report/x/mentions/1-2", "report/x", "", "agency/CN/国务院（试行）"]


@pytest.mark.parametrize("path", AWKWARD, ids=repr)
def test_turtle_reads_back_the_same_iris(path):
    triples = [Triple(NamedNode(DATA + path), NamedNode(PREFIXES["lg"] + "mention"), NamedNode(DATA + path)),
               Triple(NamedNode(DATA + "report/x/mention/1-2"), NamedNode(PREFIXES["lg"] + "text"), Literal(path))]
    graph = blocks_of(serialize(triples, None, RdfFormat.N_TRIPLES))
    prefixes = {"mention": DATA + "report/x/mention/"}
    head = f"@base <{DATA}> .\n" + "".join(f"@prefix {k}: <{v}> .\n" for k, v in {**PREFIXES_OF_FILES,
                                                                                  **prefixes}.items())
    turtle = head + Turtle(PREFIXES_OF_FILES, DATA).write(graph, prefixes)
    assert {q.triple for q in parse(turtle.encode("utf-8"), RdfFormat.TURTLE)} == set(triples)


def test_blocks_are_sorted_statements_each_once():
    lines = [f'<{S}> <{PREFIXES["lg"]}start> {integer(1)} .', f'<{S}> <{PREFIXES["lg"]}end> {integer(2)} .',
             f'<{DATA}a> <{PREFIXES["lg"]}text> "a" .']
    graph = blocks_of("\n".join([*lines, lines[0], ""]).encode("utf-8"))
    assert ntriples(graph) == "".join(sorted(line + "\n" for line in lines))
    assert len(triples_of(graph)) == 3
