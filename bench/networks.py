"""Section 3: camps, paths and the congruence and conflict networks.

The networks are compared with a bare scipy sparse product over the same stance view
(:func:`bench.baselines.bare_one_mode`); the matrices must be equal entry for entry.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import scipy.sparse as sp

from bench import baselines
from bench.context import Context
from bench.measure import timed, timed_pair
from graph import discourse, queries
from graph.errors import InvalidOption
from graph.network import stance_graph


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
    G, view_time = timed(lambda: stance_graph(store))
    result: dict[str, Any] = {"stance_graph": {**view_time.to_dict(), "nodes": G.number_of_nodes(),
                                               "edges": G.number_of_edges()}}
    target = ctx.headline["target"]
    found, camps_time = timed(lambda: queries.camps(store, target), runs=3)
    result["camps"] = {**camps_time.to_dict(), "proposal": target,
                       "members": len(found.supporters) + len(found.opponents) + len(found.hesitant)}
    busiest = [actor for actor, _ in Counter(st.actor for st in ctx.corpus.statements).most_common(2)]
    walk, path_time = timed(lambda: queries.paths(store, busiest[0], busiest[1]), runs=3)
    result["path"] = {**path_time.to_dict(), "between": busiest,
                      "lengths": [p.length for p in walk.paths]}
    for aggregation in ("congruence", "conflict"):
        try:  # also the warm-up run
            discourse.one_mode_network(G, aggregation)
        except InvalidOption as refused:  # it may not fit in memory, nor may the baseline
            result[aggregation] = {"refused": str(refused)}
            continue
        ours, our_time, (order, bare), bare_time, ratio = timed_pair(
            lambda: discourse.one_mode_network(G, aggregation),
            lambda: baselines.bare_one_mode(G, aggregation))
        result[aggregation] = {
            "ours": our_time.to_dict(), "baseline": bare_time.to_dict(),
            "ratio": ratio, "actors": len(ours.rows), "ties": ours.matrix.nnz,
            "equal": ctx.check(f"networks: {aggregation} == bare scipy product",
                               _same(ours.rows, ours.matrix, order, bare)),
        }
    return result
