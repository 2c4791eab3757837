"""Proposals and commitments: the list, and one with its narrower/broader ones and statements."""

from fastapi import APIRouter, Request, Response

from api.deps import StoreDep
from api.negotiation import RDF_RESPONSES, rdf_or_json
from graph.analysis import listings, resolution

router = APIRouter(prefix="/proposals", tags=["proposals"])


@router.get("", summary="All proposals and commitments")
def list_proposals(store: StoreDep) -> list[listings.IssueSummary]:
    return listings.issues(store)


@router.get("/{proposal_id}", summary="A proposal with its hierarchy and statements",
            responses=RDF_RESPONSES, response_model=listings.Profile)
def get_proposal(proposal_id: str, store: StoreDep, request: Request) -> listings.Profile | Response:
    entity = resolution.resolve(store, proposal_id, ("issue",))
    return rdf_or_json(request, store, entity.iri, lambda: listings.profile(store, entity.id))
