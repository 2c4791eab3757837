"""GraphML for igraph, R, yEd and visone, written element by element with lxml's incremental
writer (never a document tree in memory)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import BinaryIO

import networkx as nx
from lxml import etree

from graph.export.attributes import (
    Column, XmlWriter, columns, edges, graph_attributes, leaf, node_ids, text,
)

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def write_graphml(G: nx.Graph, out: BinaryIO) -> None:
    """Write ``G`` as GraphML 1.0: typed keys named after the attributes, every attribute kept.

    Key ids are ``node_NAME``, ``edge_NAME`` and ``graph_NAME``, never networkx's ``d0`` ...,
    which Gephi mistakes for labels (``d3``, ``d7``); Gephi takes the keys named ``label`` and
    ``weight`` as labels and weights. When the nodes are not all unique XML name tokens, they
    get ids ``n0`` ... and their own name is kept in the attribute ``original_id``.

    Raises
    ------
    TypeError
        An attribute value is not a plain scalar.
    ValueError
        Attribute names clash once made XML names, or ``original_id`` is taken.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="s1", weight=-1.0, label="opposes")
    >>> import io
    >>> buffer = io.BytesIO()
    >>> write_graphml(G, buffer)
    >>> b'<key id="edge_weight" for="edge" attr.name="weight" attr.type="double"' in buffer.getvalue()
    True
    """
    ids, renamed = node_ids(G)
    node_data = {n: ({**d, "original_id": str(n)} if renamed else d) for n, d in G.nodes(data=True)}
    if renamed and any("original_id" in d for _, d in G.nodes(data=True)):
        raise ValueError("nodes need GraphML ids and their names a place, but 'original_id' is taken")
    graph_columns = columns([("the graph", graph_attributes(G))])
    node_columns = columns((f"node {n!r}", d) for n, d in node_data.items())
    edge_list = list(edges(G))
    edge_columns = columns((f"edge {e.id!r}", e.data) for e in edge_list)
    with etree.xmlfile(out, encoding="utf-8") as xf:
        xf.write_declaration()
        # As in write_gexf, the elements inside the root are written by local name in the default
        # namespace: the same bytes, without a namespace lookup per element.
        with xf.element(f"{{{GRAPHML_NS}}}graphml", nsmap={None: GRAPHML_NS}):
            for domain, cols in (("graph", graph_columns), ("node", node_columns),
                                 ("edge", edge_columns)):
                for c in cols:
                    leaf(xf, "key", {"id": f"{domain}_{c.key}", "for": domain,
                                      "attr.name": c.key, "attr.type": c.type})
            edgedefault = "directed" if G.is_directed() else "undirected"
            with xf.element("graph", {"id": "G", "edgedefault": edgedefault}):
                _write_data(xf, _data_leaves("graph", graph_columns), graph_attributes(G))
                node_leaves = _data_leaves("node", node_columns)
                for n, data in node_data.items():
                    with xf.element("node", {"id": ids[n]}):
                        _write_data(xf, node_leaves, data)
                edge_leaves = _data_leaves("edge", edge_columns)
                for e in edge_list:
                    ends = {"id": e.id, "source": ids[e.source], "target": ids[e.target]}
                    with xf.element("edge", ends):
                        _write_data(xf, edge_leaves, e.data)


def _data_leaves(domain: str, cols: list[Column]) -> list[tuple[str, etree._Element]]:
    """Each column's attribute name and the one ``<data>`` element that carries its values
    (see :func:`_write_data`)."""
    return [(c.name, etree.Element("data", {"key": f"{domain}_{c.key}"})) for c in cols]


def _write_data(xf: XmlWriter, leaves: list[tuple[str, etree._Element]],
                data: Mapping[str, object]) -> None:
    # Each column's element is refilled and written again: lxml writes an element that exists
    # in less than half the time it takes to open and close one, or to build a new one.
    filled = []
    for name, element in leaves:
        value = data.get(name)
        if value is not None:
            element.text = text(value)
            filled.append(element)
    xf.write(*filled)
