"""The API configured with ``STANCEGRAPH_STORE=sparql+http://...``: a write, then the headline query."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from graph.store import Store
from graph.vocab import statement_iri
from tests.api.conftest import AUTH, TOKEN, post_statement, who_opposes_peace_support

pytestmark = pytest.mark.needs("virtuoso-t")


def test_post_statement_then_who_on_the_remote_store(remote: Store, mini_dir: Path, virtuoso: str) -> None:
    remote.load([mini_dir])
    # the app opens the store itself from its settings, as a deployment does
    with TestClient(create_app(Settings(store=virtuoso, token=TOKEN, query_timeout=10))) as client:
        assert client.app.state.store.url == virtuoso
        first = who_opposes_peace_support(client)
        assert first == ["mini-s1", "mini-s4"]
        post_statement(client)
        assert who_opposes_peace_support(client) == sorted([*first, "mini-s9"])
        sparql = client.get("/sparql", params={"query": f"ASK {{ <{statement_iri('mini-s9')}> a sg:Statement }}"},
                            headers={"Accept": "application/sparql-results+json"})
        assert sparql.status_code == 200 and sparql.json()["boolean"] is True, sparql.text
        assert client.delete("/statements/mini-s9", headers=AUTH).status_code == 204
        assert who_opposes_peace_support(client) == first
    # written to the server, not to the process: a new connection sees the retraction too
    assert not Store(virtuoso).ask("ASK { ?st sg:slug 'mini-s9' }")
