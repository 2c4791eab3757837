"""Actors: the list, and one actor with its statements (or its RDF description)."""

from fastapi import APIRouter, Request, Response

from api.deps import StoreDep
from api.negotiation import RDF_RESPONSES, rdf_or_json
from graph.analysis import listings, resolution

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", summary="All actors")
def list_actors(store: StoreDep) -> list[listings.ActorSummary]:
    return listings.actors(store)


@router.get("/{actor_id}", summary="An actor with all its statements", responses=RDF_RESPONSES,
            response_model=listings.Profile)
def get_actor(actor_id: str, store: StoreDep, request: Request) -> listings.Profile | Response:
    entity = resolution.resolve(store, actor_id, ("actor",))
    return rdf_or_json(request, store, entity.iri, lambda: listings.profile(store, entity.id))
