"""API fixtures: the app on an in-memory store holding the mini data set."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import Store
from tests.conftest import MINI_TEXT

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_QUOTE = "Osterlich warned against any foreign troops"
"""Words of the mini text that no statement quotes: those of :func:`post_statement`."""


def who_opposes_peace_support(client: TestClient) -> list[str]:
    """The statements of ``GET /who`` opposes peace-support, sorted."""
    response = client.get("/who", params={"relation": "opposes", "target": "peace-support"})
    assert response.status_code == 200, response.text
    return sorted(row["statement"] for row in response.json())


def post_statement(client: TestClient) -> None:
    """Post statement ``mini-s9``: Sylvania rejects national soldiers, in :data:`NEW_QUOTE`."""
    start = MINI_TEXT.index(NEW_QUOTE)
    posted = client.post("/statements", headers=AUTH, json={
        "source": "mini", "id": "s9", "actor": "sylvania", "relation": "rejects",
        "target": "national-soldiers", "quote": NEW_QUOTE, "start": start,
        "end": start + len(NEW_QUOTE), "attribution": "collective"})
    assert posted.status_code == 201, posted.text


def make_client(store: Store, **settings: object) -> TestClient:
    return TestClient(create_app(Settings(store="unused", **settings), store=store))


@pytest.fixture
def client_factory() -> Callable[..., TestClient]:
    """Build a client on a given store with given settings."""
    return make_client


@pytest.fixture
def api_store(mini_dir: Path) -> Store:
    store = Store(None)
    store.load([mini_dir])
    return store


@pytest.fixture
def client(api_store: Store) -> Iterator[TestClient]:
    with make_client(api_store, token=TOKEN, query_timeout=5, max_rows=100) as test_client:
        yield test_client


@pytest.fixture
def readonly_client(api_store: Store) -> Iterator[TestClient]:
    with make_client(api_store) as test_client:
        yield test_client
