"""Section 2: the headline query "who opposes X (incl. narrower), with evidence".

Measured in process on the loaded store, against the same question as naive SPARQL in Oxigraph
and in plain rdflib (on a corpus of at most ``rdflib_max`` statements, where rdflib finishes).
All answers must be equal. The answer's JSON encoding is timed three ways, since encoding, not
the query, dominates an API response.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter

from graph.bench import baselines
from graph.bench.context import Context
from graph.bench.corpus import Corpus, generate, ontology_relations
from graph.bench.measure import timed
from graph.bench.writers import write_nquads
from graph.analysis import evidence
from graph.store import Store
from graph.vocab import issue_iri, relation_iri

RELATION = "opposes"
_EVIDENCE_LIST = TypeAdapter(list[evidence.Evidence])


HEADLINE_ROWS = 350
"""The answer size the issue measures the API with: the headline target is the middle-level
proposal whose opposing statements (on it and below it) come closest to this."""


def headline_target(corpus: Corpus) -> str:
    """The middle-level proposal whose opposing statements come closest to :data:`HEADLINE_ROWS`."""
    family = {r.slug: r.family for r in ontology_relations()}
    parent = {i.id: i.broader[0] for i in corpus.issues if i.broader}
    level = {i.id: i.level for i in corpus.issues}
    counts: Counter[str] = Counter()
    for st in corpus.statements:
        if family[st.relation] == RELATION and st.target in level:
            node: str | None = st.target
            while node is not None:
                if level[node] == 1:
                    counts[node] += 1
                node = parent.get(node)
    if not counts:
        return next(i.id for i in corpus.issues if i.level == 0)
    return min(counts, key=lambda slug: (abs(counts[slug] - HEADLINE_ROWS), slug))


def _dumps(rows: list[evidence.Evidence]) -> list[dict[str, Any]]:
    return [e.model_dump() for e in rows]


def _rdflib(ctx: Context, target: str, ours: list[evidence.Evidence]) -> dict[str, Any]:
    """rdflib on the corpus, or on a smaller one when the corpus is above ``rdflib_max``."""
    size = min(ctx.options.n, ctx.options.rdflib_max)
    store = ctx.store
    nquads = ctx.nquads
    rel_iri, target_iri = str(relation_iri(RELATION)), str(issue_iri(target))
    expected = ours
    if size < ctx.options.n:
        small = generate(size, ctx.options.seed)
        target = headline_target(small)
        target_iri = str(issue_iri(target))
        nquads = Path(tempfile.mkdtemp(dir=ctx.work)) / "rdflib-corpus.nq"
        write_nquads(small, nquads)
        store = Store(None)
        store.load([nquads])
        expected = evidence.who(store, RELATION, target)
    assert store is not None
    dataset, load_time = timed(lambda: baselines.rdflib_dataset(nquads))
    answer, query_time = timed(lambda: baselines.rdflib_who(dataset, rel_iri, target_iri), runs=2)
    _, ours_time = timed(lambda: evidence.who(store, RELATION, target), runs=50, warmup=3)
    return {
        "statements": size, "target": target, "rows": len(answer),
        "rdflib_load": load_time.to_dict(), "rdflib_query": query_time.to_dict(),
        "ours_at_this_size": ours_time.to_dict(), "ratio": query_time.p50 / ours_time.p50,
        "equal": ctx.check("who: stancegraph == plain rdflib SPARQL",
                           _dumps(answer) == _dumps(expected)),
    }


def _encodings(rows: list[evidence.Evidence]) -> dict[str, Any]:
    _, pydantic_json = timed(lambda: _EVIDENCE_LIST.dump_json(rows), runs=30, warmup=2)
    _, with_orjson = timed(lambda: orjson.dumps([e.model_dump() for e in rows]), runs=30, warmup=2)
    _, with_json = timed(lambda: json.dumps([e.model_dump() for e in rows]).encode(), runs=30, warmup=2)
    same = orjson.loads(_EVIDENCE_LIST.dump_json(rows)) == orjson.loads(orjson.dumps(_dumps(rows)))
    return {"pydantic_dump_json": pydantic_json.to_dict(), "orjson_of_model_dump": with_orjson.to_dict(),
            "json_dumps_of_model_dump": with_json.to_dict(), "same_json": same}


def run(ctx: Context) -> dict[str, Any]:
    """Time ``who`` and its baselines; record the answer for the HTTP section to compare with."""
    store = ctx.store
    assert store is not None
    target = headline_target(ctx.corpus)
    first, cold = timed(lambda: evidence.who(store, RELATION, target))
    ours, warm = timed(lambda: evidence.who(store, RELATION, target), runs=ctx.options.who_runs, warmup=3)
    # the answer cache's miss path: the query itself, as after every write
    _, uncached = timed(lambda: evidence._who(store, RELATION, target, False), runs=3)
    naive, naive_time = timed(lambda: baselines.naive_who(store, str(relation_iri(RELATION)),
                                                          str(issue_iri(target))), runs=3)
    ctx.headline = {"relation": RELATION, "target": target, "answer": _dumps(ours)}
    result: dict[str, Any] = {
        "question": f"who {RELATION} {target} (and narrower proposals)", "rows": len(ours),
        "ours": {**warm.to_dict(), "first_call_s": cold.p50},
        "uncached": uncached.to_dict(), "ratio_naive_to_uncached": naive_time.p50 / uncached.p50,
        "naive_sparql_in_oxigraph": naive_time.to_dict(),
        "ratio_naive_to_ours": naive_time.p50 / warm.p50,
        "equal_naive": ctx.check("who: join-ordered == naive SPARQL", _dumps(naive) == _dumps(ours)),
        "stable": ctx.check("who: first answer == later answers", _dumps(first) == _dumps(ours)),
        "encoding": _encodings(ours),
    }
    if ctx.options.rdflib_max > 0:
        result["rdflib"] = _rdflib(ctx, target, ours)
    return result
