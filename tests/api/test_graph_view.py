"""GET /graph (the stance graph as JSON for the viewer), GET /relations, and the viewer's files."""

from __future__ import annotations

from fastapi.testclient import TestClient
from lxml import etree

from api.routes.viewer import STATIC_DIR
from graph.analysis.view import ViewFilter, stance_graph

VIZ = "{http://gexf.net/1.3/viz}"
GEXF = "{http://gexf.net/1.3}"


def _gexf_viz(client: TestClient, **params: str) -> tuple[dict[str, tuple], dict[str, str]]:
    """Node colours and sizes, edge colours, as the GEXF export writes them."""
    root = etree.fromstring(client.get("/export", params={"format": "gexf", **params}).content)

    def hex_of(element: etree._Element) -> str:
        color = element.find(f"{VIZ}color")
        return "#{:02x}{:02x}{:02x}".format(*(int(color.get(c)) for c in "rgb"))
    nodes = {n.get("id"): (hex_of(n), float(n.find(f"{VIZ}size").get("value")))
             for n in root.iter(f"{GEXF}node")}
    edges = {e.get("id"): hex_of(e) for e in root.iter(f"{GEXF}edge")}
    return nodes, edges


def test_the_graph_is_the_stance_graph_in_the_colours_of_the_gexf(client: TestClient, api_store) -> None:
    body = client.get("/graph").json()
    G = stance_graph(api_store)
    assert {n["id"] for n in body["nodes"]} == set(G.nodes)
    assert {e["id"] for e in body["edges"]} == {k for *_, k in G.edges(keys=True)}
    nodes, edges = _gexf_viz(client)
    assert {n["id"]: (n["color"], n["size"]) for n in body["nodes"]} == nodes
    assert {e["id"]: e["color"] for e in body["edges"]} == edges

    statement = next(e for e in body["edges"] if e["relation"] == "warns-against")
    assert statement.items() >= {"source": "osterlich", "target": "foreign-troops", "family": "opposes",
                              "polarity": -1, "weight": -1.0, "color": "#d73027", "document": "mini",
                              "quote": "Osterlich warned against any foreign troops", "background": False}.items()
    membership = next(e for e in body["edges"] if e["relation"] == "member-of")
    assert membership["background"] and membership["date"] == "" and membership["quote"] == ""
    legend = {entry["key"]: entry for entry in body["palette"]["edge_signs"]}
    assert legend["-1"] == {"key": "-1", "label": "opposes (-1)", "color": "#d73027"}
    assert {"key": "State", "label": "State", "color": "#0072b2"} in body["palette"]["node_types"]


def test_the_graph_takes_the_view_filters(client: TestClient, api_store) -> None:
    body = client.get("/graph", params={"family": "opposes", "fold_persons": True}).json()
    G = stance_graph(api_store, ViewFilter(families=("opposes",), fold_persons=True))
    assert {(e["source"], e["target"], e["id"]) for e in body["edges"]} == set(G.edges(keys=True))
    assert body["edges"] and {e["family"] for e in body["edges"]} == {"opposes"}
    nodes, _ = _gexf_viz(client, family="opposes", fold_persons="true")
    assert {n["id"]: n["size"] for n in body["nodes"]} == {k: size for k, (_, size) in nodes.items()}

    hierarchy = client.get("/graph", params={"hierarchy": True}).json()
    assert any(e["family"] == "hierarchy" for e in hierarchy["edges"])
    dated = client.get("/graph", params={"from": "2030-01-01"}).json()
    assert all(e["background"] for e in dated["edges"]) and dated["start"] == "2030-01-01"


def test_bad_graph_requests(client: TestClient) -> None:
    unknown = client.get("/graph", params={"source": "minu"})
    assert unknown.status_code == 404 and unknown.json()["close_matches"] == ["mini"]
    family = client.get("/graph", params={"family": "oposes"})
    assert family.status_code == 422 and "did you mean opposes" in family.json()["detail"]
    assert client.get("/graph", params={"from": "yesterday"}).status_code == 422


def test_relations_list_the_hierarchy(client: TestClient) -> None:
    relations = {r["id"]: r for r in client.get("/relations").json()}
    assert relations["rules-out"]["broader"] == "opposes"
    assert relations["opposes"].items() >= {"family": "opposes", "polarity": -1}.items()


def test_the_viewer_is_served_at_the_root(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/static/viewer.js?v=' in page.text
    script = client.get("/static/viewer.js")
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.content == (STATIC_DIR / "viewer.js").read_bytes()
    assert client.get("/static/viewer.css").headers["content-type"].startswith("text/css")
    licences = client.get("/static/THIRD-PARTY-LICENSES.txt").text
    for package in ("sigma@", "graphology@", "graphology-layout-forceatlas2@"):
        assert package in licences
    assert "MIT License" in licences or "Permission is hereby granted" in licences
    for missing in ("/static/nothing.js", "/static/..%2Fapp.py", "/static/%2E%2E"):
        assert client.get(missing).status_code == 404
