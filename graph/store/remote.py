"""The remote engine: a SPARQL 1.1 endpoint (query and update at one URL), such as Virtuoso.

Queries go over the SPARQL 1.1 Protocol (SELECT and ASK answers as SPARQL JSON, CONSTRUCT and
DESCRIBE as N-Triples) and come back as pyoxigraph objects, as the embedded engine's do; writes go
as SPARQL 1.1 Update. Bound variables travel as a ``VALUES`` clause in the WHERE group. Enumerations
(``len``, ``quads``, ``named_graphs``, ``dump``) cover only stancegraph's own named graphs, so
the endpoint's system graphs (Virtuoso's ``virtrdf:`` ...) never reach the shape checks or dumps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import Graph

from graph import formats
from graph.errors import StancegraphError
from graph.store.results import Answer, Term, plain
from graph.vocab import PREFIXES

SCHEMES = ("sparql+http://", "sparql+https://")
"""``STANCEGRAPH_STORE`` values with these prefixes name a remote endpoint."""

_JSON = formats.SPARQL_JSON.media_type
_NTRIPLES = formats.NTRIPLES.media_type
_PROBE = ox.Store()
"""An empty store: parsing a query on it checks the syntax, the form, and that it is no update."""
_DECLARED = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def is_remote(location: object) -> bool:
    """Whether ``location`` names a remote SPARQL endpoint rather than a directory.

    >>> is_remote("sparql+http://127.0.0.1:8890/sparql"), is_remote("var/store")
    (True, False)
    """
    return isinstance(location, str) and location.startswith(SCHEMES)


def values_clause(bindings: Mapping[str, Term]) -> str:
    """A VALUES clause binding each variable to its term, written as N-Triples writes it.

    >>> values_clause({"s": ox.NamedNode("urn:a"), "n": ox.Literal('say "x" }')})
    'VALUES (?s ?n) { (<urn:a> "say \\\\"x\\\\" }") }'
    """
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(str(term) for term in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


_LEXEMES = re.compile(r"""
    "{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}   # long strings
  | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'                           # strings
  | <[^<>"{}|^`\\\s]*>                                                # IRIs
  | \#[^\n]*                                                          # comments
  | }
""", re.VERBOSE)
"""The strings, IRIs and comments of a query, which may hold braces, and its closing braces."""


def bound(query: str, bindings: Mapping[str, Term]) -> str:
    """``query`` with ``bindings`` as a VALUES clause, the last element of its WHERE group (the
    group's last closing brace): joined to the group's pattern, seen by the group's filters, as a
    substituted value would be (a trailing VALUES is joined after the filters, and Virtuoso takes
    none after ASK or CONSTRUCT).

    >>> print(bound("ASK {?s ?p '}'} # }", {"s": ox.NamedNode("urn:a")}))
    ASK {?s ?p '}'
    VALUES (?s) { (<urn:a>) }
    } # }
    """
    if not bindings:
        return query
    braces = [m.start() for m in _LEXEMES.finditer(query) if m.group() == "}"]
    if not braces:
        raise SyntaxError("a query with bound values needs a WHERE group")
    return f"{query[:braces[-1]]}\n{values_clause(bindings)}\n{query[braces[-1]:]}"


def _term(term: ox.NamedNode | ox.Literal | None, name: str) -> str:
    return f"?{name}" if term is None else str(term)


class RemoteEngine:
    """A SPARQL 1.1 endpoint whose default graph is the union of its named graphs.

    Parameters
    ----------
    location
        ``sparql+http://HOST:PORT/PATH`` or ``sparql+https://...``.
    graph_prefix
        The IRI prefix of the named graphs that belong to the store.
    timeout
        Seconds an HTTP request may take.
    """

    isolates_queries = True

    def __init__(self, location: str, *, graph_prefix: str, timeout: float = 60.0) -> None:
        self.location = location
        self.url = location.removeprefix("sparql+")
        self.graph_prefix = graph_prefix
        self.client = httpx.Client(timeout=timeout)

    def _post(self, data: Mapping[str, str], accept: str, timeout: float | None = None) -> httpx.Response:
        try:
            response = self.client.post(self.url, data=data, headers={"Accept": accept},
                                        timeout=httpx.USE_CLIENT_DEFAULT if timeout is None else timeout)
        except httpx.TimeoutException as err:
            raise TimeoutError(f"the SPARQL endpoint {self.url} did not answer in time") from err
        except httpx.HTTPError as err:
            raise ConnectionError(f"the SPARQL endpoint {self.url} is unreachable: {err}") from err
        if response.status_code >= 400:
            raise RuntimeError(f"the SPARQL endpoint answered {response.status_code}: "
                               f"{response.text.strip()[:500]}")
        return response

    def query(self, query: str, bindings: Mapping[str, Term] | None = None,
              timeout: float | None = None) -> Answer:
        """Run a read-only query.

        Raises SyntaxError for malformed SPARQL and for updates, RuntimeError when the endpoint
        fails, TimeoutError and ConnectionError when it does not answer.
        """
        # parsed here first: the remote never sees an update or a vendor extension through query()
        form = _PROBE.query(_DECLARED + query)
        text = bound(_DECLARED + query, bindings or {})
        _PROBE.query(text)
        if isinstance(form, ox.QueryTriples):
            return _triples(self._post({"query": text}, _NTRIPLES, timeout).content)
        return _solutions(self._post({"query": text}, _JSON, timeout).content)

    def update(self, update: str) -> None:
        """Run a SPARQL 1.1 Update; an endpoint error becomes OSError."""
        try:
            self._post({"update": update}, "*/*")
        except RuntimeError as err:
            raise OSError(str(err)) from err

    def replace(self, drop: Iterable[str], graphs: Mapping[str, Graph]) -> None:
        # one INSERT {...} WHERE {} per graph: Virtuoso refuses blank nodes in INSERT DATA and
        # fails on templates of several graphs
        drops = [f"DROP SILENT GRAPH <{name}>" for name in drop]
        inserts = [f"INSERT {{ GRAPH <{name}> {{\n{g.serialize(format='nt')}\n}} }} WHERE {{ }}"
                   for name, g in graphs.items() if len(g)]
        self.update(" ;\n".join(drops + inserts))

    def _ours(self, name: str = "g") -> str:
        return f'FILTER (isIRI(?{name}) && STRSTARTS(STR(?{name}), "{self.graph_prefix}"))'

    def quads(self, subject: ox.NamedNode | None, predicate: ox.NamedNode | None,
              obj: ox.NamedNode | ox.Literal | None, graph: ox.NamedNode | None) -> list[ox.Quad]:
        s, p, o, g = _term(subject, "s"), _term(predicate, "p"), _term(obj, "o"), _term(graph, "g")
        query = f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ {s} {p} {o} }} {self._ours()} }}"
        if graph is not None:
            query = f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ {s} {p} {o} }} }}"
        result = _rows(self._post({"query": query}, _JSON).content)
        return [ox.Quad(subject or row["s"], predicate or row["p"], obj or row["o"],
                        graph or row["g"]) for row in result]

    def __len__(self) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"
        result = _rows(self._post({"query": query}, _JSON).content)
        return int(plain(next(iter(result))["n"]) or 0)

    def named_graphs(self) -> list[str]:
        query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours()} }}"
        result = _rows(self._post({"query": query}, _JSON).content)
        return [str(plain(row["g"])) for row in result]

    def outside_named_graphs(self) -> bool:
        """False: the store's view of an endpoint is its own named graphs."""
        return False

    def dump(self, fmt: ox.RdfFormat) -> bytes:
        return ox.serialize(self.quads(None, None, None, None), format=fmt) or b""

    def require_local(self, what: str) -> None:
        raise StancegraphError(f"{what} needs the embedded store; {self.location} is a remote SPARQL "
                               "endpoint (use its own tools for that)")

    def bulk_load(self, path: Path, fmt: ox.RdfFormat, to_graph: str | None) -> None:
        self.require_local("the bulk load of RDF files")

    def load(self, path: Path, fmt: ox.RdfFormat) -> None:
        self.require_local("loading a dataset file")

    def clear(self) -> None:
        self.require_local("clearing the whole dataset")

    def backup(self, target: Path) -> None:
        self.require_local("a snapshot")

    def flush(self) -> None:
        """Nothing to flush: every update is sent when it is made."""

    def close(self) -> None:
        self.client.close()


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


def _rows(body: bytes) -> ox.QuerySolutions:
    """The solutions of a SELECT the engine sent itself."""
    result = _solutions(body)
    assert isinstance(result, ox.QuerySolutions), "a SELECT is answered with solutions"
    return result


def _triples(body: bytes) -> ox.QueryTriples:
    """N-Triples as the ``QueryTriples`` a local CONSTRUCT returns (pyoxigraph builds no other way)."""
    local = ox.Store()
    local.load(body, format=ox.RdfFormat.N_TRIPLES)
    result = local.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples), "a CONSTRUCT is answered with triples"
    return result
