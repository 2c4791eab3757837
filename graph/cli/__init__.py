"""The ``stancegraph`` command line: thin commands over the library, tables for people, JSON for scripts.

The commands live in modules by group (:mod:`graph.cli.data`, ``lookup``, ``exports``,
``analyses``, ``serving``), gathered by :mod:`graph.cli.app`; the console script runs ``app``.
"""

from graph.cli.app import app

__all__ = ["app"]
