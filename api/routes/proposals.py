"""Proposals and commitments: the list, and one with its narrower/broader ones and statements."""

from fastapi import APIRouter, Request

from api.deps import StoreDep
from api.negotiation import RDF_RESPONSES, rdf_response, rdf_type
from graph.analysis import queries

router = APIRouter(prefix="/proposals", tags=["proposals"])


@router.get("", summary="All proposals and commitments")
def list_proposals(store: StoreDep) -> list[queries.IssueSummary]:
    return queries.issues(store)


@router.get("/{proposal_id}", summary="A proposal with its hierarchy and statements",
            responses=RDF_RESPONSES)
def get_proposal(proposal_id: str, store: StoreDep, request: Request) -> queries.Profile:
    entity = queries.resolve(store, proposal_id, ("issue",))
    media_type = rdf_type(request)
    if media_type:
        return rdf_response(queries.description(store, entity.iri), media_type)  # type: ignore[return-value]
    return queries.profile(store, entity.id)
