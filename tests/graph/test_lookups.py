"""Queries on the mini data set: hierarchy of relations and of issues, resolution, profiles."""

import pytest
from rdflib import Literal

from graph.analysis._bound import select
from graph.analysis.evidence import source, statement, statements, who
from graph.analysis.listings import actors, issues, profile
from graph.analysis.resolution import relations, resolve, resolve_relation
from graph.errors import NotFound
from graph.store import Store
from graph.vocab import source_iri


def _actors(rows) -> list[str]:
    return sorted(e.actor for e in rows)


def test_opposes_includes_narrower_relations_and_issues(mini_store: Store) -> None:
    found = who(mini_store, "opposes", "foreign-troops")
    assert _actors(found) == ["osterlich", "ruritania"]
    ruritania = next(e for e in found if e.actor == "ruritania")
    assert ruritania.relation == "declines-to-contribute"
    assert ruritania.target == "national-soldiers"
    assert ruritania.speaker == "anna-berg"
    assert ruritania.quote == "Ruritania will never send soldiers to Freedonia"
    assert (ruritania.quote_start, ruritania.quote_end) == (0, 47)


def test_direct_only_stops_at_the_named_issue(mini_store: Store) -> None:
    assert _actors(who(mini_store, "opposes", "foreign-troops", direct_only=True)) == ["osterlich"]


def test_narrow_relation_excludes_its_siblings(mini_store: Store) -> None:
    assert _actors(who(mini_store, "rules-out", "peace-support")) == ["ruritania"]
    assert _actors(who(mini_store, "warns against", "peace support")) == ["osterlich"]
    assert _actors(who(mini_store, "supports", "Foreign troops")) == ["sylvania"]


def test_resolution_by_label_and_alias(mini_store: Store) -> None:
    assert resolve(mini_store, "Strelsau").id == "ruritania"
    assert resolve(mini_store, "berg").id == "anna-berg"
    assert resolve(mini_store, "PEACEKEEPING FORCE").kind == "issue"
    assert resolve_relation(mini_store, "Declines to contribute to").id == "declines-to-contribute"


def test_unknown_ids_offer_close_matches(mini_store: Store) -> None:
    with pytest.raises(NotFound, match="no actor or issue 'sylvana'; did you mean sylvania"):
        resolve(mini_store, "sylvana")
    with pytest.raises(NotFound, match="no relation 'oposes'; did you mean opposes"):
        who(mini_store, "oposes", "foreign-troops")


def test_listings(mini_store: Store) -> None:
    by_id = {a.id: a for a in actors(mini_store)}
    assert by_id["anna-berg"].speaks_for == ["ruritania"]
    assert by_id["anna-berg"].role == "defence minister"
    assert by_id["league"].type == "Alliance"
    assert by_id["ruritania"].statements == 1
    troops = next(i for i in issues(mini_store) if i.id == "foreign-troops")
    assert troops.broader == ["peace-support"]
    assert troops.narrower == ["national-soldiers", "peacekeeping-force"]
    assert {r.id for r in relations(mini_store)} >= {"opposes", "rules-out", "speaks-for"}


def test_profile_lists_statements_as_actor_speaker_and_target(mini_store: Store) -> None:
    berg = profile(mini_store, "anna-berg")
    assert sorted(e.statement for e in berg.statements) == ["mini-s1", "mini-s2"]
    ruritania = profile(mini_store, "ruritania")
    assert sorted(e.statement for e in ruritania.statements) == ["mini-s1", "mini-s2"]


def test_values_are_bound_never_read_as_query_text(mini_store: Store) -> None:
    # a value that would widen the pattern if it were pasted into the query
    sneaky = Literal('mini" } UNION { ?d ?p ?o } #')
    assert select(mini_store, "SELECT ?d $id WHERE { ?d sg:slug $id }", id=sneaky) == []
    assert [r["d"] for r in select(mini_store, "SELECT ?d $id WHERE { ?d sg:slug $id }",
                                   id=Literal("mini"))] == [str(source_iri("mini"))]
    with pytest.raises(NotFound, match="no source 'mini\" } #'"):
        source(mini_store, 'mini" } #')
    with pytest.raises(NotFound, match="no statement"):
        statement(mini_store, "mini-s1\n")
    assert statement(mini_store, "mini-s1").actor == "ruritania"


def test_statement_filters(mini_store: Store) -> None:
    page = statements(mini_store, actor="Strelsau", relation="opposes", target="peace-support",
                      source="mini", start="2025-01-10", end="2025-01-10")
    assert [e.statement for e in page.items] == ["mini-s1"] and page.total == 1
    assert statements(mini_store, end="2025-01-09").total == 1
    page = statements(mini_store, limit=2, offset=1)  # in date order: mini-s3 is the earliest
    assert [e.statement for e in page.items] == ["mini-s1", "mini-s2"] and page.total == 4
