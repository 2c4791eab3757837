"""The web viewer in Chromium against the real server and the real data.

What is drawn is read back from the renderer (sigma's display data after filters and highlights)
and compared with what the API answers to the same question; clicks are real mouse clicks.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import httpx
import numpy as np
import pytest
from PIL import Image

pytestmark = pytest.mark.needs("chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
"""Where the run leaves the pictures for the docs (``make screenshots`` copies them into docs/)."""
STATE_BLUE = (0, 114, 178)  # graph/palette.py, State
OPPOSES_RED = (215, 48, 39)  # graph/palette.py, opposes (-1)


def colour_pixels(png: bytes, rgb: tuple[int, int, int], tolerance: int = 12) -> int:
    """How many pixels of a PNG are within ``tolerance`` of ``rgb`` in every channel."""
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    return int((np.abs(pixels - np.array(rgb)) <= tolerance).all(axis=-1).sum())


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    length = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / length))
    return math.dist(p, (ax + t * (bx - ax), ay + t * (by - ay)))


def clear_edge(viewer, edges: dict[str, tuple[str, str]], skip: set[str]) -> tuple[str, tuple[float, float]]:
    """The drawn edge whose midpoint lies farthest from every node and every other edge."""
    nodes = {n for pair in edges.values() for n in pair}
    at = {n: (p["x"], p["y"]) for n in nodes
          for p in [viewer.js("node => window.stancegraphViewer.nodePosition(node)", n)]}
    best = None
    for edge, (source, target) in edges.items():
        if edge in skip or any({u, v} == {source, target} for e, (u, v) in edges.items() if e != edge):
            continue  # parallel edges are drawn on top of each other
        middle = ((at[source][0] + at[target][0]) / 2, (at[source][1] + at[target][1]) / 2)
        clearance = min([math.dist(middle, p) - 20 for p in at.values()]
                        + [_segment_distance(middle, at[u], at[v]) for e, (u, v) in edges.items() if e != edge])
        if best is None or clearance > best[0]:
            best = (clearance, edge, middle)
    assert best is not None and best[0] > 6, f"no edge stands clear enough to click: {best}"
    return best[1], best[2]


def empty_point(viewer, box: dict[str, float]) -> tuple[float, float]:
    """A point of the graph's canvas at least 40 pixels from every node and 15 from every edge."""
    edges = viewer.drawn_edges()
    at = {n: (p["x"], p["y"]) for n in viewer.drawn_nodes()
          for p in [viewer.js("node => window.stancegraphViewer.nodePosition(node)", n)]}
    for x in range(20, int(box["width"]) - 20, 20):
        for y in range(20, int(box["height"]) - 20, 20):
            if all(math.dist((x, y), p) > 40 for p in at.values()) and all(
                    _segment_distance((x, y), at[u], at[v]) > 15 for u, v in edges.values()):
                return x, y
    raise AssertionError("the canvas has no empty ground")


def statement_ids(panel) -> list[str]:
    return panel.locator("li.statement").evaluate_all("items => items.map(i => i.dataset.statement)")


def endpoints(edges: list[dict]) -> set[str]:
    return {e["source"] for e in edges} | {e["target"] for e in edges}


def test_the_page_draws_every_actor_and_proposal_in_the_export_colours(viewer) -> None:
    server = viewer.server
    expected = server.every_node()
    assert viewer.drawn_nodes() == expected
    assert viewer.status()[0] == len(expected)
    graph = server.get("/graph")
    assert set(viewer.drawn_edges()) == {e["id"] for e in graph["edges"]}
    assert viewer.page.locator("#status").inner_text() == (
        f"{len(expected)} of {len(expected)} nodes · {len(graph['edges'])} of {len(graph['edges'])} statements and ties")

    # WebGL really drew: the canvas holds the palette's colours (states, opposition).
    picture = viewer.page.locator("#graph").screenshot()
    assert colour_pixels(picture, STATE_BLUE) > 300
    assert colour_pixels(picture, OPPOSES_RED) > 30

    legend = viewer.page.locator("#legend li")
    entries = dict(zip(legend.all_inner_texts(), legend.locator(".swatch").evaluate_all(
        "swatches => swatches.map(s => s.style.background)"), strict=True))
    colours = {e["label"]: e["color"] for e in graph["palette"]["node_types"] + graph["palette"]["edge_signs"]}
    assert entries["State"] == "rgb(0, 114, 178)" and colours["State"] == "#0072b2"
    assert set(entries) >= {"State", "Person", "Proposal", "opposes (-1)", "supports (+1)"}


def test_searching_poland_and_clicking_it_lists_its_statements_with_quotes(viewer) -> None:
    page = viewer.page
    profile = viewer.server.get("/actors/poland")
    page.locator("#search").fill("Poland")
    option = page.locator('#search-results [role="option"][data-node="poland"]')
    option.click()
    panel = viewer.panel()
    assert panel.locator("h2").inner_text() == "Poland"
    assert statement_ids(panel) == [s["statement"] for s in profile["statements"]]
    text = panel.inner_text()
    for statement in profile["statements"]:
        assert f"“{statement['quote']}”" in text
        assert statement["date"] in text
    assert viewer.highlighted_nodes() == {"poland"}

    # The source link leads to the source's text with the quote marked at its offsets.
    first = profile["statements"][0]
    link = panel.locator("li.statement").first.locator("a.source-link")
    assert link.get_attribute("href") == f"/sources/{first['source']}"
    link.click()
    assert viewer.panel().locator(".source-text mark").inner_text() == first["quote"]
    source = viewer.server.get(f"/sources/{first['source']}")
    assert source["text"][first["quote_start"]:first["quote_end"]] == first["quote"]
    panel.get_by_role("button", name="← Back").click()
    assert statement_ids(panel) == [s["statement"] for s in profile["statements"]]


def test_the_search_box_works_with_the_keyboard_and_knows_aliases(viewer) -> None:
    page = viewer.page
    search = page.locator("#search")
    search.focus()
    page.keyboard.type("warsaw")  # an alias of Poland
    assert search.get_attribute("aria-expanded") == "true"
    assert page.locator('#search-results [aria-selected="true"]').get_attribute("data-node") == "poland"
    page.keyboard.press("Enter")
    assert viewer.panel().locator("h2").inner_text() == "Poland"
    assert search.get_attribute("aria-expanded") == "false"

    search.fill("")
    page.keyboard.type("troop")
    options = page.locator('#search-results [role="option"]')
    assert "troop-deployment" in options.evaluate_all("os => os.map(o => o.dataset.node)")
    page.keyboard.press("ArrowDown")
    chosen = page.locator('#search-results [aria-selected="true"]').get_attribute("data-node")
    page.keyboard.press("Enter")
    assert viewer.panel().locator("h2").inner_text() == viewer.server.get(f"/proposals/{chosen}")["entity"]["label"]
    search.fill("zzz")
    assert page.locator("#search-results").inner_text() == "no match"
    page.keyboard.press("Escape")
    assert page.locator("#search-results").is_hidden()


def test_clicking_a_node_and_an_edge_on_the_canvas_shows_their_statements(viewer) -> None:
    page = viewer.page
    viewer.click_node("russia")
    panel = viewer.panel_titled("Russia")
    russia = viewer.server.get("/actors/russia")
    assert statement_ids(panel) == [s["statement"] for s in russia["statements"]]
    viewer.wait_for_highlight({"russia"})  # drawn highlighted, as the panel says

    # sigma counts a second click within its double-click timeout (a timer, late on a loaded
    # machine) as a double click, which zooms instead of selecting: the edge is clicked afresh.
    viewer.reload()
    graph = viewer.server.get("/graph")
    background = {e["id"] for e in graph["edges"] if e["background"]}
    edge, (x, y) = clear_edge(viewer, viewer.drawn_edges(), skip=background)
    statement = viewer.server.get(f"/statements/{edge}")
    viewer.click_canvas(x, y)
    panel = viewer.panel_titled(
        f"{statement['actor_label']} {statement['relation_label']} {statement['target_label']}")
    assert statement_ids(panel) == [edge]
    assert f"“{statement['quote']}”" in panel.inner_text()

    # Escape clears the selection (a second click this soon would be a double click: a zoom).
    page.keyboard.press("Escape")
    page.wait_for_selector("#panel .hint")
    assert viewer.highlighted_nodes() == set()


def test_who_opposes_troop_deployment_highlights_the_actors_the_api_returns(viewer) -> None:
    page = viewer.page
    answer = viewer.server.get("/who", relation="opposes", target="troop-deployment")
    actors = {e["actor"] for e in answer}
    assert actors == {"russia", "united-states", "poland", "italy"}
    page.locator("#who-relation").select_option("opposes")
    page.locator("#who-target").fill("troop deployment")
    page.get_by_role("button", name="Ask").click()
    panel = viewer.panel()
    answer_line = panel.locator(".answer")
    assert answer_line.inner_text() == "4 actors: Italy, Poland, Russia, United States"
    assert viewer.highlighted_nodes() == actors
    assert statement_ids(panel) == [e["statement"] for e in answer]
    for evidence in answer:
        assert f"“{evidence['quote']}”" in panel.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "viewer.png")

    # The table view lists the same evidence.
    page.get_by_role("tab", name="Table").click()
    rows = page.locator("#table-view tbody tr")
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.edge)")) == sorted(e["statement"] for e in answer)
    assert "who opposes troop deployment" in page.locator("#table-view caption").inner_text()
    page.get_by_role("tab", name="Graph").click()

    # A click on empty ground clears the answer.
    box = page.locator("#graph").bounding_box()
    x, y = empty_point(viewer, box)
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#panel .hint")
    assert viewer.highlighted_nodes() == set()


def test_an_unknown_target_is_reported_with_close_matches(viewer) -> None:
    page = viewer.page
    page.locator("#who-target").fill("troop-deploymnt")
    page.get_by_role("button", name="Ask").click()
    alert = viewer.panel().locator("[role=alert]")
    assert alert.inner_text().startswith("no actor or issue 'troop-deploymnt'; did you mean troop-deployment")
    assert viewer.problems and all("404" in p for p in viewer.problems)
    viewer.problems.clear()  # the 404 was the point


def test_the_family_filter_shows_what_the_api_view_holds(viewer) -> None:
    page = viewer.page
    for family in ("supports", "hesitant", "neutral"):
        page.locator(f"#family-{family}").uncheck()
    opposes = viewer.server.get("/graph", family="opposes")["edges"]
    assert set(viewer.drawn_edges()) == {e["id"] for e in opposes}
    assert viewer.drawn_nodes() == endpoints(opposes)
    assert viewer.status() == (len(endpoints(opposes)), len(opposes))
    assert "family=opposes" in page.locator("#export-gexf").get_attribute("href")

    page.get_by_role("button", name="Reset filters").click()
    every = len(viewer.server.every_node())
    viewer.wait_for_status(every)
    assert len(viewer.drawn_nodes()) == every


def test_the_time_slider_and_the_replay(viewer) -> None:
    page = viewer.page
    dates = sorted({e["date"] for e in viewer.server.get("/graph")["edges"] if e["date"]})
    every = len(viewer.server.every_node())
    assert len(dates) > 1
    page.locator("#filter-to").focus()
    page.keyboard.press("Home")
    assert page.locator("#filter-to-date").inner_text() == dates[0]
    early = viewer.server.get("/graph", to=dates[0])["edges"]
    assert set(viewer.drawn_edges()) == {e["id"] for e in early}
    assert viewer.drawn_nodes() == endpoints(early)
    assert len(viewer.drawn_nodes()) < every

    play = page.locator("#play")
    page.locator("#filter-to").press("End")
    play.click()
    assert play.get_attribute("aria-pressed") == "true"
    assert viewer.status()[0] < every  # the replay starts from the first date
    page.wait_for_function("() => document.getElementById('play').getAttribute('aria-pressed') === 'false'",
                           timeout=len(dates) * 5_000)
    assert page.locator("#filter-to-date").inner_text() == dates[-1]
    assert viewer.status()[0] == every


def test_the_proposal_source_hierarchy_and_folding_filters(viewer) -> None:
    page = viewer.page
    server = viewer.server
    page.locator("#filter-proposal").select_option("troop-deployment")
    on_troops = server.get("/statements", target="troop-deployment", limit=500)["items"]
    proposals = {p["id"]: p for p in server.get("/proposals")}
    under, todo = set(), ["troop-deployment"]
    while todo:
        under.add(todo[-1])
        todo += [n for n in proposals[todo.pop()]["narrower"] if n not in under]
    assert "stabilization-force" in under  # two levels down
    assert set(viewer.drawn_edges()) == {s["statement"] for s in on_troops}
    assert viewer.drawn_nodes() == under | {s["actor"] for s in on_troops}
    assert page.locator("#export-note").is_visible()
    page.locator("#filter-proposal").select_option("")

    source = server.get("/graph")["nodes"]
    source_id = next(n["id"] for n in source if n["kind"] == "source")
    page.locator("#filter-source").select_option(source_id)
    from_source = server.get("/graph", source=source_id)["edges"]
    assert set(viewer.drawn_edges()) == {e["id"] for e in from_source}
    assert viewer.drawn_nodes() == endpoints(from_source)
    page.locator("#filter-source").select_option("")

    page.locator("#show-hierarchy").check()
    broader = {f"{p['id']}-broader-{b}" for p in proposals.values() for b in p["broader"]}
    assert broader and broader <= set(viewer.drawn_edges())
    page.locator("#show-hierarchy").uncheck()
    assert not broader & set(viewer.drawn_edges())

    for family in ("supports", "opposes", "hesitant"):
        page.locator(f"#family-{family}").uncheck()
    folded = {e["id"]: (e["source"], e["target"]) for e in server.get(
        "/graph", family="neutral", fold_persons="true")["edges"]}
    unfolded = {e["id"]: (e["source"], e["target"]) for e in server.get("/graph", family="neutral")["edges"]}
    assert folded != unfolded  # Marco Rubio's chairing is drawn from the United States
    assert viewer.drawn_edges() == unfolded
    page.locator("#fold-persons").check()
    page.wait_for_function("""folded => {
        const drawn = window.stancegraphViewer.drawnEdges();
        return drawn.length === Object.keys(folded).length
          && drawn.every(([id, source, target]) => folded[id]?.[0] === source && folded[id]?.[1] === target);
    }""", arg=folded)
    assert "fold_persons=true" in page.locator("#export-gexf").get_attribute("href")


def test_the_export_buttons_download_the_current_view(viewer) -> None:
    page = viewer.page
    for family in ("supports", "hesitant", "neutral"):
        page.locator(f"#family-{family}").uncheck()
    for name, format, extension in (("GEXF", "gexf", "gexf"), ("GraphML", "graphml", "graphml"),
                                    ("Turtle", "turtle", "ttl")):
        with page.expect_download() as download:
            page.get_by_role("link", name=name, exact=True).click()
        params = {"format": format} if format == "turtle" else {"format": format, "family": "opposes"}
        expected = httpx.get(f"{viewer.server.url}/export", params=params).content
        assert download.value.suggested_filename == f"stancegraph.{extension}"
        assert download.value.path().read_bytes() == expected

    with page.expect_download() as download:
        page.get_by_role("button", name="PNG of this view").click()
    assert download.value.suggested_filename == "stancegraph.png"
    png = download.value.path().read_bytes()
    box = page.locator("#graph").bounding_box()
    assert Image.open(io.BytesIO(png)).size == (round(box["width"]), round(box["height"]))
    assert colour_pixels(png, STATE_BLUE) > 100  # the opponents, drawn
    assert colour_pixels(png, OPPOSES_RED) > 30


def test_the_table_lists_what_the_graph_shows_and_the_tabs_use_the_keyboard(viewer) -> None:
    page = viewer.page
    page.get_by_role("tab", name="Table").click()
    assert page.locator("#table-view").is_visible()
    rows = page.locator("#table-view tbody tr")
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.edge)")) == set(viewer.drawn_edges())
    assert rows.count() == viewer.status()[1]
    edge = rows.first.get_attribute("data-edge")  # the earliest statement
    rows.first.locator("button").click()
    page.wait_for_selector(f'#panel li.statement[data-statement="{edge}"]')
    page.locator("#tab-table").press("ArrowLeft")
    assert page.locator("#table-view").is_hidden()
    assert page.locator("#tab-graph").get_attribute("aria-selected") == "true"


def test_the_camps_on_a_proposal_and_a_path_are_highlighted(viewer) -> None:
    page = viewer.page
    server = viewer.server
    camps = server.get("/camps/troop-deployment")
    page.locator("#camps-proposal").select_option("troop-deployment")
    page.get_by_role("button", name="Show camps").click()
    panel = viewer.panel()
    assert panel.locator("h3.camp").all_inner_texts() == [
        f"For ({len(camps['supporters'])})", f"Against ({len(camps['opponents'])})",
        f"Hesitant ({len(camps['hesitant'])})"]
    members = {m["actor"] for camp in ("supporters", "opponents", "hesitant") for m in camps[camp]}
    assert {"france", "poland", "russia"} <= members
    assert viewer.highlighted_nodes() == members
    assert sorted(statement_ids(panel)) == sorted(
        e["statement"] for camp in ("supporters", "opponents", "hesitant") for m in camps[camp]
        for e in m["evidence"])

    found = server.get("/paths", source="poland", target="russia")
    page.locator("#path-from").fill("Poland")
    page.locator("#path-to").fill("Russia")
    page.get_by_role("button", name="Find path").click()
    panel = viewer.panel()
    shortest = found["paths"][0]
    assert viewer.highlighted_nodes() == set(shortest["nodes"])
    first = panel.locator("ol.path").first.locator("li")
    assert first.evaluate_all("steps => steps.map(s => s.dataset.statement)") == [
        step["statement"] for step in shortest["steps"]]
    for step in shortest["steps"]:
        if step["quote"]:
            assert f"“{step['quote']}”" in panel.inner_text()


def test_the_congruence_network_is_coloured_by_coalition(viewer) -> None:
    page = viewer.page
    server = viewer.server
    network = server.get("/networks/congruence", level=1)
    found = server.get("/coalitions", level=1)
    page.locator("#network-kind").select_option("congruence")
    page.locator("#network-level").select_option("1")
    page.get_by_role("button", name="Show, coloured by coalition").click()
    viewer.panel()
    assert viewer.drawn_nodes() == {n["id"] for n in network["nodes"]}
    assert len(viewer.drawn_edges()) == len(network["ties"]) > 0
    colours = viewer.js("window.stancegraphViewer.nodeColors()")
    by_coalition = [{colours[m] for m in c["members"]} for c in found["coalitions"]]
    assert len(found["coalitions"]) >= 2
    assert all(len(c) == 1 for c in by_coalition)  # one colour per coalition
    assert len(set.union(*by_coalition)) == len(by_coalition)  # and a different one for each
    # France and the United Kingdom both back deployments under troop deployment: tied, one coalition.
    assert colours["france"] == colours["united-kingdom"] != "#b0b0b0"
    assert {"france", "united-kingdom"} in [{u, v} for u, v in viewer.drawn_edges().values()]
    legend = page.locator("#legend").inner_text()
    for i, coalition in enumerate(found["coalitions"], start=1):
        assert f"coalition {i}: {', '.join(coalition['labels'])}" in legend

    page.get_by_role("button", name="Back to the stance graph").click()
    every = len(viewer.server.every_node())
    viewer.wait_for_status(every)
    assert len(viewer.drawn_nodes()) == every
