"""Windows of the store's statements, and camps and paths per window, on the debate (conftest.py)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import camps
from graph.analysis.timeline import MAX_WINDOWS
from graph.analysis.timeline import windows as calendar_windows
from graph.analysis.windows import (
    CampsWindow, camps_windows, over_view, paths_windows, store_windows, windowed,
)
from graph.errors import InvalidOption, NotFound
from graph.store import Store

YEARS = [("2024-01-02", "2025-01-01"), ("2025-01-02", "2026-01-02")]
"""Windows of 366 days over the debate: its first day to its last (2025-01-03)."""


def test_windowed_needs_a_window_for_a_step() -> None:
    assert windowed(30, None) and windowed(30, 7) and not windowed(None, None)
    with pytest.raises(InvalidOption, match="a step needs a window"):
        windowed(None, 7)


def test_store_windows_cover_the_store_or_the_given_range(debate_store: Store) -> None:
    assert store_windows(debate_store, 366) == YEARS
    assert store_windows(debate_store, 10, 30, start="2024-01-01", end="2024-02-15") == [
        ("2024-01-01", "2024-01-10"), ("2024-01-31", "2024-02-09")]
    assert store_windows(Store(None), 30) == []
    with pytest.raises(InvalidOption, match="at least one day"):
        store_windows(debate_store, 0)


def test_windows_that_pass_the_calendar_are_refused() -> None:
    with pytest.raises(InvalidOption, match="past the last day of the calendar"):
        calendar_windows("9999-12-30", "9999-12-31", days=1)


def test_over_view_runs_on_the_whole_view_or_per_window(debate: nx.MultiDiGraph) -> None:
    whole = over_view(debate, nx.number_of_edges, start="2024-01-01")
    assert [(w.start, w.end, w.result) for w in whole] == [("2024-01-01", "", debate.number_of_edges())]
    yearly = over_view(debate, lambda H: sum(1 for *_, d in H.edges(data="date") if d), window=366)
    assert [(w.start, w.end) for w in yearly] == YEARS
    assert [w.result for w in yearly] == [11, 1]  # the debate's statements, then Avalon's offer
    with pytest.raises(InvalidOption, match="a step needs a window"):
        over_view(debate, nx.number_of_edges, step=3)


def test_camps_per_window_are_the_camps_of_each_window(debate_store: Store) -> None:
    series = camps_windows(debate_store, "troops", 366)
    assert [(w.start, w.end) for w in series] == YEARS
    for w in series:
        alone = camps.camps(debate_store, "troops", start=w.start, end=w.end)
        assert CampsWindow(start=w.start, end=w.end, **dict(alone)) == w
    assert [m.actor for m in series[1].supporters] == ["avalon"] and series[1].opponents == []
    assert list(series[0].model_dump())[:3] == ["start", "end", "proposal"]
    with pytest.raises(NotFound, match="did you mean troops"):
        camps_windows(debate_store, "trops", 366)


def test_paths_per_window(debate_store: Store) -> None:
    walks = paths_windows(debate_store, "avalon", "brigadoon", 366, k=1)
    assert [(w.start, w.end) for w in walks] == YEARS
    assert [len(w.paths) for w in walks] == [1, 0]  # in 2025 only Avalon speaks
    assert walks[0].paths[0].nodes == ["avalon", "force", "troops", "brigadoon"]
    crossing = paths_windows(debate_store, "avalon", "brigadoon", 366, families=("supports", "opposes"))
    assert [len(w.paths) for w in crossing] == [0, 0]  # without the hierarchy force and troops are apart


def test_more_windows_than_the_bound_are_refused(debate_store: Store) -> None:
    assert len(calendar_windows("2024-01-01", "2026-09-26", days=1)) == MAX_WINDOWS
    with pytest.raises(InvalidOption, match=f"more than {MAX_WINDOWS}; take a longer step"):
        store_windows(debate_store, 1, start="2024-01-01", end="2026-09-27")
