"""GEXF 1.3 for Gephi and Gephi Lite, with colours, sizes and (optionally) a timeline, written
element by element with lxml's incremental writer (never a document tree in memory)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import BinaryIO

import networkx as nx
from lxml import etree

from graph.export import palette
from graph.export.attributes import (
    EDGE_FIELDS, Column, Edge, XmlWriter, clean, columns, edge_date, edge_weight, edges, leaf, text, token,
)

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
_VIZ_COLOR = f"{{{VIZ_NS}}}color"
_VIZ_SIZE = f"{{{VIZ_NS}}}size"
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "long": "long", "double": "double",
               "string": "string"}
_SHARED_VALUES = 256


def write_gexf(G: nx.Graph, out: BinaryIO, *, dynamic: bool = False) -> None:
    """Write ``G`` as GEXF 1.3 for Gephi and Gephi Lite.

    One typed ``<attributes>`` block per class; node labels from ``label`` (else the id);
    edge ``label``, ``weight`` and ``kind`` from those attributes, every other attribute as an
    attribute value. ``viz`` colours come from :mod:`graph.export.palette` (nodes by ``type``, edges
    by the sign of ``polarity`` or ``weight``), node sizes from the degree. The graph's
    ``description`` goes into ``<meta>``.

    With ``dynamic``, the graph gets ``timeformat="date"`` and start and end from the
    ``date`` attributes (ISO dates; empty means timeless): an edge starts on its date, a node
    on its own date or else the first date of its edges, and stays to the end, so Gephi's
    Timeline plays the graph in time.

    Raises
    ------
    TypeError
        An attribute value is not a plain scalar, or a weight not a number.
    ValueError
        An edge has weight 0, a ``date`` is not an ISO date (with ``dynamic``), or attribute
        names clash once made XML names.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("pl", label="Poland", type="State")
    >>> _ = G.add_edge("pl", "troops", key="s1", kind="rules-out", weight=-1.0, date="2025-08-19")
    >>> import io
    >>> buffer = io.BytesIO()
    >>> write_gexf(G, buffer, dynamic=True)
    >>> b'kind="rules-out"' in buffer.getvalue() and b'timeformat="date"' in buffer.getvalue()
    True
    """
    edge_list = list(edges(G))
    node_columns = columns(((f"node {n!r}", d) for n, d in G.nodes(data=True)), skip=("label",))
    edge_columns = columns(((f"edge {e.id!r}", e.data) for e in edge_list), skip=EDGE_FIELDS)
    weights = [edge_weight(e.data, f"edge {e.id!r}") for e in edge_list]
    node_starts, edge_starts = _starts(G, edge_list) if dynamic else ({}, [None] * len(edge_list))
    days = sorted({*node_starts.values(), *filter(None, edge_starts)})
    ids = {n: clean(str(n)) for n in G}  # also the ends of every edge
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        # The root makes GEXF the default namespace, so the elements inside are written by local
        # name: lxml then skips a namespace lookup per element, seconds at a million elements.
        with xf.element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"},
                        nsmap={None: GEXF_NS, "viz": VIZ_NS}):
            with xf.element("meta"):
                with xf.element("creator"):
                    xf.write("stancegraph")
                if G.graph.get("description"):
                    with xf.element("description"):
                        xf.write(clean(str(G.graph["description"])))
            with xf.element("graph", _graph_header(G, dynamic, days)):
                for cls, cols in (("node", node_columns), ("edge", edge_columns)):
                    with xf.element("attributes", {"class": cls}):
                        for c in cols:
                            leaf(xf, "attribute",
                                  {"id": c.key, "title": c.key, "type": _GEXF_TYPES[c.type]})
                with xf.element("nodes", {"count": str(G.number_of_nodes())}):
                    node_attvalues = [_Attvalues(c) for c in node_columns]
                    for n, data in G.nodes(data=True):
                        attrib = {"id": ids[n], "label": token(str(data.get("label", n)))}
                        if n in node_starts:
                            attrib["start"] = node_starts[n]
                        with xf.element("node", attrib):
                            _write_attvalues(xf, node_attvalues, data)
                            _write_color(xf, palette.node_color(data))
                            leaf(xf, _VIZ_SIZE, {"value": text(palette.node_size(G.degree(n)))})
                with xf.element("edges", {"count": str(len(edge_list))}):
                    edge_attvalues = [_Attvalues(c) for c in edge_columns]
                    for e, weight, start in zip(edge_list, weights, edge_starts, strict=True):
                        with xf.element("edge", _edge_header(e, ids, weight, start)):
                            _write_attvalues(xf, edge_attvalues, e.data)
                            _write_color(xf, palette.edge_color(e.data))


def _starts(G: nx.Graph, edge_list: list[Edge]) -> tuple[dict[object, str], list[str | None]]:
    """When each node and each edge enters a dynamic graph; nodes and edges without a date
    (and nodes without dated edges) are there all the time."""
    edge_starts = [edge_date(e.data.get("date"), f"edge {e.id!r}") for e in edge_list]
    node_starts = {n: edge_date(d.get("date"), f"node {n!r}") for n, d in G.nodes(data=True)}
    for e, start in zip(edge_list, edge_starts, strict=True):
        for end in (e.source, e.target):
            current = node_starts[end]
            if start and (current is None or start < current):
                node_starts[end] = start
    return {n: day for n, day in node_starts.items() if day}, edge_starts


def _graph_header(G: nx.Graph, dynamic: bool, days: list[str]) -> dict[str, str]:
    header = {"defaultedgetype": "directed" if G.is_directed() else "undirected",
              "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        header["timeformat"] = "date"
        if days:
            header["start"], header["end"] = days[0], days[-1]
    return header


def _edge_header(e: Edge, ids: Mapping[object, str], weight: float | None,
                 start: str | None) -> dict[str, str]:
    header = {"id": e.id, "source": ids[e.source], "target": ids[e.target]}
    label = e.data.get("label")
    if label is not None:
        header["label"] = token(str(label))
    if e.kind:
        header["kind"] = e.kind
    if weight is not None:
        header["weight"] = text(weight)
    if start:
        header["start"] = start
    return header


class _Attvalues:
    """The ``<attvalue>`` elements of one column, written again and again.

    lxml writes an element that exists in a third of the time it takes to open and close one,
    but setting an attribute takes as long again. So each of the column's first
    ``_SHARED_VALUES`` distinct values keeps an element of its own (kinds, families and labels
    fill most cells), and one more element is refilled for the other values."""

    def __init__(self, column: Column) -> None:
        self.name = column.name
        self._key = column.key
        self._shared: dict[str, etree._Element] = {}
        self._spare = self._new("")

    def _new(self, value: str) -> etree._Element:
        leaf = etree.Element("attvalue", {"for": self._key, "value": value})
        leaf.text = ""  # written <attvalue ...></attvalue> as by xf.element, not <attvalue .../>
        return leaf

    def element(self, value: str) -> etree._Element:
        """An ``<attvalue>`` of ``value``, to be written before the next call."""
        leaf = self._shared.get(value)
        if leaf is None:
            if len(self._shared) < _SHARED_VALUES:
                leaf = self._shared[value] = self._new(value)
            else:
                leaf = self._spare
                leaf.set("value", value)
        return leaf


def _write_attvalues(xf: XmlWriter, attvalues: list[_Attvalues],
                     data: Mapping[str, object]) -> None:
    filled = [a.element(text(value)) for a in attvalues if (value := data.get(a.name)) is not None]
    if filled:
        with xf.element("attvalues"):
            xf.write(*filled)


def _write_color(xf: XmlWriter, rgb: palette.RGB) -> None:
    with xf.element(_VIZ_COLOR, _color_attrib(rgb)):
        pass


@functools.cache  # a handful of colours, one per node type and edge sign
def _color_attrib(rgb: palette.RGB) -> dict[str, str]:
    return dict(zip("rgb", map(str, rgb), strict=True))
