"""Bulk loads of RDF files: the same store as the YAML path, validated, atomic, undone after a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import ShapeViolation, SourceDataError
from graph.store import ONTOLOGY_GRAPH, Store, checking
from graph.vocab import SG, statement_iri


def _nquads(store: Store, path: Path) -> Path:
    """The store's data graphs (not the ontology) as an N-Quads file."""
    quads = [q for q in ox.parse(store.dump(), format=ox.RdfFormat.N_QUADS)
             if q.graph_name.value != str(ONTOLOGY_GRAPH)]
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return path


def _quads(store: Store) -> set[ox.Quad]:
    """The data quads, and the ontology's size (its blank nodes are new on every load)."""
    quads = set(ox.parse(store.dump(), format=ox.RdfFormat.N_QUADS))
    ontology = {q for q in quads if q.graph_name.value == str(ONTOLOGY_GRAPH)}
    return (quads - ontology) | {ox.Quad(ox.NamedNode("urn:ontology"), ox.NamedNode("urn:size"),
                                         ox.Literal(str(len(ontology))))}


def test_a_bulk_load_gives_the_store_the_yaml_load_gives(mini_store: Store, tmp_path: Path) -> None:
    bulk = Store(tmp_path / "store")
    report = bulk.load([_nquads(mini_store, tmp_path / "mini.nq")])
    assert _quads(bulk) == _quads(mini_store)
    assert report.statements == 4
    bulk.load([tmp_path / "mini.nq"])
    assert _quads(bulk) == _quads(mini_store), "reloading the file replaces its graphs"


def test_a_violation_writes_nothing_and_keeps_what_was_there(mini_store: Store, tmp_path: Path) -> None:
    good = _nquads(mini_store, tmp_path / "mini.nq")
    store = Store(tmp_path / "store")
    store.load([good])
    before = _quads(store)
    bad = tmp_path / "bad.nq"
    bad.write_text(good.read_text().replace(
        f'<{statement_iri("mini-s1")}> <{SG.quoteEnd}> "47"', f'<{statement_iri("mini-s1")}> <{SG.quoteEnd}> "40"'))
    with pytest.raises(ShapeViolation, match="mini-s1: the quote is not the source text between its offsets"):
        store.load([bad])
    assert _quads(store) == before
    broken = tmp_path / "broken.nq"
    broken.write_text(good.read_text() + "<urn:a> <urn:b> .\n")
    with pytest.raises(SourceDataError, match=r"broken\.nq"):
        store.load([broken])
    assert _quads(store) == before


def test_a_load_cut_short_is_undone_when_the_store_is_opened(mini_store: Store, tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = Store(location)
    store.load([_nquads(mini_store, tmp_path / "mini.nq")])
    before = _quads(store)
    # what a crash in the middle of a bulk load leaves: the journal, and half-written graphs
    journal = location.with_name(location.name + ".bulk")
    journal.mkdir()
    (journal / "backup.nq").write_bytes(b"")
    (journal / "intent.json").write_text(json.dumps(["https://w3id.org/stancegraph/id/graph/half"]))
    store._update("INSERT DATA { GRAPH <https://w3id.org/stancegraph/id/graph/half> { <urn:a> <urn:b> <urn:c> } }")
    store.close()
    reopened = Store(location)
    assert _quads(reopened) == before and not journal.exists()


def test_rdf_and_yaml_files_load_in_separate_calls(mini_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "x.nq").write_text("")
    with pytest.raises(SourceDataError, match="separate calls"):
        Store(None).load([mini_dir / "actors.yaml", tmp_path / "x.nq"])


@pytest.mark.parametrize(("line", "message"), [
    ("<urn:a> <urn:b> <urn:c> .\n", "every quad must be in a named graph"),  # in the default graph
    ("<urn:a> <urn:b> .\n", "bad.nq"),  # malformed: the load, and the screen beside it, stop
])
def test_a_bad_file_is_refused_by_an_empty_store_and_a_filled_one(mini_store: Store, tmp_path: Path,
                                                                  line: str, message: str) -> None:
    bad = _nquads(mini_store, tmp_path / "bad.nq")
    bad.write_text(bad.read_text() + line)
    empty = Store(tmp_path / "store")
    with pytest.raises(SourceDataError, match=message):
        empty.load([bad])
    assert len(empty) == 0
    filled = Store(tmp_path / "filled")
    filled.load([_nquads(mini_store, tmp_path / "good.nq")])
    before = _quads(filled)
    with pytest.raises(SourceDataError, match=message):
        filled.load([bad])
    assert _quads(filled) == before


def test_a_first_load_cut_short_is_undone_when_the_store_is_opened(tmp_path: Path) -> None:
    location = tmp_path / "store"
    store = Store(location)
    # a crash during a load into an empty store, whose files were not read to name their graphs
    journal = location.with_name(location.name + ".bulk")
    journal.mkdir()
    (journal / "backup.nq").write_bytes(b"")
    (journal / "intent.json").write_text("null")
    store._update("INSERT DATA { GRAPH <https://w3id.org/stancegraph/id/graph/half> { <urn:a> <urn:b> <urn:c> } }")
    store.close()
    reopened = Store(location)
    assert len(reopened) == 0 and not journal.exists()


def test_a_second_file_keeps_the_graphs_of_the_first(mini_store: Store, tmp_path: Path) -> None:
    whole = _nquads(mini_store, tmp_path / "mini.nq")
    lines = whole.read_text().splitlines(keepends=True)
    actors = [line for line in lines if "/graph/actors" in line]
    assert actors and len(actors) < len(lines)
    (tmp_path / "rest.nq").write_text("".join(line for line in lines if line not in actors))
    (tmp_path / "actors.nq").write_text("".join(actors))
    store = Store(tmp_path / "store")
    with pytest.raises(ShapeViolation):
        store.load([tmp_path / "rest.nq"])  # statements without their actors
    assert len(store) == 0
    store.load([tmp_path / "actors.nq"])
    report = store.load([tmp_path / "rest.nq"])
    assert _quads(store) == _quads(mini_store) and report.statements == 4


def test_a_first_load_runs_only_the_rules_its_screen_flags(mini_store: Store, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    good = _nquads(mini_store, tmp_path / "mini.nq")
    queried: list[str] = []
    monkeypatch.setattr(checking, "_rows", lambda engine, query: queried.append(query) or [])
    Store(tmp_path / "first").load([good])
    assert queried == [], "a conforming first load needs no shape query"
    bad = tmp_path / "bad.nq"
    bad.write_text(good.read_text().replace(f'<{SG.quoteEnd}> "47"', f'<{SG.quoteEnd}> "40"'))
    monkeypatch.undo()
    with pytest.raises(ShapeViolation, match="mini-s1: the quote is not the source text between its offsets"):
        Store(tmp_path / "second").load([bad])
