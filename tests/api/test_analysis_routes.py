"""The analysis routes: /camps/{proposal}, /paths, /networks/{kind}, /coalitions, on the mini data."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graph.analysis import discourse
from graph.analysis.coalitions import coalitions
from graph.analysis.view import ViewFilter, stance_graph


def test_camps_on_a_proposal_with_its_narrower_ones(client: TestClient) -> None:
    camps = client.get("/camps/foreign-troops").json()
    assert camps["proposal"]["id"] == "foreign-troops"
    assert [m["actor"] for m in camps["supporters"]] == ["sylvania"]
    assert [m["actor"] for m in camps["opponents"]] == ["osterlich", "ruritania"]
    assert camps["opponents"][0]["evidence"][0]["quote"] == "Osterlich warned against any foreign troops"
    direct = client.get("/camps/foreign-troops", params={"direct_only": True}).json()
    assert [m["actor"] for m in direct["opponents"]] == ["osterlich"] and direct["supporters"] == []
    before = client.get("/camps/foreign-troops", params={"to": "2025-01-09"}).json()
    assert [m["actor"] for m in before["supporters"]] == ["sylvania"] and before["opponents"] == []


def test_camps_errors(client: TestClient) -> None:
    unknown = client.get("/camps/foreign-trops")
    assert unknown.status_code == 404 and "foreign-troops" in unknown.json()["close_matches"]
    assert client.get("/camps/ruritania").status_code == 404  # an actor is no proposal
    assert client.get("/camps/foreign-troops", params={"from": "soon"}).status_code == 422


def test_paths_between_two_nodes_with_quotes(client: TestClient) -> None:
    found = client.get("/paths", params={"from": "Sylvania", "to": "osterlich"}).json()
    shortest = found["paths"][0]
    assert shortest["nodes"] == ["sylvania", "peacekeeping-force", "foreign-troops", "osterlich"]
    assert shortest["shortest"] and shortest["length"] == 3
    assert [s["statement"] for s in shortest["steps"]][0] == "mini-s3"
    assert shortest["steps"][0]["quote"] == "Sylvania offered a peacekeeping force instead"
    without_hierarchy = client.get("/paths", params={
        "from": "sylvania", "to": "osterlich", "family": ["supports", "opposes"]}).json()
    assert without_hierarchy["paths"] == []


def test_paths_errors(client: TestClient) -> None:
    same = client.get("/paths", params={"from": "sylvania", "to": "Sylvania"})
    assert same.status_code == 422 and "both" in same.json()["detail"]
    assert client.get("/paths", params={"from": "sylvania", "to": "x", "direction": "up"}).status_code == 422
    assert client.get("/paths", params={"from": "sylvania", "to": "osterlch"}).status_code == 404
    assert client.get("/paths", params={"from": "sylvania"}).status_code == 422
    assert client.get("/paths", params={"from": "sylvania", "to": "osterlich", "k": 0}).status_code == 422


def test_discourse_networks_as_weighted_graphs(client: TestClient, api_store) -> None:
    conflict = client.get("/networks/conflict", params={"roll_up": "foreign-troops"}).json()
    assert conflict["aggregation"] == "conflict" and conflict["kind"] == "actors"
    ties = {frozenset((t["source"], t["target"])): t["weight"] for t in conflict["ties"]}
    assert ties == {frozenset(("sylvania", "osterlich")): 1, frozenset(("sylvania", "ruritania")): 1}
    selection = discourse.Selection(roll_up=("foreign-troops",))
    G = stance_graph(api_store, ViewFilter(hierarchy=True))
    expected = discourse.one_mode_network(G, "congruence", selection, "average").to_graph()
    congruence = client.get("/networks/congruence", params={
        "roll_up": "foreign-troops", "normalize": "average"}).json()
    assert {n["id"] for n in congruence["nodes"]} == set(expected.nodes)
    assert {frozenset((t["source"], t["target"])): t["weight"] for t in congruence["ties"]} == {
        frozenset((u, v)): w for u, v, w in expected.edges(data="weight")}
    as_coded = client.get("/networks/congruence").json()
    assert as_coded["ties"] == []  # no two actors take the same side on the same proposal
    affiliation = client.get("/networks/affiliation").json()
    assert {n["side"] for n in affiliation["nodes"]} == {0, 1}


def test_network_errors(client: TestClient) -> None:
    assert client.get("/networks/agreement").status_code == 422
    assert client.get("/networks/congruence", params={"normalize": "max"}).status_code == 422
    assert client.get("/networks/affiliation", params={"normalize": "average"}).status_code == 422
    family = client.get("/networks/congruence", params={"family": "oposes"})
    assert family.status_code == 422 and "oposes" in family.json()["detail"]
    assert client.get("/networks/congruence", params={"roll_up": "nothing"}).status_code == 404


def test_coalitions_of_the_congruence_network(client: TestClient, api_store) -> None:
    found = client.get("/coalitions", params={"roll_up": "foreign-troops"}).json()
    selection = discourse.Selection(roll_up=("foreign-troops",))
    expected = coalitions(stance_graph(api_store, ViewFilter(hierarchy=True)), selection)
    assert found == expected.model_dump()
    assert [c["members"] for c in found["coalitions"]] == [["osterlich", "ruritania"]]
    assert found["unaligned"] == ["sylvania"]
    assert client.get("/coalitions", params={"method": "magic"}).status_code == 422
