"""What records refer to: quotes against their source's text, relations, background facts
and the ids of actors and issues, in the files read together or already in the store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from rdflib import URIRef

from graph.errors import NotFound, SourceDataError
from graph.ingest.records import DataFile, KnownIds, SourceContext, StatementRecord
from graph.ingest.triples import ontology_graph, statement_graph
from graph.vocab import RDF, SG, relation_iri


@cache
def _relations() -> frozenset[URIRef]:
    """The relations the ontology defines: its stance and actor relations (not ``sg:actor`` ...)."""
    g = ontology_graph()
    return frozenset(s for kind in (SG.StanceRelation, SG.ActorRelation)
                     for s in g.subjects(RDF.type, kind) if isinstance(s, URIRef))


def _is_relation(slug: str) -> bool:
    try:
        return relation_iri(slug) in _relations()
    except AttributeError:  # no term of that name in the ontology at all
        return False


def _check(origin: Path | str, line: int | None, record: str, kind: str, key: str,
           known: set[str] | frozenset[str]) -> None:
    if key not in known:
        raise SourceDataError(origin, str(NotFound.among(kind, key, known)), line=line, record=record)


def check_statements(records: Sequence[StatementRecord], source: SourceContext,
                     actors: set[str] | frozenset[str], issues: set[str] | frozenset[str],
                     origin: Path | str, lines: Mapping[str, int | None] | None = None) -> None:
    """Check coded statements before their RDF is made.

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
    for st in records:
        line = (lines or {}).get(st.id)
        if source.text[st.start:st.end] != st.quote:
            found = source.text.find(st.quote)
            hint = f"; the quote occurs at start={found}, end={found + len(st.quote)}" if found >= 0 \
                else "; the quote does not occur in the text at all"
            raise SourceDataError(origin, f"quote does not match the text at "
                                  f"[{st.start}, {st.end}){hint}", line=line, record=st.id)
        if not _is_relation(st.relation):
            raise SourceDataError(origin, f"unknown relation {st.relation!r}", line=line, record=st.id)
        if st.date_basis and st.date_basis not in source.facts:
            raise SourceDataError(origin, f"date_basis {st.date_basis!r} is not a background "
                                  f"fact of source {source.slug!r}", line=line, record=st.id)
        _check(origin, line, st.id, "actor", st.actor, actors)
        for other in filter(None, (st.speaker, st.according_to, *st.addressees)):
            _check(origin, line, st.id, "actor", other, actors)
        if st.target not in issues:
            _check(origin, line, st.id, "actor or issue", st.target, set(actors) | set(issues))


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
            check_statements(file.statements, file.context, actors, issues, file.path, file.lines)
            g += statement_graph(file.statements, file.context, issues)
    return files
