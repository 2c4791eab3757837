"""The ``stancegraph`` application: the command groups in one typer app."""

from __future__ import annotations

import typer

from graph.cli import analyses, data, exports, lookup, serving

app = typer.Typer(
    name="stancegraph", no_args_is_help=True, add_completion=False,
    help="Who stands where in a political debate: a knowledge graph of actors, proposals and stances.",
)
for group in (data, serving, lookup, exports, analyses):
    app.add_typer(group.commands)
