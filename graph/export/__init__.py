"""Exports: the store in six RDF serialisations, the stance graph for Gephi and network tools.

RDF formats hold the whole store (N-Quads and TriG keep its named graphs, the others merge them);
network formats (GraphML, GEXF, CSV) hold the stance graph of :func:`graph.analysis.view.stance_graph`
for a :class:`~graph.analysis.view.ViewFilter`, with each edge's ``label`` (the relation's label),
``kind`` (the relation) and signed ``weight`` (+1 supports, -1 opposes, 0.5 for relations of
polarity 0, since Gephi drops edges of weight 0). CSV is two tables, ``nodes.csv`` and
``edges.csv``, in a zip archive (:func:`write_tables` writes them as files instead).

Examples
--------
>>> ExportFormat.parse("ttl"), ExportFormat.GEXF.media_type
(<ExportFormat.TURTLE: 'turtle'>, 'application/gexf+xml')
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import BinaryIO

import networkx as nx

from graph import formats
from graph.errors import NotFound, UnsupportedFormat
from graph.formats import Format
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.tables import write_csv, write_csv_zip, write_matrix
from graph.analysis.view import ViewFilter, stance_graph
from graph.store import Store
from graph.vocab import PREFIXES

__all__ = [
    "NETWORK_WRITERS", "NEUTRAL_WEIGHT", "RDF_WRITERS", "ExportFormat", "export", "network",
    "write", "write_csv", "write_csv_zip", "write_gexf", "write_graphml", "write_matrix",
    "write_tables",
]

NEUTRAL_WEIGHT = 0.5
"""The weight of an edge whose relation has polarity 0 (hesitant, neutral, background)."""


class ExportFormat(Enum):
    """A format stancegraph exports, with its media type and file extension (from :mod:`graph.formats`)."""

    media_type: str
    extension: str

    def __new__(cls, fmt: Format) -> ExportFormat:
        member = object.__new__(cls)
        member._value_ = fmt.name
        member.media_type = fmt.media_type
        member.extension = fmt.extension
        return member

    TURTLE = formats.TURTLE
    NTRIPLES = formats.NTRIPLES
    NQUADS = formats.NQUADS
    TRIG = formats.TRIG
    JSONLD = formats.JSONLD
    RDFXML = formats.RDFXML
    GRAPHML = formats.GRAPHML
    GEXF = formats.GEXF
    CSV = formats.CSV

    @classmethod
    def parse(cls, name: str) -> ExportFormat:
        """The format named ``name``: its name, file extension or media type, in any case.

        Raises
        ------
        UnsupportedFormat
            No format has that name; the message lists them.

        Examples
        --------
        >>> ExportFormat.parse("application/ld+json"), ExportFormat.parse("GraphML")
        (<ExportFormat.JSONLD: 'jsonld'>, <ExportFormat.GRAPHML: 'graphml'>)
        """
        wanted = name.strip().lower()
        for member in cls:
            if wanted in (member.value, member.extension, member.media_type):
                return member
        names = ", ".join(member.value for member in cls)
        raise UnsupportedFormat(f"no export format {name!r}; choose one of {names}")


# --- RDF ----------------------------------------------------------------------

# Oxigraph writes the RDF formats as the triples stream from the store (rdflib took minutes at
# 100,000 statements); rdflib still writes JSON-LD, which Oxigraph cannot compact to a context.
# Without the ``id`` prefix, IRIs under it stay whole instead of escaped (``id:actor\/ukraine``).
_PREFIXES = {prefix: namespace for prefix, namespace in PREFIXES.items() if prefix != "id"}


def _streamed(store: Store, out: BinaryIO, media_type: str) -> None:
    store.write(out, media_type, _PREFIXES)


def _jsonld(store: Store, out: BinaryIO) -> None:
    g = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True, replace=True)
    g.serialize(destination=out, format="json-ld", encoding="utf-8", context=PREFIXES,
                auto_compact=True)


RDF_WRITERS: dict[ExportFormat, Callable[[Store, BinaryIO], None]] = {
    fmt: _jsonld if fmt is ExportFormat.JSONLD else functools.partial(_streamed, media_type=fmt.media_type)
    for fmt in (ExportFormat.TURTLE, ExportFormat.NTRIPLES, ExportFormat.NQUADS, ExportFormat.TRIG,
                ExportFormat.JSONLD, ExportFormat.RDFXML)
}
"""One writer per RDF format: the whole store to a binary stream."""

NETWORK_WRITERS: dict[ExportFormat, Callable[[nx.Graph, BinaryIO], None]] = {
    ExportFormat.GRAPHML: write_graphml,
    ExportFormat.GEXF: write_gexf,
    ExportFormat.CSV: write_csv_zip,
}
"""One writer per network format: a networkx graph to a binary stream."""


# --- the stance graph ---------------------------------------------------------

def _check_sources(store: Store, view: ViewFilter) -> None:
    # dates and families are checked by the ViewFilter itself; sources need the store
    if view.sources:
        known = [str(row["id"]) for row in store.select(
            "SELECT ?id WHERE { ?s a sg:SourceDocument ; sg:slug ?id }")]
        for source in view.sources:
            if source not in known:
                raise NotFound.among("source", source, known)


def _describe(view: ViewFilter) -> str:
    parts = []
    if view.start or view.end:
        parts.append(f"dated {view.start or '…'} to {view.end or '…'}")
    if view.sources:
        parts.append(f"from {', '.join(view.sources)}")
    if view.families:
        parts.append(f"relations that {' or '.join(view.families)}")
    if view.fold_persons:
        parts.append("persons folded into whom they speak for")
    if view.hierarchy:
        parts.append("with the issue hierarchy")
    return "stancegraph stance graph" + (": statements " + "; ".join(parts) if parts else "")


def network(store: Store, view: ViewFilter = ViewFilter()) -> nx.MultiDiGraph:
    """The stance graph of ``view`` ready for export: edges with ``label``, ``kind``, ``weight``.

    Raises
    ------
    NotFound
        ``view`` names a source that is not in the store.
    """
    _check_sources(store, view)
    G = stance_graph(store, view)
    for _, _, data in G.edges(data=True):
        data["label"] = data["relation_label"]
        data["kind"] = data["relation"]
        data["weight"] = float(data["polarity"]) or NEUTRAL_WEIGHT
    G.graph["description"] = _describe(view)
    return G


# --- entry points -------------------------------------------------------------

def write(store: Store, fmt: ExportFormat | str, out: BinaryIO, view: ViewFilter = ViewFilter(),
          *, dynamic: bool = False) -> None:
    """Write the store (RDF formats) or the stance graph of ``view`` (network formats) to ``out``.

    ``dynamic`` writes a GEXF whose timeline follows the statements' dates.

    Raises
    ------
    UnsupportedFormat
        ``fmt`` is unknown, or filters or ``dynamic`` are asked of a format that cannot take them.
    NotFound, InvalidOption
        As :func:`network`.
    """
    fmt = fmt if isinstance(fmt, ExportFormat) else ExportFormat.parse(fmt)
    if dynamic and fmt is not ExportFormat.GEXF:
        raise UnsupportedFormat(f"only gexf has a dynamic mode, not {fmt.value}")
    if fmt in RDF_WRITERS:
        if view != ViewFilter():
            raise UnsupportedFormat(f"{fmt.value} exports the whole store; filters apply to the "
                                    "network formats (graphml, gexf, csv)")
        RDF_WRITERS[fmt](store, out)
        return
    writer = functools.partial(write_gexf, dynamic=True) if dynamic else NETWORK_WRITERS[fmt]
    writer(network(store, view), out)


def export(store: Store, fmt: ExportFormat | str, view: ViewFilter = ViewFilter(),
           *, dynamic: bool = False) -> bytes:
    """What :func:`write` writes, as bytes (for CSV, a zip of ``nodes.csv`` and ``edges.csv``).

    Examples
    --------
    >>> store = Store(None)
    >>> export(store, "nt")
    b''
    """
    buffer = io.BytesIO()
    write(store, fmt, buffer, view, dynamic=dynamic)
    return buffer.getvalue()


def write_tables(store: Store, directory: Path, view: ViewFilter = ViewFilter()) -> tuple[Path, Path]:
    """Write the stance graph of ``view`` as ``nodes.csv`` and ``edges.csv`` in ``directory``.

    Returns the two paths. Raises as :func:`network`.
    """
    G = network(store, view)
    directory.mkdir(parents=True, exist_ok=True)
    nodes, edges = directory / "nodes.csv", directory / "edges.csv"
    with nodes.open("wb") as node_file, edges.open("wb") as edge_file:
        write_csv(G, node_file, edge_file)
    return nodes, edges
