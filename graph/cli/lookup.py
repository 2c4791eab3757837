"""Looking things up: who, show, actors, proposals, relations, sparql."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Group, RenderableType
from rich.table import Table

from graph.analysis import evidence, listings, resolution
from graph.cli.options import DirectOnlyOption, JsonOption, StoreOption, open_store
from graph.cli.output import evidence_table, friendly, output, table
from graph.store import Row, query_form

commands = typer.Typer()


def _actors(found: list[listings.ActorSummary]) -> Table:
    rows = table("Actors", "id", "label", "type", "speaks for", "statements", "wikidata")
    for a in found:
        rows.add_row(a.id, a.label, a.type, ", ".join(a.speaks_for), str(a.statements), a.wikidata or "")
    return rows


@commands.command()
@friendly
def actors(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the actors.

    Example: stancegraph actors --json
    """
    with open_store(store) as db:
        output(listings.actors(db), as_json, _actors)


def _proposals(found: list[listings.IssueSummary]) -> Table:
    rows = table("Proposals and commitments", "id", "label", "type", "broader", "statements")
    for i in found:
        rows.add_row(i.id, i.label, i.type, ", ".join(i.broader), str(i.statements))
    return rows


@commands.command()
@friendly
def proposals(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the proposals and commitments with their broader ones.

    Example: stancegraph proposals
    """
    with open_store(store) as db:
        output(listings.issues(db), as_json, _proposals)


def _relations(found: list[resolution.Relation]) -> Table:
    rows = table("Relations", "id", "label", "under", "family", "polarity")
    for r in found:
        rows.add_row(r.id, r.label, r.broader or "", r.family, f"{r.polarity:+d}")
    return rows


@commands.command()
@friendly
def relations(store: StoreOption = None, as_json: JsonOption = False) -> None:
    """List the relations of the hierarchy with family and polarity.

    Example: stancegraph relations
    """
    with open_store(store) as db:
        output(resolution.relations(db), as_json, _relations)


def _profile(found: listings.Profile) -> Group:
    e = found.entity
    lines: list[RenderableType] = [f"[bold]{e.label}[/] ({e.type}, id {e.id})"]
    if found.actor and found.actor.speaks_for:
        lines.append(f"speaks for: {', '.join(found.actor.speaks_for)}"
                     + (f" as {found.actor.role}" if found.actor.role else ""))
    if found.issue:
        if found.issue.broader:
            lines.append(f"broader: {', '.join(found.issue.broader)}")
        if found.issue.narrower:
            lines.append(f"narrower: {', '.join(found.issue.narrower)}")
    lines.append(evidence_table(f"{len(found.statements)} statement(s)", found.statements))
    return Group(*lines)


@commands.command()
@friendly
def show(
    key: Annotated[str, typer.Argument(help="Id, label or alias of an actor or proposal.")],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an actor or proposal with all its statements and quotes.

    Example: stancegraph show poland
    """
    with open_store(store) as db:
        output(listings.profile(db, key), as_json, _profile)


@commands.command()
@friendly
def who(
    relation: Annotated[str, typer.Argument(help="A relation: opposes, supports, rules-out, warns-against ...")],
    target: Annotated[str, typer.Argument(help="Id, label or alias of a proposal or actor.")],
    direct_only: DirectOnlyOption = False,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Who bears RELATION to TARGET, with the quotes that show it.

    Example: stancegraph who opposes troop-deployment
    """
    def answer(found: list[evidence.Evidence]) -> Table:
        scope = "" if direct_only else " (and narrower proposals)"
        names = ", ".join(sorted({e.actor_label for e in found})) or "nobody"
        return evidence_table(f"who {relation} {target}{scope}: {names}", found)

    with open_store(store) as db:
        output(evidence.who(db, relation, target, direct_only=direct_only), as_json, answer)


def _solutions(rows: list[Row]) -> Table:
    solutions = Table(*(rows[0].keys() if rows else ()), title=f"{len(rows)} row(s)")
    for row in rows:
        solutions.add_row(*("" if v is None else str(v) for v in row.values()))
    return solutions


def _truth(answer: bool) -> str:
    return str(answer).lower()


@commands.command()
@friendly
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
    with open_store(store) as db:
        if form == "ask":
            output(db.ask(text), as_json, _truth)
        elif form == "select":
            output(db.select(text), as_json, _solutions)
        else:
            typer.echo(db.construct(text).serialize(format="json-ld" if as_json else "turtle"))
