"""The headline queries on the real data in Virtuoso give the embedded store's answers."""

from __future__ import annotations

import json

import pytest

from graph.analysis import camps, evidence, listings, resolution
from graph.errors import NotFound
from graph.store.isolation import QueryRunner
from graph.store import Store

pytestmark = pytest.mark.needs("virtuoso-t")

SEED_QUESTIONS = [
    ("opposes", "troop-deployment"), ("supports", "troop deployment"),
    ("rules-out", "NATO membership"), ("insists-on", "ironclad-security-guarantees"),
    ("rules-out", "troop-deployment"), ("opposes", "stabilization-force"),
    ("is-sceptical-of", "security-guarantees"), ("keeps-distance-from", "russia"),
]


@pytest.mark.parametrize(("relation", "target"), SEED_QUESTIONS)
def test_who_answers_as_the_embedded_store(remote_seed: Store, seed_store: Store,
                                           relation: str, target: str) -> None:
    assert evidence.who(remote_seed, relation, target) == evidence.who(seed_store, relation, target)


def test_who_seed_answers(remote_seed: Store) -> None:
    opponents = {row.actor for row in evidence.who(remote_seed, "opposes", "troop-deployment")}
    assert opponents == {"italy", "poland", "russia", "united-states"}
    (row,) = evidence.who(remote_seed, "insists-on", "ironclad-security-guarantees")
    assert '"ironclad guarantees"' in row.quote


def test_direct_only(remote_seed: Store, seed_store: Store) -> None:
    assert (evidence.who(remote_seed, "opposes", "troop-deployment", direct_only=True)
            == evidence.who(seed_store, "opposes", "troop-deployment", direct_only=True))


def test_relations(remote_seed: Store, seed_store: Store) -> None:
    assert resolution.relations(remote_seed) == resolution.relations(seed_store)


def test_actors(remote_seed: Store, seed_store: Store) -> None:
    assert listings.actors(remote_seed) == listings.actors(seed_store)


def test_issues(remote_seed: Store, seed_store: Store) -> None:
    assert listings.issues(remote_seed) == listings.issues(seed_store)


@pytest.mark.parametrize("key", ["united-states", "troop-deployment"])
def test_profile(remote_seed: Store, seed_store: Store, key: str) -> None:
    assert listings.profile(remote_seed, key) == listings.profile(seed_store, key)


def test_statements_paging(remote_seed: Store, seed_store: Store, seed_statements: list[dict]) -> None:
    pages = [evidence.statements(store, limit=7, offset=offset)
             for store in (remote_seed, seed_store) for offset in range(0, 42, 7)]
    ours, theirs = pages[len(pages) // 2:], pages[:len(pages) // 2]
    assert theirs == ours and ours[0].total == len(seed_statements)
    assert (evidence.statements(remote_seed, relation="opposes", target="troop-deployment")
            == evidence.statements(seed_store, relation="opposes", target="troop-deployment"))
    assert (evidence.statements(remote_seed, actor="poland", start="2025-01-01", end="2025-12-31")
            == evidence.statements(seed_store, actor="poland", start="2025-01-01", end="2025-12-31"))


@pytest.mark.parametrize("proposal", ["troop-deployment", "security-guarantees"])
def test_camps(remote_seed: Store, seed_store: Store, proposal: str) -> None:
    assert camps.camps(remote_seed, proposal) == camps.camps(seed_store, proposal)


def test_unknown_ids_offer_close_matches(remote_seed: Store) -> None:
    with pytest.raises(NotFound, match="poland"):
        evidence.who(remote_seed, "opposes", "polnd")


def test_the_query_runner_sends_queries_to_the_server(remote_seed: Store, seed_store: Store) -> None:
    query = "SELECT ?slug WHERE { ?x a sg:State ; sg:slug ?slug } ORDER BY ?slug"
    answers = []
    for store in (remote_seed, seed_store):
        runner = QueryRunner(store, timeout=10, max_rows=5)
        try:
            answers.append(runner.run(query, "application/sparql-results+json"))
        finally:
            runner.close()
    remote, local = answers
    assert remote.truncated and local.truncated
    assert json.loads(remote.body)["results"] == json.loads(local.body)["results"]
