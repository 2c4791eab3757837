"""The headline query: who bears a relation to a target, with the evidence."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import StoreDep
from graph import queries

router = APIRouter(tags=["who"])


@router.get("/who", summary="Who bears RELATION (or a narrower one) to TARGET (or a narrower one)",
            response_model=list[queries.Evidence])
def who(
    store: StoreDep,
    relation: Annotated[str, Query(min_length=1, max_length=200, examples=["opposes"])],
    target: Annotated[str, Query(min_length=1, max_length=200, examples=["troop-deployment"])],
    direct_only: bool = False,
) -> Response:
    # the encoded answer is cached with the answer: encoding is the cost of a repeated question
    return Response(queries.who_json(store, relation, target, direct_only=direct_only),
                    media_type="application/json")
