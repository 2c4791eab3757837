"""The embedded store: persistence, atomic and idempotent loads, the three query forms."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.errors import QueryError, ShapeViolation, SourceDataError
from graph.store import Store, query_form
from graph.vocab import ID, SG, actor_iri, graph_iri, statement_iri

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _count(store: Store) -> int:
    return int(store.select(COUNT)[0]["n"])


def test_persists_across_reopen(tmp_path: Path, mini_dir: Path) -> None:
    store = Store(tmp_path / "db")
    report = store.load([mini_dir])
    assert report.statements == 4
    size = len(store)
    store.close()
    reopened = Store(tmp_path / "db")
    assert len(reopened) == size
    assert reopened.ask(f"ASK {{ <{actor_iri('sylvania')}> sg:offers ?x }}")


def test_reload_is_idempotent(mini_store: Store, mini_dir: Path) -> None:
    before = mini_store.dataset()
    mini_store.load([mini_dir])
    mini_store.load([mini_dir / "sources" / "mini.yaml"])
    after = mini_store.dataset()
    assert len(after) == len(before)
    for name in mini_store.graph_names():
        assert isomorphic(before.graph(URIRef(name)), after.graph(URIRef(name))), name


def test_failed_load_changes_nothing(mini_store: Store, make_data) -> None:
    before = _count(mini_store)
    bad = make_data(lambda d: d["sources/mini.yaml"]["statements"][0].update(target="nowhere"))
    with pytest.raises(SourceDataError, match="nowhere"):
        mini_store.load([bad])
    assert _count(mini_store) == before


def test_shape_violation_changes_nothing(mini_store: Store, make_data) -> None:
    before = _count(mini_store)
    # a speaker must be a person: a state is not
    bad = make_data(lambda d: d["sources/mini.yaml"]["statements"][2].update(speaker="freedonia"))
    with pytest.raises(ShapeViolation, match="mini-s3: sg:speaker"):
        mini_store.load([bad])
    assert _count(mini_store) == before


def test_a_changed_file_replaces_its_old_statements(mini_store: Store, make_data) -> None:
    changed = make_data(lambda d: d["sources/mini.yaml"]["statements"].pop(3))
    mini_store.load([changed / "sources" / "mini.yaml"])
    assert not mini_store.ask(f"ASK {{ <{actor_iri('osterlich')}> sg:warnsAgainst ?x }}")
    assert mini_store.ask(f"ASK {{ <{actor_iri('sylvania')}> sg:offers ?x }}")


def test_source_file_alone_resolves_ids_already_stored(mini_store: Store, mini_dir: Path) -> None:
    report = mini_store.load([mini_dir / "sources" / "mini.yaml"])
    assert report.statements == 4


def test_query_forms(mini_store: Store) -> None:
    rows = mini_store.select("SELECT ?label WHERE { ?x sg:slug 'sylvania' ; skos:prefLabel ?label }")
    assert rows == [{"label": "Sylvania"}]
    g = mini_store.construct("CONSTRUCT { ?a sg:offers ?t } WHERE { ?a sg:offers ?t }")
    assert isinstance(g, Graph) and len(g) == 1
    assert (actor_iri("sylvania"), SG.offers, None) in g
    numbers = mini_store.select("SELECT ?s WHERE { ?x sg:quoteStart ?s } ORDER BY ?s LIMIT 1")
    assert numbers == [{"s": 0}]


@pytest.mark.parametrize(("query", "form"), [
    ("SELECT * WHERE { ?s ?p ?o }", "select"), ("ASK { ?s ?p ?o }", "ask"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"), ("DESCRIBE <urn:x>", "construct"),
])
def test_query_form(query: str, form: str) -> None:
    assert query_form(query) == form


def test_bad_queries_raise_query_error(mini_store: Store) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        mini_store.select("SELECT WHERE {")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        mini_store.select("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryError, match="expected a SELECT"):
        mini_store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="malformed SPARQL"):
        query_form("SELECT ?x WHERE { ?x nope:thing ?y }")


def test_store_check_finds_no_violation(mini_store: Store) -> None:
    mini_store.check()


def test_store_check_fails_on_a_violation(mini_store: Store) -> None:
    # a speaker must be a person: a state is not
    mini_store.insert({ID["graph/extra"]: Graph().add(
        (statement_iri("mini-s3"), SG.speaker, actor_iri("freedonia")))})
    with pytest.raises(ShapeViolation, match="mini-s3: sg:speaker"):
        mini_store.check()


def test_bound_values_are_matched_as_terms(mini_store: Store) -> None:
    slug = "SELECT ?x ?slug WHERE { ?x sg:slug ?slug }"
    assert mini_store.select(slug, {"slug": Literal("sylvania")}) == [
        {"x": str(actor_iri("sylvania")), "slug": "sylvania"}]
    assert mini_store.ask("ASK { ?a sg:offers ?t }", {"a": actor_iri("sylvania")})
    assert not mini_store.ask("ASK { ?a sg:offers ?t }", {"a": actor_iri("osterlich")})
    g = mini_store.construct("CONSTRUCT { ?a sg:offers ?t } WHERE { ?a sg:offers ?t }",
                             {"a": actor_iri("sylvania")})
    assert len(g) == 1 and (actor_iri("sylvania"), SG.offers, None) in g


@pytest.mark.parametrize("hostile", [
    "sylvania' } UNION { ?x ?p ?o } #", 'sylvania" } UNION { ?x ?p ?o } #', "x' ; sg:slug ?any . }",
    'sylvania"@en', "sylvania\\",
])
def test_a_hostile_literal_cannot_change_the_query(mini_store: Store, hostile: str) -> None:
    query = "SELECT * WHERE { ?x sg:slug ?slug }"
    assert mini_store.select(query, {"slug": Literal(hostile)}) == []
    assert not mini_store.ask("ASK { ?x sg:slug ?slug }", {"slug": Literal(hostile)})
    mini_store.insert({ID["graph/extra"]: Graph().add((URIRef("urn:x"), SG.slug, Literal(hostile)))})
    assert mini_store.select(query, {"slug": Literal(hostile)}) == [{"x": "urn:x", "slug": hostile}]


def test_a_hostile_iri_is_refused(mini_store: Store) -> None:
    for hostile in (f"{actor_iri('sylvania')}> ?p ?o }} #", "urn:x> ; <urn:y", 'urn:"x"'):
        with pytest.raises(QueryError, match="not a valid RDF term"):
            mini_store.ask("ASK { ?s ?p ?o }", {"s": URIRef(hostile)})


def test_known_ids_except_those_of_some_graphs(mini_store: Store) -> None:
    known = mini_store.known_ids()
    assert {"sylvania", "anna-berg"} <= known.actors and "peace-support" in known.issues
    assert not known.actors & known.issues
    without = mini_store.known_ids(excluding={str(graph_iri("actors"))})
    assert not without.actors and without.issues == known.issues
