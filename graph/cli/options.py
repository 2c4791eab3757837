"""The options many commands share, and option groups: one parameter built from several options."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar, cast

import typer

from graph.analysis import discourse
from graph.analysis.runs import NetworkOptions
from graph.paths import STORE_ENV, default_store_location
from graph.store import Store

R = TypeVar("R")

StoreOption = Annotated[str | None, typer.Option(
    "--store", "-s", envvar=STORE_ENV, show_envvar=True,
    help="Directory of the embedded store (default .stancegraph/store).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
FromOption = Annotated[str | None, typer.Option(
    "--from", help="Only statements dated on or after this day (YYYY-MM-DD).")]
ToOption = Annotated[str | None, typer.Option(
    "--to", help="Only statements dated on or before this day (YYYY-MM-DD).")]
SourceFilter = Annotated[list[str] | None, typer.Option(
    "--source", help="Only statements of this source id (repeatable).")]
FamilyFilter = Annotated[list[str] | None, typer.Option(
    "--family", help="Only relations of this family: supports, opposes, hesitant, neutral (repeatable).")]
FoldOption = Annotated[bool, typer.Option(
    "--fold-persons", help="Draw a person's statements from the state or body they speak for.")]
HierarchyOption = Annotated[bool, typer.Option(
    "--hierarchy", help="Add an edge from each proposal to its broader ones.")]
DirectOnlyOption = Annotated[bool, typer.Option(
    "--direct-only", help="Do not include narrower proposals.")]
RollUpOption = Annotated[list[str] | None, typer.Option(
    "--roll-up", help="Count statements on a proposal or a narrower one as on this proposal "
                      "(repeatable; the narrowest listed wins).")]
LevelOption = Annotated[int | None, typer.Option(
    "--level", help="Count statements as on their ancestor at this level of the proposal "
                    "hierarchy (0 = top).")]
DuplicatesOption = Annotated[discourse.Duplicates, typer.Option(
    "--duplicates", help="Count repeated statements (same actor, proposal, polarity) all, or once "
                         "per document, ISO week, month, year, or the whole range.")]
IsolatesOption = Annotated[bool, typer.Option(
    "--isolates", help="Keep every actor and proposal as a row or column, also without statements.")]
NormalizeOption = Annotated[discourse.Normalization, typer.Option(
    "--normalize", help="Normalise tie weights: none, average (DNA), jaccard (DNA), cosine (true "
                        "cosine) or dna-cosine (divided by the product of statement counts).")]
WindowOption = Annotated[int | None, typer.Option(
    "--window", help="Run over sliding windows of this many days (one result per window).")]
StepOption = Annotated[int | None, typer.Option(
    "--step", help="Days between the starts of windows (default: the window length).")]
MethodOption = Annotated[str, typer.Option(
    "--method", help="Community detection: greedy (modularity, deterministic) or louvain.")]
SeedOption = Annotated[int, typer.Option("--seed", help="Seed of the louvain method.")]


def open_store(store: str | None) -> Store:
    """The store the ``--store`` option names, by default the one of the environment."""
    return Store.open(store or default_store_location())


def grouped(**groups: Callable[..., Any]) -> Callable[[Callable[..., R]], Callable[..., R]]:
    """Let a command take option groups, as a FastAPI route takes ``Depends``.

    Each keyword names a parameter of the command and the function that builds its value; the
    builder's parameters (typer options) stand on the command line in that parameter's place,
    and the command receives what the builder returns. Typer reads a command's options from its
    signature, so the decorated command's ``__signature__`` lists the builders' parameters.
    """
    def decorate(command: Callable[..., R]) -> Callable[..., R]:
        signature = inspect.signature(command, eval_str=True)
        members = {name: list(inspect.signature(build, eval_str=True).parameters.values())
                   for name, build in groups.items()}
        parameters = [member for parameter in signature.parameters.values()
                      for member in members.get(parameter.name, [parameter])]

        @functools.wraps(command)
        def wrapper(**options: Any) -> R:
            for name, build in groups.items():
                options[name] = build(**{p.name: options.pop(p.name) for p in members[name]})
            return command(**options)

        # inspect.signature, and so typer, read a function's __signature__ first; mypy knows
        # no such attribute of a function
        cast(Any, wrapper).__signature__ = signature.replace(parameters=parameters)
        return wrapper
    return decorate


def network_options(
    normalize: NormalizeOption = discourse.Normalization.AVERAGE,
    duplicates: DuplicatesOption = discourse.Duplicates.ALL,
    roll_up: RollUpOption = None,
    level: LevelOption = None,
    families: FamilyFilter = None,
    fold_persons: FoldOption = False,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = None,
    step: StepOption = None,
) -> NetworkOptions:
    """The option group of the analyses of the congruence network (coalitions, centrality)."""
    return NetworkOptions(normalization=normalize, duplicates=duplicates,
                          roll_up=tuple(roll_up or ()), level=level, families=tuple(families or ()),
                          fold_persons=fold_persons, start=start, end=end, window=window, step=step)
