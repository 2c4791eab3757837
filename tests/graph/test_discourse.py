"""Discourse networks on the small debate (tests/graph/conftest.py), every value computed by hand.

With targets rolled up to troops, the stances (polarity -1, 0, +1) are:
Avalon troops +1 (4x); Brigadoon troops -1, aid 0; Camelot troops -1, aid 0; Dunland troops -1,
aid +1. Statement counts n = 4, 2, 2, 2. Congruence weight 1 - |p - q| / 2, conflict |p - q| / 2.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from graph.analysis import discourse
from graph.analysis.discourse import (
    Duplicates, Selection, affiliation_network, deduplicate, one_mode_network, stances,
)
from graph.errors import InvalidOption, NotFound
from graph.analysis.view import ViewFilter, stance_graph
from graph.store import Store
from graph.analysis.timeline import over_windows, windows

TROOPS = Selection(roll_up=("troops",))
ROWS = ("Avalon", "Brigadoon", "Camelot", "Dunland")


def matrix(network) -> list[list[float]]:
    return network.dense().tolist()


@pytest.mark.parametrize("aggregation, expected", [
    ("congruence", [[0, 0, 0, 0], [0, 0, 2, 1.5], [0, 2, 0, 1.5], [0, 1.5, 1.5, 0]]),
    ("conflict", [[0, 4, 4, 4], [4, 0, 0, 0.5], [4, 0, 0, 0.5], [4, 0.5, 0.5, 0]]),
    ("subtract", [[0, -4, -4, -4], [-4, 0, 2, 1], [-4, 2, 0, 1], [-4, 1, 1, 0]]),
    ("ignore", [[0, 4, 4, 4], [4, 0, 2, 2], [4, 2, 0, 2], [4, 2, 2, 0]]),
])
def test_aggregations(debate, aggregation: str, expected) -> None:
    network = one_mode_network(debate, aggregation, TROOPS)
    assert network.row_labels == network.column_labels == ROWS
    assert network.rows == ("avalon", "brigadoon", "camelot", "dunland")
    assert isinstance(network.matrix, sp.csr_array)
    assert matrix(network) == expected


r2 = math.sqrt(2)


@pytest.mark.parametrize("normalization, expected", [
    # average: (n_i + n_j) / 2 = 3 for Avalon's pairs, 2 for the others
    ("average", [[0, 4 / 3, 4 / 3, 4 / 3], [4 / 3, 0, 0, 0.25], [4 / 3, 0, 0, 0.25], [4 / 3, 0.25, 0.25, 0]]),
    # dna-cosine: n_i * n_j = 8 and 4
    ("dna-cosine", [[0, 0.5, 0.5, 0.5], [0.5, 0, 0, 0.125], [0.5, 0, 0, 0.125], [0.5, 0.125, 0.125, 0]]),
    # cosine: norms of the target x polarity cells: 4 and sqrt 2
    ("cosine", [[0, 1 / r2, 1 / r2, 1 / r2], [1 / r2, 0, 0, 0.25], [1 / r2, 0, 0, 0.25], [1 / r2, 0.25, 0.25, 0]]),
    # jaccard: Avalon-x m10 4 + m01 2 + m11 0; Brigadoon-Dunland 1 + 1 + 1
    ("jaccard", [[0, 2 / 3, 2 / 3, 2 / 3], [2 / 3, 0, 0, 1 / 6], [2 / 3, 0, 0, 1 / 6], [2 / 3, 1 / 6, 1 / 6, 0]]),
    ("none", [[0, 4, 4, 4], [4, 0, 0, 0.5], [4, 0, 0, 0.5], [4, 0.5, 0.5, 0]]),
])
def test_normalizations_of_the_conflict_network(debate, normalization: str, expected) -> None:
    np.testing.assert_allclose(matrix(one_mode_network(debate, "conflict", TROOPS, normalization)), expected)


def test_normalizations_of_congruence_and_ignore(debate) -> None:
    expected = {"average": [0, 0, 1, 0.75], "dna-cosine": [0, 0, 0.5, 0.375],
                "cosine": [0, 0, 1, 0.75], "jaccard": [0, 0, 1, 0.5]}
    for normalization, row in expected.items():
        np.testing.assert_allclose(
            matrix(one_mode_network(debate, "congruence", TROOPS, normalization))[1], row)
    # the true cosine of "ignore" compares per-target counts: Avalon (0, 4), the others (1, 1)
    np.testing.assert_allclose(matrix(one_mode_network(debate, "ignore", TROOPS, "cosine"))[0],
                               [0, 1 / r2, 1 / r2, 1 / r2])
    # DNA's Jaccard counts target x polarity cells even when the qualifier is ignored
    np.testing.assert_allclose(matrix(one_mode_network(debate, "ignore", TROOPS, "jaccard"))[1],
                               [2 / 3, 0, 1, 2 / 3])


@pytest.mark.parametrize("aggregation, expected", [
    ("subtract", [[0, 4], [0, -1], [0, -1], [1, -1]]),
    ("ignore", [[0, 4], [1, 1], [1, 1], [1, 1]]),
    ("combine", [[0, 1], [4, 2], [4, 2], [1, 2]]),
])
def test_two_mode_aggregations(debate, aggregation: str, expected) -> None:
    network = affiliation_network(debate, TROOPS, aggregation)
    assert (network.row_labels, network.column_labels) == (ROWS, ("Aid", "Troops"))
    assert matrix(network) == expected


def test_targets_keep_their_own_proposal_without_grouping(debate) -> None:
    network = affiliation_network(debate)
    assert network.column_labels == ("Aid", "Peacekeeping force", "Troops")
    assert matrix(network) == [[0, 4, 0], [0, 0, -1], [0, -1, 0], [1, -1, 0]]


def test_roll_up_prefers_the_narrowest_listed_proposal_and_level_groups_by_depth(debate) -> None:
    both = affiliation_network(debate, Selection(roll_up=("peace", "troops")))
    assert both.column_labels == ("Peace plan", "Troops")
    assert matrix(both) == [[0, 4], [0, -1], [0, -1], [1, -1]]
    assert matrix(affiliation_network(debate, Selection(level=1))) == matrix(affiliation_network(debate, TROOPS))
    top = affiliation_network(debate, Selection(level=0))
    assert (top.column_labels, matrix(top)) == (("Peace plan",), [[4], [-1], [-1], [0]])


def test_proposal_networks_tie_proposals_through_shared_actors(debate) -> None:
    network = one_mode_network(debate, "congruence", mode="proposals")
    assert network.row_labels == ("Aid", "Peacekeeping force", "Troops")
    # Camelot: aid 0 and force -1 (0.5); Dunland: aid +1 and force -1 (0); Brigadoon: aid 0, troops -1
    assert matrix(network) == [[0, 0.5, 0.5], [0.5, 0, 0], [0.5, 0, 0]]


@pytest.mark.parametrize("rule, count", [
    ("all", 4), ("document", 2), ("week", 3), ("month", 2), ("year", 2), ("range", 1),
])
def test_duplicate_rules(debate, rule: str, count: int) -> None:
    network = affiliation_network(debate, Selection(duplicates=Duplicates(rule)), "ignore")
    assert matrix(network)[0][1] == count  # Avalon on the peacekeeping force


def test_week_and_month_rules_do_not_merge_across_years(debate) -> None:
    # 2024-01-02 and 2025-01-03 are both in ISO week 1 and in January; DNA would merge them
    kept = deduplicate(stances(debate), "week")
    dates = sorted(s.date for s in kept if s.actor == "avalon")
    assert dates == ["2024-01-02", "2024-01-20", "2025-01-03"]
    assert [s.date for s in deduplicate(stances(debate), "month") if s.actor == "avalon"] == \
        ["2024-01-02", "2025-01-03"]


def test_duplicates_compare_the_qualifier_unless_it_is_ignored(debate) -> None:
    level_zero = Selection(level=0, duplicates=Duplicates.RANGE)
    # Dunland opposes (via force) and supports (aid) the peace plan: two stances, or one when ignored
    assert matrix(affiliation_network(debate, level_zero, "ignore"))[3] == [1]
    assert matrix(affiliation_network(debate, level_zero, "combine"))[3] == [3]


def test_families_and_isolates(debate) -> None:
    with_neutral = Selection(families=("supports", "opposes", "hesitant", "neutral"))
    assert matrix(affiliation_network(debate, with_neutral, "ignore"))[3] == [1, 1, 1]  # discusses troops
    everyone = affiliation_network(debate, Selection(roll_up=("troops",), isolates=True))
    assert everyone.row_labels == (*ROWS, "Percival")
    assert everyone.column_labels == ("Aid", "Peace plan", "Troops")
    assert matrix(everyone)[4] == [0, 0, 0]


def test_to_dict_and_to_graph(debate) -> None:
    network = one_mode_network(debate, "subtract", TROOPS)
    data = network.to_dict()
    assert data["rows"] == list(ROWS) and data["matrix"][1] == [-4, 0, 2, 1]
    assert all(type(x) is int for row in data["matrix"] for x in row)
    G = network.to_graph()
    assert G["brigadoon"]["camelot"]["weight"] == 2.0 and G.nodes["avalon"]["label"] == "Avalon"
    assert G.number_of_edges() == 6 and not any(u == v for u, v in G.edges)
    two = affiliation_network(debate, TROOPS).to_graph()
    assert two.nodes["troops"]["bipartite"] == 1 and two["avalon"]["troops"]["weight"] == 4.0
    assert not two.has_edge("brigadoon", "aid")  # hesitant: 0 after subtracting


def test_windows_give_one_network_per_window(debate) -> None:
    found = over_windows(debate, lambda H: affiliation_network(H, Selection(isolates=True)), days=30)
    assert len(found) == 13 and (found[0].start, found[0].end) == ("2024-01-02", "2024-01-31")
    assert found[0].result.start == "2024-01-02" and found[-1].result.end == "2025-01-25"
    assert all(w.result.rows == found[0].result.rows for w in found)
    force = found[0].result.columns.index("force")
    assert [matrix(w.result)[0][force] for w in found] == [3] + [0] * 11 + [1]
    assert windows("2024-01-01", "2024-01-10", 5, 2)[-1] == ("2024-01-09", "2024-01-13")


def test_errors(debate, debate_store: Store) -> None:
    with pytest.raises(NotFound, match="no issue 'troop'; did you mean troops"):
        stances(debate, Selection(roll_up=("troop",)))
    flat = stance_graph(debate_store, ViewFilter())
    with pytest.raises(InvalidOption, match="hierarchy=True"):
        stances(flat, TROOPS)
    with pytest.raises(InvalidOption, match="family 'hierarchy' is not one of supports, opposes, hesitant, neutral"):
        stances(debate, Selection(families=("supports", "hierarchy")))
    with pytest.raises(InvalidOption, match="level must be 0 or more"):
        stances(debate, Selection(level=-1))
    with pytest.raises(InvalidOption, match="unknown aggregation 'agree'; choose one of ignore, congruence"):
        one_mode_network(debate, "agree")
    with pytest.raises(InvalidOption, match="not 'combine'"):
        one_mode_network(debate, "combine")
    with pytest.raises(InvalidOption, match="not 'congruence'"):
        affiliation_network(debate, aggregation="congruence")
    with pytest.raises(InvalidOption, match="unknown normalization 'cos'"):
        one_mode_network(debate, normalization="cos")
    with pytest.raises(InvalidOption, match="unknown duplicates 'weekly'"):
        deduplicate(stances(debate), "weekly")
    with pytest.raises(InvalidOption, match="unknown mode"):
        one_mode_network(debate, mode="targets")
    with pytest.raises(InvalidOption, match="at least one day"):
        windows("2024-01-01", "2024-02-01", 0)
    with pytest.raises(InvalidOption, match=r"start .* after"):
        windows("2024-02-01", "2024-01-01", 5)
    with pytest.raises(InvalidOption, match=r"from '2024-13-01' is not a date \(YYYY-MM-DD\)"):
        windows("2024-13-01", "2024-01-01", 5)


def test_a_network_that_may_outgrow_memory_is_refused_before_its_product(debate, monkeypatch) -> None:
    # with troops rolled up, 4 actors share troops and 3 share aid: at most 4 x 4 ties
    monkeypatch.setattr(discourse, "MAX_TIES", 16)
    assert one_mode_network(debate, "conflict", TROOPS).matrix.nnz == 10
    monkeypatch.setattr(discourse, "MAX_TIES", 15)
    with pytest.raises(InvalidOption, match="conflict network of 4 actors could hold up to 16 ties, "
                                            "more than the 15 one network may hold; narrow"):
        one_mode_network(debate, "conflict", TROOPS)
