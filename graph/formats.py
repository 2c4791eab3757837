"""The formats stancegraph reads and writes: one registry, read by the store, the exports and the API.

Like pyoxigraph's ``RdfFormat``, each format has a name, its media types (the first is the
canonical one, the others are aliases clients send), a file extension and a kind: an RDF graph
serialisation, an RDF dataset serialisation (named graphs kept), a SPARQL query-results format,
or a network format for graph tools. Every media-type table in the project is built from here.

Examples
--------
>>> by_media_type("application/json").name, TURTLE.extension
('sparql-json', 'ttl')
>>> [f.name for f in of_kind(Kind.DATASET)]
['nquads', 'trig']
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from graph.errors import UnsupportedFormat


class Kind(Enum):
    """What a format holds."""

    GRAPH = "graph"
    """RDF triples (named graphs merged)."""
    DATASET = "dataset"
    """RDF quads, named graphs kept."""
    RESULTS = "results"
    """The solutions (or boolean) of a SPARQL SELECT or ASK query."""
    NETWORK = "network"
    """The stance graph for network tools."""


@dataclass(frozen=True)
class Format:
    """A format: ``name``, ``media_types`` (canonical first), ``extension`` (no dot), ``kind``;
    ``boolean`` for the query-results formats that can hold an ASK answer."""

    name: str
    media_types: tuple[str, ...]
    extension: str
    kind: Kind
    boolean: bool = False

    @property
    def media_type(self) -> str:
        """The canonical media type."""
        return self.media_types[0]


TURTLE = Format("turtle", ("text/turtle",), "ttl", Kind.GRAPH)
NTRIPLES = Format("ntriples", ("application/n-triples",), "nt", Kind.GRAPH)
NQUADS = Format("nquads", ("application/n-quads",), "nq", Kind.DATASET)
TRIG = Format("trig", ("application/trig",), "trig", Kind.DATASET)
JSONLD = Format("jsonld", ("application/ld+json",), "jsonld", Kind.GRAPH)
RDFXML = Format("rdfxml", ("application/rdf+xml",), "rdf", Kind.GRAPH)
GRAPHML = Format("graphml", ("application/graphml+xml",), "graphml", Kind.NETWORK)
GEXF = Format("gexf", ("application/gexf+xml",), "gexf", Kind.NETWORK)
CSV = Format("csv", ("application/zip",), "zip", Kind.NETWORK)
"""Two tables, nodes and edges, in a zip archive."""
SPARQL_JSON = Format("sparql-json", ("application/sparql-results+json", "application/json"), "srj",
                     Kind.RESULTS, boolean=True)
SPARQL_XML = Format("sparql-xml", ("application/sparql-results+xml",), "srx", Kind.RESULTS,
                    boolean=True)
SPARQL_CSV = Format("sparql-csv", ("text/csv",), "csv", Kind.RESULTS)
SPARQL_TSV = Format("sparql-tsv", ("text/tab-separated-values",), "tsv", Kind.RESULTS)

FORMATS = (TURTLE, NTRIPLES, NQUADS, TRIG, JSONLD, RDFXML, GRAPHML, GEXF, CSV,
           SPARQL_JSON, SPARQL_XML, SPARQL_CSV, SPARQL_TSV)
"""Every format, in the order they are offered (Turtle first, the default of RDF answers)."""


def of_kind(*kinds: Kind) -> tuple[Format, ...]:
    """The formats of ``kinds``, in registry order."""
    return tuple(f for f in FORMATS if f.kind in kinds)


def by_media_type(media_type: str, *kinds: Kind) -> Format:
    """The format with ``media_type`` (canonical or alias), among ``kinds`` when given.

    Raises
    ------
    UnsupportedFormat
        No such format.

    Examples
    --------
    >>> by_media_type("text/csv", Kind.NETWORK)
    Traceback (most recent call last):
    ...
    graph.errors.UnsupportedFormat: no network format has the media type text/csv
    """
    for f in of_kind(*kinds) if kinds else FORMATS:
        if media_type in f.media_types:
            return f
    what = " or ".join(kind.value for kind in kinds) + " format" if kinds else "format"
    raise UnsupportedFormat(f"no {what} has the media type {media_type}")
