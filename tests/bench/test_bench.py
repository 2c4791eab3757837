"""The benchmark at a small size, as CI runs it: it must finish and every answer must equal its
baseline's. Speed is reported, never asserted."""

from __future__ import annotations

import json
from pathlib import Path

from bench.__main__ import main
from bench.report import TARGETS


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
