"""Section 1: load N statements into the embedded store, against pyoxigraph's own bulk loader.

Both read the same N-Quads file into a fresh on-disk store, one after the other (the first
closed before the second starts). stancegraph's load also validates (the shape rules, screened
beside the loader and run by Oxigraph where flagged) and is atomic; the bulk loader does
neither. Below ``yaml_max`` statements the YAML data directory of the same corpus is loaded
too (the path people use for coded articles, validated by pyshacl), and all stores must hold
the same quads.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox  # the baseline: pyoxigraph's own bulk loader, measured beside the store

from graph.bench.context import Context
from graph.bench.measure import Timing, mib, peak_rss, reset_peak, rss, timed
from graph.store import ONTOLOGY_GRAPH, Store

FULL_COMPARE_MAX = 50_000
"""Up to this many statements the stores are compared quad by quad; above, graph by graph."""

_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"

T = TypeVar("T")


def _memory(call: Callable[[], T]) -> tuple[T, Timing, dict[str, float]]:
    before = rss()
    reset_peak()
    result, timing = timed(call)
    return result, timing, {"rss_growth_mib": mib(rss() - before), "peak_growth_mib": mib(peak_rss() - before)}


def _counts_ox(store: ox.Store) -> dict[str, int]:
    solutions = store.query(_COUNTS)
    assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query answers with solutions
    return {s["g"].value: int(s["n"].value) for s in solutions}


def _counts(store: Store) -> dict[str, int]:
    return {str(r["g"]): int(str(r["n"])) for r in store.select(_COUNTS)
            if r["g"] != str(ONTOLOGY_GRAPH)}


def _quads(store: Store) -> set[ox.Quad]:
    return {q for q in ox.parse(store.dump(), format=ox.RdfFormat.N_QUADS)
            if q.graph_name.value != str(ONTOLOGY_GRAPH)}


def run(ctx: Context) -> dict[str, Any]:
    """Time both loads; keep stancegraph's store open in ``ctx.store`` for the next sections."""
    ctx.baseline_dir = ctx.work / "pyoxigraph-store"
    ctx.store_dir = ctx.work / "store"

    def bulk() -> ox.Store:
        baseline = ox.Store(str(ctx.baseline_dir))
        baseline.bulk_load(path=str(ctx.nquads), format=ox.RdfFormat.N_QUADS)
        baseline.flush()
        return baseline

    baseline, base_time, base_memory = _memory(bulk)
    base_counts = _counts_ox(baseline)
    del baseline  # closed, so that its caches do not weigh on the load measured next

    def ours() -> Store:
        store = Store(ctx.store_dir)
        store.load([ctx.nquads])
        return store

    store, our_time, our_memory = _memory(ours)
    ctx.store = store
    quads = sum(base_counts.values())
    result: dict[str, Any] = {
        "file": {"path": ctx.nquads.name, "bytes": ctx.nquads.stat().st_size, "quads": quads,
                 "quads_per_statement": round(quads / ctx.options.n, 2)},
        "ours": {**our_time.to_dict(), **our_memory, "path": "Store.load(corpus.nq)"},
        "baseline": {**base_time.to_dict(), **base_memory, "path": "pyoxigraph Store.bulk_load"},
        "ratio": our_time.p50 / base_time.p50,
    }
    equal = _counts(store) == base_counts
    if equal and ctx.options.n <= FULL_COMPARE_MAX:
        equal = _quads(store) == set(ox.Store(str(ctx.baseline_dir)))
        result["compared"] = "quad by quad"
    else:
        result["compared"] = "quads per named graph"
    result["equal"] = ctx.check("load: stancegraph store == pyoxigraph bulk-loaded store", equal)
    if ctx.yaml_dir is not None:
        yaml_store, yaml_time, yaml_memory = _memory(functools.partial(_load_yaml, ctx.yaml_dir))
        result["yaml"] = {**yaml_time.to_dict(), **yaml_memory, "path": "Store.load(data directory)",
                          "ratio_to_baseline": yaml_time.p50 / base_time.p50}
        result["yaml"]["equal"] = ctx.check(
            "load: YAML data directory == N-Quads of the same corpus", _quads(yaml_store) == _quads(store))
    shutil.rmtree(ctx.baseline_dir, ignore_errors=True)
    return result


def _load_yaml(yaml_dir: Path) -> Store:
    store = Store(None)
    store.load([yaml_dir])
    return store
