"""Source documents: read them, and add new ones with their text."""

from fastapi import APIRouter, Request, status

from api.deps import RunnerDep, StoreDep, WriterDep
from api.negotiation import RDF_RESPONSES, rdf_response, rdf_type
from graph.analysis import queries
from graph.coding import edit

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("/{source_id}", summary="A source document with its full text", responses=RDF_RESPONSES)
def get_source(source_id: str, store: StoreDep, request: Request) -> queries.SourceInfo:
    found = queries.source(store, source_id)
    media_type = rdf_type(request)
    if media_type:
        return rdf_response(queries.description(store, found.iri), media_type)  # type: ignore[return-value]
    return found


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[WriterDep],
             summary="Add a source document (needs the bearer token)")
def post_source(source: edit.NewSource, store: StoreDep, runner: RunnerDep) -> queries.SourceInfo:
    edit.add_source(store, source)
    runner.invalidate()
    return queries.source(store, source.id)
