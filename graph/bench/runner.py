"""One benchmark run: generate the corpus, run the sections in order, write the report."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graph.bench import exporting, loading, networks, querying, report, serving
from graph.bench.context import Context, Options
from graph.bench.corpus import generate
from graph.bench.measure import timed
from graph.bench.writers import write_nquads, write_yaml

SECTIONS: dict[str, Callable[[Context], dict[str, Any]]] = {
    "load": loading.run, "who": querying.run, "networks": networks.run, "export": exporting.run,
    "http": serving.run,
}
"""The sections in the order they run; each needs the store the load section fills."""


def run(options: Options, sections: Sequence[str] = tuple(SECTIONS), work: Path | None = None,
        progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the benchmark; the results, with ``mismatches`` naming answers that differ.

    Parameters
    ----------
    options
        Size, seed and bounds of the run.
    sections
        Names from :data:`SECTIONS`; ``load`` always runs first, as the others need its store.
    work
        Directory for the corpus files and stores (default: a temporary one, removed after).
    progress
        Called with a line as each step starts.
    """
    unknown = sorted(set(sections) - set(SECTIONS))
    if unknown:
        raise ValueError(f"unknown sections {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    began = time.perf_counter()
    directory = Path(tempfile.mkdtemp(prefix="stancegraph-bench-", dir=work))
    try:
        progress(f"generating {options.n:,} statements (seed {options.seed})")
        corpus, generation = timed(lambda: generate(options.n, options.seed))
        nquads = directory / "corpus.nq"
        quads, writing = timed(lambda: write_nquads(corpus, nquads))
        ctx = Context(options, directory, corpus, nquads)
        if options.n <= options.yaml_max:
            ctx.yaml_dir = write_yaml(corpus, directory / "data")
        results: dict[str, Any] = {
            "options": dataclasses.asdict(options), "environment": report.environment(),
            "corpus": {"statements": options.n, "actors": len(corpus.actors),
                       "issues": len(corpus.issues), "sources": len(corpus.sources), "quads": quads,
                       "generate_s": generation.p50, "write_nquads_s": writing.p50},
        }
        for name in SECTIONS:
            if name in sections or name == "load":
                progress(f"measuring {name}")
                results[name] = SECTIONS[name](ctx)
        if ctx.store is not None:
            ctx.store.close()
        results["mismatches"] = ctx.mismatches
        results["total_s"] = time.perf_counter() - began
        results["targets"] = report.judge(results)
        return results
    finally:
        shutil.rmtree(directory, ignore_errors=True)
