"""How the remote engine sends bound values: a VALUES clause where the endpoint reads it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.store.remote import bound

A = {"s": ox.NamedNode("urn:a")}
CLAUSE = "VALUES (?s) { (<urn:a>) }"


def test_a_select_gets_a_trailing_values_clause() -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o } # }"
    assert bound(query, A, trailing=True) == f"{query}\n{CLAUSE}"


@pytest.mark.parametrize(("query", "where"), [
    ("ASK { ?s ?p ?o }", "ASK { ?s ?p ?o "),
    ("ASK { ?s ?p '}' } # a comment }", "ASK { ?s ?p '}' "),
    ('ASK { ?s ?p "say \\"}\\"" }', 'ASK { ?s ?p "say \\"}\\"" '),
    ('ASK { ?s ?p """a } "" }""" }', 'ASK { ?s ?p """a } "" }""" '),
    ("ASK { ?s ?p '''}''' }", "ASK { ?s ?p '''}''' "),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (?o < 3 || ?o > 5) } LIMIT 3",
     "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (?o < 3 || ?o > 5) "),
])
def test_other_forms_get_it_as_the_last_element_of_the_where_group(query: str, where: str) -> None:
    text = bound(query, A, trailing=False)
    assert text.startswith(where + "\n" + CLAUSE + "\n}")
    assert ox.Store().query(text) is not None  # still one valid query
