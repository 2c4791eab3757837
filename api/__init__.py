"""The stancegraph HTTP API (FastAPI): resources, the headline query, SPARQL, linked data, writes."""
