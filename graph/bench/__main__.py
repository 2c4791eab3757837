"""``python -m graph.bench``: run the benchmark and write its JSON and Markdown report.

Exit status 0 when every answer equals its baseline's, 1 when one differs; speed never fails
a run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.bench import report, runner
from graph.bench.context import Options

DEFAULT_OUT = Path("bench") / "results"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run, write the report; the exit status."""
    defaults = Options()
    parser = argparse.ArgumentParser(
        prog="python -m graph.bench", description=__doc__,
        epilog="Example: python -m graph.bench --n 100000 --out bench/results")
    parser.add_argument("--n", type=int, default=defaults.n, help="statements in the corpus")
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--sections", default=",".join(runner.SECTIONS),
                        help="comma-separated: " + ", ".join(runner.SECTIONS))
    parser.add_argument("--rdflib-max", type=int, default=defaults.rdflib_max,
                        help="largest corpus given to rdflib (0: skip the rdflib baseline)")
    parser.add_argument("--yaml-max", type=int, default=defaults.yaml_max,
                        help="largest corpus also loaded from YAML (validated by pyshacl)")
    parser.add_argument("--duration", type=float, default=defaults.duration,
                        help="seconds of HTTP load per endpoint")
    parser.add_argument("--connections", type=int, default=defaults.connections)
    parser.add_argument("--max-requests", type=int, default=defaults.max_requests,
                        help="most HTTP requests per endpoint")
    parser.add_argument("--who-runs", type=int, default=defaults.who_runs)
    parser.add_argument("--work", type=Path, default=None, help="directory for corpus and stores")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory of the report")
    args = parser.parse_args(argv)
    options = Options(n=args.n, seed=args.seed, rdflib_max=args.rdflib_max, yaml_max=args.yaml_max,
                      duration=args.duration, connections=args.connections,
                      max_requests=args.max_requests, who_runs=args.who_runs)
    results = runner.run(options, [s for s in args.sections.split(",") if s], args.work,
                         progress=lambda line: print(line, file=sys.stderr, flush=True))
    json_path, md_path = report.write(results, args.out)
    print(report.markdown(results))
    print(f"wrote {json_path} and {md_path}", file=sys.stderr)
    return 1 if results["mismatches"] else 0


if __name__ == "__main__":
    sys.exit(main())
