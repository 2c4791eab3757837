"""The closed namespaces in graph.vocab match the terms the ontology defines."""

import re
from collections.abc import Callable

import pytest
from rdflib import Graph, URIRef

from graph.ingest.triples import ontology_graph
from graph.shapes.validate import shapes_graph
from graph.vocab import EV, SG, SGSH, actor_iri, relation_iri, relation_slug, slug_of


def _declared(namespace: type) -> set[str]:
    return {name for name in namespace.__annotations__ if not name.startswith("_")}


@pytest.mark.parametrize(("namespace", "source"), [(SG, ontology_graph), (EV, ontology_graph),
                                                   (SGSH, shapes_graph)])
def test_vocab_matches_ontology(namespace: type, source: Callable[[], Graph]) -> None:
    g = source()
    prefix = str(namespace._NS)
    # the namespace itself is a subject of the shapes (it declares their SPARQL prefixes)
    defined = {str(s)[len(prefix):] for s in g.subjects() if isinstance(s, URIRef)
               and str(s).startswith(prefix) and str(s) != prefix}
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
