"""The shared checks: one rule and one wording each, and the date rule through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import checks
from graph.cli import app
from graph.errors import InvalidOption, NotFound

runner = CliRunner()


@pytest.mark.parametrize("day", ["2024-01-01", "2024-02-29", "0999-12-31"])
def test_iso_date_accepts_calendar_days(day: str) -> None:
    assert checks.iso_date(day) == day


@pytest.mark.parametrize("text", [
    "20240101",  # read by date.fromisoformat, but compares wrongly with stored dates
    "2024-W01-1", "2024-1-01", "2024-02-30", "2023-02-29", "2024-01-01\n", " 2024-01-01",
    "2024-01-01T00:00", "yesterday", "",
])
def test_iso_date_refuses_other_forms_naming_the_parameter(text: str) -> None:
    with pytest.raises(InvalidOption) as raised:
        checks.iso_date(text, "--from")
    assert str(raised.value) == f"--from {text!r} is not a date (YYYY-MM-DD)"


def test_optional_date_passes_no_date() -> None:
    assert checks.optional_date(None, "to") is None
    assert checks.optional_date("2025-01-10", "to") == "2025-01-10"
    with pytest.raises(InvalidOption, match=r"^to '10 January' is not a date \(YYYY-MM-DD\)$"):
        checks.optional_date("10 January", "to")


def test_families_accepts_known_ones_and_names_the_rest() -> None:
    assert checks.families(["opposes", "supports"]) == ("opposes", "supports")
    assert checks.families([]) == ()
    with pytest.raises(InvalidOption, match=r"^family 'suports' is not one of supports, opposes, "
                                            r"hesitant, neutral; did you mean supports\?$"):
        checks.families(["opposes", "suports"])
    with pytest.raises(InvalidOption, match=r"^family 'adores' is not one of supports, opposes, "
                                            r"hesitant, neutral$"):
        checks.families(["adores"])
    assert checks.families(["hierarchy"], known=(*checks.FAMILIES, "hierarchy")) == ("hierarchy",)
    with pytest.raises(InvalidOption, match=r"^--family 'x' is not one of a, b$"):
        checks.families(["x"], known=("a", "b"), name="--family")


@pytest.mark.parametrize("text", ["troop-deployment", "s1", "2025"])
def test_slug_accepts_ids(text: str) -> None:
    assert checks.slug(text) == text


@pytest.mark.parametrize("text", ["troop-deployment\n", "Troop", "troop--deployment", "-troop",
                                  "troop_deployment", "", "troop deployment"])
def test_slug_refuses_what_no_id_can_be(text: str) -> None:
    with pytest.raises(NotFound, match=f"^no source {text!r}$".replace("\\", "\\\\")):
        checks.slug(text, "source")


def test_window_defaults_its_step_and_refuses_short_ones() -> None:
    assert checks.window(30) == (30, 30)
    assert checks.window(30, 7) == (30, 7)
    with pytest.raises(InvalidOption, match=r"^window must be at least one day, not 0$"):
        checks.window(0)
    with pytest.raises(InvalidOption, match=r"^--step must be at least one day, not -1$"):
        checks.window(5, -1, names=("--window", "--step"))


@pytest.fixture
def mini_env(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    location = tmp_path / "store"
    monkeypatch.setenv("STANCEGRAPH_STORE", str(location))
    result = runner.invoke(app, ["load", str(mini_dir)])
    assert result.exit_code == 0, result.output
    return location


def _affiliation_actors(*args: str) -> list[str]:
    result = runner.invoke(app, ["network", "affiliation", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["rows"]


def test_cli_refuses_a_date_it_would_compare_wrongly(mini_env: Path) -> None:
    assert _affiliation_actors() == ["Osterlich", "Ruritania", "Sylvania"]
    assert _affiliation_actors("--from", "2025-01-10") == ["Osterlich", "Ruritania"]
    # compared as text, "2025-01-10" < "20250110": that day's statements would be left out
    result = runner.invoke(app, ["network", "affiliation", "--from", "20250110"])
    assert result.exit_code == 1
    assert "from '20250110' is not a date (YYYY-MM-DD)" in result.output
    assert "Traceback" not in result.output
    late = runner.invoke(app, ["export", "-f", "graphml", "--to", "20250110"])
    assert late.exit_code == 1 and "to '20250110' is not a date (YYYY-MM-DD)" in late.output
