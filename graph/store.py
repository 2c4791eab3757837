"""The triple store: open, load, query, dump. The only module that knows the RDF engine.

The engine is Oxigraph (pyoxigraph), persistent on disk (RocksDB) or in memory. Each data file
fills its own named graphs; queries see the union of all graphs as the default graph. rdflib
stays the RDF API: construct results and dumps come back as rdflib graphs or bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from graph.errors import QueryError, StancegraphError
from graph.load import DataFile, KnownIds, data_files, ontology_graph, read_file, read_paths
from graph.validate import check
from graph.vocab import PREFIXES, graph_iri

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


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote: per file, the named graphs replaced and their triple counts."""

    files: tuple[tuple[str, int], ...]
    graphs: tuple[str, ...]
    statements: int

    @property
    def triples(self) -> int:
        return sum(count for _, count in self.files)


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
    """A stancegraph store: Oxigraph on disk at ``location``, or in memory when it is None.

    Examples
    --------
    >>> store = Store(None)
    >>> store.ask("ASK { ?s ?p ?o }")
    False
    """

    def __init__(self, location: Path | str | None = None) -> None:
        self.location = None if location is None else Path(location)
        try:
            if self.location is None:
                self._ox = ox.Store()
            else:
                self.location.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.location))
        except OSError as err:
            raise StancegraphError(f"cannot open the store at {self.location}: {err}") from err

    @classmethod
    def open(cls, location: Path | str | None) -> Self:
        """Open (creating if needed) the store at ``location``; None for an in-memory store."""
        return cls(location)

    def __len__(self) -> int:
        return len(self._ox)

    def close(self) -> None:
        """Flush to disk and release the store's lock; the object must not be used afterwards."""
        self._ox.flush()
        del self._ox

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- queries -------------------------------------------------------------

    def _query(self, query: str) -> object:
        try:
            return self._ox.query(query, use_default_graph_as_union=True, prefixes=PREFIXES)
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

    # --- dumps ---------------------------------------------------------------

    def dump(self, media_type: str = "application/n-quads") -> bytes:
        """The whole store serialised as N-Quads or TriG (named graphs kept)."""
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None or not rdf_format.supports_datasets:
            raise QueryError(f"{media_type} cannot hold named graphs; use application/n-quads or application/trig")
        return self._ox.dump(format=rdf_format)

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
        names = {name for p in data_files(paths) for name in read_file(p).graphs}
        merged = self._graphs_except(names)
        files = read_paths(paths, known=KnownIds.from_graph(merged))
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

        Raises
        ------
        SourceDataError
            A file is malformed or refers to an unknown id (file, line and record named).
        ShapeViolation
            The data do not conform to the SHACL shapes.
        """
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

    def _replace_graphs(self, graphs: dict[URIRef, Graph]) -> None:
        """Drop and refill the named graphs in a single SPARQL update, which Oxigraph runs atomically."""
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in graphs)
        inserts = "\n".join(
            f"GRAPH <{name}> {{\n{g.serialize(format='nt')}\n}}" for name, g in graphs.items()
        )
        try:
            self._ox.update(f"{drops}INSERT DATA {{\n{inserts}\n}}")
        except (SyntaxError, OSError) as err:
            raise StancegraphError(f"the store rejected the load, nothing was written: {err}") from err
