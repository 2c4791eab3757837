"""What the sections of one benchmark run share: options, the corpus, its files, the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.bench.corpus import Corpus
from graph.store import Store


@dataclass(frozen=True)
class Options:
    """Options of a run.

    Parameters
    ----------
    n
        Statements in the corpus.
    seed
        Seed of the corpus generator.
    rdflib_max
        Largest corpus rdflib is given; above it the rdflib baseline runs on a corpus of this size.
    yaml_max
        Largest corpus loaded through the YAML data-directory path (pyshacl validates it).
    duration
        Seconds of HTTP load per endpoint.
    connections
        Concurrent HTTP connections.
    max_requests
        Upper bound of HTTP requests per endpoint (the load stops at whichever bound comes first).
    who_runs
        Timed runs of the in-process headline query.
    """

    n: int = 10_000
    seed: int = 0
    rdflib_max: int = 100_000
    yaml_max: int = 1_000
    duration: float = 5.0
    connections: int = 10
    max_requests: int = 200_000
    who_runs: int = 200


@dataclass
class Context:
    """The state one run builds up, section after section."""

    options: Options
    work: Path
    corpus: Corpus
    nquads: Path
    yaml_dir: Path | None = None
    store: Store | None = None
    store_dir: Path | None = None
    baseline_dir: Path | None = None
    headline: dict[str, Any] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)

    def check(self, name: str, equal: bool) -> bool:
        """Record whether an answer equals its baseline's; a difference fails the run."""
        if not equal:
            self.mismatches.append(name)
        return equal
