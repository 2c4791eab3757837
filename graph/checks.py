"""The checks every surface shares: dates, relation families, ids, time windows.

The library, the CLI and the API call these, so each rule is decided and worded once. Each check
takes the name of the parameter the caller was given (``--from`` on the command line, ``from`` in
the API), returns the value it accepted and raises :class:`~graph.errors.InvalidOption` (or
:class:`~graph.errors.NotFound` for an id) otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from graph.errors import InvalidOption, NotFound
from graph.vocab import is_slug

__all__ = ["FAMILIES", "STANCE_FAMILIES", "families", "iso_date", "optional_date", "slug", "window"]

FAMILIES = ("supports", "opposes", "hesitant", "neutral")
"""The relation families of the ontology (``sg:family``)."""

STANCE_FAMILIES = FAMILIES[:3]
"""The families that take a side (camps and discourse networks count these by default)."""


def iso_date(text: str, name: str = "date") -> str:
    """``text`` if it is a calendar date written ``YYYY-MM-DD``.

    Python's ``date.fromisoformat`` also reads ``20240101`` and ``2024-W01-1``; stored dates and
    their comparisons are ``YYYY-MM-DD`` strings, so only that form is accepted.

    Raises
    ------
    InvalidOption
        Another form, or a day the calendar does not have.

    Examples
    --------
    >>> iso_date("2024-02-29")
    '2024-02-29'
    >>> iso_date("20240101", "--from")
    Traceback (most recent call last):
    ...
    graph.errors.InvalidOption: --from '20240101' is not a date (YYYY-MM-DD)
    """
    try:
        if dt.date.fromisoformat(text).isoformat() == text:
            return text
    except (TypeError, ValueError):
        pass
    raise InvalidOption(f"{name} {text!r} is not a date (YYYY-MM-DD)")


def optional_date(text: str | None, name: str = "date") -> str | None:
    """:func:`iso_date` of ``text``, or None when no date is given."""
    return None if text is None else iso_date(text, name)


def families(given: Iterable[str], known: Sequence[str] = FAMILIES,
             name: str = "family") -> tuple[str, ...]:
    """``given`` as a tuple if each is one of ``known`` (by default :data:`FAMILIES`).

    Raises
    ------
    InvalidOption
        A family that is not known; the message lists the known ones and close matches.

    Examples
    --------
    >>> families(["opposes", "suports"])  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    graph.errors.InvalidOption: family 'suports' is not one of supports, opposes, hesitant, neutral;
    did you mean supports?
    """
    chosen = tuple(given)
    for family in chosen:
        if family not in known:
            close = NotFound.among(name, family, known).close_matches
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise InvalidOption(f"{name} {family!r} is not one of {', '.join(known)}{hint}")
    return chosen


def slug(text: str, kind: str = "id") -> str:
    """``text`` if it is an id: lowercase letters and digits joined by single hyphens.

    Raises
    ------
    NotFound
        ``text`` cannot be the id of any ``kind``, so nothing has it.

    >>> slug("troop-deployment")
    'troop-deployment'
    >>> slug("troop-deployment\\n", "proposal")
    Traceback (most recent call last):
    ...
    graph.errors.NotFound: no proposal 'troop-deployment\\n'
    """
    if not is_slug(text):
        raise NotFound(kind, text)
    return text


def window(days: int, step: int | None = None, *, names: tuple[str, str] = ("window", "step"),
           ) -> tuple[int, int]:
    """The length and the step (default: the length) of sliding time windows, in days.

    Raises
    ------
    InvalidOption
        Either is below one day.

    >>> window(30), window(30, 7)
    ((30, 30), (30, 7))
    >>> window(0, names=("--window", "--step"))
    Traceback (most recent call last):
    ...
    graph.errors.InvalidOption: --window must be at least one day, not 0
    """
    step = days if step is None else step
    for name, value in zip(names, (days, step), strict=True):
        if value < 1:
            raise InvalidOption(f"{name} must be at least one day, not {value}")
    return days, step
