"""The networkx view: nodes and edges with plain attributes, filters."""

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef

from graph.errors import InvalidOption
from graph.analysis.view import ViewFilter, forget, span, stance_graph, within
from graph.store import Store
from graph.vocab import SG, graph_iri


def test_one_edge_per_statement_with_plain_attributes(mini_store: Store) -> None:
    G = stance_graph(mini_store)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.nodes["ruritania"] == {"label": "Ruritania", "kind": "actor", "type": "State"}
    assert G.nodes["mini"]["kind"] == "source"
    edge = G.edges["ruritania", "national-soldiers", "mini-s1"]
    assert edge["relation"] == "declines-to-contribute" and edge["polarity"] == -1
    assert edge["speaker"] == "anna-berg" and edge["quote_start"] == 0
    assert G.has_edge("ruritania", "league", key="ruritania-member-of-league")
    for _, _, data in G.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
    for _, data in G.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())


def test_the_store_is_read_once_between_writes(mini_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []
    select_text = mini_store.select_text
    monkeypatch.setattr(mini_store, "select_text",
                        lambda query: reads.append(query) or select_text(query))
    forget(mini_store)
    first = stance_graph(mini_store)
    expected = [(u, v, key, dict(data)) for u, v, key, data in first.edges(keys=True, data=True)]
    read_once = len(reads)
    assert read_once > 0
    narrowed = stance_graph(mini_store, ViewFilter(families=("opposes",), fold_persons=True))
    assert len(reads) == read_once  # another filter, the same rows
    assert 0 < narrowed.number_of_edges() < first.number_of_edges()
    for _, _, data in first.edges(data=True):  # each view is a graph of its own
        data["quote"] = "changed"
    narrowed.remove_edges_from(list(narrowed.edges))
    assert list(stance_graph(mini_store).edges(keys=True, data=True)) == expected
    mini_store.remove_statement(URIRef(str(mini_store.select('SELECT ?s WHERE { ?s sg:slug "mini-s1" }')[0]["s"])))
    assert not stance_graph(mini_store).has_edge("ruritania", "national-soldiers", "mini-s1")
    assert len(reads) == 2 * read_once  # the write made the view read the store again
    forget(mini_store)
    stance_graph(mini_store)
    assert len(reads) == 3 * read_once


def test_a_statement_stated_in_two_graphs_is_one_edge(mini_store: Store) -> None:
    before = stance_graph(mini_store, ViewFilter(fold_persons=True))
    copy = mini_store.construct('CONSTRUCT { ?s ?p ?o } WHERE { ?s sg:slug "mini-s1" ; ?p ?o }')
    mini_store.insert({graph_iri("copy"): copy})
    after = stance_graph(mini_store, ViewFilter(fold_persons=True))
    assert list(after.edges(keys=True, data=True)) == list(before.edges(keys=True, data=True))


def test_an_empty_condition_is_still_a_condition(mini_store: Store) -> None:
    statement = URIRef(str(mini_store.select('SELECT ?s WHERE { ?s sg:slug "mini-s3" }')[0]["s"]))
    g = Graph()
    g.add((statement, SG.condition, Literal("")))
    mini_store.insert({graph_iri("condition"): g})
    edges = stance_graph(mini_store).edges
    assert edges["sylvania", "peacekeeping-force", "mini-s3"]["condition"] == ""
    assert "condition" not in edges["osterlich", "foreign-troops", "mini-s4"]


def test_filters_by_date_family_and_folding(mini_store: Store) -> None:
    early = stance_graph(mini_store, ViewFilter(end="2025-01-09", families=("supports",)))
    assert [k for *_, k in early.edges(keys=True)] == ["mini-s3"]
    assert stance_graph(mini_store, ViewFilter(sources=("other",))).number_of_edges() == 1  # membership
    folded = stance_graph(mini_store, ViewFilter(fold_persons=True))
    assert folded.has_edge("anna-berg", "ruritania", key="mini-s2")


def test_hierarchy_edges_and_graph_attributes(mini_store: Store) -> None:
    plain = stance_graph(mini_store)
    assert plain.graph == {"start": "", "end": "", "hierarchy": False}
    assert not any(f == "hierarchy" for *_, f in plain.edges(data="family"))
    G = stance_graph(mini_store, ViewFilter(start="2025-01-01", hierarchy=True))
    assert G.graph == {"start": "2025-01-01", "end": "", "hierarchy": True}
    broader = sorted((u, v) for u, v, f in G.edges(data="family") if f == "hierarchy")
    assert broader == [("foreign-troops", "peace-support"), ("national-soldiers", "foreign-troops"),
                       ("peacekeeping-force", "foreign-troops")]
    edge = G.edges["national-soldiers", "foreign-troops", "national-soldiers-broader-foreign-troops"]
    assert (edge["relation"], edge["date"], edge["quote"], edge["source"]) == ("broader", "", "", "issues")


def test_within_and_span(mini_store: Store) -> None:
    G = stance_graph(mini_store, ViewFilter(hierarchy=True))
    assert span(G) == ("2025-01-09", "2025-01-10")
    early = within(G, end="2025-01-09")
    assert sorted(k for *_, k, d in early.edges(keys=True, data="date") if d) == ["mini-s3"]
    assert early.number_of_nodes() == G.number_of_nodes()
    assert sum(1 for *_, f in early.edges(data="family") if f == "hierarchy") == 3
    assert early.graph["end"] == "2025-01-09" and early.graph["hierarchy"] is True
    assert span(within(G, "2026-01-01")) is None


def test_dates_must_be_iso(mini_store: Store) -> None:
    with pytest.raises(InvalidOption, match=r"from '9 January' is not a date \(YYYY-MM-DD\)"):
        stance_graph(mini_store, ViewFilter(start="9 January"))
