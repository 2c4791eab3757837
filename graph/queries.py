"""Questions people ask of the graph: who takes which stance on what, and the evidence for it.

Plain functions, store first. Ids are slugs; labels and aliases resolve too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel

from graph.errors import NotFound
from graph.store import Row, Store
from graph.vocab import DCTERMS, RDFS, SG, SKOS, relation_slug

PREFIXES = f"""PREFIX sg: <{SG._NS}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
PREFIX dcterms: <{DCTERMS}>
"""

EntityKind = Literal["actor", "issue"]


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


class Evidence(BaseModel):
    """One statement with everything needed to check it against its source."""

    statement: str
    actor: str
    actor_label: str
    relation: str
    relation_label: str
    family: str
    polarity: int
    target: str
    target_label: str
    quote: str
    quote_start: int
    quote_end: int
    source: str
    source_title: str
    date: str
    modality: str
    attribution: str
    speaker: str | None = None
    speaker_label: str | None = None
    according_to: str | None = None
    condition: str | None = None
    reason: str | None = None


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


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]



def _entities(store: Store, kinds: tuple[EntityKind, ...]) -> list[tuple[Entity, list[str]]]:
    classes = {"actor": "sg:Actor", "issue": "sg:Issue"}
    values = " ".join(f'({classes[k]} "{k}")' for k in kinds)
    rows = store.select(PREFIXES + f"""
        SELECT ?x ?slug ?label ?kind ?type (GROUP_CONCAT(?alt; SEPARATOR="\\u001f") AS ?alts)
        WHERE {{
          VALUES (?top ?kind) {{ {values} }}
          ?x a ?type . ?type rdfs:subClassOf* ?top .
          FILTER (STRSTARTS(STR(?type), STR(sg:)))
          ?x sg:slug ?slug ; skos:prefLabel ?label .
          FILTER NOT EXISTS {{ ?x a ?sub . ?sub rdfs:subClassOf+ ?type . FILTER (?sub != ?type) }}
          OPTIONAL {{ ?x skos:altLabel ?alt }}
        }} GROUP BY ?x ?slug ?label ?kind ?type ORDER BY ?slug""")
    return [(Entity(id=str(r["slug"]), iri=str(r["x"]), label=str(r["label"]),
                    kind=r["kind"], type=_local(r["type"])),  # type: ignore[arg-type]
             [a for a in str(r["alts"] or "").split("\u001f") if a]) for r in rows]


def resolve(store: Store, key: str, kinds: tuple[EntityKind, ...] = ("actor", "issue")) -> Entity:
    """The actor or issue whose id, label or alias is ``key`` (case-insensitive).

    Raises
    ------
    NotFound
        With close matches among ids, labels and aliases.
    """
    found = _entities(store, kinds)
    by_slug = {e.id: e for e, _ in found}
    if key in by_slug:
        return by_slug[key]
    wanted = key.strip().casefold()
    for entity, aliases in found:
        if wanted in {entity.id, entity.label.casefold(), *(a.casefold() for a in aliases)}:
            return entity
    names = [e.id for e, _ in found] + [e.label for e, _ in found]
    raise NotFound.among(" or ".join(kinds), key, names)


def relations(store: Store) -> list[Relation]:
    """Every relation of the ontology, with its family, polarity and direct parent."""
    rows = store.select(PREFIXES + """
        SELECT ?r ?label ?family ?polarity ?parent WHERE {
          ?r a ?kind . ?kind rdfs:subClassOf* sg:Relation .
          ?r rdfs:label ?label ; sg:family ?family ; sg:polarity ?polarity .
          OPTIONAL { ?r rdfs:subPropertyOf ?parent . ?parent a ?pk . ?pk rdfs:subClassOf* sg:Relation }
        } ORDER BY ?r""")
    return [Relation(id=relation_slug(str(r["r"])), iri=str(r["r"]), label=str(r["label"]),
                     family=str(r["family"]), polarity=int(r["polarity"]),  # type: ignore[arg-type]
                     broader=relation_slug(str(r["parent"])) if r["parent"] else None)
            for r in rows]


def resolve_relation(store: Store, key: str) -> Relation:
    """The relation named by a slug (``rules-out``), a label (``rules out``) or a family name."""
    known = relations(store)
    wanted = key.strip().casefold().replace("_", "-")
    for relation in known:
        if wanted in {relation.id, relation.label.casefold(), relation.label.casefold().replace(" ", "-")}:
            return relation
    raise NotFound.among("relation", key, [r.id for r in known])


_EVIDENCE_SELECT = """
SELECT ?sid ?actorId ?actorLabel ?rel ?relLabel ?family ?polarity ?targetId ?targetLabel
       ?quote ?qs ?qe ?srcId ?srcTitle ?date ?modality ?attribution ?speakerId ?speakerLabel
       ?accId ?condition ?reason
WHERE {
  %s
  ?st a sg:Statement ; sg:slug ?sid ; sg:relation ?rel ; sg:actor ?actor ; sg:target ?t ;
      sg:quote ?quote ; sg:quoteStart ?qs ; sg:quoteEnd ?qe ; sg:source ?src ; sg:date ?date ;
      sg:modality ?modality ; sg:attribution ?attribution .
  ?actor sg:slug ?actorId ; skos:prefLabel ?actorLabel .
  ?t sg:slug ?targetId ; skos:prefLabel ?targetLabel .
  ?rel rdfs:label ?relLabel ; sg:family ?family ; sg:polarity ?polarity .
  ?src sg:slug ?srcId ; dcterms:title ?srcTitle .
  OPTIONAL { ?st sg:speaker ?speaker . ?speaker sg:slug ?speakerId ; skos:prefLabel ?speakerLabel }
  OPTIONAL { ?st sg:accordingTo ?acc . ?acc sg:slug ?accId }
  OPTIONAL { ?st sg:condition ?condition }
  OPTIONAL { ?st sg:reason ?reason }
}
ORDER BY ?date ?sid
"""


def _evidence(row: Row) -> Evidence:
    def text(name: str) -> str | None:
        value = row[name]
        return None if value is None else str(value)

    return Evidence(
        statement=str(row["sid"]), actor=str(row["actorId"]), actor_label=str(row["actorLabel"]),
        relation=relation_slug(str(row["rel"])), relation_label=str(row["relLabel"]),
        family=str(row["family"]), polarity=int(row["polarity"]),  # type: ignore[arg-type]
        target=str(row["targetId"]), target_label=str(row["targetLabel"]),
        quote=str(row["quote"]), quote_start=int(row["qs"]),  # type: ignore[arg-type]
        quote_end=int(row["qe"]),  # type: ignore[arg-type]
        source=str(row["srcId"]), source_title=str(row["srcTitle"]), date=str(row["date"]),
        modality=_local(row["modality"]), attribution=_local(row["attribution"]),
        speaker=text("speakerId"), speaker_label=text("speakerLabel"),
        according_to=text("accId"), condition=text("condition"), reason=text("reason"),
    )


def _statements(store: Store, pattern: str) -> list[Evidence]:
    return [_evidence(r) for r in store.select(PREFIXES + _EVIDENCE_SELECT % pattern)]


def who(store: Store, relation: str, target: str, *, direct_only: bool = False) -> list[Evidence]:
    """Who bears ``relation`` (or a narrower one) to ``target`` (or a narrower issue), with evidence.

    ``relation`` and ``target`` are ids, labels or aliases. With ``direct_only`` the target must
    match exactly; the relation hierarchy is always followed (``opposes`` includes ``rules-out``).

    Raises
    ------
    NotFound
        The relation or the target is unknown; close matches are offered.

    Examples
    --------
    >>> store = Store(None)
    >>> who(store, "opposes", "troop-deployment")
    Traceback (most recent call last):
    ...
    graph.errors.NotFound: no relation 'opposes'
    """
    rel = resolve_relation(store, relation)
    goal = resolve(store, target)
    reach = "VALUES ?t { <%s> }" % goal.iri if direct_only else "?t skos:broader* <%s> ." % goal.iri
    return _statements(store, f"?rel rdfs:subPropertyOf* <{rel.iri}> . {reach}")


def statements_about(store: Store, entity: Entity) -> list[Evidence]:
    """Every statement in which ``entity`` is the actor, the speaker, the claimant or the target."""
    return _statements(store, f"""
        {{ ?st sg:actor <{entity.iri}> }} UNION {{ ?st sg:target <{entity.iri}> }}
        UNION {{ ?st sg:speaker <{entity.iri}> }} UNION {{ ?st sg:accordingTo <{entity.iri}> }}""")


def actors(store: Store) -> list[ActorSummary]:
    """All actors with their type, aliases, whom they speak for, and how many statements they make."""
    found = _entities(store, ("actor",))
    extra = {str(r["slug"]): r for r in store.select(PREFIXES + """
        SELECT ?slug (SAMPLE(?r) AS ?role) (SAMPLE(?qid) AS ?wikidata)
               (GROUP_CONCAT(DISTINCT ?forSlug; SEPARATOR=" ") AS ?speaksFor)
               (COUNT(DISTINCT ?st) AS ?n)
        WHERE {
          ?x a/rdfs:subClassOf* sg:Actor ; sg:slug ?slug .
          OPTIONAL { ?x sg:role ?r }
          OPTIONAL { ?x sg:wikidataId ?qid }
          OPTIONAL { ?x sg:speaksFor ?for . ?for sg:slug ?forSlug }
          OPTIONAL { { ?st sg:actor ?x } UNION { ?st sg:speaker ?x } }
        } GROUP BY ?slug""")}
    return [ActorSummary(
        id=e.id, label=e.label, type=e.type, aliases=aliases,
        speaks_for=str(extra[e.id]["speaksFor"] or "").split(),
        role=extra[e.id]["role"], wikidata=extra[e.id]["wikidata"],  # type: ignore[arg-type]
        statements=int(extra[e.id]["n"]),  # type: ignore[arg-type]
    ) for e, aliases in found]


def issues(store: Store) -> list[IssueSummary]:
    """All proposals and commitments with their place in the hierarchy and statement counts."""
    found = _entities(store, ("issue",))
    rows = store.select(PREFIXES + """
        SELECT ?slug ?definition ?up ?down (COUNT(DISTINCT ?st) AS ?n) WHERE {
          ?x a/rdfs:subClassOf* sg:Issue ; sg:slug ?slug .
          OPTIONAL { ?x skos:definition ?definition }
          OPTIONAL { ?x skos:broader/sg:slug ?up }
          OPTIONAL { ?x skos:narrower/sg:slug ?down }
          OPTIONAL { ?st sg:target ?x }
        } GROUP BY ?slug ?definition ?up ?down""")
    broader: dict[str, set[str]] = defaultdict(set)
    narrower: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = {}
    definitions: dict[str, str | None] = {}
    for r in rows:
        slug = str(r["slug"])
        if r["up"]:
            broader[slug].add(str(r["up"]))
        if r["down"]:
            narrower[slug].add(str(r["down"]))
        counts[slug] = max(counts.get(slug, 0), int(r["n"]))  # type: ignore[arg-type]
        definitions[slug] = r["definition"]  # type: ignore[assignment]
    return [IssueSummary(id=e.id, label=e.label, type=e.type, aliases=aliases,
                         broader=sorted(broader[e.id]), narrower=sorted(narrower[e.id]),
                         definition=definitions.get(e.id), statements=counts.get(e.id, 0))
            for e, aliases in found]


def profile(store: Store, key: str) -> Profile:
    """An actor or issue, found by id, label or alias, with all its statements and quotes."""
    entity = resolve(store, key)
    summary_actor = next((a for a in actors(store) if a.id == entity.id), None) \
        if entity.kind == "actor" else None
    summary_issue = next((i for i in issues(store) if i.id == entity.id), None) \
        if entity.kind == "issue" else None
    return Profile(entity=entity, actor=summary_actor, issue=summary_issue,
                   statements=statements_about(store, entity))
