"""A small debate for the analysis tests: four states, hesitant and repeated stances, two years.

Avalon backs the peacekeeping force four times (twice in one document on 2024-01-02, once on
2024-01-20, once in another document on 2025-01-03: ISO week 1 of both years); Brigadoon,
Camelot and Dunland oppose troops; Brigadoon and Camelot hesitate about aid, Dunland supports it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from graph.analysis.view import ViewFilter, stance_graph
from graph.store import Store

TEXTS = {
    "src1": ("Avalon backs a peacekeeping force. Avalon again backs the force. Brigadoon opposes any "
             "troops. Brigadoon is reserved about aid. Camelot rejects the force. Camelot doubts the "
             "aid. Dunland supports aid. Dunland rejects the force. Dunland discusses troops. Avalon "
             "backs the force once more. Percival speaks for Avalon."),
    "src2": "Avalon offers a peacekeeping force.",
}
SOURCE_DATES = {"src1": "2024-01-02", "src2": "2025-01-03"}
# (source, id, actor, relation, target, quote, date)
STATEMENTS = [
    ("src1", "s1", "avalon", "supports", "force", "Avalon backs a peacekeeping force", None),
    ("src1", "s2", "avalon", "supports", "force", "Avalon again backs the force", None),
    ("src1", "s3", "brigadoon", "opposes", "troops", "Brigadoon opposes any troops", None),
    ("src1", "s4", "brigadoon", "is-reserved-about", "aid", "Brigadoon is reserved about aid", "2024-01-05"),
    ("src1", "s5", "camelot", "rejects", "force", "Camelot rejects the force", None),
    ("src1", "s6", "camelot", "is-sceptical-of", "aid", "Camelot doubts the aid", "2024-01-05"),
    ("src1", "s7", "dunland", "supports", "aid", "Dunland supports aid", None),
    ("src1", "s8", "dunland", "rejects", "force", "Dunland rejects the force", None),
    ("src1", "s9", "dunland", "discusses", "troops", "Dunland discusses troops", None),
    ("src1", "s10", "avalon", "supports", "force", "Avalon backs the force once more", "2024-01-20"),
    ("src1", "s11", "percival", "speaks-for", "avalon", "Percival speaks for Avalon", None),
    ("src2", "s1", "avalon", "offers", "force", "Avalon offers a peacekeeping force", None),
]


def write_debate(root: Path) -> Path:
    """Write the debate as data files under ``root``; returns the data directory."""
    directory = root / "debate"
    (directory / "sources").mkdir(parents=True)
    actors = {
        "kind": "actors",
        "background": {"id": "debate-background", "fields": [], "source": "invented for tests",
                       "description": "None."},
        "actors": [{"id": slug, "type": "State", "label": slug.capitalize()}
                   for slug in ("avalon", "brigadoon", "camelot", "dunland")]
        + [{"id": "percival", "type": "Person", "label": "Percival"}],
    }
    issues = {"kind": "issues", "issues": [
        {"id": "peace", "type": "Proposal", "label": "Peace plan"},
        {"id": "troops", "type": "Proposal", "label": "Troops", "broader": ["peace"]},
        {"id": "force", "type": "Proposal", "label": "Peacekeeping force", "broader": ["troops"]},
        {"id": "aid", "type": "Proposal", "label": "Aid", "broader": ["peace"]},
    ]}
    files = {"actors.yaml": actors, "issues.yaml": issues}
    for source, text in TEXTS.items():
        (directory / "sources" / f"{source}.txt").write_text(text, encoding="utf-8")
        statements = []
        for src, sid, actor, relation, target, quote, date in STATEMENTS:
            if src != source:
                continue
            start = text.index(quote)
            record = {"id": sid, "actor": actor, "relation": relation, "target": target, "quote": quote,
                      "start": start, "end": start + len(quote), "attribution": "collective"}
            if date:
                record["date"] = date
            statements.append(record)
        files[f"sources/{source}.yaml"] = {
            "kind": "source",
            "source": {"id": source, "title": f"Report {source}", "text_file": f"{source}.txt",
                       "sha256": hashlib.sha256(text.encode()).hexdigest(), "date": SOURCE_DATES[source]},
            "statements": statements,
        }
    for name, content in files.items():
        (directory / name).write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def debate_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_debate(tmp_path_factory.mktemp("debate"))


@pytest.fixture(scope="session")
def debate_store(debate_dir: Path) -> Store:
    store = Store(None)
    store.load([debate_dir])
    return store


@pytest.fixture(scope="session")
def debate(debate_store: Store):
    """The debate's stance view with the issue hierarchy."""
    return stance_graph(debate_store, ViewFilter(hierarchy=True))
