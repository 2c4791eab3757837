"""The command line, run in-process on a store in a temporary directory."""

import json
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from graph.cli import app
from graph.cli.options import grouped

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
    query = "SELECT ?l WHERE { ?x sg:slug 'league' ; skos:prefLabel ?l }"
    rows = json.loads(runner.invoke(app, ["sparql", query, "--json"]).stdout)
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


def test_every_command_has_an_example_in_its_help() -> None:
    names = [command.name for command in typer.main.get_command(app).commands.values()]
    assert {"load", "serve", "bench", "who", "export", "camps", "coalitions", "centrality"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output, name


def test_serve_starts_the_server_its_entry_point_names(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import api.serve

    started: dict[str, object] = {}
    monkeypatch.setattr(api.serve, "create_app", lambda settings: settings)  # the app of these settings
    monkeypatch.setattr(api.serve.uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    result = runner.invoke(app, ["serve", "--port", "8123", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("127.0.0.1", 8123)
    assert started["app"].store == str(tmp_path / "store")
    assert f"serving {tmp_path / 'store'} on http://127.0.0.1:8123" in result.output


def test_bench_runs_the_benchmark_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.bench.__main__

    given: list[list[str]] = []
    monkeypatch.setattr(graph.bench.__main__, "main", lambda argv: given.append(argv) or 3)
    result = runner.invoke(app, ["bench", "--n", "60", "--sections", "load"])
    assert result.exit_code == 3 and given == [["--n", "60", "--sections", "load"]]


def test_an_option_group_builds_one_parameter_from_its_options() -> None:
    def span(first: Annotated[int, typer.Option("--first")] = 1,
             last: Annotated[int, typer.Option("--last")] = 9) -> range:
        return range(first, last + 1)

    toy = typer.Typer()

    @toy.command()
    @grouped(days=span)
    def count(days: range, label: Annotated[str, typer.Option()] = "days") -> None:
        print(f"{len(days)} {label}")

    assert runner.invoke(toy, ["--first", "3", "--label", "nights"]).stdout == "7 nights\n"
    assert runner.invoke(toy, []).stdout == "9 days\n"
    assert "--first" in runner.invoke(toy, ["--help"]).output
