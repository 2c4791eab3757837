"""Terms as plain values, SPARQL answers and their serialisation in the registry's formats.

The engines speak pyoxigraph's terms and results; this module turns them into what the store
hands out (plain ``str``/``int``/``float``/``bool`` values, rdflib terms, serialised answers) and
maps the formats of :mod:`graph.formats` to the engine's own format objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from graph import formats
from graph.errors import QueryError, UnsupportedFormat
from graph.formats import Format, Kind
from graph.vocab import PREFIXES

Value = str | int | float | bool | None
Row = dict[str, Value]
Term = ox.NamedNode | ox.Literal
"""A term a query variable may be bound to."""
Answer = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
"""What an engine answers a query with."""

_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#int": int,
    "http://www.w3.org/2001/XMLSchema#long": int,
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "http://www.w3.org/2001/XMLSchema#float": float,
}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_STRING = "http://www.w3.org/2001/XMLSchema#string"

_RDF_FORMATS = {formats.TURTLE: ox.RdfFormat.TURTLE, formats.NTRIPLES: ox.RdfFormat.N_TRIPLES,
                formats.NQUADS: ox.RdfFormat.N_QUADS, formats.TRIG: ox.RdfFormat.TRIG,
                formats.JSONLD: ox.RdfFormat.JSON_LD, formats.RDFXML: ox.RdfFormat.RDF_XML}
_RESULTS_FORMATS = {formats.SPARQL_JSON: ox.QueryResultsFormat.JSON,
                    formats.SPARQL_XML: ox.QueryResultsFormat.XML,
                    formats.SPARQL_CSV: ox.QueryResultsFormat.CSV,
                    formats.SPARQL_TSV: ox.QueryResultsFormat.TSV}


def rdf_format(fmt: Format) -> ox.RdfFormat:
    """The engine's format object of the RDF format ``fmt``."""
    return _RDF_FORMATS[fmt]


@dataclass(frozen=True)
class SparqlAnswer:
    """A serialised query result; ``truncated`` when the row or triple cap cut it short."""

    body: bytes
    media_type: str
    truncated: bool = False


_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "construct"}


def query_form(query: str) -> str:
    """Whether ``query`` is a select, ask or construct (incl. describe) query, by rdflib's parser.

    >>> query_form("ASK { ?s ?p ?o }")
    'ask'
    """
    try:
        algebra = prepareQuery(query, initNs=PREFIXES).algebra
    except Exception as err:  # rdflib raises a bare Exception for an unknown prefix
        raise QueryError(f"malformed SPARQL: {err}") from err
    return _FORMS[algebra.name]


def engine_terms(bindings: Mapping[str, URIRef | Literal] | None) -> dict[str, Term]:
    """``bindings`` as engine terms; an IRI that is no IRI is refused, so no value can reach the
    query as anything but one term.

    >>> engine_terms({"s": URIRef("urn:x> ?p ?o } #")})
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: the value of ?s is not a valid RDF term: 'urn:x> ?p ?o } #'
    """
    found: dict[str, Term] = {}
    for name, term in (bindings or {}).items():
        try:
            if isinstance(term, URIRef):
                found[name] = ox.NamedNode(str(term))
            elif isinstance(term, Literal):
                found[name] = (ox.Literal(str(term), language=term.language) if term.language else
                               ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or _STRING))))
            else:
                raise QueryError(f"?{name} can be bound to an IRI or a literal, not {term!r}")
        except ValueError as err:
            raise QueryError(f"the value of ?{name} is not a valid RDF term: {str(term)!r}") from err
    return found


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """An engine term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Value:
    """An engine term as a plain Python value: IRIs and strings as str, numbers as numbers, a
    quoted triple as N-Triples writes it."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return _NUMERIC[datatype](term.value)
            except ValueError:
                return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def serialise(result: Answer, media_type: str, max_rows: int) -> SparqlAnswer:
    """``result`` as ``media_type``, at most ``max_rows`` solutions or triples kept.

    Raises
    ------
    UnsupportedFormat
        ``media_type`` does not fit the query form.
    """
    if isinstance(result, ox.QueryTriples):
        try:
            fmt = formats.by_media_type(media_type, Kind.GRAPH, Kind.DATASET)
        except UnsupportedFormat as err:
            raise UnsupportedFormat(f"a graph result cannot be written as {media_type}") from err
        triples = list(islice(result, max_rows + 1))
        body = ox.serialize(triples[:max_rows], format=rdf_format(fmt), prefixes=PREFIXES)
        return SparqlAnswer(body or b"", media_type, len(triples) > max_rows)
    try:
        fmt = formats.by_media_type(media_type, Kind.RESULTS)
    except UnsupportedFormat as err:
        raise UnsupportedFormat(f"solutions cannot be written as {media_type}") from err
    if isinstance(result, ox.QueryBoolean):
        if not fmt.boolean:
            raise UnsupportedFormat(f"a boolean result cannot be written as {media_type}")
        return SparqlAnswer(result.serialize(format=_RESULTS_FORMATS[fmt]) or b"", media_type)
    # keep at most max_rows solutions: rdflib writes them as JSON, Oxigraph converts
    capped = Result("SELECT")
    capped.vars = [Variable(v.value) for v in result.variables]
    rows = list(islice(result, max_rows + 1))
    capped.bindings = [{var: rdflib_term(row[str(var)]) for var in capped.vars
                        if row[str(var)] is not None} for row in rows[:max_rows]]
    json_body = capped.serialize(format="json")
    body = ox.parse_query_results(json_body, ox.QueryResultsFormat.JSON).serialize(
        format=_RESULTS_FORMATS[fmt])
    return SparqlAnswer(body or b"", media_type, len(rows) > max_rows)


def csv_rows(result: ox.QuerySolutions) -> bytes:
    """The solutions as SPARQL CSV (the engine writes it far faster than Python reads terms)."""
    return result.serialize(format=_RESULTS_FORMATS[formats.SPARQL_CSV]) or b""
