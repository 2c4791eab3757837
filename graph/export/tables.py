"""CSV tables for Gephi's spreadsheet import (nodes and edges, or both in a zip) and matrices."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, BinaryIO

import networkx as nx

from graph.export.attributes import (
    EDGE_FIELDS, Column, clean, columns, edge_weight, edges, text, token,
)

_CSV_NODE_COLUMNS = ("Id", "Label")
_CSV_EDGE_COLUMNS = ("Source", "Target", "Type", "Id", "Label", "Weight", "Kind")


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
    edge_columns = columns(((f"edge {e.id!r}", e.data) for e in edge_list), skip=EDGE_FIELDS)
    direction = "Directed" if G.is_directed() else "Undirected"
    with _csv_writer(nodes) as table:
        table.writerow([*_CSV_NODE_COLUMNS, *_csv_names(node_columns, _CSV_NODE_COLUMNS)])
        for n, data in G.nodes(data=True):
            table.writerow([clean(str(n)), token(str(data.get("label", n))),
                            *_csv_values(node_columns, data)])
    with _csv_writer(edges_out) as table:
        table.writerow([*_CSV_EDGE_COLUMNS, *_csv_names(edge_columns, _CSV_EDGE_COLUMNS)])
        for e in edge_list:
            weight = edge_weight(e.data, f"edge {e.id!r}")
            label = e.data.get("label")
            table.writerow([clean(str(e.source)), clean(str(e.target)), direction, e.id,
                            "" if label is None else token(str(label)),
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
