"""The RDF engine behind a store: the few operations :class:`graph.store.Store` needs of it.

Two engines implement it, the embedded Oxigraph (:mod:`graph.store.embedded`) and a remote
SPARQL 1.1 endpoint (:mod:`graph.store.remote`); the store never asks which one it has. Terms
and answers are pyoxigraph's objects, the store's term model for both. Where the engines
differ, the protocol says so: :attr:`Engine.isolates_queries` is a capability, and what only
an engine in this process can do (bulk loads, snapshots) raises a StancegraphError on the other
through :meth:`Engine.require_local`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import QueryError, QueryTimeout, StancegraphError
from graph.store.results import Answer, Term


class Engine(Protocol):
    """An RDF dataset that answers SPARQL; queries see the union of its named graphs."""

    isolates_queries: bool
    """Whether the engine runs each query apart from the caller (a server does), so that a
    runaway query needs no child process to be stopped, and a time limit bounds the wait."""

    def query(self, query: str, bindings: Mapping[str, Term] | None = None,
              timeout: float | None = None) -> Answer:
        """Run a read-only query with the store's prefixes, ``bindings`` substituted for variables
        (each returned by the query: see :data:`graph.store.store.Bindings`); ``timeout`` seconds
        bound the wait where the engine can. Raises SyntaxError, TimeoutError, OSError,
        ValueError or RuntimeError."""
        ...

    def quads(self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None,
              obj: ox.NamedNode | ox.Literal | None, graph: ox.NamedNode | None) -> Iterable[ox.Quad]:
        """The quads that match the pattern (None: any) in the engine's named graphs."""
        ...

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update atomically. Raises SyntaxError or OSError."""
        ...

    def replace(self, drop: Iterable[str], graphs: Mapping[str, Graph]) -> None:
        """Drop the named graphs ``drop`` and add the triples of ``graphs``, in one update."""
        ...

    def named_graphs(self) -> list[str]:
        """The IRIs of the engine's named graphs."""
        ...

    def outside_named_graphs(self) -> bool:
        """Whether any quad is in the default graph or a graph named by a blank node, where
        stancegraph never writes."""
        ...

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        """The engine's named graphs in the dataset format ``fmt``."""
        ...

    def __len__(self) -> int:
        ...

    def require_local(self, what: str) -> None:
        """Raise StancegraphError, naming ``what`` needs it, unless the data live in this process."""
        ...

    def bulk_load(self, path: Path, fmt: ox.RdfFormat, to_graph: str | None) -> None:
        """Load a file by the bulk loader (not atomic: the caller journals it); triples go to
        ``to_graph``. Raises SyntaxError, OSError or ValueError; StancegraphError on a remote."""
        ...

    def load(self, path: Path, fmt: ox.RdfFormat) -> None:
        """Load a dataset file atomically; StancegraphError on a remote."""
        ...

    def clear(self) -> None:
        """Remove every quad; StancegraphError on a remote (whose other graphs are not ours)."""
        ...

    def backup(self, target: Path) -> None:
        """A consistent copy of the data at ``target``, openable by :func:`~graph.store.embedded
        .EmbeddedEngine.from_snapshot`; StancegraphError on a remote."""
        ...

    def flush(self) -> None:
        """Write what is buffered to disk."""
        ...

    def close(self) -> None:
        """Release the engine; it must not be used afterwards."""
        ...


def query_error(err: Exception, timeout: float | None = None) -> QueryError:
    """An engine's failure to answer a query, as ours."""
    if isinstance(err, TimeoutError):
        return QueryTimeout(f"query stopped after the time limit of {timeout:g} s" if timeout else str(err))
    if isinstance(err, SyntaxError):
        return QueryError(f"malformed SPARQL: {err}")
    return QueryError(f"query failed: {err}")


QUERY_FAILURES = (TimeoutError, SyntaxError, OSError, ValueError, RuntimeError)
"""What an engine raises when a query fails (``query_error`` makes them ours)."""


def write_error(err: Exception) -> StancegraphError:
    """An engine's refusal of a write, as ours."""
    return StancegraphError(f"the store rejected the write, nothing was written: {err}")


WRITE_FAILURES = (SyntaxError, OSError)
"""What an engine raises when it refuses a write (``write_error`` makes them ours)."""
