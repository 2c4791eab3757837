"""The networkx view of the store: actors, issues and sources as nodes, statements as edges.

Node and edge attributes are plain ``str``/``int``/``float``/``bool`` (never rdflib terms, None or
lists), so every exporter accepts them.
"""

from __future__ import annotations

import functools
import sys
import threading
import weakref
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import networkx as nx

from graph import checks
from graph.store import Row, Store
from graph.vocab import SG, relation_slug


@dataclass(frozen=True)
class ViewFilter:
    """Which statements enter the view.

    ``start``/``end`` are inclusive dates (YYYY-MM-DD); ``sources`` and ``families`` restrict
    to those source ids and relation families (:data:`graph.checks.FAMILIES`); ``fold_persons``
    draws a person's statements from the state or body they speak for; ``hierarchy`` adds an
    edge from each issue to each of its broader issues (relation ``broader``, family
    ``hierarchy``).

    Raises
    ------
    InvalidOption
        A bound is not a date, or a family is unknown.
    """

    start: str | None = None
    end: str | None = None
    sources: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    fold_persons: bool = False
    hierarchy: bool = False

    def __post_init__(self) -> None:
        # dates compare as strings below, so only the one form may pass
        checks.optional_date(self.start, "from")
        checks.optional_date(self.end, "to")
        checks.families(self.families)


# The classes first, then their members: starting from every typed resource (statements
# included) and testing its class took half a minute at 100,000 statements.
_NODES = """
SELECT ?id ?label ?kind ?type ?qid ?definition WHERE {
  { SELECT ?type ?kind WHERE {
      { ?type rdfs:subClassOf* sg:Actor . BIND ("actor" AS ?kind) }
      UNION { ?type rdfs:subClassOf* sg:Issue . BIND ("issue" AS ?kind) }
      FILTER (STRSTARTS(STR(?type), STR(sg:)))
  } }
  ?x a ?type .
  FILTER NOT EXISTS { ?x a ?sub . ?sub rdfs:subClassOf+ ?type . FILTER (?sub != ?type) }
  ?x skos:prefLabel ?label ; sg:slug ?id .
  OPTIONAL { ?x sg:wikidataId ?qid }
  OPTIONAL { ?x skos:definition ?definition }
}"""

_SOURCES = """
SELECT ?id ?label ?date WHERE {
  ?x a sg:SourceDocument ; sg:slug ?id ; dcterms:title ?label ; dcterms:date ?date .
}"""

_RELATIONS = """
SELECT ?relation ?label ?family ?polarity WHERE {
  ?relation a ?kind ; rdfs:label ?label ; sg:family ?family ; sg:polarity ?polarity .
  ?kind rdfs:subClassOf* sg:Relation .
}"""

_BROADER = """
SELECT ?narrower ?broader ?graph WHERE {
  GRAPH ?graph { ?n skos:broader ?b }
  ?n sg:slug ?narrower . ?b sg:slug ?broader .
}"""

_MEMBERSHIPS = """
SELECT ?actor ?org ?graph WHERE {
  GRAPH ?graph { ?a sg:memberOf ?o }
  ?graph a sg:Background .
  ?a sg:slug ?actor . ?o sg:slug ?org .
}"""


@functools.cache  # a few IRIs (modalities, attributions) recur on every statement
def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _keep(date: str, source: str, family: str, view: ViewFilter) -> bool:
    return ((view.start is None or date >= view.start) and (view.end is None or date <= view.end)
            and (not view.sources or source in view.sources)
            and (not view.families or family in view.families))


# A statement's properties come in two queries that run at once, so the decoding of their rows
# is split between two threads. Each property is a sub-select of its own: a scan of that one
# property joined on the statement, rather than one pattern that visits every statement once
# per property.
def _statement_query(required: tuple[str, ...], optional: tuple[str, ...] = (),
                     extra: str = "") -> str:
    """A SELECT of each statement's slug and the properties named (``sg:`` local names, each
    its own sub-select, the optional ones left unbound when absent), then ``extra``."""
    def sub(name: str) -> str:
        return f"{{ SELECT ?st ?{name} WHERE {{ ?st sg:{name} ?{name} }} }}"
    names = ("slug", *required, *optional)
    return (f"SELECT {' '.join('?' + n for n in names)} {extra} WHERE {{\n  ?st a sg:Statement .\n"
            + "".join(f"  {sub(n)}\n" for n in ("slug", *required))
            + "".join(f"  OPTIONAL {sub(n)}\n" for n in optional) + "}")


_LINKS = ("relation", "date", "source", "actor", "target")
_STATEMENT_LINKS = _statement_query(_LINKS)

_WORDS = ("quote", "quoteStart", "quoteEnd", "modality", "attribution")
_OPTIONAL_WORDS = ("speaker", "condition")
_STATEMENT_WORDS = _statement_query(_WORDS, _OPTIONAL_WORDS, "(BOUND(?condition) AS ?conditional)")
_WORD_COLUMNS = (*_WORDS, *_OPTIONAL_WORDS, "conditional")

_OWN_VALUES = ("quote", "condition")
"""The statement properties whose values are each a statement's own: never interned."""

_SLUGS = "SELECT ?x ?slug WHERE { ?x sg:slug ?slug MINUS { ?x a sg:Statement } }"

_SPEAKS_FOR = "SELECT ?person ?body WHERE { ?person sg:speaksFor ?body }"


def _by_statement(store: Store, query: str, columns: tuple[str, ...]) -> dict[str, list[str]]:
    """The rows of ``query`` by their first column, the statement's id, then its ``columns``;
    a statement stated in several graphs comes once per graph, and once here. Cells are
    interned (ids, relations, dates and offsets recur on many statements, and the rows are
    kept) but for the :data:`_OWN_VALUES` columns."""
    keep = [str if name in _OWN_VALUES else sys.intern for name in columns]
    rows: dict[str, list[str]] = {}
    for statement, *cells in store.select_text(query):
        if statement not in rows:
            rows[statement] = [statement, *(f(cell) for f, cell in zip(keep, cells, strict=True))]
    return rows


@dataclass(frozen=True)
class _StoreRows:
    """What the stance graph reads of the store, before any view filter applies."""

    nodes: list[Row]
    sources: list[Row]
    links: dict[str, list[str]]
    """Each statement's id, relation, date, source, actor and target (IRIs but the date)."""
    words: dict[str, list[str]]
    """Each statement's id, quote, offsets, modality, attribution, speaker, condition and
    whether it has one."""
    slugs: dict[str, str]
    relations: dict[str, dict[str, object]]
    speaks_for: dict[str, str]
    memberships: list[Row]
    broader: list[Row]


def _read(store: Store) -> _StoreRows:
    """Every query of the view, on two threads beside this one."""
    with ThreadPoolExecutor(max_workers=2) as pool:  # the store answers queries in parallel
        nodes = pool.submit(store.select, _NODES)
        sources = pool.submit(store.select, _SOURCES)
        words = pool.submit(_by_statement, store, _STATEMENT_WORDS, _WORD_COLUMNS)
        slugs = pool.submit(lambda: dict(store.select_text(_SLUGS)))
        links = _by_statement(store, _STATEMENT_LINKS, _LINKS)
        relations = {str(r["relation"]): {"relation": relation_slug(str(r["relation"])),
                                          "relation_label": str(r["label"]),
                                          "family": str(r["family"]),
                                          "polarity": int(str(r["polarity"]))}
                     for r in store.select(_RELATIONS)}
        return _StoreRows(nodes.result(), sources.result(), links, words.result(), slugs.result(),
                          relations, dict(store.select_text(_SPEAKS_FOR)),
                          store.select(_MEMBERSHIPS), store.select(_BROADER))


_cache: weakref.WeakKeyDictionary[Store, tuple[int, _StoreRows]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def _rows(store: Store) -> _StoreRows:
    """The store's rows, read once per generation: until the next write through ``store``,
    every view (of any filter) is built from them without querying the store again."""
    with _cache_lock:  # a second caller waits for the rows the first is reading
        generation = store.generation
        cached = _cache.get(store)
        if cached is None or cached[0] != generation:
            cached = _cache[store] = (generation, _read(store))
        return cached[1]


def forget(store: Store) -> None:
    """Drop the rows kept for ``store``: their memory comes back, and the next view reads the
    store again."""
    with _cache_lock:
        _cache.pop(store, None)


def _statement_edges(rows: _StoreRows,
                     view: ViewFilter) -> Iterator[tuple[str, str, str, dict[str, object]]]:
    """(actor, target, statement id, attributes) of each statement in ``view``, in id order."""
    slugs, relations = rows.slugs, rows.relations
    speaks_for = rows.speaks_for if view.fold_persons else {}
    for statement in sorted(rows.links.keys() & rows.words.keys()):
        _, relation, date, source, actor, target = rows.links[statement]
        _, quote, start, end, modality, attribution, speaker, condition, conditional = rows.words[statement]
        family = str(relations[relation]["family"])
        if not _keep(date, slugs[source], family, view):
            continue
        if actor in speaks_for and relation != str(SG.speaksFor):
            actor = speaks_for[actor]
        attrs: dict[str, object] = {
            **relations[relation], "date": date, "quote": quote, "quote_start": int(start),
            "quote_end": int(end), "source": slugs[source], "modality": _local(modality),
            "attribution": _local(attribution),
        }
        if speaker:
            attrs["speaker"] = slugs[speaker]
        if conditional == "true":
            attrs["condition"] = condition
        yield slugs[actor], slugs[target], statement, attrs


def stance_graph(store: Store, view: ViewFilter = ViewFilter()) -> nx.MultiDiGraph:
    """The store as a MultiDiGraph: one edge per statement (key = statement id).

    Actor-to-actor relations from sources are statements too; memberships from background
    graphs and, with ``view.hierarchy``, the issue hierarchy are edges with ``source`` naming
    their named graph, an empty date and an empty quote. Sources are nodes of kind ``source``;
    statements reference them by id. ``G.graph`` records the view's dates and whether the
    hierarchy is in. What the store holds is read once until its next write (see
    :attr:`Store.generation`); each call builds a graph of its own.
    """
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph(start=view.start or "", end=view.end or "", hierarchy=view.hierarchy)
    rows = _rows(store)
    for row in sorted(rows.nodes, key=lambda row: str(row["id"])):  # a stable layout
        attrs: dict[str, object] = {"label": str(row["label"]), "kind": str(row["kind"]), "type": _local(row["type"])}
        if row["qid"]:
            attrs["qid"] = str(row["qid"])
        if row["definition"]:
            attrs["definition"] = str(row["definition"])
        G.add_node(str(row["id"]), **attrs)
    for row in rows.sources:
        G.add_node(str(row["id"]), label=str(row["label"]), kind="source", type="SourceDocument",
                   date=str(row["date"]))
    for actor, target, statement, attrs in _statement_edges(rows, view):
        G.add_edge(actor, target, key=statement, **attrs)
    if not view.families or "neutral" in view.families:
        for row in rows.memberships:
            key = f"{row['actor']}-member-of-{row['org']}"
            G.add_edge(str(row["actor"]), str(row["org"]), key=key, relation="member-of",
                       relation_label="member of", family="neutral", polarity=0, date="",
                       quote="", quote_start=-1, quote_end=-1, source=_local(row["graph"]),
                       modality="background", attribution="background")
    if view.hierarchy:
        for row in rows.broader:
            narrower, broader = str(row["narrower"]), str(row["broader"])
            G.add_edge(narrower, broader, key=f"{narrower}-broader-{broader}", relation="broader",
                       relation_label="is narrower than", family="hierarchy", polarity=0, date="",
                       quote="", quote_start=-1, quote_end=-1, source=_local(row["graph"]),
                       modality="background", attribution="background")
    return G


def within(G: nx.MultiDiGraph, start: str | None = None, end: str | None = None) -> nx.MultiDiGraph:
    """The view ``G`` restricted to the statements dated from ``start`` to ``end`` (inclusive).

    Undated edges (memberships, the issue hierarchy) and all nodes are kept, so the views of
    successive time windows line up.

    Examples
    --------
    >>> G = nx.MultiDiGraph(hierarchy=False)
    >>> G.add_edge("a", "x", key="s1", date="2025-01-01")
    's1'
    >>> G.add_edge("a", "y", key="s2", date="2025-03-01")
    's2'
    >>> H = within(G, "2025-02-01")
    >>> [k for *_, k in H.edges(keys=True)], H.graph
    (['s2'], {'hierarchy': False, 'start': '2025-02-01', 'end': ''})
    """
    H: nx.MultiDiGraph[str] = nx.MultiDiGraph(**{**G.graph, "start": start or "", "end": end or ""})
    H.add_nodes_from(G.nodes(data=True))
    for u, v, k, data in G.edges(keys=True, data=True):
        if not data["date"] or ((start is None or data["date"] >= start) and (end is None or data["date"] <= end)):
            H.add_edge(u, v, key=k, **data)
    return H


def span(G: nx.MultiDiGraph) -> tuple[str, str] | None:
    """The first and the last date of the dated edges (statements) of ``G``; None if there are none.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "x", key="s1", date="2025-01-01")
    's1'
    >>> span(G)
    ('2025-01-01', '2025-01-01')
    """
    dates = sorted(data["date"] for *_, data in G.edges(data=True) if data["date"])
    return (dates[0], dates[-1]) if dates else None
