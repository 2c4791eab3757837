"""Read the YAML data files (actors, issues, coded sources) into records and RDF.

The only reader of ``data/``. Every error names the file, the line and the record; what the
records refer to is checked when the files are linked (:func:`graph.ingest.references.link`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from graph.errors import SourceDataError
from graph.ingest.records import (
    ActorBackground, ActorRecord, BackgroundFact, DataFile, IssueRecord, KnownIds, SourceMeta,
    StatementRecord, _Record,
)
from graph.ingest.references import link
from graph.ingest.triples import actor_graphs, issue_graph, source_graph
from graph.vocab import graph_iri


class _DatelessLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as strings, so pydantic reports bad ones clearly."""


_DatelessLoader.yaml_implicit_resolvers = {
    key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class _Parsed:
    path: Path
    data: dict[str, Any]
    lines: dict[str, list[int]]

    def line(self, section: str, index: int) -> int | None:
        numbers = self.lines.get(section, [])
        return numbers[index] if index < len(numbers) else None


def data_files(paths: Iterable[Path | str]) -> list[Path]:
    """The YAML files named by ``paths``, directories expanded recursively, in sorted order.

    >>> data_files([])
    []
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"}))
        elif path.exists():
            found.append(path)
        else:
            raise SourceDataError(path, "no such file or directory")
    return found


def _parse_yaml(path: Path) -> _Parsed:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SourceDataError(path, f"cannot read file: {err}") from err
    loader = _DatelessLoader(text)
    try:  # one parse: the node tree gives the line numbers, then the data are built from it
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise SourceDataError(path, f"YAML syntax error: {err.problem}", line=line) from err
    except yaml.YAMLError as err:
        raise SourceDataError(path, f"YAML error: {err}") from err
    finally:
        loader.dispose()
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise SourceDataError(path, "expected a mapping with a 'kind' key at the top", line=1)
    lines: dict[str, list[int]] = {}
    for key_node, value_node in root.value:
        lines[key_node.value] = [value_node.start_mark.line + 1]
        if isinstance(value_node, yaml.SequenceNode):
            lines[key_node.value] = [item.start_mark.line + 1 for item in value_node.value]
    return _Parsed(path, data, lines)


def _record(model: type[_Record], raw: Any, parsed: _Parsed, section: str, index: int) -> Any:
    line = parsed.line(section, index)
    record_id = raw.get("id") if isinstance(raw, dict) else None
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or section}: {e['msg']}" for e in err.errors()
        )
        raise SourceDataError(parsed.path, problems, line=line, record=record_id) from err


def _records(model: type[_Record], parsed: _Parsed, section: str) -> list[Any]:
    raw = parsed.data.get(section)
    if raw is None:
        raise SourceDataError(parsed.path, f"missing section {section!r}", line=1)
    if not isinstance(raw, list):
        raise SourceDataError(parsed.path, f"{section!r} must be a list", line=parsed.line(section, 0))
    records = [_record(model, item, parsed, section, i) for i, item in enumerate(raw)]
    seen: set[str] = set()
    for i, rec in enumerate(records):
        if rec.id in seen:
            raise SourceDataError(parsed.path, f"duplicate id {rec.id!r} in {section!r}",
                                  line=parsed.line(section, i), record=rec.id)
        seen.add(rec.id)
    return records


def _single(model: type[_Record], parsed: _Parsed, section: str) -> Any:
    raw = parsed.data.get(section)
    if not isinstance(raw, dict):
        raise SourceDataError(parsed.path, f"missing or malformed section {section!r}", line=1)
    return _record(model, raw, parsed, section, 0)


def _actors_file(parsed: _Parsed) -> DataFile:
    background = _single(ActorBackground, parsed, "background")
    actors: list[ActorRecord] = _records(ActorRecord, parsed, "actors")
    return DataFile(parsed.path, "actors", actors=actors,
                    graphs=actor_graphs(background, actors, graph_iri(parsed.path.stem)),
                    lines={a.id: parsed.line("actors", i) for i, a in enumerate(actors)})


def _issues_file(parsed: _Parsed) -> DataFile:
    issues: list[IssueRecord] = _records(IssueRecord, parsed, "issues")
    return DataFile(parsed.path, "issues", issues=issues,
                    graphs={graph_iri(parsed.path.stem): issue_graph(issues)},
                    lines={i.id: parsed.line("issues", n) for n, i in enumerate(issues)})


def _source_text(parsed: _Parsed, meta: SourceMeta) -> str:
    text_path = parsed.path.parent / meta.text_file
    try:
        raw = text_path.read_bytes()
    except OSError as err:
        raise SourceDataError(parsed.path, f"text file {text_path} cannot be read: {err}",
                              line=parsed.line("source", 0), record=meta.id) from err
    digest = hashlib.sha256(raw).hexdigest()
    if digest != meta.sha256:
        raise SourceDataError(parsed.path, f"text file {text_path} has sha256 {digest}, "
                              f"the record says {meta.sha256}", line=parsed.line("source", 0),
                              record=meta.id)
    return raw.decode("utf-8")


def _source_file(parsed: _Parsed) -> DataFile:
    meta: SourceMeta = _single(SourceMeta, parsed, "source")
    facts: list[BackgroundFact] = (
        _records(BackgroundFact, parsed, "background") if "background" in parsed.data else [])
    statements: list[StatementRecord] = _records(StatementRecord, parsed, "statements")
    g, context = source_graph(meta, _source_text(parsed, meta), facts)
    return DataFile(parsed.path, "source", statements=statements,
                    graphs={graph_iri(parsed.path.stem): g},
                    lines={st.id: parsed.line("statements", i) for i, st in enumerate(statements)},
                    context=context)


_READERS = {"actors": _actors_file, "issues": _issues_file, "source": _source_file}


def read_file(path: Path | str) -> DataFile:
    """Parse one data file into records and RDF; references to other files are not yet resolved."""
    parsed = _parse_yaml(Path(path))
    kind = parsed.data.get("kind")
    if kind not in _READERS:
        raise SourceDataError(parsed.path, f"'kind' must be one of {sorted(_READERS)}, not {kind!r}",
                              line=parsed.line("kind", 0))
    return _READERS[kind](parsed)


def read_paths(paths: Iterable[Path | str], known: KnownIds = KnownIds()) -> list[DataFile]:
    """Read data files and resolve their cross-references; ``known`` ids may come from the store.

    Raises
    ------
    SourceDataError
        For the first file, line and record that is malformed or refers to an unknown id.
    """
    return link([read_file(p) for p in data_files(paths)], known)
