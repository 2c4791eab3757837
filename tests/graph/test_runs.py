"""The discourse analyses of the store, whole and per window, on the debate (conftest.py)."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analysis import discourse, runs
from graph.analysis.centrality import centrality
from graph.analysis.coalitions import blocs, coalitions
from graph.analysis.view import ViewFilter, stance_graph, within
from graph.errors import InvalidOption, NotFound
from graph.store import Store

TROOPS = runs.NetworkOptions(roll_up=("troops",), normalization=discourse.Normalization.NONE)
YEARS = [("2024-01-02", "2025-01-01"), ("2025-01-02", "2026-01-02")]


def test_options_select_the_stance_families_unless_told() -> None:
    assert runs.NetworkOptions().selection == discourse.Selection()
    chosen = runs.NetworkOptions(families=("supports", "neutral"), level=0, isolates=True)
    assert chosen.selection == discourse.Selection(isolates=True, level=0, families=("supports", "neutral"))


def test_the_view_holds_the_hierarchy_when_targets_are_grouped(debate_store: Store) -> None:
    def hierarchy(options: runs.NetworkOptions) -> bool:
        G = runs.stance_view(debate_store, options)
        return any(family == "hierarchy" for *_, family in G.edges(data="family"))

    assert hierarchy(TROOPS) and hierarchy(runs.NetworkOptions(level=0))
    assert not hierarchy(runs.NetworkOptions())
    later = runs.stance_view(debate_store, runs.NetworkOptions(start="2025-01-01"))
    assert later.graph["start"] == "2025-01-01"
    with pytest.raises(InvalidOption, match=r"from 'yesterday' is not a date \(YYYY-MM-DD\)"):
        runs.stance_view(debate_store, runs.NetworkOptions(start="yesterday"))


def test_networks_whole_and_per_window(debate_store: Store, debate: nx.MultiDiGraph) -> None:
    [whole] = runs.networks(debate_store, "subtract", TROOPS)
    expected = discourse.network(debate, "subtract", TROOPS.selection)
    assert whole.to_dict() == expected.to_dict() and (whole.start, whole.end) == ("", "")
    yearly = runs.networks(debate_store, "affiliation", runs.NetworkOptions(
        normalization=discourse.Normalization.NONE, isolates=True, window=366))
    assert [(n.start, n.end) for n in yearly] == YEARS
    assert yearly[0].rows == yearly[1].rows
    G = runs.window_graph(runs.networks(debate_store, "congruence", runs.NetworkOptions(
        roll_up=("troops",), window=366)))
    assert {(d["start"], d["end"]) for *_, d in G.edges(data=True)} == {YEARS[0]}  # 2025: Avalon alone
    with pytest.raises(NotFound, match="did you mean troops"):
        runs.networks(debate_store, "congruence", runs.NetworkOptions(roll_up=("trops",)))
    with pytest.raises(InvalidOption, match="a step needs a window"):
        runs.networks(debate_store, "congruence", runs.NetworkOptions(step=3))


def test_coalitions_blocs_and_centrality_per_window(debate_store: Store, debate: nx.MultiDiGraph) -> None:
    yearly = runs.NetworkOptions(roll_up=("troops",), window=366)
    both = runs.coalitions_and_blocs(debate_store, yearly)
    assert [(w.start, w.end) for w in both] == YEARS
    assert [w.communities for w in both] == runs.coalitions(debate_store, yearly)
    assert [w.blocs for w in both] == runs.blocs(debate_store, yearly)
    first = within(debate, *YEARS[0])
    assert both[0].communities == coalitions(first, yearly.selection, yearly.normalization)
    assert both[0].blocs == blocs(first, yearly.selection, yearly.normalization)
    ranks = runs.centrality(debate_store, yearly)
    assert [(w.start, w.end) for w in ranks] == YEARS
    assert ranks[0].actors == centrality(first, yearly.selection)
    [whole] = runs.centrality(debate_store, runs.NetworkOptions(roll_up=("troops",)))
    assert whole.actors == centrality(debate, yearly.selection) and (whole.start, whole.end) == ("", "")
    with pytest.raises(InvalidOption, match="unknown method"):
        runs.coalitions(debate_store, yearly, method="leiden")
    with pytest.raises(InvalidOption, match="k of 2 or more"):
        runs.blocs(debate_store, yearly, k=1)


def test_the_whole_range_is_dated_as_asked(debate_store: Store) -> None:
    view = stance_graph(debate_store, ViewFilter(start="2024-01-03", hierarchy=True))
    options = runs.NetworkOptions(roll_up=("troops",), start="2024-01-03")
    [found] = runs.coalitions(debate_store, options)
    assert found == coalitions(view, options.selection) and (found.start, found.end) == ("2024-01-03", "")
