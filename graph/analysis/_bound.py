"""SPARQL with bound values: queries are constant text, values travel beside them as terms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef

from graph.store import Row, Store

Term = URIRef | Literal


def _substituted(query: str, bindings: dict[str, Term]) -> str:
    # until Store.select takes bindings: each bound ``?name``/``$name`` becomes its term's N3
    # text, which rdflib escapes, so no value ever changes the shape of the query.
    if not bindings:
        return query
    variables = re.compile(r"[?$](" + "|".join(map(re.escape, bindings)) + r")\b")
    return variables.sub(lambda m: bindings[m.group(1)].n3(), query)


def select(store: Store, query: str, **bindings: Term) -> list[Row]:
    """The rows of ``query`` with each variable of ``bindings`` bound to its term."""
    return store.select(_substituted(query, bindings))


def construct(store: Store, query: str, **bindings: Term) -> Graph:
    """The graph of ``query`` with each variable of ``bindings`` bound to its term."""
    return store.construct(_substituted(query, bindings))


def values(variable: str, iris: Iterable[str]) -> str:
    """A VALUES clause binding ``?variable`` to each of ``iris`` (a list, so not one binding).

    >>> values("t", ["https://w3id.org/stancegraph/id/issue/aid"])
    'VALUES ?t { <https://w3id.org/stancegraph/id/issue/aid> }'
    """
    return f"VALUES ?{variable} {{ {' '.join(URIRef(iri).n3() for iri in iris)} }}"
