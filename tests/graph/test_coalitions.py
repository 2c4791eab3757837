"""Coalitions, blocs, polarisation and centrality: on the debate, on made-up camps, on the seed."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis.centrality import centrality
from graph.analysis.coalitions import EXACT_LIMIT, blocs, coalitions
from graph.analysis.discourse import Selection, one_mode_network
from graph.errors import InvalidOption
from graph.analysis.view import ViewFilter, stance_graph
from graph.store import Store

TROOPS = Selection(roll_up=("troops",))


def camps_graph(stances: dict[str, dict[str, int]]) -> nx.MultiDiGraph:
    """A stance view from {actor: {issue: polarity}}, every stance dated 2025-01-01."""
    G = nx.MultiDiGraph(hierarchy=False, start="", end="")
    family = {1: "supports", -1: "opposes", 0: "hesitant"}
    for actor, positions in stances.items():
        G.add_node(actor, kind="actor", label=actor.capitalize())
        for issue, polarity in positions.items():
            G.add_node(issue, kind="issue", label=issue.upper())
            G.add_edge(actor, issue, key=f"{actor}-{issue}", polarity=polarity,
                       family=family[polarity], date="2025-01-01", source="doc")
    return G


def test_coalitions_of_the_debate(debate) -> None:
    found = coalitions(debate, TROOPS, "none")
    assert [c.members for c in found.coalitions] == [["brigadoon", "camelot", "dunland"]]
    assert found.unaligned == ["avalon"]  # no congruence tie
    binds = [(b.proposal, b.side, b.members) for b in found.coalitions[0].binds]
    assert binds == [("troops", "opposes", ["brigadoon", "camelot", "dunland"]),
                     ("aid", "hesitant", ["brigadoon", "camelot"])]
    assert found.modularity == 0.0  # one community holds every tie


@pytest.mark.parametrize("normalization", ["none", "average"])
def test_blocs_and_polarisation_of_the_debate(debate, normalization: str) -> None:
    split = blocs(debate, TROOPS, normalization)
    assert [b.members for b in split.blocs] == [["brigadoon", "camelot", "dunland"], ["avalon"]]
    # conflict inside the big bloc: Brigadoon-Dunland and Camelot-Dunland over aid (0.5 each, or
    # 0.25 each on average); no agreement across. Agreement inside 2 + 1.5 + 1.5 (or 1 + .75 + .75).
    assert split.frustration == pytest.approx(1.0 if normalization == "none" else 0.5)
    assert split.cohesion == pytest.approx(2 / 3) and split.division == 1.0
    assert split.polarisation == pytest.approx(2 / 3)


def test_consensus_is_not_polarised(debate) -> None:
    split = blocs(debate, Selection(roll_up=("troops",), families=("opposes",)), "none")
    assert [b.members for b in split.blocs] == [["brigadoon", "camelot", "dunland"]]
    assert (split.frustration, split.cohesion, split.division, split.polarisation) == (0.0, 1.0, 0.0, 0.0)


def test_more_blocs_by_local_search(debate) -> None:
    split = blocs(debate, TROOPS, "none", k=3)
    assert split.frustration == pytest.approx(1.0)
    assert ["avalon"] in [b.members for b in split.blocs]


def test_two_camps_too_many_to_enumerate_are_perfectly_polarised() -> None:
    n = EXACT_LIMIT + 2
    G = camps_graph({f"a{i:02d}": {"x": 1 if i < n // 2 else -1} for i in range(n)})
    split = blocs(G, Selection(), "none")
    assert sorted(len(b.members) for b in split.blocs) == [n // 2, n // 2]
    assert all(len({m < f"a{n // 2:02d}" for m in b.members}) == 1 for b in split.blocs)
    assert (split.frustration, split.polarisation) == (0.0, 1.0)


def test_centrality_finds_the_broker() -> None:
    # p, q support X; r, s support Y; m supports both: two triangles joined at m
    G = camps_graph({"p": {"x": 1}, "q": {"x": 1}, "r": {"y": 1}, "s": {"y": 1}, "m": {"x": 1, "y": 1}})
    found = {a.actor: a for a in centrality(G, Selection(), "none")}
    broker = found["m"]
    assert (broker.degree, broker.strength, broker.broker) == (4, 4.0, True)
    assert broker.betweenness == pytest.approx(4 / 6)  # all 4 cross pairs of 6 run through m
    assert broker.participation == pytest.approx(0.5)
    assert centrality(G, Selection(), "none")[0].actor == "m"
    assert not any(found[x].broker for x in "pqrs") and found["p"].betweenness == 0
    assert found["p"].coalition != found["r"].coalition


def test_seed_congruence_ties_france_and_the_united_kingdom(seed_store: Store) -> None:
    G = stance_graph(seed_store, ViewFilter(hierarchy=True))
    network = one_mode_network(G, "congruence", Selection(roll_up=("troop-deployment",)))
    index = {actor: i for i, actor in enumerate(network.rows)}
    dense = network.dense()
    assert dense[index["france"], index["united-kingdom"]] == 1  # both support troop deployment
    assert dense[index["russia"], index["united-states"]] == 2  # troops and NATO membership
    assert dense[index["france"], index["russia"]] == 0
    # without rolling up, France and the United Kingdom back different, narrower proposals
    assert "france" not in one_mode_network(G, "congruence").to_graph().neighbors("united-kingdom")


@pytest.mark.parametrize("method", ["greedy", "louvain"])
def test_seed_coalitions_put_russia_apart_from_the_deployment_camp(seed_store: Store, method: str) -> None:
    G = stance_graph(seed_store, ViewFilter(hierarchy=True))
    selection = Selection(roll_up=("troop-deployment",))
    found = coalitions(G, selection, method=method)
    camp = next(c for c in found.coalitions if "france" in c.members)
    assert "united-kingdom" in camp.members and "russia" not in camp.members
    assert any(b.proposal == "troop-deployment" and b.side == "supports"
               and b.members == ["france", "united-kingdom"] for b in camp.binds)
    split = blocs(G, selection)
    side = next(b for b in split.blocs if "france" in b.members)
    assert "united-kingdom" in side.members and "russia" not in side.members
    assert 0 < split.polarisation < 1


def test_bad_options(debate) -> None:
    with pytest.raises(InvalidOption, match="unknown method 'leiden'"):
        coalitions(debate, method="leiden")
    with pytest.raises(InvalidOption, match="k of 2 or more"):
        blocs(debate, k=1)


def test_no_ties_no_blocs(debate) -> None:
    split = blocs(debate, Selection(families=("supports",)), "none", k=3)
    assert (split.blocs, split.unaligned) == ([], ["avalon", "dunland"])
    assert (split.frustration, split.polarisation) == (0.0, 0.0)
    assert coalitions(debate, Selection(families=("supports",))).coalitions == []
