"""Camps on a proposal and paths between two nodes (graph/analysis/camps.py, paths.py)."""

from __future__ import annotations

import pytest

from graph.errors import InvalidOption, NotFound
from graph.analysis.camps import camps
from graph.analysis.paths import paths
from graph.store import Store


def _members(group) -> list[str]:
    return [m.actor for m in group]


def test_camps_on_the_mini_data(mini_store: Store) -> None:
    found = camps(mini_store, "foreign-troops")
    assert found.proposal.id == "foreign-troops"
    assert _members(found.supporters) == ["sylvania"]
    assert _members(found.opponents) == ["osterlich", "ruritania"]
    assert found.hesitant == []
    ruritania = found.opponents[1]
    assert ruritania.label == "Ruritania" and ruritania.evidence[0].speaker == "anna-berg"
    assert _members(camps(mini_store, "foreign-troops", direct_only=True).opponents) == ["osterlich"]
    assert _members(camps(mini_store, "Foreign troops", end="2025-01-09").supporters) == ["sylvania"]
    assert camps(mini_store, "foreign-troops", end="2025-01-09").opponents == []
    assert camps(mini_store, "foreign-troops", start="2025-01-10").supporters == []


def test_camps_on_troop_deployment(seed_store: Store) -> None:
    found = camps(seed_store, "troop-deployment")
    assert _members(found.supporters) == ["france", "united-kingdom"]
    assert _members(found.opponents) == ["italy", "poland", "russia", "united-states"]
    assert _members(found.hesitant) == ["german-lawmaker", "germany", "unnamed-sceptics"]
    russia = next(m for m in found.opponents if m.actor == "russia")
    assert russia.evidence[0].relation == "warns-against"
    assert russia.evidence[0].target == "nato-forces-in-ukraine"
    uk = found.supporters[1].evidence[0]
    assert uk.target == "stabilization-force" and uk.speaker == "keir-starmer"


def test_camp_errors(mini_store: Store) -> None:
    with pytest.raises(NotFound, match="no issue 'foreign-trops'; did you mean foreign-troops"):
        camps(mini_store, "foreign-trops")
    with pytest.raises(NotFound, match="no issue 'ruritania'"):
        camps(mini_store, "ruritania")
    with pytest.raises(InvalidOption, match=r"from '10 January' is not a date \(YYYY-MM-DD\)"):
        camps(mini_store, "foreign-troops", start="10 January")


def test_path_between_poland_and_russia(seed_store: Store) -> None:
    found = paths(seed_store, "poland", "russia", families=("supports", "opposes", "hierarchy"), k=6)
    assert (found.source.id, found.target.id) == ("poland", "russia")
    assert [(p.length, p.shortest) for p in found.paths] == [(4, True)] * 4 + [(5, False)] * 2
    by_nodes = {tuple(p.nodes): p for p in found.paths}
    assert {nodes[1:4] for nodes in list(by_nodes)[:4]} == {
        ("logistical-support", "security-guarantees", "nato-membership-for-ukraine"),
        ("defense-pact", "security-guarantees", "nato-membership-for-ukraine"),
        ("sending-national-troops", "troop-deployment", "nato-forces-in-ukraine"),
        ("sending-national-troops", "united-states", "nato-membership-for-ukraine")}
    via_troops = by_nodes[("poland", "sending-national-troops", "troop-deployment",
                           "nato-forces-in-ukraine", "russia")]
    assert [s.forward for s in via_troops.steps] == [True, True, False, False]
    first, *_, last = via_troops.steps
    assert first.sentence == ("Poland declines to contribute to Sending national troops: "
                              "“with Poland and Italy ruling out sending troops”")
    assert last.relation == "warns-against" and last.quote.startswith("Moscow has warned")
    assert via_troops.steps[1].sentence == "Sending national troops is narrower than Troop deployment in Ukraine"
    via_us = by_nodes[("poland", "sending-national-troops", "united-states",
                       "nato-membership-for-ukraine", "russia")]
    assert via_us.steps[1].statement == "politico-ukraine-guarantees-s17"


def test_path_options(seed_store: Store) -> None:
    stances_only = paths(seed_store, "Warsaw", "Moscow", families=("supports", "opposes"), k=5, max_length=4)
    assert [p.nodes[2] for p in stances_only.paths] == ["united-states"]
    everything = paths(seed_store, "poland", "russia", k=1)
    assert everything.paths[0].length == 3  # e.g. through Poland's scepticism of security guarantees
    assert paths(seed_store, "poland", "russia", direction="forward").paths == []
    backward = paths(seed_store, "troop-deployment", "poland", direction="backward",
                     families=("opposes", "hierarchy"))
    assert backward.paths[0].nodes == ["troop-deployment", "sending-national-troops", "poland"]
    assert [s.forward for s in backward.paths[0].steps] == [False, False]
    assert paths(seed_store, "poland", "russia", families=("supports",)).paths == []


def test_path_errors(mini_store: Store) -> None:
    with pytest.raises(NotFound, match="did you mean ruritania"):
        paths(mini_store, "ruritana", "osterlich")
    with pytest.raises(InvalidOption, match="both 'ruritania'"):
        paths(mini_store, "ruritania", "Strelsau")
    with pytest.raises(InvalidOption, match="unknown direction 'up'"):
        paths(mini_store, "ruritania", "osterlich", direction="up")
    with pytest.raises(InvalidOption,
                       match="family 'broader' is not one of supports, opposes, hesitant, neutral, hierarchy"):
        paths(mini_store, "ruritania", "osterlich", families=("broader",))
    with pytest.raises(InvalidOption, match="at least 1"):
        paths(mini_store, "ruritania", "osterlich", k=0)
    found = paths(mini_store, "ruritania", "osterlich")
    assert found.paths[0].nodes == ["ruritania", "national-soldiers", "foreign-troops", "osterlich"]
