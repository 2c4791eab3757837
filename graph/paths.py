"""Where the ontology, the shapes and the data live: resolved here and nowhere else.

The ontology and the shapes are package data of the ``ontology`` package, read through
:mod:`importlib.resources`, so an installed stancegraph finds them wherever it runs. The data is
not installed: it is the ``data/`` directory of the working directory, as the store is.
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

ONTOLOGY_FILE: Traversable = files("ontology") / "stancegraph.ttl"
SHAPES_FILE: Traversable = files("ontology") / "shapes.ttl"
DATA_DIR = Path("data")
"""The data ``stancegraph load`` reads when given no paths: ``data/`` under the working directory."""

STORE_ENV = "STANCEGRAPH_STORE"
DEFAULT_STORE = Path(".stancegraph") / "store"


def default_store_location() -> str:
    """The store named by ``STANCEGRAPH_STORE``, else ``.stancegraph/store`` under the working directory."""
    return os.environ.get(STORE_ENV) or str(DEFAULT_STORE)
