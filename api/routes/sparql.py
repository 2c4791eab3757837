"""The SPARQL 1.1 Protocol endpoint: read-only, time-limited, size-capped."""

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from rdflib.plugins.sparql import prepareUpdate
from starlette.concurrency import run_in_threadpool

from api.deps import RunnerDep
from api.negotiation import best
from graph import formats
from graph.errors import QueryError, ReadOnly, UnsupportedFormat
from graph.formats import Kind
from graph.store import query_form
from graph.vocab import PREFIXES

router = APIRouter(tags=["sparql"])


def _offered(results: tuple[formats.Format, ...]) -> list[str]:
    """The formats' canonical media types first, then their aliases (a tie goes to the first)."""
    return [f.media_type for f in results] + [alias for f in results for alias in f.media_types[1:]]


_SOLUTION_TYPES = _offered(formats.of_kind(Kind.RESULTS))
_BOOLEAN_TYPES = _offered(tuple(f for f in formats.of_kind(Kind.RESULTS) if f.boolean))
_GRAPH_TYPES = _offered(formats.of_kind(Kind.GRAPH, Kind.DATASET))
_OFFERED = {"select": _SOLUTION_TYPES, "ask": _BOOLEAN_TYPES, "construct": _GRAPH_TYPES}
_READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"


def _is_update(text: str) -> bool:
    try:
        prepareUpdate(text, initNs=PREFIXES)
    except Exception:  # rdflib raises bare Exceptions for unknown prefixes  # noqa: BLE001
        return False
    return True


def _answer(request: Request, runner: RunnerDep, query: str) -> Response:
    if not query.strip():
        raise QueryError("the 'query' parameter is empty")
    if _is_update(query):
        raise ReadOnly(_READ_ONLY)
    form = query_form(query)
    media_type = best(request, _OFFERED[form])
    if media_type is None:
        raise UnsupportedFormat(f"a {form} result is available as: {', '.join(_OFFERED[form])}")
    answer = runner.run(query, formats.by_media_type(media_type).media_type)
    headers = {"X-SPARQL-MaxRows": str(runner.max_rows)} if answer.truncated else {}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


_QUERY = Annotated[str, Query(max_length=100_000, description="A SPARQL 1.1 query.")]
_QUERY_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {m: {} for m in _SOLUTION_TYPES + _GRAPH_TYPES},
          "description": "Results in the negotiated format; a truncated answer carries X-SPARQL-MaxRows."}}


@router.get("/sparql", summary="SPARQL query (GET)", responses=_QUERY_RESPONSES)
def sparql_get(request: Request, runner: RunnerDep, query: _QUERY) -> Response:
    return _answer(request, runner, query)


@router.post("/sparql", summary="SPARQL query (POST, form or application/sparql-query)",
             responses=_QUERY_RESPONSES,
             openapi_extra={"requestBody": {"content": {
                 "application/x-www-form-urlencoded": {"schema": {
                     "type": "object", "properties": {"query": {"type": "string"}}}},
                 "application/sparql-query": {"schema": {"type": "string"}}}}})
async def sparql_post(request: Request, runner: RunnerDep) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise ReadOnly(_READ_ONLY)
        query = str(form.get("query", ""))
    elif content_type == "application/sparql-update":
        raise ReadOnly(_READ_ONLY)
    else:
        # the protocol's own refusal of a request body it cannot read, not a domain error
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                            "send the query as application/sparql-query or as a form field 'query'")
    return await run_in_threadpool(_answer, request, runner, query)
