"""A discourse network as a graph to draw, on the debate (conftest.py)."""

from __future__ import annotations

import pytest

from graph.analysis import discourse
from graph.analysis.drawing import discourse_drawing
from graph.errors import InvalidOption
from graph.store import Store


def test_a_conflict_network_is_drawn_as_opposition_between_typed_nodes(debate_store: Store) -> None:
    G = discourse_drawing(debate_store, discourse.NetworkKind.CONFLICT, ["troops"])
    assert G.number_of_edges() > 0
    assert {data["polarity"] for *_, data in G.edges(data=True)} == {-1}
    assert {data["type"] for _, data in G.nodes(data=True)} == {"State"}
    assert G.graph["description"] == "conflict network, rolled up to troops"
    assert G.graph["edge_meanings"][-1] == "conflict (negative tie)"


def test_a_congruence_network_keeps_its_weights_and_dates(debate_store: Store) -> None:
    G = discourse_drawing(debate_store, discourse.NetworkKind.CONGRUENCE, ["troops"], end="2024-12-31")
    assert G["brigadoon"]["camelot"]["weight"] == 2.0
    assert not any("polarity" in data for *_, data in G.edges(data=True))
    assert G.graph["description"] == "congruence network" + ", rolled up to troops"
    with pytest.raises(InvalidOption, match=r"to '31\.12\.2024' is not a date \(YYYY-MM-DD\)"):
        discourse_drawing(debate_store, discourse.NetworkKind.CONGRUENCE, end="31.12.2024")
