"""The command line, run in-process on a store in a temporary directory."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

runner = CliRunner()


@pytest.fixture
def store_env(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    location = tmp_path / "store"
    monkeypatch.setenv("STANCEGRAPH_STORE", str(location))
    result = runner.invoke(app, ["load", str(mini_dir)])
    assert result.exit_code == 0, result.output
    assert "loaded 4 statements" in result.output
    return location


def test_who_json(store_env: Path) -> None:
    result = runner.invoke(app, ["who", "opposes", "foreign-troops", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["actor"] for r in rows} == {"ruritania", "osterlich"}
    for row in rows:
        assert {"actor", "actor_label", "relation", "target", "quote", "source"} <= row.keys()
    assert next(r for r in rows if r["actor"] == "ruritania")["speaker"] == "anna-berg"


def test_who_direct_only_and_table(store_env: Path) -> None:
    result = runner.invoke(app, ["who", "opposes", "Foreign troops", "--direct-only", "--json"])
    assert [r["actor"] for r in json.loads(result.stdout)] == ["osterlich"]
    table = runner.invoke(app, ["who", "supports", "peace-support"])
    assert table.exit_code == 0 and "Sylvania" in table.stdout


def test_unknown_target_exits_with_close_matches(store_env: Path) -> None:
    result = runner.invoke(app, ["who", "opposes", "foreign-trops"])
    assert result.exit_code == 1
    assert "no actor or issue 'foreign-trops'; did you mean foreign-troops" in result.output


def test_listings_and_show(store_env: Path) -> None:
    actors = json.loads(runner.invoke(app, ["actors", "--json"]).stdout)
    assert {a["id"] for a in actors} >= {"ruritania", "anna-berg"}
    proposals = runner.invoke(app, ["proposals"])
    assert "peacekeeping-force" in proposals.stdout
    shown = json.loads(runner.invoke(app, ["show", "Strelsau", "--json"]).stdout)
    assert shown["entity"]["id"] == "ruritania"
    assert shown["statements"][0]["quote"] == "Ruritania will never send soldiers to Freedonia"
    assert "warns against" in runner.invoke(app, ["relations"]).stdout


def test_sparql_forms(store_env: Path, tmp_path: Path) -> None:
    rows = json.loads(runner.invoke(app, ["sparql", "SELECT ?l WHERE { ?x sg:slug 'league' ; skos:prefLabel ?l }", "--json"]).stdout)
    assert rows == [{"l": "The League"}]
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK { ?x sg:offers ?y }")
    assert runner.invoke(app, ["sparql", str(query_file)]).stdout.strip() == "true"
    turtle = runner.invoke(app, ["sparql", "CONSTRUCT WHERE { ?x sg:offers ?y }"]).stdout
    assert "offers" in turtle
    bad = runner.invoke(app, ["sparql", "SELECT WHERE {"])
    assert bad.exit_code == 1 and "malformed SPARQL" in bad.output


def test_validate_paths_and_store(store_env: Path, make_data) -> None:
    assert "conforms" in runner.invoke(app, ["validate"]).stdout
    bad = make_data(lambda d: d["sources/mini.yaml"]["statements"][0].update(start=5))
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "mini.yaml" in result.output and "record 's1'" in result.output


def test_bad_load_reports_and_keeps_the_store(store_env: Path, make_data) -> None:
    bad = make_data(lambda d: d["issues.yaml"]["issues"][1].update(broader=["peace-suport"]))
    result = runner.invoke(app, ["load", str(bad)])
    assert result.exit_code == 1
    assert "did you mean peace-support" in result.output
    rows = json.loads(runner.invoke(app, ["who", "opposes", "foreign-troops", "--json"]).stdout)
    assert len(rows) == 2
