"""The web viewer: ``/`` serves its page, ``/static/NAME`` the bundle built from ``web/``."""

from importlib.resources import files
from pathlib import PurePath

from fastapi import APIRouter
from fastapi.responses import Response

from graph.errors import NotFound

router = APIRouter(include_in_schema=False)

STATIC_DIR = files("api") / "static"
"""The built viewer, package data of ``api`` (``make viewer`` writes it; it is committed, so serving
needs no build)."""

_MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def _file(name: str) -> Response:
    # Only the files of the built bundle itself are served: no path is ever joined from a request.
    bundle = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()} if STATIC_DIR.is_dir() else {}
    if name not in bundle:
        raise NotFound.among("viewer file", name, bundle)
    # Read as a resource rather than sent as a file path: it is served wherever it is installed.
    resource = bundle[name]
    media_type = _MEDIA_TYPES.get(PurePath(name).suffix, "application/octet-stream")
    return Response(resource.read_bytes(), media_type=media_type,
                    headers={"Cache-Control": "no-cache"})


@router.get("/")
def index() -> Response:
    return _file("index.html")


@router.get("/static/{name}")
def asset(name: str) -> Response:
    return _file(name)
