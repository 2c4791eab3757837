"""SHACL validation of stancegraph data with pyshacl, over the ontology plus the data."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from graph.errors import ShapeViolation
from graph.ingest.triples import ontology_graph
from graph.paths import SHAPES_FILE
from graph.vocab import SG, slug_of


@cache
def shapes_graph() -> Graph:
    """The SHACL shapes of ``ontology/shapes.ttl``, parsed once."""
    return Graph().parse(data=SHAPES_FILE.read_bytes(), format="turtle")


@cache
def _ontology() -> Graph:
    return ontology_graph()


def _describe(report: Graph, result: URIRef) -> str:
    focus = report.value(result, SH.focusNode)
    path = report.value(result, SH.resultPath)
    message = report.value(result, SH.resultMessage)
    value = report.value(result, SH.value)
    parts = [slug_of(str(focus)) if isinstance(focus, URIRef) else str(focus)]
    if path is not None:
        parts.append(report.namespace_manager.normalizeUri(path) if isinstance(path, URIRef)
                     else str(path))
    text = ": ".join(parts) + f": {message}"
    if value is not None and str(value) not in text:
        text += f" (value: {str(value)[:80]})"
    return text


def violations(data: Graph, focus: Iterable[URIRef] | None = None) -> list[str]:
    """The SHACL violations of ``data`` (with the ontology mixed in), one readable line each.

    With ``focus``, only those nodes are judged; the rest of ``data`` is context.
    An empty list means the data conform.
    """
    conforms, report, _ = shacl_validate(
        data + _ontology(), shacl_graph=shapes_graph(), inference="none", allow_warnings=True,
        focus_nodes=list(focus) if focus is not None else None,
    )
    if conforms:
        return []
    report.bind("sg", str(SG._NS))
    results = report.subjects(predicate=SH.resultSeverity, object=SH.Violation)
    return sorted(_describe(report, r) for r in results)


def check(data: Graph, focus: Iterable[URIRef] | None = None) -> None:
    """Raise ShapeViolation unless ``data`` (or its ``focus`` nodes) conform to the shapes."""
    found = violations(data, focus)
    if found:
        raise ShapeViolation(found)
