"""The baselines stancegraph is measured against, each written the plain way a person would.

- ``rdflib_who``: the headline query as naive SPARQL over an in-memory rdflib Dataset;
- ``naive_who``: the same naive SPARQL in Oxigraph (stancegraph's ``who`` before its query was
  join-ordered);
- ``bare_one_mode``: a congruence or conflict network as a bare scipy sparse product;
- the pyoxigraph bulk loader and serialiser, called directly in :mod:`bench.loading` and
  :mod:`bench.exporting`.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

import networkx as nx
import numpy as np
import scipy.sparse as sp
from rdflib import Dataset, URIRef

from graph.ingest.triples import ontology_graph
from graph.analysis.evidence import Evidence
from graph.store import Store
from graph.vocab import DCTERMS, PREFIXES, RDFS, SG, SKOS, relation_slug

NAIVE_WHO = f"""PREFIX sg: <{SG._NS}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
PREFIX dcterms: <{DCTERMS}>
SELECT ?sid ?actorId ?actorLabel ?rel ?relLabel ?family ?polarity ?targetId ?targetLabel
       ?quote ?qs ?qe ?srcId ?srcTitle ?date ?modality ?attribution ?speakerId ?speakerLabel
       ?accId ?condition ?reason
WHERE {{
  ?rel rdfs:subPropertyOf* <%(relation)s> .
  ?t skos:broader* <%(target)s> .
  ?st a sg:Statement ; sg:slug ?sid ; sg:relation ?rel ; sg:actor ?actor ; sg:target ?t ;
      sg:quote ?quote ; sg:quoteStart ?qs ; sg:quoteEnd ?qe ; sg:source ?src ; sg:date ?date ;
      sg:modality ?modality ; sg:attribution ?attribution .
  ?actor sg:slug ?actorId ; skos:prefLabel ?actorLabel .
  ?t sg:slug ?targetId ; skos:prefLabel ?targetLabel .
  ?rel rdfs:label ?relLabel ; sg:family ?family ; sg:polarity ?polarity .
  ?src sg:slug ?srcId ; dcterms:title ?srcTitle .
  OPTIONAL {{ ?st sg:speaker ?speaker . ?speaker sg:slug ?speakerId ; skos:prefLabel ?speakerLabel }}
  OPTIONAL {{ ?st sg:accordingTo ?acc . ?acc sg:slug ?accId }}
  OPTIONAL {{ ?st sg:condition ?condition }}
  OPTIONAL {{ ?st sg:reason ?reason }}
}}
ORDER BY ?date ?sid
"""
"""The headline query written plainly: property paths first, as the question reads."""


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def evidence(row: Mapping[str, object]) -> Evidence:
    """A row of :data:`NAIVE_WHO` (plain values) as stancegraph's Evidence model."""
    def text(name: str) -> str | None:
        value = row.get(name)
        return None if value is None else str(value)

    return Evidence(
        statement=str(row["sid"]), actor=str(row["actorId"]), actor_label=str(row["actorLabel"]),
        relation=relation_slug(str(row["rel"])), relation_label=str(row["relLabel"]),
        family=str(row["family"]), polarity=int(str(row["polarity"])), target=str(row["targetId"]),
        target_label=str(row["targetLabel"]), quote=str(row["quote"]),
        quote_start=int(str(row["qs"])), quote_end=int(str(row["qe"])), source=str(row["srcId"]),
        source_title=str(row["srcTitle"]), date=str(row["date"]), modality=_local(row["modality"]),
        attribution=_local(row["attribution"]), speaker=text("speakerId"),
        speaker_label=text("speakerLabel"), according_to=text("accId"),
        condition=text("condition"), reason=text("reason"))


def rdflib_dataset(nquads: Path) -> Dataset:
    """The corpus and the ontology in an rdflib Dataset whose default graph is the union."""
    with warnings.catch_warnings():  # rdflib 7 warns about its own Dataset internals
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset(default_union=True)
        dataset.parse(nquads, format="nquads")
        ontology = dataset.graph(URIRef("urn:x-bench:ontology"))
        for triple in ontology_graph():
            ontology.add(triple)
    return dataset


def rdflib_who(dataset: Dataset, relation_iri: str, target_iri: str) -> list[Evidence]:
    """The headline query in plain rdflib SPARQL."""
    query = NAIVE_WHO % {"relation": relation_iri, "target": target_iri}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        bindings = dataset.query(query, initNs=PREFIXES).bindings
    return [evidence({str(name): str(value) for name, value in row.items()}) for row in bindings]


def naive_who(store: Store, relation_iri: str, target_iri: str) -> list[Evidence]:
    """The headline query as naive SPARQL, run by Oxigraph through the store."""
    return [evidence(row) for row in store.select(NAIVE_WHO % {"relation": relation_iri,
                                                              "target": target_iri})]


_WEIGHTS = {"congruence": lambda d: 1 - d, "conflict": lambda d: d}


def bare_one_mode(G: nx.MultiDiGraph, aggregation: str) -> tuple[list[str], sp.csr_array]:
    """Actors x actors, tied by stances on the same issues, as a bare scipy product.

    Each actor's stances of polarity p on each issue count in X_p; the network is the sum over
    p, q of w(|p - q| / 2) X_p X_q^T with a zero diagonal (DNA's integer-qualifier agreement).
    Returns the actors in row order and the matrix.
    """
    index: dict[str, int] = {}
    targets: dict[str, int] = {}
    cells: dict[int, tuple[list[int], list[int]]] = {-1: ([], []), 0: ([], []), 1: ([], [])}
    kinds = G.nodes(data="kind")
    for u, v, data in G.edges(data=True):
        if data["family"] in ("supports", "opposes", "hesitant") and kinds[v] == "issue":
            rows, columns = cells[int(data["polarity"])]
            rows.append(index.setdefault(u, len(index)))
            columns.append(targets.setdefault(v, len(targets)))
    shape = (len(index), len(targets))
    X = {p: sp.csr_array((np.ones(len(r)), (r, c)), shape=shape) for p, (r, c) in cells.items()}
    weight = _WEIGHTS[aggregation]
    M = sp.csr_array((len(index), len(index)))
    for p in X:
        for q in X:
            w = weight(abs(p - q) / 2)
            if w:
                M = M + w * (X[p] @ X[q].T)
    M.setdiag(0)
    M.eliminate_zeros()
    return list(index), M
