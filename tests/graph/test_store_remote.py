"""How the remote engine sends bound values: a VALUES clause in the WHERE group."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.store.remote import bound

A = {"s": ox.NamedNode("urn:a")}
CLAUSE = "VALUES (?s) { (<urn:a>) }"


@pytest.mark.parametrize(("query", "where"), [
    ("SELECT ?s WHERE { ?s ?p ?o } # }", "SELECT ?s WHERE { ?s ?p ?o "),
    ("SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (?o != ?s) } GROUP BY ?s",
     "SELECT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (?o != ?s) "),
    ("ASK { ?s ?p ?o }", "ASK { ?s ?p ?o "),
    ("ASK { ?s ?p '}' } # a comment }", "ASK { ?s ?p '}' "),
    ('ASK { ?s ?p "say \\"}\\"" }', 'ASK { ?s ?p "say \\"}\\"" '),
    ('ASK { ?s ?p """a } "" }""" }', 'ASK { ?s ?p """a } "" }""" '),
    ("ASK { ?s ?p '''}''' }", "ASK { ?s ?p '''}''' "),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (?o < 3 || ?o > 5) } LIMIT 3",
     "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (?o < 3 || ?o > 5) "),
])
def test_bound_values_are_the_last_element_of_the_where_group(query: str, where: str) -> None:
    text = bound(query, A)
    assert text.startswith(where + "\n" + CLAUSE + "\n}")
    assert ox.Store().query(text) is not None  # still one valid query
