"""Bulk loading of RDF files: the engine's bulk loader, a journal to undo it, the shapes after.

On a violation or an error the loaded graphs are dropped and the replaced ones restored; a load
cut short by a crash leaves its journal beside the store, and :func:`recover` undoes it when the
store is next opened.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from graph import formats
from graph.errors import SourceDataError
from graph.formats import Format
from graph.shapes.rules import rules
from graph.store.checking import check_shapes
from graph.store.engine import WRITE_FAILURES, Engine, write_error
from graph.store.results import rdf_format
from graph.store.screen import screen
from graph.vocab import graph_iri

FILE_FORMATS: dict[str, Format] = {f".{f.extension}": f for f in (
    formats.NQUADS, formats.TRIG, formats.NTRIPLES, formats.TURTLE)}
"""RDF files the bulk loader takes, by extension. Quad formats keep the graphs they name;
triples load into the named graph of the file's stem, as a YAML file's do."""

_INTENT = "intent.json"
_BACKUP = "backup.nq"
_NAMED_ONLY = "every quad must be in a named graph (an IRI)"


def journal_of(location: Path | None) -> Path | None:
    """Where an on-disk store at ``location`` keeps the undo record of a bulk load in progress."""
    return None if location is None else location.with_name(location.name + ".bulk")


def recover(engine: Engine, journal: Path | None) -> None:
    """Undo the bulk load that ``journal`` records as cut short, if any."""
    if journal is not None and (journal / _INTENT).exists():
        _roll_back(engine, journal)


def bulk_load(engine: Engine, paths: Sequence[Path], journal: Path | None,
              fresh: Mapping[URIRef, Graph],
              progress: Callable[[str], None] | None) -> tuple[list[tuple[str, int]], list[str]]:
    """Load RDF files by the engine's bulk loader, with the graphs ``fresh`` written anew, then
    check the shapes; per file the quads it added, and the named graphs written.

    Into a store that holds only ``fresh``, the rules are screened (:mod:`graph.store.screen`)
    on another thread while the loader runs, and only the flagged rules run after it. The caller
    serialises writers.

    Raises
    ------
    SourceDataError
        A file cannot be read, or has quads outside named graphs.
    ShapeViolation
        The store does not conform to the shapes afterwards; the load was undone.
    StancegraphError
        The engine has no bulk loader (a remote endpoint).
    """
    engine.require_local("the bulk load of RDF files")
    with ThreadPoolExecutor(max_workers=1) as pool:
        replaced = _graphs_replaced(engine, paths, fresh)
        journal = journal or Path(tempfile.mkdtemp(prefix="stancegraph-bulk-"))
        _begin(engine, journal, fresh, replaced)
        stop = threading.Event()
        files = [(p, rdf_format(FILE_FORMATS[p.suffix])) for p in paths]
        flagged = None if replaced is not None else pool.submit(
            screen, rules(), b"".join(g.serialize(format="nt", encoding="utf-8") for g in fresh.values()),
            files, stop, beside_loader=True)
        try:
            try:
                engine.replace([*(replaced or ()), *map(str, fresh)], {str(n): g for n, g in fresh.items()})
            except WRITE_FAILURES as err:
                raise write_error(err) from err
            counts = []
            for path in paths:
                counts.append((str(path), _load_file(engine, path)))
                if progress:
                    progress(str(path))
            names = set(map(str, fresh)) | (set(engine.named_graphs()) if replaced is None else replaced)
            check_shapes(engine, _screened(flagged))
        except BaseException:
            stop.set()
            _roll_back(engine, journal)
            raise
        engine.flush()
        shutil.rmtree(journal, ignore_errors=True)
    return counts, sorted(names)


def _load_file(engine: Engine, path: Path) -> int:
    """Bulk-load one file; the number of quads it added."""
    fmt = FILE_FORMATS[path.suffix]
    before = len(engine)
    target = None if fmt.kind is formats.Kind.DATASET else str(graph_iri(path.stem))
    try:
        engine.bulk_load(path, rdf_format(fmt), target)
    except (SyntaxError, OSError, ValueError) as err:
        raise SourceDataError(path, f"cannot load RDF: {err}") from err
    # files were not read before a load into an empty store, so quads outside named graphs
    # are found here, where they cost an index probe rather than a parse
    if engine.outside_named_graphs():
        raise SourceDataError(path, _NAMED_ONLY)
    return len(engine) - before


def _graphs_in(path: Path) -> set[str]:
    fmt = FILE_FORMATS[path.suffix]
    if fmt.kind is not formats.Kind.DATASET:
        return {str(graph_iri(path.stem))}
    try:
        names = {quad.graph_name for quad in ox.parse(path=str(path), format=rdf_format(fmt))}
    except (SyntaxError, OSError) as err:
        raise SourceDataError(path, f"cannot read RDF: {err}") from err
    if any(not isinstance(n, ox.NamedNode) for n in names):
        raise SourceDataError(path, _NAMED_ONLY)
    return {n.value for n in names if isinstance(n, ox.NamedNode)}


def _graphs_replaced(engine: Engine, paths: Sequence[Path], fresh: Mapping[URIRef, Graph]) -> set[str] | None:
    """The named graphs the files fill, which the load replaces; None, without reading the
    files, when the store holds nothing but ``fresh``, so that there is nothing to replace."""
    held = set(engine.named_graphs()) - set(map(str, fresh))
    if not held and not engine.outside_named_graphs():
        return None
    return set().union(*(_graphs_in(p) for p in paths))


def _begin(engine: Engine, journal: Path, fresh: Mapping[URIRef, Graph], replaced: set[str] | None) -> None:
    """Record what a bulk load replaces (the graphs, and a copy of those that exist); None
    when the store holds only ``fresh``, which undo then clears and restores."""
    journal.mkdir(parents=True, exist_ok=True)
    touched = set(map(str, fresh)) | (replaced or set())
    existing = sorted(touched & set(engine.named_graphs()))
    with (journal / _BACKUP).open("wb") as backup:
        for name in existing:
            ox.serialize(engine.quads(None, None, None, ox.NamedNode(name)), backup,
                         format=ox.RdfFormat.N_QUADS)
    intent = None if replaced is None else sorted(touched)
    (journal / _INTENT).write_text(json.dumps(intent), encoding="utf-8")


def _roll_back(engine: Engine, journal: Path) -> None:
    """Undo a bulk load: drop the graphs it wrote (all of them when the intent is null) and
    restore those it replaced."""
    names = json.loads((journal / _INTENT).read_text(encoding="utf-8"))
    if names is None:
        engine.clear()
    else:
        engine.replace(names, {})
    engine.load(journal / _BACKUP, ox.RdfFormat.N_QUADS)
    engine.flush()
    shutil.rmtree(journal, ignore_errors=True)


def _screened(flagged: Future[set[int]] | None) -> set[int] | None:
    """The rules a screen flagged; None (check them all) without a screen or when it failed,
    which costs time but never a check."""
    if flagged is None:
        return None
    try:
        return flagged.result()
    except Exception:  # noqa: BLE001 - any failure of the screen falls back to every rule
        return None
