"""The analysis commands, run in-process on the debate (tests/graph/conftest.py) in a temporary store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graph.cli import app

runner = CliRunner()


@pytest.fixture
def debate_env(tmp_path: Path, debate_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    location = tmp_path / "store"
    monkeypatch.setenv("STANCEGRAPH_STORE", str(location))
    result = runner.invoke(app, ["load", str(debate_dir)])
    assert result.exit_code == 0, result.output
    return location


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_network_json_csv_graphml(debate_env: Path, tmp_path: Path) -> None:
    data = json.loads(run("network", "subtract", "--roll-up", "troops", "--format", "json"))
    assert data == {"rows": ["Avalon", "Brigadoon", "Camelot", "Dunland"],
                    "columns": ["Avalon", "Brigadoon", "Camelot", "Dunland"],
                    "matrix": [[0, -4, -4, -4], [-4, 0, 2, 1], [-4, 2, 0, 1], [-4, 1, 1, 0]]}
    average = json.loads(run("network", "conflict", "--roll-up", "troops", "--normalize", "average"))
    assert average["matrix"][1] == [pytest.approx(4 / 3), 0, 0, 0.25]
    week = json.loads(run("network", "affiliation", "--aggregate", "ignore", "--duplicates", "week"))
    assert week["columns"] == ["Aid", "Peacekeeping force", "Troops"] and week["matrix"][0] == [0, 3, 0]
    csv = run("network", "affiliation", "--level", "0", "--format", "csv").splitlines()
    assert csv == [",Peace plan", "Avalon,4", "Brigadoon,-1", "Camelot,-1", "Dunland,0"]
    proposals = json.loads(run("network", "congruence", "--of", "proposals"))
    assert proposals["rows"] == ["Aid", "Peacekeeping force", "Troops"]
    target = tmp_path / "net.graphml"
    run("network", "congruence", "--roll-up", "troops", "--format", "graphml", "-o", str(target))
    G = nx.read_graphml(target)
    assert G["brigadoon"]["camelot"]["weight"] == 2.0 and G.nodes["dunland"]["label"] == "Dunland"


def test_network_windows(debate_env: Path) -> None:
    series = json.loads(run("network", "affiliation", "--window", "366", "--isolates"))
    assert [(w["start"], w["end"]) for w in series] == [("2024-01-02", "2025-01-01"), ("2025-01-02", "2026-01-02")]
    assert series[0]["rows"] == series[1]["rows"]
    force = series[0]["columns"].index("Peacekeeping force")
    assert [w["matrix"][0][force] for w in series] == [3, 1]
    graphml = runner.invoke(app, ["network", "congruence", "--roll-up", "troops", "--window", "366",
                                  "--format", "graphml"]).stdout_bytes
    G = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    assert {d["start"] for *_, d in G.edges(data=True)} == {"2024-01-02"}  # 2025: Avalon alone


def test_camps_path_coalitions_centrality(debate_env: Path) -> None:
    found = json.loads(run("camps", "troops", "--json"))
    assert [m["actor"] for m in found["opponents"]] == ["brigadoon", "camelot", "dunland"]
    assert [m["actor"] for m in found["supporters"]] == ["avalon"]
    assert "against: Brigadoon, Camelot, Dunland" in run("camps", "troops")
    walk = json.loads(run("path", "avalon", "brigadoon", "--json", "-k", "1"))["paths"][0]
    assert walk["nodes"] == ["avalon", "force", "troops", "brigadoon"]
    assert "Avalon → Peacekeeping force → Troops ← Brigadoon" in run("path", "avalon", "brigadoon", "-k", "1")
    split = json.loads(run("coalitions", "--roll-up", "troops", "--normalize", "none", "--json"))
    assert split["blocs"]["polarisation"] == pytest.approx(2 / 3)
    assert split["communities"]["coalitions"][0]["members"] == ["brigadoon", "camelot", "dunland"]
    assert "polarisation 0.667" in run("coalitions", "--roll-up", "troops")
    ranks = json.loads(run("centrality", "--roll-up", "troops", "--json"))
    assert {a["actor"] for a in ranks} == {"avalon", "brigadoon", "camelot", "dunland"}
    assert "Brigadoon" in run("centrality", "--roll-up", "troops")
    windows = json.loads(run("coalitions", "--window", "366", "--json"))
    assert len(windows) == 2 and windows[1]["blocs"]["polarisation"] == 0


@pytest.mark.parametrize("args, message", [
    (["network", "affiliation", "--normalize", "average"], "not normalised"),
    (["network", "congruence", "--aggregate", "combine"], "--aggregate is for affiliation"),
    (["network", "affiliation", "--aggregate", "congruence"], "not 'congruence'"),
    (["network", "congruence", "--roll-up", "trops"], "did you mean troops"),
    (["network", "congruence", "--window", "30", "--format", "csv"], "csv holds one matrix"),
    (["network", "congruence", "--step", "3"], "a step needs a window"),
    (["coalitions", "--method", "leiden"], "unknown method"),
    (["path", "avalon", "avalon"], "both 'avalon'"),
    (["path", "avalon", "brigadon"], "did you mean brigadoon"),
    (["camps", "troops", "--from", "yesterday"], "from 'yesterday' is not a date (YYYY-MM-DD)"),
    (["camps", "troops", "--step", "3"], "a step needs a window"),
    (["centrality", "--window", "1", "--from", "2020-01-01"], "more than 1000; take a longer step"),
])
def test_errors_are_one_line(debate_env: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output


def test_bad_choice_is_a_usage_error(debate_env: Path) -> None:
    result = runner.invoke(app, ["network", "agreement"])
    assert result.exit_code == 2 and "agreement" in result.output


def test_camps_and_paths_over_windows(debate_env: Path) -> None:
    series = json.loads(run("camps", "troops", "--window", "366"))
    assert [(w["start"], w["end"]) for w in series] == [("2024-01-02", "2025-01-01"), ("2025-01-02", "2026-01-02")]
    assert [m["actor"] for m in series[0]["opponents"]] == ["brigadoon", "camelot", "dunland"]
    assert [m["actor"] for m in series[1]["supporters"]] == ["avalon"] and series[1]["opponents"] == []
    walks = json.loads(run("path", "avalon", "brigadoon", "--window", "366", "-k", "1"))
    assert [len(w["paths"]) for w in walks] == [1, 0]  # in 2025 only Avalon speaks
    assert walks[0]["paths"][0]["nodes"] == ["avalon", "force", "troops", "brigadoon"]
