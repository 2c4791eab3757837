"""Linked data: every stancegraph IRI (``/id/KIND/SLUG``) dereferences on this server."""

from typing import Literal

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import RedirectResponse

from api.deps import StoreDep
from api.negotiation import RDF_FORMATS, RDF_RESPONSES, rdf_response, rdf_type
from graph import checks
from graph.analysis import evidence
from graph.errors import NotFound
from graph.vocab import ID

router = APIRouter(tags=["linked data"])

_JSON_ROUTES = {"actor": "/actors/{}", "issue": "/proposals/{}", "statement": "/statements/{}",
                "source": "/sources/{}"}


@router.get("/id/{kind}/{slug}", summary="Dereference a stancegraph IRI",
            responses={**RDF_RESPONSES, 303: {"description": "See the JSON resource."}})
def dereference(kind: Literal["actor", "issue", "statement", "source"], slug: str,
                store: StoreDep, request: Request) -> Response:
    iri = ID[f"{kind}/{checks.slug(slug, kind)}"]
    if not store.ask("ASK { ?s ?p ?o }", {"s": iri}):
        raise NotFound(kind, slug)
    media_type = rdf_type(request)
    if media_type in RDF_FORMATS:
        return rdf_response(evidence.description(store, iri), media_type)
    return RedirectResponse(_JSON_ROUTES[kind].format(slug), status_code=status.HTTP_303_SEE_OTHER)
