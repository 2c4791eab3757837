"""Where the ontology, the shapes and the bundled data live: resolved here and nowhere else."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "stancegraph.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
DATA_DIR = PROJECT_ROOT / "data"

STORE_ENV = "STANCEGRAPH_STORE"
DEFAULT_STORE = Path(".stancegraph") / "store"


def default_store_location() -> str:
    """The store named by ``STANCEGRAPH_STORE``, else ``.stancegraph/store`` under the working directory."""
    return os.environ.get(STORE_ENV) or str(DEFAULT_STORE)
