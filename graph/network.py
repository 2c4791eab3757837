"""The networkx view of the store: actors, issues and sources as nodes, statements as edges.

Node and edge attributes are plain ``str``/``int``/``float``/``bool`` (never rdflib terms, None or
lists), so every exporter accepts them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from graph.errors import InvalidOption
from graph.store import Row, Store
from graph.vocab import relation_slug

FAMILIES = ("supports", "opposes", "hesitant", "neutral")


@dataclass(frozen=True)
class ViewFilter:
    """Which statements enter the view.

    ``start``/``end`` are inclusive ISO dates; ``sources`` and ``families`` restrict to those
    source ids and relation families; ``fold_persons`` draws a person's statements from the
    state or body they speak for; ``hierarchy`` adds an edge from each issue to each of its
    broader issues (relation ``broader``, family ``hierarchy``).
    """

    start: str | None = None
    end: str | None = None
    sources: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    fold_persons: bool = False
    hierarchy: bool = False


_NODES = """
SELECT ?id ?label ?kind ?type ?qid ?definition WHERE {
  { ?x a ?type . ?type rdfs:subClassOf* sg:Actor . BIND ("actor" AS ?kind) }
  UNION { ?x a ?type . ?type rdfs:subClassOf* sg:Issue . BIND ("issue" AS ?kind) }
  FILTER (STRSTARTS(STR(?type), STR(sg:)))
  FILTER NOT EXISTS { ?x a ?sub . ?sub rdfs:subClassOf+ ?type . FILTER (?sub != ?type) }
  ?x sg:slug ?id ; skos:prefLabel ?label .
  OPTIONAL { ?x sg:wikidataId ?qid }
  OPTIONAL { ?x skos:definition ?definition }
}"""

_SOURCES = """
SELECT ?id ?label ?date WHERE {
  ?x a sg:SourceDocument ; sg:slug ?id ; dcterms:title ?label ; dcterms:date ?date .
}"""

_STATEMENTS = """
SELECT ?id ?actor ?target ?relation ?relationLabel ?family ?polarity ?date ?quote ?start ?end
       ?source ?speaker ?modality ?attribution ?condition ?speaksFor WHERE {
  ?st a sg:Statement ; sg:slug ?id ; sg:actor/sg:slug ?actor ; sg:target/sg:slug ?target ;
      sg:relation ?relation ; sg:date ?date ; sg:quote ?quote ; sg:quoteStart ?start ;
      sg:quoteEnd ?end ; sg:source/sg:slug ?source ; sg:modality ?modality ;
      sg:attribution ?attribution .
  ?relation rdfs:label ?relationLabel ; sg:family ?family ; sg:polarity ?polarity .
  OPTIONAL { ?st sg:speaker/sg:slug ?speaker }
  OPTIONAL { ?st sg:condition ?condition }
  OPTIONAL { ?st sg:actor/sg:speaksFor/sg:slug ?speaksFor }
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


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _keep(row: Row, view: ViewFilter) -> bool:
    date = str(row["date"])
    return ((view.start is None or date >= view.start) and (view.end is None or date <= view.end)
            and (not view.sources or row["source"] in view.sources)
            and (not view.families or row["family"] in view.families))


def stance_graph(store: Store, view: ViewFilter = ViewFilter()) -> nx.MultiDiGraph:
    """The store as a MultiDiGraph: one edge per statement (key = statement id).

    Actor-to-actor relations from sources are statements too; memberships from background
    graphs and, with ``view.hierarchy``, the issue hierarchy are edges with ``source`` naming
    their named graph, an empty date and an empty quote. Sources are nodes of kind ``source``;
    statements reference them by id. ``G.graph`` records the view's dates and whether the
    hierarchy is in.

    Raises
    ------
    InvalidOption
        ``view.start`` or ``view.end`` is not an ISO date.
    """
    for bound in filter(None, (view.start, view.end)):
        try:
            dt.date.fromisoformat(bound)
        except ValueError as err:
            raise InvalidOption(f"{bound!r} is not an ISO date (YYYY-MM-DD)") from err
    G = nx.MultiDiGraph(start=view.start or "", end=view.end or "", hierarchy=view.hierarchy)
    for row in store.select(_NODES):
        attrs = {"label": str(row["label"]), "kind": str(row["kind"]), "type": _local(row["type"])}
        if row["qid"]:
            attrs["qid"] = str(row["qid"])
        if row["definition"]:
            attrs["definition"] = str(row["definition"])
        G.add_node(str(row["id"]), **attrs)
    for row in store.select(_SOURCES):
        G.add_node(str(row["id"]), label=str(row["label"]), kind="source", type="SourceDocument",
                   date=str(row["date"]))
    seen: set[str] = set()
    for row in store.select(_STATEMENTS):
        statement = str(row["id"])
        if statement in seen or not _keep(row, view):
            continue  # a person who speaks for several bodies yields one row per body
        seen.add(statement)
        actor = str(row["actor"])
        if view.fold_persons and row["speaksFor"] and row["relation"] != \
                "https://w3id.org/stancegraph/ontology#speaksFor":
            actor = str(row["speaksFor"])
        attrs = {
            "relation": relation_slug(str(row["relation"])),
            "relation_label": str(row["relationLabel"]), "family": str(row["family"]),
            "polarity": int(row["polarity"]),  # type: ignore[arg-type]
            "date": str(row["date"]), "quote": str(row["quote"]),
            "quote_start": int(row["start"]), "quote_end": int(row["end"]),  # type: ignore[arg-type]
            "source": str(row["source"]), "modality": _local(row["modality"]),
            "attribution": _local(row["attribution"]),
        }
        if row["speaker"]:
            attrs["speaker"] = str(row["speaker"])
        if row["condition"]:
            attrs["condition"] = str(row["condition"])
        G.add_edge(actor, str(row["target"]), key=statement, **attrs)
    if not view.families or "neutral" in view.families:
        for row in store.select(_MEMBERSHIPS):
            key = f"{row['actor']}-member-of-{row['org']}"
            G.add_edge(str(row["actor"]), str(row["org"]), key=key, relation="member-of",
                       relation_label="member of", family="neutral", polarity=0, date="",
                       quote="", quote_start=-1, quote_end=-1, source=_local(row["graph"]),
                       modality="background", attribution="background")
    if view.hierarchy:
        for row in store.select(_BROADER):
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
    H = nx.MultiDiGraph(**{**G.graph, "start": start or "", "end": end or ""})
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from((u, v, k, data) for u, v, k, data in G.edges(keys=True, data=True)
                     if not data["date"] or ((start is None or data["date"] >= start)
                                             and (end is None or data["date"] <= end)))
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
