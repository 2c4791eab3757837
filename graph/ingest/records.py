"""The records of the data format: actors, issues, sources, background facts and statements.

Each record is a pydantic model of one YAML entry (or one API body); what the records refer to
is checked in :mod:`graph.ingest.references`, their RDF made in :mod:`graph.ingest.triples`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from rdflib import Graph, URIRef


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]

ActorType = Literal["State", "Person", "AnonymousSource", "Organization", "Alliance", "Committee",
                    "MediaOutlet", "Group"]
ACTOR_TYPES: tuple[ActorType, ...] = get_args(ActorType)
Modality = Literal["asserted", "conditional", "hypothetical", "historical", "reported"]
Attribution = Literal["named", "anonymous", "collective", "unattributed"]
LANG = "en"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorBackground(_Record):
    """Where the background fields of the actor file come from."""

    id: Slug
    fields: list[Literal["wikidata", "member_of"]]
    source: Text
    description: Text


class ActorRecord(_Record):
    id: Slug
    type: ActorType
    label: Text
    aliases: list[Text] = []
    description: Text | None = None
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    member_of: list[Slug] = []


class IssueRecord(_Record):
    id: Slug
    type: Literal["Proposal", "Commitment"]
    label: Text
    aliases: list[Text] = []
    broader: list[Slug] = []
    definition: Text | None = None
    year: int | None = None
    fulfilled: bool | None = None


class SourceDescription(_Record):
    """A source's metadata, wherever its text comes from."""

    id: Slug
    title: Text
    title_basis: Text | None = None
    language: Text = LANG
    reports_on: Slug | None = None
    date: dt.date
    date_basis: Text | None = None


class SourceMeta(SourceDescription):
    """A source of the data directory: its text lies in ``text_file``, checked by ``sha256``."""

    text_file: Text
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class BackgroundFact(_Record):
    id: Slug
    description: Text
    source: Text


class StatementRecord(_Record):
    id: Slug
    actor: Slug
    relation: Slug
    target: Slug
    quote: Text
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=1)]
    speaker: Slug | None = None
    attribution: Attribution
    modality: Modality = "asserted"
    condition: Text | None = None
    reason: Text | None = None
    role: Text | None = None
    addressees: list[Slug] = []
    according_to: Slug | None = None
    date: dt.date | None = None
    date_basis: Slug | None = None


@dataclass(frozen=True)
class SourceContext:
    """What statements need of their source: its id, text, date and background facts by id."""

    slug: str
    text: str
    date: dt.date
    facts: Mapping[str, tuple[URIRef, str]] = field(default_factory=dict)



@dataclass(frozen=True)
class KnownIds:
    """Ids already in the store, so a file may refer to actors and issues loaded before."""

    actors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()


@dataclass
class DataFile:
    """One data file read into RDF: the named graphs it fills and what it declares."""

    path: Path
    kind: str
    graphs: dict[URIRef, Graph] = field(default_factory=dict)
    actors: list[ActorRecord] = field(default_factory=list)
    issues: list[IssueRecord] = field(default_factory=list)
    statements: list[StatementRecord] = field(default_factory=list)
    lines: dict[str, int | None] = field(default_factory=dict)
    context: SourceContext | None = None

    def triple_count(self) -> int:
        return sum(len(g) for g in self.graphs.values())
