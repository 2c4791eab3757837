"""Writes: token, validation, conflicts, retraction, and visibility to the next query."""

from fastapi.testclient import TestClient

AUTH = {"Authorization": "Bearer test-token"}
TEXT = "Ruritania will never send soldiers to Freedonia"


def _statement(**fields: object) -> dict[str, object]:
    return {"source": "mini", "id": "w1", "actor": "freedonia", "relation": "rejects",
            "target": "national-soldiers", "quote": TEXT, "start": 0, "end": len(TEXT),
            "attribution": "collective", **fields}


def _who_rejects(client: TestClient) -> list[str]:
    rows = client.get("/who", params={"relation": "rejects", "target": "national-soldiers"}).json()
    return [r["actor"] for r in rows]


def test_writes_need_the_token(client: TestClient, readonly_client: TestClient) -> None:
    assert client.post("/statements", json=_statement()).status_code == 401
    wrong = client.post("/statements", json=_statement(), headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    refused = readonly_client.post("/statements", json=_statement(), headers=AUTH)
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    assert _who_rejects(client) == []


def test_a_written_statement_is_visible_to_the_next_queries(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "ASK { ?s sg:rejects ?o }"}).json()["boolean"] is False
    created = client.post("/statements", json=_statement(), headers=AUTH)
    assert created.status_code == 201 and created.json() == {"ids": ["mini-w1"]}
    assert _who_rejects(client) == ["freedonia"]
    assert client.get("/statements/mini-w1").json()["quote"] == TEXT
    assert client.get("/sparql", params={"query": "ASK { ?s sg:rejects ?o }"}).json()["boolean"] is True


def test_many_at_once_all_or_nothing(client: TestClient) -> None:
    bad = [_statement(id="w2"), _statement(id="w3", actor="atlantis")]
    response = client.post("/statements", json=bad, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["record"] == "w3" and "no actor 'atlantis'" in response.json()["detail"]
    assert _who_rejects(client) == []
    good = client.post("/statements", json=[_statement(id="w2"), _statement(id="w3", actor="sylvania")],
                       headers=AUTH)
    assert good.json() == {"ids": ["mini-w2", "mini-w3"]}
    assert sorted(_who_rejects(client)) == ["freedonia", "sylvania"]


def test_invalid_statements_get_422_with_what_and_where(client: TestClient) -> None:
    off = client.post("/statements", json=_statement(start=1), headers=AUTH)
    assert off.status_code == 422 and "quote occurs at start=0" in off.json()["detail"]
    shape = client.post("/statements", json=_statement(speaker="sylvania"), headers=AUTH)
    assert shape.status_code == 422
    assert shape.json()["violations"] == [
        "mini-w1: sg:speaker: Value does not have class sg:Person "
        "(value: https://w3id.org/stancegraph/id/actor/sylvania)"]
    missing = client.post("/statements", json=_statement(quote=None), headers=AUTH)
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"][-1] == "quote"
    unknown_source = client.post("/statements", json=_statement(source="elsewhere"), headers=AUTH)
    assert unknown_source.status_code == 404
    assert _who_rejects(client) == []


def test_conflicting_ids_get_409(client: TestClient) -> None:
    client.post("/statements", json=_statement(), headers=AUTH)
    again = client.post("/statements", json=_statement(), headers=AUTH)
    assert again.status_code == 409
    assert client.post("/statements", json=_statement(id="s1"), headers=AUTH).status_code == 409


def test_retraction(client: TestClient) -> None:
    client.post("/statements", json=_statement(), headers=AUTH)
    assert client.delete("/statements/mini-w1").status_code == 401
    assert client.delete("/statements/mini-w1", headers=AUTH).status_code == 204
    assert _who_rejects(client) == []
    assert client.get("/sparql", params={"query": "ASK { ?s sg:rejects ?o }"}).json()["boolean"] is False
    gone = client.delete("/statements/mini-w1", headers=AUTH)
    assert gone.status_code == 404


def test_posting_a_source_then_coding_it(client: TestClient) -> None:
    text = "Freedonia rejected the plan."
    source = {"id": "second", "title": "Second report", "text": text, "date": "2025-02-01"}
    assert client.post("/sources", json=source).status_code == 401
    created = client.post("/sources", json=source, headers=AUTH)
    assert created.status_code == 201 and created.json()["text"] == text
    assert client.post("/sources", json=source, headers=AUTH).status_code == 409
    quote = "Freedonia rejected the plan"
    statement = _statement(source="second", quote=quote, end=len(quote), target="peace-support")
    assert client.post("/statements", json=statement, headers=AUTH).status_code == 201
    row = client.get("/statements/second-w1").json()
    assert (row["source"], row["date"]) == ("second", "2025-02-01")
    bad = client.post("/sources", json={**source, "id": "third", "reports_on": "nobody"}, headers=AUTH)
    assert bad.status_code == 404
