"""Content negotiation: JSON by default, RDF descriptions for clients that ask for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import mimeparse
from fastapi import Request, Response
from pydantic import BaseModel
from rdflib import Graph

from graph import formats
from graph.analysis.evidence import description
from graph.formats import Kind
from graph.store import Store
from graph.vocab import PREFIXES

RDF_FORMATS = tuple(f.media_type for f in formats.of_kind(Kind.GRAPH))
"""Media types a resource's RDF description is served in (rdflib's serializers go by them too)."""

RDF_RESPONSES: dict[int | str, dict[str, Any]] = {200: {"content": {media: {} for media in RDF_FORMATS},
                       "description": "The resource, as JSON or (by Accept) as RDF."}}


def best(request: Request, offered: list[str]) -> str | None:
    """The offered media type the client's Accept header prefers; None when it accepts none.

    On a tie (``*/*``) the first offered type wins.
    """
    accept = request.headers.get("accept") or offered[0]
    try:
        choice = mimeparse.best_match(offered[::-1], accept)  # mimeparse lets the last tie win
    except ValueError:
        return offered[0]
    return choice or None


def rdf_type(request: Request) -> str | None:
    """The RDF media type the client prefers over JSON, if any."""
    choice = best(request, ["application/json", *RDF_FORMATS])
    return choice if choice in RDF_FORMATS else None


def rdf_response(g: Graph, media_type: str) -> Response:
    """``g`` serialised as ``media_type``, prefixes bound (JSON-LD gets them as its context)."""
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, replace=True)
    jsonld = media_type == formats.JSONLD.media_type
    body = g.serialize(format=media_type, context=PREFIXES) if jsonld else g.serialize(format=media_type)
    return Response(body, media_type=media_type)


Model = TypeVar("Model", bound=BaseModel)


def rdf_or_json(request: Request, store: Store, iri: str, body: Callable[[], Model]) -> Model | Response:
    """The RDF description of ``iri`` if the client's Accept prefers RDF, else ``body()`` (JSON).

    A route returning this declares ``response_model`` for its JSON answer; an RDF answer is a
    :class:`Response` that FastAPI passes through.
    """
    media_type = rdf_type(request)
    return rdf_response(description(store, iri), media_type) if media_type else body()
