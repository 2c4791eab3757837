"""Typed dependencies: the store, the SPARQL runner, the settings, the write guard, the dates."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator

from api.settings import Settings
from graph import checks
from graph.store import Store
from graph.store.isolation import QueryRunner


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def get_runner(request: Request) -> QueryRunner:
    return request.app.state.runner


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

_bearer = HTTPBearer(auto_error=False, description="The token set in STANCEGRAPH_TOKEN.")


def require_writer(settings: SettingsDep,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Let a request write only with the configured bearer token; without one the server is read-only."""
    if settings.token is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "this server is read-only: no write token is configured (STANCEGRAPH_TOKEN)")
    if credentials is None or not secrets.compare_digest(
            credentials.credentials.encode(), settings.token.get_secret_value().encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "a valid bearer token is required to write",
                            headers={"WWW-Authenticate": "Bearer"})


WriterDep = Depends(require_writer)


def _checked(name: str) -> AfterValidator:
    # InvalidOption is a ValueError, so FastAPI answers 422 with the parameter's place ("loc")
    # and the check's own wording, as for every other malformed parameter
    return AfterValidator(lambda text: checks.optional_date(text, name))


DateFrom = Annotated[str | None, Query(
    alias="from", description="Only statements dated on or after this day (YYYY-MM-DD).",
    json_schema_extra={"format": "date"}), _checked("from")]
"""The ``from`` query parameter, checked as the library and the CLI check dates."""
DateTo = Annotated[str | None, Query(
    alias="to", description="Only statements dated on or before this day (YYYY-MM-DD).",
    json_schema_extra={"format": "date"}), _checked("to")]
"""The ``to`` query parameter, checked as the library and the CLI check dates."""
