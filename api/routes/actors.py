"""Actors: the list, and one actor with its statements (or its RDF description)."""

from fastapi import APIRouter, Request

from api.deps import StoreDep
from api.negotiation import RDF_RESPONSES, rdf_response, rdf_type
from graph.analysis import queries

router = APIRouter(prefix="/actors", tags=["actors"])


@router.get("", summary="All actors")
def list_actors(store: StoreDep) -> list[queries.ActorSummary]:
    return queries.actors(store)


@router.get("/{actor_id}", summary="An actor with all its statements", responses=RDF_RESPONSES)
def get_actor(actor_id: str, store: StoreDep, request: Request) -> queries.Profile:
    entity = queries.resolve(store, actor_id, ("actor",))
    media_type = rdf_type(request)
    if media_type:
        return rdf_response(queries.description(store, entity.iri), media_type)  # type: ignore[return-value]
    return queries.profile(store, entity.id)
