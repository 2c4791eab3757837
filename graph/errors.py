"""The exception tree of stancegraph: one base error, one subclass per kind of failure."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path


class StancegraphError(Exception):
    """Base class of every error stancegraph raises on purpose."""


class SourceDataError(StancegraphError):
    """A data file cannot be read: bad syntax, a bad field, a dangling reference.

    The message names the file, the line and the record.
    """

    def __init__(self, path: Path | str, message: str, *, line: int | None = None,
                 record: str | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.record = record
        where = self.path + (f":{line}" if line is not None else "")
        what = f" (record {record!r})" if record else ""
        super().__init__(f"{where}{what}: {message}")


class ShapeViolation(StancegraphError):
    """Data do not conform to the SHACL shapes; ``violations`` lists them one per line."""

    def __init__(self, violations: Sequence[str], report: str = "") -> None:
        self.violations = list(violations)
        self.report = report
        lines = "\n".join(f"  - {v}" for v in self.violations)
        super().__init__(f"{len(self.violations)} SHACL violation(s):\n{lines}")


class NotFound(StancegraphError):
    """No actor, issue, relation or statement has the given id; offers close matches."""

    def __init__(self, kind: str, key: str, close_matches: Sequence[str] = ()) -> None:
        self.kind = kind
        self.key = key
        self.close_matches = list(close_matches)
        hint = f"; did you mean {', '.join(self.close_matches)}?" if self.close_matches else ""
        super().__init__(f"no {kind} {key!r}{hint}")

    @classmethod
    def among(cls, kind: str, key: str, candidates: Iterable[str]) -> NotFound:
        """A NotFound for ``key`` that suggests up to three close ``candidates``.

        >>> str(NotFound.among("actor", "polnd", ["poland", "italy"]))
        "no actor 'polnd'; did you mean poland?"
        """
        matches = difflib.get_close_matches(key, list(dict.fromkeys(candidates)), n=6, cutoff=0.6)
        unique = list({m.casefold(): m for m in reversed(matches)}.values())[::-1]
        return cls(kind, key, unique[:3])


class QueryError(StancegraphError):
    """A SPARQL query is malformed or failed in the engine."""


class UnsupportedFormat(StancegraphError):
    """An export or result format stancegraph does not write."""


class Conflict(StancegraphError):
    """A write would overwrite something that exists: a statement or source id already taken."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class InvalidOption(StancegraphError, ValueError):
    """An analysis option that is unknown or does not fit the others (a normalisation of a two-mode network)."""


class ReadOnly(StancegraphError):
    """A write was sent where only reads are served (SPARQL Update to the query endpoint)."""
