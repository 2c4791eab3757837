"""Read routes: success and error paths, content negotiation, linked data."""

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from graph.vocab import SG, actor_iri


def test_who_returns_the_cli_objects(client: TestClient) -> None:
    response = client.get("/who", params={"relation": "opposes", "target": "foreign-troops"})
    assert response.status_code == 200
    rows = response.json()
    assert {r["actor"] for r in rows} == {"ruritania", "osterlich"}
    ruritania = next(r for r in rows if r["actor"] == "ruritania")
    assert ruritania["speaker"] == "anna-berg"
    assert ruritania["quote"] == "Ruritania will never send soldiers to Freedonia"
    direct = client.get("/who", params={"relation": "opposes", "target": "foreign-troops",
                                        "direct_only": True}).json()
    assert [r["actor"] for r in direct] == ["osterlich"]


def test_unknown_ids_get_404_with_close_matches(client: TestClient) -> None:
    response = client.get("/who", params={"relation": "opposes", "target": "foreign-trops"})
    assert response.status_code == 404
    assert response.json()["close_matches"][0] == "foreign-troops"
    assert client.get("/actors/sylvana").json()["close_matches"] == ["sylvania"]
    assert client.get("/proposals/ruritania").status_code == 404  # an actor is not a proposal
    assert client.get("/statements/mini-s9").status_code == 404
    assert client.get("/sources/minni").json()["close_matches"] == ["mini"]


def test_bad_parameters_get_422_naming_the_parameter(client: TestClient) -> None:
    response = client.get("/who", params={"relation": "opposes"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "target"]
    bad_date = client.get("/statements", params={"from": "yesterday"})
    assert bad_date.status_code == 422 and bad_date.json()["detail"][0]["loc"] == ["query", "from"]
    assert client.get("/statements", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("path", ["/statements", "/graph", "/export?format=gexf"])
@pytest.mark.parametrize(("name", "day"), [("from", "20250110"), ("to", "86400"), ("from", "2025-02-30")])
def test_dates_are_checked_as_the_cli_checks_them(client: TestClient, path: str, name: str,
                                                  day: str) -> None:
    response = client.get(path, params={name: day})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", name]
    assert error["msg"].endswith(f"{name} {day!r} is not a date (YYYY-MM-DD)")


def test_a_date_in_the_form_stored_filters(client: TestClient) -> None:
    page = client.get("/statements", params={"from": "2025-01-10"}).json()
    assert {e["statement"] for e in page["items"]} == {"mini-s1", "mini-s2", "mini-s4"}
    assert client.get("/statements", params={"from": "2025-01-09", "to": "2025-01-09"}).json()["total"] == 1


def test_networks_refuse_a_compact_date_naming_from(client: TestClient) -> None:
    response = client.get("/networks/affiliation", params={"from": "20240101"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "from"]


def test_actors_and_proposals(client: TestClient) -> None:
    actors = {a["id"]: a for a in client.get("/actors").json()}
    assert actors["anna-berg"]["speaks_for"] == ["ruritania"]
    profile = client.get("/actors/Strelsau").json()
    assert profile["entity"]["id"] == "ruritania"
    assert {s["statement"] for s in profile["statements"]} == {"mini-s1", "mini-s2"}
    proposals = {p["id"] for p in client.get("/proposals").json()}
    assert "peacekeeping-force" in proposals
    troops = client.get("/proposals/foreign-troops").json()
    assert troops["issue"]["narrower"] == ["national-soldiers", "peacekeeping-force"]
    assert troops["issue"]["broader"] == ["peace-support"]


def test_statements_filter_and_paginate(client: TestClient) -> None:
    page = client.get("/statements", params={"limit": 2}).json()
    assert page["total"] == 4 and len(page["items"]) == 2
    rest = client.get("/statements", params={"limit": 2, "offset": 2}).json()["items"]
    assert {s["statement"] for s in page["items"] + rest} == {"mini-s1", "mini-s2", "mini-s3", "mini-s4"}
    opposing = client.get("/statements", params={"relation": "opposes", "target": "peace-support"}).json()
    assert {s["actor"] for s in opposing["items"]} == {"ruritania", "osterlich"}
    dated = client.get("/statements", params={"from": "2025-01-09", "to": "2025-01-09"}).json()
    assert [s["statement"] for s in dated["items"]] == ["mini-s3"]
    by_source = client.get("/statements", params={"source": "mini", "actor": "sylvania"}).json()
    assert by_source["total"] == 1
    assert client.get("/statements/mini-s3").json()["target"] == "peacekeeping-force"


def test_source_with_text(client: TestClient) -> None:
    source = client.get("/sources/mini").json()
    assert source["statements"] == 4 and source["text"].startswith("Ruritania will never")


def test_rdf_by_content_negotiation(client: TestClient) -> None:
    response = client.get("/actors/sylvania", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=response.text, format="turtle")
    assert (actor_iri("sylvania"), SG.offers, None) in g
    jsonld = client.get("/statements/mini-s1", headers={"Accept": "application/ld+json"})
    assert "@context" in jsonld.text
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) > 10
    assert client.get("/actors/sylvania").headers["content-type"] == "application/json"


def test_iris_dereference(client: TestClient) -> None:
    redirect = client.get("/id/actor/sylvania", follow_redirects=False)
    assert redirect.status_code == 303 and redirect.headers["location"] == "/actors/sylvania"
    turtle = client.get("/id/issue/foreign-troops", headers={"Accept": "text/turtle"})
    assert "Foreign troops" in turtle.text
    assert client.get("/id/actor/nobody").status_code == 404
    assert client.get("/id/actor/Not%20a%20slug").status_code == 404
    assert client.get("/id/planet/earth").status_code == 422


def test_openapi_and_no_stack_traces(client: TestClient) -> None:
    assert "/who" in client.get("/openapi.json").json()["paths"]
    assert client.get("/nowhere").status_code == 404


def test_request_size_limit(api_store, client_factory) -> None:
    with client_factory(api_store, token="t", max_body_bytes=1000) as small:
        response = small.post("/statements", content=b"{" + b" " * 5000 + b"}", headers={
            "Authorization": "Bearer t", "content-type": "application/json"})
    assert response.status_code == 413 and "1000 bytes" in response.json()["detail"]


def test_cors_off_by_default_and_configurable(client: TestClient, api_store, client_factory) -> None:
    headers = {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in client.options("/who", headers=headers).headers
    with client_factory(api_store, cors_origins=["https://newsroom.example"]) as open_client:
        response = open_client.options("/who", headers=headers)
    assert response.headers["access-control-allow-origin"] == "https://newsroom.example"
