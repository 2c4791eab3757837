"""The SPARQL protocol endpoint: forms, formats, refusal of updates, time limit, size cap."""

import json

from fastapi.testclient import TestClient
from rdflib import Graph

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s sg:offers ?o }"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def test_get_and_post_give_the_same_answer(client: TestClient) -> None:
    by_get = client.get("/sparql", params={"query": COUNT})
    by_form = client.post("/sparql", data={"query": COUNT})
    by_body = client.post("/sparql", content=COUNT, headers={"content-type": "application/sparql-query"})
    for response in (by_get, by_form, by_body):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/sparql-results+json")
        assert json.loads(response.text)["results"]["bindings"][0]["n"]["value"] == "1"


def test_result_formats_by_accept(client: TestClient) -> None:
    query = "SELECT ?x WHERE { ?x sg:slug 'league' }"
    xml = client.get("/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert "<sparql" in xml.text and "actor/league" in xml.text
    csv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert csv.text.splitlines() == ["x", "https://w3id.org/stancegraph/id/actor/league"]
    tsv = client.get("/sparql", params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert "<https://w3id.org/stancegraph/id/actor/league>" in tsv.text
    ask = client.get("/sparql", params={"query": "ASK { ?x sg:offers ?y }"})
    assert json.loads(ask.text)["boolean"] is True
    turtle = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?x sg:offers ?y }"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=turtle.text, format="turtle")) == 1
    jsonld = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/stancegraph/id/actor/league>"},
                        headers={"Accept": "application/ld+json"})
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) > 0
    refused = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert refused.status_code == 406


def test_updates_are_refused(client: TestClient) -> None:
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    for response in (client.get("/sparql", params={"query": update}),
                     client.post("/sparql", data={"update": update}),
                     client.post("/sparql", content=update,
                                 headers={"content-type": "application/sparql-update"})):
        assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert client.get("/sparql", params={"query": "ASK { <urn:a> ?p ?o }"}).json()["boolean"] is False


def test_malformed_queries_get_400_with_the_parser_message(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x"})
    assert response.status_code == 400 and response.json()["detail"].startswith("malformed SPARQL")
    assert client.get("/sparql", params={"query": " "}).status_code == 400
    assert client.post("/sparql", content="x", headers={"content-type": "text/plain"}).status_code == 415


def test_a_runaway_query_is_stopped_and_the_server_goes_on(api_store, client_factory) -> None:
    with client_factory(api_store, query_timeout=1.0) as impatient:
        stopped = impatient.get("/sparql", params={"query": CROSS})
        assert stopped.status_code == 503 and "time limit" in stopped.json()["detail"]
        again = impatient.get("/sparql", params={"query": COUNT})
        assert again.status_code == 200
        assert impatient.get("/who", params={"relation": "offers", "target": "peace-support"}).status_code == 200


def test_results_are_capped(api_store, client_factory) -> None:
    with client_factory(api_store, max_rows=3) as capped:
        response = capped.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.headers["x-sparql-maxrows"] == "3"
        assert len(json.loads(response.text)["results"]["bindings"]) == 3
        small = capped.get("/sparql", params={"query": "SELECT ?x WHERE { ?x sg:slug 'league' }"})
        assert "x-sparql-maxrows" not in small.headers
