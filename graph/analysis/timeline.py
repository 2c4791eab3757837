"""Sliding time windows: run any analysis of the stance view once per window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

import networkx as nx

from graph import checks
from graph.analysis.view import span, within
from graph.errors import InvalidOption

T = TypeVar("T")

MAX_WINDOWS = 1000
"""The most windows one analysis runs over (each window runs it once): a bound on its work."""


@dataclass(frozen=True)
class Windowed(Generic[T]):
    """The result of an analysis over the statements dated from ``start`` to ``end`` (inclusive)."""

    start: str
    end: str
    result: T


def windows(start: str, end: str, days: int, step: int | None = None) -> list[tuple[str, str]]:
    """Windows of ``days`` days from ``start``, each ``step`` days (default ``days``) after the last.

    Windows start every ``step`` days from ``start`` up to ``end``, so every day is covered;
    the last window may reach past ``end``. Dates are ``YYYY-MM-DD``, both ends inclusive.

    Raises
    ------
    InvalidOption
        ``days`` or ``step`` below 1, a malformed date, ``start`` after ``end``, more than
        :data:`MAX_WINDOWS` windows, or windows past the year 9999.

    Examples
    --------
    >>> windows("2025-01-01", "2025-01-09", days=4, step=3)
    [('2025-01-01', '2025-01-04'), ('2025-01-04', '2025-01-07'), ('2025-01-07', '2025-01-10')]
    >>> windows("2025-01-01", "2025-01-02", days=7)
    [('2025-01-01', '2025-01-07')]
    """
    days, step = checks.window(days, step)
    first = dt.date.fromisoformat(checks.iso_date(start, "from"))
    last = dt.date.fromisoformat(checks.iso_date(end, "to"))
    if first > last:
        raise InvalidOption(f"the windows start ({start}) after they end ({end})")
    if (last - first).days // step >= MAX_WINDOWS:
        raise InvalidOption(f"windows every {step} days from {start} to {end} are more than "
                            f"{MAX_WINDOWS}; take a longer step or a shorter range")
    try:
        length, stride = dt.timedelta(days=days - 1), dt.timedelta(days=step)
        found = [(first, first + length)]
        while found[-1][0] + stride <= last:
            begin = found[-1][0] + stride
            found.append((begin, begin + length))
    except OverflowError as err:
        raise InvalidOption(f"windows of {days} days every {step} from {start} run past the last "
                            f"day of the calendar") from err
    return [(a.isoformat(), b.isoformat()) for a, b in found]


def over_windows(G: nx.MultiDiGraph, analysis: Callable[[nx.MultiDiGraph], T], days: int,
                 step: int | None = None, start: str | None = None,
                 end: str | None = None) -> list[Windowed[T]]:
    """Run ``analysis`` on the view of each window between ``start`` and ``end``.

    Without ``start``/``end`` the windows cover the first to the last statement of ``G``.
    Each window's view keeps all nodes (:func:`graph.analysis.view.within`), so with ``isolates``
    the matrices of all windows have the same rows and columns.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for key, date in (("s1", "2025-01-01"), ("s2", "2025-01-02"), ("s3", "2025-01-05")):
    ...     _ = G.add_edge("a", "x", key=key, date=date)
    >>> [(w.start, w.result) for w in over_windows(G, nx.number_of_edges, days=2)]
    [('2025-01-01', 2), ('2025-01-03', 0), ('2025-01-05', 1)]
    """
    bounds = span(G)
    start = start or (bounds[0] if bounds else None)
    end = end or (bounds[1] if bounds else None)
    if start is None or end is None:
        return []
    return [Windowed(a, b, analysis(within(G, a, b))) for a, b in windows(start, end, days, step)]
