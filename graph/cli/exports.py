"""Files and pictures: export, render."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from graph.analysis import discourse
from graph.analysis.drawing import discourse_drawing
from graph.analysis.view import ViewFilter
from graph.cli.options import (
    FamilyFilter, FoldOption, FromOption, HierarchyOption, RollUpOption, SourceFilter, StoreOption,
    ToOption, open_store,
)
from graph.cli.output import friendly, out, write_file, write_stdout
from graph.errors import UnsupportedFormat
from graph.export import ExportFormat, network, write, write_tables

commands = typer.Typer()


def _view(start: str | None, end: str | None, sources: list[str] | None,
          families: list[str] | None, fold_persons: bool, hierarchy: bool) -> ViewFilter:
    return ViewFilter(start=start, end=end, sources=tuple(sources or ()),
                      families=tuple(families or ()), fold_persons=fold_persons, hierarchy=hierarchy)


def _export_format(fmt: str | None, output: Path | None) -> ExportFormat:
    if fmt:
        return ExportFormat.parse(fmt)
    if output is not None and output.suffix:
        return ExportFormat.parse(output.suffix[1:])
    raise UnsupportedFormat("give --format (" + ", ".join(f.value for f in ExportFormat)
                            + ") or an -o file with one of their extensions")


@commands.command("export")
@friendly
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
    if output is None or str(output) == "-":
        if chosen is ExportFormat.CSV and typer.get_binary_stream("stdout").isatty():
            raise UnsupportedFormat("csv is a zip archive: give -o FILE.zip or -o DIRECTORY")
        with open_store(store) as db:
            write_stdout(lambda stream: write(db, chosen, stream, view, dynamic=dynamic))
        return
    if chosen is ExportFormat.CSV and output.suffix.lower() == ".csv":
        raise UnsupportedFormat("csv is two tables: give -o FILE.zip, or -o DIRECTORY for "
                                "nodes.csv and edges.csv")
    with open_store(store) as db:
        if chosen is ExportFormat.CSV and (output.is_dir() or not output.suffix):
            nodes, edges = write_tables(db, output, view)
            out.print(f"wrote {nodes} and {edges}", soft_wrap=True)
            return
        write_file(output, lambda stream: write(db, chosen, stream, view, dynamic=dynamic))
    out.print(f"wrote {output} ({chosen.value}, {output.stat().st_size:,} bytes)", soft_wrap=True)


@commands.command("render")
@friendly
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
    from graph.export import (
        render,  # matplotlib is slow to import; only this command needs it
    )

    kind = (fmt or (output.suffix[1:] if output is not None and output.suffix else "png")).lower()
    if kind not in render.FORMATS:
        raise UnsupportedFormat(f"no picture format {kind!r}; choose one of {', '.join(render.FORMATS)}")
    with open_store(store) as db:
        G = (network(db, _view(start, end, sources, families, fold_persons, hierarchy)) if discourse_network is None
             else discourse_drawing(db, discourse_network, roll_up or (), start, end, fold_persons))
    if output is not None and str(output) == "-":
        write_stdout(lambda stream: render.draw(G, stream, kind, title=title))
        return
    target = output or Path(f"stance-graph.{kind}")
    write_file(target, lambda stream: render.draw(G, stream, kind, title=title))
    drawn = sum(1 for n in G if G.degree(n))
    out.print(f"drew {drawn} nodes and {G.number_of_edges()} edges to {target}", soft_wrap=True)
