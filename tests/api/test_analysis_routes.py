"""The analysis routes: /camps/{proposal}, /paths, /networks/{kind}, /coalitions, /blocs, /centrality,
whole and per window, on the mini data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from graph.analysis import discourse
from graph.analysis.coalitions import coalitions
from graph.analysis.view import ViewFilter, stance_graph
from graph.cli import app


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
    found = client.get("/paths", params={"source": "Sylvania", "target": "osterlich"}).json()
    shortest = found["paths"][0]
    assert shortest["nodes"] == ["sylvania", "peacekeeping-force", "foreign-troops", "osterlich"]
    assert shortest["shortest"] and shortest["length"] == 3
    assert shortest["steps"][0]["statement"] == "mini-s3"
    assert shortest["steps"][0]["quote"] == "Sylvania offered a peacekeeping force instead"
    without_hierarchy = client.get("/paths", params={
        "source": "sylvania", "target": "osterlich", "family": ["supports", "opposes"]}).json()
    assert without_hierarchy["paths"] == []


def test_paths_errors(client: TestClient) -> None:
    same = client.get("/paths", params={"source": "sylvania", "target": "Sylvania"})
    assert same.status_code == 422 and "both" in same.json()["detail"]
    assert client.get("/paths", params={"source": "sylvania", "target": "x", "direction": "up"}).status_code == 422
    assert client.get("/paths", params={"source": "sylvania", "target": "osterlch"}).status_code == 404
    assert client.get("/paths", params={"source": "sylvania"}).status_code == 422
    assert client.get("/paths", params={"source": "sylvania", "target": "osterlich", "k": 0}).status_code == 422


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


DAYS = [("2025-01-09", "2025-01-09"), ("2025-01-10", "2025-01-10")]
"""The one-day windows of the mini data: Sylvania's offer, then the rest."""


def _dates(series: list[dict]) -> list[tuple[str, str]]:
    return [(w["start"], w["end"]) for w in series]


def test_camps_and_paths_per_window(client: TestClient) -> None:
    series = client.get("/camps/foreign-troops", params={"window": 1}).json()
    assert _dates(series) == DAYS
    assert [[m["actor"] for m in w["supporters"]] for w in series] == [["sylvania"], []]
    assert [[m["actor"] for m in w["opponents"]] for w in series] == [[], ["osterlich", "ruritania"]]
    assert series[0]["proposal"]["id"] == "foreign-troops"
    walks = client.get("/paths", params={"source": "sylvania", "target": "peacekeeping-force",
                                         "window": 1}).json()
    assert _dates(walks) == DAYS and [len(w["paths"]) for w in walks] == [1, 0]
    assert walks[0]["paths"][0]["steps"][0]["statement"] == "mini-s3"
    strided = client.get("/camps/foreign-troops", params={"window": 1, "step": 2}).json()
    assert _dates(strided) == DAYS[:1]


def test_networks_per_window(client: TestClient) -> None:
    series = client.get("/networks/affiliation", params={"window": 1, "isolates": True}).json()
    assert _dates(series) == DAYS
    assert [n["id"] for n in series[0]["nodes"]] == [n["id"] for n in series[1]["nodes"]]
    assert [[(t["source"], t["target"], t["weight"]) for t in w["ties"]] for w in series] == [
        [("sylvania", "peacekeeping-force", 1.0)],
        [("osterlich", "foreign-troops", -1.0), ("ruritania", "national-soldiers", -1.0)]]
    combined = client.get("/networks/affiliation", params={"aggregate": "combine"}).json()
    assert combined["aggregation"] == "combine"
    assert {(t["source"], t["target"]): t["weight"] for t in combined["ties"]}[("osterlich", "foreign-troops")] == 2


def test_coalitions_blocs_and_centrality(client: TestClient) -> None:
    options = {"roll_up": "foreign-troops"}
    split = client.get("/blocs", params=options).json()
    assert [b["members"] for b in split["blocs"]] == [["osterlich", "ruritania"], ["sylvania"]]
    assert split["polarisation"] == 1.0 and split["unaligned"] == []
    ranks = client.get("/centrality", params=options).json()
    assert [(a["actor"], a["degree"], a["coalition"]) for a in ranks] == [
        ("osterlich", 1, 0), ("ruritania", 1, 0), ("sylvania", 0, None)]
    later = client.get("/centrality", params={**options, "from": "2025-01-10"}).json()
    assert [a["actor"] for a in later] == ["osterlich", "ruritania"]
    communities = client.get("/coalitions", params={**options, "window": 1}).json()
    assert _dates(communities) == DAYS
    assert [[c["members"] for c in w["coalitions"]] for w in communities] == [[], [["osterlich", "ruritania"]]]
    blocs = client.get("/blocs", params={**options, "window": 1}).json()
    assert _dates(blocs) == DAYS and [w["unaligned"] for w in blocs] == [["sylvania"], []]
    series = client.get("/centrality", params={**options, "window": 1}).json()
    assert _dates(series) == DAYS
    assert [[a["actor"] for a in w["actors"]] for w in series] == [["sylvania"], ["osterlich", "ruritania"]]


def test_window_and_option_errors(client: TestClient) -> None:
    alone = client.get("/camps/foreign-troops", params={"step": 1})
    assert alone.status_code == 422 and alone.json()["detail"] == "a step needs a window"
    assert client.get("/centrality", params={"step": 7}).json()["detail"] == "a step needs a window"
    zero = client.get("/paths", params={"source": "sylvania", "target": "osterlich", "window": 0})
    assert zero.status_code == 422 and zero.json()["detail"][0]["loc"] == ["query", "window"]
    backwards = client.get("/camps/foreign-troops", params={"window": 1, "from": "2025-01-10", "to": "2025-01-09"})
    assert backwards.status_code == 422 and "after they end" in backwards.json()["detail"]
    method = client.get("/centrality", params={"method": "magic"})
    assert method.status_code == 422 and "unknown method 'magic'" in method.json()["detail"]
    assert client.get("/blocs", params={"blocs": 1}).status_code == 422
    one_mode = client.get("/networks/congruence", params={"aggregate": "combine"})
    assert one_mode.status_code == 422 and "affiliation" in one_mode.json()["detail"]


def test_the_api_and_the_cli_answer_alike_over_windows(client: TestClient, mini_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEGRAPH_STORE", str(tmp_path / "store"))
    assert CliRunner().invoke(app, ["load", str(mini_dir)]).exit_code == 0

    def cli(*args: str) -> object:
        result = CliRunner().invoke(app, [*args, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    options = {"roll_up": "foreign-troops", "window": 1}
    assert cli("centrality", "--roll-up", "foreign-troops", "--window", "1") == \
        client.get("/centrality", params=options).json()
    both = cli("coalitions", "--roll-up", "foreign-troops", "--window", "1")
    assert [w["communities"] for w in both] == client.get("/coalitions", params=options).json()
    assert [w["blocs"] for w in both] == client.get("/blocs", params=options).json()
    assert cli("camps", "foreign-troops", "--window", "1") == \
        client.get("/camps/foreign-troops", params={"window": 1}).json()
