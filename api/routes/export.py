"""Exports: the whole store as RDF, or the stance graph as GraphML, GEXF or CSV tables."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import DateFrom, DateTo, StoreDep
from graph.analysis.view import ViewFilter
from graph.checks import FAMILIES
from graph.export import ExportFormat, export

router = APIRouter(tags=["export"])

_FORMATS = ", ".join(f.value for f in ExportFormat)


@router.get("/export", summary="Download the graph in an RDF or network format",
            responses={200: {"content": {f.media_type: {} for f in ExportFormat},
                             "description": "The file, as an attachment."}})
def get_export(
    store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None,
    format: Annotated[str, Query(max_length=60, description=f"One of {_FORMATS}.")] = "turtle",
    source: Annotated[list[str], Query(max_length=200)] = [],  # noqa: B006 (FastAPI copies defaults)
    family: Annotated[list[str], Query(description=f"Any of {', '.join(FAMILIES)}.")] = [],  # noqa: B006
    fold_persons: bool = False,
    dynamic: Annotated[bool, Query(description="GEXF only: a timeline from statement dates.")] = False,
) -> Response:
    fmt = ExportFormat.parse(format)
    view = ViewFilter(start=date_from, end=date_to, sources=tuple(source),
                      families=tuple(family), fold_persons=fold_persons)
    body = export(store, fmt, view, dynamic=dynamic)
    return Response(body, media_type=fmt.media_type, headers={
        "Content-Disposition": f'attachment; filename="stancegraph.{fmt.extension}"'})
