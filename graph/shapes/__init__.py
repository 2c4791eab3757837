"""The SHACL shapes: validation by pyshacl (validate) and the shapes compiled to SPARQL rules (rules)."""
