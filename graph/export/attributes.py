"""The attributes of networkx graphs as the network writers (GraphML, GEXF, CSV) see them.

Each writer takes any networkx graph whose attribute values are plain ``str``, ``int``, ``float``
or ``bool`` (``None`` counts as absent). Conventions the writers share:

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

import functools
import math
import numbers
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import NamedTuple, Protocol

import networkx as nx
from lxml import etree

from graph import checks
from graph.errors import InvalidOption

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")
_NOT_NAME = re.compile(r"[^A-Za-z0-9._:-]")
_INT32 = range(-(2**31), 2**31)
_EXACT_TYPES = {str: "string", int: "int", float: "double", bool: "boolean"}
EDGE_FIELDS = ("label", "weight", "kind")



def clean(text: str) -> str:
    """``text`` with every control character replaced by a space.

    >>> clean("a\\tb\\x00c")
    'a b c'
    """
    # Nearly all text is printable, and no printable character is one _CONTROL matches;
    # isprintable() is several times faster than a regex search that finds nothing.
    return text if text.isprintable() else _CONTROL.sub(" ", text)


@functools.lru_cache(maxsize=4096)  # the same few kinds and labels recur on many edges
def token(text: str) -> str:
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
    ... # doctest: +NORMALIZE_WHITESPACE
    [Column(name='x', key='x', type='double'), Column(name='y', key='y', type='string'),
     Column(name='n m', key='n_m', type='boolean')]
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
    pairs = dict.fromkeys(pair for names, classes in shapes for pair in zip(names, classes, strict=True))
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


def edge_weight(data: Mapping[str, object], where: str) -> float | None:
    weight = data.get("weight")
    if weight is None:
        return None
    if isinstance(weight, bool) or not isinstance(weight, numbers.Real):
        raise TypeError(f"{where}: weight {weight!r} is not a number")
    if weight == 0:
        raise ValueError(f"{where} has weight 0, which Gephi drops; give it a non-zero weight "
                         "or leave the edge out")
    return float(weight)


def edge_date(value: object, where: str) -> str | None:
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
    multigraph = isinstance(G, nx.MultiGraph)
    keys = [str(key) for _, _, key in G.edges(keys=True)] if isinstance(G, nx.MultiGraph) else []
    usable = multigraph and len(set(keys)) == len(keys) and all(map(_NMTOKEN.fullmatch, keys))
    directed = G.is_directed()
    seen: dict[tuple[object, ...], int] = {}
    for i, (u, v, data) in enumerate(G.edges(data=True)):  # in the order of G.edges(keys=True)
        kind = token(str(data.get("kind") or ""))
        group = (u, v, kind) if directed else (*sorted((u, v), key=str), kind)
        count = seen[group] = seen.get(group, 0) + 1
        yield Edge(keys[i] if usable else f"e{i}", u, v, data,
                   kind if count == 1 else f"{kind}#{count}")


def node_ids(G: nx.Graph) -> tuple[dict[object, str], bool]:
    """GraphML ids: the nodes as strings when these are unique name tokens, else ``n0`` ..."""
    ids = {n: str(n) for n in G}
    if len(set(ids.values())) == len(ids) and all(_NMTOKEN.fullmatch(i) for i in ids.values()):
        return ids, False
    return {n: f"n{i}" for i, n in enumerate(G)}, True


def graph_attributes(G: nx.Graph) -> dict[str, object]:
    return {k: v for k, v in G.graph.items() if v is not None}


class XmlWriter(Protocol):
    """What the writers use of the incremental writer that ``etree.xmlfile`` opens."""

    def element(self, tag: str, attrib: Mapping[str, str] | None = None) -> AbstractContextManager[None]: ...
    def write(self, *args: str | etree._Element) -> None: ...


def leaf(xf: XmlWriter, tag: str, attrib: Mapping[str, str]) -> None:
    with xf.element(tag, dict(attrib)):
        pass


# --- GraphML ------------------------------------------------------------------
