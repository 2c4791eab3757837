"""The closed namespaces in graph.vocab match the terms the ontology defines."""

import re

import pytest
from rdflib import URIRef

from graph.ingest.triples import ontology_graph
from graph.vocab import EV, SG, actor_iri, relation_iri, relation_slug, slug_of


def _declared(namespace: type) -> set[str]:
    return {name for name in namespace.__annotations__ if not name.startswith("_")}


@pytest.mark.parametrize("namespace", [SG, EV])
def test_vocab_matches_ontology(namespace: type) -> None:
    g = ontology_graph()
    prefix = str(namespace._NS)
    defined = {str(s)[len(prefix):] for s in g.subjects() if isinstance(s, URIRef)
               and str(s).startswith(prefix)}
    assert _declared(namespace) == defined


def test_unknown_term_fails() -> None:
    with pytest.raises(AttributeError, match="notATerm"):
        SG.notATerm  # noqa: B018


def test_every_relation_slug_round_trips() -> None:
    g = ontology_graph()
    relations = {s for s, o in g.subject_objects(URIRef(str(SG._NS) + "polarity"))}
    assert len(relations) >= 20
    for relation in relations:
        slug = relation_slug(str(relation))
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", slug)
        assert relation_iri(slug) == relation


def test_minting_rejects_non_slugs() -> None:
    with pytest.raises(ValueError, match="not a valid actor id"):
        actor_iri("United States")
    assert slug_of(str(actor_iri("united-states"))) == "united-states"
