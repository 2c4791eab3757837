"""A remote SPARQL 1.1 endpoint behind the subset of ``pyoxigraph.Store`` that :mod:`graph.store` uses.

Imported only by :mod:`graph.store`. Queries go over the SPARQL 1.1 Protocol (SELECT and ASK
answers as SPARQL JSON, CONSTRUCT and DESCRIBE as N-Triples) and come back as pyoxigraph objects,
so the store treats both engines alike; writes go as SPARQL 1.1 Update. Enumerations (``len``,
iteration, ``named_graphs``, ``dump``) cover only stancegraph's own named graphs, so the
endpoint's system graphs (Virtuoso's ``virtrdf:`` ...) never reach the shape checks or dumps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping

import httpx
import pyoxigraph as ox

SCHEMES = ("sparql+http://", "sparql+https://")
"""``STANCEGRAPH_STORE`` values with these prefixes name a remote endpoint."""

_JSON = "application/sparql-results+json"
_NTRIPLES = "application/n-triples"
_PROBE = ox.Store()
"""An empty store: parsing a query on it checks the syntax, the form, and that it is no update."""


def is_remote(location: object) -> bool:
    """Whether ``location`` names a remote SPARQL endpoint rather than a directory.

    >>> is_remote("sparql+http://127.0.0.1:8890/sparql"), is_remote("var/store")
    (True, False)
    """
    return isinstance(location, str) and location.startswith(SCHEMES)


def _term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None, name: str) -> str:
    return f"?{name}" if term is None else str(term)


class RemoteEngine:
    """A SPARQL 1.1 endpoint (query and update at one URL) that looks like a ``pyoxigraph.Store``.

    Parameters
    ----------
    location
        ``sparql+http://HOST:PORT/PATH`` or ``sparql+https://...``.
    graph_prefix
        The IRI prefix of the named graphs that belong to the store.
    timeout
        Seconds an HTTP request may take.
    """

    def __init__(self, location: str, *, graph_prefix: str, timeout: float = 60.0) -> None:
        self.url = location.removeprefix("sparql+")
        self.graph_prefix = graph_prefix
        self._client = httpx.Client(timeout=timeout)

    def _post(self, data: Mapping[str, str], accept: str, timeout: float | None = None) -> httpx.Response:
        try:
            response = self._client.post(self.url, data=data, headers={"Accept": accept},
                                         **({} if timeout is None else {"timeout": timeout}))
        except httpx.TimeoutException as err:
            raise TimeoutError(f"the SPARQL endpoint {self.url} did not answer in time") from err
        except httpx.HTTPError as err:
            raise ConnectionError(f"the SPARQL endpoint {self.url} is unreachable: {err}") from err
        if response.status_code >= 400:
            raise RuntimeError(f"the SPARQL endpoint answered {response.status_code}: "
                               f"{response.text.strip()[:500]}")
        return response

    def query(self, query: str, use_default_graph_as_union: bool = True,
              prefixes: Mapping[str, str] | None = None,
              timeout: float | None = None) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a read-only query; the endpoint's default graph must be the union of its graphs.

        Raises SyntaxError for malformed SPARQL and for updates, RuntimeError when the endpoint
        fails, TimeoutError and ConnectionError when it does not answer.
        """
        # parsed here first: the remote never sees an update or a vendor extension through query()
        form = _PROBE.query(query, use_default_graph_as_union=True, prefixes=dict(prefixes or {}))
        declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in (prefixes or {}).items())
        text = declared + query
        if isinstance(form, ox.QueryTriples):
            return _triples(self._post({"query": text}, _NTRIPLES, timeout).content)
        return _solutions(self._post({"query": text}, _JSON, timeout).content)

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update; an endpoint error becomes OSError."""
        try:
            self._post({"update": update}, "*/*")
        except RuntimeError as err:
            raise OSError(str(err)) from err

    def _ours(self, name: str = "g") -> str:
        return f'FILTER (isIRI(?{name}) && STRSTARTS(STR(?{name}), "{self.graph_prefix}"))'

    def quads_for_pattern(self, subject: ox.NamedNode | ox.BlankNode | None,
                          predicate: ox.NamedNode | None,
                          obj: ox.NamedNode | ox.BlankNode | ox.Literal | None,
                          graph_name: ox.NamedNode | None = None) -> list[ox.Quad]:
        """The quads in the store's named graphs that match the pattern (None: any)."""
        s, p, o, g = (_term(subject, "s"), _term(predicate, "p"), _term(obj, "o"),
                      _term(graph_name, "g"))
        query = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ {s} {p} {o} }} {self._ours()} }}"
        if graph_name is not None:
            query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ {s} {p} {o} }} }}"
        result = _solutions(self._post({"query": query}, _JSON).content)
        return [ox.Quad(subject or row["s"], predicate or row["p"], obj or row["o"],
                        graph_name or row["g"]) for row in result]

    def __iter__(self) -> Iterator[ox.Quad]:
        return iter(self.quads_for_pattern(None, None, None, None))

    def __len__(self) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"
        result = _solutions(self._post({"query": query}, _JSON).content)
        return int(next(iter(result))["n"].value)

    def named_graphs(self) -> list[ox.NamedNode]:
        query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"
        result = _solutions(self._post({"query": query}, _JSON).content)
        return [row["g"] for row in result]

    def dump(self, format: ox.RdfFormat) -> bytes:
        return ox.serialize(list(self), format=format) or b""

    def flush(self) -> None:
        """Nothing to flush: every update is sent when it is made."""

    def close(self) -> None:
        self._client.close()


def _solutions(body: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    """SPARQL JSON results as pyoxigraph objects, with blank node labels made valid (Virtuoso
    writes them as ``nodeID://b10000``)."""
    if b'"bnode"' in body:
        data = json.loads(body)
        for row in data.get("results", {}).get("bindings", []):
            for term in row.values():
                if term.get("type") == "bnode":
                    term["value"] = re.sub(r"[^A-Za-z0-9]", "_", term["value"])
        body = json.dumps(data).encode()
    return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)


def _triples(body: bytes) -> ox.QueryTriples:
    """N-Triples as the ``QueryTriples`` a local CONSTRUCT returns (pyoxigraph builds no other way)."""
    local = ox.Store()
    local.load(body, format=ox.RdfFormat.N_TRIPLES)
    return local.query("CONSTRUCT WHERE { ?s ?p ?o }")
