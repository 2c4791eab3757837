"""The report of a run: every measurement as JSON, and the issue's targets as a Markdown table.

A target is met or not met only where the run measured it; the size it was measured at is
always given, since the targets are stated for 1M statements (GEXF and rdflib: 100k).
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Target:
    """One target of the issue: where its value sits in the results and the limit it must keep."""

    name: str
    scale: int
    limit: float
    unit: str
    value: Callable[[dict[str, Any]], float]
    at_most: bool = True
    size: Callable[[dict[str, Any]], int] | None = None
    scope: Callable[[dict[str, Any]], str | None] | None = None
    """What part of the corpus the value was measured on, when not all of it."""

    def judge(self, results: dict[str, Any]) -> dict[str, Any]:
        n = results["options"]["n"]
        try:
            value = float(self.value(results))
        except (KeyError, TypeError):
            return {"target": self.name, "met": None, "note": "not measured in this run"}
        met = value <= self.limit if self.at_most else value >= self.limit
        measured_at = self.size(results) if self.size else n
        return {"target": self.name, "value": round(value, 4), "limit": self.limit, "unit": self.unit,
                "met": met, "measured_at": measured_at, "target_scale": self.scale,
                "at_scale": measured_at >= self.scale, "scope": self.scope(results) if self.scope else None}


def _window(r: dict[str, Any]) -> str | None:
    window = r["networks"]["congruence"].get("window")
    return f"on the statements of {window['start']} to {window['end']}" if window else None


def _gexf(run: str) -> Callable[[dict[str, Any]], float]:
    """The time of the store-to-file ``run``, if the writer streams: its own peak memory, since
    a store-to-file run's peak also holds the view it writes."""
    def value(r: dict[str, Any]) -> float:
        ours = r["export"]["gexf"]["ours"]
        return ours[run]["p50_s"] if ours["streamed"] else float("inf")
    return value


TARGETS = (
    Target("load ≤ 1.2× pyoxigraph's bulk loader", 1_000_000, 1.2, "×",
           lambda r: r["load"]["ratio"]),
    Target("who p50 ≤ 2 ms in process (uncached: the query itself)", 1_000_000, 2.0, "ms",
           lambda r: r["who"]["uncached"]["p50_s"] * 1e3),
    Target("who p50 ≤ 2 ms in process (answer cached until the next write)", 1_000_000, 2.0, "ms",
           lambda r: r["who"]["ours"]["p50_s"] * 1e3),
    Target("who ≥ 1,000× faster than plain rdflib", 100_000, 1000, "×",
           lambda r: r["who"]["rdflib"]["ratio"], at_most=False,
           size=lambda r: r["who"]["rdflib"]["statements"]),
    Target("API /who ≥ 40% of the constant endpoint's req/s (10 connections)", 1_000_000, 0.4, "share",
           lambda r: r["http"]["ratio_who_to_health"], at_most=False),
    Target("API /who p99 ≤ 20 ms (10 connections)", 1_000_000, 20, "ms",
           lambda r: r["http"]["who"]["p99_ms"]),
    Target("congruence network ≤ 1.3× the bare scipy product", 1_000_000, 1.3, "×",
           lambda r: r["networks"]["congruence"]["ratio"], scope=_window),
    Target("GEXF ≤ 5 s, streamed (store to file, store read)", 100_000, 5.0, "s",
           _gexf("store_to_file")),
    Target("GEXF ≤ 5 s, streamed (store to file, rows kept since the last write)", 100_000, 5.0, "s",
           _gexf("store_to_file_rows_kept")),
    Target("start-up on an existing store ≤ 5 s", 1_000_000, 5.0, "s",
           lambda r: r["http"]["startup"]["seconds_to_first_answer"]),
    Target("server RSS ≤ 2 GB (peak)", 1_000_000, 2048, "MiB",
           lambda r: r["http"]["memory"]["peak_rss_mib"]),
)


def environment() -> dict[str, Any]:
    """The machine and the versions that produced the numbers."""
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "machine": platform.machine(),
            "pyoxigraph": version("pyoxigraph"), "rdflib": version("rdflib"),
            "fastapi": version("fastapi"), "uvicorn": version("uvicorn")}


def judge(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue, met or not, with its measured value."""
    return [target.judge(results) for target in TARGETS]


def _verdict(row: dict[str, Any]) -> str:
    if row["met"] is None:
        return "not measured"
    word = "met" if row["met"] else "**not met**"
    notes = [] if row["at_scale"] else [f"at {row['measured_at']:,}, target at {row['target_scale']:,}"]
    notes += [row["scope"]] if row.get("scope") else []
    return f"{word} ({'; '.join(notes)})" if notes else word


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.1f} µs"
    return f"{seconds * 1e3:,.2f} ms" if seconds < 1 else f"{seconds:,.2f} s"


def _rows(r: dict[str, Any]) -> list[tuple[str, str, str, str, str]]:
    """(measurement, ours, baseline, ratio, answers) rows of the sections that ran."""
    rows = []
    if "load" in r:
        load = r["load"]
        rows.append((f"load {load['file']['quads']:,} quads", _ms(load["ours"]["p50_s"]),
                     f"pyoxigraph bulk_load {_ms(load['baseline']['p50_s'])}", f"{load['ratio']:.2f}×",
                     "equal" if load["equal"] else "DIFFER"))
        if "yaml" in load:
            rows.append(("load the YAML data directory (pyshacl)", _ms(load["yaml"]["p50_s"]),
                         f"pyoxigraph bulk_load {_ms(load['baseline']['p50_s'])}",
                         f"{load['yaml']['ratio_to_baseline']:.1f}×",
                         "equal" if load["yaml"]["equal"] else "DIFFER"))
    if "who" in r:
        who = r["who"]
        rows.append((f"{who['question']}: {who['rows']} rows, uncached", _ms(who["uncached"]["p50_s"]),
                     f"naive SPARQL in Oxigraph {_ms(who['naive_sparql_in_oxigraph']['p50_s'])}",
                     f"{who['ratio_naive_to_uncached']:.1f}×", "equal" if who["equal_naive"] else "DIFFER"))
        rows.append((f"{who['question']}: {who['rows']} rows, cached", _ms(who["ours"]["p50_s"]),
                     f"naive SPARQL in Oxigraph {_ms(who['naive_sparql_in_oxigraph']['p50_s'])}",
                     f"{who['ratio_naive_to_ours']:.0f}×", "equal" if who["equal_naive"] else "DIFFER"))
        if "rdflib" in who:
            rd = who["rdflib"]
            rows.append((f"who at {rd['statements']:,} statements: {rd['rows']} rows (cached)",
                         _ms(rd["ours_at_this_size"]["p50_s"]),
                         f"rdflib SPARQL {_ms(rd['rdflib_query']['p50_s'])}"
                         f" (+ parse {_ms(rd['rdflib_load']['p50_s'])})",
                         f"{rd['ratio']:,.0f}×", "equal" if rd["equal"] else "DIFFER"))
    if "networks" in r:
        net = r["networks"]
        view = net["stance_graph"]
        rows.append(("stance graph view (networkx), store read", _ms(view["p50_s"]), "", "", ""))
        rows.append(("stance graph view (networkx), rows kept", _ms(view["rows_kept"]["p50_s"]), "", "", ""))
        rows.append((f"camps of {net['camps']['proposal']}", _ms(net["camps"]["p50_s"]), "", "", ""))
        rows.append((f"paths between {' and '.join(net['path']['between'])}", _ms(net["path"]["p50_s"]),
                     "", "", ""))
        for name in ("congruence", "conflict"):
            m = net[name]
            if "refused" in m:
                rows.append((f"{name} network", "refused", m["refused"], "", ""))
            if "ratio" not in m:
                continue
            window = f", statements of {m['window']['start']} to {m['window']['end']}" if "window" in m else ""
            rows.append((f"{name} network ({m['actors']:,} actors, {m['ties']:,} ties{window})",
                         _ms(m["ours"]["p50_s"]), f"bare scipy product {_ms(m['baseline']['p50_s'])}",
                         f"{m['ratio']:.2f}×", "equal" if m["equal"] else "DIFFER"))
    if "export" in r:
        ex = r["export"]
        for name in ("gexf", "graphml"):
            ours = ex[name]["ours"]
            nx_ = ex[name].get("networkx")
            size = f"{ours['bytes'] / 2**20:,.1f} MiB, peak +{ours['peak_growth_mib']} MiB"
            rows.append((f"{name.upper()} writer ({size})",
                         _ms(ours["p50_s"]),
                         f"networkx {_ms(nx_['p50_s'])}, peak +{nx_['peak_growth_mib']} MiB" if nx_ else "",
                         f"{ours['p50_s'] / nx_['p50_s']:.2f}×" if nx_ else "", ""))
        for run, how in (("store_to_file", "store read"), ("store_to_file_rows_kept", "rows kept")):
            rows.append((f"GEXF, store to file ({how})", _ms(ex["gexf"]["ours"][run]["p50_s"]), "", "", ""))
        t = ex["turtle"]
        rows.append((f"Turtle export ({t['ours']['bytes'] / 2**20:,.1f} MiB)", _ms(t["ours"]["p50_s"]),
                     f"pyoxigraph N-Quads → Turtle {_ms(t['pyoxigraph_from_file']['p50_s'])}",
                     f"{t['ratio']:.2f}×", ""))
    if "http" in r:
        h = r["http"]
        for name in ("health", "who"):
            x = h[name]
            rows.append((f"GET /{name}: req/s, p50, p99, errors ({x['generator']})",
                         f"{x['req_per_s']:,.0f}/s, {x['p50_ms']} ms, {x['p99_ms']} ms, {x['errors']}",
                         "", "", "equal" if name == "health" or h["who_equal"] else "DIFFER"))
        rows.append(("server start-up to first answer", _ms(h["startup"]["seconds_to_first_answer"]),
                     "", "", ""))
        rows.append(("server resident memory (after load, peak)",
                     f"{h['memory']['rss_mib']:,} MiB, {h['memory']['peak_rss_mib']:,} MiB", "", "", ""))
    return rows


def markdown(results: dict[str, Any]) -> str:
    """The report as Markdown: the targets, then every measurement beside its baseline."""
    o = results["options"]
    env = results["environment"]
    lines = [f"# stancegraph benchmark: {o['n']:,} statements (seed {o['seed']})", "",
             f"{env['cpus']} CPUs, Python {env['python']}, pyoxigraph {env['pyoxigraph']}, "
             f"rdflib {env['rdflib']}, FastAPI {env['fastapi']}; corpus "
             f"{results['corpus']['actors']:,} actors, {results['corpus']['issues']:,} proposals, "
             f"{results['corpus']['sources']:,} sources. Total {results['total_s']:.0f} s.", "",
             *([results["notes"], ""] if "notes" in results else []),
             "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    for row in results["targets"]:
        value = "–" if row["met"] is None else f"{row['value']:,} {row['unit']}"
        lines.append(f"| {row['target']} | {value} | {_verdict(row)} |")
    lines += ["", "## Measurements", "", "| measurement | stancegraph | baseline | ratio | answers |",
              "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in _rows(results)]
    if results["mismatches"]:
        lines += ["", "## Answers that differ from their baseline", ""]
        lines += [f"- {m}" for m in results["mismatches"]]
    return "\n".join(lines) + "\n"


def write(results: dict[str, Any], directory: Path) -> tuple[Path, Path]:
    """Write ``results.json`` and ``results.md`` named by the corpus size into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{results['options']['n']}"
    json_path, md_path = directory / f"{stem}.json", directory / f"{stem}.md"
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n",
                         encoding="utf-8")
    md_path.write_text(markdown(results), encoding="utf-8")
    return json_path, md_path
