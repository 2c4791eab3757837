"""Domain errors mapped to HTTP in one place; no stack trace ever reaches a client."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from graph.errors import (
    Conflict,
    InvalidOption,
    NotFound,
    QueryError,
    QueryTimeout,
    ReadOnly,
    ShapeViolation,
    SourceDataError,
    StancegraphError,
    UnsupportedFormat,
)

log = logging.getLogger("stancegraph.api")

_STATUS: list[tuple[type[StancegraphError], int]] = [
    (NotFound, 404), (ReadOnly, 403), (Conflict, 409), (ShapeViolation, 422), (SourceDataError, 422),
    (InvalidOption, 422),
    (QueryTimeout, 503), (QueryError, 400), (UnsupportedFormat, 406),
]


def _body(error: StancegraphError) -> dict[str, object]:
    body: dict[str, object] = {"detail": str(error)}
    if isinstance(error, NotFound):
        body.update(kind=error.kind, id=error.key, close_matches=error.close_matches)
    elif isinstance(error, ShapeViolation):
        body.update(detail="the data do not conform to the SHACL shapes", violations=error.violations)
    elif isinstance(error, SourceDataError):
        body.update(record=error.record, line=error.line)
    return body


async def _domain_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StancegraphError)
    status = next((code for kind, code in _STATUS if isinstance(error, kind)), 500)
    return JSONResponse(_body(error), status_code=status)


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal server error"}, status_code=500)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(StancegraphError, _domain_error)
    app.add_exception_handler(Exception, _unexpected)
