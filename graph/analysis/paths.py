"""Paths: how two actors or proposals are connected, each step a statement with its quote."""

from __future__ import annotations

import itertools

import networkx as nx
from pydantic import BaseModel

from graph import checks
from graph.analysis.resolution import Entity, resolve
from graph.analysis.view import ViewFilter, stance_graph
from graph.errors import InvalidOption
from graph.store import Store

PATH_FAMILIES = (*checks.FAMILIES, "hierarchy")
"""The families a path may cross by default: every relation family and the issue hierarchy."""


class PathStep(BaseModel):
    """One hop of a path: the statement (or background tie) between two consecutive nodes."""

    source: str
    source_label: str
    target: str
    target_label: str
    relation: str
    relation_label: str
    family: str
    statement: str
    quote: str
    date: str
    forward: bool
    sentence: str


class NodePath(BaseModel):
    """A path between two nodes; ``forward`` on a step says whether it is walked along the edge."""

    nodes: list[str]
    labels: list[str]
    length: int
    shortest: bool
    steps: list[PathStep]


class Paths(BaseModel):
    """The k shortest simple paths between two nodes, shortest first."""

    source: Entity
    target: Entity
    paths: list[NodePath]


def _step(G: nx.MultiDiGraph, here: str, there: str, edges: list[tuple[str, str, str]]) -> PathStep:
    # Prefer dated statements over background ties, then the earliest, so a step shows a quote.
    u, v, key = min(edges, key=lambda e: (not G.edges[e]["date"], G.edges[e]["date"], e[2]))
    data = G.edges[u, v, key]
    label_u, label_v = G.nodes[u].get("label", u), G.nodes[v].get("label", v)
    sentence = f"{label_u} {data['relation_label']} {label_v}"
    if data["quote"]:
        sentence += f": “{data['quote']}”"
    return PathStep(source=u, source_label=label_u, target=v, target_label=label_v,
                relation=data["relation"], relation_label=data["relation_label"],
                family=data["family"], statement=key, quote=data["quote"], date=data["date"],
                forward=(u == here and v == there), sentence=sentence)


def paths(store: Store, source: str, target: str, *, k: int = 3, max_length: int = 6,
          direction: str = "any", families: tuple[str, ...] = (),
          start: str | None = None, end: str | None = None) -> Paths:
    """How two actors or proposals are connected: the ``k`` shortest simple paths.

    Paths run through statements (actor to proposal or actor to actor), background memberships
    and, with the family ``hierarchy``, from a proposal to its broader ones. Each step is
    rendered as a sentence with its quote.

    Parameters
    ----------
    source, target
        Ids, labels or aliases of actors or proposals.
    k, max_length
        At most ``k`` paths, none longer than ``max_length`` steps.
    direction
        ``any`` (edges walked both ways), ``forward`` (only from actor to target, narrower to
        broader) or ``backward``.
    families
        The relation families a path may cross (of :data:`PATH_FAMILIES`; none: all of them).
    start, end
        Only statements dated in this inclusive range.

    Raises
    ------
    NotFound
        ``source`` or ``target`` is unknown; close matches are offered.
    InvalidOption
        An unknown direction or family, a bound below 1, the same node twice, a bad date.
    """
    if direction not in ("any", "forward", "backward"):
        raise InvalidOption(f"unknown direction {direction!r}; choose any, forward or backward")
    families = checks.families(families, PATH_FAMILIES) or PATH_FAMILIES
    if k < 1 or max_length < 1:
        raise InvalidOption(f"k and max_length must be at least 1, not {k} and {max_length}")
    origin, goal = resolve(store, source), resolve(store, target)
    if origin.id == goal.id:
        raise InvalidOption(f"source and target are both {origin.id!r}")
    G = stance_graph(store, ViewFilter(start=start, end=end, hierarchy="hierarchy" in families))
    H: nx.Graph[str] = nx.Graph() if direction == "any" else nx.DiGraph()
    for u, v, key, data in G.edges(keys=True, data=True):  # every edge of the view has a family
        if data["family"] in families:
            a, b = (v, u) if direction == "backward" else (u, v)
            H.add_edge(a, b)
            H.edges[a, b].setdefault("edges", []).append((u, v, key))
    found: list[list[str]] = []
    if origin.id in H and goal.id in H:
        try:
            for nodes in nx.shortest_simple_paths(H, origin.id, goal.id):
                if len(found) == k or len(nodes) - 1 > max_length:
                    break
                found.append(nodes)
        except nx.NetworkXNoPath:
            pass
    walks = []
    for nodes in found:
        hops = list(itertools.pairwise(nodes))
        steps = [_step(G, x, y, H.edges[x, y]["edges"])
                 for x, y in hops]
        walks.append(NodePath(nodes=nodes, labels=[G.nodes[n].get("label", n) for n in nodes],
                          length=len(hops), shortest=len(hops) == len(found[0]) - 1, steps=steps))
    return Paths(source=origin, target=goal, paths=walks)
