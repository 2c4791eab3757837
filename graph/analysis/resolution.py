"""Resolution: the actor, issue or relation a user's id, label or alias names.

Ids are slugs; labels and aliases resolve too (case-insensitive), and a name nothing has gets
close matches.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

import networkx as nx
from pydantic import BaseModel
from rdflib import Literal as RDFLiteral
from rdflib import URIRef

from graph.analysis._bound import select
from graph.errors import NotFound
from graph.store import Store
from graph.vocab import SG, is_slug, relation_slug

EntityKind = Literal["actor", "issue"]

_CLASSES: dict[EntityKind, URIRef] = {"actor": SG.Actor, "issue": SG.Issue}


class Entity(BaseModel):
    """An actor or an issue, as found by its id, label or alias."""

    id: str
    iri: str
    label: str
    kind: EntityKind
    type: str


class Relation(BaseModel):
    """A relation of the ontology's hierarchy."""

    id: str
    iri: str
    label: str
    family: str
    polarity: int
    broader: str | None = None


def local_name(iri: object) -> str:
    """The last segment of an IRI: ``...ontology#State`` -> ``State``.

    >>> local_name("https://w3id.org/stancegraph/ontology#State")
    'State'
    """
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


_SUBCLASSES = "SELECT ?sub ?sup WHERE { ?sub rdfs:subClassOf ?sup }"

# Plain patterns, one query per kind, and the most specific type and the aliases gathered in
# Python: no property path from a VALUES variable, no NOT EXISTS and no GROUP_CONCAT over an
# OPTIONAL, which every SPARQL endpoint the store may sit on answers alike.
_MEMBERS = """
SELECT ?x ?slug ?label ?type ?alt $top WHERE {
  ?x a ?type . ?type rdfs:subClassOf* $top .
  ?x sg:slug ?slug ; skos:prefLabel ?label .
  OPTIONAL { ?x skos:altLabel ?alt }
}"""


def entities(store: Store, kinds: tuple[EntityKind, ...]) -> list[tuple[Entity, list[str]]]:
    """Every actor and/or issue with its aliases, by id; each under its most specific type."""
    broader = nx.DiGraph([(str(r["sub"]), str(r["sup"])) for r in store.select(_SUBCLASSES)])
    above = {cls: nx.descendants(broader, cls) for cls in broader}
    found: dict[tuple[str, str], tuple[Entity, set[str]]] = {}
    for kind in kinds:
        rows = select(store, _MEMBERS, top=_CLASSES[kind])
        types: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            types[str(row["x"])].add(str(row["type"]))
        for row in rows:
            iri, cls = str(row["x"]), str(row["type"])
            if not cls.startswith(SG._NS) or any(cls in above.get(other, ()) for other in types[iri]):
                continue
            _, aliases = found.setdefault((iri, cls), (Entity(
                id=str(row["slug"]), iri=iri, label=str(row["label"]), kind=kind,
                type=local_name(cls)), set()))
            if row["alt"] is not None:
                aliases.add(str(row["alt"]))
    return [(entity, sorted(aliases)) for entity, aliases in sorted(found.values(), key=lambda f: f[0].id)]


def resolve(store: Store, key: str, kinds: tuple[EntityKind, ...] = ("actor", "issue")) -> Entity:
    """The actor or issue whose id, label or alias is ``key`` (case-insensitive).

    Raises
    ------
    NotFound
        With close matches among ids, labels and aliases.
    """
    found = entities(store, kinds)
    by_slug = {e.id: e for e, _ in found}
    if key in by_slug:
        return by_slug[key]
    wanted = key.strip().casefold()
    for entity, aliases in found:
        if wanted in {entity.id, entity.label.casefold(), *(a.casefold() for a in aliases)}:
            return entity
    names = [e.id for e, _ in found] + [e.label for e, _ in found]
    raise NotFound.among(" or ".join(kinds), key, names)


_BY_SLUG = """
SELECT ?x $slug WHERE {
  ?x sg:slug $slug ; skos:prefLabel ?label ; a ?type .
  VALUES ?top { sg:Actor sg:Issue }
  ?type rdfs:subClassOf* ?top .
  FILTER (STRSTARTS(STR(?type), STR(sg:)))
} LIMIT 1"""


def entity_iri(store: Store, key: str) -> str:
    """The IRI :func:`resolve` gives ``key``: by an index lookup when ``key`` is a stored id."""
    if is_slug(key):
        rows = select(store, _BY_SLUG, slug=RDFLiteral(key))
        if rows:
            return str(rows[0]["x"])
    return resolve(store, key).iri


_RELATIONS = """
SELECT ?r ?label ?family ?polarity ?parent WHERE {
  ?r a ?kind . ?kind rdfs:subClassOf* sg:Relation .
  ?r rdfs:label ?label ; sg:family ?family ; sg:polarity ?polarity .
  OPTIONAL { ?r rdfs:subPropertyOf ?parent . ?parent sg:polarity ?parentPolarity }
} ORDER BY ?r"""


def relations(store: Store) -> list[Relation]:
    """Every relation of the ontology, with its family, polarity and direct parent."""
    return [Relation(id=relation_slug(str(r["r"])), iri=str(r["r"]), label=str(r["label"]),
                     family=str(r["family"]), polarity=int(str(r["polarity"])),
                     broader=relation_slug(str(r["parent"])) if r["parent"] else None)
            for r in store.select(_RELATIONS)]


def resolve_relation(store: Store, key: str) -> Relation:
    """The relation named by a slug (``rules-out``), a label (``rules out``) or a family name.

    Raises
    ------
    NotFound
        No relation has this name; close matches are offered.
    """
    known = relations(store)
    wanted = key.strip().casefold().replace("_", "-")
    for relation in known:
        if wanted in {relation.id, relation.label.casefold(), relation.label.casefold().replace(" ", "-")}:
            return relation
    raise NotFound.among("relation", key, [r.id for r in known])


_NARROWER_RELATIONS = "SELECT DISTINCT ?x $top WHERE { ?x rdfs:subPropertyOf* $top } ORDER BY ?x"
_NARROWER_ISSUES = "SELECT DISTINCT ?x $top WHERE { ?x skos:broader* $top } ORDER BY ?x"


def narrower_relations(store: Store, iri: str) -> list[str]:
    """The IRIs of the relation ``iri`` and of every relation under it (``opposes``, ``rules-out`` ...)."""
    return [str(r["x"]) for r in select(store, _NARROWER_RELATIONS, top=URIRef(iri))]


def narrower_issues(store: Store, iri: str) -> list[str]:
    """The IRIs of the issue ``iri`` and of every issue narrower than it."""
    return [str(r["x"]) for r in select(store, _NARROWER_ISSUES, top=URIRef(iri))]
