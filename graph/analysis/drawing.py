"""A discourse network as a graph to draw, in the terms the stance graph's pictures use."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from graph.analysis import discourse
from graph.analysis.runs import NetworkOptions, stance_view
from graph.store import Store


def discourse_drawing(store: Store, kind: discourse.NetworkKind, roll_up: Sequence[str] = (),
                      start: str | None = None, end: str | None = None,
                      fold_persons: bool = False) -> nx.Graph:
    """The discourse network ``kind`` of the store as a graph to draw.

    Nodes take their ``type`` from the stance graph (State, Person ...), so they are drawn in
    its colours; a conflict tie gets ``polarity`` -1, so it is drawn as opposition.
    ``G.graph`` holds a ``description`` and the ``edge_meanings`` of the legend.

    Raises
    ------
    InvalidOption
        A malformed date.
    NotFound
        An unknown proposal to roll up to.
    """
    options = NetworkOptions(roll_up=tuple(roll_up), start=start, end=end, fold_persons=fold_persons)
    stances = stance_view(store, options)
    G = discourse.network(stances, kind, options.selection).to_graph()
    for node, data in G.nodes(data=True):
        data["type"] = str(stances.nodes[node].get("type", "")) if node in stances else ""
    if kind is discourse.NetworkKind.CONFLICT:
        for *_, data in G.edges(data=True):
            data["polarity"] = -1
    G.graph["description"] = f"{kind.value} network" + (
        f", rolled up to {', '.join(roll_up)}" if roll_up else "")
    G.graph["edge_meanings"] = {1: "agreement (positive tie)", -1: "conflict (negative tie)",
                                0: "no sign"}
    return G
