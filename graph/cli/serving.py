"""Serving and measuring: serve, bench."""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Annotated

import typer

from graph.cli.options import StoreOption
from graph.cli.output import friendly, out
from graph.errors import StancegraphError
from graph.paths import default_store_location

commands = typer.Typer()

SERVERS = "stancegraph.servers"
"""The entry point group of the HTTP server: the API layer names itself there, so the library
never imports it."""


@commands.command()
@friendly
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the HTTP API (and SPARQL endpoint) on the store.

    Example: STANCEGRAPH_STORE=var/store stancegraph serve --port 8000
    """
    found = entry_points(group=SERVERS, name="http")
    if not found:
        raise StancegraphError(f"no HTTP server is installed (entry point {SERVERS}: http)")
    server = next(iter(found)).load()
    out.print(f"serving {store or default_store_location()} on http://{host}:{port} (docs at /docs)",
              soft_wrap=True)
    server(host=host, port=port, store=store)


@commands.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Benchmark the store, queries, networks, exports and the API against their baselines.

    Options go to ``python -m graph.bench`` (see --n, --out ...; ``python -m graph.bench --help``).

    Example: stancegraph bench --n 100000 --out bench/results
    """
    # the benchmark's imports are for this command only
    from graph.bench.__main__ import main

    raise typer.Exit(main(ctx.args))
