"""SPARQL with bound values: queries are constant text, values travel beside them as terms.

The engine substitutes only variables a query returns (its projection, a CONSTRUCT's
template), so each query here returns the variables it binds.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from graph.store import Row, Store

Term = URIRef | Literal


def select(store: Store, query: str, **bindings: Term) -> list[Row]:
    """The rows of ``query`` with each variable of ``bindings`` bound to its term."""
    return store.select(query, bindings)


def construct(store: Store, query: str, **bindings: Term) -> Graph:
    """The graph of ``query`` with each variable of ``bindings`` bound to its term."""
    return store.construct(query, bindings)


def projection(bindings: Iterable[str]) -> str:
    """The bound variables, to be returned by the query that binds them.

    >>> projection({"actor": None, "src": None})
    '?actor ?src'
    """
    return " ".join(f"?{name}" for name in bindings)


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding ``?variable`` to each of ``iris`` (a list, so not one binding).

    >>> values("t", ["https://w3id.org/stancegraph/id/issue/aid"])
    'VALUES ?t { <https://w3id.org/stancegraph/id/issue/aid> }'
    """
    return f"VALUES ?{variable} {{ {' '.join(URIRef(iri).n3() for iri in iris)} }}"
