"""The shapes compiled to SPARQL find exactly the violations pyshacl finds, mutation by mutation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from graph.ingest.triples import ontology_graph
from graph.errors import ShapeViolation
from graph.shapes.rules import Rule, rules
from graph.store.screen import KEPT_DATATYPES, screen, unscreened, value_test
from graph.store import ONTOLOGY_GRAPH, Store
from graph.shapes.validate import shapes_graph
from graph.vocab import ID, RDF, SCHEMA, SG, SKOS, XSD, actor_iri, issue_iri, source_iri, statement_iri
from tests.conftest import MINI_TEXT

S1, S3 = statement_iri("mini-s1"), statement_iri("mini-s3")
Key = tuple[str, str | None, str, str | None]


def _pyshacl(data: Graph) -> set[Key]:
    _, report, _ = shacl_validate(data + ontology_graph(), shacl_graph=shapes_graph(),
                                  inference="none", allow_warnings=True)
    found = set()
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage)) if component.startswith("SPARQL") else None
        focus = report.value(result, SH.focusNode)
        found.add(("_" if isinstance(focus, BNode) else str(focus), None if path is None else str(path),
                   component, message))
    return found


def _compiled(data: Graph) -> set[Key]:
    store = Store(None)
    store.insert({ID["graph/data"]: data, ONTOLOGY_GRAPH: ontology_graph()})
    return {(v.focus if not v.focus.startswith("_:") else "_", v.path, v.component,
             v.message if v.component.startswith("SPARQL") else None)
            for v in store.shape_violations()}


def _set(g: Graph, s: object, p: URIRef, o: object) -> None:
    g.remove((s, p, None))
    g.add((s, p, o))


MUTATIONS: dict[str, Callable[[Graph], None]] = {
    "no quote": lambda g: g.remove((S1, SG.quote, None)),
    "two dates": lambda g: g.add((S1, SG.date, Literal("2024-01-01", datatype=XSD.date))),
    "quote with a language": lambda g: _set(g, S1, SG.quote, Literal(
        "Ruritania will never send soldiers to Freedonia", lang="en")),
    "actor is an issue": lambda g: _set(g, S1, SG.actor, issue_iri("peace-support")),
    "target is a source": lambda g: _set(g, S3, SG.target, source_iri("mini")),
    "negative offset": lambda g: _set(g, S1, SG.quoteStart, Literal(-1)),
    "quote off its offsets": lambda g: _set(g, S1, SG.quoteEnd, Literal(40)),
    "no direct edge": lambda g: g.remove((actor_iri("sylvania"), SG.offers, issue_iri("peacekeeping-force"))),
    "conditional without condition": lambda g: _set(g, S1, SG.modality, SG.conditional),
    "reported without claimant": lambda g: _set(g, S1, SG.modality, SG.reported),
    "modality not allowed": lambda g: _set(g, S1, SG.modality, SG.named),
    "bad slug": lambda g: _set(g, actor_iri("sylvania"), SG.slug, Literal("Sylvania Land")),
    "bad wikidata id": lambda g: g.add((actor_iri("sylvania"), SG.wikidataId, Literal("X12"))),
    "issue outside the scheme": lambda g: g.remove((issue_iri("peace-support"), SKOS.inScheme, None)),
    "broader cycle": lambda g: g.add((issue_iri("peace-support"), SKOS.broader, issue_iri("peacekeeping-force"))),
    "polarity out of range": lambda g: g.add((SG.offers, SG.polarity, Literal(2))),
    "speaker not a person": lambda g: g.add((S3, SG.speaker, actor_iri("ruritania"))),
    "member of a state": lambda g: g.add((actor_iri("sylvania"), SG.memberOf, actor_iri("ruritania"))),
    "source without title": lambda g: g.remove((source_iri("mini"), URIRef("http://purl.org/dc/terms/title"), None)),
    "plain alias": lambda g: g.add((actor_iri("sylvania"), SKOS.altLabel, Literal("Sylv"))),
    "fulfilled as text": lambda g: (g.add((issue_iri("peace-support"), RDF.type, SG.Commitment)),
                                    g.add((issue_iri("peace-support"), SG.fulfilled, Literal("yes")))),
    "impossible date": lambda g: _set(g, S1, SG.date, Literal("2025-02-30", datatype=XSD.date)),
    "empty quote": lambda g: _set(g, S3, SG.quote, Literal("")),
    "date as text": lambda g: _set(g, S3, SG.date, Literal("2025-01-09")),
    "statement as a blank node": lambda g: (g.add((BNode("b1"), RDF.type, SG.Statement))),
}


@pytest.fixture(scope="module")
def mini_graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    from tests.conftest import write_data
    store = Store(None)
    store.load([write_data(tmp_path_factory.mktemp("mini"))])
    g = Graph()
    for name in store.graph_names():
        if name != str(ONTOLOGY_GRAPH):
            g += store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    return g


def test_every_constraint_of_the_shapes_is_compiled() -> None:
    shapes = shapes_graph()
    constraints = sum(1 for shape in shapes.subjects(RDF.type, SH.NodeShape)
                      for p in shapes.predicates(shape) if p in (SH.sparql, SH.nodeKind))
    constraints += sum(1 for shape in shapes.subjects(RDF.type, SH.NodeShape)
                       for prop in shapes.objects(shape, SH.property)
                       for p in shapes.predicates(prop)
                       if p not in (SH.path, SH.message, SH.flags))
    assert len(rules()) == constraints


def test_the_fixtures_conform_both_ways(mini_graph: Graph, seed_store: Store) -> None:
    assert _pyshacl(mini_graph) == set() == _compiled(mini_graph)
    assert seed_store.shape_violations() == []


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_violation_is_found_as_pyshacl_finds_it(mini_graph: Graph, name: str) -> None:
    g = Graph()
    g += mini_graph
    MUTATIONS[name](g)
    expected = _pyshacl(g)
    assert expected, f"the mutation {name!r} should violate the shapes"
    assert _compiled(g) == expected


def test_on_conforming_data_no_screen_flags_a_path(seed_store: Store) -> None:
    screens = {rule.screen for rule in rules() if rule.screen is not None}
    assert screens, "the property constraints are screened"
    assert all(seed_store.select(screen) == [] for screen in screens)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_the_screens_hide_no_violation(mini_graph: Graph, name: str) -> None:
    g = Graph()
    g += mini_graph
    MUTATIONS[name](g)
    store = Store(None)
    store.insert({ID["graph/data"]: g, ONTOLOGY_GRAPH: ontology_graph()})
    unscreened = {(str(row["this"]), rule.path, rule.component)
                  for rule in rules() for row in store.select(rule.query)}
    assert {(v.focus, v.path, v.component) for v in store.shape_violations()} == unscreened != set()


SCREEN_MUTATIONS: dict[str, Callable[[Graph], None]] = {
    **MUTATIONS,
    "slug with a line break": lambda g: _set(g, actor_iri("sylvania"), SG.slug, Literal("sylvania\n")),
    "offset beyond 64 bits": lambda g: _set(g, S1, SG.quoteStart,
                                            Literal("99999999999999999999", datatype=XSD.integer)),
    "offset as a decimal": lambda g: _set(g, S1, SG.quoteEnd, Literal("40.0", datatype=XSD.decimal)),
    "text in a language": lambda g: _set(g, source_iri("mini"), SCHEMA.text, Literal(MINI_TEXT, lang="en")),
    "two texts": lambda g: g.add((source_iri("mini"), SCHEMA.text, Literal(MINI_TEXT + " More."))),
    "quote text shifted": lambda g: _set(g, source_iri("mini"), SCHEMA.text, Literal(" " + MINI_TEXT)),
    "actor as a literal": lambda g: _set(g, S1, SG.actor, Literal("ruritania")),
    "relation outside the ontology": lambda g: (_set(g, S1, SG.relation, ID["invented"]),
                                                g.add((ID["invented"], RDF.type, SG.StanceRelation))),
    "quote as an IRI": lambda g: _set(g, S1, SG.quote, URIRef("urn:quote")),
    "text as an IRI": lambda g: _set(g, source_iri("mini"), SCHEMA.text, URIRef("urn:text")),
    "quote as a non-canonical integer": lambda g: (
        _set(g, source_iri("mini"), SCHEMA.text, Literal(MINI_TEXT + " 007")),
        _set(g, S1, SG.quote, Literal("007", datatype=XSD.integer, normalize=False)),
        _set(g, S1, SG.quoteStart, Literal(len(MINI_TEXT) + 1)),
        _set(g, S1, SG.quoteEnd, Literal(len(MINI_TEXT) + 4))),
    "slug as a double": lambda g: _set(g, actor_iri("sylvania"), SG.slug,
                                       Literal("1e-5", datatype=XSD.double, normalize=False)),
    "date of month thirteen": lambda g: _set(g, S3, SG.date, Literal("2025-13-01", datatype=XSD.date)),
}
"""The mutations above, and some aimed at the Python screen's own tests."""


def _nquads(g: Graph, directory: Path) -> Path:
    path, graph = directory / "data.nq", ox.NamedNode(str(ID["graph/data"]))
    triples = ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    path.write_bytes(ox.serialize([ox.Quad(q.subject, q.predicate, q.object, graph) for q in triples],
                                  format=ox.RdfFormat.N_QUADS) or b"")
    return path


def _python_screen(g: Graph, directory: Path) -> set[int]:
    ontology = ontology_graph().serialize(format="nt", encoding="utf-8")
    return screen(rules(), ontology, [(_nquads(g, directory), ox.RdfFormat.N_QUADS)])


def test_every_rule_has_a_python_screen() -> None:
    assert unscreened(rules()) == set()


def test_on_conforming_data_the_python_screen_flags_no_rule(mini_graph: Graph, seed_store: Store,
                                                           tmp_path: Path) -> None:
    seed = Graph()
    for name in seed_store.graph_names():
        if name != str(ONTOLOGY_GRAPH):
            seed += seed_store.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")
    assert _python_screen(mini_graph, tmp_path) == set()
    assert _python_screen(seed, tmp_path) == set()


@pytest.mark.parametrize("name", sorted(SCREEN_MUTATIONS))
def test_the_python_screen_flags_every_rule_that_finds_a_violation(mini_graph: Graph, name: str,
                                                                   tmp_path: Path) -> None:
    g = Graph()
    g += mini_graph
    SCREEN_MUTATIONS[name](g)
    store = Store(None)
    store.insert({ID["graph/data"]: g, ONTOLOGY_GRAPH: ontology_graph()})
    finding = {i for i, rule in enumerate(rules()) if store.select(rule.query)}
    assert finding, f"the mutation {name!r} should violate the shapes"
    assert finding <= _python_screen(g, tmp_path)


@pytest.mark.parametrize("name", ["quote off its offsets", "no direct edge", "bad slug", "two texts",
                                  "quote as a non-canonical integer"])
def test_a_first_bulk_load_reports_what_the_full_check_reports(mini_graph: Graph, name: str,
                                                               tmp_path: Path) -> None:
    g = Graph()
    g += mini_graph
    SCREEN_MUTATIONS[name](g)
    path = _nquads(g, tmp_path)
    checked = Store(None)
    checked.insert({ID["graph/data"]: g, ONTOLOGY_GRAPH: ontology_graph()})
    with pytest.raises(ShapeViolation) as full:
        checked.check_shapes()
    store = Store(tmp_path / "store")
    with pytest.raises(ShapeViolation) as screened:
        store.load([path])
    assert screened.value.violations == full.value.violations
    assert store.graph_names() == [str(ONTOLOGY_GRAPH)] or store.graph_names() == []


def _rule(component: str, path: URIRef) -> Rule:
    return next(r for r in rules() if r.component == component and r.path == str(path))


@pytest.mark.parametrize(("path", "datatype", "forms"), [
    (SG.quoteStart, XSD.integer, ["0", "-5", "+7", "007", "123456789012345678", "1234567890123456789",
                                  "99999999999999999999", " 5", "5.0", "\u0663"]),
    (SG.date, XSD.date, ["2025-01-09", "2024-02-29", "2025-02-29", "0000-01-01", "2025-1-9",
                         "2025-01-09Z", "-0001-01-01", "2025-01-09\n", "99999-01-01"]),
    (SG.fulfilled, XSD.boolean, ["true", "false", "1", "0", "TRUE", "yes", " true"]),
])
def test_a_typed_value_the_python_screen_passes_is_one_oxigraph_casts(path: URIRef, datatype: URIRef,
                                                                    forms: list[str]) -> None:
    test = value_test(_rule("DatatypeConstraintComponent", path))
    assert test is not None
    passed = [form for form in forms if test(ox.Literal(form, datatype=ox.NamedNode(str(datatype))))]
    assert passed, "the usual forms pass"
    store = Store(None)
    for form in passed:
        assert store.ask(f"ASK {{ FILTER (isLiteral(<{datatype}>({Literal(form).n3()}))) }}"), form


def test_a_slug_the_python_screen_passes_matches_the_pattern_in_sparql() -> None:
    rule = _rule("PatternConstraintComponent", SG.slug)
    test = value_test(rule)
    assert test is not None
    values = ["sylvania", "a-b", "a--b", "A", "-a", "sylvania\n", "sylvania\nx", "é", "a1-2b", ""]
    passed = [v for v in values if test(ox.Literal(v))]
    assert passed == ["sylvania", "a-b", "a1-2b"]
    store = Store(None)
    for value in passed:
        assert store.ask(f"ASK {{ FILTER (REGEX({Literal(value).n3()}, {Literal(rule.parameter[0]).n3()})) }}"), value


def test_the_bulk_loader_gives_each_file_its_own_blank_nodes(tmp_path: Path) -> None:
    """The screen keys blank nodes per file, as the store does."""
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.nq"
        path.write_text(f'_:b1 <urn:p> "{name}" <{ID["graph/" + name]}> .\n')
        files.append(path)
    store = Store(tmp_path / "store")
    store.load(files)
    assert store.select("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s <urn:p> ?o }") == [{"n": 2}]


def test_every_datatype_the_screen_tests_is_one_the_store_keeps() -> None:
    store = Store(None)
    samples = {str(XSD.string): "x", str(RDF.langString): None, str(XSD.integer): "007",
               str(XSD.date): "2025-01-09+00:00", str(XSD.boolean): "1", str(XSD.gYear): "+2024"}
    assert set(samples) == KEPT_DATATYPES
    for datatype, lexical in samples.items():
        literal = (Literal("x", lang="en") if lexical is None
                   else Literal(lexical, datatype=URIRef(datatype), normalize=False))
        store.insert({ID["graph/t"]: Graph().add((URIRef("urn:s"), URIRef("urn:p"), literal))})
        assert store.select(f"SELECT ?s WHERE {{ ?s <urn:p> ?o FILTER (DATATYPE(?o) = <{datatype}>) }}"), datatype
        store._update("CLEAR ALL")


@pytest.mark.parametrize("pattern", ["^[a-z--b]$", "^[[a]b]$", "^a\\d$", "^a.b$", "^[a-z&&b]$"])
def test_a_pattern_the_two_regex_engines_may_read_apart_is_not_screened(pattern: str) -> None:
    rule = _rule("PatternConstraintComponent", SG.slug)
    assert value_test(replace(rule, parameter=(pattern, ""))) is None
