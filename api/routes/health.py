"""A constant endpoint: the server is up. The yardstick the benchmark holds the API against."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"]


_OK = Health(status="ok")


@router.get("/health", summary="Whether the server is up (answers without touching the store)")
async def health() -> Health:
    return _OK
