"""The readers of data/ and of imported files: records first (records, files), their references checked
(references), then RDF (triples)."""
