"""Server settings, read from ``STANCEGRAPH_*`` environment variables."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.paths import default_store_location


class Settings(BaseSettings):
    """Settings of one API server.

    ``STANCEGRAPH_STORE`` names the store (a directory, or ``sparql+http://...`` for a SPARQL
    1.1 endpoint); ``STANCEGRAPH_TOKEN`` the bearer token that
    writes need (without it the server is read-only); ``STANCEGRAPH_CORS_ORIGINS`` a JSON list of
    allowed origins (CORS is off when empty).
    """

    model_config = SettingsConfigDict(env_prefix="STANCEGRAPH_")

    store: str = Field(default_factory=default_store_location)
    token: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    query_timeout: float = Field(10.0, gt=0, description="seconds a SPARQL query may run")
    max_rows: int = Field(10_000, gt=0, description="solutions or triples per SPARQL answer")
    max_body_bytes: int = Field(2_000_000, gt=0, description="largest request body accepted")
    max_page_size: int = Field(500, gt=0)
