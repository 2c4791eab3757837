"""Pictures of a network for reports: PNG or SVG drawn with matplotlib, in the GEXF's colours.

Nodes are coloured by ``type`` and sized by degree, edges coloured by the sign of ``polarity``
(or ``weight``), all from :mod:`graph.export.palette`, so a picture and the same graph opened in Gephi
look alike. Works on the stance graph and on any networkx graph with such attributes (the
discourse networks). The layout is seeded, so the same graph gives the same picture.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from graph.export import palette
from graph.errors import UnsupportedFormat

FORMATS: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
"""The picture formats and their media types."""

_SIZE_SCALE = 2.0  # points² per palette size unit², so a degree-1 node is about 15 pt across
_LABEL_LIFT = 0.03  # labels sit this far above their node, in layout units (the layout spans ±1)


def _legend(G: nx.Graph) -> list[Line2D]:
    types = {str(data.get("type", "")) for _, data in G.nodes(data=True)}
    signs = {palette.edge_sign(data) for *_, data in G.edges(data=True)}
    handles = [
        Line2D([], [], linestyle="", marker="o", markersize=9, label=name,
               markerfacecolor=palette.hex_color(rgb), markeredgecolor="white")
        for name, rgb in palette.NODE_COLORS.items() if name in types
    ]
    meanings = G.graph.get("edge_meanings", palette.EDGE_MEANINGS)
    handles += [
        Line2D([], [], color=palette.hex_color(palette.EDGE_COLORS[sign]), linewidth=2,
               label=meanings[sign])
        for sign in (1, -1, 0) if sign in signs
    ]
    return handles


def _layout(G: nx.Graph, seed: int) -> dict[object, np.ndarray]:
    """Kamada-Kawai on the undirected simple graph, started from a seeded spring layout: it
    keeps tied nodes close without letting them overlap. Weights are ignored: they are signed."""
    U: nx.Graph = nx.Graph(G.to_undirected(as_view=True))
    start = nx.spring_layout(U, seed=seed, weight=None)
    return nx.kamada_kawai_layout(U, pos=start, weight=None)


def _labels(G: nx.Graph) -> Mapping[object, str]:
    return {n: str(data.get("label", n)) for n, data in G.nodes(data=True)}


def draw(G: nx.Graph, out: BinaryIO, fmt: str = "png", *, title: str | None = None,
         seed: int = 7) -> None:
    """Draw ``G`` to ``out`` as ``fmt`` (``png`` or ``svg``), isolated nodes left out.

    Parameters
    ----------
    G
        The network: node attributes ``label`` and ``type``, edge attributes ``polarity`` or
        ``weight`` (all optional); the graph attribute ``edge_meanings`` may rename the legend of
        edge signs.
    out
        A binary stream.
    fmt
        ``png`` (150 dpi) or ``svg``.
    title
        Printed above the drawing; by default the graph's ``description``.
    seed
        Seed of the spring layout.

    Raises
    ------
    UnsupportedFormat
        ``fmt`` is not png or svg.

    Examples
    --------
    >>> import io
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("pl", label="Poland", type="State")
    >>> _ = G.add_edge("pl", "troops", polarity=-1)
    >>> buffer = io.BytesIO()
    >>> draw(G, buffer, "svg")
    >>> b"Poland" in buffer.getvalue()
    True
    """
    if fmt not in FORMATS:
        raise UnsupportedFormat(f"no picture format {fmt!r}; choose one of {', '.join(FORMATS)}")
    H = G.subgraph([n for n in G if G.degree(n) > 0])
    fig = Figure(figsize=(14, 10), layout="constrained")
    ax = fig.subplots()
    ax.set_axis_off()
    ax.set_title(title if title is not None else str(G.graph.get("description", "")), loc="left")
    if H.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no edges to draw", ha="center", va="center", transform=ax.transAxes)
    else:
        pos = _layout(H, seed)
        sizes = [_SIZE_SCALE * palette.node_size(H.degree(n)) ** 2 for n in H]
        # arrows and curved parallel edges only for directed stance graphs
        arrows = {"arrows": True, "arrowsize": 9, "connectionstyle": "arc3,rad=0.08"} \
            if H.is_directed() else {"arrows": False}
        nx.draw_networkx_edges(
            H, pos, ax=ax, node_size=sizes, width=1.1, alpha=0.8,
            edge_color=[palette.hex_color(palette.edge_color(d)) for *_, d in H.edges(data=True)],
            **arrows)
        nx.draw_networkx_nodes(
            H, pos, ax=ax, node_size=sizes, edgecolors="white", linewidths=0.8,
            node_color=[palette.hex_color(palette.node_color(d)) for _, d in H.nodes(data=True)])
        above = {n: (x, y + _LABEL_LIFT) for n, (x, y) in pos.items()}
        nx.draw_networkx_labels(H, above, labels=_labels(H), ax=ax, font_size=7,
                                verticalalignment="bottom")
        ax.legend(handles=_legend(H), loc="lower left", fontsize=8, frameon=False)
    # A fixed hash salt and no date make the SVG the same bytes for the same graph.
    with matplotlib.rc_context({"svg.hashsalt": "stancegraph"}):
        fig.savefig(out, format=fmt, dpi=150,
                    metadata={"Date": None} if fmt == "svg" else {"Software": "stancegraph"})
