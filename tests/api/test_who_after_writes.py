"""The caches never hide a write: what is written is in the next answer, view and export."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import AUTH, post_statement, who_opposes_peace_support


def test_a_statement_posted_is_in_the_next_answer_and_gone_after_retraction(client: TestClient) -> None:
    first = who_opposes_peace_support(client)
    assert who_opposes_peace_support(client) == first  # answered from the cache
    post_statement(client)
    assert who_opposes_peace_support(client) == sorted([*first, "mini-s9"])
    assert client.delete("/statements/mini-s9", headers=AUTH).status_code == 204
    assert who_opposes_peace_support(client) == first


def _graph_edges(client: TestClient) -> set[str]:
    response = client.get("/graph")
    assert response.status_code == 200
    return {edge["id"] for edge in response.json()["edges"]}


def _in_gexf(client: TestClient) -> bool:
    response = client.get("/export", params={"format": "gexf"})
    assert response.status_code == 200
    return b'id="mini-s9"' in response.content


def test_the_stance_graph_and_its_export_follow_posts_and_retractions(client: TestClient) -> None:
    before = _graph_edges(client)
    assert _graph_edges(client) == before
    assert not _in_gexf(client)
    post_statement(client)
    assert _graph_edges(client) == before | {"mini-s9"}
    assert _in_gexf(client)
    assert client.delete("/statements/mini-s9", headers=AUTH).status_code == 204
    assert _graph_edges(client) == before
    assert not _in_gexf(client)
