"""Section 4: GEXF, GraphML and Turtle exports, with the memory each writer needs.

GEXF and GraphML are written from the export view by stancegraph's streaming writers and by
networkx's own (which build the document in memory); Turtle by stancegraph's export and by
pyoxigraph converting the corpus file. A writer that streams needs far less extra memory than
the file it writes; one that builds the file as one string needs at least its size.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx
import pyoxigraph as ox  # the baseline: pyoxigraph's own serialiser, measured beside the export
from lxml import etree

from graph.bench.context import Context
from graph.bench.measure import mib, peak_rss, reset_peak, rss, timed
from graph.export import ExportFormat, network, write, write_gexf, write_graphml
from graph.analysis.view import forget

NETWORKX_MAX = 200_000
"""Above this many statements networkx's writers (whole documents in memory) are skipped."""
_SCALARS = (str, int, float, bool)


def _file(path: Path, writer: Callable[[BinaryIO], object]) -> dict[str, Any]:
    """Time ``writer`` into ``path``; its peak memory above the resident memory before it."""
    before = rss()
    reset_peak()

    def go() -> None:
        with path.open("wb") as out:
            writer(out)

    _, timing = timed(go)
    size = path.stat().st_size
    growth = peak_rss() - before
    return {**timing.to_dict(), "bytes": size, "peak_growth_mib": mib(growth),
            "streamed": growth < size}


def _edges(path: Path, tag: str) -> int:
    count = 0
    for _, element in etree.iterparse(str(path), tag=tag):
        element.clear()  # the file is larger than memory should hold
        count += 1
    return count


def _plain(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The view with only scalar graph attributes, as networkx's writers need."""
    H = G.copy()
    H.graph = {k: v for k, v in G.graph.items() if isinstance(v, _SCALARS)}
    return H


def run(ctx: Context) -> dict[str, Any]:
    """Time the three exports and their baselines; check edge and triple counts.

    The view and the GEXF from the store are timed as after a write (the store read again) and
    with the store's rows kept from the run before (:func:`graph.analysis.view.forget`)."""
    store = ctx.store
    assert store is not None
    out = ctx.work / "exports"
    out.mkdir(exist_ok=True)
    forget(store)
    G, view_time = timed(lambda: network(store))
    _, kept_time = timed(lambda: network(store), runs=3)
    result: dict[str, Any] = {"view": {**view_time.to_dict(), "edges": G.number_of_edges(),
                                       "rows_kept": kept_time.to_dict()}}
    gexf = _file(out / "ours.gexf", lambda s: write_gexf(G, s))
    forget(store)
    gexf["store_to_file"] = _file(out / "cli.gexf", lambda s: write(store, ExportFormat.GEXF, s))
    gexf["store_to_file_rows_kept"] = _file(out / "cli.gexf", lambda s: write(store, ExportFormat.GEXF, s))
    gexf["edges_equal"] = ctx.check("export: GEXF holds every edge of the view",
                                    _edges(out / "ours.gexf", "{http://gexf.net/1.3}edge") == G.number_of_edges())
    graphml = _file(out / "ours.graphml", lambda s: write_graphml(G, s))
    result["gexf"], result["graphml"] = {"ours": gexf}, {"ours": graphml}
    if ctx.options.n <= NETWORKX_MAX:
        H = _plain(G)
        result["gexf"]["networkx"] = _file(out / "nx.gexf", lambda s: nx.write_gexf(H, s))
        result["graphml"]["networkx"] = _file(out / "nx.graphml", lambda s: nx.write_graphml(H, s))
        del H
    turtle = _file(out / "ours.ttl", lambda s: write(store, ExportFormat.TURTLE, s))
    triples = (q.triple for q in ox.parse(path=str(ctx.nquads), format=ox.RdfFormat.N_QUADS))
    baseline = _file(out / "pyoxigraph.ttl",
                     lambda s: ox.serialize(triples, s, format=ox.RdfFormat.TURTLE))
    result["turtle"] = {"ours": turtle, "pyoxigraph_from_file": baseline,
                        "ratio": turtle["p50_s"] / baseline["p50_s"]}
    for path in out.iterdir():
        path.unlink()
    return result
