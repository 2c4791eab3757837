"""The caches never hide a write: what is written is in the next answer, view and export."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import AUTH
from tests.conftest import MINI_TEXT

QUOTE = "Osterlich warned against any foreign troops"


def _who(client: TestClient) -> list[str]:
    response = client.get("/who", params={"relation": "opposes", "target": "peace-support"})
    assert response.status_code == 200
    return sorted(row["statement"] for row in response.json())


def _post_s9(client: TestClient) -> None:
    start = MINI_TEXT.index(QUOTE)
    posted = client.post("/statements", headers=AUTH, json={
        "source": "mini", "id": "s9", "actor": "sylvania", "relation": "rejects",
        "target": "national-soldiers", "quote": QUOTE, "start": start, "end": start + len(QUOTE),
        "attribution": "collective"})
    assert posted.status_code == 201, posted.text


def test_a_statement_posted_is_in_the_next_answer_and_gone_after_retraction(client: TestClient) -> None:
    first = _who(client)
    assert _who(client) == first  # answered from the cache
    _post_s9(client)
    assert _who(client) == sorted([*first, "mini-s9"])
    assert client.delete("/statements/mini-s9", headers=AUTH).status_code == 204
    assert _who(client) == first


def _graph_edges(client: TestClient) -> set[str]:
    response = client.get("/graph")
    assert response.status_code == 200
    return {edge["id"] for edge in response.json()["edges"]}


def test_the_stance_graph_and_its_export_follow_posts_and_retractions(client: TestClient) -> None:
    before = _graph_edges(client)
    assert _graph_edges(client) == before  # read from the rows kept since the last write
    assert b'id="mini-s9"' not in client.get("/export", params={"format": "gexf"}).content
    _post_s9(client)
    assert _graph_edges(client) == before | {"mini-s9"}
    assert b'id="mini-s9"' in client.get("/export", params={"format": "gexf"}).content
    assert client.delete("/statements/mini-s9", headers=AUTH).status_code == 204
    assert _graph_edges(client) == before
    assert b'id="mini-s9"' not in client.get("/export", params={"format": "gexf"}).content
