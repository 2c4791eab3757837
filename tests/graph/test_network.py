"""The networkx view: nodes and edges with plain attributes, filters."""

import networkx as nx

from graph.network import ViewFilter, stance_graph
from graph.store import Store


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


def test_filters_by_date_family_and_folding(mini_store: Store) -> None:
    early = stance_graph(mini_store, ViewFilter(end="2025-01-09", families=("supports",)))
    assert [k for *_, k in early.edges(keys=True)] == ["mini-s3"]
    assert stance_graph(mini_store, ViewFilter(sources=("other",))).number_of_edges() == 1  # membership
    folded = stance_graph(mini_store, ViewFilter(fold_persons=True))
    assert folded.has_edge("anna-berg", "ruritania", key="mini-s2")
