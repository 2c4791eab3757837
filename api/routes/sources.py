"""Source documents: read them, and add new ones with their text."""

from fastapi import APIRouter, Request, Response, status

from api.deps import RunnerDep, StoreDep, WriterDep
from api.negotiation import RDF_RESPONSES, rdf_or_json
from graph.analysis import evidence
from graph.coding import edit

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("/{source_id}", summary="A source document with its full text", responses=RDF_RESPONSES,
            response_model=evidence.SourceInfo)
def get_source(source_id: str, store: StoreDep, request: Request) -> evidence.SourceInfo | Response:
    found = evidence.source(store, source_id)
    return rdf_or_json(request, store, found.iri, lambda: found)


@router.post("", status_code=status.HTTP_201_CREATED, dependencies=[WriterDep],
             summary="Add a source document (needs the bearer token)")
def post_source(source: edit.NewSource, store: StoreDep, runner: RunnerDep) -> evidence.SourceInfo:
    edit.add_source(store, source)
    runner.invalidate()
    return evidence.source(store, source.id)
