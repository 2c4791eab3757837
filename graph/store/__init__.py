"""The triple store: open, load, query, dump. The only module that knows the RDF engine.

The engine is Oxigraph (pyoxigraph), persistent on disk (RocksDB) or in memory, or any SPARQL 1.1
endpoint named ``sparql+http://HOST:PORT/PATH`` (:mod:`graph.store.remote`). Each data file
fills its own named graphs; queries see the union of all graphs as the default graph. rdflib
stays the RDF API: construct results and dumps come back as rdflib graphs or bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import BinaryIO, Self

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from graph.errors import (
    QueryError, QueryTimeout, ShapeViolation, SourceDataError, StancegraphError, UnsupportedFormat,
)
from graph.ingest.files import data_files, read_file
from graph.ingest.records import DataFile, KnownIds
from graph.ingest.references import link
from graph.ingest.triples import ontology_graph
from graph.store.remote import RemoteEngine, is_remote
from graph.shapes.rules import Rule, Violation, rules
from graph.store.screen import screen
from graph.shapes.validate import check
from graph.vocab import ID, PREFIXES, graph_iri, slug_of

Value = str | int | float | bool | None
Row = dict[str, Value]

ONTOLOGY_GRAPH = graph_iri("ontology")
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#integer": int,
    "http://www.w3.org/2001/XMLSchema#int": int,
    "http://www.w3.org/2001/XMLSchema#long": int,
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger": int,
    "http://www.w3.org/2001/XMLSchema#decimal": float,
    "http://www.w3.org/2001/XMLSchema#double": float,
    "http://www.w3.org/2001/XMLSchema#float": float,
}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_SNAPSHOT_DUMP = "snapshot.nq"
_INTENT = "intent.json"
_NAMED_ONLY = "every quad must be in a named graph (an IRI)"

RDF_FILE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                    ".nt": ox.RdfFormat.N_TRIPLES, ".ttl": ox.RdfFormat.TURTLE}
"""RDF files ``Store.load`` bulk-loads, by extension. Quad formats keep the graphs they name;
triples load into the named graph of the file's stem, as a YAML file's do."""

RESULT_MEDIA_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types of SELECT and ASK results; ASK answers come in JSON and XML only."""

GRAPH_MEDIA_TYPES = ("text/turtle", "application/ld+json", "application/n-triples",
                     "application/rdf+xml", "application/n-quads", "application/trig")
"""Media types of CONSTRUCT and DESCRIBE results."""


@dataclass(frozen=True)
class SparqlAnswer:
    """A serialised query result; ``truncated`` when the row or triple cap cut it short."""

    body: bytes
    media_type: str
    truncated: bool = False


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: per file, the named graphs replaced and their triple counts."""

    files: tuple[tuple[str, int], ...]
    graphs: tuple[str, ...]
    statements: int

    @property
    def triples(self) -> int:
        return sum(count for _, count in self.files)


def _rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _plain(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Value:
    """An Oxigraph term as a plain Python value: IRIs and strings as str, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in _NUMERIC:
            try:
                return _NUMERIC[datatype](term.value)
            except ValueError:
                return term.value
        if datatype == _BOOLEAN:
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct",
          "DescribeQuery": "construct"}


def query_form(query: str) -> str:
    """Whether ``query`` is a select, ask or construct (incl. describe) query, by rdflib's parser.

    >>> query_form("ASK { ?s ?p ?o }")
    'ask'
    """
    try:
        algebra = prepareQuery(query, initNs=PREFIXES).algebra
    except Exception as err:  # rdflib raises a bare Exception for an unknown prefix

        raise QueryError(f"malformed SPARQL: {err}") from err
    return _FORMS[algebra.name]


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
        if self.url is not None:
            self._ox: ox.Store | RemoteEngine = RemoteEngine(
                self.url, graph_prefix=str(ID))
            return
        try:
            if self.location is None:
                self._ox = ox.Store()
            else:
                self.location.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.location))
        except OSError as err:
            raise StancegraphError(f"cannot open the store at {self.location}: {err}") from err
        if self._journal() is not None and (self._journal() / _INTENT).exists():
            self._roll_back(self._journal())  # a bulk load was interrupted: undo it

    @classmethod
    def open(cls, location: Path | str | None) -> Self:
        """Open (creating if needed) the store at ``location``; None for an in-memory store."""
        return cls(location)

    @classmethod
    def from_snapshot(cls, path: Path) -> Self:
        """Open a snapshot made by :meth:`snapshot`, read-only for on-disk stores."""
        store = cls.__new__(cls)
        store.location, store.url, store._write_lock, store._generation = path, None, threading.Lock(), 0
        dump = path / _SNAPSHOT_DUMP
        try:
            if dump.exists():
                store._ox = ox.Store()
                store._ox.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            else:
                store._ox = ox.Store.read_only(str(path))
        except OSError as err:
            raise StancegraphError(f"cannot open the snapshot at {path}: {err}") from err
        return store

    def snapshot(self, target: Path) -> Path:
        """A consistent copy of the store at ``target`` (a new directory) for another process.

        On disk this is a RocksDB checkpoint (hard links, cheap); in memory an N-Quads dump.
        A remote store has none: its server isolates queries itself.
        """
        self._local_only("a snapshot")
        if self.location is None:
            target.mkdir(parents=True)
            (target / _SNAPSHOT_DUMP).write_bytes(self.dump())
        else:
            self._ox.backup(str(target))
        return target

    def __len__(self) -> int:
        return len(self._ox)

    @property
    def remote(self) -> bool:
        """Whether the store is a remote SPARQL endpoint rather than the embedded Oxigraph."""
        return self.url is not None

    def _local_only(self, what: str) -> None:
        if self.url is not None:
            raise StancegraphError(f"{what} needs the embedded store; {self.url} is a remote SPARQL "
                                   "endpoint (use its own tools for that)")

    @property
    def generation(self) -> int:
        """A number that changes with every write through this store; caches key on it."""
        return self._generation

    def close(self) -> None:
        """Flush to disk and release the store's lock; the object must not be used afterwards."""
        self._ox.flush()
        if isinstance(self._ox, RemoteEngine):
            self._ox.close()
        del self._ox

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- queries -------------------------------------------------------------

    def _query(self, query: str, timeout: float | None = None) -> object:
        try:
            if isinstance(self._ox, RemoteEngine):
                return self._ox.query(query, use_default_graph_as_union=True, prefixes=PREFIXES,
                                      timeout=timeout)
            return self._ox.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
        except TimeoutError as err:
            raise QueryTimeout(f"query stopped after the time limit of {timeout:g} s"
                               if timeout else str(err)) from err
        except SyntaxError as err:
            raise QueryError(f"malformed SPARQL: {err}") from err
        except (OSError, ValueError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err

    def select(self, query: str) -> list[Row]:
        """Run a SELECT query; rows map variable names to plain values (None when unbound)."""
        result = self._query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        try:
            return [{name: _plain(solution[name]) for name in names} for solution in result]
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err

    def ask(self, query: str) -> bool:
        """Run an ASK query."""
        result = self._query(query)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def subjects(self, predicate: str, obj: str) -> list[str]:
        """The IRIs that have ``predicate obj`` in any graph, found by an index lookup."""
        quads = self._ox.quads_for_pattern(None, ox.NamedNode(predicate), ox.NamedNode(obj), None)
        return list(dict.fromkeys(q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)))

    def values(self, predicate: str) -> dict[str, Value]:
        """Every subject IRI with a value of ``predicate`` mapped to one of its values (the first
        in index order), by a scan of that predicate's index."""
        found: dict[str, Value] = {}
        for quad in self._ox.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            if isinstance(quad.subject, ox.NamedNode):
                found.setdefault(quad.subject.value, _plain(quad.object))
        return found

    def objects(self, subject: str, predicate: str) -> list[Value]:
        """The values of ``subject predicate ?`` in any graph (each once), by an index lookup."""
        quads = self._ox.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, None)
        return [_plain(term) for term in dict.fromkeys(q.object for q in quads)]

    def properties(self, subject: str) -> dict[str, list[Value]]:
        """Every predicate of ``subject`` with its values as plain Python values, from all graphs
        (a triple stated in several graphs counts once), found by an index lookup."""
        found: dict[str, list[Value]] = {}
        seen: set[tuple[str, str]] = set()
        for quad in self._ox.quads_for_pattern(ox.NamedNode(subject), None, None, None):
            key = (quad.predicate.value, str(quad.object))
            if key not in seen:
                seen.add(key)
                found.setdefault(quad.predicate.value, []).append(_plain(quad.object))
        return found

    def construct(self, query: str) -> Graph:
        """Run a CONSTRUCT or DESCRIBE query; the triples come back as an rdflib graph."""
        result = self._query(query)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        try:
            data = ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err
        return Graph().parse(data=data, format="nt")

    def sparql(self, query: str, media_type: str, max_rows: int,
               timeout: float | None = None) -> SparqlAnswer:
        """Run any read-only query and serialise its result as ``media_type``.

        At most ``max_rows`` solutions (or triples) are kept; ``truncated`` tells when more existed.
        ``timeout`` (seconds) bounds the wait for a remote endpoint; the embedded engine ignores
        it (:class:`graph.store.isolation.QueryRunner` bounds it).

        Raises
        ------
        QueryError
            The query is malformed or fails.
        UnsupportedFormat
            ``media_type`` does not fit the query form.
        QueryTimeout
            A remote endpoint did not answer within ``timeout``.
        """
        result = self._query(query, timeout)
        try:
            if isinstance(result, ox.QueryTriples):
                rdf_format = ox.RdfFormat.from_media_type(media_type)
                if media_type not in GRAPH_MEDIA_TYPES or rdf_format is None:
                    raise UnsupportedFormat(f"a graph result cannot be written as {media_type}")
                triples = list(islice(result, max_rows + 1))
                body = ox.serialize(triples[:max_rows], format=rdf_format, prefixes=PREFIXES)
                return SparqlAnswer(body or b"", media_type, len(triples) > max_rows)
            results_format = RESULT_MEDIA_TYPES.get(media_type)
            if results_format is None:
                raise UnsupportedFormat(f"solutions cannot be written as {media_type}")
            if isinstance(result, ox.QueryBoolean):
                if results_format not in (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML):
                    raise UnsupportedFormat(f"a boolean result cannot be written as {media_type}")
                return SparqlAnswer(result.serialize(format=results_format), media_type)
            # keep at most max_rows solutions: rdflib writes them as JSON, Oxigraph converts
            capped = Result("SELECT")
            capped.vars = [Variable(v.value) for v in result.variables]
            rows = list(islice(result, max_rows + 1))
            capped.bindings = [{var: _rdflib_term(row[str(var)]) for var in capped.vars
                                if row[str(var)] is not None} for row in rows[:max_rows]]
            json_body = capped.serialize(format="json")
            body = ox.parse_query_results(json_body, ox.QueryResultsFormat.JSON).serialize(
                format=results_format)
            return SparqlAnswer(body, media_type, len(rows) > max_rows)
        except (OSError, RuntimeError) as err:
            raise QueryError(f"query failed: {err}") from err

    # --- dumps ---------------------------------------------------------------

    def dump(self, media_type: str = "application/n-quads") -> bytes:
        """The whole store serialised as N-Quads or TriG (named graphs kept)."""
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None or not rdf_format.supports_datasets:
            raise QueryError(f"{media_type} cannot hold named graphs; use application/n-quads or application/trig")
        return self._ox.dump(format=rdf_format)

    def write(self, out: BinaryIO, media_type: str, prefixes: Mapping[str, str]) -> None:
        """Stream the store to ``out`` as Oxigraph serialises it: a graph format (Turtle,
        N-Triples, RDF/XML) gets the union of the graphs, each triple once; a dataset format
        (TriG, N-Quads) the named graphs."""
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise UnsupportedFormat(f"no RDF format has the media type {media_type}")
        if rdf_format.supports_datasets:
            solutions = self._query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
            items: Iterator[ox.Triple | ox.Quad] = (ox.Quad(*s) for s in solutions)  # type: ignore[attr-defined]
        else:
            solutions = self._query("SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }")
            items = (ox.Triple(*s) for s in solutions)  # type: ignore[attr-defined]
        ox.serialize(items, out, format=rdf_format, prefixes=dict(prefixes))

    def select_text(self, query: str) -> Iterator[list[str]]:
        """The rows of a SELECT as lists of lexical forms ('' when unbound), in the order of its
        variables: Oxigraph writes them as CSV, several times faster than :meth:`select`'s
        Python value per term when a query returns every statement. The CSV is decoded as the
        rows are read (a decoded copy of it all took 6× its size)."""
        result = self._query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        rows = csv.reader(io.TextIOWrapper(io.BytesIO(result.serialize(format=ox.QueryResultsFormat.CSV)),
                                           encoding="utf-8", newline=""))
        next(rows, None)
        return rows

    def dataset(self) -> Dataset:
        """The store as an rdflib Dataset, one graph per named graph."""
        return Dataset().parse(data=self.dump(), format="nquads")

    def graph_names(self) -> list[str]:
        """The named graphs in the store, sorted."""
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    # --- loading -------------------------------------------------------------

    def _graphs_except(self, names: set[URIRef]) -> Graph:
        """All triples of the store's named graphs other than ``names`` and the ontology."""
        skip = {str(name) for name in names} | {str(ONTOLOGY_GRAPH)}
        triples = [quad.triple for quad in self._ox
                   if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value not in skip]
        return Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"",
                             format="nt")

    def check(self) -> None:
        """Raise ShapeViolation unless everything in the store conforms to the shapes."""
        check(self._graphs_except(set()))

    def read(self, paths: Sequence[Path | str]) -> list[DataFile]:
        """Read and validate data files against the store without writing anything."""
        files = [read_file(p) for p in data_files(paths)]
        merged = self._graphs_except({name for file in files for name in file.graphs})
        link(files, known=KnownIds.from_graph(merged))
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

        RDF files (``.nq``, ``.trig``, ``.nt``, ``.ttl``) take the bulk path for large corpora:
        Oxigraph's bulk loader, then the shapes as SPARQL queries (:mod:`graph.shapes.rules`) run
        by Oxigraph over the whole store; on a violation or an error the loaded graphs are
        dropped and the replaced ones restored, and a load cut short by a crash is undone when
        the store is next opened. RDF and YAML files load in separate calls.

        Raises
        ------
        SourceDataError
            A file is malformed or refers to an unknown id (file, line and record named).
        ShapeViolation
            The data do not conform to the SHACL shapes.
        """
        rdf_files = [Path(p) for p in paths if Path(p).suffix in RDF_FILE_FORMATS]
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
        self._replace_graphs(graphs)
        return LoadReport(
            files=tuple((str(f.path), f.triple_count()) for f in files),
            graphs=tuple(str(name) for name in graphs),
            statements=sum(len(f.statements) for f in files),
        )

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Serialise writers of this process: checks and the write they guard run alone."""
        with self._write_lock:
            yield

    def _update(self, update: str) -> None:
        try:
            self._ox.update(update)
        except (SyntaxError, OSError) as err:
            raise StancegraphError(f"the store rejected the write, nothing was written: {err}") from err
        finally:
            self._generation += 1

    # --- bulk loading --------------------------------------------------------

    def shape_violations(self, only: Collection[int] | None = None) -> list[Violation]:
        """Every violation of the shapes in the store, found by Oxigraph (:mod:`graph.shapes.rules`);
        with ``only``, the violations of those rules (indexes into ``rules()``), all of them run.

        Otherwise a screened rule runs only on a path its class's screen flags: one pass over
        the class's values instead of one per constraint, and on conforming data the only pass.
        The queries run on one thread per core (Oxigraph evaluates without holding the GIL);
        violations come in the order of the rules.
        """
        every = rules()
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            if only is not None:
                chosen = [pool.submit(self._violations, every[i]) for i in sorted(only)]
                return [violation for future in chosen for violation in future.result()]
            screens = dict.fromkeys(rule.screen for rule in every if rule.screen is not None)
            flagged = {screen: pool.submit(self._flagged_paths, screen) for screen in screens}
            found: dict[int, Future[list[Violation]]] = {
                i: pool.submit(self._violations, rule) for i, rule in enumerate(every) if rule.screen is None}
            for i, rule in enumerate(every):
                if rule.screen is not None and rule.path in flagged[rule.screen].result():
                    found[i] = pool.submit(self._violations, rule)
            return [violation for i in sorted(found) for violation in found[i].result()]

    def _flagged_paths(self, screen: str) -> set[str]:
        return {row["p"].value for row in self._rows(screen)}  # type: ignore[union-attr]

    def _violations(self, rule: Rule) -> list[Violation]:
        return [Violation(str(_plain(row["this"])), rule.path, rule.component, rule.message,
                          None if row["value"] is None else str(_plain(row["value"])))
                for row in self._rows(rule.query)]

    def _rows(self, query: str) -> ox.QuerySolutions:
        return self._ox.query(query, use_default_graph_as_union=True)  # type: ignore[return-value]

    def check_shapes(self, only: Collection[int] | None = None) -> None:
        """Raise ShapeViolation unless the store conforms to the shapes, checked by Oxigraph
        (with ``only``: to those rules)."""
        found = self.shape_violations(only)
        if found:
            raise ShapeViolation(sorted({_describe(v) for v in found}))

    def _journal(self) -> Path | None:
        """Where an on-disk store keeps the undo record of a bulk load in progress."""
        return None if self.location is None else self.location.with_name(self.location.name + ".bulk")

    def _graphs_in(self, path: Path, fmt: ox.RdfFormat) -> set[str]:
        if not fmt.supports_datasets:
            return {str(graph_iri(path.stem))}
        try:
            names = {quad.graph_name for quad in ox.parse(path=str(path), format=fmt)}
        except (SyntaxError, OSError) as err:
            raise SourceDataError(path, f"cannot read RDF: {err}") from err
        if ox.DefaultGraph() in names or any(not isinstance(n, ox.NamedNode) for n in names):
            raise SourceDataError(path, _NAMED_ONLY)
        return {n.value for n in names}

    def _graphs_replaced(self, paths: Sequence[Path]) -> set[str] | None:
        """The named graphs the files fill, which the load replaces; None, without reading the
        files, when the store holds nothing but the ontology, so that there is nothing to replace."""
        held = set(self._ox.named_graphs()) - {ox.NamedNode(str(ONTOLOGY_GRAPH))}
        if not held and not self._in_default_graph():
            return None
        return set().union(*(self._graphs_in(p, RDF_FILE_FORMATS[p.suffix]) for p in paths))

    def _bulk_load(self, paths: Sequence[Path], progress: Callable[[str], None] | None) -> LoadReport:
        """Load RDF files by Oxigraph's bulk loader, then check the shapes. Into a store that
        holds only the ontology, the rules are screened (:mod:`graph.store.screen`) on another
        thread while the loader runs, and only the flagged rules run after it."""
        self._local_only("the bulk load of RDF files")
        with self._write_lock, ThreadPoolExecutor(max_workers=1) as pool:
            replaced = self._graphs_replaced(paths)
            journal = self._journal() or Path(tempfile.mkdtemp(prefix="stancegraph-bulk-"))
            self._begin(journal, replaced)
            stop = threading.Event()
            files = [(p, RDF_FILE_FORMATS[p.suffix]) for p in paths]
            flagged = None if replaced is not None else pool.submit(
                screen, rules(), ontology_graph().serialize(format="nt", encoding="utf-8"), files, stop,
                beside_loader=True)
            try:
                self._update("".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in replaced or ())
                             + f"DROP SILENT GRAPH <{ONTOLOGY_GRAPH}> ;\n"
                             + _insert_data({ONTOLOGY_GRAPH: ontology_graph()}))
                counts = []
                for path in paths:
                    counts.append((str(path), self._bulk_load_file(path)))
                    if progress:
                        progress(str(path))
                names = {str(ONTOLOGY_GRAPH)} | (set(self.graph_names()) if replaced is None else replaced)
                self.check_shapes(_screened(flagged))
            except BaseException:
                stop.set()
                self._roll_back(journal)
                raise
            finally:
                self._generation += 1
            self._ox.flush()
            shutil.rmtree(journal, ignore_errors=True)
        statements = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s a sg:Statement }")[0]["n"]
        return LoadReport(files=tuple(counts), graphs=tuple(sorted(names)), statements=int(statements))  # type: ignore[arg-type]

    def _bulk_load_file(self, path: Path) -> int:
        """Bulk-load one file; the number of quads it added."""
        fmt = RDF_FILE_FORMATS[path.suffix]
        before = len(self._ox)
        target = None if fmt.supports_datasets else ox.NamedNode(str(graph_iri(path.stem)))
        try:
            self._ox.bulk_load(path=str(path), format=fmt, to_graph=target)
        except (SyntaxError, OSError, ValueError) as err:
            raise SourceDataError(path, f"cannot load RDF: {err}") from err
        # files were not read before a load into an empty store, so quads outside named graphs
        # are found here, where they cost an index probe rather than a parse
        if self._in_default_graph() or any(not isinstance(n, ox.NamedNode) for n in self._ox.named_graphs()):
            raise SourceDataError(path, _NAMED_ONLY)
        return len(self._ox) - before

    def _in_default_graph(self) -> bool:
        """Whether any quad is in the default graph, where stancegraph never writes."""
        return next(iter(self._ox.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None

    def _begin(self, journal: Path, replaced: set[str] | None) -> None:
        """Record what a bulk load replaces (the graphs, and a copy of those that exist); None
        when the store holds only the ontology, which undo then clears and restores."""
        journal.mkdir(parents=True, exist_ok=True)
        touched = {str(ONTOLOGY_GRAPH)} | (replaced or set())
        existing = [ox.NamedNode(n) for n in sorted(touched) if self._ox.contains_named_graph(ox.NamedNode(n))]
        with (journal / "backup.nq").open("wb") as backup:
            for name in existing:
                ox.serialize(self._ox.quads_for_pattern(None, None, None, name), backup,
                             format=ox.RdfFormat.N_QUADS)
        intent = None if replaced is None else sorted(touched)
        (journal / _INTENT).write_text(json.dumps(intent), encoding="utf-8")

    def _roll_back(self, journal: Path) -> None:
        """Undo a bulk load: drop the graphs it wrote (all of them when the intent is null) and
        restore those it replaced."""
        names = json.loads((journal / _INTENT).read_text(encoding="utf-8"))
        if names is None:
            self._ox.clear()
        for name in names or ():
            self._ox.remove_graph(ox.NamedNode(name))
        self._ox.load(path=str(journal / "backup.nq"), format=ox.RdfFormat.N_QUADS)
        self._ox.flush()
        self._generation += 1
        shutil.rmtree(journal, ignore_errors=True)

    def _replace_graphs(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Drop and refill the named graphs in a single SPARQL update, which Oxigraph runs atomically."""
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
        self._update(drops + _insert_data(graphs, self.remote))

    def insert(self, graphs: Mapping[URIRef, Graph]) -> None:
        """Add the triples of each graph to the named graph of that name, all or nothing."""
        self._update(_insert_data(graphs, self.remote))

    def remove_statement(self, statement: URIRef) -> None:
        """Delete a statement node and, unless another statement in its graph backs it, its direct edge."""
        self._update(f"""
            PREFIX sg: <{PREFIXES["sg"]}>
            DELETE {{ GRAPH ?g {{ ?a ?r ?t }} }} WHERE {{
              GRAPH ?g {{ <{statement}> sg:actor ?a ; sg:relation ?r ; sg:target ?t . ?a ?r ?t }}
              FILTER NOT EXISTS {{
                GRAPH ?g {{ ?other sg:actor ?a ; sg:relation ?r ; sg:target ?t }}
                FILTER (?other != <{statement}>)
              }}
            }} ;
            DELETE {{ GRAPH ?g {{ <{statement}> ?p ?o }} }} WHERE {{ GRAPH ?g {{ <{statement}> ?p ?o }} }}""")


def _screened(flagged: Future[set[int]] | None) -> set[int] | None:
    """The rules a screen flagged; None (check them all) without a screen or when it failed,
    which costs time but never a check."""
    if flagged is None:
        return None
    try:
        return flagged.result()
    except Exception:  # noqa: BLE001 - any failure of the screen falls back to every rule
        return None


def _describe(violation: Violation) -> str:
    """One line per violation, in the manner of :mod:`graph.shapes.validate`."""
    path = f": {violation.path.replace(PREFIXES['sg'], 'sg:')}" if violation.path else ""
    text = f"{slug_of(violation.focus)}{path}: {violation.message}"
    if violation.value is not None and violation.value not in text:
        text += f" (value: {violation.value[:80]})"
    return text


def _insert_data(graphs: Mapping[URIRef, Graph], remote: bool = False) -> str:
    """One INSERT DATA for all ``graphs``; for a remote endpoint one ``INSERT {...} WHERE {}`` per
    graph, since Virtuoso refuses blank nodes in INSERT DATA and fails on multi-graph templates."""
    if remote:
        return " ;\n".join(f"INSERT {{ GRAPH <{name}> {{\n{g.serialize(format='nt')}\n}} }} WHERE {{ }}"
                            for name, g in graphs.items() if len(g))
    blocks = "\n".join(f"GRAPH <{name}> {{\n{g.serialize(format='nt')}\n}}" for name, g in graphs.items())
    return f"INSERT DATA {{\n{blocks}\n}}"
