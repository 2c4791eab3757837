"""What the commands print: JSON for scripts or tables for people, one-line errors, files."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, ParamSpec, TypeVar

import typer
from pydantic_core import to_jsonable_python
from rich.console import Console, RenderableType
from rich.table import Table

from graph.analysis import evidence
from graph.errors import StancegraphError

out = Console()
err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into a one-line message and exit status 1."""
    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except StancegraphError as error:
            err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from error
    return wrapper


def output(data: T, as_json: bool = True,
           render: Callable[[T], RenderableType] | None = None) -> None:
    """Print ``data`` as JSON, or as ``render(data)`` for people unless ``as_json``.

    ``data`` is what a library call returned: pydantic models, dataclasses, lists and dicts of
    them, plain values. Without ``render`` it is always JSON (a series of windows, say).
    """
    if as_json or render is None:
        out.print_json(json.dumps(to_jsonable_python(data), ensure_ascii=False), highlight=False)
    else:
        out.print(render(data))


def table(title: str, *columns: str) -> Table:
    """A table whose first column holds ids, which must never be folded."""
    found = Table(title=title, title_justify="left")
    found.add_column(columns[0], no_wrap=True)
    for column in columns[1:]:
        found.add_column(column)
    return found


def evidence_table(title: str, rows: list[evidence.Evidence]) -> Table:
    """Statements with who said them, their quote (and condition) and date."""
    found = Table(title=title, show_lines=True, title_justify="left")
    for column in ("actor", "relation", "target", "speaker", "quote"):
        found.add_column(column, overflow="fold")
    found.add_column("date", no_wrap=True)
    for e in rows:
        speaker = e.speaker_label or (f"according to {e.according_to}" if e.according_to else "")
        quote = f"“{e.quote}”" + (f"\n[dim]if: {e.condition}[/]" if e.condition else "")
        found.add_row(e.actor_label, e.relation_label, e.target_label, speaker, quote, e.date)
    return found


def write_file(path: Path, write_to: Callable[[BinaryIO], object]) -> None:
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


def write_stdout(write_to: Callable[[BinaryIO], object]) -> None:
    """Write bytes to standard output through ``write_to``."""
    stdout = typer.get_binary_stream("stdout")
    write_to(stdout)
    stdout.flush()
