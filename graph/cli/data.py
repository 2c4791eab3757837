"""Getting data in: load, validate, import-dna."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from graph.cli.options import JsonOption, StoreOption, open_store
from graph.cli.output import err, friendly, out, output
from graph.coding import dna
from graph.paths import DATA_DIR

commands = typer.Typer()


@commands.command()
@friendly
def load(
    paths: Annotated[list[Path] | None, typer.Argument(help="Data files or directories (default: data/).")] = None,
    store: StoreOption = None,
) -> None:
    """Load YAML data files into the store, atomically and idempotently.

    Example: stancegraph load data/
    """
    targets = paths or [DATA_DIR]
    with open_store(store) as db, Progress(console=err, transient=True) as progress:
        task = progress.add_task("reading and validating", total=None)
        report = db.load(targets, progress=lambda name: progress.update(task, description=name))
    for name, count in report.files:
        out.print(f"{name}: {count} triples")
    out.print(f"loaded {report.statements} statements, {report.triples} triples "
              f"into {db.url or db.location or 'memory'}")


@commands.command()
@friendly
def validate(
    paths: Annotated[list[Path] | None, typer.Argument(help="Data files or directories; none: the store.")] = None,
    store: StoreOption = None,
) -> None:
    """Check data files (or the whole store) against the SHACL shapes without writing.

    Example: stancegraph validate data/sources/politico-ukraine-guarantees.yaml
    """
    with open_store(store) as db:
        if paths:
            files = db.read(paths)
            out.print(f"{len(files)} file(s) conform to the shapes")
        else:
            db.check()
            out.print(f"the store at {db.url or db.location} conforms to the shapes ({len(db)} quads)")


def _imported(report: dna.DnaImport) -> str:
    skipped = ", ".join(f"{count} {why}" for why, count in report.skipped.items()) or "none"
    return (f"imported {report.statements} statements from {report.documents} documents of "
            f"{report.file}: {len(report.actors)} new actors, {len(report.issues)} new proposals, "
            f"{len(report.linked)} linked to existing ids; skipped: {skipped}")


@commands.command("import-dna")
@friendly
def import_dna(
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
    with open_store(store) as db:
        report = dna.import_dna(db, file, statement_type=statement_type, directory=out_dir,
                                prefix=prefix, persons_as_actors=persons_as_actors)
    output(report, as_json, _imported)
