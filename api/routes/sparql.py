"""The SPARQL 1.1 Protocol endpoint: read-only, time-limited, size-capped."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool
from rdflib.plugins.sparql import prepareUpdate

from api.deps import RunnerDep
from api.negotiation import best
from graph.store import GRAPH_MEDIA_TYPES, query_form
from graph.vocab import PREFIXES

router = APIRouter(tags=["sparql"])

_SOLUTION_TYPES = ["application/sparql-results+json", "application/sparql-results+xml",
                   "text/csv", "text/tab-separated-values", "application/json"]
_BOOLEAN_TYPES = ["application/sparql-results+json", "application/sparql-results+xml",
                  "application/json"]
_GRAPH_TYPES = list(GRAPH_MEDIA_TYPES)


def _is_update(text: str) -> bool:
    try:
        prepareUpdate(text, initNs=PREFIXES)
    except Exception:  # rdflib raises bare Exceptions for unknown prefixes  # noqa: BLE001
        return False
    return True


def _answer(request: Request, runner: RunnerDep, query: str) -> Response:
    if not query.strip():
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "the 'query' parameter is empty")
    if _is_update(query):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
    form = query_form(query)
    offered = {"select": _SOLUTION_TYPES, "ask": _BOOLEAN_TYPES, "construct": _GRAPH_TYPES}[form]
    media_type = best(request, offered)
    if media_type is None:
        raise HTTPException(status.HTTP_406_NOT_ACCEPTABLE,
                            f"a {form} result is available as: {', '.join(offered)}")
    if media_type == "application/json":
        media_type = "application/sparql-results+json"
    answer = runner.run(query, media_type)
    headers = {"X-SPARQL-MaxRows": str(runner.max_rows)} if answer.truncated else {}
    return Response(answer.body, media_type=answer.media_type, headers=headers)


_QUERY = Annotated[str, Query(max_length=100_000, description="A SPARQL 1.1 query.")]
_QUERY_RESPONSES = {200: {"content": {m: {} for m in _SOLUTION_TYPES + _GRAPH_TYPES},
                          "description": "Results in the negotiated format; a truncated answer "
                                         "carries X-SPARQL-MaxRows."}}


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
    if content_type == "application/sparql-update":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        if "update" in form:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only")
        query = str(form.get("query", ""))
    else:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
                            "send the query as application/sparql-query or as a form field 'query'")
    return await run_in_threadpool(_answer, request, runner, query)
