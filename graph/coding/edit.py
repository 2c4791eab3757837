"""Writes after loading: add a source or statements, retract a statement. Each is validated and atomic.

Writes land in the named graph ``id/graph/api-SOURCE`` of the source they belong to, so reloading
the data directory never drops them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import Field
from rdflib import Graph, Literal, URIRef

from graph.errors import Conflict, NotFound
from graph.ingest.records import BackgroundFact, SourceContext, SourceDescription, StatementRecord, Text
from graph.ingest.references import check_statements
from graph.ingest.triples import source_graph, statement_graph
from graph.shapes.validate import check
from graph.store import Store
from graph.vocab import ID, RDF, graph_iri, is_slug, source_iri, statement_iri


class NewSource(SourceDescription):
    """A source posted with its full text and the background facts its statements may cite."""

    text: Text
    background: list[BackgroundFact] = Field(default_factory=list)


def write_graph(source: str) -> URIRef:
    """The named graph that writes about ``source`` go to."""
    return graph_iri(f"api-{source}")


def source_context(store: Store, slug: str) -> SourceContext:
    """The text, date and background facts of the stored source ``slug``.

    Raises
    ------
    NotFound
        No source has this id; close matches among the stored sources are offered.
    """
    rows = store.select("""
        SELECT ?source ?text ?date WHERE { ?source a sg:SourceDocument ; schema:text ?text ; dcterms:date ?date }""",
                        {"source": source_iri(slug)})
    if not rows:
        slugs = [str(r["s"]) for r in store.select("SELECT ?s WHERE { ?d a sg:SourceDocument ; sg:slug ?s }")]
        raise NotFound.among("source", slug, slugs)
    prefix = f"{ID}background/{slug}-"
    facts = {str(r["fact"])[len(prefix):]: (URIRef(str(r["fact"])), str(r["description"]))
             for r in store.select("SELECT ?fact ?description ?prefix WHERE { ?fact a sg:Background ; "
                                   "dcterms:description ?description FILTER STRSTARTS(STR(?fact), ?prefix) }",
                                   {"prefix": Literal(prefix)})}
    return SourceContext(slug, str(rows[0]["text"]), dt.date.fromisoformat(str(rows[0]["date"])), facts)


def _check_new(store: Store, g: Graph) -> None:
    """Validate the nodes ``g`` defines, with the stored descriptions of every node it mentions."""
    mentioned = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(ID))}
    context = Graph()
    for node in mentioned:
        context += store.construct("CONSTRUCT { ?x ?p ?o } WHERE { ?x ?p ?o }", {"x": node})
    check(g + context, focus={s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)})


def add_statements(store: Store, source: str, records: Sequence[StatementRecord]) -> list[str]:
    """Add coded statements to the stored source ``source``; returns their ids.

    Raises
    ------
    NotFound
        The source is unknown.
    Conflict
        A statement id is taken.
    SourceDataError, ShapeViolation
        A record is invalid; nothing is written.
    """
    with store.writing():
        context = source_context(store, source)
        ids = [f"{source}-{r.id}" for r in records]
        taken = [i for i in ids if store.ask("ASK { ?s ?p ?o }", {"s": statement_iri(i)})]
        if taken or len(set(ids)) != len(ids):
            raise Conflict(f"statement ids already taken or repeated: {sorted(set(taken) or ids)}")
        known = store.known_ids()
        check_statements(records, context, known.actors, known.issues, origin="request",
                         lines={r.id: n for n, r in enumerate(records, 1)})
        g = statement_graph(records, context, known.issues)
        _check_new(store, g)
        store.insert({write_graph(source): g})
    return ids


def add_source(store: Store, source: NewSource) -> str:
    """Add a source document with its text; returns its id.

    Raises
    ------
    Conflict
        A source with this id exists.
    SourceDataError, ShapeViolation
        The source is invalid (e.g. ``reports_on`` an unknown actor); nothing is written.
    """
    with store.writing():
        if store.ask("ASK { ?s ?p ?o }", {"s": source_iri(source.id)}):
            raise Conflict(f"a source with id {source.id!r} exists")
        actors = store.known_ids().actors
        if source.reports_on and source.reports_on not in actors:
            raise NotFound.among("actor", source.reports_on, actors)
        g, _ = source_graph(source, source.text, source.background)
        _check_new(store, g)
        store.insert({write_graph(source.id): g})
    return source.id


def retract(store: Store, statement: str) -> None:
    """Remove the statement ``statement`` (and its direct edge when no other statement backs it).

    Raises
    ------
    NotFound
        No statement has this id; close matches are offered.
    """
    with store.writing():
        node = statement_iri(statement) if is_slug(statement) else None
        if node is None or not store.ask("ASK { ?s a sg:Statement }", {"s": node}):
            slugs = [str(r["s"]) for r in store.select("SELECT ?s WHERE { ?x a sg:Statement ; sg:slug ?s }")]
            raise NotFound.among("statement", statement, slugs)
        store.remove_statement(node)
