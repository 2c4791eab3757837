"""Shape checking by the engine: the SHACL shapes as SPARQL rules (:mod:`graph.shapes.rules`)."""

from __future__ import annotations

import os
from collections.abc import Collection
from concurrent.futures import Future, ThreadPoolExecutor

import pyoxigraph as ox

from graph.errors import QueryError, ShapeViolation
from graph.shapes.rules import Rule, Violation, rules
from graph.store.engine import Engine
from graph.store.results import plain
from graph.vocab import PREFIXES, slug_of


def shape_violations(engine: Engine, only: Collection[int] | None = None) -> list[Violation]:
    """Every violation of the shapes in ``engine``; with ``only``, the violations of those rules
    (indexes into ``rules()``), all of them run.

    Otherwise a screened rule runs only on a path its class's screen flags: one pass over the
    class's values instead of one per constraint, and on conforming data the only pass. The
    queries run on one thread per core (Oxigraph evaluates without holding the GIL); violations
    come in the order of the rules.
    """
    every = rules()
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        if only is not None:
            chosen = [pool.submit(_violations, engine, every[i]) for i in sorted(only)]
            return [violation for future in chosen for violation in future.result()]
        screens = dict.fromkeys(rule.screen for rule in every if rule.screen is not None)
        flagged = {screen: pool.submit(_flagged_paths, engine, screen) for screen in screens}
        found: dict[int, Future[list[Violation]]] = {
            i: pool.submit(_violations, engine, rule) for i, rule in enumerate(every) if rule.screen is None}
        for i, rule in enumerate(every):
            if rule.screen is not None and rule.path in flagged[rule.screen].result():
                found[i] = pool.submit(_violations, engine, rule)
        return [violation for i in sorted(found) for violation in found[i].result()]


def check_shapes(engine: Engine, only: Collection[int] | None = None) -> None:
    """Raise ShapeViolation unless ``engine`` conforms to the shapes (with ``only``: to those rules)."""
    found = shape_violations(engine, only)
    if found:
        raise ShapeViolation(sorted({_describe(v) for v in found}))


def _rows(engine: Engine, query: str) -> ox.QuerySolutions:
    result = engine.query(query)
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("a shape rule must be a SELECT query")
    return result


def _flagged_paths(engine: Engine, screen: str) -> set[str]:
    return {str(plain(row["p"])) for row in _rows(engine, screen)}


def _violations(engine: Engine, rule: Rule) -> list[Violation]:
    return [Violation(str(plain(row["this"])), rule.path, rule.component, rule.message,
                      None if row["value"] is None else str(plain(row["value"])))
            for row in _rows(engine, rule.query)]


def _describe(violation: Violation) -> str:
    """One line per violation, in the manner of :mod:`graph.shapes.validate`."""
    path = f": {violation.path.replace(PREFIXES['sg'], 'sg:')}" if violation.path else ""
    text = f"{slug_of(violation.focus)}{path}: {violation.message}"
    if violation.value is not None and violation.value not in text:
        text += f" (value: {violation.value[:80]})"
    return text
