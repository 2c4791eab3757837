"""Centrality and brokerage on the congruence network: who is central, who sits between camps."""

from __future__ import annotations

import networkx as nx
from pydantic import BaseModel

from graph.analysis.coalitions import communities, congruence_graph, ranked
from graph.analysis.discourse import Aggregation, Normalization, Selection, one_mode_network


class ActorCentrality(BaseModel):
    """An actor's position in the congruence network.

    ``degree`` counts its congruence ties, ``strength`` sums their weights, ``betweenness`` is
    the normalised weighted betweenness (a tie of weight w is a distance of 1/w). ``coalition``
    is the index of its community (None without ties); ``participation`` is the participation
    coefficient 1 - sum over coalitions c of (s_c / s)^2, s_c the strength of its ties into c;
    ``bridges`` are the other coalitions it has ties to. A broker has a bridge and lies on
    shortest paths between others (betweenness above 0): it does not merely touch another camp,
    others reach each other through it.
    """

    actor: str
    label: str
    degree: int
    strength: float
    betweenness: float
    coalition: int | None
    participation: float
    bridges: list[int]
    broker: bool


def centrality(G: nx.MultiDiGraph, selection: Selection = Selection(),
               normalization: Normalization | str = Normalization.AVERAGE,
               method: str = "greedy", seed: int = 0) -> list[ActorCentrality]:
    """Degree, strength, betweenness and brokerage of every actor of the congruence network.

    Coalitions are found as in :func:`graph.analysis.coalitions.coalitions` (same ``method``, ``seed``,
    in the same order: largest first). Sorted by betweenness, then strength, descending.

    Raises
    ------
    InvalidOption
        An unknown method or network option.
    """
    network = one_mode_network(G, Aggregation.CONGRUENCE, selection, normalization)
    H = congruence_graph(network)
    groups = ranked(G, communities(H, method, seed))
    index = {member: i for i, group in enumerate(groups) for member in group}
    for _, _, data in H.edges(data=True):
        data["distance"] = 1 / data["weight"]
    between = nx.betweenness_centrality(H, weight="distance") if H.number_of_edges() else {}
    found = []
    for actor, label in zip(network.rows, network.row_labels, strict=True):
        into: dict[int, float] = {}
        for other, data in (H[actor].items() if actor in H else ()):
            into[index[other]] = into.get(index[other], 0.0) + data["weight"]
        strength = sum(into.values())
        own = index.get(actor)
        bridges = sorted(c for c in into if c != own)
        found.append(ActorCentrality(
            actor=actor, label=label, degree=H.degree(actor) if actor in H else 0,
            strength=strength, betweenness=between.get(actor, 0.0), coalition=own,
            participation=1 - sum((s / strength) ** 2 for s in into.values()) if strength else 0.0,
            bridges=bridges, broker=bool(bridges) and between.get(actor, 0.0) > 0))
    return sorted(found, key=lambda a: (-a.betweenness, -a.strength, a.label))
