"""Sliding windows of the store's statements: which windows, and the camps and paths per window.

An analysis runs on the whole range of dates or, given a window length in days, once per sliding
window (:func:`graph.analysis.timeline.windows`), each result tagged with its window's dates.
The CLI and the API both run their windows through here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard, TypeVar

import networkx as nx
from pydantic import BaseModel

from graph.analysis import camps, paths, timeline
from graph.analysis.view import span, stance_graph
from graph.errors import InvalidOption
from graph.store import Store

T = TypeVar("T")


class Window(BaseModel):
    """The dates of one window: its statements are dated from ``start`` to ``end``, inclusive."""

    start: str
    end: str


class CampsWindow(camps.Camps, Window):
    """The camps on a proposal in one window."""


class PathsWindow(paths.Paths, Window):
    """The paths between two nodes in one window."""


def windowed(window: int | None, step: int | None) -> TypeGuard[int]:
    """Whether an analysis runs per window: ``window`` (days) is given.

    Raises
    ------
    InvalidOption
        A ``step`` without a ``window``.

    Examples
    --------
    >>> windowed(30, 7), windowed(None, None)
    (True, False)
    """
    if window is None and step is not None:
        raise InvalidOption("a step needs a window")
    return window is not None


def store_windows(store: Store, days: int, step: int | None = None, start: str | None = None,
                  end: str | None = None) -> list[tuple[str, str]]:
    """Windows of ``days`` days every ``step`` days over ``start``..``end``.

    The range defaults to the first and the last date of the store's statements; a store
    without dated statements has no windows.

    Raises
    ------
    InvalidOption
        ``days`` or ``step`` below 1, a malformed date, or ``start`` after ``end``.
    """
    bounds = span(stance_graph(store))
    first = start or (bounds[0] if bounds else None)
    last = end or (bounds[1] if bounds else None)
    return timeline.windows(first, last, days, step) if first and last else []


def over_view(G: nx.MultiDiGraph, analysis: Callable[[nx.MultiDiGraph], T],
              window: int | None = None, step: int | None = None, start: str | None = None,
              end: str | None = None) -> list[timeline.Windowed[T]]:
    """``analysis`` of the whole view ``G``, or of each window's view when ``window`` is given.

    The whole view's result carries ``start`` and ``end`` as given (empty when open).

    Raises
    ------
    InvalidOption
        A ``step`` without a ``window``, or a bad window (:func:`graph.analysis.timeline.windows`).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for key, date in (("s1", "2025-01-01"), ("s2", "2025-01-02"), ("s3", "2025-01-05")):
    ...     _ = G.add_edge("a", "x", key=key, date=date)
    >>> [w.result for w in over_view(G, nx.number_of_edges)]
    [3]
    >>> [(w.start, w.result) for w in over_view(G, nx.number_of_edges, window=3)]
    [('2025-01-01', 2), ('2025-01-04', 1)]
    """
    if windowed(window, step):
        return timeline.over_windows(G, analysis, window, step, start, end)
    return [timeline.Windowed(start or "", end or "", analysis(G))]


def camps_windows(store: Store, proposal: str, window: int, step: int | None = None, *,
                  start: str | None = None, end: str | None = None,
                  direct_only: bool = False) -> list[CampsWindow]:
    """:func:`graph.analysis.camps.camps` once per window of :func:`store_windows`.

    Raises
    ------
    NotFound
        ``proposal`` is not a known proposal.
    InvalidOption
        A bad window or date.
    """
    return [CampsWindow(start=a, end=b, **dict(camps.camps(
        store, proposal, start=a, end=b, direct_only=direct_only)))
        for a, b in store_windows(store, window, step, start, end)]


def paths_windows(store: Store, source: str, target: str, window: int, step: int | None = None, *,
                  k: int = 3, max_length: int = 6, direction: str = "any",
                  families: tuple[str, ...] = (), start: str | None = None,
                  end: str | None = None) -> list[PathsWindow]:
    """:func:`graph.analysis.paths.paths` once per window of :func:`store_windows`.

    Raises
    ------
    NotFound
        ``source`` or ``target`` is unknown.
    InvalidOption
        A bad window, date or path option.
    """
    return [PathsWindow(start=a, end=b, **dict(paths.paths(
        store, source, target, k=k, max_length=max_length, direction=direction,
        families=families, start=a, end=b)))
        for a, b in store_windows(store, window, step, start, end)]
