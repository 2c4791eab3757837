"""The triple store: open, load, query, dump. The only package that knows the RDF engine.

:class:`Store` (:mod:`graph.store.store`) sits on an engine (:mod:`graph.store.engine`): the
embedded Oxigraph (:mod:`graph.store.embedded`) or a remote SPARQL 1.1 endpoint
(:mod:`graph.store.remote`). Bulk loads (:mod:`graph.store.bulk`), answers and their formats
(:mod:`graph.store.results`), shape checks by the engine (:mod:`graph.store.checking`) and
isolated untrusted queries (:mod:`graph.store.isolation`) each have their module.
"""

from graph.store.results import Row, SparqlAnswer, Value, query_form
from graph.store.store import ONTOLOGY_GRAPH, Bindings, LoadReport, Store

__all__ = ["ONTOLOGY_GRAPH", "Bindings", "LoadReport", "Row", "SparqlAnswer", "Store", "Value", "query_form"]
