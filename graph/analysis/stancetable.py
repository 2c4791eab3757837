"""Stance statements of a view as integer-coded numpy arrays, read in one pass over its edges.

Discourse networks (:mod:`graph.analysis.discourse`) are built from these arrays: duplicates are found
with ``np.unique``, incidence matrices with scipy, so no Python object is made per statement.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np


@dataclass(frozen=True)
class StanceTable:
    """Stance statements as parallel arrays, in the view's edge order.

    ``actor`` and ``target`` index ``actors`` and ``targets`` (every one of which has a
    statement). ``statement``, ``date`` and ``source`` are string arrays, or None when the
    table was read without details.
    """

    actors: tuple[str, ...]
    targets: tuple[str, ...]
    actor: np.ndarray
    target: np.ndarray
    polarity: np.ndarray
    statement: np.ndarray | None = None
    date: np.ndarray | None = None
    source: np.ndarray | None = None

    def take(self, rows: np.ndarray) -> StanceTable:
        """The table of the statements at ``rows``."""
        def pick(column: np.ndarray | None) -> np.ndarray | None:
            return None if column is None else column[rows]

        return StanceTable(self.actors, self.targets, self.actor[rows], self.target[rows],
                           self.polarity[rows], pick(self.statement), pick(self.date),
                           pick(self.source))

    def details(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The ``statement``, ``date`` and ``source`` columns.

        Raises
        ------
        ValueError
            The table was read without details.
        """
        if self.statement is None or self.date is None or self.source is None:
            raise ValueError("the stance table was read without details")
        return self.statement, self.date, self.source

    def chronological(self) -> np.ndarray:
        """Row order by date, then statement id (needs details)."""
        statement, date, _ = self.details()
        return np.lexsort((statement, date))


def stance_table(G: nx.MultiDiGraph, families: Collection[str], group: Mapping[str, str],
                 details: bool = False) -> StanceTable:
    """The statements of ``G`` whose family is in ``families`` and whose target is a key of
    ``group``, each target replaced by its value there.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "t", key="s1", family="supports", polarity=1)
    >>> _ = G.add_edge("a", "b", key="s2", family="supports", polarity=1)
    >>> table = stance_table(G, {"supports"}, {"t": "T"})
    >>> table.actors, table.targets, table.polarity.tolist()
    (('a',), ('T',), [1])
    """
    actors: dict[str, int] = {}
    targets: dict[str, int] = {}
    pairs: list[tuple[int, int, int]] = []
    edges: list[tuple[str, dict]] = []
    # the adjacency dicts (G.adjacency(), not G.edges): statements are read per (actor, target)
    # pair, and the per-edge work is one family test
    for u, neighbours in G.adjacency():
        for v, keyed in neighbours.items():
            if v not in group:
                continue
            found = [(key, data) for key, data in keyed.items() if data["family"] in families]
            if found:
                pairs.append((actors.setdefault(u, len(actors)),
                              targets.setdefault(group[v], len(targets)), len(found)))
                edges.extend(found)
    actor, target, count = np.array(pairs, dtype=np.int64).reshape(-1, 3).T
    columns: dict[str, np.ndarray] = {}
    if details:
        columns = {"statement": _strings(key for key, _ in edges),
                   "date": _strings(data["date"] for _, data in edges),
                   "source": _strings(data["source"] for _, data in edges)}
    return StanceTable(tuple(actors), tuple(targets), np.repeat(actor, count),
                       np.repeat(target, count),
                       np.array([data["polarity"] for _, data in edges], dtype=np.int64),
                       **columns)


def _strings(values: Iterable[str]) -> np.ndarray:
    return np.array(list(values), dtype=str)


def period(rule: str, date: np.ndarray, source: np.ndarray) -> np.ndarray:
    """A code per statement: equal for statements in the same period under the duplicate
    ``rule`` (``document``, ``week``, ``month``, ``year`` or ``range``).

    >>> date = np.array(["2024-01-01", "2024-01-07", "2024-12-30", "2025-01-03"])
    >>> period("week", date, date).tolist()  # ISO weeks start on Monday; 2024-12-30 is in 2025-W01
    [19723, 19723, 20087, 20087]
    """
    if rule == "document":
        return np.unique(source, return_inverse=True)[1]
    if rule == "range":
        return np.zeros(len(date), dtype=np.int64)
    days = np.array(date, dtype="datetime64[D]")
    if rule == "week":
        number = days.astype(np.int64)
        return number - (number + 3) % 7  # the Monday of the week: 1970-01-01 was a Thursday
    unit = {"month": "M", "year": "Y"}[rule]
    return days.astype(f"datetime64[{unit}]").astype(np.int64)


def first_of_each(columns: Sequence[np.ndarray], order: np.ndarray | None = None) -> np.ndarray:
    """The rows that come first (in ``order``, by default the rows' own) among the rows with
    the same values in ``columns``, ascending.

    >>> first_of_each([np.array(["x", "y", "x"]), np.array([1, 1, 1])]).tolist()
    [0, 1]
    >>> first_of_each([np.array(["x", "y", "x"])], order=np.array([2, 1, 0])).tolist()
    [1, 2]
    """
    count = len(columns[0])
    order = np.arange(count) if order is None else order
    key = np.zeros(count, dtype=np.int64)
    for column in columns:
        values, codes = np.unique(column, return_inverse=True)
        key = np.unique(key * len(values) + codes, return_inverse=True)[1]
    return np.sort(order[np.unique(key[order], return_index=True)[1]])
