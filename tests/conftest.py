"""Shared fixtures: a tiny hand-written data set written to a temporary directory, and the seed store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from graph.paths import DATA_DIR
from graph.store import Store

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
def seed_store() -> Store:
    """An in-memory store holding the real data in ``data/``."""
    store = Store(None)
    store.load([DATA_DIR])
    return store
