"""Shared fixtures (a tiny hand-written data set, the seed store) and the ``needs`` marker.

``@pytest.mark.needs("xmllint")`` marks a test that runs a program besides Python (the table is
``tests/tools.txt``). Where the program is missing, the test is skipped and the run ends with one
line per missing program naming the command that installs it; under CI (``CI=true``) the test
fails instead, naming the program.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from graph.store import Store

pytest_plugins = ["pytester"]  # tests/test_tools.py runs the needs marker in a pytest of its own

TESTS = Path(__file__).resolve().parent
REPO_ROOT = TESTS.parent
SEED_SOURCE = REPO_ROOT / "data" / "sources" / "politico-ukraine-guarantees.yaml"
"""The seed: the first coded article. Gate tests check its answers, whatever else data/ holds."""


# --- programs besides Python: the needs marker ------------------------------------------

GRAPHOLOGY = TESTS / "js" / "node_modules" / "graphology"
_MISSING = pytest.StashKey[Counter[str]]()


def tool_installs(table: Path) -> dict[str, str]:
    """Each program of ``table`` (and graphology, from tests/js) with how to install it."""
    installs = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            tool, package = line.split()[:2]
            installs[tool] = (f"apt-get install -y --no-install-recommends {package} "
                              "(`make test` does this when run as root)")
    installs["graphology"] = "npm ci --prefix tests/js (`make test` does this when npm is installed)"
    return installs


INSTALLS = tool_installs(TESTS / "tools.txt")


def tool_present(tool: str) -> bool:
    return GRAPHOLOGY.is_dir() if tool == "graphology" else shutil.which(tool) is not None


def _under_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "needs(*tools): the test runs these programs (tests/tools.txt)")
    config.stash[_MISSING] = Counter()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    needed = [tool for marker in item.iter_markers("needs") for tool in marker.args]
    unknown = [tool for tool in needed if tool not in INSTALLS]
    if unknown:
        pytest.fail(f"needs{tuple(unknown)}: not a tool of tests/tools.txt", pytrace=False)
    missing = [tool for tool in needed if not tool_present(tool)]
    if not missing:
        return
    item.config.stash[_MISSING].update(missing)
    if _under_ci():
        pytest.fail(f"{', '.join(missing)} missing, and under CI (CI=true) nothing is skipped: "
                    + "; ".join(INSTALLS[tool] for tool in missing), pytrace=False)
    pytest.skip(f"{', '.join(missing)} missing")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    missing = config.stash[_MISSING]
    if missing:
        outcome = "failed: under CI nothing is skipped" if _under_ci() else "skipped"
        terminalreporter.section("missing tools")
        for tool, count in sorted(missing.items()):
            terminalreporter.write_line(f"{tool} is not installed ({count} tests {outcome}); "
                                        f"install it with: {INSTALLS[tool]}")


# --- data ----------------------------------------------------------------------------

MINI_TEXT = (
    "Ruritania will never send soldiers to Freedonia, defence minister Anna Berg said on Friday. "
    "Sylvania offered a peacekeeping force instead. "
    "Osterlich warned against any foreign troops."
)


def _span(quote: str) -> dict[str, int | str]:
    start = MINI_TEXT.index(quote)
    return {"quote": quote, "start": start, "end": start + len(quote)}


def mini_data() -> dict[str, dict]:
    """The mini data set as Python data, one entry per file, for tests to alter."""
    actors = {
        "kind": "actors",
        "background": {"id": "test-background", "fields": ["wikidata", "member_of"],
                       "source": "invented for tests", "description": "Test memberships."},
        "actors": [
            {"id": "ruritania", "type": "State", "label": "Ruritania", "aliases": ["Strelsau"],
             "member_of": ["league"]},
            {"id": "sylvania", "type": "State", "label": "Sylvania"},
            {"id": "osterlich", "type": "State", "label": "Osterlich", "aliases": ["Vienna-on-Test"]},
            {"id": "freedonia", "type": "State", "label": "Freedonia"},
            {"id": "league", "type": "Alliance", "label": "The League"},
            {"id": "anna-berg", "type": "Person", "label": "Anna Berg", "aliases": ["Berg"]},
        ],
    }
    issues = {
        "kind": "issues",
        "issues": [
            {"id": "peace-support", "type": "Proposal", "label": "Peace support"},
            {"id": "foreign-troops", "type": "Proposal", "label": "Foreign troops",
             "broader": ["peace-support"]},
            {"id": "peacekeeping-force", "type": "Proposal", "label": "Peacekeeping force",
             "broader": ["foreign-troops"]},
            {"id": "national-soldiers", "type": "Proposal", "label": "Sending national soldiers",
             "broader": ["foreign-troops"]},
        ],
    }
    source = {
        "kind": "source",
        "source": {"id": "mini", "title": "Mini report", "text_file": "mini.txt",
                   "sha256": hashlib.sha256(MINI_TEXT.encode()).hexdigest(),
                   "date": "2025-01-10"},
        "background": [{"id": "friday", "description": "Friday was 2025-01-10.", "source": "tests"}],
        "statements": [
            {"id": "s1", "actor": "ruritania", "speaker": "anna-berg",
             "relation": "declines-to-contribute", "target": "national-soldiers",
             "attribution": "named", **_span("Ruritania will never send soldiers to Freedonia")},
            {"id": "s2", "actor": "anna-berg", "relation": "speaks-for", "target": "ruritania",
             "role": "defence minister", "attribution": "named",
             **_span("defence minister Anna Berg")},
            {"id": "s3", "actor": "sylvania", "relation": "offers", "target": "peacekeeping-force",
             "attribution": "collective", "date": "2025-01-09",
             **_span("Sylvania offered a peacekeeping force instead")},
            {"id": "s4", "actor": "osterlich", "relation": "warns-against", "target": "foreign-troops",
             "attribution": "collective", **_span("Osterlich warned against any foreign troops")},
        ],
    }
    return {"actors.yaml": actors, "issues.yaml": issues, "sources/mini.yaml": source}


def write_data(root: Path, data: dict[str, dict] | None = None) -> Path:
    """Write the (possibly altered) mini data set under ``root``; returns the data directory."""
    data = mini_data() if data is None else data
    directory = root / "data"
    (directory / "sources").mkdir(parents=True, exist_ok=True)
    (directory / "sources" / "mini.txt").write_text(MINI_TEXT, encoding="utf-8")
    for name, content in data.items():
        (directory / name).write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True),
                                      encoding="utf-8")
    return directory


@pytest.fixture
def mini_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path)


@pytest.fixture
def mini_store(mini_dir: Path) -> Store:
    store = Store(None)
    store.load([mini_dir])
    return store


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[[Callable[[dict[str, dict]], None]], Path]:
    """Write the mini data set after ``alter`` has changed it in place."""
    def make(alter: Callable[[dict[str, dict]], None]) -> Path:
        data = mini_data()
        alter(data)
        return write_data(tmp_path, data)
    return make


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The repository's ``data/``: every coded article, the seed and whatever came after it."""
    return REPO_ROOT / "data"


@pytest.fixture(scope="session")
def seed_source() -> Path:
    return SEED_SOURCE


@pytest.fixture(scope="session")
def seed_files(seed_source: Path) -> list[Path]:
    """The seed's own file, with the actors and issues it names."""
    return [seed_source.parent.parent / "actors.yaml", seed_source.parent.parent / "issues.yaml", seed_source]


@pytest.fixture(scope="session")
def seed_statements(seed_source: Path) -> list[dict]:
    """The statements of the seed's own file, as coded."""
    return yaml.safe_load(seed_source.read_text(encoding="utf-8"))["statements"]


@pytest.fixture(scope="session")
def seed_store(seed_files: list[Path]) -> Store:
    """An in-memory store holding the seed: its answers stay the same when articles are added."""
    store = Store(None)
    store.load(seed_files)
    return store
