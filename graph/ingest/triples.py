"""The RDF of records: actors and their background, issues, sources and coded statements.

Output only: the records were validated by pydantic and their references checked
(:mod:`graph.ingest.references`) before they come here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

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


def _lit(value: str) -> RDFLiteral:
    return RDFLiteral(value, lang=LANG)


def _labels(g: Graph, node: URIRef, slug: str, label: str, aliases: Sequence[str]) -> None:
    g.add((node, SG.slug, RDFLiteral(slug)))
    g.add((node, SKOS.prefLabel, _lit(label)))
    for alias in aliases:
        g.add((node, SKOS.altLabel, _lit(alias)))


def actor_graphs(background: ActorBackground, actors: Sequence[ActorRecord],
                 graph_name: URIRef) -> dict[URIRef, Graph]:
    """The actors in ``graph_name``; their background fields (Wikidata ids, memberships) in the
    named graph of ``background``, whose provenance says where they come from."""
    main, extra = Graph(), Graph()
    background_node = ID[f"background/{background.id}"]
    extra.add((background_node, RDF.type, SG.Background))
    extra.add((background_node, DCTERMS.source, RDFLiteral(background.source)))
    extra.add((background_node, DCTERMS.description, RDFLiteral(background.description)))
    for actor in actors:
        node = actor_iri(actor.id)
        main.add((node, RDF.type, SG[actor.type]))
        _labels(main, node, actor.id, actor.label, actor.aliases)
        if actor.description:
            main.add((node, SKOS.definition, _lit(actor.description)))
        if actor.wikidata:
            extra.add((node, SCHEMA.sameAs, WD[actor.wikidata]))
            extra.add((node, SG.wikidataId, RDFLiteral(actor.wikidata)))
        for org in actor.member_of:
            extra.add((node, SG.memberOf, actor_iri(org)))
    return {graph_name: main, background_node: extra}


def issue_graph(issues: Sequence[IssueRecord]) -> Graph:
    """The proposals and commitments as a SKOS concept scheme."""
    g = Graph()
    for issue in issues:
        node = issue_iri(issue.id)
        g.add((node, RDF.type, SG[issue.type]))
        g.add((node, SKOS.inScheme, SG.issues))
        _labels(g, node, issue.id, issue.label, issue.aliases)
        if issue.definition:
            g.add((node, SKOS.definition, _lit(issue.definition)))
        if not issue.broader:
            g.add((node, SKOS.topConceptOf, SG.issues))
        for parent in issue.broader:
            g.add((node, SKOS.broader, issue_iri(parent)))
            g.add((issue_iri(parent), SKOS.narrower, node))
        if issue.year is not None:
            g.add((node, SG.year, RDFLiteral(f"{issue.year:04d}", datatype=XSD.gYear)))
        if issue.fulfilled is not None:
            g.add((node, SG.fulfilled, RDFLiteral(issue.fulfilled)))
    return g


def source_graph(meta: SourceDescription, text: str,
                 facts: Sequence[BackgroundFact] = ()) -> tuple[Graph, SourceContext]:
    """The RDF of a source document and its background facts, and the context its statements need."""
    g = Graph()
    doc = source_iri(meta.id)
    g.add((doc, RDF.type, SG.SourceDocument))
    g.add((doc, RDF.type, SCHEMA.NewsArticle))
    g.add((doc, SG.slug, RDFLiteral(meta.id)))
    g.add((doc, DCTERMS.title, RDFLiteral(meta.title)))
    g.add((doc, DCTERMS.language, RDFLiteral(meta.language)))
    g.add((doc, DCTERMS.date, RDFLiteral(meta.date)))
    g.add((doc, SCHEMA.text, RDFLiteral(text)))
    g.add((doc, DCTERMS.identifier,
           RDFLiteral(f"sha256:{hashlib.sha256(text.encode('utf-8')).hexdigest()}")))
    if meta.title_basis:
        g.add((doc, SKOS.note, _lit(meta.title_basis)))
    if meta.date_basis:
        g.add((doc, SG.dateBasis, RDFLiteral(meta.date_basis)))
    if meta.reports_on:
        g.add((doc, SG.reportsOn, actor_iri(meta.reports_on)))
    facts_by_id: dict[str, tuple[URIRef, str]] = {}
    for fact in facts:
        node = ID[f"background/{meta.id}-{fact.id}"]
        facts_by_id[fact.id] = (node, fact.description)
        g.add((node, RDF.type, SG.Background))
        g.add((node, DCTERMS.description, RDFLiteral(fact.description)))
        g.add((node, DCTERMS.source, RDFLiteral(fact.source)))
    return g, SourceContext(meta.id, text, meta.date, facts_by_id)


def statement_graph(records: Sequence[StatementRecord], source: SourceContext,
                    issues: set[str] | frozenset[str]) -> Graph:
    """The RDF of coded statements: statement nodes with qualifiers, and the direct edges.

    The records' references are checked already (:func:`graph.ingest.references.check_statements`);
    a target among ``issues`` is an issue, any other an actor.
    """
    g = Graph()
    doc = source_iri(source.slug)
    for st in records:
        relation = relation_iri(st.relation)
        target = issue_iri(st.target) if st.target in issues else actor_iri(st.target)
        actor = actor_iri(st.actor)
        node = statement_iri(f"{source.slug}-{st.id}")
        g.add((node, RDF.type, SG.Statement))
        g.add((node, SG.slug, RDFLiteral(f"{source.slug}-{st.id}")))
        g.add((node, SG.actor, actor))
        g.add((node, SG.relation, relation))
        g.add((node, SG.target, target))
        g.add((actor, relation, target))
        g.add((node, SG.source, doc))
        g.add((node, SG.quote, RDFLiteral(st.quote)))
        g.add((node, SG.quoteStart, RDFLiteral(st.start)))
        g.add((node, SG.quoteEnd, RDFLiteral(st.end)))
        g.add((node, SG.date, RDFLiteral(st.date or source.date)))
        g.add((node, SG.modality, SG[st.modality]))
        g.add((node, SG.attribution, SG[st.attribution]))
        for prop, value in ((SG.condition, st.condition), (SG.reason, st.reason),
                            (SG.role, st.role)):
            if value:
                g.add((node, prop, RDFLiteral(value)))
        if st.speaker:
            g.add((node, SG.speaker, actor_iri(st.speaker)))
        if st.according_to:
            g.add((node, SG.accordingTo, actor_iri(st.according_to)))
        for addressee in st.addressees:
            g.add((node, SG.addressee, actor_iri(addressee)))
        if relation == SG.speaksFor and st.role:
            g.add((actor, SG.role, RDFLiteral(st.role)))
        if st.date_basis:
            basis_node, description = source.facts[st.date_basis]
            g.add((node, SG.dateBasis, RDFLiteral(description)))
            g.add((node, PROV.wasInfluencedBy, basis_node))
    return g


def ontology_graph() -> Graph:
    """The stancegraph ontology as an rdflib graph."""
    return Graph().parse(ONTOLOGY_FILE, format="turtle")

