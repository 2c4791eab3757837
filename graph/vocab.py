"""The one place stancegraph spells IRIs: closed namespaces and slug-to-IRI minting."""

from __future__ import annotations

import re

from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = [
    "DCTERMS", "EV", "ID", "OWL", "PREFIXES", "PROV", "RDF", "RDFS", "SCHEMA", "SG", "SGSH", "SKOS", "WD", "XSD",
    "actor_iri", "graph_iri", "is_slug", "issue_iri", "relation_iri", "relation_slug", "slug_of",
    "source_iri", "statement_iri",
]

SCHEMA = SDO
WD = Namespace("http://www.wikidata.org/entity/")
ID = Namespace("https://w3id.org/stancegraph/id/")


class SG(DefinedNamespace):
    """The stancegraph ontology (``ontology/stancegraph.ttl``)."""

    _NS = Namespace("https://w3id.org/stancegraph/ontology#")
    _fail = True

    Actor: URIRef
    ActorRelation: URIRef
    Alliance: URIRef
    AnonymousSource: URIRef
    Attribution: URIRef
    Background: URIRef
    Commitment: URIRef
    Committee: URIRef
    Group: URIRef
    Issue: URIRef
    MediaOutlet: URIRef
    Modality: URIRef
    Organization: URIRef
    Person: URIRef
    Proposal: URIRef
    Relation: URIRef
    SourceDocument: URIRef
    StanceRelation: URIRef
    State: URIRef
    Statement: URIRef
    accordingTo: URIRef
    actor: URIRef
    addressee: URIRef
    allyOf: URIRef
    anonymous: URIRef
    asserted: URIRef
    assures: URIRef
    atWarWith: URIRef
    attribution: URIRef
    backs: URIRef
    chairs: URIRef
    collective: URIRef
    commitsTo: URIRef
    condition: URIRef
    conditional: URIRef
    date: URIRef
    dateBasis: URIRef
    declinesToContribute: URIRef
    develops: URIRef
    discusses: URIRef
    family: URIRef
    fulfilled: URIRef
    historical: URIRef
    hypothetical: URIRef
    insistsOn: URIRef
    isHesitantAbout: URIRef
    isReservedAbout: URIRef
    isScepticalOf: URIRef
    issues: URIRef
    keepsDistanceFrom: URIRef
    memberOf: URIRef
    modality: URIRef
    named: URIRef
    offers: URIRef
    opposes: URIRef
    plansFor: URIRef
    polarity: URIRef
    quote: URIRef
    quoteEnd: URIRef
    quoteStart: URIRef
    reason: URIRef
    rejects: URIRef
    relatesTo: URIRef
    relation: URIRef
    reported: URIRef
    reportsOn: URIRef
    resists: URIRef
    role: URIRef
    rulesOut: URIRef
    slug: URIRef
    source: URIRef
    speaker: URIRef
    speaksFor: URIRef
    supports: URIRef
    takesStanceOn: URIRef
    target: URIRef
    unattributed: URIRef
    warnsAgainst: URIRef
    wikidataId: URIRef
    year: URIRef


class SGSH(DefinedNamespace):
    """The stancegraph shapes and their named constraints (``ontology/shapes.ttl``)."""

    _NS = Namespace("https://w3id.org/stancegraph/shapes#")
    _fail = True

    ActorShape: URIRef
    BackgroundShape: URIRef
    ClaimantNamed: URIRef
    CommitmentShape: URIRef
    ConditionGiven: URIRef
    DirectEdgeStated: URIRef
    IssueShape: URIRef
    NoBroaderCycle: URIRef
    PersonShape: URIRef
    PrefLabelProperty: URIRef
    QuoteIsSourceText: URIRef
    RelationShape: URIRef
    SlugProperty: URIRef
    SourceDocumentShape: URIRef
    StatementShape: URIRef


class EV(DefinedNamespace):
    """PLOVER and CAMEO event categories the relations map to."""

    _NS = Namespace("https://w3id.org/stancegraph/events#")
    _fail = True

    CAMEO_03: URIRef
    CAMEO_04: URIRef
    CAMEO_05: URIRef
    CAMEO_07: URIRef
    CAMEO_10: URIRef
    CAMEO_11: URIRef
    CAMEO_12: URIRef
    CAMEO_13: URIRef
    CAMEO_19: URIRef
    PLOVER_AGREE: URIRef
    PLOVER_ASSAULT: URIRef
    PLOVER_CONSULT: URIRef
    PLOVER_COOPERATE: URIRef
    PLOVER_REJECT: URIRef
    PLOVER_REQUEST: URIRef
    PLOVER_SUPPORT: URIRef
    PLOVER_THREATEN: URIRef
    scheme: URIRef

PREFIXES: dict[str, str] = {
    "sg": str(SG._NS), "ev": str(EV._NS), "id": str(ID), "rdf": str(RDF), "rdfs": str(RDFS),
    "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS), "prov": str(PROV),
    "dcterms": str(DCTERMS), "schema": str(SCHEMA), "wd": str(WD),
}
"""Prefixes every SPARQL query may use without declaring them."""

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_KINDS = ("actor", "issue", "statement", "source", "graph")


def is_slug(text: str) -> bool:
    """Whether ``text`` is a valid id: lowercase letters and digits joined by single hyphens.

    >>> is_slug("troop-deployment"), is_slug("Troop deployment"), is_slug("troop-deployment\\n")
    (True, False, False)
    """
    return SLUG_PATTERN.fullmatch(text) is not None  # match() would let a trailing newline in


def _mint(kind: str, slug: str) -> URIRef:
    if not is_slug(slug):
        raise ValueError(f"{slug!r} is not a valid {kind} id (lowercase letters, digits, hyphens)")
    return ID[f"{kind}/{slug}"]


def actor_iri(slug: str) -> URIRef:
    """The IRI of the actor ``slug``.

    >>> actor_iri("poland")
    rdflib.term.URIRef('https://w3id.org/stancegraph/id/actor/poland')
    """
    return _mint("actor", slug)


def issue_iri(slug: str) -> URIRef:
    """The IRI of the issue (proposal or commitment) ``slug``."""
    return _mint("issue", slug)


def statement_iri(slug: str) -> URIRef:
    """The IRI of the statement ``slug``."""
    return _mint("statement", slug)


def source_iri(slug: str) -> URIRef:
    """The IRI of the source document ``slug``."""
    return _mint("source", slug)


def graph_iri(slug: str) -> URIRef:
    """The IRI of the named graph a data file is loaded into."""
    return _mint("graph", slug)


def slug_of(iri: str) -> str:
    """The slug at the end of a stancegraph IRI (the relation slug for ontology relations).

    >>> slug_of("https://w3id.org/stancegraph/id/issue/troop-deployment")
    'troop-deployment'
    >>> slug_of(str(SG.rulesOut))
    'rules-out'
    """
    if iri.startswith(str(SG._NS)):
        return relation_slug(iri)
    return iri.rsplit("/", 1)[-1]


def relation_slug(iri: str) -> str:
    """The kebab-case slug of an ontology relation: ``sg:rulesOut`` -> ``rules-out``."""
    local = iri[len(str(SG._NS)):] if iri.startswith(str(SG._NS)) else iri
    return re.sub(r"(?<!^)(?=[A-Z])", "-", local).lower()


def relation_iri(slug: str) -> URIRef:
    """The ontology relation named by a kebab-case slug: ``rules-out`` -> ``sg:rulesOut``.

    Raises ``AttributeError`` for a name the ontology does not define.

    >>> relation_iri("warns-against") == SG.warnsAgainst
    True
    """
    head, *rest = slug.split("-")
    local = head + "".join(part.capitalize() for part in rest)
    return getattr(SG, local)
