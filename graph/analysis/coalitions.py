"""Coalitions and blocs: who stands with whom, and how polarised a debate is.

Two readings of the same discourse networks (:mod:`graph.analysis.discourse`):

- **coalitions** are communities of the congruence network (greedy modularity or Louvain);
- **blocs** split the signed network (congruence positive, conflict negative) so that as much
  agreement as possible falls inside blocs and as much conflict as possible between them:
  the partition of least frustration, in the sense of structural balance.

The **polarisation** of a debate is read off its blocs (A = congruence, C = conflict, summed over
pairs of actors within one bloc, w, or in different blocs, b)::

    cohesion     = (A_w - C_w) / (A_w + C_w)      (1 when there are no pairs within blocs)
    division     = (C_b - A_b) / (C_b + A_b)      (0 when there are no pairs between blocs)
    polarisation = max(0, cohesion) * max(0, division)

It is 1 when blocs agree inside and only disagree across, 0 in a consensus (one bloc) or when the
blocs disagree inside as much as they agree.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import numpy as np
from pydantic import BaseModel

from graph.analysis.discourse import (
    Aggregation, DiscourseNetwork, Normalization, Selection, one_mode_network, stances,
)
from graph.errors import InvalidOption

EXACT_LIMIT = 18
"""Up to this many aligned actors, two blocs are found by trying every split."""

_SIDES = {1: "supports", -1: "opposes", 0: "hesitant"}


class Binding(BaseModel):
    """A proposal on which at least two members of a coalition take the same side."""

    proposal: str
    label: str
    side: str
    members: list[str]


class Coalition(BaseModel):
    """A group of actors with the proposals that bind it."""

    members: list[str]
    labels: list[str]
    binds: list[Binding]


class Coalitions(BaseModel):
    """Communities of the congruence network; actors without any congruence tie are unaligned."""

    method: str
    coalitions: list[Coalition]
    unaligned: list[str]
    modularity: float
    start: str = ""
    end: str = ""


class Blocs(BaseModel):
    """The split of the signed network with the least frustration, and its polarisation."""

    blocs: list[Coalition]
    unaligned: list[str]
    frustration: float
    cohesion: float
    division: float
    polarisation: float
    start: str = ""
    end: str = ""


def congruence_graph(network: DiscourseNetwork) -> nx.Graph:
    """The positive ties of a one-mode network as a weighted Graph (isolated rows left out).

    >>> import scipy.sparse as sp
    >>> net = DiscourseNetwork("actors", Aggregation.CONGRUENCE, Normalization.NONE, ("a", "b", "c"),
    ...     ("A", "B", "C"), ("a", "b", "c"), ("A", "B", "C"), sp.csr_array([[0, 2, 0], [2, 0, 0], [0, 0, 0]]))
    >>> sorted(congruence_graph(net).edges(data="weight"))
    [('a', 'b', 2.0)]
    """
    H: nx.Graph = nx.Graph()
    for u, v, data in network.to_graph().edges(data=True):
        if data["weight"] > 0:
            H.add_edge(u, v, weight=data["weight"])
    return H


def communities(H: nx.Graph, method: str = "greedy", seed: int = 0) -> list[set[str]]:
    """Communities of a weighted graph by ``greedy`` modularity or seeded ``louvain``.

    >>> H = nx.Graph([("a", "b", {"weight": 1.0}), ("c", "d", {"weight": 1.0})])
    >>> sorted(sorted(c) for c in communities(H))
    [['a', 'b'], ['c', 'd']]
    """
    if method not in ("greedy", "louvain"):
        raise InvalidOption(f"unknown method {method!r}; choose greedy or louvain")
    if H.number_of_edges() == 0:
        return []
    if method == "greedy":
        return [set(c) for c in nx.community.greedy_modularity_communities(H, weight="weight")]
    return [set(c) for c in nx.community.louvain_communities(H, weight="weight", seed=seed)]


def ranked(G: nx.MultiDiGraph, groups: list[set[str]]) -> list[list[str]]:
    """Groups as member lists sorted by label then id, the largest group first.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "Z"}), ("b", {"label": "Y"}), ("c", {"label": "X"})])
    >>> ranked(G, [{"c"}, {"a", "b"}])
    [['b', 'a'], ['c']]
    """
    def key(node: str) -> tuple[str, str]:
        return G.nodes[node].get("label", node), node

    lists = [sorted(group, key=key) for group in groups]
    return sorted(lists, key=lambda members: (-len(members), [key(m) for m in members]))


def _coalition(G: nx.MultiDiGraph, members: list[str], sides: dict[str, set[tuple[str, int]]]
               ) -> Coalition:
    together: dict[tuple[str, int], list[str]] = defaultdict(list)
    for member in members:
        for key in sides[member]:
            together[key].append(member)
    binds = [Binding(proposal=target, label=G.nodes[target].get("label", target),
                     side=_SIDES[polarity], members=who)
             for (target, polarity), who in together.items() if len(who) > 1]
    binds.sort(key=lambda b: (-len(b.members), b.proposal, b.side))
    return Coalition(members=members, labels=[G.nodes[m].get("label", m) for m in members],
                     binds=binds)


def _sides(G: nx.MultiDiGraph, selection: Selection) -> dict[str, set[tuple[str, int]]]:
    """For each actor, the (target, polarity) pairs it takes."""
    sides: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for stance in stances(G, selection):
        sides[stance.actor].add((stance.target, stance.polarity))
    return sides


def coalitions(G: nx.MultiDiGraph, selection: Selection = Selection(),
               normalization: Normalization | str = Normalization.AVERAGE,
               method: str = "greedy", seed: int = 0) -> Coalitions:
    """Communities of the congruence network, each with the proposals that bind it.

    Parameters
    ----------
    G
        The stance view (:func:`graph.analysis.view.stance_graph`).
    selection, normalization
        Which statements count and how ties are normalised (:mod:`graph.analysis.discourse`).
    method
        ``greedy`` (Clauset-Newman-Moore greedy modularity, deterministic) or ``louvain``
        (seeded with ``seed``).

    Raises
    ------
    InvalidOption
        An unknown method or network option.
    """
    network = one_mode_network(G, Aggregation.CONGRUENCE, selection, normalization)
    H = congruence_graph(network)
    found = communities(H, method, seed)
    sides = _sides(G, selection)
    return Coalitions(method=method, coalitions=[_coalition(G, m, sides) for m in ranked(G, found)],
                      unaligned=[n for n in network.rows if n not in H],
                      modularity=nx.community.modularity(H, found, weight="weight") if found else 0.0,
                      start=network.start, end=network.end)


def _frustration(labels: np.ndarray, A: np.ndarray, C: np.ndarray) -> float:
    same = labels[:, None] == labels[None, :]
    return float((np.triu(C * same, 1) + np.triu(A * ~same, 1)).sum())


def _two_blocs_exact(A: np.ndarray, C: np.ndarray) -> np.ndarray:
    """The split into two blocs of least frustration, by trying every split.

    With s in {-1, +1}^n the frustration is a constant plus s^T (C - A) s / 4; the first
    actor is fixed to +1, as a split and its mirror image are the same.
    """
    D = C - A
    n = len(D)
    best, best_value = np.ones(n), np.inf
    bits = np.arange(n - 1)
    for chunk in range(0, 2 ** (n - 1), 4096):
        codes = np.arange(chunk, min(chunk + 4096, 2 ** (n - 1)))
        S = np.ones((len(codes), n))
        S[:, 1:] = 1 - 2 * ((codes[:, None] >> bits) & 1)
        values = np.einsum("pi,ij,pj->p", S, D, S)
        k = int(np.argmin(values))
        if values[k] < best_value - 1e-12:
            best, best_value = S[k], values[k]
    return (best < 0).astype(int)


def _local_search(A: np.ndarray, C: np.ndarray, k: int) -> np.ndarray:
    """Blocs by single moves from a spectral split, each move the largest drop in frustration."""
    # the sign of the eigenvector of the least eigenvalue of C - A relaxes min s^T (C - A) s
    n = len(A)
    labels = (np.linalg.eigh(C - A)[1][:, 0] < 0).astype(int)
    while True:
        # cost[i, b]: frustration of i's pairs if i sits in bloc b (others fixed)
        member = np.eye(k)[labels]
        cost = C @ member + A @ (1 - member)
        current = cost[np.arange(n), labels]
        gains = current[:, None] - cost
        i, b = np.unravel_index(int(np.argmax(gains)), gains.shape)
        if gains[i, b] <= 1e-12:
            return labels
        labels[i] = b


def _share(plus: float, minus: float, empty: float) -> float:
    return (plus - minus) / (plus + minus) if plus + minus > 0 else empty


def blocs(G: nx.MultiDiGraph, selection: Selection = Selection(),
          normalization: Normalization | str = Normalization.AVERAGE, k: int = 2) -> Blocs:
    """Blocs of least frustration on the signed network, with the debate's polarisation.

    Frustration is the conflict within blocs plus the congruence between them. For ``k`` = 2
    and at most :data:`EXACT_LIMIT` aligned actors every split is tried; otherwise a local
    search (single moves from a spectral split) finds a good, not necessarily the best, one.
    Actors without any tie are unaligned. The formula of the polarisation is in the module
    docstring.

    Raises
    ------
    InvalidOption
        ``k`` below 2, or an unknown network option.
    """
    if k < 2:
        raise InvalidOption(f"blocs needs k of 2 or more, not {k}")
    congruence = one_mode_network(G, Aggregation.CONGRUENCE, selection, normalization)
    conflict = one_mode_network(G, Aggregation.CONFLICT, selection, normalization)
    A, C = congruence.dense(), conflict.dense()
    tied = np.flatnonzero((A + C).sum(axis=1) > 0)
    A, C = A[np.ix_(tied, tied)], C[np.ix_(tied, tied)]
    if len(tied) == 0:
        labels = np.zeros(0, dtype=int)
    elif k == 2 and len(tied) <= EXACT_LIMIT:
        labels = _two_blocs_exact(A, C)
    else:
        labels = _local_search(A, C, k)
    same = labels[:, None] == labels[None, :]
    upper = np.triu(np.ones_like(A, dtype=bool), 1)
    a_w, c_w = A[upper & same].sum(), C[upper & same].sum()
    a_b, c_b = A[upper & ~same].sum(), C[upper & ~same].sum()
    cohesion, division = _share(a_w, c_w, 1.0), _share(c_b, a_b, 0.0)
    sides = _sides(G, selection)
    names = [congruence.rows[i] for i in tied]
    split = [{n for n, label in zip(names, labels, strict=True) if label == b} for b in set(labels.tolist())]
    tied_set = set(names)
    return Blocs(blocs=[_coalition(G, members, sides) for members in ranked(G, split)],
                 unaligned=[n for n in congruence.rows if n not in tied_set],
                 frustration=_frustration(labels, A, C),
                 cohesion=float(cohesion), division=float(division),
                 polarisation=float(max(0.0, cohesion) * max(0.0, division)),
                 start=congruence.start, end=congruence.end)
