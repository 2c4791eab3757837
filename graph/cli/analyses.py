"""The analyses: camps, path, network, coalitions, centrality.

Each runs on the whole range of dates, or with ``--window`` once per sliding window; a series
of windows is printed as JSON (a list, one result per window with its ``start`` and ``end``).
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer
from rich.console import Group, RenderableType
from rich.table import Table

from graph.analysis import camps, discourse, paths, runs, windows
from graph.analysis.coalitions import Coalition
from graph.cli.options import (
    DirectOnlyOption, DuplicatesOption, FamilyFilter, FoldOption, FromOption, IsolatesOption,
    JsonOption, LevelOption, MethodOption, NormalizeOption, RollUpOption, SeedOption, StepOption,
    StoreOption, ToOption, WindowOption, grouped, network_options, open_store,
)
from graph.cli.output import (
    evidence_table,
    friendly,
    output,
    table,
    write_file,
    write_stdout,
)
from graph.errors import InvalidOption
from graph.export import write_graphml, write_matrix

commands = typer.Typer()


def _camps(direct_only: bool, found: camps.Camps) -> Group:
    scope = "" if direct_only else " and narrower proposals"
    parts: list[RenderableType] = [f"[bold]camps on {found.proposal.label}[/] ({found.proposal.id}){scope}"]
    for camp, members in (("for", found.supporters), ("against", found.opponents),
                          ("hesitant", found.hesitant)):
        names = ", ".join(m.label for m in members) or "nobody"
        parts.append(evidence_table(f"{camp}: {names}", [e for m in members for e in m.evidence]))
    return Group(*parts)


@commands.command("camps")
@friendly
def camps_command(
    proposal: Annotated[str, typer.Argument(help="Id, label or alias of a proposal.")],
    start: FromOption = None,
    end: ToOption = None,
    direct_only: DirectOnlyOption = False,
    window: WindowOption = None,
    step: StepOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """The actors for, against and hesitant about a proposal (and its narrower ones), with evidence.

    Example: stancegraph camps troop-deployment
    Example: stancegraph camps troop-deployment --window 365 --json
    """
    with open_store(store) as db:
        if windows.windowed(window, step):
            output(windows.camps_windows(db, proposal, window, step, start=start, end=end,
                                         direct_only=direct_only))
        else:
            output(camps.camps(db, proposal, start=start, end=end, direct_only=direct_only),
                   as_json, lambda found: _camps(direct_only, found))


def _paths(max_length: int, found: paths.Paths) -> Group:
    if not found.paths:
        return Group(f"no path from {found.source.label} to {found.target.label} within "
                     f"{max_length} steps")
    lines = []
    for number, walk in enumerate(found.paths, start=1):
        route = walk.labels[0] + "".join(f" {'→' if s.forward else '←'} {label}"
                                         for s, label in zip(walk.steps, walk.labels[1:], strict=True))
        kind = "shortest" if walk.shortest else "longer"
        lines.append(f"[bold]{number}.[/] {route}  [dim]({walk.length} steps, {kind})[/]")
        lines.extend(f"    {'→' if step.forward else '←'} {step.sentence}" for step in walk.steps)
    return Group(*lines)


@commands.command("path")
@friendly
def path_command(
    source: Annotated[str, typer.Argument(help="Id, label or alias of an actor or proposal.")],
    target: Annotated[str, typer.Argument(help="Id, label or alias of an actor or proposal.")],
    k: Annotated[int, typer.Option("-k", help="At most this many paths, shortest first.")] = 3,
    max_length: Annotated[int, typer.Option("--max-length", help="No path longer than this many steps.")] = 6,
    direction: Annotated[str, typer.Option(
        "--direction", help="any (edges both ways), forward (actor to proposal, narrower to broader) "
                            "or backward.")] = "any",
    families: Annotated[list[str] | None, typer.Option(
        "--family", help="Families a path may cross: supports, opposes, hesitant, neutral, hierarchy "
                         "(repeatable; default all).")] = None,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = None,
    step: StepOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """How two actors or proposals are connected: the shortest paths, each step with its quote.

    Example: stancegraph path poland russia --family supports --family opposes --family hierarchy
    Example: stancegraph path poland russia --window 30 --json
    """
    crossed = tuple(families or ())
    with open_store(store) as db:
        if windows.windowed(window, step):
            output(windows.paths_windows(db, source, target, window, step, k=k, max_length=max_length,
                                         direction=direction, families=crossed, start=start, end=end))
        else:
            output(paths.paths(db, source, target, k=k, max_length=max_length, direction=direction,
                                 families=crossed, start=start, end=end),
                   as_json, lambda found: _paths(max_length, found))


class OutputFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    GRAPHML = "graphml"


@commands.command("network")
@friendly
def network_command(
    kind: Annotated[discourse.NetworkKind, typer.Argument(
        help="affiliation (two-mode, actors x proposals) or a one-mode aggregation: ignore, "
             "congruence, conflict, subtract.")],
    of: Annotated[discourse.Mode, typer.Option(
        "--of", help="One-mode networks of actors (tied by shared proposals) or of proposals.")]
        = discourse.Mode.ACTORS,
    aggregate: Annotated[str | None, typer.Option(
        "--aggregate", help="affiliation only: subtract (default), ignore or combine.")] = None,
    normalize: NormalizeOption = discourse.Normalization.NONE,
    duplicates: DuplicatesOption = discourse.Duplicates.ALL,
    isolates: IsolatesOption = False,
    roll_up: RollUpOption = None,
    level: LevelOption = None,
    families: FamilyFilter = None,
    fold_persons: FoldOption = False,
    start: FromOption = None,
    end: ToOption = None,
    window: WindowOption = None,
    step: StepOption = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="json, csv (a labelled matrix) "
                                              "or graphml.")] = OutputFormat.JSON,
    output_file: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """A discourse network as DNA computes it, as a matrix (JSON, CSV) or a graph (GraphML).

    Example: stancegraph network congruence --roll-up troop-deployment --normalize average
    """
    if aggregate is not None and kind is not discourse.NetworkKind.AFFILIATION:
        raise InvalidOption("--aggregate is for affiliation networks; a one-mode network's "
                            "aggregation is its KIND")
    options = runs.NetworkOptions(
        normalization=normalize, duplicates=duplicates, isolates=isolates,
        roll_up=tuple(roll_up or ()), level=level, families=tuple(families or ()),
        fold_persons=fold_persons, start=start, end=end, window=window, step=step)
    if fmt is OutputFormat.CSV and window is not None:
        raise InvalidOption("csv holds one matrix; use --format json or graphml with --window")
    with open_store(store) as db:
        found = runs.networks(db, kind, options, of, aggregate)
    if fmt is OutputFormat.JSON:
        data = found[0].to_dict() if window is None else \
            [{"start": n.start, "end": n.end, **n.to_dict()} for n in found]
        if output_file is None:
            output(data)
        else:
            write_file(output_file, lambda s: s.write(json.dumps(data, ensure_ascii=False).encode()))
        return

    def writer(stream: BinaryIO) -> None:
        if fmt is OutputFormat.CSV:
            write_matrix(found[0].row_labels, found[0].column_labels, found[0].dense(), stream)
        else:
            write_graphml(found[0].to_graph() if window is None else runs.window_graph(found), stream)

    if output_file is None:
        write_stdout(writer)
    else:
        write_file(output_file, writer)


def _coalition_rows(rows: Table, title: str, groups: list[Coalition]) -> None:
    for index, group in enumerate(groups):
        binds = "; ".join(f"{b.side} {b.label} ({len(b.members)})" for b in group.binds)
        rows.add_row(f"{title} {index}", ", ".join(group.labels), binds)


def _alignment(window: runs.CoalitionsAndBlocs) -> Table:
    found, split = window.communities, window.blocs
    period = f" {found.start or '…'} to {found.end or '…'}" if found.start or found.end else ""
    rows = Table(title=f"coalitions{period}: polarisation {split.polarisation:.3f} "
                       f"(cohesion {split.cohesion:.3f}, division {split.division:.3f})",
                 show_lines=True, title_justify="left")
    for column in ("group", "members", "bound by"):
        rows.add_column(column, overflow="fold")
    _coalition_rows(rows, "community", found.coalitions)
    _coalition_rows(rows, "bloc", split.blocs)
    if found.unaligned:
        rows.add_row("unaligned", ", ".join(found.unaligned), "")
    return rows


@commands.command("coalitions")
@friendly
@grouped(options=network_options)
def coalitions_command(
    options: runs.NetworkOptions,
    method: MethodOption = "greedy",
    seed: SeedOption = 0,
    blocs: Annotated[int, typer.Option("--blocs", help="Number of blocs of the signed network.")] = 2,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Coalitions (communities of agreement), blocs of the signed network and the polarisation.

    Example: stancegraph coalitions --roll-up troop-deployment
    """
    with open_store(store) as db:
        found = runs.coalitions_and_blocs(db, options, method, seed, blocs)
    # JSON of the whole range is its one result; people get a table per window
    output(found if options.window is not None else found[0], as_json,
           lambda _: Group(*map(_alignment, found)))


def _centrality(found: runs.CentralityWindow) -> Table:
    period = f" {found.start or '…'} to {found.end or '…'}" if found.start or found.end else ""
    rows = table(f"centrality on the congruence network{period}", "actor", "degree",
                 "strength", "betweenness", "coalition", "participation", "broker between")
    for x in found.actors:
        rows.add_row(x.label, str(x.degree), f"{x.strength:.3g}", f"{x.betweenness:.3f}",
                     "" if x.coalition is None else str(x.coalition), f"{x.participation:.3f}",
                     ", ".join(str(c) for c in x.bridges) if x.broker else "")
    return rows


@commands.command("centrality")
@friendly
@grouped(options=network_options)
def centrality_command(
    options: runs.NetworkOptions,
    method: MethodOption = "greedy",
    seed: SeedOption = 0,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Degree, betweenness and brokerage on the congruence network: who sits between camps.

    Example: stancegraph centrality --roll-up troop-deployment
    """
    with open_store(store) as db:
        found = runs.centrality(db, options, method, seed)
    # JSON of the whole range is its actors; people get a table per window
    output(found if options.window is not None else found[0].actors, as_json,
           lambda _: Group(*map(_centrality, found)))
