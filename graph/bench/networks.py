"""Section 3: camps, paths and the congruence and conflict networks.

The networks are compared with a bare scipy sparse product over the same stance view
(:func:`bench.baselines.bare_one_mode`); the matrices must be equal entry for entry. A network
of the whole corpus that stancegraph refuses as too large (:data:`graph.analysis.discourse.MAX_TIES`) is
reported as refused and measured again on the statements of the corpus's last year, as an
analyst would narrow it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph.bench import baselines
from graph.bench.context import Context
from graph.bench.measure import timed, timed_pair
from graph.analysis import camps, discourse, paths
from graph.errors import InvalidOption
from graph.analysis.view import ViewFilter, forget, stance_graph

WINDOW_DAYS = 365


def _same(rows: tuple[str, ...], M: sp.csr_array, order: list[str], B: sp.csr_array) -> bool:
    """Whether M (rows and columns ``rows``) equals B (rows and columns ``order``)."""
    if sorted(rows) != sorted(order) or M.shape != B.shape:
        return False
    where = {node: i for i, node in enumerate(order)}
    perm = np.array([where[node] for node in rows], dtype=np.int64)
    P = sp.csr_array(B)[perm][:, perm]
    difference = sp.csr_array(M - P)
    return difference.nnz == 0 or bool(np.abs(difference.data).max() < 1e-9)


def run(ctx: Context) -> dict[str, Any]:
    """Time the network analyses on the loaded store."""
    store = ctx.store
    assert store is not None
    forget(store)  # the first view reads the store, as after a write; later ones reuse its rows
    G, view_time = timed(lambda: stance_graph(store))
    _, kept_time = timed(lambda: stance_graph(store), runs=3)
    result: dict[str, Any] = {"stance_graph": {**view_time.to_dict(), "nodes": G.number_of_nodes(),
                                               "edges": G.number_of_edges(),
                                               "rows_kept": kept_time.to_dict()}}
    target = ctx.headline["target"]
    found, camps_time = timed(lambda: camps.camps(store, target), runs=3)
    result["camps"] = {**camps_time.to_dict(), "proposal": target,
                       "members": len(found.supporters) + len(found.opponents) + len(found.hesitant)}
    busiest = [actor for actor, _ in Counter(st.actor for st in ctx.corpus.statements).most_common(2)]
    walk, path_time = timed(lambda: paths.paths(store, busiest[0], busiest[1]), runs=3)
    result["path"] = {**path_time.to_dict(), "between": busiest,
                      "lengths": [p.length for p in walk.paths]}
    window = _last_year(ctx)
    narrowed: nx.MultiDiGraph | None = None
    for aggregation in ("congruence", "conflict"):
        try:  # also the warm-up run
            discourse.one_mode_network(G, aggregation)
            result[aggregation] = _compare(ctx, G, aggregation)
            continue
        except InvalidOption as refused:  # it may not fit in memory, nor may the baseline
            result[aggregation] = {"refused": str(refused)}
        narrowed = narrowed if narrowed is not None else stance_graph(store, window)
        try:
            discourse.one_mode_network(narrowed, aggregation)
        except InvalidOption as refused:
            result[aggregation]["window_refused"] = str(refused)
            continue
        result[aggregation].update(_compare(ctx, narrowed, aggregation),
                                   window={"start": window.start, "end": window.end})
    return result


def _last_year(ctx: Context) -> ViewFilter:
    """The view of the corpus's last ``WINDOW_DAYS`` days."""
    end = max(source.date for source in ctx.corpus.sources)
    return ViewFilter(start=(end - dt.timedelta(days=WINDOW_DAYS - 1)).isoformat(), end=end.isoformat())


def _compare(ctx: Context, G: nx.MultiDiGraph, aggregation: str) -> dict[str, Any]:
    """Time a one-mode network of ``G`` against the bare product; check they are equal."""
    ours, our_time, (order, bare), bare_time, ratio = timed_pair(
        lambda: discourse.one_mode_network(G, aggregation),
        lambda: baselines.bare_one_mode(G, aggregation))
    return {"ours": our_time.to_dict(), "baseline": bare_time.to_dict(),
            "ratio": ratio, "actors": len(ours.rows), "ties": ours.matrix.nnz,
            "equal": ctx.check(f"networks: {aggregation} == bare scipy product",
                               _same(ours.rows, ours.matrix, order, bare))}
