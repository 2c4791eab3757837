"""GET /export: the same files as the CLI's export, with media types and Content-Disposition."""

from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.export import export
from graph.analysis.view import ViewFilter


def test_turtle_is_the_store(client: TestClient, api_store) -> None:
    response = client.get("/export", params={"format": "turtle"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    assert response.headers["content-disposition"] == 'attachment; filename="stancegraph.ttl"'
    assert response.content == export(api_store, "turtle")
    everything = api_store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert isomorphic(Graph().parse(data=response.text, format="turtle"), everything)


def test_network_formats_take_filters(client: TestClient, api_store) -> None:
    gexf = client.get("/export", params={"format": "gexf", "family": "supports"})
    assert gexf.headers["content-type"].startswith("application/gexf+xml")
    assert gexf.content == export(api_store, "gexf", ViewFilter(families=("supports",)))
    graphml = client.get("/export", params={"format": "graphml", "from": "2025-01-10"})
    assert graphml.content == export(api_store, "graphml", ViewFilter(start="2025-01-10"))
    assert b"mini-s3" not in graphml.content and b"mini-s4" in graphml.content
    csv = client.get("/export", params={"format": "csv"})
    assert csv.headers["content-disposition"].endswith('stancegraph.zip"')


def test_bad_export_requests(client: TestClient) -> None:
    unknown = client.get("/export", params={"format": "docx"})
    assert unknown.status_code == 406 and "choose one of" in unknown.json()["detail"]
    filtered_rdf = client.get("/export", params={"format": "turtle", "family": "supports"})
    assert filtered_rdf.status_code == 406
    assert client.get("/export", params={"format": "gexf", "from": "soon"}).status_code == 422
    bad_family = client.get("/export", params={"format": "gexf", "family": "adores"})
    assert bad_family.status_code == 422 and "adores" in bad_family.json()["detail"]
