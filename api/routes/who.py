"""The headline query: who bears a relation to a target, with the evidence."""

from typing import Annotated

from fastapi import APIRouter, Query, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from graph.analysis import evidence

router = APIRouter(tags=["who"])


@router.get("/who", summary="Who bears RELATION (or a narrower one) to TARGET (or a narrower one)",
            response_model=list[evidence.Evidence])
async def who(
    store: StoreDep,
    relation: Annotated[str, Query(min_length=1, max_length=200, examples=["opposes"])],
    target: Annotated[str, Query(min_length=1, max_length=200, examples=["troop-deployment"])],
    direct_only: bool = False,
) -> Response:
    # A repeated question is answered on the event loop from the cached bytes; only a new one
    # (or the first after a write) goes to a worker thread to query the store.
    body = evidence.cached_who_json(store, relation, target, direct_only=direct_only)
    if body is None:
        body = await run_in_threadpool(evidence.who_json, store, relation, target,
                                       direct_only=direct_only)
    return Response(body, media_type="application/json")
