"""Reading data files: records, RDF, and errors that name file, line and record."""

from pathlib import Path

import pytest

from graph.errors import SourceDataError
from graph.ingest.files import read_paths
from graph.vocab import SG, actor_iri, issue_iri, statement_iri


def test_reads_the_mini_data(mini_dir: Path) -> None:
    files = read_paths([mini_dir])
    assert [f.kind for f in files] == ["actors", "issues", "source"]
    (source,) = [f for f in files if f.kind == "source"]
    (g,) = source.graphs.values()
    st = statement_iri("mini-s1")
    assert g.value(st, SG.actor) == actor_iri("ruritania")
    assert g.value(st, SG.speaker) == actor_iri("anna-berg")
    assert (actor_iri("ruritania"), SG.declinesToContribute, issue_iri("national-soldiers")) in g
    assert str(g.value(statement_iri("mini-s3"), SG.date)) == "2025-01-09"
    assert str(g.value(statement_iri("mini-s4"), SG.date)) == "2025-01-10"
    assert str(g.value(actor_iri("anna-berg"), SG.role)) == "defence minister"


def test_background_fields_go_to_their_own_graph(mini_dir: Path) -> None:
    actors = read_paths([mini_dir])[0]
    main, background = actors.graphs.values()
    assert (actor_iri("ruritania"), SG.memberOf, actor_iri("league")) in background
    assert (actor_iri("ruritania"), SG.memberOf, actor_iri("league")) not in main


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_bad_yaml_names_file_and_line(mini_dir: Path) -> None:
    path = mini_dir / "issues.yaml"
    path.write_text("kind: issues\nissues:\n  - id: a\n    label: [unclosed\n")
    with pytest.raises(SourceDataError, match=r"issues\.yaml:\d+: YAML syntax error"):
        read_paths([mini_dir])


def test_unknown_actor_names_record_line_and_close_match(make_data) -> None:
    directory = make_data(lambda d: d["sources/mini.yaml"]["statements"][2].update(actor="sylvnia"))
    path = directory / "sources" / "mini.yaml"
    line = _line_of(path, "id: s3")
    with pytest.raises(SourceDataError) as info:
        read_paths([directory])
    assert info.value.line == line and info.value.record == "s3"
    assert "no actor 'sylvnia'; did you mean sylvania?" in str(info.value)


def test_quote_off_its_offsets_is_refused_with_the_right_offsets(make_data) -> None:
    def shift(d: dict) -> None:
        d["sources/mini.yaml"]["statements"][0]["start"] += 1
    with pytest.raises(SourceDataError, match=r"record 's1'.*quote does not match the text at "
                       r"\[1, 47\); the quote occurs at start=0, end=47"):
        read_paths([make_data(shift)])


def test_changed_text_file_is_caught_by_its_checksum(mini_dir: Path) -> None:
    (mini_dir / "sources" / "mini.txt").write_text("something else")
    with pytest.raises(SourceDataError, match="has sha256"):
        read_paths([mini_dir])


@pytest.mark.parametrize(("field", "value", "message"), [
    ("date", "2025-13-40", "date"),
    ("relation", "adores", "unknown relation 'adores'"),
    ("relation", "quote", "unknown relation 'quote'"),  # a property of the ontology, not a relation
    ("attribution", "whispered", "attribution"),
    ("colour", "red", "Extra inputs are not permitted"),
    ("actor", "Not A Slug", "String should match pattern"),
])
def test_bad_fields_are_named(make_data, field: str, value: str, message: str) -> None:
    directory = make_data(lambda d: d["sources/mini.yaml"]["statements"][1].update({field: value}))
    with pytest.raises(SourceDataError, match=message) as info:
        read_paths([directory])
    assert info.value.record == "s2"


def test_duplicate_ids_are_refused(make_data) -> None:
    def duplicate(d: dict) -> None:
        d["actors.yaml"]["actors"].append(dict(d["actors.yaml"]["actors"][0]))
    with pytest.raises(SourceDataError, match="duplicate id 'ruritania'"):
        read_paths([make_data(duplicate)])


def test_unknown_kind_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("kind: poem\n")
    with pytest.raises(SourceDataError, match="'kind' must be one of"):
        read_paths([tmp_path / "x.yaml"])
    with pytest.raises(SourceDataError, match="no such file"):
        read_paths([tmp_path / "missing.yaml"])
