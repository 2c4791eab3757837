"""The web viewer: ``/`` serves its page, ``/static/NAME`` the bundle built from ``web/``."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from graph.errors import NotFound

router = APIRouter(include_in_schema=False)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
"""The built viewer (``make viewer`` writes it; it is committed, so serving needs no build)."""

_MEDIA_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".css": "text/css; charset=utf-8", ".txt": "text/plain; charset=utf-8"}


def _file(name: str) -> FileResponse:
    # Only the files of the built bundle itself are served: no path is ever joined from a request.
    files = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()} if STATIC_DIR.is_dir() else {}
    if name not in files:
        raise NotFound.among("viewer file", name, files)
    path = files[name]
    return FileResponse(path, media_type=_MEDIA_TYPES.get(path.suffix, "application/octet-stream"),
                        headers={"Cache-Control": "no-cache"})


@router.get("/")
def index() -> FileResponse:
    return _file("index.html")


@router.get("/static/{name}")
def asset(name: str) -> FileResponse:
    return _file(name)
