"""The generator: seeded, sized as the issue asks, quotes at their offsets, RDF equal to the YAML's."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.bench.corpus import generate, ontology_relations
from graph.bench.writers import write_nquads, write_turtle, write_yaml
from graph.ingest.files import read_paths


@pytest.fixture(scope="module")
def corpus():
    return generate(1000, seed=5)


def test_the_seed_fixes_the_corpus(corpus) -> None:
    again = generate(1000, seed=5)
    assert [s.text for s in again.sources] == [s.text for s in corpus.sources]
    assert [s.text for s in generate(1000, seed=6).sources] != [s.text for s in corpus.sources]


def test_sizes_hierarchy_and_skew(corpus) -> None:
    statements = list(corpus.statements)
    assert (len(statements), len(corpus.actors), len(corpus.issues)) == (1000, 50, 20)
    assert {i.level for i in corpus.issues} == {0, 1, 2}
    levels = {i.id: i.level for i in corpus.issues}
    assert all(levels[i.broader[0]] == i.level - 1 for i in corpus.issues if i.broader)
    activity = Counter(st.actor for st in statements).most_common()
    assert activity[0][1] > 10 * activity[len(activity) // 2][1], "actor activity is skewed"
    years = {s.date.year for s in corpus.sources}
    assert len(years) >= 8
    known = {r.slug for r in ontology_relations()}
    assert {st.relation for st in statements} <= known
    assert len({st.relation for st in statements}) >= 15


def test_every_quote_is_its_text_between_its_offsets(corpus) -> None:
    lengths = []
    for source in corpus.sources:
        for st in source.statements:
            assert source.text[st.start:st.end] == st.quote
            lengths.append(len(st.quote))
    assert min(lengths) >= 60 and max(lengths) <= 250


def test_the_rdf_is_what_the_loader_makes_of_the_yaml(tmp_path: Path) -> None:
    small = generate(300, seed=2)
    files = read_paths([write_yaml(small, tmp_path / "data")])
    expected = {ox.Quad(ox.NamedNode(str(s)) if not s.startswith("_") else None,  # type: ignore[arg-type]
                        ox.NamedNode(str(p)), _term(o), ox.NamedNode(str(name)))
                for f in files for name, g in f.graphs.items() for s, p, o in g}
    count = write_nquads(small, tmp_path / "c.nq")
    found = set(ox.parse(path=str(tmp_path / "c.nq"), format=ox.RdfFormat.N_QUADS))
    assert found == expected and count == len(found)
    write_turtle(tmp_path / "c.nq", tmp_path / "c.ttl")
    triples = {q.triple for q in ox.parse(path=str(tmp_path / "c.ttl"), format=ox.RdfFormat.TURTLE)}
    assert triples == {q.triple for q in found}


def _term(o: object) -> ox.NamedNode | ox.Literal:
    from rdflib import Literal
    if isinstance(o, Literal):
        if o.language:
            return ox.Literal(str(o), language=o.language)
        return ox.Literal(str(o), datatype=ox.NamedNode(str(o.datatype))) if o.datatype else ox.Literal(str(o))
    return ox.NamedNode(str(o))
