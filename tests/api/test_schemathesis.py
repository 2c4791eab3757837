"""Property-based run of schemathesis against the app's OpenAPI schema: no request gets a 5xx."""

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from api.app import create_app
from api.settings import Settings
from graph.store import Store

HEADERS = {"Authorization": "Bearer fuzz-token"}


@pytest.fixture
def app(mini_dir) -> Iterator[FastAPI]:
    store = Store(None)
    store.load([mini_dir])
    app = create_app(Settings(store="unused", token="fuzz-token", query_timeout=3, max_rows=200),
                     store=store)
    with TestClient(app):  # runs the lifespan, so the app has its store and SPARQL runner
        yield app


def test_no_server_errors(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
        def no_5xx(case: schemathesis.Case) -> None:
            response = case.call(headers=HEADERS)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} {case.query}: {response.text[:300]}")

        no_5xx()
