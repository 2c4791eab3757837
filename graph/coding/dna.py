"""Import a Discourse Network Analyzer (DNA 3) file: its coded statements become stancegraph statements.

A ``.dna`` file is an SQLite database. Of the statements of one statement type (default
``DNA Statement``) we import:

- organization -> the actor, person -> the speaker, concept -> the target (a proposal);
- the boolean agreement -> ``supports`` (1) or ``opposes`` (0); an integer qualifier -> by its
  sign, 0 -> ``is-hesitant-about``;
- the document -> the source (its text verbatim, its date), the statement's character span ->
  the quote with its offsets.

The importer writes ordinary data files (``kind: actors``, ``issues``, ``source``) and loads them
with :meth:`graph.store.Store.load`, so imported statements pass every check the hand-coded ones
do. How it reads the schema, and where it is tolerant, is documented in ``docs/analysis.md``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
import sqlite3
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel

from graph.errors import NotFound, SourceDataError
from graph.ingest.records import ACTOR_TYPES
from graph.store import Store
from graph.vocab import graph_iri, is_slug

DEFAULT_STATEMENT_TYPE = "DNA Statement"
_MILLISECONDS = 10**11  # a DNA 3 date in seconds stays below this until the year 5138


@dataclass(frozen=True)
class DnaEntity:
    """A value of a short-text variable, with its colour, parent and attributes."""

    id: int
    variable: str
    value: str
    color: str | None = None
    parent: int | None = None
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str:
        """The value of the attribute ``name`` (case-insensitive), '' if unset."""
        return next((v for k, v in self.attributes if k.casefold() == name.casefold()), "")


@dataclass(frozen=True)
class DnaDocument:
    """A coded document: its text, date and metadata."""

    id: int
    title: str
    text: str
    date: dt.date
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DnaStatement:
    """A coded statement: a span of a document and its values (entities; the qualifier)."""

    id: int
    document: int
    start: int
    stop: int
    actors: tuple[DnaEntity, ...]
    speakers: tuple[DnaEntity, ...]
    targets: tuple[DnaEntity, ...]
    qualifier: int | None


@dataclass(frozen=True)
class DnaVariables:
    """The variable names of the statement type that play each part."""

    actor: str = "organization"
    speaker: str = "person"
    target: str = "concept"
    qualifier: str = "agreement"


@dataclass
class DnaFile:
    """What the importer reads from a ``.dna`` file."""

    path: Path
    statement_type: str
    qualifier_type: str
    documents: dict[int, DnaDocument] = field(default_factory=dict)
    statements: list[DnaStatement] = field(default_factory=list)
    entities: dict[int, DnaEntity] = field(default_factory=dict)
    other_statements: int = 0


class DnaImport(BaseModel):
    """What an import did: counts, the ids minted or linked, the files written."""

    file: str
    prefix: str
    documents: int
    statements: int
    skipped: dict[str, int]
    actors: list[str]
    issues: list[str]
    linked: list[str]
    files: list[str]


# --- reading ----------------------------------------------------------------------


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1].casefold() for row in db.execute(f"PRAGMA table_info({table})")}


def span(text: str, start: int, stop: int) -> tuple[int, int] | None:
    """A span in Java's UTF-16 offsets as string indices; None if it is empty or off the text.

    >>> span("🌍 ab", 3, 5), span("ab", 0, 3)
    ((2, 4), None)
    """
    if any(ord(c) > 0xFFFF for c in text):
        index = [i for i, char in enumerate(text) for _ in range(2 if ord(char) > 0xFFFF else 1)]
        index.append(len(text))
        if not 0 <= start < stop < len(index):
            return None
        start, stop = index[start], index[stop]
    return (start, stop) if 0 <= start < stop <= len(text) else None


def _date(value: int | float | str) -> dt.date:
    seconds = float(value)
    if abs(seconds) >= _MILLISECONDS:
        seconds /= 1000
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()


def _color(row: sqlite3.Row, columns: set[str]) -> str | None:
    if not {"red", "green", "blue"} <= columns or row["Red"] is None:
        return None
    return "#{:02x}{:02x}{:02x}".format(row["Red"], row["Green"], row["Blue"])


def read_dna(path: Path | str, statement_type: str = DEFAULT_STATEMENT_TYPE,
             variables: DnaVariables = DnaVariables()) -> DnaFile:
    """Read the documents, entities and statements of one statement type from a DNA 3 file.

    Raises
    ------
    SourceDataError
        The file is not an SQLite database with DNA's tables, or lacks the statement type or
        one of its variables.
    """
    path = Path(path)
    if not path.is_file():
        raise SourceDataError(path, "no such file")
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            db.row_factory = sqlite3.Row
            return _read(db, path, statement_type, variables)
    except sqlite3.DatabaseError as err:
        raise SourceDataError(path, f"not a DNA database: {err}") from err


def _read(db: sqlite3.Connection, path: Path, statement_type: str,
          variables: DnaVariables) -> DnaFile:
    tables = {row[0].upper() for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    needed = {"DOCUMENTS", "STATEMENTS", "STATEMENTTYPES", "VARIABLES", "ENTITIES", "DATASHORTTEXT"}
    if not needed <= tables:
        raise SourceDataError(path, f"not a DNA 3 database: tables {', '.join(sorted(needed - tables))} missing")
    types = {row["Label"]: row["ID"] for row in db.execute("SELECT ID, Label FROM STATEMENTTYPES")}
    if statement_type not in types:
        raise SourceDataError(path, str(NotFound.among("statement type", statement_type, types)))
    type_id = types[statement_type]
    declared = {row["Variable"].casefold(): (row["ID"], row["DataType"]) for row in db.execute(
        "SELECT ID, Variable, DataType FROM VARIABLES WHERE StatementTypeId = ?", (type_id,))}
    for part in ("actor", "target", "qualifier"):
        name = getattr(variables, part)
        if name.casefold() not in declared:
            raise SourceDataError(path, f"statement type {statement_type!r} has no variable {name!r} "
                                  f"(it has {', '.join(sorted(declared))})")
    qualifier_id, qualifier_type = declared[variables.qualifier.casefold()]
    if qualifier_type not in ("boolean", "integer"):
        raise SourceDataError(path, f"the qualifier {variables.qualifier!r} is {qualifier_type}, "
                              "not boolean or integer")
    found = DnaFile(path, statement_type, qualifier_type)
    found.entities = _entities(db, tables, {i: name for name, (i, _) in declared.items()})
    found.documents = _documents(db)
    parts = {declared[getattr(variables, p).casefold()][0]: p for p in ("actor", "speaker", "target")
             if getattr(variables, p).casefold() in declared}
    values: dict[int, dict[str, list[DnaEntity]]] = {}
    for row in db.execute("SELECT StatementId, VariableId, Entity FROM DATASHORTTEXT ORDER BY ID"):
        entity = found.entities.get(row["Entity"])
        if row["VariableId"] in parts and entity is not None and entity.value:
            values.setdefault(row["StatementId"], {}).setdefault(parts[row["VariableId"]], []).append(entity)
    table = "DATABOOLEAN" if qualifier_type == "boolean" else "DATAINTEGER"
    qualifiers = {row["StatementId"]: int(row["Value"]) for row in db.execute(
        f"SELECT StatementId, Value FROM {table} WHERE VariableId = ?", (qualifier_id,))} \
        if table in tables else {}
    for row in db.execute("SELECT ID, StatementTypeId, DocumentId, Start, Stop FROM STATEMENTS ORDER BY ID"):
        if row["StatementTypeId"] != type_id:
            found.other_statements += 1
            continue
        mine = values.get(row["ID"], {})
        found.statements.append(DnaStatement(
            id=row["ID"], document=row["DocumentId"], start=row["Start"], stop=row["Stop"],
            actors=tuple(mine.get("actor", ())), speakers=tuple(mine.get("speaker", ())),
            targets=tuple(mine.get("target", ())),
            # DNA gives a boolean qualifier the default 1 when a statement has no value
            qualifier=qualifiers.get(row["ID"], 1 if qualifier_type == "boolean" else None)))
    return found


def _entities(db: sqlite3.Connection, tables: set[str], names: dict[int, str]) -> dict[int, DnaEntity]:
    columns = _columns(db, "ENTITIES")
    attributes: dict[int, list[tuple[str, str]]] = {}
    if {"ATTRIBUTEVARIABLES", "ATTRIBUTEVALUES"} <= tables:
        # DNA 2 named the column MetaVariable
        name = "AttributeVariable" if "attributevariable" in _columns(db, "ATTRIBUTEVARIABLES") \
            else "MetaVariable"
        for row in db.execute(f"""SELECT a.EntityId, v.{name} AS Name, a.AttributeValue AS Value
                                  FROM ATTRIBUTEVALUES a JOIN ATTRIBUTEVARIABLES v
                                  ON a.AttributeVariableId = v.ID ORDER BY v.ID"""):
            if row["Value"]:
                attributes.setdefault(row["EntityId"], []).append((row["Name"], row["Value"]))
    found = {}
    for row in db.execute("SELECT * FROM ENTITIES"):
        if row["VariableId"] not in names:
            continue
        found[row["ID"]] = DnaEntity(
            id=row["ID"], variable=names[row["VariableId"]], value=str(row["Value"]).strip(),
            color=_color(row, columns), parent=row["ChildOf"] if "childof" in columns else None,
            attributes=tuple(attributes.get(row["ID"], ())))
    return found


def _documents(db: sqlite3.Connection) -> dict[int, DnaDocument]:
    columns = _columns(db, "DOCUMENTS")
    extra = [c for c in ("Author", "Source", "Section", "Type", "Notes") if c.casefold() in columns]
    found = {}
    for row in db.execute("SELECT * FROM DOCUMENTS ORDER BY ID"):
        found[row["ID"]] = DnaDocument(
            id=row["ID"], title=str(row["Title"] or "").strip(), text=str(row["Text"]),
            date=_date(row["Date"]),
            metadata=tuple((c, str(row[c])) for c in extra if row[c]))
    return found


# --- converting -------------------------------------------------------------------


def slugify(text: str) -> str:
    """A lowercase ASCII slug of ``text`` ('' if nothing is left).

    >>> slugify("Bündnis 90/Die Grünen"), slugify("…")
    ('bundnis-90-die-grunen', '')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _existing(store: Store, prefix: str) -> dict[str, set[str]]:
    """Actor and issue ids in the store, except those a previous import of this file declared."""
    known = store.known_ids(excluding={str(graph_iri(f"{prefix}-{part}")) for part in ("actors", "issues")})
    return {"actor": set(known.actors), "issue": set(known.issues)}


@dataclass
class _Ids:
    """Mints one id per entity: links to an existing id of the same kind, else a fresh slug."""

    existing: dict[str, set[str]]
    ids: dict[int, str] = field(default_factory=dict)
    linked: set[str] = field(default_factory=set)
    declared: dict[str, tuple[DnaEntity, str]] = field(default_factory=dict)

    def of(self, entity: DnaEntity, kind: str) -> str:
        if entity.id in self.ids:
            return self.ids[entity.id]
        base = slugify(entity.value) or f"{entity.variable}-{entity.id}"
        taken = self.existing["actor"] | self.existing["issue"] | set(self.ids.values())
        if base in self.existing[kind] and base not in self.ids.values():
            self.linked.add(base)
            self.ids[entity.id] = base
            return base
        candidates = itertools.chain([base, f"{base}-{slugify(entity.variable)}"],
                                     (f"{base}-{slugify(entity.variable)}-{n}" for n in itertools.count(2)))
        slug = next(c for c in candidates if c not in taken and is_slug(c))
        self.ids[entity.id] = slug
        self.declared[slug] = (entity, kind)
        return slug

    def of_kind(self, kind: str) -> list[tuple[str, DnaEntity]]:
        """The entities declared as ``kind``, in the order they were met."""
        return [(slug, entity) for slug, (entity, k) in self.declared.items() if k == kind]


def _description(entity: DnaEntity, source: str) -> str:
    kept = [(k, v) for k, v in entity.attributes if k.casefold() not in ("alias",)]
    if entity.color:
        kept.append(("Color", entity.color))
    details = "; ".join(f"{k}: {v}" for k, v in kept)
    return f"Imported from {source} ({entity.variable} entity {entity.id})." + \
        (f" DNA attributes: {details}." if details else "")


def _actor_type(entity: DnaEntity, default: str) -> str:
    wanted = entity.attribute("Type").replace(" ", "").casefold()
    return next((t for t in ACTOR_TYPES if t.casefold() == wanted), default)


def _relation(qualifier: int) -> str:
    return "supports" if qualifier > 0 else "opposes" if qualifier < 0 else "is-hesitant-about"


def _qualifier(value: int | None, kind: str) -> int | None:
    """The qualifier as a polarity sign: a boolean's 0 is disagreement."""
    if value is None:
        return None
    return (1 if value else -1) if kind == "boolean" else (value > 0) - (value < 0)


def _placed(st: DnaStatement, document: DnaDocument | None, actors: tuple[DnaEntity, ...],
            polarity: int | None) -> tuple[DnaDocument, int, tuple[int, int]] | str:
    """The statement's document, polarity and span in the text, or why it is skipped."""
    if document is None:
        return "no document"
    if not actors:
        return "no actor"
    if not st.targets:
        return "no target"
    if polarity is None:
        return "no qualifier"
    where = span(document.text, st.start, st.stop)
    return "span outside the text" if where is None else (document, polarity, where)


def data_files(dna: DnaFile, prefix: str, existing: dict[str, set[str]],
               persons_as_actors: bool = False) -> tuple[dict[str, dict | str], DnaImport]:
    """The data files (relative path -> YAML content, or text for ``.txt``) of an import.

    Statements without an actor (or, with ``persons_as_actors``, without a person either),
    without a target, or whose span lies outside the document text are skipped; a statement
    with several values of a variable (DNA 3.1 roles) yields one statement per combination.
    """
    ids = _Ids(existing)
    name = dna.path.name
    skipped: Counter[str] = Counter()
    if dna.other_statements:
        skipped["other statement type"] = dna.other_statements
    by_document: dict[int, list[dict]] = {d: [] for d in dna.documents}
    count = 0
    for st in dna.statements:
        actors, speakers = st.actors, st.speakers
        if not actors and persons_as_actors:
            actors, speakers = speakers, ()
        placed = _placed(st, dna.documents.get(st.document), actors, _qualifier(st.qualifier, dna.qualifier_type))
        if isinstance(placed, str):
            skipped[placed] += 1
            continue
        document, polarity, (start, stop) = placed
        speaker = speakers[0] if speakers else None
        combos = list(itertools.product(actors, st.targets))
        for n, (actor, target) in enumerate(combos, start=1):
            actor_id = ids.of(actor, "actor")
            record = {"id": f"s{st.id}" + (f"-{n}" if len(combos) > 1 else ""),
                      "actor": actor_id, "relation": _relation(polarity),
                      "target": ids.of(target, "issue"),
                      "quote": document.text[start:stop], "start": start, "end": stop,
                      "attribution": "named" if speaker else "collective"}
            if speaker and ids.of(speaker, "actor") != actor_id:
                record["speaker"] = ids.of(speaker, "actor")
            by_document[document.id].append(record)
            count += 1
    _declare_parents(dna, ids)
    declared_actors, issues = ids.of_kind("actor"), ids.of_kind("issue")
    files: dict[str, dict | str] = {}
    files[f"{prefix}-actors.yaml"] = {
        "kind": "actors",
        "background": {"id": prefix, "fields": [], "source": f"DNA file {name}",
                       "description": f"Actors imported from the Discourse Network Analyzer file {name}."},
        "actors": [_actor_record(slug, e, name) for slug, e in declared_actors]}
    files[f"{prefix}-issues.yaml"] = {
        "kind": "issues", "issues": [_issue_record(slug, e, name, dna, ids) for slug, e in issues]}
    for doc in dna.documents.values():
        source_id = f"{prefix}-doc-{doc.id}"
        files[f"sources/{source_id}.txt"] = doc.text
        files[f"sources/{source_id}.yaml"] = _source_record(source_id, doc, name, by_document[doc.id])
    report = DnaImport(file=str(dna.path), prefix=prefix, documents=len(dna.documents),
                       statements=count, skipped=dict(skipped), actors=[s for s, _ in declared_actors],
                       issues=[s for s, _ in issues], linked=sorted(ids.linked), files=sorted(files))
    return files, report


def _parent(dna: DnaFile, entity: DnaEntity) -> DnaEntity | None:
    """The entity's parent (DNA's ChildOf) when it is a value of the same variable."""
    parent = dna.entities.get(entity.parent) if entity.parent else None
    return parent if parent is not None and parent.variable == entity.variable and parent.value \
        else None


def _declare_parents(dna: DnaFile, ids: _Ids) -> None:
    """Give an id to every ancestor of a declared issue, so each ``broader`` resolves."""
    pending = [entity for _, entity in ids.of_kind("issue")]
    while pending:
        parent = _parent(dna, pending.pop())
        if parent is not None and parent.id not in ids.ids:
            ids.of(parent, "issue")
            pending.append(parent)


def _aliases(entity: DnaEntity) -> list[str]:
    alias = entity.attribute("Alias").strip()
    return [alias] if alias and alias != entity.value else []


def _actor_record(slug: str, entity: DnaEntity, source: str) -> dict:
    default = "Person" if entity.variable.casefold() == "person" else "Organization"
    return {"id": slug, "type": _actor_type(entity, default), "label": entity.value,
            "aliases": _aliases(entity), "description": _description(entity, source)}


def _issue_record(slug: str, entity: DnaEntity, source: str, dna: DnaFile, ids: _Ids) -> dict:
    record = {"id": slug, "type": "Proposal", "label": entity.value, "aliases": _aliases(entity),
              "definition": _description(entity, source)}
    parent = _parent(dna, entity)
    if parent is not None:
        record["broader"] = [ids.ids[parent.id]]
    return record


def _source_record(source_id: str, doc: DnaDocument, name: str, statements: list[dict]) -> dict:
    text = doc.text.encode("utf-8")
    record = {
        "kind": "source",
        "source": {"id": source_id, "title": doc.title or f"DNA document {doc.id}",
                   "text_file": f"{source_id}.txt", "sha256": hashlib.sha256(text).hexdigest(),
                   "date": doc.date.isoformat(),
                   "date_basis": f"the date of document {doc.id} in the DNA file {name}"},
        "statements": statements,
    }
    if doc.metadata:
        record["background"] = [{
            "id": "dna-document",
            "description": f"Document {doc.id} of the DNA file {name}: "
                           + "; ".join(f"{k}: {v}" for k, v in doc.metadata),
            "source": f"DNA file {name}"}]
    return record


def write_files(files: dict[str, dict | str], directory: Path) -> None:
    """Write data files under ``directory`` (texts byte for byte, YAML as YAML)."""
    for relative, content in files.items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_bytes(content.encode("utf-8"))
        else:
            target.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True),
                              encoding="utf-8")


@contextmanager
def _directory(directory: Path | str | None) -> Iterator[Path]:
    if directory is not None:
        Path(directory).mkdir(parents=True, exist_ok=True)
        yield Path(directory)
        return
    with tempfile.TemporaryDirectory(prefix="stancegraph-dna-") as temporary:
        yield Path(temporary)


def import_dna(store: Store, path: Path | str, *, statement_type: str = DEFAULT_STATEMENT_TYPE,
               variables: DnaVariables = DnaVariables(), directory: Path | str | None = None,
               prefix: str | None = None, persons_as_actors: bool = False) -> DnaImport:
    """Import the statements of a DNA file into ``store``.

    Entities become actors and proposals labelled with their values (type, alias, colour and
    notes kept); an entity whose slug is already an actor (or, for concepts, an issue) in the
    store is linked to it instead of declared again. Each document becomes a source.

    Parameters
    ----------
    store
        The store to load into, in one transaction.
    path
        The ``.dna`` file.
    statement_type, variables
        Which statements and which of their variables play actor, speaker, target, qualifier.
    directory
        Where to keep the data files written (default: a temporary directory, removed after).
    prefix
        The id prefix of the sources and the name of the data files (default: ``dna-`` and the
        slug of the file name).
    persons_as_actors
        Make the person the actor of a statement without an organization (else it is skipped,
        as DNA's organization networks skip it).

    Raises
    ------
    SourceDataError
        The file cannot be read as DNA data, or the written files do not load.
    ShapeViolation
        The imported data do not conform to the shapes.
    """
    dna = read_dna(path, statement_type, variables)
    prefix = prefix or f"dna-{slugify(dna.path.stem) or 'file'}"
    if not is_slug(prefix):
        raise SourceDataError(dna.path, f"prefix {prefix!r} is not a valid id")
    files, report = data_files(dna, prefix, _existing(store, prefix), persons_as_actors)
    with _directory(directory) as target:
        write_files(files, target)
        store.load([target / name for name in files if name.endswith(".yaml")])
    return report
