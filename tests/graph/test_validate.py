"""The SHACL shapes catch what the loader's record checks do not."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graph.errors import ShapeViolation
from graph.ingest.files import read_paths
from graph.shapes.validate import check, violations
from graph.vocab import SG, SKOS, XSD, actor_iri, issue_iri, statement_iri


@pytest.fixture
def mini_graph(mini_dir: Path) -> Graph:
    g = Graph()
    for file in read_paths([mini_dir]):
        for part in file.graphs.values():
            g += part
    return g


def test_mini_data_conform(mini_graph: Graph) -> None:
    assert violations(mini_graph) == []


def test_two_actors_are_a_violation(mini_graph: Graph) -> None:
    mini_graph.add((statement_iri("mini-s3"), SG.actor, actor_iri("osterlich")))
    with pytest.raises(ShapeViolation, match="mini-s3: sg:actor: a statement has exactly one actor"):
        check(mini_graph)


def test_missing_quote_and_bad_date(mini_graph: Graph) -> None:
    st = statement_iri("mini-s4")
    mini_graph.remove((st, SG.quote, None))
    mini_graph.set((st, SG.date, Literal("last week", datatype=XSD.date)))
    found = "\n".join(violations(mini_graph))
    assert "mini-s4: sg:quote: a statement has exactly one non-empty verbatim quote" in found
    assert "mini-s4: sg:date: a statement has exactly one valid xsd:date" in found


def test_quote_must_sit_at_its_offsets(mini_graph: Graph) -> None:
    mini_graph.set((statement_iri("mini-s4"), SG.quoteStart, Literal(3)))
    assert any("not the source text between its offsets" in v for v in violations(mini_graph))


def test_direct_edge_must_be_materialised(mini_graph: Graph) -> None:
    mini_graph.remove((actor_iri("osterlich"), SG.warnsAgainst, issue_iri("foreign-troops")))
    assert any("direct edge" in v for v in violations(mini_graph))


def test_broader_cycle_is_a_violation(mini_graph: Graph) -> None:
    mini_graph.add((issue_iri("peace-support"), SKOS.broader, issue_iri("peacekeeping-force")))
    assert any("skos:broader cycle" in v for v in violations(mini_graph))
