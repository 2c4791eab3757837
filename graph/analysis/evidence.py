"""Evidence: statements with everything needed to check them against their sources.

The headline question (:func:`who`), statement listings and pages, one statement, one source,
and the RDF description of any resource.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar, cast

from pydantic import BaseModel, ConfigDict, TypeAdapter
from rdflib import XSD, Graph, Literal, URIRef

from graph import checks
from graph.analysis._bound import Term, construct, projection, select, values
from graph.analysis.resolution import (
    Entity,
    entity_iri,
    local_name,
    narrower_issues,
    narrower_relations,
    resolve,
    resolve_relation,
)
from graph.errors import NotFound
from graph.store import Store, Value
from graph.vocab import DCTERMS, RDF, RDFS, SG, SKOS, relation_slug

T = TypeVar("T")


class Evidence(BaseModel):
    """One statement with everything needed to check it against its source (immutable: cached
    answers hand out the same objects)."""

    model_config = ConfigDict(frozen=True)

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


_EVIDENCE_LIST = TypeAdapter(list[Evidence])


class StatementPage(BaseModel):
    """One page of statements and the number of all that match."""

    total: int
    limit: int
    offset: int
    items: list[Evidence]


class SourceInfo(BaseModel):
    """A source document with its full text."""

    id: str
    iri: str
    title: str
    date: str
    language: str
    reports_on: str | None = None
    statements: int
    text: str


class _Described:
    """The properties of nodes, looked up once each; statements turned into evidence."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.known: dict[str, dict[str, list[Value]]] = {}
        self.facts: dict[tuple[str, str], str | None] = {}

    def __call__(self, node: str) -> dict[str, list[Value]]:
        if node not in self.known:
            self.known[node] = self.store.properties(node)
        return self.known[node]

    def value(self, props: dict[str, list[Value]], predicate: object) -> str | None:
        found = props.get(str(predicate))
        return None if not found else str(found[0])

    def of(self, props: dict[str, list[Value]], link: object, predicate: object) -> str | None:
        """A value of the node ``link`` points to, fetched alone (a source's text is never read)."""
        node = self.value(props, link)
        if node is None:
            return None
        key = (node, str(predicate))
        if key not in self.facts:
            found = self.store.objects(node, str(predicate))
            self.facts[key] = None if not found else str(found[0])
        return self.facts[key]

    def evidence(self, st: dict[str, list[Value]]) -> Evidence:
        relation = self(str(self.value(st, SG.relation)))
        return Evidence(
            statement=str(self.value(st, SG.slug)),
            actor=str(self.of(st, SG.actor, SG.slug)),
            actor_label=str(self.of(st, SG.actor, SKOS.prefLabel)),
            relation=relation_slug(str(self.value(st, SG.relation))),
            relation_label=str(self.value(relation, RDFS.label)),
            family=str(self.value(relation, SG.family)),
            polarity=int(str(self.value(relation, SG.polarity))),
            target=str(self.of(st, SG.target, SG.slug)),
            target_label=str(self.of(st, SG.target, SKOS.prefLabel)),
            quote=str(self.value(st, SG.quote)),
            quote_start=int(str(self.value(st, SG.quoteStart))),
            quote_end=int(str(self.value(st, SG.quoteEnd))),
            source=str(self.of(st, SG.source, SG.slug)),
            source_title=str(self.of(st, SG.source, DCTERMS.title)),
            date=str(self.value(st, SG.date)),
            modality=local_name(self.value(st, SG.modality)),
            attribution=local_name(self.value(st, SG.attribution)),
            speaker=self.of(st, SG.speaker, SG.slug),
            speaker_label=self.of(st, SG.speaker, SKOS.prefLabel),
            according_to=self.of(st, SG.accordingTo, SG.slug),
            condition=self.value(st, SG.condition),
            reason=self.value(st, SG.reason),
        )


_STATEMENT = """?st a sg:Statement ; sg:relation ?rel ; sg:actor ?actor ; sg:target ?t ;
      sg:source ?src ; sg:date ?date ."""

_MATCHING = "SELECT DISTINCT ?st ?date ?sid %s WHERE {\n  %s\n  ?st sg:slug ?sid .\n  " + _STATEMENT + \
    "\n}\nORDER BY ?date ?sid\n%s"

_COUNT = "SELECT %s (COUNT(DISTINCT ?st) AS ?n) WHERE {\n  %s\n  " + _STATEMENT + "\n} %s"


def date_filters(start: str | None, end: str | None) -> tuple[list[str], dict[str, Term]]:
    """The FILTERs and bindings that keep statements (``?date``) dated ``start`` to ``end``.

    Raises
    ------
    InvalidOption
        A bound is not a date (YYYY-MM-DD).
    """
    parts: list[str] = []
    bindings: dict[str, Term] = {}
    for name, day, variable, op in (("from", start, "start", ">="), ("to", end, "end", "<=")):
        if day is not None:
            parts.append(f"FILTER (?date {op} ${variable})")
            bindings[variable] = Literal(checks.iso_date(day, name), datatype=XSD.date)
    return parts, bindings


def matching(store: Store, pattern: str, page: str = "", **bindings: Term) -> list[Evidence]:
    """The statements matching ``pattern`` (over ?st ?rel ?actor ?t ?src ?date, with
    ``bindings``), in date order; ``page`` is a LIMIT/OFFSET clause.

    A short join picks the statements; their evidence comes from index lookups of each
    statement's properties, which stay fast however many properties a statement has.
    """
    described = _Described(store)
    return [described.evidence(described(str(row["st"])))
            for row in select(store, _MATCHING % (projection(bindings), pattern, page), **bindings)]


# --- who, with its answers cached until the next write ------------------------------------

_cache: weakref.WeakKeyDictionary[Store, tuple[int, dict[tuple[str, ...], object]]] = \
    weakref.WeakKeyDictionary()
_CACHE_SIZE = 1024
"""Entries kept per store between writes; past it the cache starts afresh."""


def _cached(store: Store, key: tuple[str, ...], compute: Callable[[], T]) -> T:
    """``compute()``, remembered until the next write through ``store`` (its generation changes)."""
    generation, found = _cache.get(store, (-1, {}))
    if generation != store.generation or len(found) >= _CACHE_SIZE:
        found = {}
        _cache[store] = (store.generation, found)
    if key not in found:
        found[key] = compute()
    return cast(T, found[key])


def _peek(store: Store, key: tuple[str, ...]) -> object | None:
    """What :func:`_cached` holds for ``key`` in this generation, computing nothing."""
    generation, found = _cache.get(store, (-1, {}))
    return found.get(key) if generation == store.generation else None


def who(store: Store, relation: str, target: str, *, direct_only: bool = False) -> list[Evidence]:
    """Who bears ``relation`` (or a narrower one) to ``target`` (or a narrower issue), with evidence.

    ``relation`` and ``target`` are ids, labels or aliases. With ``direct_only`` the target must
    match exactly; the relation hierarchy is always followed (``opposes`` includes ``rules-out``).
    Answers (and the hierarchies behind them) are kept until the next write through the
    store: a statement written is in the next answer.

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
    rows = _cached(store, ("who", relation, target, str(direct_only)),
                   lambda: _who(store, relation, target, direct_only))
    return list(rows)


def who_json(store: Store, relation: str, target: str, *, direct_only: bool = False) -> bytes:
    """:func:`who` as a JSON array, encoded once and remembered until the next write.

    Servers answer repeated questions with these bytes: encoding hundreds of evidence objects
    costs more than a cached answer.

    >>> who_json(Store(None), "opposes", "troop-deployment")
    Traceback (most recent call last):
    ...
    graph.errors.NotFound: no relation 'opposes'
    """
    return _cached(store, ("who-json", relation, target, str(direct_only)),
                   lambda: _EVIDENCE_LIST.dump_json(who(store, relation, target, direct_only=direct_only)))


def cached_who_json(store: Store, relation: str, target: str, *, direct_only: bool = False) -> bytes | None:
    """The bytes :func:`who_json` would answer if they are already cached, else None (without
    touching the store: an event loop can call it)."""
    found = _peek(store, ("who-json", relation, target, str(direct_only)))
    return found if isinstance(found, bytes) else None


def _who(store: Store, relation: str, target: str, direct_only: bool) -> list[Evidence]:
    rel_iri = _cached(store, ("relation", relation), lambda: resolve_relation(store, relation).iri)
    goal = _cached(store, ("target", target), lambda: entity_iri(store, target))
    relations_in = set(_cached(store, ("relations", rel_iri),
                               lambda: narrower_relations(store, rel_iri)))
    targets_in = [goal] if direct_only else \
        _cached(store, ("issues", goal), lambda: narrower_issues(store, goal))
    # Index lookups from each target issue: the few statements on an issue are found without a
    # join over every statement of the store.
    described = _Described(store)
    found = []
    for issue in targets_in:
        for node in store.subjects(str(SG.target), issue):
            # one lookup of the relation first: most statements on an issue take another stance
            if not relations_in.intersection(store.objects(node, str(SG.relation))):
                continue
            props = described(node)
            if str(SG.Statement) in props.get(str(RDF.type), ()):
                found.append(described.evidence(props))
    return sorted(found, key=lambda e: (e.date, e.statement))


# --- statements and sources ---------------------------------------------------------------

_ABOUT = """{ ?st sg:actor $entity } UNION { ?st sg:target $entity }
  UNION { ?st sg:speaker $entity } UNION { ?st sg:accordingTo $entity }"""


def statements_about(store: Store, entity: Entity) -> list[Evidence]:
    """Every statement in which ``entity`` is the actor, the speaker, the claimant or the target."""
    return matching(store, _ABOUT, entity=URIRef(entity.iri))


def statements(store: Store, *, actor: str | None = None, relation: str | None = None,
               target: str | None = None, source: str | None = None, start: str | None = None,
               end: str | None = None, limit: int = 50, offset: int = 0) -> StatementPage:
    """Statements filtered by actor, relation (with narrower), target (with narrower), source
    and an inclusive range of dates (YYYY-MM-DD), in date order, one page at a time.

    Raises
    ------
    NotFound
        A filter names an unknown actor, relation, issue or source.
    InvalidOption
        ``start`` or ``end`` is not a date.
    """
    parts, bindings = date_filters(start, end)
    if actor:
        bindings["actor"] = URIRef(resolve(store, actor, ("actor",)).iri)
    if relation:
        parts.append(values("rel", narrower_relations(store, resolve_relation(store, relation).iri)))
    if target:
        parts.append(values("t", narrower_issues(store, resolve(store, target).iri)))
    if source:
        bindings["src"] = URIRef(_source_node(store, source))
    pattern = "\n  ".join(parts)
    found = matching(store, pattern, f"LIMIT {int(limit)} OFFSET {int(offset)}", **bindings)
    # the bound variables are grouped on to be returned; no match is then no row, not a zero
    grouped = f"GROUP BY {projection(bindings)}" if bindings else ""
    counted = select(store, _COUNT % (projection(bindings), pattern, grouped), **bindings)
    total = int(str(counted[0]["n"])) if counted else 0
    return StatementPage(total=total, limit=limit, offset=offset, items=found)


_STATEMENT_SLUGS = "SELECT ?s WHERE { ?x a sg:Statement ; sg:slug ?s }"


def statement(store: Store, statement_id: str) -> Evidence:
    """The statement ``statement_id`` with its evidence.

    Raises
    ------
    NotFound
        No statement has this id; close matches are offered.
    """
    found = matching(store, "?st sg:slug $id .", id=Literal(checks.slug(statement_id, "statement")))
    if not found:
        slugs = [str(r["s"]) for r in store.select(_STATEMENT_SLUGS)]
        raise NotFound.among("statement", statement_id, slugs)
    return found[0]


_SOURCE_NODE = "SELECT ?d $id WHERE { ?d a sg:SourceDocument ; sg:slug $id }"
_SOURCE_SLUGS = "SELECT ?s WHERE { ?d a sg:SourceDocument ; sg:slug ?s }"


def _source_node(store: Store, source_id: str) -> str:
    rows = select(store, _SOURCE_NODE, id=Literal(checks.slug(source_id, "source")))
    if not rows:
        slugs = [str(r["s"]) for r in store.select(_SOURCE_SLUGS)]
        raise NotFound.among("source", source_id, slugs)
    return str(rows[0]["d"])


_SOURCE = """
SELECT $doc ?title ?date ?language ?text ?reportsOn (COUNT(?st) AS ?n) WHERE {
  $doc dcterms:title ?title ; dcterms:date ?date ; dcterms:language ?language ;
       schema:text ?text .
  OPTIONAL { $doc sg:reportsOn/sg:slug ?reportsOn }
  OPTIONAL { ?st sg:source $doc }
} GROUP BY $doc ?title ?date ?language ?text ?reportsOn"""


def source(store: Store, source_id: str) -> SourceInfo:
    """The source document ``source_id`` with its text and statement count.

    Raises
    ------
    NotFound
        No source has this id; close matches are offered.
    """
    node = _source_node(store, source_id)
    row = select(store, _SOURCE, doc=URIRef(node))[0]
    return SourceInfo(id=source_id, iri=node, title=str(row["title"]), date=str(row["date"]),
                      language=str(row["language"]), text=str(row["text"]),
                      reports_on=None if row["reportsOn"] is None else str(row["reportsOn"]),
                      statements=int(str(row["n"])))


_DESCRIPTION = """CONSTRUCT { $node ?p ?o . ?s ?q $node } WHERE {
  { $node ?p ?o } UNION { ?s ?q $node } }"""


def description(store: Store, iri: str) -> Graph:
    """The RDF description of a resource: every triple it is the subject or object of."""
    return construct(store, _DESCRIPTION, node=URIRef(iri))
