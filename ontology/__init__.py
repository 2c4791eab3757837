"""The stancegraph ontology (``stancegraph.ttl``) and its SHACL shapes (``shapes.ttl``), as package data."""
