"""The discourse analyses of the store, on the whole range of dates or once per sliding window.

:class:`NetworkOptions` holds what every discourse analysis takes (which statements count, how
ties are normalised, which dates, which windows); each function builds the stance view once and
returns one result per window, or one for the whole range without a window, each with its
dates. The CLI commands and the API routes call these, so both offer the same analyses with the
same options.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import networkx as nx

from graph import checks
from graph.analysis import centrality as centrality_analysis
from graph.analysis import coalitions as coalition_analysis
from graph.analysis import discourse
from graph.analysis.centrality import ActorCentrality
from graph.analysis.coalitions import Blocs, Coalitions
from graph.analysis.view import ViewFilter, stance_graph
from graph.analysis.windows import Window, over_view
from graph.store import Store

T = TypeVar("T")


@dataclass(frozen=True)
class NetworkOptions:
    """The options of a discourse analysis of the store.

    Parameters
    ----------
    normalization, duplicates, isolates, roll_up, level
        As in :mod:`graph.analysis.discourse`.
    families
        The relation families that count; none: :data:`graph.checks.STANCE_FAMILIES`.
    fold_persons
        Count a person's statements as the state's or body's they speak for.
    start, end
        Only statements dated in this inclusive range (ISO dates).
    window, step
        Run once per window of ``window`` days, one every ``step`` days (default ``window``).
    """

    normalization: discourse.Normalization = discourse.Normalization.AVERAGE
    duplicates: discourse.Duplicates = discourse.Duplicates.ALL
    isolates: bool = False
    roll_up: tuple[str, ...] = ()
    level: int | None = None
    families: tuple[str, ...] = ()
    fold_persons: bool = False
    start: str | None = None
    end: str | None = None
    window: int | None = None
    step: int | None = None

    @property
    def selection(self) -> discourse.Selection:
        """The statements the networks count and how their targets are grouped."""
        return discourse.Selection(
            duplicates=self.duplicates, isolates=self.isolates,
            roll_up=self.roll_up, level=self.level,
            families=self.families or checks.STANCE_FAMILIES)


def stance_view(store: Store, options: NetworkOptions) -> nx.MultiDiGraph:
    """The stance view an analysis with ``options`` reads.

    It holds the proposal hierarchy when the targets are grouped (``roll_up`` or ``level``),
    which needs it.

    Raises
    ------
    InvalidOption
        A malformed date.
    """
    grouped = bool(options.roll_up) or options.level is not None
    return stance_graph(store, ViewFilter(start=options.start, end=options.end,
                                          fold_persons=options.fold_persons, hierarchy=grouped))


def _run(store: Store, options: NetworkOptions,
         analysis: Callable[[nx.MultiDiGraph], T]) -> list[tuple[Window, T]]:
    found = over_view(stance_view(store, options), analysis, options.window, options.step,
                      options.start, options.end)
    return [(Window(start=w.start, end=w.end), w.result) for w in found]


def networks(store: Store, kind: discourse.NetworkKind | str, options: NetworkOptions,
             mode: discourse.Mode | str = discourse.Mode.ACTORS,
             two_mode_aggregation: discourse.Aggregation | str | None = None,
             ) -> list[discourse.DiscourseNetwork]:
    """The discourse network ``kind`` (:func:`graph.analysis.discourse.network`) per window.

    Each network's ``start`` and ``end`` are its window's.

    Raises
    ------
    InvalidOption
        A bad option or window.
    NotFound
        An unknown proposal to roll up to.
    """
    return [network for _, network in _run(store, options, lambda G: discourse.network(
        G, kind, options.selection, options.normalization, mode, two_mode_aggregation))]


def window_graph(found: Sequence[discourse.DiscourseNetwork]) -> nx.MultiGraph:
    """All networks' ties in one graph, each tie with its network's ``start`` and ``end``.

    Gephi reads the two as a tie's interval, so the windows become a timeline.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> def net(start, weight):
    ...     return discourse.DiscourseNetwork("actors", "congruence", "none", ("a", "b"),
    ...         ("A", "B"), ("a", "b"), ("A", "B"), sp.csr_array([[0, weight], [weight, 0]]),
    ...         start, start)
    >>> G = window_graph([net("2025-01-01", 2), net("2025-01-02", 1)])
    >>> sorted((d["start"], d["weight"]) for *_, d in G.edges(data=True))
    [('2025-01-01', 2.0), ('2025-01-02', 1.0)]
    """
    G: nx.MultiGraph[str] = nx.MultiGraph()
    for index, network in enumerate(found):
        H = network.to_graph()
        G.add_nodes_from(H.nodes(data=True))
        for u, v, data in H.edges(data=True):
            G.add_edge(u, v, key=f"w{index}-{u}-{v}", weight=data["weight"], start=network.start,
                       end=network.end)
    return G


def coalitions(store: Store, options: NetworkOptions, method: str = "greedy",
               seed: int = 0) -> list[Coalitions]:
    """Coalitions (:func:`graph.analysis.coalitions.coalitions`) per window.

    Raises
    ------
    InvalidOption
        An unknown method, a bad option or window.
    """
    return [found for _, found in _run(store, options, lambda G: coalition_analysis.coalitions(
        G, options.selection, options.normalization, method, seed))]


def blocs(store: Store, options: NetworkOptions, k: int = 2) -> list[Blocs]:
    """Blocs of least frustration (:func:`graph.analysis.coalitions.blocs`) per window.

    Raises
    ------
    InvalidOption
        ``k`` below 2, a bad option or window.
    """
    return [found for _, found in _run(store, options, lambda G: coalition_analysis.blocs(
        G, options.selection, options.normalization, k))]


class CoalitionsAndBlocs(Window):
    """The two readings of one window's alignment: communities of agreement, and blocs."""

    communities: Coalitions
    blocs: Blocs


def coalitions_and_blocs(store: Store, options: NetworkOptions, method: str = "greedy",
                         seed: int = 0, k: int = 2) -> list[CoalitionsAndBlocs]:
    """:func:`coalitions` and :func:`blocs` per window, on one stance view.

    Raises
    ------
    InvalidOption
        An unknown method, ``k`` below 2, a bad option or window.
    """
    def both(G: nx.MultiDiGraph) -> tuple[Coalitions, Blocs]:
        return (coalition_analysis.coalitions(G, options.selection, options.normalization, method, seed),
                coalition_analysis.blocs(G, options.selection, options.normalization, k))

    return [CoalitionsAndBlocs(start=window.start, end=window.end, communities=found, blocs=split)
            for window, (found, split) in _run(store, options, both)]


class CentralityWindow(Window):
    """The centrality of every actor of one window's congruence network."""

    actors: list[ActorCentrality]


def centrality(store: Store, options: NetworkOptions, method: str = "greedy",
               seed: int = 0) -> list[CentralityWindow]:
    """Centrality and brokerage (:func:`graph.analysis.centrality.centrality`) per window.

    Raises
    ------
    InvalidOption
        An unknown method, a bad option or window.
    """
    return [CentralityWindow(start=window.start, end=window.end, actors=found)
            for window, found in _run(store, options, lambda G: centrality_analysis.centrality(
                G, options.selection, options.normalization, method, seed))]
