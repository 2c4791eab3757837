"""Questions people ask of the graph: who takes which stance on what, and the evidence for it.

Plain functions, store first. Ids are slugs; labels and aliases resolve too.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections import defaultdict
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, TypeAdapter
from rdflib import Graph

from graph.errors import InvalidOption, NotFound
from graph.analysis.view import ViewFilter, stance_graph
from graph.store import Store, Value
from graph.vocab import DCTERMS, RDF, RDFS, SG, SKOS, is_slug, relation_slug

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
    broader = nx.DiGraph([(str(r["sub"]), str(r["sup"])) for r in store.select(
        PREFIXES + "SELECT ?sub ?sup WHERE { ?sub rdfs:subClassOf ?sup }")])
    above = {cls: nx.descendants(broader, cls) for cls in broader}

    # Plain patterns, one query per kind; the most specific type and the aliases are gathered
    # here: Virtuoso 7 answers wrongly a property path from a VALUES variable, a NOT EXISTS over
    # one, and GROUP_CONCAT over an OPTIONAL once its store has been emptied and refilled.
    found: dict[tuple[str, str], tuple[Entity, set[str]]] = {}
    for kind in kinds:
        rows = store.select(PREFIXES + f"""
            SELECT ?x ?slug ?label ?type ?alt WHERE {{
              ?x a ?type . ?type rdfs:subClassOf* {classes[kind]} .
              ?x sg:slug ?slug ; skos:prefLabel ?label .
              OPTIONAL {{ ?x skos:altLabel ?alt }}
            }}""")
        types: dict[str, set[str]] = defaultdict(set)
        for row in rows:
            types[str(row["x"])].add(str(row["type"]))
        for row in rows:
            iri, cls = str(row["x"]), str(row["type"])
            if not cls.startswith(SG._NS) or any(cls in above.get(other, ()) for other in types[iri]):
                continue
            entity, aliases = found.setdefault((iri, cls), (Entity(
                id=str(row["slug"]), iri=iri, label=str(row["label"]), kind=kind, type=_local(cls)), set()))
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
          OPTIONAL { ?r rdfs:subPropertyOf ?parent . ?parent sg:polarity ?parentPolarity }
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


_MATCHING = """
SELECT DISTINCT ?st ?date ?sid WHERE {
  %s
  ?st a sg:Statement ; sg:slug ?sid ; sg:relation ?rel ; sg:actor ?actor ; sg:target ?t ;
      sg:source ?src ; sg:date ?date .
}
ORDER BY ?date ?sid
%s
"""


def _statements(store: Store, pattern: str, page: str = "") -> list[Evidence]:
    """The statements matching ``pattern`` (over ?st ?rel ?actor ?t ?src ?date), in date order.

    A short join picks the statements; their evidence comes from index lookups (:class:`_Described`):
    one join of every evidence property is slow in Oxigraph at scale and beyond some SPARQL servers.
    """
    described = _Described(store)
    return [described.evidence(described(str(row["st"])))
            for row in store.select(PREFIXES + _MATCHING % (pattern, page))]


_SLUG_ENTITY = PREFIXES + """
SELECT ?x WHERE {
  ?x sg:slug "%s" ; skos:prefLabel ?label ; a ?type .
  VALUES ?top { sg:Actor sg:Issue }
  ?type rdfs:subClassOf* ?top .
  FILTER (STRSTARTS(STR(?type), STR(sg:)))
} LIMIT 1"""

_cache: weakref.WeakKeyDictionary[Store, tuple[int, dict[tuple[str, ...], object]]] = \
    weakref.WeakKeyDictionary()
_CACHE_SIZE = 1024
"""Entries kept per store between writes; past it the cache starts afresh."""


def _cached(store: Store, key: tuple[str, ...], compute):  # type: ignore[no-untyped-def]
    """``compute()``, remembered until the next write through ``store`` (its generation changes)."""
    generation, found = _cache.get(store, (-1, {}))
    if generation != store.generation or len(found) >= _CACHE_SIZE:
        found = {}
        _cache[store] = (store.generation, found)
    if key not in found:
        found[key] = compute()
    return found[key]


def _peek(store: Store, key: tuple[str, ...]) -> object | None:
    """What :func:`_cached` holds for ``key`` in this generation, computing nothing."""
    generation, found = _cache.get(store, (-1, {}))
    return found.get(key) if generation == store.generation else None


def _target_iri(store: Store, key: str) -> str:
    """The IRI :func:`resolve` gives ``key``: by an index lookup when ``key`` is a stored id."""
    if is_slug(key):
        rows = store.select(_SLUG_ENTITY % key)
        if rows:
            return str(rows[0]["x"])
    return resolve(store, key).iri


def _values(variable: str, iris: list[str]) -> str:
    """A VALUES clause binding ``?variable`` to each of ``iris``."""
    return f"VALUES ?{variable} {{ {' '.join(f'<{iri}>' for iri in iris)} }}"


def _closure(store: Store, path: str, iri: str) -> list[str]:
    """The IRIs reaching ``iri`` by ``path``* (the issue or relation and all narrower ones)."""
    rows = store.select(PREFIXES + f"SELECT DISTINCT ?x WHERE {{ ?x {path}* <{iri}> }} ORDER BY ?x")
    return [str(r["x"]) for r in rows]


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
    goal = _cached(store, ("target", target), lambda: _target_iri(store, target))
    relations_in = set(_cached(store, ("relations", rel_iri),
                               lambda: _closure(store, "rdfs:subPropertyOf", rel_iri)))
    targets_in = [goal] if direct_only else \
        _cached(store, ("issues", goal), lambda: _closure(store, "skos:broader", goal))
    # Index lookups, not one SPARQL join: Oxigraph does not keep a selective join order at scale.
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
        values = props.get(str(predicate))
        return None if not values else str(values[0])

    def of(self, props: dict[str, list[Value]], link: object, predicate: object) -> str | None:
        """A value of the node ``link`` points to, fetched alone (a source's text is never read)."""
        node = self.value(props, link)
        if node is None:
            return None
        key = (node, str(predicate))
        if key not in self.facts:
            values = self.store.objects(node, str(predicate))
            self.facts[key] = None if not values else str(values[0])
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
            modality=_local(self.value(st, SG.modality)),
            attribution=_local(self.value(st, SG.attribution)),
            speaker=self.of(st, SG.speaker, SG.slug),
            speaker_label=self.of(st, SG.speaker, SKOS.prefLabel),
            according_to=self.of(st, SG.accordingTo, SG.slug),
            condition=self.value(st, SG.condition),
            reason=self.value(st, SG.reason),
        )


def statements_about(store: Store, entity: Entity) -> list[Evidence]:
    """Every statement in which ``entity`` is the actor, the speaker, the claimant or the target."""
    return _statements(store, f"""
        {{ ?st sg:actor <{entity.iri}> }} UNION {{ ?st sg:target <{entity.iri}> }}
        UNION {{ ?st sg:speaker <{entity.iri}> }} UNION {{ ?st sg:accordingTo <{entity.iri}> }}""")


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


def statements(store: Store, *, actor: str | None = None, relation: str | None = None,
               target: str | None = None, source: str | None = None, start: str | None = None,
               end: str | None = None, limit: int = 50, offset: int = 0) -> StatementPage:
    """Statements filtered by actor, relation (with narrower), target (with narrower), source
    and an inclusive ISO date range, in date order, one page at a time.

    Raises
    ------
    NotFound
        A filter names an unknown actor, relation, issue or source.
    """
    parts = []
    if actor:
        parts.append(f"VALUES ?actor {{ <{resolve(store, actor, ('actor',)).iri}> }}")
    if relation:
        parts.append(_values("rel", _closure(store, "rdfs:subPropertyOf", resolve_relation(store, relation).iri)))
    if target:
        parts.append(_values("t", _closure(store, "skos:broader", resolve(store, target).iri)))
    if source:
        parts.append(f"VALUES ?src {{ <{_source_node(store, source)}> }}")
    for bound, op in ((start, ">="), (end, "<=")):
        if bound:
            parts.append(f'FILTER (?date {op} "{dt.date.fromisoformat(bound).isoformat()}"^^xsd:date)')
    pattern = "\n".join(parts)
    found = _statements(store, pattern, f"LIMIT {limit} OFFSET {offset}")
    total = store.select(PREFIXES + f"""SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {{ {pattern}
        ?st a sg:Statement ; sg:relation ?rel ; sg:actor ?actor ; sg:target ?t ; sg:source ?src ;
            sg:date ?date . }}""")[0]["n"]
    return StatementPage(total=int(total), limit=limit, offset=offset, items=found)  # type: ignore[arg-type]


def statement(store: Store, statement_id: str) -> Evidence:
    """The statement ``statement_id`` with its evidence.

    Raises
    ------
    NotFound
        No statement has this id; close matches are offered.
    """
    found = _statements(store, f'?st sg:slug "{_slug(statement_id)}" .')
    if not found:
        slugs = [str(r["s"]) for r in store.select("SELECT ?s WHERE { ?x a sg:Statement ; sg:slug ?s }")]
        raise NotFound.among("statement", statement_id, slugs)
    return found[0]


def _slug(text: str) -> str:
    if not is_slug(text):
        raise NotFound("id", text)
    return text


def _source_node(store: Store, source_id: str) -> str:
    rows = store.select(f'SELECT ?d WHERE {{ ?d a sg:SourceDocument ; sg:slug "{_slug(source_id)}" }}')
    if not rows:
        slugs = [str(r["s"]) for r in store.select("SELECT ?s WHERE { ?d a sg:SourceDocument ; sg:slug ?s }")]
        raise NotFound.among("source", source_id, slugs)
    return str(rows[0]["d"])


def source(store: Store, source_id: str) -> SourceInfo:
    """The source document ``source_id`` with its text and statement count."""
    node = _source_node(store, source_id)
    row = store.select(f"""
        SELECT ?title ?date ?language ?text ?reportsOn (COUNT(?st) AS ?n) WHERE {{
          <{node}> dcterms:title ?title ; dcterms:date ?date ; dcterms:language ?language ;
                   schema:text ?text .
          OPTIONAL {{ <{node}> sg:reportsOn/sg:slug ?reportsOn }}
          OPTIONAL {{ ?st sg:source <{node}> }}
        }} GROUP BY ?title ?date ?language ?text ?reportsOn""")[0]
    return SourceInfo(id=source_id, iri=node, title=str(row["title"]), date=str(row["date"]),
                      language=str(row["language"]), text=str(row["text"]),
                      reports_on=row["reportsOn"], statements=int(row["n"]))  # type: ignore[arg-type]


def description(store: Store, iri: str) -> Graph:
    """The RDF description of a resource: every triple it is the subject or object of."""
    return store.construct(f"""CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ BIND (<{iri}> AS ?s) ?s ?p ?o }} UNION {{ BIND (<{iri}> AS ?o) ?s ?p ?o }} }}""")


def _values_of(store: Store, pattern: str) -> dict[str, list[str]]:
    """Each ``?x`` of ``pattern`` mapped to its ``?v`` values, sorted (plain joins, no aggregates:
    Virtuoso 7 drops groups when it aggregates over an OPTIONAL)."""
    found: dict[str, set[str]] = defaultdict(set)
    for row in store.select(PREFIXES + f"SELECT DISTINCT ?x ?v WHERE {{ {pattern} }}"):
        found[str(row["x"])].add(str(row["v"]))
    return {x: sorted(values) for x, values in found.items()}


def _counts(store: Store, pattern: str) -> dict[str, int]:
    """How many distinct ``?st`` each ``?x`` of ``pattern`` has."""
    return {str(r["x"]): int(r["n"]) for r in store.select(  # type: ignore[arg-type]
        PREFIXES + f"SELECT ?x (COUNT(DISTINCT ?st) AS ?n) WHERE {{ {pattern} }} GROUP BY ?x")}


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
    ) for e, aliases in _entities(store, ("actor",))]


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
            for e, aliases in _entities(store, ("issue",))]


def profile(store: Store, key: str) -> Profile:
    """An actor or issue, found by id, label or alias, with all its statements and quotes."""
    entity = resolve(store, key)
    summary_actor = next((a for a in actors(store) if a.id == entity.id), None) \
        if entity.kind == "actor" else None
    summary_issue = next((i for i in issues(store) if i.id == entity.id), None) \
        if entity.kind == "issue" else None
    return Profile(entity=entity, actor=summary_actor, issue=summary_issue,
                   statements=statements_about(store, entity))


# --- camps and paths ----------------------------------------------------------------


class CampMember(BaseModel):
    """An actor in a camp, with the statements that put it there."""

    actor: str
    label: str
    evidence: list[Evidence]


class Camps(BaseModel):
    """The actors for, against and hesitant about a proposal (and its narrower proposals)."""

    proposal: Entity
    supporters: list[CampMember]
    opponents: list[CampMember]
    hesitant: list[CampMember]


def _iso(date: str | None) -> str | None:
    if date is None:
        return None
    try:
        return dt.date.fromisoformat(date).isoformat()
    except ValueError as err:
        raise InvalidOption(f"{date!r} is not an ISO date (YYYY-MM-DD)") from err


def camps(store: Store, proposal: str, *, start: str | None = None, end: str | None = None,
          direct_only: bool = False) -> Camps:
    """Who supports, opposes or hesitates about ``proposal`` (or a narrower one), with evidence.

    ``start``/``end`` restrict to statements dated in that inclusive range. An actor with
    statements of several families is in several camps.

    Raises
    ------
    NotFound
        ``proposal`` is not a known proposal; close matches are offered.
    InvalidOption
        A malformed date.
    """
    goal = resolve(store, proposal, ("issue",))
    reach = _values("t", [goal.iri] if direct_only else _closure(store, "skos:broader", goal.iri))
    parts = [reach, '?rel sg:family ?fam . FILTER (?fam IN ("supports", "opposes", "hesitant"))']
    for bound, op in ((_iso(start), ">="), (_iso(end), "<=")):
        if bound:
            parts.append(f'FILTER (?date {op} "{bound}"^^xsd:date)')
    groups: dict[str, dict[str, list[Evidence]]] = {f: {} for f in ("supports", "opposes", "hesitant")}
    for e in _statements(store, "\n".join(parts)):
        groups[e.family].setdefault(e.actor, []).append(e)

    def members(family: str) -> list[CampMember]:
        found = [CampMember(actor=actor, label=rows[0].actor_label, evidence=rows)
                 for actor, rows in groups[family].items()]
        return sorted(found, key=lambda m: (m.label, m.actor))

    return Camps(proposal=goal, supporters=members("supports"), opponents=members("opposes"),
                 hesitant=members("hesitant"))


PATH_FAMILIES = ("supports", "opposes", "hesitant", "neutral", "hierarchy")
"""The families a path may cross by default: every relation family and the issue hierarchy."""


class PathStep(BaseModel):
    """One hop of a path: the statement (or background tie) between two consecutive nodes."""

    source: str
    source_label: str
    target: str
    target_label: str
    relation: str
    relation_label: str
    family: str
    statement: str
    quote: str
    date: str
    forward: bool
    sentence: str


class NodePath(BaseModel):
    """A path between two nodes; ``forward`` on a step says whether it is walked along the edge."""

    nodes: list[str]
    labels: list[str]
    length: int
    shortest: bool
    steps: list[PathStep]


class Paths(BaseModel):
    """The k shortest simple paths between two nodes, shortest first."""

    source: Entity
    target: Entity
    paths: list[NodePath]


def _step(G: nx.MultiDiGraph, here: str, there: str, edges: list[tuple[str, str, str]]) -> PathStep:
    # Prefer dated statements over background ties, then the earliest, so a step shows a quote.
    u, v, key = min(edges, key=lambda e: (not G.edges[e]["date"], G.edges[e]["date"], e[2]))
    data = G.edges[u, v, key]
    label_u, label_v = G.nodes[u].get("label", u), G.nodes[v].get("label", v)
    sentence = f"{label_u} {data['relation_label']} {label_v}"
    if data["quote"]:
        sentence += f": “{data['quote']}”"
    return PathStep(source=u, source_label=label_u, target=v, target_label=label_v,
                relation=data["relation"], relation_label=data["relation_label"],
                family=data["family"], statement=key, quote=data["quote"], date=data["date"],
                forward=(u == here and v == there), sentence=sentence)


def paths(store: Store, source: str, target: str, *, k: int = 3, max_length: int = 6,
          direction: str = "any", families: tuple[str, ...] = PATH_FAMILIES,
          start: str | None = None, end: str | None = None) -> Paths:
    """How two actors or proposals are connected: the ``k`` shortest simple paths.

    Paths run through statements (actor to proposal or actor to actor), background memberships
    and, with the family ``hierarchy``, from a proposal to its broader ones. Each step is
    rendered as a sentence with its quote.

    Parameters
    ----------
    source, target
        Ids, labels or aliases of actors or proposals.
    k, max_length
        At most ``k`` paths, none longer than ``max_length`` steps.
    direction
        ``any`` (edges walked both ways), ``forward`` (only from actor to target, narrower to
        broader) or ``backward``.
    families
        The relation families a path may cross (:data:`PATH_FAMILIES`).
    start, end
        Only statements dated in this inclusive range.

    Raises
    ------
    NotFound
        ``source`` or ``target`` is unknown; close matches are offered.
    InvalidOption
        An unknown direction or family, a bound below 1, the same node twice, a bad date.
    """
    if direction not in ("any", "forward", "backward"):
        raise InvalidOption(f"unknown direction {direction!r}; choose any, forward or backward")
    unknown = sorted(set(families) - set(PATH_FAMILIES))
    if unknown:
        raise InvalidOption(f"unknown families {', '.join(unknown)}; choose from "
                            f"{', '.join(PATH_FAMILIES)}")
    if k < 1 or max_length < 1:
        raise InvalidOption(f"k and max_length must be at least 1, not {k} and {max_length}")
    origin, goal = resolve(store, source), resolve(store, target)
    if origin.id == goal.id:
        raise InvalidOption(f"source and target are both {origin.id!r}")
    G = stance_graph(store, ViewFilter(start=_iso(start), end=_iso(end),
                                       hierarchy="hierarchy" in families))
    H = nx.Graph() if direction == "any" else nx.DiGraph()
    for u, v, key, family in G.edges(keys=True, data="family"):
        if family in families:
            a, b = (v, u) if direction == "backward" else (u, v)
            H.add_edge(a, b)
            H.edges[a, b].setdefault("edges", []).append((u, v, key))
    found: list[list[str]] = []
    if origin.id in H and goal.id in H:
        try:
            for nodes in nx.shortest_simple_paths(H, origin.id, goal.id):
                if len(found) == k or len(nodes) - 1 > max_length:
                    break
                found.append(nodes)
        except nx.NetworkXNoPath:
            pass
    walks = []
    for nodes in found:
        hops = list(zip(nodes, nodes[1:]))
        steps = [_step(G, x, y, H.edges[x, y]["edges"])
                 for x, y in hops]
        walks.append(NodePath(nodes=nodes, labels=[G.nodes[n].get("label", n) for n in nodes],
                          length=len(hops), shortest=len(hops) == len(found[0]) - 1, steps=steps))
    return Paths(source=origin, target=goal, paths=walks)
