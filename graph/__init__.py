"""stancegraph: a knowledge graph of who stands where in a political debate."""

__version__ = "0.1.0"
