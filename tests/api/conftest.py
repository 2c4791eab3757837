"""API fixtures: the app on an in-memory store holding the mini data set."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import Store

TOKEN = "test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


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
