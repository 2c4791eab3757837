"""The application factory: ``create_app`` builds the app; the lifespan opens the store once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.limits import BodyLimit
from api.routes import actors, export, proposals, resources, sources, sparql, statements, who
from api.routes import analysis, graph_view, relations, viewer
from api.routes import health
from api.settings import Settings
from graph import __version__
from graph.store.isolation import QueryRunner
from graph.store import Store


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """Build the API app.

    Parameters
    ----------
    settings
        Defaults to the ``STANCEGRAPH_*`` environment.
    store
        An open store to serve (tests pass an in-memory one); by default the app opens
        ``settings.store`` at start-up and closes it at shutdown.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = store if store is not None else Store.open(settings.store)
        runner = QueryRunner(db, timeout=settings.query_timeout, max_rows=settings.max_rows)
        app.state.store, app.state.runner, app.state.settings = db, runner, settings
        try:
            yield
        finally:
            runner.close()
            if store is None:
                db.close()

    app = FastAPI(
        title="stancegraph", version=__version__, lifespan=lifespan,
        description="Who stands where in a political debate: actors, proposals and stances, "
                    "each traceable to the words of its source.",
    )
    errors.install(app)
    for module in (who, actors, proposals, statements, sources, sparql, export, resources,
                   relations, graph_view, analysis, viewer):
        app.include_router(module.router)
    app.include_router(health.router)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "DELETE"],
                           allow_headers=["Authorization", "Content-Type", "Accept"])
    return app
