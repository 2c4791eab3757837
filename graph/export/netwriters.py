"""Writers of networkx graphs for Gephi, Gephi Lite, igraph, R and visone.

Each writer takes any networkx graph whose attribute values are plain ``str``, ``int``, ``float``
or ``bool`` (``None`` counts as absent) and writes bytes to a binary stream. XML is written
element by element with lxml's incremental writer, never built as a document tree in memory.

Conventions the writers share:

- Control characters in strings become spaces (one for one, so quote offsets stay true);
  labels and edge kinds are also whitespace-collapsed.
- Edge ids are the multigraph keys when they are unique, valid XML name tokens, else
  ``e0``, ``e1`` ...
- An edge's ``label``, ``weight`` and ``kind`` attributes fill the formats' own fields.
  Gephi merges parallel edges of equal kind and drops edges of weight 0, so the GEXF and CSV
  writers number repeated kinds between the same nodes (``discusses``, ``discusses#2``) and
  refuse a weight of 0.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import numbers
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, NamedTuple

import networkx as nx
from lxml import etree

from graph import checks
from graph.errors import InvalidOption
from graph.export import palette

__all__ = ["clean", "write_csv", "write_csv_zip", "write_gexf", "write_graphml", "write_matrix"]

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")
_NOT_NAME = re.compile(r"[^A-Za-z0-9._:-]")
_VIZ_COLOR = f"{{{VIZ_NS}}}color"
_VIZ_SIZE = f"{{{VIZ_NS}}}size"
_INT32 = range(-(2**31), 2**31)
_EXACT_TYPES = {str: "string", int: "int", float: "double", bool: "boolean"}
_GEXF_TYPES = {"boolean": "boolean", "int": "integer", "long": "long", "double": "double",
               "string": "string"}
_EDGE_FIELDS = ("label", "weight", "kind")
_SHARED_VALUES = 256
_CSV_NODE_COLUMNS = ("Id", "Label")
_CSV_EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight", "Kind")


def clean(text: str) -> str:
    """``text`` with every control character replaced by a space.

    >>> clean("a\\tb\\x00c")
    'a b c'
    """
    # Nearly all text is printable, and no printable character is one _CONTROL matches;
    # isprintable() is several times faster than a regex search that finds nothing.
    return text if text.isprintable() else _CONTROL.sub(" ", text)


@functools.lru_cache(maxsize=4096)  # the same few kinds and labels recur on many edges
def _token(text: str) -> str:
    return " ".join(clean(text).split())


@dataclass(frozen=True)
class Column:
    """One attribute of nodes, edges or the graph: its name in the graph, its XML-safe name
    and its GraphML type (``boolean``, ``int``, ``long``, ``double`` or ``string``)."""

    name: str
    key: str
    type: str


class Edge(NamedTuple):
    """An edge as written: its id, end points, attributes and the kind that keeps it apart.

    A named tuple, not a frozen dataclass: it is built once per edge, and a frozen
    dataclass takes several times longer to build."""

    id: str
    source: object
    target: object
    data: Mapping[str, object]
    kind: str


def _type_of(value: object) -> str | None:
    """The GraphML type of a scalar, None for anything else."""
    exact = _EXACT_TYPES.get(type(value))  # the common cases, before slow checks against ABCs
    if exact == "int":
        return "int" if value in _INT32 else "long"
    if exact is not None:
        return exact
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, numbers.Integral):
        return "int" if int(value) in _INT32 else "long"
    if isinstance(value, numbers.Real):
        return "double"
    if isinstance(value, str):
        return "string"
    return None


def _widen(a: str, b: str) -> str:
    if a == b:
        return a
    if {a, b} <= {"int", "long"}:
        return "long"
    if {a, b} <= {"int", "long", "double"}:
        return "double"
    return "string"


def columns(records: Iterable[tuple[str, Mapping[str, object]]],
            skip: Iterable[str] = ()) -> list[Column]:
    """The typed columns of ``records`` (``(where, attributes)`` pairs), in order of appearance.

    A name used with several types gets the widest (int < long < double < string). Names are
    made XML name tokens (other characters become ``_``).

    Raises
    ------
    TypeError
        A value is not a str, int, float, bool or None; ``where`` names its node or edge.
    ValueError
        Two names become the same XML name token.

    Examples
    --------
    >>> columns([("node 'a'", {"x": 1, "y": "z"}), ("node 'b'", {"x": 2.5, "n m": True})])
    [Column(name='x', key='x', type='double'), Column(name='y', key='y', type='string'), Column(name='n m', key='n_m', type='boolean')]
    """
    ignored = set(skip)
    wheres: list[str] = []
    datas: list[Mapping[str, object]] = []
    for where, data in records:  # two lists, not a pair per record for the garbage collector
        wheres.append(where)
        datas.append(data)
    # Records mostly share their names and value classes, so each distinct (name, class) pair
    # is typed once. The pairs come in order of first appearance, as the columns must.
    shapes = dict.fromkeys((tuple(data), tuple(map(type, data.values()))) for data in datas)
    pairs = dict.fromkeys(pair for names, classes in shapes for pair in zip(names, classes))
    types: dict[str, str] = {}
    for name, cls in pairs:
        if cls is type(None) or name in ignored:
            continue
        for kind in _kinds(datas, name, cls):  # _widen's result is the same in any order
            if kind is None:
                raise _not_scalar(wheres, datas, name, cls)
            types[name] = _widen(types[name], kind) if name in types else kind
    result = [Column(name, _NOT_NAME.sub("_", str(name)) or "_", kind) for name, kind in types.items()]
    clashes = [key for key, n in Counter(c.key for c in result).items() if n > 1]
    if clashes:
        raise ValueError(f"attribute names clash once made XML names: {', '.join(clashes)}")
    return result


def _kinds(datas: list[Mapping[str, object]], name: str, cls: type) -> set[str | None]:
    """The GraphML types of the values of class ``cls`` named ``name`` (None: not a scalar)."""
    exact = _EXACT_TYPES.get(cls)
    if exact is not None and exact != "int":  # an int's size decides between int and long
        return {exact}
    return {_type_of(value) for data in datas if type(value := data.get(name)) is cls}


def _not_scalar(wheres: list[str], datas: list[Mapping[str, object]], name: str,
                cls: type) -> TypeError:
    """The error for the first value of class ``cls`` named ``name``, which is not a scalar.

    Whether a value is a scalar depends on its class alone, and the columns meet the pairs of
    name and class in order of appearance, so this is the first non-scalar of all."""
    first = next(i for i, data in enumerate(datas) if type(data.get(name)) is cls)
    return TypeError(f"{wheres[first]}: attribute {name!r} is a {cls.__name__}; exports "
                     "take str, int, float or bool")


def text(value: object) -> str:
    """The lexical form of a scalar in XML Schema terms (``true``, ``INF``, ``2.5``, cleaned text).

    >>> text(True), text(3), text(float("-inf")), text(0.1), text("a\\nb")
    ('true', '3', '-INF', '0.1', 'a b')
    """
    if type(value) is str:  # the common cases first: checks against numbers' ABCs are slow
        return clean(value)
    if type(value) is int:
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "INF" if number > 0 else "-INF"
        return repr(number)
    return clean(str(value))


def _weight(data: Mapping[str, object], where: str) -> float | None:
    weight = data.get("weight")
    if weight is None:
        return None
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        raise TypeError(f"{where}: weight {weight!r} is not a number")
    if weight == 0:
        raise ValueError(f"{where} has weight 0, which Gephi drops; give it a non-zero weight "
                         "or leave the edge out")
    return float(weight)


def _date(value: object, where: str) -> str | None:
    if value is None or value == "":
        return None
    text = str(value)
    return text if _is_date(text) else checks.iso_date(text, f"{where}: date")


@functools.lru_cache(maxsize=4096)  # a graph has far fewer dates than nodes and edges
def _is_date(text: str) -> bool:
    try:
        checks.iso_date(text)
    except InvalidOption:
        return False
    return True


def edges(G: nx.Graph) -> Iterator[Edge]:
    """The edges of ``G`` with unique ids and kinds that keep parallel edges apart.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="s1", kind="offers")
    >>> _ = G.add_edge("a", "b", key="s2", kind="offers")
    >>> [(e.id, e.kind) for e in edges(G)]
    [('s1', 'offers'), ('s2', 'offers#2')]
    """
    multigraph = G.is_multigraph()
    keys = [str(key) for _, _, key in G.edges(keys=True)] if multigraph else []
    usable = multigraph and len(set(keys)) == len(keys) and all(map(_NMTOKEN.fullmatch, keys))
    directed = G.is_directed()
    seen: dict[tuple[object, ...], int] = {}
    for i, (u, v, data) in enumerate(G.edges(data=True)):  # in the order of G.edges(keys=True)
        kind = _token(str(data.get("kind") or ""))
        group = (u, v, kind) if directed else (*sorted((u, v), key=str), kind)
        count = seen[group] = seen.get(group, 0) + 1
        yield Edge(keys[i] if usable else f"e{i}", u, v, data,
                   kind if count == 1 else f"{kind}#{count}")


def _node_ids(G: nx.Graph) -> tuple[dict[object, str], bool]:
    """GraphML ids: the nodes as strings when these are unique name tokens, else ``n0`` ..."""
    ids = {n: str(n) for n in G}
    if len(set(ids.values())) == len(ids) and all(_NMTOKEN.fullmatch(i) for i in ids.values()):
        return ids, False
    return {n: f"n{i}" for i, n in enumerate(G)}, True


def _graph_attrs(G: nx.Graph) -> dict[str, object]:
    return {k: v for k, v in G.graph.items() if v is not None}


def _leaf(xf: etree.xmlfile, tag: str, attrib: Mapping[str, str]) -> None:
    with xf.element(tag, dict(attrib)):
        pass


# --- GraphML ------------------------------------------------------------------

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
    >>> buffer = io.BytesIO()
    >>> write_graphml(G, buffer)
    >>> b'<key id="edge_weight" for="edge" attr.name="weight" attr.type="double"' in buffer.getvalue()
    True
    """
    node_ids, renamed = _node_ids(G)
    node_data = {n: ({**d, "original_id": str(n)} if renamed else d) for n, d in G.nodes(data=True)}
    if renamed and any("original_id" in d for _, d in G.nodes(data=True)):
        raise ValueError("nodes need GraphML ids and their names a place, but 'original_id' is taken")
    graph_columns = columns([("the graph", _graph_attrs(G))])
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
                    _leaf(xf, "key", {"id": f"{domain}_{c.key}", "for": domain,
                                      "attr.name": c.key, "attr.type": c.type})
            edgedefault = "directed" if G.is_directed() else "undirected"
            with xf.element("graph", {"id": "G", "edgedefault": edgedefault}):
                _write_data(xf, _data_leaves("graph", graph_columns), _graph_attrs(G))
                node_leaves = _data_leaves("node", node_columns)
                for n, data in node_data.items():
                    with xf.element("node", {"id": node_ids[n]}):
                        _write_data(xf, node_leaves, data)
                edge_leaves = _data_leaves("edge", edge_columns)
                for e in edge_list:
                    ends = {"id": e.id, "source": node_ids[e.source], "target": node_ids[e.target]}
                    with xf.element("edge", ends):
                        _write_data(xf, edge_leaves, e.data)


def _data_leaves(domain: str, cols: list[Column]) -> list[tuple[str, etree._Element]]:
    """Each column's attribute name and the one ``<data>`` element that carries its values
    (see :func:`_write_data`)."""
    return [(c.name, etree.Element("data", {"key": f"{domain}_{c.key}"})) for c in cols]


def _write_data(xf: etree.xmlfile, leaves: list[tuple[str, etree._Element]],
                data: Mapping[str, object]) -> None:
    # Each column's element is refilled and written again: lxml writes an element that exists
    # in less than half the time it takes to open and close one, or to build a new one.
    filled = []
    for name, leaf in leaves:
        value = data.get(name)
        if value is not None:
            leaf.text = text(value)
            filled.append(leaf)
    xf.write(*filled)


# --- GEXF ---------------------------------------------------------------------

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
    >>> buffer = io.BytesIO()
    >>> write_gexf(G, buffer, dynamic=True)
    >>> b'kind="rules-out"' in buffer.getvalue() and b'timeformat="date"' in buffer.getvalue()
    True
    """
    edge_list = list(edges(G))
    node_columns = columns(((f"node {n!r}", d) for n, d in G.nodes(data=True)), skip=("label",))
    edge_columns = columns(((f"edge {e.id!r}", e.data) for e in edge_list), skip=_EDGE_FIELDS)
    weights = [_weight(e.data, f"edge {e.id!r}") for e in edge_list]
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
                            _leaf(xf, "attribute",
                                  {"id": c.key, "title": c.key, "type": _GEXF_TYPES[c.type]})
                with xf.element("nodes", {"count": str(G.number_of_nodes())}):
                    node_attvalues = [_Attvalues(c) for c in node_columns]
                    for n, data in G.nodes(data=True):
                        attrib = {"id": ids[n], "label": _token(str(data.get("label", n)))}
                        if n in node_starts:
                            attrib["start"] = node_starts[n]
                        with xf.element("node", attrib):
                            _write_attvalues(xf, node_attvalues, data)
                            _write_color(xf, palette.node_color(data))
                            _leaf(xf, _VIZ_SIZE, {"value": text(palette.node_size(G.degree(n)))})
                with xf.element("edges", {"count": str(len(edge_list))}):
                    edge_attvalues = [_Attvalues(c) for c in edge_columns]
                    for e, weight, start in zip(edge_list, weights, edge_starts, strict=True):
                        with xf.element("edge", _edge_header(e, ids, weight, start)):
                            _write_attvalues(xf, edge_attvalues, e.data)
                            _write_color(xf, palette.edge_color(e.data))


def _starts(G: nx.Graph, edge_list: list[Edge]) -> tuple[dict[object, str], list[str | None]]:
    """When each node and each edge enters a dynamic graph; nodes and edges without a date
    (and nodes without dated edges) are there all the time."""
    edge_starts = [_date(e.data.get("date"), f"edge {e.id!r}") for e in edge_list]
    node_starts = {n: _date(d.get("date"), f"node {n!r}") for n, d in G.nodes(data=True)}
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
        header["label"] = _token(str(label))
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


def _write_attvalues(xf: etree.xmlfile, attvalues: list[_Attvalues],
                     data: Mapping[str, object]) -> None:
    filled = [a.element(text(value)) for a in attvalues if (value := data.get(a.name)) is not None]
    if filled:
        with xf.element("attvalues"):
            xf.write(*filled)


def _write_color(xf: etree.xmlfile, rgb: palette.RGB) -> None:
    with xf.element(_VIZ_COLOR, _color_attrib(rgb)):
        pass


@functools.cache  # a handful of colours, one per node type and edge sign
def _color_attrib(rgb: palette.RGB) -> dict[str, str]:
    return dict(zip("rgb", map(str, rgb), strict=True))


# --- CSV ----------------------------------------------------------------------

def write_csv(G: nx.Graph, nodes: BinaryIO, edges_out: BinaryIO) -> None:
    """Write ``G`` as the two tables of Gephi's spreadsheet import, UTF-8 CSV.

    Nodes: ``Id, Label`` and one column per attribute. Edges: ``Source, Target, Type, Id,
    Label, Weight, Kind`` and one column per attribute. An attribute whose name Gephi reads as
    one of these columns (``source``, ``type``, ``id`` ...; any case) gets the suffix ``_attr``.

    Raises
    ------
    TypeError, ValueError
        As :func:`write_gexf`: a non-scalar value, a weight of 0.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_edge("a", "b", source="report", weight=2)
    >>> n, e = io.BytesIO(), io.BytesIO()
    >>> write_csv(G, n, e)
    >>> e.getvalue().decode().splitlines()
    ['Source,Target,Type,Id,Label,Weight,Kind,source_attr', 'a,b,Directed,e0,,2.0,,report']
    """
    node_columns = columns(((f"node {n!r}", d) for n, d in G.nodes(data=True)), skip=("label",))
    edge_list = list(edges(G))
    edge_columns = columns(((f"edge {e.id!r}", e.data) for e in edge_list), skip=_EDGE_FIELDS)
    direction = "Directed" if G.is_directed() else "Undirected"
    with _csv_writer(nodes) as table:
        table.writerow([*_CSV_NODE_COLUMNS, *_csv_names(node_columns, _CSV_NODE_COLUMNS)])
        for n, data in G.nodes(data=True):
            table.writerow([clean(str(n)), _token(str(data.get("label", n))),
                            *_csv_values(node_columns, data)])
    with _csv_writer(edges_out) as table:
        table.writerow([*_CSV_EDGE_COLUMNS, *_csv_names(edge_columns, _CSV_EDGE_COLUMNS)])
        for e in edge_list:
            weight = _weight(e.data, f"edge {e.id!r}")
            label = e.data.get("label")
            table.writerow([clean(str(e.source)), clean(str(e.target)), direction, e.id,
                            "" if label is None else _token(str(label)),
                            "" if weight is None else text(weight), e.kind,
                            *_csv_values(edge_columns, e.data)])


def write_csv_zip(G: nx.Graph, out: BinaryIO) -> None:
    """Write the two tables of :func:`write_csv` as ``nodes.csv`` and ``edges.csv`` in a zip.

    The archive's time stamps are fixed, so the same graph gives the same bytes.
    """
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        buffers = {"nodes.csv": io.BytesIO(), "edges.csv": io.BytesIO()}
        write_csv(G, buffers["nodes.csv"], buffers["edges.csv"])
        for name, buffer in buffers.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def write_matrix(rows: Sequence[str], columns: Sequence[str],
                 values: Iterable[Iterable[float]], out: BinaryIO) -> None:
    """Write a labelled matrix as CSV for R (``read.csv(row.names = 1)``) and visone: the
    column names head the first row, each row starts with its name.

    Discourse networks pass their labels and dense matrix.

    Raises
    ------
    ValueError
        A row of ``values`` does not have one cell per column, or there are more rows than names.

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> write_matrix(["Poland", "Italy"], ["troops"], [[-1], [0.5]], buffer)
    >>> buffer.getvalue().decode().splitlines()
    [',troops', 'Poland,-1', 'Italy,0.5']
    """
    with _csv_writer(out) as table:
        table.writerow(["", *(clean(str(c)) for c in columns)])
        for name, row in zip(rows, values, strict=True):
            cells = [text(_plain_number(x)) for x in row]
            if len(cells) != len(columns):
                raise ValueError(f"row {name!r} has {len(cells)} cells for {len(columns)} columns")
            table.writerow([clean(str(name)), *cells])


def _plain_number(value: float) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


@contextmanager
def _csv_writer(out: BinaryIO) -> Iterator[Any]:
    stream = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        yield csv.writer(stream, lineterminator="\n")
    finally:
        stream.flush()
        stream.detach()


def _csv_names(cols: list[Column], reserved: tuple[str, ...]) -> list[str]:
    taken = {name.casefold() for name in reserved}
    return [f"{c.key}_attr" if c.key.casefold() in taken else c.key for c in cols]


def _csv_values(cols: list[Column], data: Mapping[str, object]) -> list[str]:
    return ["" if data.get(c.name) is None else text(data[c.name]) for c in cols]
