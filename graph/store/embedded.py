"""The embedded engine: Oxigraph (pyoxigraph), on disk (RocksDB) or in memory."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Self

import pyoxigraph as ox
from rdflib import Graph

from graph.errors import StancegraphError
from graph.store.results import Answer, Term
from graph.vocab import PREFIXES

_SNAPSHOT_DUMP = "snapshot.nq"
"""The file an in-memory store's snapshot is written to."""


class EmbeddedEngine:
    """Oxigraph at ``location`` (a directory, created if needed), or in memory when it is None.

    Raises
    ------
    StancegraphError
        The directory cannot be opened (another process holds it, or it is no store).
    """

    isolates_queries = False

    def __init__(self, location: Path | None) -> None:
        self._in_memory = location is None
        try:
            if location is None:
                self._store = ox.Store()
            else:
                location.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(location))
        except OSError as err:
            raise StancegraphError(f"cannot open the store at {location}: {err}") from err

    @classmethod
    def from_snapshot(cls, path: Path) -> Self:
        """Open a copy made by :meth:`backup`, read-only when it is on disk."""
        engine = cls.__new__(cls)
        engine._in_memory = True
        dump = path / _SNAPSHOT_DUMP
        try:
            if dump.exists():
                engine._store = ox.Store()
                engine._store.load(path=str(dump), format=ox.RdfFormat.N_QUADS)
            else:
                engine._in_memory = False
                engine._store = ox.Store.read_only(str(path))
        except OSError as err:
            raise StancegraphError(f"cannot open the snapshot at {path}: {err}") from err
        return engine

    def query(self, query: str, bindings: Mapping[str, Term] | None = None,
              timeout: float | None = None) -> Answer:
        """Run ``query``; ``timeout`` is not enforced here (:mod:`graph.store.isolation` does)."""
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): term for name, term in (bindings or {}).items()}
        return self._store.query(query, use_default_graph_as_union=True, prefixes=PREFIXES,
                                 substitutions=substitutions or None)

    def quads(self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None,
              obj: ox.NamedNode | ox.Literal | None, graph: ox.NamedNode | None) -> Iterable[ox.Quad]:
        return self._store.quads_for_pattern(subject, predicate, obj, graph)

    def update(self, update: str) -> None:
        self._store.update(update)

    def replace(self, drop: Iterable[str], graphs: Mapping[str, Graph]) -> None:
        drops = "".join(f"DROP SILENT GRAPH <{name}> ;\n" for name in drop)
        blocks = "\n".join(f"GRAPH <{name}> {{\n{g.serialize(format='nt')}\n}}" for name, g in graphs.items())
        self._store.update(f"{drops}INSERT DATA {{\n{blocks}\n}}")

    def named_graphs(self) -> list[str]:
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    def outside_named_graphs(self) -> bool:
        return (next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None
                or any(not isinstance(g, ox.NamedNode) for g in self._store.named_graphs()))

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return self._store.dump(format=fmt) or b""

    def __len__(self) -> int:
        return len(self._store)

    def require_local(self, what: str) -> None:
        """Nothing to refuse: the data live in this process."""

    def bulk_load(self, path: Path, fmt: ox.RdfFormat, to_graph: str | None) -> None:
        self._store.bulk_load(path=str(path), format=fmt,
                              to_graph=None if to_graph is None else ox.NamedNode(to_graph))

    def load(self, path: Path, fmt: ox.RdfFormat) -> None:
        self._store.load(path=str(path), format=fmt)

    def clear(self) -> None:
        """Remove every quad (not atomic, but far cheaper than an update on a large store)."""
        self._store.clear()

    def backup(self, target: Path) -> None:
        """A RocksDB checkpoint at ``target`` (hard links, cheap), or for an in-memory store an
        N-Quads dump in the new directory ``target``."""
        if self._in_memory:
            target.mkdir(parents=True)
            (target / _SNAPSHOT_DUMP).write_bytes(self._store.dump(format=ox.RdfFormat.N_QUADS) or b"")
        else:
            self._store.backup(str(target))

    def flush(self) -> None:
        self._store.flush()

    def close(self) -> None:
        self._store.flush()
        del self._store
