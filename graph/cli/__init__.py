"""The ``stancegraph`` command line: thin commands over the library, tables for people, JSON for scripts."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO, ParamSpec, TypeVar

import networkx as nx
import typer
import uvicorn
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from graph.analysis import camps, centrality, coalitions, discourse, evidence, listings, paths, resolution, timeline

from graph.coding import dna
from graph.errors import InvalidOption, StancegraphError, UnsupportedFormat
from graph.export import (
    ExportFormat, network, write, write_graphml, write_matrix, write_tables,
)
from graph.analysis.view import ViewFilter, span, stance_graph
from graph.paths import DATA_DIR, STORE_ENV, default_store_location
from graph.store import Store, query_form

app = typer.Typer(
    name="stancegraph", no_args_is_help=True, add_completion=False,
    help="Who stands where in a political debate: a knowledge graph of actors, proposals and stances.",
)
out = Console()
err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", envvar=STORE_ENV, show_envvar=True,
                 help="Directory of the embedded store (default .stancegraph/store)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into a one-line message and exit status 1."""
    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except StancegraphError as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from error
    return wrapper


def _open(store: str | None) -> Store:
    return Store.open(store or default_store_location())


def _print_json(data: object) -> None:
    out.print_json(json.dumps(data, ensure_ascii=False), highlight=False)


def _table(title: str, *columns: str) -> Table:
    """A table whose first column holds ids, which must never be folded."""
    table = Table(title=title, title_justify="left")
    table.add_column(columns[0], no_wrap=True)
    for column in columns[1:]:
        table.add_column(column)
    return table


def _evidence_table(title: str, rows: list[evidence.Evidence]) -> Table:
    table = Table(title=title, show_lines=True, title_justify="left")
    for column in ("actor", "relation", "target", "speaker", "quote"):
        table.add_column(column, overflow="fold")
    table.add_column("date", no_wrap=True)
    for e in rows:
        speaker = e.speaker_label or (f"according to {e.according_to}" if e.according_to else "")
        quote = f"“{e.quote}”" + (f"\n[dim]if: {e.condition}[/]" if e.condition else "")
        table.add_row(e.actor_label, e.relation_label, e.target_label, speaker, quote, e.date)
    return table


@app.command()
@_friendly
def load(
    paths: Annotated[list[Path] | None, typer.Argument(help="Data files or directories (default: data/).")] = None,
    store: StoreOption = None,
) -> None:
    """Load YAML data files into the store, atomically and idempotently.

    Example: stancegraph load data/
    """
    targets = paths or [DATA_DIR]
    with _open(store) as db, Progress(console=err, transient=True) as progress:
        task = progress.add_task("reading and validating", total=None)
        report = db.load(targets, progress=lambda name: progress.update(task, description=name))
    for name, count in report.files:
        out.print(f"{name}: {count} triples")
    out.print(f"loaded {report.statements} statements, {report.triples} triples "
              f"into {db.url or db.location or 'memory'}")


@app.command()
@_friendly
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the HTTP API (and SPARQL endpoint) on the store.

    Example: STANCEGRAPH_STORE=var/store stancegraph serve --port 8000
    """
    if store:
        os.environ[STORE_ENV] = store
    out.print(f"serving {store or default_store_location()} on http://{host}:{port} (docs at /docs)")
    # the app is named by its import path, so the library never imports the API layer
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, log_level="info")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Benchmark the store, queries, networks, exports and the API against their baselines.

    Options go to ``python -m graph.bench`` (see --n, --out ...; ``python -m graph.bench --help``).

    Example: stancegraph bench --n 100000 --out bench/results
    """
    # run as a program, in a fresh interpreter whose memory and timings are its own
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "graph.bench", *ctx.args])
    raise typer.Exit(done.returncode)


@app.command()
@_friendly
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Data files or directories; none: the store.")] = None,
    store: StoreOption = None,
) -> None:
    """Check data files (or the whole store) against the SHACL shapes without writing.

    Example: stancegraph validate data/sources/politico-ukraine-guarantees.yaml
    """
    with _open(store) as db:
        if paths:
            files = db.read(paths)
            out.print(f"{len(files)} file(s) conform to the shapes")
        else:
            db.check()
            out.print(f"the store at {db.url or db.location} conforms to the shapes ({len(db)} quads)")


@app.command()
@_friendly
def actors(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the actors.

    Example: stancegraph actors --json
    """
    with _open(store) as db:
        found = listings.actors(db)
    if as_json:
        _print_json([a.model_dump() for a in found])
        return
    table = _table("Actors", "id", "label", "type", "speaks for", "statements", "wikidata")
    for a in found:
        table.add_row(a.id, a.label, a.type, ", ".join(a.speaks_for), str(a.statements), a.wikidata or "")
    out.print(table)


@app.command()
@_friendly
def proposals(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the proposals and commitments with their broader ones.

    Example: stancegraph proposals
    """
    with _open(store) as db:
        found = listings.issues(db)
    if as_json:
        _print_json([i.model_dump() for i in found])
        return
    table = _table("Proposals and commitments", "id", "label", "type", "broader", "statements")
    for i in found:
        table.add_row(i.id, i.label, i.type, ", ".join(i.broader), str(i.statements))
    out.print(table)


@app.command()
@_friendly
def relations(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the relations of the hierarchy with family and polarity.

    Example: stancegraph relations
    """
    with _open(store) as db:
        found = resolution.relations(db)
    if as_json:
        _print_json([r.model_dump() for r in found])
        return
    table = _table("Relations", "id", "label", "under", "family", "polarity")
    for r in found:
        table.add_row(r.id, r.label, r.broader or "", r.family, f"{r.polarity:+d}")
    out.print(table)


@app.command()
@_friendly
def show(
    key: Annotated[str, typer.Argument(help="Id, label or alias of an actor or proposal.")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an actor or proposal with all its statements and quotes.

    Example: stancegraph show poland
    """
    with _open(store) as db:
        found = listings.profile(db, key)
    if as_json:
        _print_json(found.model_dump())
        return
    e = found.entity
    out.print(f"[bold]{e.label}[/] ({e.type}, id {e.id})")
    if found.actor and found.actor.speaks_for:
        out.print(f"speaks for: {', '.join(found.actor.speaks_for)}"
                  + (f" as {found.actor.role}" if found.actor.role else ""))
    if found.issue:
        if found.issue.broader:
            out.print(f"broader: {', '.join(found.issue.broader)}")
        if found.issue.narrower:
            out.print(f"narrower: {', '.join(found.issue.narrower)}")
    out.print(_evidence_table(f"{len(found.statements)} statement(s)", found.statements))


@app.command()
@_friendly
def who(
    relation: Annotated[str, typer.Argument(help="A relation: opposes, supports, rules-out, warns-against ...")],
    target: Annotated[str, typer.Argument(help="Id, label or alias of a proposal or actor.")],
    direct_only: Annotated[bool, typer.Option("--direct-only", help="Do not include narrower proposals.")] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who bears RELATION to TARGET, with the quotes that show it.

    Example: stancegraph who opposes troop-deployment
    """
    with _open(store) as db:
        found = evidence.who(db, relation, target, direct_only=direct_only)
    if as_json:
        _print_json([e.model_dump() for e in found])
        return
    scope = "" if direct_only else " (and narrower proposals)"
    actors_found = sorted({e.actor_label for e in found})
    out.print(_evidence_table(f"who {relation} {target}{scope}: {', '.join(actors_found) or 'nobody'}",
                              found))


@app.command()
@_friendly
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL query, or a file holding one.")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) over all graphs.

    Example: stancegraph sparql 'SELECT ?s WHERE { ?s a <https://w3id.org/stancegraph/ontology#State> }'
    """
    path = Path(query)
    text = path.read_text(encoding="utf-8") if len(query) < 4096 and path.is_file() else query
    form = query_form(text)
    with _open(store) as db:
        answer = {"ask": db.ask, "select": db.select, "construct": db.construct}[form](text)
    if isinstance(answer, bool):
        _print_json(answer) if as_json else out.print(str(answer).lower())
    elif isinstance(answer, list):
        rows = answer
        if as_json:
            _print_json(rows)
            return
        table = Table(*(rows[0].keys() if rows else ()), title=f"{len(rows)} row(s)")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        out.print(table)
    else:
        typer.echo(answer.serialize(format="json-ld" if as_json else "turtle"))


# --- exports and pictures -----------------------------------------------------

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


def _view(start: str | None, end: str | None, sources: list[str] | None,
          families: list[str] | None, fold_persons: bool, hierarchy: bool) -> ViewFilter:
    return ViewFilter(start=start, end=end, sources=tuple(sources or ()),
                      families=tuple(families or ()), fold_persons=fold_persons, hierarchy=hierarchy)


def _write_file(path: Path, write_to: Callable[[BinaryIO], None]) -> None:
    """Write a file through ``write_to``; a failed write leaves no partial file behind."""
    try:
        stream = path.open("wb")
    except OSError as error:
        raise StancegraphError(f"cannot write {path}: {error.strerror or error}") from error
    try:
        with stream:
            write_to(stream)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _export_format(fmt: str | None, output: Path | None) -> ExportFormat:
    if fmt:
        return ExportFormat.parse(fmt)
    if output is not None and output.suffix:
        return ExportFormat.parse(output.suffix[1:])
    raise UnsupportedFormat("give --format (" + ", ".join(f.value for f in ExportFormat)
                            + ") or an -o file with one of their extensions")


@app.command("export")
@_friendly
def export_command(
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="turtle, ntriples, nquads, trig, jsonld, rdfxml, graphml, gexf or csv "
                               "(default: from the extension of -o).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: stdout). csv: FILE.zip, or a directory "
                               "for nodes.csv and edges.csv.")] = None,
    start: FromOption = None,
    end: ToOption = None,
    sources: SourceFilter = None,
    families: FamilyFilter = None,
    fold_persons: FoldOption = False,
    hierarchy: HierarchyOption = False,
    dynamic: Annotated[bool, typer.Option(
        "--dynamic", help="gexf: a timeline; statements appear on their dates.")] = False,
    store: StoreOption = None,
) -> None:
    """Export the store as RDF, or the stance graph for Gephi, Gephi Lite and network tools.

    RDF formats hold the whole store; the filters shape the network formats (graphml, gexf, csv).

    Example: stancegraph export --format gexf --dynamic --family supports --family opposes -o debate.gexf
    """
    chosen = _export_format(fmt, output)
    view = _view(start, end, sources, families, fold_persons, hierarchy)
    to_stdout = output is None or str(output) == "-"
    if chosen is ExportFormat.CSV and not to_stdout and output.suffix.lower() == ".csv":
        raise UnsupportedFormat("csv is two tables: give -o FILE.zip, or -o DIRECTORY for "
                                "nodes.csv and edges.csv")
    with _open(store) as db:
        if chosen is ExportFormat.CSV and not to_stdout and (output.is_dir() or not output.suffix):
            nodes, edges = write_tables(db, output, view)
            out.print(f"wrote {nodes} and {edges}", soft_wrap=True)
            return
        if to_stdout:
            stdout = typer.get_binary_stream("stdout")
            if chosen is ExportFormat.CSV and stdout.isatty():
                raise UnsupportedFormat("csv is a zip archive: give -o FILE.zip or -o DIRECTORY")
            write(db, chosen, stdout, view, dynamic=dynamic)
            stdout.flush()
            return
        _write_file(output, lambda stream: write(db, chosen, stream, view, dynamic=dynamic))
    out.print(f"wrote {output} ({chosen.value}, {output.stat().st_size:,} bytes)", soft_wrap=True)


@app.command("render")
@_friendly
def render_command(
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="png or svg (default: from the extension of -o, else png).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: stance-graph.png or .svg; - for stdout).")] = None,
    title: Annotated[str | None, typer.Option(help="Title above the drawing.")] = None,
    start: FromOption = None,
    end: ToOption = None,
    sources: SourceFilter = None,
    families: FamilyFilter = None,
    fold_persons: FoldOption = False,
    hierarchy: HierarchyOption = False,
    discourse_network: Annotated[discourse.NetworkKind | None, typer.Option(
        "--network", help="Draw this discourse network (affiliation, congruence, conflict, "
                          "subtract, ignore) instead of the stance graph.")] = None,
    roll_up: RollUpOption = None,
    store: StoreOption = None,
) -> None:
    """Draw the stance graph, or a discourse network, as PNG or SVG, in the colours of the GEXF
    export, with a legend.

    Example: stancegraph render --format svg -o stance-graph.svg --family supports --family opposes
    Example: stancegraph render --network congruence --roll-up troop-deployment -o congruence.png
    """
    from graph.export import render  # matplotlib is slow to import; only this command needs it

    kind = (fmt or (output.suffix[1:] if output is not None and output.suffix else "png")).lower()
    if kind not in render.FORMATS:
        raise UnsupportedFormat(f"no picture format {kind!r}; choose one of {', '.join(render.FORMATS)}")
    if discourse_network is None:
        with _open(store) as db:
            G = network(db, _view(start, end, sources, families, fold_persons, hierarchy))
    else:
        with _open(store) as db:
            G = _discourse_drawing(db, discourse_network, roll_up, start, end, fold_persons)
    if output is not None and str(output) == "-":
        render.draw(G, typer.get_binary_stream("stdout"), kind, title=title)
        return
    target = output or Path(f"stance-graph.{kind}")
    _write_file(target, lambda stream: render.draw(G, stream, kind, title=title))
    drawn = sum(1 for n in G if G.degree(n))
    out.print(f"drew {drawn} nodes and {G.number_of_edges()} edges to {target}", soft_wrap=True)


def _discourse_drawing(db: Store, kind: discourse.NetworkKind, roll_up: list[str] | None,
                       start: str | None, end: str | None, fold_persons: bool) -> nx.Graph:
    """A discourse network as a graph to draw: node types from the stance graph, and edges signed
    as they read (a conflict tie is drawn as opposition)."""
    selection = _selection(discourse.Duplicates.ALL, False, roll_up, None, None)
    stances = _stance_view(db, start, end, fold_persons, selection)
    G = discourse.network(stances, kind, selection).to_graph()
    for node, data in G.nodes(data=True):
        data["type"] = str(stances.nodes[node].get("type", "")) if node in stances else ""
    if kind is discourse.NetworkKind.CONFLICT:
        for *_, data in G.edges(data=True):
            data["polarity"] = -1
    G.graph["description"] = f"{kind.value} network" + (f", rolled up to {', '.join(roll_up)}" if roll_up else "")
    G.graph["edge_meanings"] = {1: "agreement (positive tie)", -1: "conflict (negative tie)", 0: "no sign"}
    return G


# --- analysis: camps, paths, discourse networks, coalitions, centrality, DNA import ---------

class OutputFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    GRAPHML = "graphml"


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


def _selection(duplicates: discourse.Duplicates, isolates: bool, roll_up: list[str] | None,
               level: int | None, families: list[str] | None) -> discourse.Selection:
    return discourse.Selection(duplicates=duplicates, isolates=isolates,
                               roll_up=tuple(roll_up or ()), level=level,
                               families=tuple(families or discourse.STANCE_FAMILIES))


def _stance_view(db: Store, start: str | None, end: str | None, fold_persons: bool,
                 selection: discourse.Selection) -> nx.MultiDiGraph:
    grouped = bool(selection.roll_up) or selection.level is not None
    return stance_graph(db, ViewFilter(start=start, end=end, fold_persons=fold_persons,
                                       hierarchy=grouped))


def _run(G: nx.MultiDiGraph, analysis: Callable[[nx.MultiDiGraph], R], window: int | None,
         step: int | None, start: str | None, end: str | None) -> list[timeline.Windowed[R]]:
    """One result for the whole view, or one per sliding window when ``window`` is given."""
    if window is None:
        if step is not None:
            raise InvalidOption("--step needs --window")
        return [timeline.Windowed(start or "", end or "", analysis(G))]
    return timeline.over_windows(G, analysis, window, step, start, end)


@app.command("camps")
@_friendly
def camps_command(
    proposal: Annotated[str, typer.Argument(help="Id, label or alias of a proposal.")],
    start: FromOption = None,
    end: ToOption = None,
    direct_only: Annotated[bool, typer.Option("--direct-only", help="Do not include narrower proposals.")] = False,
    window: WindowOption = None,
    step: StepOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """The actors for, against and hesitant about a proposal (and its narrower ones), with evidence.

    Example: stancegraph camps troop-deployment
    Example: stancegraph camps troop-deployment --window 365 --json
    """
    with _open(store) as db:
        if window is not None:
            _print_json([{"start": a, "end": b, **camps.camps(
                db, proposal, start=a, end=b, direct_only=direct_only).model_dump()}
                for a, b in _store_windows(db, window, step, start, end)])
            return
        found = camps.camps(db, proposal, start=start, end=end, direct_only=direct_only)
    if as_json:
        _print_json(found.model_dump())
        return
    scope = "" if direct_only else " and narrower proposals"
    out.print(f"[bold]camps on {found.proposal.label}[/] ({found.proposal.id}){scope}")
    for camp, members in (("for", found.supporters), ("against", found.opponents),
                          ("hesitant", found.hesitant)):
        names = ", ".join(m.label for m in members) or "nobody"
        out.print(_evidence_table(f"{camp}: {names}", [e for m in members for e in m.evidence]))


@app.command("path")
@_friendly
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
    def connect(db: Store, first: str | None, last: str | None) -> paths.Paths:
        return paths.paths(db, source, target, k=k, max_length=max_length, direction=direction,
                             families=tuple(families or paths.PATH_FAMILIES), start=first, end=last)

    with _open(store) as db:
        if window is not None:
            _print_json([{"start": a, "end": b, **connect(db, a, b).model_dump()}
                         for a, b in _store_windows(db, window, step, start, end)])
            return
        found = connect(db, start, end)
    if as_json:
        _print_json(found.model_dump())
        return
    if not found.paths:
        out.print(f"no path from {found.source.label} to {found.target.label} within {max_length} steps")
        return
    for number, walk in enumerate(found.paths, start=1):
        route = walk.labels[0] + "".join(f" {'→' if s.forward else '←'} {label}"
                                         for s, label in zip(walk.steps, walk.labels[1:]))
        kind = "shortest" if walk.shortest else "longer"
        out.print(f"[bold]{number}.[/] {route}  [dim]({walk.length} steps, {kind})[/]", highlight=False)
        for step in walk.steps:
            out.print(f"    {'→' if step.forward else '←'} {step.sentence}", highlight=False)


def _store_windows(db: Store, window: int, step: int | None, start: str | None,
                   end: str | None) -> list[tuple[str, str]]:
    """Sliding windows over ``start``..``end``, by default the dates of the store's statements."""
    bounds = span(stance_graph(db))
    first, last = start or (bounds[0] if bounds else None), end or (bounds[1] if bounds else None)
    return timeline.windows(first, last, window, step) if first and last else []


def _window_graph(results: list[timeline.Windowed[discourse.DiscourseNetwork]]) -> nx.MultiGraph:
    """All windows' ties in one graph, each tie with its window's start and end (for a timeline)."""
    G = nx.MultiGraph()
    for index, window in enumerate(results):
        H = window.result.to_graph()
        G.add_nodes_from(H.nodes(data=True))
        for u, v, weight in H.edges(data="weight"):
            G.add_edge(u, v, key=f"w{index}-{u}-{v}", weight=weight, start=window.start, end=window.end)
    return G


@app.command("network")
@_friendly
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
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """A discourse network as DNA computes it, as a matrix (JSON, CSV) or a graph (GraphML).

    Example: stancegraph network congruence --roll-up troop-deployment --normalize average
    """
    if aggregate is not None and kind is not discourse.NetworkKind.AFFILIATION:
        raise InvalidOption("--aggregate is for affiliation networks; a one-mode network's "
                            "aggregation is its KIND")
    selection = _selection(duplicates, isolates, roll_up, level, families)
    analysis = functools.partial(discourse.network, kind=kind, selection=selection,
                                 normalization=normalize, mode=of, two_mode_aggregation=aggregate)
    with _open(store) as db:
        G = _stance_view(db, start, end, fold_persons, selection)
    results = _run(G, analysis, window, step, start, end)
    result = results[0].result if window is None else None
    if fmt is OutputFormat.JSON:
        data = result.to_dict() if result is not None else \
            [{"start": w.start, "end": w.end, **w.result.to_dict()} for w in results]
        if output is None:
            _print_json(data)
        else:
            _write_file(output, lambda s: s.write(json.dumps(data, ensure_ascii=False).encode()))
        return
    if fmt is OutputFormat.CSV:
        if result is None:
            raise InvalidOption("csv holds one matrix; use --format json or graphml with --window")
        def writer(stream: BinaryIO) -> None:
            write_matrix(result.row_labels, result.column_labels, result.dense(), stream)
    else:
        graph = result.to_graph() if result is not None else _window_graph(results)
        def writer(stream: BinaryIO) -> None:
            write_graphml(graph, stream)
    if output is None:
        stdout = typer.get_binary_stream("stdout")
        writer(stdout)
        stdout.flush()
    else:
        _write_file(output, writer)


def _coalition_rows(table: Table, title: str, groups: list[coalitions.Coalition]) -> None:
    for index, group in enumerate(groups):
        binds = "; ".join(f"{b.side} {b.label} ({len(b.members)})" for b in group.binds)
        table.add_row(f"{title} {index}", ", ".join(group.labels), binds)


def _print_coalitions(found: coalitions.Coalitions, split: coalitions.Blocs) -> None:
    period = f" {found.start or '…'} to {found.end or '…'}" if found.start or found.end else ""
    table = Table(title=f"coalitions{period}: polarisation {split.polarisation:.3f} "
                        f"(cohesion {split.cohesion:.3f}, division {split.division:.3f})",
                  show_lines=True, title_justify="left")
    for column in ("group", "members", "bound by"):
        table.add_column(column, overflow="fold")
    _coalition_rows(table, "community", found.coalitions)
    _coalition_rows(table, "bloc", split.blocs)
    if found.unaligned:
        table.add_row("unaligned", ", ".join(found.unaligned), "")
    out.print(table)


@app.command("coalitions")
@_friendly
def coalitions_command(
    method: MethodOption = "greedy",
    seed: Annotated[int, typer.Option("--seed", help="Seed of the louvain method.")] = 0,
    blocs: Annotated[int, typer.Option("--blocs", help="Number of blocs of the signed network.")] = 2,
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
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Coalitions (communities of agreement), blocs of the signed network and the polarisation.

    Example: stancegraph coalitions --roll-up troop-deployment
    """
    selection = _selection(duplicates, False, roll_up, level, families)

    def analysis(H: nx.MultiDiGraph) -> tuple[coalitions.Coalitions, coalitions.Blocs]:
        return (coalitions.coalitions(H, selection, normalize, method, seed),
                coalitions.blocs(H, selection, normalize, blocs))

    with _open(store) as db:
        G = _stance_view(db, start, end, fold_persons, selection)
    results = _run(G, analysis, window, step, start, end)
    if as_json:
        data = [{"start": w.start, "end": w.end, "communities": w.result[0].model_dump(),
                 "blocs": w.result[1].model_dump()} for w in results]
        _print_json(data if window is not None else data[0])
        return
    for w in results:
        _print_coalitions(*w.result)


@app.command("centrality")
@_friendly
def centrality_command(
    method: MethodOption = "greedy",
    seed: Annotated[int, typer.Option("--seed", help="Seed of the louvain method.")] = 0,
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
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Degree, betweenness and brokerage on the congruence network: who sits between camps.

    Example: stancegraph centrality --roll-up troop-deployment
    """
    selection = _selection(duplicates, False, roll_up, level, families)
    analysis = functools.partial(centrality.centrality, selection=selection,
                                 normalization=normalize, method=method, seed=seed)
    with _open(store) as db:
        G = _stance_view(db, start, end, fold_persons, selection)
    results = _run(G, analysis, window, step, start, end)
    if as_json:
        data = [{"start": w.start, "end": w.end, "actors": [x.model_dump() for x in w.result]}
                for w in results]
        _print_json(data if window is not None else data[0]["actors"])
        return
    for w in results:
        found = w.result
        period = f" {w.start or '…'} to {w.end or '…'}" if w.start or w.end else ""
        table = _table(f"centrality on the congruence network{period}", "actor", "degree",
                       "strength", "betweenness", "coalition", "participation", "broker between")
        for x in found:
            table.add_row(x.label, str(x.degree), f"{x.strength:.3g}", f"{x.betweenness:.3f}",
                          "" if x.coalition is None else str(x.coalition), f"{x.participation:.3f}",
                          ", ".join(str(c) for c in x.bridges) if x.broker else "")
        out.print(table)


@app.command("import-dna")
@_friendly
def import_dna_command(
    file: Annotated[Path, typer.Argument(help="A Discourse Network Analyzer (DNA 3) .dna file.")],
    statement_type: Annotated[str, typer.Option(
        "--statement-type", help="The statement type to import.")] = dna.DEFAULT_STATEMENT_TYPE,
    out_dir: Annotated[Path | None, typer.Option(
        "--out", help="Keep the data files written here (default: a temporary directory).")] = None,
    prefix: Annotated[str | None, typer.Option(
        "--prefix", help="Id prefix of the imported sources (default: dna- and the file name).")] = None,
    persons_as_actors: Annotated[bool, typer.Option(
        "--persons-as-actors", help="Make the person the actor of statements without an organization.")] = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import the coded statements of a DNA file: organizations, persons, concepts, agreement.

    Example: stancegraph import-dna debate.dna --out data/dna-debate
    """
    with _open(store) as db:
        report = dna.import_dna(db, file, statement_type=statement_type, directory=out_dir,
                                prefix=prefix, persons_as_actors=persons_as_actors)
    if as_json:
        _print_json(report.model_dump())
        return
    skipped = ", ".join(f"{count} {why}" for why, count in report.skipped.items()) or "none"
    out.print(f"imported {report.statements} statements from {report.documents} documents of "
              f"{report.file}: {len(report.actors)} new actors, {len(report.issues)} new proposals, "
              f"{len(report.linked)} linked to existing ids; skipped: {skipped}")
