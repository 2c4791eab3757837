"""The ``stancegraph`` command line: thin commands over the library, tables for people, JSON for scripts."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from graph import queries
from graph.errors import StancegraphError
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


def _evidence_table(title: str, rows: list[queries.Evidence]) -> Table:
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
              f"into {db.location}")


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
            out.print(f"the store at {db.location} conforms to the shapes ({len(db)} quads)")


@app.command()
@_friendly
def actors(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the actors.

    Example: stancegraph actors --json
    """
    with _open(store) as db:
        found = queries.actors(db)
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
        found = queries.issues(db)
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
        found = queries.relations(db)
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
        found = queries.profile(db, key)
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
        found = queries.who(db, relation, target, direct_only=direct_only)
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
