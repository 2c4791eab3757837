"""The store on a real SPARQL server (Virtuoso): the embedded store's tests, and equal contents."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.errors import QueryError, ShapeViolation, SourceDataError, StancegraphError
from graph.store import Store
from graph.vocab import ID, SG, actor_iri, statement_iri

pytestmark = pytest.mark.needs("virtuoso-t")

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), STR(id:))) }"


def _count(store: Store) -> int:
    return int(store.select(COUNT)[0]["n"])


def test_the_location_chooses_the_engine(remote: Store, virtuoso: str) -> None:
    assert remote.url == virtuoso and remote.location is None and remote.isolates_queries
    assert Store(None).url is None and not Store(None).isolates_queries


def test_load_gives_the_same_graphs_as_the_embedded_store(remote_mini: Store, mini_store: Store) -> None:
    assert remote_mini.graph_names() == mini_store.graph_names()
    assert len(remote_mini) == len(mini_store) == _count(remote_mini)
    theirs, ours = remote_mini.dataset(), mini_store.dataset()
    for name in mini_store.graph_names():
        assert isomorphic(theirs.graph(URIRef(name)), ours.graph(URIRef(name))), name


def test_persists_across_reopen(remote_mini: Store, virtuoso: str) -> None:
    size = len(remote_mini)
    with Store(virtuoso) as reopened:
        assert len(reopened) == size
        assert reopened.ask(f"ASK {{ <{actor_iri('sylvania')}> sg:offers ?x }}")


def test_reload_is_idempotent(remote_mini: Store, mini_dir: Path) -> None:
    before = remote_mini.dataset()
    remote_mini.load([mini_dir])
    remote_mini.load([mini_dir / "sources" / "mini.yaml"])
    after = remote_mini.dataset()
    assert len(after) == len(before)
    for name in remote_mini.graph_names():
        assert isomorphic(before.graph(URIRef(name)), after.graph(URIRef(name))), name


def test_failed_load_changes_nothing(remote_mini: Store, make_data) -> None:
    before = _count(remote_mini)
    bad = make_data(lambda d: d["sources/mini.yaml"]["statements"][0].update(target="nowhere"))
    with pytest.raises(SourceDataError, match="nowhere"):
        remote_mini.load([bad])
    assert _count(remote_mini) == before


def test_shape_violation_changes_nothing(remote_mini: Store, make_data) -> None:
    before = _count(remote_mini)
    bad = make_data(lambda d: d["sources/mini.yaml"]["statements"][2].update(speaker="freedonia"))
    with pytest.raises(ShapeViolation, match="mini-s3: sg:speaker"):
        remote_mini.load([bad])
    assert _count(remote_mini) == before


def test_a_changed_file_replaces_its_old_statements(remote_mini: Store, make_data) -> None:
    changed = make_data(lambda d: d["sources/mini.yaml"]["statements"].pop(3))
    remote_mini.load([changed / "sources" / "mini.yaml"])
    assert not remote_mini.ask(f"ASK {{ <{actor_iri('osterlich')}> sg:warnsAgainst ?x }}")
    assert remote_mini.ask(f"ASK {{ <{actor_iri('sylvania')}> sg:offers ?x }}")


def test_query_forms(remote_mini: Store) -> None:
    rows = remote_mini.select("SELECT ?label WHERE { ?x sg:slug 'sylvania' ; skos:prefLabel ?label }")
    assert rows == [{"label": "Sylvania"}]
    g = remote_mini.construct("CONSTRUCT { ?a sg:offers ?t } WHERE { ?a sg:offers ?t }")
    assert isinstance(g, Graph) and len(g) == 1
    assert (actor_iri("sylvania"), SG.offers, None) in g
    numbers = remote_mini.select("SELECT ?s WHERE { ?x sg:quoteStart ?s } ORDER BY ?s LIMIT 1")
    assert numbers == [{"s": 0}]


def test_lookups_match_the_embedded_store(remote_mini: Store, mini_store: Store) -> None:
    sylvania = str(actor_iri("sylvania"))
    assert remote_mini.properties(sylvania) == mini_store.properties(sylvania) != {}
    assert remote_mini.objects(sylvania, str(SG.slug)) == ["sylvania"]
    assert remote_mini.subjects(str(SG.actor), sylvania) == mini_store.subjects(str(SG.actor), sylvania)


def test_bad_queries_raise_query_error(remote_mini: Store) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        remote_mini.select("SELECT WHERE {")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        remote_mini.select("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryError, match="expected a SELECT"):
        remote_mini.select("ASK { ?s ?p ?o }")


def test_store_check_finds_no_violation(remote_mini: Store) -> None:
    remote_mini.check()


def test_remove_statement(remote_mini: Store, mini_store: Store) -> None:
    for store in (remote_mini, mini_store):
        store.remove_statement(statement_iri("mini-s3"))
    assert not remote_mini.ask(f"ASK {{ <{statement_iri('mini-s3')}> ?p ?o }}")
    assert not remote_mini.ask(f"ASK {{ <{actor_iri('sylvania')}> sg:offers ?x }}")
    assert len(remote_mini) == len(mini_store)


def test_what_needs_the_embedded_engine_says_so(remote_mini: Store, tmp_path: Path) -> None:
    with pytest.raises(StancegraphError, match="remote SPARQL endpoint"):
        remote_mini.snapshot(tmp_path / "snap")
    nq = tmp_path / "x.nq"
    nq.write_text("<urn:a> <urn:b> <urn:c> <https://w3id.org/stancegraph/id/graph/x> .\n")
    with pytest.raises(StancegraphError, match="remote SPARQL endpoint"):
        remote_mini.load([nq])


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    store = Store("sparql+http://127.0.0.1:9/sparql")
    with pytest.raises(QueryError, match="unreachable"):
        store.ask("ASK { ?s ?p ?o }")
    with pytest.raises(StancegraphError, match="nothing was written"):
        store.insert({URIRef("urn:g"): Graph()})


def test_bound_values_reach_the_endpoint_as_terms(remote_mini: Store) -> None:
    assert remote_mini.ask("ASK { ?a sg:offers ?t }", {"a": actor_iri("sylvania")})
    assert not remote_mini.ask("ASK { ?a sg:offers ?t }", {"a": actor_iri("osterlich")})
    g = remote_mini.construct("CONSTRUCT { ?a sg:offers ?t } WHERE { ?a sg:offers ?t }",
                              {"a": actor_iri("sylvania")})
    assert len(g) == 1 and (actor_iri("sylvania"), SG.offers, None) in g


@pytest.mark.parametrize("hostile", [
    "sylvania' } UNION { ?x ?p ?o } #", 'sylvania" } UNION { ?x ?p ?o } #', "x' ; sg:slug ?any . }",
    'sylvania"@en', "sylvania\\", "a\nb #",
])
def test_a_hostile_literal_cannot_change_the_remote_query(remote_mini: Store, hostile: str) -> None:
    query = "SELECT ?x ?slug WHERE { ?x sg:slug ?slug }"
    assert remote_mini.select(query, {"slug": Literal(hostile)}) == []
    remote_mini.insert({ID["graph/extra"]: Graph().add((URIRef("urn:x"), SG.slug, Literal(hostile)))})
    assert remote_mini.select(query, {"slug": Literal(hostile)}) == [{"x": "urn:x", "slug": hostile}]


def test_a_hostile_iri_is_refused_before_the_endpoint(remote_mini: Store) -> None:
    for hostile in (f"{actor_iri('sylvania')}> ?p ?o }} #", "urn:x> ; <urn:y"):
        with pytest.raises(QueryError, match="not a valid RDF term"):
            remote_mini.ask("ASK { ?s ?p ?o }", {"s": URIRef(hostile)})
