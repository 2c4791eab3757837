"""Pictures: PNG and SVG of the stance graph, in the GEXF's colours, and the render command."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from typer.testing import CliRunner

from graph.export import palette
from graph.cli import app
from graph.errors import UnsupportedFormat
from graph.export import network
from graph.export.render import draw
from graph.store import Store

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
runner = CliRunner()


@pytest.fixture(scope="module")
def svg(seed_store: Store) -> bytes:
    buffer = io.BytesIO()
    draw(network(seed_store), buffer, "svg", title="Security guarantees for Ukraine")
    return buffer.getvalue()


def _texts(svg_bytes: bytes) -> str:
    """The text of an SVG whose glyphs matplotlib wrote as paths, each with its character as a comment."""
    return " ".join(c.text or "" for c in etree.fromstring(svg_bytes).iter(etree.Comment))


def test_svg_has_labels_legend_and_the_gexf_colours(seed_store: Store, svg: bytes) -> None:
    root = etree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = _texts(svg)
    for expected in ("Security guarantees for Ukraine", "Poland", "Sending national troops",
                     "supports (+1)", "opposes (-1)", "Proposal", "State"):
        assert expected in text
    assert "Commitment" in text and "MediaOutlet" not in text, "the legend lists the types drawn"
    styles = svg.decode()
    for rgb in (palette.NODE_COLORS["State"], palette.NODE_COLORS["Proposal"],
                palette.EDGE_COLORS[1], palette.EDGE_COLORS[-1]):
        assert palette.hex_color(rgb) in styles


def test_the_same_graph_gives_the_same_picture(seed_store: Store, svg: bytes) -> None:
    again = io.BytesIO()
    draw(network(seed_store), again, "svg", title="Security guarantees for Ukraine")
    assert again.getvalue() == svg


def test_png_and_refused_formats() -> None:
    G = nx.MultiDiGraph(description="a tiny graph")
    G.add_node("pl", label="Poland", type="State")
    G.add_edge("pl", "troops", polarity=-1)
    buffer = io.BytesIO()
    draw(G, buffer, "png")
    assert buffer.getvalue().startswith(PNG_SIGNATURE) and len(buffer.getvalue()) > 10_000
    with pytest.raises(UnsupportedFormat, match="no picture format 'gif'; choose one of png, svg"):
        draw(G, io.BytesIO(), "gif")


def test_a_graph_without_edges_says_so() -> None:
    G = nx.Graph()
    G.add_node("alone", label="Alone")
    buffer = io.BytesIO()
    draw(G, buffer, "svg")
    text = _texts(buffer.getvalue())
    assert "no edges to draw" in text and "Alone" not in text


def test_render_command(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STANCEGRAPH_STORE", str(tmp_path / "store"))
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["load", str(mini_dir)]).exit_code == 0
    result = runner.invoke(app, ["render", "--family", "opposes"])
    assert result.exit_code == 0, result.output
    assert "drew 4 nodes and 2 edges to stance-graph.png" in result.stdout
    assert (tmp_path / "stance-graph.png").read_bytes().startswith(PNG_SIGNATURE)
    svg_result = runner.invoke(app, ["render", "-o", "mini.svg", "--title", "Mini"])
    assert svg_result.exit_code == 0 and "Mini" in _texts((tmp_path / "mini.svg").read_bytes())
    refused = runner.invoke(app, ["render", "-o", "mini.gif"])
    assert refused.exit_code == 1 and "no picture format 'gif'" in refused.output
    assert not (tmp_path / "mini.gif").exists()


def test_the_documented_colours_are_the_palettes() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text(encoding="utf-8")
    for name, rgb in palette.NODE_COLORS.items():
        assert f"| {name} | `{palette.hex_color(rgb)}` |" in docs
    for sign, rgb in palette.EDGE_COLORS.items():
        assert f"| {palette.EDGE_MEANINGS[sign]} | `{palette.hex_color(rgb)}` |" in docs


def test_render_draws_a_discourse_network(seed_store: Store, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with Store(store_dir) as store:
        store.load([Path(__file__).resolve().parents[2] / "data"])
    out = tmp_path / "conflict.svg"
    result = runner.invoke(app, ["render", "--network", "conflict", "--roll-up", "troop-deployment",
                                 "-o", str(out), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    text = _texts(out.read_bytes())
    assert "conflict network" in text and "Russia" in text and "France" in text
    styles = out.read_text()
    assert palette.hex_color(palette.EDGE_COLORS[-1]) in styles  # conflict ties drawn as opposition
    assert palette.hex_color(palette.EDGE_COLORS[1]) not in styles
