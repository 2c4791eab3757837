"""The store: open, load, query, dump, over the engine that :mod:`graph.store.engine` describes.

The engine is Oxigraph, persistent on disk (RocksDB) or in memory (:mod:`graph.store.embedded`),
or any SPARQL 1.1 endpoint named ``sparql+http://HOST:PORT/PATH`` (:mod:`graph.store.remote`).
Each data file fills its own named graphs; queries see the union of all graphs as the default
graph. rdflib stays the RDF API: construct results and dumps come back as rdflib graphs or bytes.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Self

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from graph import formats
from graph.errors import QueryError, SourceDataError, UnsupportedFormat
from graph.formats import Kind
from graph.ingest.files import data_files, read_file
from graph.ingest.records import DataFile, KnownIds
from graph.ingest.references import link
from graph.ingest.triples import ontology_graph
from graph.shapes.rules import Violation
from graph.shapes.validate import check
from graph.store import bulk, checking
from graph.store.embedded import EmbeddedEngine
from graph.store.engine import (
    QUERY_FAILURES,
    WRITE_FAILURES,
    Engine,
    query_error,
    write_error,
)
from graph.store.remote import RemoteEngine, is_remote
from graph.store.results import (
    Answer,
    Row,
    SparqlAnswer,
    Value,
    csv_rows,
    engine_terms,
    plain,
    rdf_format,
    serialise,
)
from graph.vocab import ID, PREFIXES, RDFS, SG, graph_iri

ONTOLOGY_GRAPH = graph_iri("ontology")
_TYPED_SLUGS = "SELECT ?type ?slug ?g WHERE { ?x a ?type . GRAPH ?g { ?x sg:slug ?slug } }"
"""The slugs of the nodes of a type, with the graphs that state them."""

Bindings = Mapping[str, URIRef | Literal] | None
"""Values of query variables (named without ``?``), substituted by the engine, never pasted into
the query text. A bound variable must be returned by the query (a SELECT's projection, a
CONSTRUCT's template): Oxigraph substitutes only those (SPARQL SEP-0007). An endpoint gets them as
a ``VALUES`` clause, the last element of the WHERE group, which its filters see."""


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: per file, the named graphs replaced and their triple counts."""

    files: tuple[tuple[str, int], ...]
    graphs: tuple[str, ...]
    statements: int

    @property
    def triples(self) -> int:
        return sum(count for _, count in self.files)


class Store:
    """A stancegraph store: Oxigraph on disk at ``location``, or in memory when it is None, or a
    remote SPARQL 1.1 endpoint when ``location`` is ``sparql+http://...`` (or ``sparql+https://``).

    Examples
    --------
    >>> store = Store(None)
    >>> store.ask("ASK { ?s ?p ?o }")
    False
    """

    def __init__(self, location: Path | str | None = None) -> None:
        self.url = str(location) if is_remote(location) else None
        self.location = None if location is None or self.url else Path(location)
        self._write_lock = threading.Lock()
        self._generation = 0
        self._engine: Engine
        if self.url is not None:
            self._engine = RemoteEngine(self.url, graph_prefix=str(ID))
        else:
            self._engine = EmbeddedEngine(self.location)
            bulk.recover(self._engine, bulk.journal_of(self.location))  # undo an interrupted bulk load

    @classmethod
    def open(cls, location: Path | str | None) -> Self:
        """Open (creating if needed) the store at ``location``; None for an in-memory store."""
        return cls(location)

    @classmethod
    def from_snapshot(cls, path: Path) -> Self:
        """Open a snapshot made by :meth:`snapshot`, read-only for on-disk stores."""
        store = cls.__new__(cls)
        store.location, store.url, store._write_lock, store._generation = path, None, threading.Lock(), 0
        store._engine = EmbeddedEngine.from_snapshot(path)
        return store

    def snapshot(self, target: Path) -> Path:
        """A consistent copy of the store at ``target`` (a new directory) for another process.

        On disk this is a RocksDB checkpoint (hard links, cheap); in memory an N-Quads dump.
        A remote store has none (StancegraphError): its server isolates queries itself.
        """
        self._engine.backup(target)
        return target

    def __len__(self) -> int:
        return len(self._engine)

    @property
    def isolates_queries(self) -> bool:
        """Whether the engine runs each query apart from this process (a remote endpoint does),
        so that untrusted queries need no child process (:mod:`graph.store.isolation`)."""
        return self._engine.isolates_queries

    @property
    def generation(self) -> int:
        """A number that changes with every write through this store; caches key on it."""
        return self._generation

    def close(self) -> None:
        """Flush to disk and release the store's lock; the object must not be used afterwards."""
        self._engine.close()
        del self._engine

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- queries -------------------------------------------------------------

    def _query(self, query: str, bindings: Bindings = None, timeout: float | None = None) -> Answer:
        terms = engine_terms(bindings)
        try:
            return self._engine.query(query, terms, timeout)
        except QUERY_FAILURES as err:
            raise query_error(err, timeout) from err

    def _solutions(self, query: str, bindings: Bindings = None) -> ox.QuerySolutions:
        """The solutions of a SELECT query; any other query form is a QueryError."""
        result = self._query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        return result

    def select(self, query: str, bindings: Bindings = None) -> list[Row]:
        """Run a SELECT query with ``bindings`` substituted; rows map variable names to plain
        values (None when unbound).

        Examples
        --------
        >>> from rdflib import Literal
        >>> Store(None).select("SELECT ?s ?slug WHERE { ?s sg:slug ?slug }", {"slug": Literal("x")})
        []
        """
        result = self._solutions(query, bindings)
        names = [v.value for v in result.variables]
        try:
            return [{name: plain(solution[name]) for name in names} for solution in result]
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err

    def ask(self, query: str, bindings: Bindings = None) -> bool:
        """Run an ASK query with ``bindings`` substituted."""
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Bindings = None) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query with ``bindings`` substituted; the triples come back
        as an rdflib graph."""
        result = self._query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        try:
            data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err
        return Graph().parse(data=data, format="nt")

    def subjects(self, predicate: str, obj: str) -> list[str]:
        """The IRIs that have ``predicate obj`` in any graph, found by an index lookup."""
        quads = self._engine.quads(None, ox.NamedNode(predicate), ox.NamedNode(obj), None)
        return list(dict.fromkeys(q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)))

    def values(self, predicate: str) -> dict[str, Value]:
        """Every subject IRI with a value of ``predicate`` mapped to one of its values (the first
        in index order), by a scan of that predicate's index."""
        found: dict[str, Value] = {}
        for quad in self._engine.quads(None, ox.NamedNode(predicate), None, None):
            if isinstance(quad.subject, ox.NamedNode):
                found.setdefault(quad.subject.value, plain(quad.object))
        return found

    def objects(self, subject: str, predicate: str) -> list[Value]:
        """The values of ``subject predicate ?`` in any graph (each once), by an index lookup."""
        quads = self._engine.quads(ox.NamedNode(subject), ox.NamedNode(predicate), None, None)
        return [plain(term) for term in dict.fromkeys(q.object for q in quads)]

    def properties(self, subject: str) -> dict[str, list[Value]]:
        """Every predicate of ``subject`` with its values as plain Python values, from all graphs
        (a triple stated in several graphs counts once), found by an index lookup."""
        found: dict[str, list[Value]] = {}
        seen: set[tuple[str, str]] = set()
        for quad in self._engine.quads(ox.NamedNode(subject), None, None, None):
            key = (quad.predicate.value, str(quad.object))
            if key not in seen:
                seen.add(key)
                found.setdefault(quad.predicate.value, []).append(plain(quad.object))
        return found

    def known_ids(self, excluding: Collection[str] = ()) -> KnownIds:
        """The ids of the actors and issues in the store (of any subclass), except those whose
        id is stated in one of the named graphs ``excluding``.

        Examples
        --------
        >>> Store(None).known_ids()
        KnownIds(actors=frozenset(), issues=frozenset())
        """
        found: dict[URIRef, set[str]] = {}
        for root in (SG.Actor, SG.Issue):
            graphs: dict[str, set[str]] = {}  # the graphs that state each slug
            for cls in self._subclasses(root):
                for row in self.select(_TYPED_SLUGS, {"type": URIRef(cls)}):
                    graphs.setdefault(str(row["slug"]), set()).add(str(row["g"]))
            found[root] = {slug for slug, where in graphs.items() if not where & set(excluding)}
        return KnownIds(actors=frozenset(found[SG.Actor]), issues=frozenset(found[SG.Issue]))

    def _subclasses(self, root: URIRef) -> list[str]:
        """``root`` and its subclasses in the store's ontology, by index lookups (an endpoint's
        property paths proved unreliable: Virtuoso 7.2 returned a part of ``rdfs:subClassOf*``)."""
        found = [str(root)]
        for cls in found:
            found.extend(sub for sub in self.subjects(str(RDFS.subClassOf), cls) if sub not in found)
        return found

    def sparql(self, query: str, media_type: str, max_rows: int,
               timeout: float | None = None) -> SparqlAnswer:
        """Run any read-only query and serialise its result as ``media_type``.

        At most ``max_rows`` solutions (or triples) are kept; ``truncated`` tells when more existed.
        ``timeout`` (seconds) bounds the wait for an engine that isolates queries; the embedded
        engine ignores it (:class:`graph.store.isolation.QueryRunner` bounds it).

        Raises
        ------
        QueryError
            The query is malformed or fails.
        UnsupportedFormat
            ``media_type`` does not fit the query form.
        QueryTimeout
            A remote endpoint did not answer within ``timeout``.
        """
        result = self._query(query, timeout=timeout)
        try:
            return serialise(result, media_type, max_rows)
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err

    # --- dumps ---------------------------------------------------------------

    def dump(self, media_type: str = formats.NQUADS.media_type) -> bytes:
        """The whole store serialised as N-Quads or TriG (named graphs kept)."""
        try:
            fmt = formats.by_media_type(media_type, Kind.DATASET)
        except UnsupportedFormat as err:
            raise QueryError(f"{media_type} cannot hold named graphs; use application/n-quads "
                             "or application/trig") from err
        return self._engine.dump(rdf_format(fmt))

    def write(self, out: BinaryIO, media_type: str, prefixes: Mapping[str, str]) -> None:
        """Stream the store to ``out`` as the engine serialises it: a graph format (Turtle,
        N-Triples, RDF/XML, JSON-LD) gets the union of the graphs, each triple once; a dataset
        format (TriG, N-Quads) the named graphs."""
        fmt = formats.by_media_type(media_type, Kind.GRAPH, Kind.DATASET)
        if fmt.kind is Kind.DATASET:
            quads = self._solutions("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            ox.serialize((ox.Quad(*s) for s in quads), out,
                         format=rdf_format(fmt), prefixes=dict(prefixes))
        else:
            triples = self._solutions("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }")
            ox.serialize((ox.Triple(*s) for s in triples), out,
                         format=rdf_format(fmt), prefixes=dict(prefixes))

    def select_text(self, query: str, bindings: Bindings = None) -> Iterator[list[str]]:
        """The rows of a SELECT as lists of lexical forms ('' when unbound), in the order of its
        variables: the engine writes them as CSV, several times faster than :meth:`select`'s
        Python value per term when a query returns every statement. The CSV is decoded as the
        rows are read (a decoded copy of it all took 6× its size)."""
        result = self._solutions(query, bindings)
        rows = csv.reader(io.TextIOWrapper(io.BytesIO(csv_rows(result)), encoding="utf-8", newline=""))
        next(rows, None)
        return rows

    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset, one graph per named graph."""
        return Dataset().parse(data=self.dump(), format="nquads")

    def graph_names(self) -> list[str]:
        """The named graphs in the store, sorted."""
        return sorted(self._engine.named_graphs())

    # --- checking ------------------------------------------------------------

    def _graphs_except(self, names: set[URIRef]) -> Graph:
        """All triples of the store's named graphs other than ``names`` and the ontology."""
        skip = {str(name) for name in names} | {str(ONTOLOGY_GRAPH)}
        triples = [quad.triple for quad in self._engine.quads(None, None, None, None)
                   if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value not in skip]
        return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                             format="nt")

    def check(self) -> None:
        """Raise ShapeViolation unless everything in the store conforms to the shapes (by pyshacl)."""
        check(self._graphs_except(set()))

    def shape_violations(self, only: Collection[int] | None = None) -> list[Violation]:
        """Every violation of the shapes, found by the engine (:func:`graph.store.checking
        .shape_violations`); with ``only``, those of the rules of these indexes."""
        return checking.shape_violations(self._engine, only)

    def check_shapes(self, only: Collection[int] | None = None) -> None:
        """Raise ShapeViolation unless the store conforms to the shapes, checked by the engine
        (with ``only``: to those rules)."""
        checking.check_shapes(self._engine, only)

    # --- loading -------------------------------------------------------------

    def read(self, paths: Sequence[Path | str]) -> list[DataFile]:
        """Read and validate data files against the store without writing anything."""
        files = [read_file(p) for p in data_files(paths)]
        replaced = {name for file in files for name in file.graphs}
        merged = self._graphs_except(replaced)
        # with nothing else stored there is no id to ask for (asking anyway, at the first load
        # into an empty Virtuoso 7.2, left it answering later property paths wrongly)
        known = self.known_ids(excluding={str(name) for name in replaced}) if len(merged) else KnownIds()
        link(files, known=known)
        for file in files:
            for g in file.graphs.values():
                merged += g
        check(merged)
        return files

    def load(self, paths: Sequence[Path | str],
             progress: Callable[[str], None] | None = None) -> LoadReport:
        """Load data files (or directories of them) in one transaction.

        Each file replaces the named graphs it filled before, so loading the same file twice
        changes nothing. A file that fails to parse or to validate raises and writes nothing.

        RDF files (``.nq``, ``.trig``, ``.nt``, ``.ttl``) take the bulk path for large corpora
        (:mod:`graph.store.bulk`): the engine's bulk loader, then the shapes as SPARQL queries
        run by the engine over the whole store; on a violation or an error the load is undone,
        also when a crash cut it short. RDF and YAML files load in separate calls.

        Raises
        ------
        SourceDataError
            A file is malformed or refers to an unknown id (file, line and record named).
        ShapeViolation
            The data do not conform to the SHACL shapes.
        StancegraphError
            RDF files are given to a remote store, which has no bulk loader.
        """
        rdf_files = [Path(p) for p in paths if Path(p).suffix in bulk.FILE_FORMATS]
        if rdf_files:
            if len(rdf_files) != len(paths):
                raise SourceDataError(rdf_files[0], "load RDF files and YAML data files in separate calls")
            return self._bulk_load(rdf_files, progress)
        files = self.read(paths)
        graphs: dict[URIRef, Graph] = {ONTOLOGY_GRAPH: ontology_graph()}
        for file in files:
            graphs.update(file.graphs)
            if progress:
                progress(str(file.path))
        self._write(graphs, graphs)
        return LoadReport(
            files=tuple((str(f.path), f.triple_count()) for f in files),
            graphs=tuple(str(name) for name in graphs),
            statements=sum(len(f.statements) for f in files),
        )

    def _bulk_load(self, paths: Sequence[Path], progress: Callable[[str], None] | None) -> LoadReport:
        with self._write_lock:
            try:
                counts, names = bulk.bulk_load(self._engine, paths, bulk.journal_of(self.location),
                                               {ONTOLOGY_GRAPH: ontology_graph()}, progress)
            finally:
                self._generation += 1
        statements = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Statement }")[0]["n"]
        return LoadReport(files=tuple(counts), graphs=tuple(names), statements=int(statements or 0))

    # --- writes --------------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Serialise writers of this process: checks and the write they guard run alone."""
        with self._write_lock:
            yield

    def _update(self, update: str) -> None:
        try:
            self._engine.update(update)
        except WRITE_FAILURES as err:
            raise write_error(err) from err
        finally:
            self._generation += 1

    def _write(self, drop: Collection[URIRef], graphs: Mapping[URIRef, Graph]) -> None:
        """Drop the named graphs ``drop`` and add the triples of ``graphs``, all or nothing."""
        try:
            self._engine.replace([str(name) for name in drop], {str(name): g for name, g in graphs.items()})
        except WRITE_FAILURES as err:
            raise write_error(err) from err
        finally:
            self._generation += 1

    def insert(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Add the triples of each graph to the named graph of that name, all or nothing."""
        self._write((), graphs)

    def remove_statement(self, statement: URIRef) -> None:
        """Delete a statement node and, unless another statement in its graph backs it, its direct edge."""
        node = ox.NamedNode(str(statement))  # refuses what is no IRI before it reaches the update
        self._update(f"""
            PREFIX sg: <{PREFIXES["sg"]}>
            DELETE {{ GRAPH ?g {{ ?a ?r ?t }} }} WHERE {{
              GRAPH ?g {{ {node} sg:actor ?a ; sg:relation ?r ; sg:target ?t . ?a ?r ?t }}
              FILTER NOT EXISTS {{
                GRAPH ?g {{ ?other sg:actor ?a ; sg:relation ?r ; sg:target ?t }}
                FILTER (?other != {node})
              }}
            }} ;
            DELETE {{ GRAPH ?g {{ {node} ?p ?o }} }} WHERE {{ GRAPH ?g {{ {node} ?p ?o }} }}""")
