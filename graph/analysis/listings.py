"""Listings: every actor, every issue, and the profile of one with all its statements."""

from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from graph.analysis.evidence import Evidence, statements_about
from graph.analysis.resolution import Entity, entities, resolve
from graph.store import Store


class ActorSummary(BaseModel):
    id: str
    label: str
    type: str
    aliases: list[str]
    speaks_for: list[str]
    role: str | None = None
    wikidata: str | None = None
    statements: int


class IssueSummary(BaseModel):
    id: str
    label: str
    type: str
    aliases: list[str]
    broader: list[str]
    narrower: list[str]
    definition: str | None = None
    statements: int


class Profile(BaseModel):
    """An actor or issue with every statement it takes part in."""

    entity: Entity
    actor: ActorSummary | None = None
    issue: IssueSummary | None = None
    statements: list[Evidence]


def _values_of(store: Store, pattern: str) -> dict[str, list[str]]:
    """Each ``?x`` of ``pattern`` mapped to its ``?v`` values, sorted (plain joins and no
    aggregate over an OPTIONAL, which every endpoint the store may sit on answers alike)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.select(f"SELECT DISTINCT ?x ?v WHERE {{ {pattern} }}"):
        found[str(row["x"])].add(str(row["v"]))
    return {x: sorted(values) for x, values in found.items()}


def _counts(store: Store, pattern: str) -> dict[str, int]:
    """How many distinct ``?st`` each ``?x`` of ``pattern`` has."""
    return {str(r["x"]): int(str(r["n"])) for r in store.select(
        f"SELECT ?x (COUNT(DISTINCT ?st) AS ?n) WHERE {{ {pattern} }} GROUP BY ?x")}


def actors(store: Store) -> list[ActorSummary]:
    """All actors with their type, aliases, whom they speak for, and how many statements they make."""
    roles = _values_of(store, "?x sg:role ?v")
    qids = _values_of(store, "?x sg:wikidataId ?v")
    speaks_for = _values_of(store, "?x sg:speaksFor ?for . ?for sg:slug ?v")
    counts = _counts(store, "{ ?st sg:actor ?x } UNION { ?st sg:speaker ?x }")
    return [ActorSummary(
        id=e.id, label=e.label, type=e.type, aliases=aliases, speaks_for=speaks_for.get(e.iri, []),
        role=next(iter(roles.get(e.iri, [])), None), wikidata=next(iter(qids.get(e.iri, [])), None),
        statements=counts.get(e.iri, 0),
    ) for e, aliases in entities(store, ("actor",))]


def issues(store: Store) -> list[IssueSummary]:
    """All proposals and commitments with their place in the hierarchy and statement counts."""
    definitions = _values_of(store, "?x skos:definition ?v")
    broader = _values_of(store, "?x skos:broader ?up . ?up sg:slug ?v")
    narrower = _values_of(store, "?x skos:narrower ?down . ?down sg:slug ?v")
    counts = _counts(store, "?st sg:target ?x")
    return [IssueSummary(id=e.id, label=e.label, type=e.type, aliases=aliases,
                         broader=broader.get(e.iri, []), narrower=narrower.get(e.iri, []),
                         definition=next(iter(definitions.get(e.iri, [])), None),
                         statements=counts.get(e.iri, 0))
            for e, aliases in entities(store, ("issue",))]


def profile(store: Store, key: str) -> Profile:
    """An actor or issue, found by id, label or alias, with all its statements and quotes.

    Raises
    ------
    NotFound
        Nothing has this id, label or alias; close matches are offered.
    """
    entity = resolve(store, key)
    summary_actor = next((a for a in actors(store) if a.id == entity.id), None) \
        if entity.kind == "actor" else None
    summary_issue = next((i for i in issues(store) if i.id == entity.id), None) \
        if entity.kind == "issue" else None
    return Profile(entity=entity, actor=summary_actor, issue=summary_issue,
                   statements=statements_about(store, entity))
