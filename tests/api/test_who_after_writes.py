"""The headline query's cache never hides a write: what is written is in the next answer."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import AUTH
from tests.conftest import MINI_TEXT

QUOTE = "Osterlich warned against any foreign troops"


def _who(client: TestClient) -> list[str]:
    response = client.get("/who", params={"relation": "opposes", "target": "peace-support"})
    assert response.status_code == 200
    return sorted(row["statement"] for row in response.json())


def test_a_statement_posted_is_in_the_next_answer_and_gone_after_retraction(client: TestClient) -> None:
    first = _who(client)
    assert _who(client) == first  # answered from the cache
    start = MINI_TEXT.index(QUOTE)
    posted = client.post("/statements", headers=AUTH, json={
        "source": "mini", "id": "s9", "actor": "sylvania", "relation": "rejects",
        "target": "national-soldiers", "quote": QUOTE, "start": start, "end": start + len(QUOTE),
        "attribution": "collective"})
    assert posted.status_code == 201, posted.text
    assert _who(client) == sorted([*first, "mini-s9"])
    assert client.delete("/statements/mini-s9", headers=AUTH).status_code == 204
    assert _who(client) == first
