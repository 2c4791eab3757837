"""Gate tests on the real coded data: every article in data/ has its quotes verbatim and conforms
to the shapes; the seed (its first article) answers the headline questions as coded."""

from collections import defaultdict
from pathlib import Path

import pytest

from graph.analysis.evidence import who
from graph.analysis.listings import actors
from graph.analysis.resolution import resolve
from graph.ingest.files import read_paths
from graph.store import Store


def test_every_quote_occurs_verbatim_at_its_offsets(data_dir: Path, seed_source: Path,
                                                    seed_statements: list[dict]) -> None:
    sources = [file for file in read_paths([data_dir]) if file.kind == "source"]
    for file in sources:
        text = file.context.text
        for st in file.statements:
            assert text[st.start:st.end] == st.quote, st.id
    (seed,) = [file for file in sources if file.path.resolve() == seed_source]
    assert [st.quote for st in seed.statements] == [st["quote"] for st in seed_statements]


def test_every_article_conforms_to_the_shapes(data_dir: Path) -> None:
    with Store(None) as store:
        store.load([data_dir])
        store.check()


def _by_actor(rows) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for e in rows:
        found[e.actor].add(e.relation)
    return dict(found)


def test_who_opposes_troop_deployment(seed_store: Store) -> None:
    rows = who(seed_store, "opposes", "troop-deployment")
    assert _by_actor(rows) == {
        "russia": {"warns-against"},
        "united-states": {"declines-to-contribute"},
        "poland": {"declines-to-contribute"},
        "italy": {"declines-to-contribute"},
    }
    russia = next(e for e in rows if e.actor == "russia")
    assert "uncontrollable escalation" in russia.quote
    us = next(e for e in rows if e.actor == "united-states")
    assert us.speaker == "donald-trump" and "will not send troops" in us.quote


def test_ruling_out_troops_is_declining_to_contribute_not_opposing_the_force(seed_store: Store) -> None:
    assert who(seed_store, "rules-out", "troop-deployment")
    assert who(seed_store, "opposes", "stabilization-force") == []


def test_who_supports_troop_deployment(seed_store: Store) -> None:
    rows = who(seed_store, "supports", "troop deployment")
    assert _by_actor(rows) == {"france": {"offers"}, "united-kingdom": {"plans-for"}}
    uk = next(e for e in rows if e.actor == "united-kingdom")
    assert uk.condition == "if the fighting ends" and uk.speaker == "keir-starmer"


def test_who_rules_out_nato_membership(seed_store: Store) -> None:
    rows = who(seed_store, "rules-out", "NATO membership")
    assert set(_by_actor(rows)) == {"united-states", "some-european-capitals", "russia"}
    assert all("ruled out by Washington" in e.quote for e in rows)


def test_who_insists_on_ironclad_guarantees(seed_store: Store) -> None:
    (row,) = who(seed_store, "insists-on", "ironclad-security-guarantees")
    assert (row.actor, row.speaker) == ("ukraine", "volodymyr-zelensky")
    assert '"ironclad guarantees"' in row.quote


def test_germany_is_reserved_and_trump_assures(seed_store: Store) -> None:
    (germany,) = who(seed_store, "is-hesitant-about", "european-force-deployment")
    assert germany.actor == "germany" and germany.reason == "due to limited military resources"
    (trump,) = who(seed_store, "assures", "security-guarantees")
    assert trump.target == "article-5-like-guarantee" and trump.date == "2025-08-18"


def test_anonymous_sources_and_the_closing_quotes_are_coded(seed_store: Store) -> None:
    sceptics = {e.actor: e for e in who(seed_store, "is-sceptical-of", "security-guarantees")}
    assert {"german-lawmaker", "eastern-european-diplomat", "poland", "ukraine"} <= set(sceptics)
    assert sceptics["poland"].speaker == "polish-official"
    assert sceptics["eastern-european-diplomat"].attribution == "anonymous"
    (distance,) = who(seed_store, "keeps-distance-from", "russia")
    assert distance.actor == "united-states" and distance.according_to == "polish-official"
    (budapest,) = who(seed_store, "commits-to", "budapest-memorandum")
    assert budapest.modality == "historical" and budapest.date == "1994-12-05"


@pytest.mark.parametrize(("alias", "actor"), [
    ("Kiev", "ukraine"), ("Kyiv", "ukraine"), ("Washington", "united-states"),
    ("Moscow", "russia"), ("Berlin", "germany"), ("the Europeans", "europe"),
])
def test_aliases_name_their_actors(seed_store: Store, alias: str, actor: str) -> None:
    assert resolve(seed_store, alias).id == actor


def test_persons_speak_for_their_states_with_roles(seed_store: Store) -> None:
    by_id = {a.id: a for a in actors(seed_store)}
    assert (by_id["keir-starmer"].speaks_for, by_id["keir-starmer"].role) == (["united-kingdom"], "Prime Minister")
    assert by_id["marco-rubio"].role == "Secretary of State"
    assert by_id["polish-official"].type == "AnonymousSource"


def test_background_facts_are_kept_apart_with_their_source(seed_store: Store) -> None:
    rows = seed_store.select("""
        SELECT ?g ?source WHERE { GRAPH ?g { ?x sg:wikidataId ?q } ?g dcterms:source ?source }""")
    assert rows and {r["g"] for r in rows} == {"https://w3id.org/stancegraph/id/background/wikidata"}
    assert not seed_store.ask("""ASK { GRAPH <https://w3id.org/stancegraph/id/graph/politico-ukraine-guarantees>
                                     { ?x sg:wikidataId ?q } }""")
    dated = seed_store.select("""
        SELECT ?st ?basis WHERE { ?st sg:date "2025-08-18"^^xsd:date ; prov:wasInfluencedBy ?b .
                                  ?b dcterms:source ?basis }""")
    assert dated and all("White House" in str(r["basis"]) for r in dated)
