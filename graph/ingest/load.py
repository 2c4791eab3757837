"""Read the YAML data files (actors, issues, coded sources) into typed records, then into RDF.

This module is the only reader of ``data/``. Every error names the file, the line and the record.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from rdflib import Graph, Literal as RDFLiteral, URIRef

from graph.errors import NotFound, SourceDataError
from graph.paths import ONTOLOGY_FILE
from graph.vocab import (
    DCTERMS, ID, PROV, RDF, SCHEMA, SG, SKOS, WD, XSD,
    actor_iri, graph_iri, issue_iri, relation_iri, source_iri, statement_iri,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]

ACTOR_TYPES = ("State", "Person", "AnonymousSource", "Organization", "Alliance", "Committee",
               "MediaOutlet", "Group")
MODALITIES = ("asserted", "conditional", "hypothetical", "historical", "reported")
ATTRIBUTIONS = ("named", "anonymous", "collective", "unattributed")
BACKGROUND_ACTOR_FIELDS = ("wikidata", "member_of")
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
    type: Literal[ACTOR_TYPES]  # type: ignore[valid-type]
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
    attribution: Literal[ATTRIBUTIONS]  # type: ignore[valid-type]
    modality: Literal[MODALITIES] = "asserted"  # type: ignore[valid-type]
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


@dataclass(frozen=True)
class KnownIds:
    """Ids already in the store, so a file may refer to actors and issues loaded before."""

    actors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()

    @classmethod
    def from_graph(cls, g: Graph) -> KnownIds:
        """The slugs of the actors and issues typed in ``g``."""
        def slugs(types: Iterable[str]) -> frozenset[str]:
            return frozenset(str(g.value(node, SG.slug)) for t in types
                             for node in g.subjects(RDF.type, SG[t]) if g.value(node, SG.slug))
        return cls(actors=slugs(ACTOR_TYPES), issues=slugs(("Proposal", "Commitment")))


class _DatelessLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as strings, so pydantic reports bad ones clearly."""


_DatelessLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class _Parsed:
    path: Path
    data: dict[str, Any]
    lines: dict[str, list[int]]

    def line(self, section: str, index: int) -> int | None:
        numbers = self.lines.get(section, [])
        return numbers[index] if index < len(numbers) else None


def data_files(paths: Iterable[Path | str]) -> list[Path]:
    """The YAML files named by ``paths``, directories expanded recursively, in sorted order.

    >>> data_files([])
    []
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"}))
        elif path.exists():
            found.append(path)
        else:
            raise SourceDataError(path, "no such file or directory")
    return found


def _parse_yaml(path: Path) -> _Parsed:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SourceDataError(path, f"cannot read file: {err}") from err
    loader = _DatelessLoader(text)
    try:  # one parse: the node tree gives the line numbers, then the data are built from it
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise SourceDataError(path, f"YAML syntax error: {err.problem}", line=line) from err
    except yaml.YAMLError as err:
        raise SourceDataError(path, f"YAML error: {err}") from err
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise SourceDataError(path, "expected a mapping with a 'kind' key at the top", line=1)
    lines: dict[str, list[int]] = {}
    for key_node, value_node in root.value:
        lines[key_node.value] = [value_node.start_mark.line + 1]
        if isinstance(value_node, yaml.SequenceNode):
            lines[key_node.value] = [item.start_mark.line + 1 for item in value_node.value]
    return _Parsed(path, data, lines)


def _record(model: type[_Record], raw: Any, parsed: _Parsed, section: str, index: int) -> Any:
    line = parsed.line(section, index)
    record_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or section}: {e['msg']}" for e in err.errors()
        )
        raise SourceDataError(parsed.path, problems, line=line, record=record_id) from err


def _records(model: type[_Record], parsed: _Parsed, section: str) -> list[Any]:
    raw = parsed.data.get(section)
    if raw is None:
        raise SourceDataError(parsed.path, f"missing section {section!r}", line=1)
    if not isinstance(raw, list):
        raise SourceDataError(parsed.path, f"{section!r} must be a list", line=parsed.line(section, 0))
    records = [_record(model, item, parsed, section, i) for i, item in enumerate(raw)]
    seen: set[str] = set()
    for i, rec in enumerate(records):
        if rec.id in seen:
            raise SourceDataError(parsed.path, f"duplicate id {rec.id!r} in {section!r}",
                                  line=parsed.line(section, i), record=rec.id)
        seen.add(rec.id)
    return records


def _single(model: type[_Record], parsed: _Parsed, section: str) -> Any:
    raw = parsed.data.get(section)
    if not isinstance(raw, dict):
        raise SourceDataError(parsed.path, f"missing or malformed section {section!r}", line=1)
    return _record(model, raw, parsed, section, 0)


def _lit(value: str) -> RDFLiteral:
    return RDFLiteral(value, lang=LANG)


def _labels(g: Graph, node: URIRef, slug: str, label: str, aliases: Sequence[str]) -> None:
    g.add((node, SG.slug, RDFLiteral(slug)))
    g.add((node, SKOS.prefLabel, _lit(label)))
    for alias in aliases:
        g.add((node, SKOS.altLabel, _lit(alias)))


def _actors_file(parsed: _Parsed) -> DataFile:
    background = _single(ActorBackground, parsed, "background")
    actors: list[ActorRecord] = _records(ActorRecord, parsed, "actors")
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
    return DataFile(parsed.path, "actors", actors=actors,
                    graphs={graph_iri(parsed.path.stem): main, background_node: extra},
                    lines={a.id: parsed.line("actors", i) for i, a in enumerate(actors)})


def _issues_file(parsed: _Parsed) -> DataFile:
    issues: list[IssueRecord] = _records(IssueRecord, parsed, "issues")
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
    return DataFile(parsed.path, "issues", issues=issues, graphs={graph_iri(parsed.path.stem): g},
                    lines={i.id: parsed.line("issues", n) for n, i in enumerate(issues)})


def _source_text(parsed: _Parsed, meta: SourceMeta) -> str:
    text_path = parsed.path.parent / meta.text_file
    try:
        raw = text_path.read_bytes()
    except OSError as err:
        raise SourceDataError(parsed.path, f"text file {text_path} cannot be read: {err}",
                              line=parsed.line("source", 0), record=meta.id) from err
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta.sha256:
        raise SourceDataError(parsed.path, f"text file {text_path} has sha256 {digest}, "
                              f"the record says {meta.sha256}", line=parsed.line("source", 0),
                              record=meta.id)
    return raw.decode("utf-8")


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


def _source_file(parsed: _Parsed) -> DataFile:
    meta: SourceMeta = _single(SourceMeta, parsed, "source")
    facts: list[BackgroundFact] = (
        _records(BackgroundFact, parsed, "background") if "background" in parsed.data else [])
    statements: list[StatementRecord] = _records(StatementRecord, parsed, "statements")
    g, context = source_graph(meta, _source_text(parsed, meta), facts)
    return DataFile(parsed.path, "source", statements=statements,
                    graphs={graph_iri(parsed.path.stem): g},
                    lines={st.id: parsed.line("statements", i) for i, st in enumerate(statements)},
                    context=context)


_READERS = {"actors": _actors_file, "issues": _issues_file, "source": _source_file}


def read_file(path: Path | str) -> DataFile:
    """Parse one data file into records and RDF; references to other files are not yet resolved."""
    parsed = _parse_yaml(Path(path))
    kind = parsed.data.get("kind")
    if kind not in _READERS:
        raise SourceDataError(parsed.path, f"'kind' must be one of {sorted(_READERS)}, not {kind!r}",
                              line=parsed.line("kind", 0))
    return _READERS[kind](parsed)


def _check(origin: Path | str, line: int | None, record: str, kind: str, key: str,
           known: set[str] | frozenset[str]) -> None:
    if key not in known:
        raise SourceDataError(origin, str(NotFound.among(kind, key, known)), line=line, record=record)


def statement_graph(records: Sequence[StatementRecord], source: SourceContext,
                    actors: set[str] | frozenset[str], issues: set[str] | frozenset[str],
                    origin: Path | str, lines: Mapping[str, int | None] | None = None) -> Graph:
    """The RDF of coded statements: statement nodes with qualifiers, and the direct edges.

    Parameters
    ----------
    records
        The statements, each with an id unique within its source.
    source
        The source they are coded from; quotes are checked against its text.
    actors, issues
        The ids that may be referred to.
    origin, lines
        Where the records come from, for error messages (a file and its line per record id).

    Raises
    ------
    SourceDataError
        A quote off its offsets, an unknown relation, id or background fact.
    """
    g = Graph()
    doc = source_iri(source.slug)
    for st in records:
        line = (lines or {}).get(st.id)
        if source.text[st.start:st.end] != st.quote:
            found = source.text.find(st.quote)
            hint = f"; the quote occurs at start={found}, end={found + len(st.quote)}" if found >= 0 \
                else "; the quote does not occur in the text at all"
            raise SourceDataError(origin, f"quote does not match the text at "
                                  f"[{st.start}, {st.end}){hint}", line=line, record=st.id)
        try:
            relation = relation_iri(st.relation)
        except AttributeError as err:
            raise SourceDataError(origin, f"unknown relation {st.relation!r}",
                                  line=line, record=st.id) from err
        if st.date_basis and st.date_basis not in source.facts:
            raise SourceDataError(origin, f"date_basis {st.date_basis!r} is not a background "
                                  f"fact of source {source.slug!r}", line=line, record=st.id)
        _check(origin, line, st.id, "actor", st.actor, actors)
        for other in filter(None, (st.speaker, st.according_to, *st.addressees)):
            _check(origin, line, st.id, "actor", other, actors)
        if st.target in issues:
            target = issue_iri(st.target)
        else:
            _check(origin, line, st.id, "actor or issue", st.target, set(actors) | set(issues))
            target = actor_iri(st.target)
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


def read_paths(paths: Iterable[Path | str], known: KnownIds = KnownIds()) -> list[DataFile]:
    """Read data files and resolve their cross-references; ``known`` ids may come from the store.

    Raises
    ------
    SourceDataError
        For the first file, line and record that is malformed or refers to an unknown id.
    """
    return link([read_file(p) for p in data_files(paths)], known)


def link(files: list[DataFile], known: KnownIds = KnownIds()) -> list[DataFile]:
    """Resolve the cross-references of files read by :func:`read_file`: check every id they
    mention and add the statements' triples. Returns ``files``.

    Raises
    ------
    SourceDataError
        For the first record that refers to an unknown id.
    """
    actors = set(known.actors) | {a.id for f in files for a in f.actors}
    issues = set(known.issues) | {i.id for f in files for i in f.issues}
    clash = actors & issues
    if clash:
        raise SourceDataError(files[0].path, f"ids used for both an actor and an issue: {sorted(clash)}")
    for file in files:
        for actor in file.actors:
            for org in actor.member_of:
                _check(file.path, file.lines[actor.id], actor.id, "actor", org, actors)
        for issue in file.issues:
            for parent in issue.broader:
                _check(file.path, file.lines[issue.id], issue.id, "issue", parent, issues)
        if file.context is not None:
            (g,) = file.graphs.values()
            g += statement_graph(file.statements, file.context, actors, issues, file.path, file.lines)
    return files


def ontology_graph() -> Graph:
    """The stancegraph ontology as an rdflib graph."""
    return Graph().parse(data=ONTOLOGY_FILE.read_bytes(), format="turtle")

