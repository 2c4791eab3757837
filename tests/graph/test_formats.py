"""The format registry: one entry per format, found by media type or alias, read by every table."""

from __future__ import annotations

import pytest

from api.negotiation import RDF_FORMATS
from graph import formats
from graph.errors import UnsupportedFormat
from graph.export import ExportFormat
from graph.formats import Kind


def test_names_and_media_types_are_unique() -> None:
    assert len({f.name for f in formats.FORMATS}) == len(formats.FORMATS)
    media_types = [m for f in formats.FORMATS for m in f.media_types]
    assert len(set(media_types)) == len(media_types)


def test_an_alias_finds_its_format() -> None:
    assert formats.by_media_type("application/json") is formats.SPARQL_JSON
    assert formats.by_media_type("application/json").media_type == "application/sparql-results+json"
    assert formats.by_media_type("text/turtle", Kind.GRAPH, Kind.DATASET) is formats.TURTLE


def test_an_unknown_or_misplaced_media_type_is_refused() -> None:
    with pytest.raises(UnsupportedFormat, match="no format has the media type text/html"):
        formats.by_media_type("text/html")
    with pytest.raises(UnsupportedFormat, match="no graph or dataset format has the media type text/csv"):
        formats.by_media_type("text/csv", Kind.GRAPH, Kind.DATASET)


def test_only_json_and_xml_results_hold_a_boolean() -> None:
    assert [f.name for f in formats.of_kind(Kind.RESULTS) if f.boolean] == ["sparql-json", "sparql-xml"]


def test_the_export_and_negotiation_tables_read_the_registry() -> None:
    for fmt in ExportFormat:
        entry = next(f for f in formats.FORMATS if f.name == fmt.value)
        assert (fmt.media_type, fmt.extension) == (entry.media_type, entry.extension)
        assert entry.kind in (Kind.GRAPH, Kind.DATASET, Kind.NETWORK)
    assert set(RDF_FORMATS) == {f.media_type for f in formats.of_kind(Kind.GRAPH)}
