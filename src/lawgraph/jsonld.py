"""JSON-LD compacted with lawgraph's context (ontology/context.jsonld), written node by node.

A graph's statements become node objects, one per subject, in the order given: `@id` and `@type` as compact
IRIs (lgr:agency/141100/司法局, lg:Agency), and each property under the context's term when the value has the
term's form (`label` with its language map, `start` an integer, `mention` an IRI), else under the property's
compact IRI with the value in full ({"@value": …, "@type": …}). A subject may have several node objects in
one document (a report's mentions of an entity, and its labels after all reports): JSON-LD merges them.
So a corpus's JSON-LD is written as a stream, report by report, like its Turtle; parsed back (pyoxigraph,
rdflib), it holds the same statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, parse

from .resources import ontology_file

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@lru_cache(maxsize=1)
def context() -> dict:
    """The JSON-LD context shipped in ontology/context.jsonld (prefixes and short names of lg: terms)."""
    return json.loads(ontology_file("context.jsonld").read_text(encoding="utf-8"))["@context"]


@lru_cache(maxsize=1)
def _prefixes() -> list[tuple[str, str]]:
    """(namespace, prefix) of the context's prefixes, longest namespace first."""
    return sorted(((value, name) for name, value in context().items() if isinstance(value, str)
                   and value.endswith(("/", "#"))), key=lambda item: -len(item[0]))


def compact(iri: str) -> str:
    for namespace, prefix in _prefixes():
        if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _expand(value: str) -> str:
    prefix, colon, rest = value.partition(":")
    namespace = context().get(prefix) if colon else None
    return namespace + rest if isinstance(namespace, str) else value


@lru_cache(maxsize=1)
def _terms() -> dict[str, tuple[str, str | None, str | None]]:
    """Property IRI → (term, @type of its values: "@id" or a datatype IRI, @container)."""
    terms = {}
    for name, definition in context().items():
        if isinstance(definition, dict):
            kind = definition.get("@type")
            terms[_expand(definition["@id"])] = (name, _expand(kind) if kind and kind != "@id" else kind,
                                                 definition.get("@container"))
        elif not definition.endswith(("/", "#")):
            terms[_expand(definition)] = (name, None, None)
    return terms


def _node_id(term: NamedNode | BlankNode) -> str:
    return compact(term.value) if isinstance(term, NamedNode) else f"_:{term.value}"


@lru_cache(maxsize=64)
def _language(tag: str) -> str:
    """A language tag in its canonical case (zh-Hant: Oxigraph gives it in lower case)."""
    first, *rest = tag.split("-")
    return "-".join([first, *(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part
                              for part in rest)])


def _entry(predicate: str, obj) -> tuple[str, object, bool]:
    """(key, value, whether the value is a language map) of one statement in its node object."""
    known = _terms().get(predicate)
    if isinstance(obj, Literal):
        datatype = obj.datatype.value
        language = _language(obj.language) if obj.language else None
        if known is not None:
            term, kind, container = known
            if container == "@language" and language:
                return term, {language: obj.value}, True
            if container is None and (kind == datatype or (kind is None and datatype == _XSD_STRING)):
                return term, obj.value, False
        key = known[0] if known is not None and known[1] is None and known[2] is None else compact(predicate)
        if language:
            return key, {"@value": obj.value, "@language": language}, False
        if datatype == _XSD_STRING:
            return key, {"@value": obj.value}, False
        return key, {"@value": obj.value, "@type": compact(datatype)}, False
    if known is not None and known[1] == "@id" and known[2] is None:
        return known[0], _node_id(obj), False
    return compact(predicate), {"@id": _node_id(obj)}, False


def nodes(triples: Iterable[Triple]) -> list[str]:
    """One node object (a line of JSON) per subject, in the order the subjects first come."""
    objects: dict[str, dict] = {}
    for triple in triples:
        node = objects.get(subject := _node_id(triple.subject))
        if node is None:
            node = objects[subject] = {"@id": subject}
        predicate = triple.predicate.value
        if predicate == _RDF_TYPE and isinstance(triple.object, NamedNode):
            node.setdefault("@type", []).append(compact(triple.object.value))
            continue
        key, value, language_map = _entry(predicate, triple.object)
        if language_map:
            languages = node.setdefault(key, {})
            (language, text), = value.items()
            if language in languages:
                held = languages[language]
                languages[language] = [*held, text] if isinstance(held, list) else [held, text]
            else:
                languages[language] = text
        elif key in node:
            held = node[key]
            node[key] = [*held, value] if isinstance(held, list) else [held, value]
        else:
            node[key] = value
    for node in objects.values():
        if len(node.get("@type", ())) == 1:
            node["@type"] = node["@type"][0]
    return [json.dumps(node, ensure_ascii=False, separators=(",", ":")) for node in objects.values()]


def nodes_of_ntriples(data: bytes) -> bytes:
    """The node objects of an N-Triples document, one a line, separated by commas (a piece of "@graph")."""
    return ",\n".join(nodes(parse(data, RdfFormat.N_TRIPLES))).encode("utf-8")


def header() -> bytes:
    """The document up to its first node: the context, inline, and the opening of "@graph"."""
    return ('{"@context": ' + json.dumps(context(), ensure_ascii=False, indent=1) + ',\n"@graph": [\n').encode()


FOOTER = b"\n]}\n"
