"""The benchmark at a small size, as CI runs it: it must finish and every answer must equal its
baseline's. Speed is reported, never asserted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from graph.bench.__main__ import main
from graph.bench.report import TARGETS
from graph.analysis import discourse
from graph.analysis.discourse import one_mode_network
from graph.errors import InvalidOption


def test_the_benchmark_runs_and_every_answer_equals_its_baseline(tmp_path: Path, capsys) -> None:
    status = main(["--n", "60", "--yaml-max", "60", "--rdflib-max", "60", "--duration", "1",
                   "--max-requests", "3000", "--who-runs", "5", "--out", str(tmp_path)])
    results = json.loads((tmp_path / "bench-60.json").read_text())
    assert results["mismatches"] == [] and status == 0
    assert [row["target"] for row in results["targets"]] == [t.name for t in TARGETS]
    assert all(row["met"] is not None for row in results["targets"]), "every target was measured"
    for section in ("load", "who", "networks", "export", "http"):
        assert section in results
    assert results["http"]["health"]["requests"] > 0 and results["http"]["who"]["errors"] == 0
    assert "| target | measured | verdict |" in (tmp_path / "bench-60.md").read_text()
    assert "## Targets" in capsys.readouterr().out


def test_a_network_too_large_to_build_is_reported_as_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(discourse, "MAX_TIES", 1)
    status = main(["--n", "60", "--sections", "load,who,networks", "--yaml-max", "0", "--rdflib-max", "0",
                   "--who-runs", "3", "--out", str(tmp_path)])
    networks = json.loads((tmp_path / "bench-60.json").read_text())["networks"]
    assert status == 0
    assert "more than the 1 one network may hold" in networks["congruence"]["refused"]
    assert "more than the 1 one network may hold" in networks["congruence"]["window_refused"]
    assert "| congruence network | refused |" in (tmp_path / "bench-60.md").read_text()


def test_a_refused_network_is_measured_again_on_the_last_year(tmp_path: Path, monkeypatch) -> None:
    whole = {}

    def bounded(G, aggregation, *args, **kwargs):  # refuse the whole corpus, not a year of it
        if not G.graph["start"]:
            whole[aggregation] = True
            raise InvalidOption("too large")
        return one_mode_network(G, aggregation, *args, **kwargs)

    monkeypatch.setattr(discourse, "one_mode_network", bounded)
    status = main(["--n", "200", "--sections", "load,who,networks", "--yaml-max", "0", "--rdflib-max", "0",
                   "--who-runs", "3", "--out", str(tmp_path)])
    result = json.loads((tmp_path / "bench-200.json").read_text())
    congruence = result["networks"]["congruence"]
    assert status == 0 and whole == {"congruence": True, "conflict": True}
    assert congruence["refused"] == "too large" and congruence["equal"] and congruence["ties"] > 0
    window = congruence["window"]
    start, end = dt.date.fromisoformat(window["start"]), dt.date.fromisoformat(window["end"])
    assert (end - start).days == 364
    verdict = next(row for row in result["targets"] if row["target"].startswith("congruence"))
    assert verdict["scope"] == f"on the statements of {start} to {end}"
