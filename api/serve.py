"""The HTTP server: uvicorn on the app, started by ``stancegraph serve`` through its entry point."""

from __future__ import annotations

import uvicorn

from api.app import create_app
from api.settings import Settings


def serve(host: str = "127.0.0.1", port: int = 8000, store: str | None = None) -> None:
    """Serve the API on ``host``:``port`` until interrupted.

    Parameters
    ----------
    store
        The store to serve; by default ``STANCEGRAPH_STORE`` (:class:`api.settings.Settings`).
    """
    settings = Settings() if store is None else Settings(store=store)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
