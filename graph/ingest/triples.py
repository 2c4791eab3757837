"""The RDF of records: actors and their background, issues, sources and coded statements.

Output only: the records were validated by pydantic and their references checked
(:mod:`graph.ingest.references`) before they come here. The mapping from fields to triples is
written once, over a :class:`Terms` factory: rdflib terms for the loader, the engine's own terms
where speed needs them (the benchmark's corpus writer).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Protocol, TypeVar

from rdflib import Graph, Literal as RDFLiteral, URIRef

from graph.ingest.records import (
    LANG, ActorBackground, ActorRecord, BackgroundFact, IssueRecord, SourceContext,
    SourceDescription, StatementRecord,
)
from graph.paths import ONTOLOGY_FILE
from graph.vocab import (
    DCTERMS, ID, PROV, RDF, SCHEMA, SG, SKOS, WD, XSD,
    actor_iri, issue_iri, relation_iri, source_iri, statement_iri,
)

IriT = TypeVar("IriT")
LitT = TypeVar("LitT")
IriT_co = TypeVar("IriT_co", covariant=True)
LitT_co = TypeVar("LitT_co", covariant=True)
Triple = tuple[IriT, IriT, IriT | LitT]
"""A triple of one library's terms: IRIs for subject and predicate, an IRI or literal object."""


class Terms(Protocol[IriT_co, LitT_co]):
    """Makes the RDF terms of one library: IRIs and the literals the data format uses."""

    def iri(self, value: str) -> IriT_co: ...
    def string(self, text: str) -> LitT_co: ...
    def text(self, text: str) -> LitT_co: ...  # in the data's language (LANG)
    def integer(self, value: int) -> LitT_co: ...
    def date(self, value: dt.date) -> LitT_co: ...
    def year(self, value: int) -> LitT_co: ...
    def boolean(self, value: bool) -> LitT_co: ...


class RdflibTerms:
    """:class:`Terms` as rdflib terms."""

    def iri(self, value: str) -> URIRef:
        return URIRef(value)

    def string(self, text: str) -> RDFLiteral:
        return RDFLiteral(text)

    def text(self, text: str) -> RDFLiteral:
        return RDFLiteral(text, lang=LANG)

    def integer(self, value: int) -> RDFLiteral:
        return RDFLiteral(value)

    def date(self, value: dt.date) -> RDFLiteral:
        return RDFLiteral(value)

    def year(self, value: int) -> RDFLiteral:
        return RDFLiteral(f"{value:04d}", datatype=XSD.gYear)

    def boolean(self, value: bool) -> RDFLiteral:
        return RDFLiteral(value)


RDFLIB = RdflibTerms()


class _NamedFields(Protocol):
    """What the triples of a named thing (an actor, an issue) read of its names."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...


class ActorFields(_NamedFields, Protocol):
    """What the triples of an actor read (an :class:`ActorRecord` or a generated actor)."""

    @property
    def description(self) -> str | None: ...
    @property
    def wikidata(self) -> str | None: ...
    @property
    def member_of(self) -> Sequence[str]: ...


class IssueFields(_NamedFields, Protocol):
    """What the triples of an issue read."""

    @property
    def broader(self) -> Sequence[str]: ...
    @property
    def definition(self) -> str | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def fulfilled(self) -> bool | None: ...


class SourceFields(Protocol):
    """What the triples of a source document read."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def title_basis(self) -> str | None: ...
    @property
    def language(self) -> str: ...
    @property
    def reports_on(self) -> str | None: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def date_basis(self) -> str | None: ...


class StatementFields(Protocol):
    """What the triples of a coded statement read."""

    @property
    def id(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def relation(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def speaker(self) -> str | None: ...
    @property
    def attribution(self) -> str: ...
    @property
    def modality(self) -> str: ...
    @property
    def condition(self) -> str | None: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def role(self) -> str | None: ...
    @property
    def addressees(self) -> Sequence[str]: ...
    @property
    def according_to(self) -> str | None: ...
    @property
    def date(self) -> dt.date | None: ...
    @property
    def date_basis(self) -> str | None: ...


def _labels(node: IriT, slug: str, label: str, aliases: Sequence[str],
            terms: Terms[IriT, LitT]) -> Iterator[Triple[IriT, LitT]]:
    yield node, terms.iri(SG.slug), terms.string(slug)
    yield node, terms.iri(SKOS.prefLabel), terms.text(label)
    for alias in aliases:
        yield node, terms.iri(SKOS.altLabel), terms.text(alias)


def actor_triples(actor: ActorFields, terms: Terms[IriT, LitT]) -> Iterator[Triple[IriT, LitT]]:
    """An actor's type, slug, labels and definition (its background lies elsewhere)."""
    node = terms.iri(actor_iri(actor.id))
    yield node, terms.iri(RDF.type), terms.iri(SG[actor.type])
    yield from _labels(node, actor.id, actor.label, actor.aliases, terms)
    if actor.description:
        yield node, terms.iri(SKOS.definition), terms.text(actor.description)


def background_node(background: ActorBackground) -> URIRef:
    """The node, and named graph, of the actors' background fields."""
    return ID[f"background/{background.id}"]


def background_triples(background: ActorBackground, actors: Iterable[ActorFields],
                       terms: Terms[IriT, LitT]) -> Iterator[Triple[IriT, LitT]]:
    """The background fields of ``actors`` (Wikidata ids, memberships) and where they come from."""
    node = terms.iri(background_node(background))
    yield node, terms.iri(RDF.type), terms.iri(SG.Background)
    yield node, terms.iri(DCTERMS.source), terms.string(background.source)
    yield node, terms.iri(DCTERMS.description), terms.string(background.description)
    for actor in actors:
        subject = terms.iri(actor_iri(actor.id))
        if actor.wikidata:
            yield subject, terms.iri(SCHEMA.sameAs), terms.iri(WD[actor.wikidata])
            yield subject, terms.iri(SG.wikidataId), terms.string(actor.wikidata)
        for org in actor.member_of:
            yield subject, terms.iri(SG.memberOf), terms.iri(actor_iri(org))


def issue_triples(issue: IssueFields, terms: Terms[IriT, LitT]) -> Iterator[Triple[IriT, LitT]]:
    """A proposal or commitment as a concept of the issues' SKOS scheme."""
    node = terms.iri(issue_iri(issue.id))
    yield node, terms.iri(RDF.type), terms.iri(SG[issue.type])
    yield node, terms.iri(SKOS.inScheme), terms.iri(SG.issues)
    yield from _labels(node, issue.id, issue.label, issue.aliases, terms)
    if issue.definition:
        yield node, terms.iri(SKOS.definition), terms.text(issue.definition)
    if not issue.broader:
        yield node, terms.iri(SKOS.topConceptOf), terms.iri(SG.issues)
    for parent in issue.broader:
        yield node, terms.iri(SKOS.broader), terms.iri(issue_iri(parent))
        yield terms.iri(issue_iri(parent)), terms.iri(SKOS.narrower), node
    if issue.year is not None:
        yield node, terms.iri(SG.year), terms.year(issue.year)
    if issue.fulfilled is not None:
        yield node, terms.iri(SG.fulfilled), terms.boolean(issue.fulfilled)


def fact_node(source: str, fact: str) -> URIRef:
    """The node of background fact ``fact`` of source ``source``."""
    return ID[f"background/{source}-{fact}"]


def source_triples(meta: SourceFields, text: str, facts: Sequence[BackgroundFact],
                   terms: Terms[IriT, LitT]) -> Iterator[Triple[IriT, LitT]]:
    """A source document with its text and checksum, and the background facts it needs."""
    doc = terms.iri(source_iri(meta.id))
    yield doc, terms.iri(RDF.type), terms.iri(SG.SourceDocument)
    yield doc, terms.iri(RDF.type), terms.iri(SCHEMA.NewsArticle)
    yield doc, terms.iri(SG.slug), terms.string(meta.id)
    yield doc, terms.iri(DCTERMS.title), terms.string(meta.title)
    yield doc, terms.iri(DCTERMS.language), terms.string(meta.language)
    yield doc, terms.iri(DCTERMS.date), terms.date(meta.date)
    yield doc, terms.iri(SCHEMA.text), terms.string(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    yield doc, terms.iri(DCTERMS.identifier), terms.string(f"sha256:{digest}")
    if meta.title_basis:
        yield doc, terms.iri(SKOS.note), terms.text(meta.title_basis)
    if meta.date_basis:
        yield doc, terms.iri(SG.dateBasis), terms.string(meta.date_basis)
    if meta.reports_on:
        yield doc, terms.iri(SG.reportsOn), terms.iri(actor_iri(meta.reports_on))
    for fact in facts:
        node = terms.iri(fact_node(meta.id, fact.id))
        yield node, terms.iri(RDF.type), terms.iri(SG.Background)
        yield node, terms.iri(DCTERMS.description), terms.string(fact.description)
        yield node, terms.iri(DCTERMS.source), terms.string(fact.source)


def statement_triples(st: StatementFields, source: str, source_date: dt.date,
                      issues: frozenset[str] | set[str], facts: Mapping[str, tuple[URIRef, str]],
                      terms: Terms[IriT, LitT]) -> Iterator[Triple[IriT, LitT]]:
    """A coded statement: its node with every qualifier, and the direct edge it materialises.

    A target among ``issues`` is an issue, any other an actor; ``facts`` are the source's
    background facts by id (node and description), for ``date_basis``.
    """
    slug = f"{source}-{st.id}"
    node = terms.iri(statement_iri(slug))
    actor = terms.iri(actor_iri(st.actor))
    relation = terms.iri(relation_iri(st.relation))
    target = terms.iri(issue_iri(st.target) if st.target in issues else actor_iri(st.target))
    yield node, terms.iri(RDF.type), terms.iri(SG.Statement)
    yield node, terms.iri(SG.slug), terms.string(slug)
    yield node, terms.iri(SG.actor), actor
    yield node, terms.iri(SG.relation), relation
    yield node, terms.iri(SG.target), target
    yield actor, relation, target
    yield node, terms.iri(SG.source), terms.iri(source_iri(source))
    yield node, terms.iri(SG.quote), terms.string(st.quote)
    yield node, terms.iri(SG.quoteStart), terms.integer(st.start)
    yield node, terms.iri(SG.quoteEnd), terms.integer(st.end)
    yield node, terms.iri(SG.date), terms.date(st.date or source_date)
    yield node, terms.iri(SG.modality), terms.iri(SG[st.modality])
    yield node, terms.iri(SG.attribution), terms.iri(SG[st.attribution])
    for prop, value in ((SG.condition, st.condition), (SG.reason, st.reason), (SG.role, st.role)):
        if value:
            yield node, terms.iri(prop), terms.string(value)
    if st.speaker:
        yield node, terms.iri(SG.speaker), terms.iri(actor_iri(st.speaker))
    if st.according_to:
        yield node, terms.iri(SG.accordingTo), terms.iri(actor_iri(st.according_to))
    for addressee in st.addressees:
        yield node, terms.iri(SG.addressee), terms.iri(actor_iri(addressee))
    if relation_iri(st.relation) == SG.speaksFor and st.role:
        yield actor, terms.iri(SG.role), terms.string(st.role)
    if st.date_basis:
        basis, description = facts[st.date_basis]
        yield node, terms.iri(SG.dateBasis), terms.string(description)
        yield node, terms.iri(PROV.wasInfluencedBy), terms.iri(basis)


def _graph(triples: Iterable[Triple[URIRef, RDFLiteral]]) -> Graph:
    g = Graph()
    for triple in triples:
        g.add(triple)
    return g


def actor_graphs(background: ActorBackground, actors: Sequence[ActorRecord],
                 graph_name: URIRef) -> dict[URIRef, Graph]:
    """The actors in ``graph_name``; their background fields (Wikidata ids, memberships) in the
    named graph of ``background``, whose provenance says where they come from."""
    main = _graph(t for actor in actors for t in actor_triples(actor, RDFLIB))
    return {graph_name: main,
            background_node(background): _graph(background_triples(background, actors, RDFLIB))}


def issue_graph(issues: Sequence[IssueRecord]) -> Graph:
    """The proposals and commitments as a SKOS concept scheme."""
    return _graph(t for issue in issues for t in issue_triples(issue, RDFLIB))


def source_graph(meta: SourceDescription, text: str,
                 facts: Sequence[BackgroundFact] = ()) -> tuple[Graph, SourceContext]:
    """The RDF of a source document and its background facts, and the context its statements need."""
    facts_by_id = {fact.id: (fact_node(meta.id, fact.id), fact.description) for fact in facts}
    return (_graph(source_triples(meta, text, facts, RDFLIB)),
            SourceContext(meta.id, text, meta.date, facts_by_id))


def statement_graph(records: Sequence[StatementRecord], source: SourceContext,
                    issues: set[str] | frozenset[str]) -> Graph:
    """The RDF of coded statements: statement nodes with qualifiers, and the direct edges.

    The records' references are checked already (:func:`graph.ingest.references.check_statements`).
    """
    return _graph(t for st in records for t in statement_triples(
        st, source.slug, source.date, issues, source.facts, RDFLIB))


def ontology_graph() -> Graph:
    """The stancegraph ontology as an rdflib graph."""
    return Graph().parse(data=ONTOLOGY_FILE.read_bytes(), format="turtle")
