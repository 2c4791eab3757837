"""Exports, each read back by an independent parser: rdflib, pyoxigraph and Raptor for RDF;
xmllint against the GEXF 1.3 RelaxNG and the GraphML XSD; graphology (what Gephi Lite uses) run
with node; python-igraph; Python's csv module for Gephi's spreadsheet tables.

The tools are installed by ``.ci/run`` and ``make test``; a test that misses one fails and says
how to install it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from graph.export import palette
from graph.cli import app
from graph.errors import InvalidOption, NotFound, UnsupportedFormat
from graph.export import ExportFormat, export, network, write_tables
from graph.export.attributes import columns
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.tables import write_csv, write_matrix
from graph.analysis import discourse
from graph.analysis.view import ViewFilter, stance_graph
from graph.store import Store
from graph.vocab import graph_iri

TESTS = Path(__file__).resolve().parent.parent
GEXF_RNG = TESTS / "schemas" / "gexf-1.3" / "gexf.rng"
GRAPHML_XSD = TESTS / "schemas" / "graphml-1.0" / "graphml.xsd"
JS = TESTS / "js"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
runner = CliRunner()
# rdflib's own TriG and N-Quads plugins still call its deprecated Dataset API.
pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated, use Dataset:DeprecationWarning",
                                        "ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


# --- the independent tools ------------------------------------------------------

def _tool(name: str, install: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: {install} (.ci/run installs it)", pytrace=False)
    return path


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def xmllint(schema_option: str, schema: Path, path: Path) -> subprocess.CompletedProcess[str]:
    tool = _tool("xmllint", "apt-get install libxml2-utils")
    return _run(tool, "--noout", schema_option, str(schema), str(path))


def rapper_count(path: Path, syntax: str) -> int:
    result = _run(_tool("rapper", "apt-get install raptor2-utils"), "-i", syntax, "-c", str(path))
    assert result.returncode == 0, result.stderr
    return int(result.stderr.split("returned ")[1].split()[0])


def graphology(fmt: str, path: Path) -> dict:
    """What graphology-gexf or graphology-graphml reads from ``path`` (see tests/js/parse.js)."""
    node = _tool("node", "apt-get install nodejs npm")
    if not (JS / "node_modules" / "graphology").is_dir():
        pytest.fail("graphology is not installed: npm ci --prefix tests/js (make test runs it)",
                    pytrace=False)
    result = _run(node, str(JS / "parse.js"), fmt, str(path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def stance(seed_store: Store) -> nx.MultiDiGraph:
    return network(seed_store)


@pytest.fixture(scope="module")
def union(seed_store: Store) -> Graph:
    return seed_store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def _save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- formats --------------------------------------------------------------------

def test_formats_carry_media_types_and_extensions() -> None:
    assert {f.value for f in ExportFormat} == {
        "turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml", "graphml", "gexf", "csv"}
    assert len({f.extension for f in ExportFormat}) == len({f.media_type for f in ExportFormat}) == 9
    assert ExportFormat.parse("TTL") is ExportFormat.TURTLE
    assert ExportFormat.parse("application/n-quads") is ExportFormat.NQUADS
    assert ExportFormat.parse("zip") is ExportFormat.CSV


def test_unknown_format_and_misplaced_options_are_refused(seed_store: Store) -> None:
    with pytest.raises(UnsupportedFormat, match="no export format 'pdf'; choose one of turtle"):
        export(seed_store, "pdf")
    with pytest.raises(UnsupportedFormat, match="turtle exports the whole store"):
        export(seed_store, ExportFormat.TURTLE, ViewFilter(families=("supports",)))
    with pytest.raises(UnsupportedFormat, match="only gexf has a dynamic mode"):
        export(seed_store, "graphml", dynamic=True)


# --- RDF ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, rdflib_format, oxigraph_format", [
    ("turtle", "turtle", ox.RdfFormat.TURTLE),
    ("ntriples", "nt", ox.RdfFormat.N_TRIPLES),
    ("jsonld", "json-ld", ox.RdfFormat.JSON_LD),
    ("rdfxml", "xml", ox.RdfFormat.RDF_XML),
])
def test_triple_formats_round_trip(seed_store: Store, union: Graph, fmt: str, rdflib_format: str,
                                   oxigraph_format: ox.RdfFormat) -> None:
    data = export(seed_store, fmt)
    parsed = Graph().parse(data=data, format=rdflib_format)
    assert len(parsed) == len(union) == len(seed_store)
    assert isomorphic(parsed, union)
    assert len(list(ox.parse(data, format=oxigraph_format))) == len(union)


def test_jsonld_has_the_prefix_context(seed_store: Store) -> None:
    document = json.loads(export(seed_store, "jsonld"))
    assert document["@context"]["sg"] == "https://w3id.org/stancegraph/ontology#"
    assert any(node.get("@type") == "sg:State" for node in document["@graph"])


@pytest.mark.parametrize("fmt, rdflib_format", [("nquads", "nquads"), ("trig", "trig")])
def test_quad_formats_keep_the_named_graphs(seed_store: Store, fmt: str, rdflib_format: str) -> None:
    parsed = Dataset().parse(data=export(seed_store, fmt), format=rdflib_format)
    names = sorted(str(g.identifier) for g in parsed.graphs() if len(g))
    assert names == seed_store.graph_names()
    expected = seed_store.dataset()
    for name in names:
        assert isomorphic(parsed.graph(name), expected.graph(name)), name
    assert sum(len(parsed.graph(name)) for name in names) == len(seed_store)


@pytest.mark.parametrize("fmt, syntax", [
    ("turtle", "turtle"), ("ntriples", "ntriples"), ("rdfxml", "rdfxml"), ("trig", "trig"),
    ("nquads", "nquads"),
])
@pytest.mark.needs("rapper")
def test_raptor_and_pyoxigraph_count_the_same_triples(seed_store: Store, tmp_path: Path,
                                                      fmt: str, syntax: str) -> None:
    data = export(seed_store, fmt)
    path = _save(tmp_path, f"store.{ExportFormat.parse(fmt).extension}", data)
    oxigraph_format = ox.RdfFormat.from_extension(ExportFormat.parse(fmt).extension)
    assert rapper_count(path, syntax) == len(list(ox.parse(data, format=oxigraph_format))) \
        == len(seed_store)


@pytest.mark.parametrize("fmt, syntax", [("turtle", "turtle"), ("ntriples", "ntriples"),
                                         ("rdfxml", "rdfxml")])
@pytest.mark.needs("rapper")
def test_triple_formats_state_a_triple_of_two_graphs_once(mini_store: Store, tmp_path: Path,
                                                          fmt: str, syntax: str) -> None:
    copy = mini_store.construct('CONSTRUCT { ?s ?p ?o } WHERE { ?s sg:slug "mini-s1" ; ?p ?o }')
    mini_store.insert({graph_iri("copy"): copy})
    union = mini_store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(mini_store) == len(union) + len(copy)
    path = _save(tmp_path, f"store.{ExportFormat.parse(fmt).extension}", export(mini_store, fmt))
    assert rapper_count(path, syntax) == len(union)


def test_turtle_and_trig_use_the_prefixes(seed_store: Store) -> None:
    for fmt in ("turtle", "trig"):
        text = export(seed_store, fmt).decode()
        assert "@prefix sg: <https://w3id.org/stancegraph/ontology#> ." in text
        assert " a sg:Statement" in text and "\\/" not in text


# --- GEXF -----------------------------------------------------------------------

@pytest.mark.parametrize("dynamic", [False, True])
@pytest.mark.needs("xmllint")
def test_gexf_is_valid_gexf_1_3(seed_store: Store, tmp_path: Path, dynamic: bool) -> None:
    path = _save(tmp_path, "stance.gexf", export(seed_store, "gexf", dynamic=dynamic))
    result = xmllint("--relaxng", GEXF_RNG, path)
    assert result.returncode == 0, result.stderr


@pytest.mark.needs("xmllint")
def test_the_gexf_schema_check_rejects_a_broken_file(seed_store: Store, tmp_path: Path) -> None:
    root = etree.fromstring(export(seed_store, "gexf"))
    root.find(f"{GEXF}graph/{GEXF}edges/{GEXF}edge").set("weight", "heavy")
    path = _save(tmp_path, "broken.gexf", etree.tostring(root))
    result = xmllint("--relaxng", GEXF_RNG, path)
    assert result.returncode != 0 and "fails to validate" in result.stderr


@pytest.mark.needs("node", "graphology")
def test_graphology_reads_the_gexf_as_written(seed_store: Store, stance: nx.MultiDiGraph,
                                              tmp_path: Path) -> None:
    read = graphology("gexf", _save(tmp_path, "stance.gexf", export(seed_store, "gexf")))
    assert (read["type"], read["multi"]) == ("directed", True)
    assert (read["order"], read["size"]) == (stance.number_of_nodes(), stance.number_of_edges())
    assert read["attributes"]["description"] == "stancegraph stance graph"
    assert set(read["edges"]) == {key for *_, key in stance.edges(keys=True)}
    poland = read["nodes"]["poland"]
    assert (poland["label"], poland["type"], poland["kind"]) == ("Poland", "State", "actor")
    assert poland["color"] == "rgb({},{},{})".format(*palette.NODE_COLORS["State"])
    assert poland["size"] == pytest.approx(palette.node_size(stance.degree("poland")))
    for u, v, key, data in stance.edges(keys=True, data=True):
        edge = read["edges"][key]
        assert (edge["source"], edge["target"]) == (u, v)
        attrs = edge["attributes"]
        assert attrs["label"] == data["relation_label"]
        assert attrs["kind"].split("#")[0] == data["relation"]
        assert attrs["weight"] == data["weight"] != 0
        assert math.copysign(1, attrs["weight"]) == (-1 if data["polarity"] < 0 else 1)
        assert attrs["quote"] == data["quote"] and attrs["quote_start"] == data["quote_start"]
        assert attrs["color"] == "rgb({},{},{})".format(*palette.edge_color(data))
    kinds = Counter((e["source"], e["target"], e["attributes"]["kind"]) for e in read["edges"].values())
    assert max(kinds.values()) == 1, "Gephi merges parallel edges of one kind"
    assert {e["attributes"]["kind"] for e in read["edges"].values()} >= {"discusses", "discusses#2"}


def test_gexf_declares_typed_attributes_once_per_class(seed_store: Store) -> None:
    graph = etree.fromstring(export(seed_store, "gexf")).find(f"{GEXF}graph")
    blocks = graph.findall(f"{GEXF}attributes")
    assert [b.get("class") for b in blocks] == ["node", "edge"]
    edge_types = {a.get("title"): a.get("type") for a in blocks[1]}
    assert edge_types["polarity"] == edge_types["quote_start"] == "integer"
    assert edge_types["quote"] == "string"
    assert not {"label", "weight", "kind"} & set(edge_types), "those are edge fields, not values"
    assert all(a.get("title") for b in blocks for a in b), "networkx leaves titles empty"


def test_dynamic_gexf_plays_the_statements_in_time(seed_store: Store, stance: nx.MultiDiGraph) -> None:
    graph = etree.fromstring(export(seed_store, "gexf", dynamic=True)).find(f"{GEXF}graph")
    dates = sorted(d for *_, d in stance.edges(data="date") if d)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert (graph.get("start"), graph.get("end")) == (dates[0], dates[-1]) == ("1994-12-05", "2025-08-19")
    for edge in graph.iter(f"{GEXF}edge"):
        u, v = edge.get("source"), edge.get("target")
        assert edge.get("start") == (stance.edges[u, v, edge.get("id")]["date"] or None)
    starts = {n.get("id"): n.get("start") for n in graph.iter(f"{GEXF}node")}
    assert starts["united-states"] == "2025-08-18"  # Trump's assurance at the White House
    assert starts["ukraine"] == "1994-12-05"  # the Budapest Memorandum


@pytest.mark.needs("node", "graphology")
def test_gexf_filters_follow_the_view(seed_store: Store, tmp_path: Path) -> None:
    view = ViewFilter(families=("supports", "opposes"), end="2025-08-18")
    read = graphology("gexf", _save(tmp_path, "view.gexf", export(seed_store, "gexf", view)))
    families = {e["attributes"]["family"] for e in read["edges"].values()}
    assert families <= {"supports", "opposes"} and read["size"] > 0
    assert all(e["attributes"]["date"] <= "2025-08-18" for e in read["edges"].values())
    assert "relations that supports or opposes" in read["attributes"]["description"]


# --- GraphML --------------------------------------------------------------------

@pytest.mark.needs("xmllint")
def test_graphml_is_valid_graphml(seed_store: Store, tmp_path: Path) -> None:
    path = _save(tmp_path, "stance.graphml", export(seed_store, "graphml"))
    result = xmllint("--schema", GRAPHML_XSD, path)
    assert result.returncode == 0, result.stderr


def test_graphml_keys_are_named_typed_and_unique(seed_store: Store) -> None:
    root = etree.fromstring(export(seed_store, "graphml"))
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    keys = root.findall(f"{ns}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    assert not [i for i in ids if i[1:].isdigit()], "d3 and d7 are labels to Gephi"
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types[("edge", "weight")] == "double" and types[("edge", "quote_end")] == "int"
    assert types[("node", "label")] == types[("edge", "label")] == "string"
    edge_ids = [e.get("id") for e in root.iter(f"{ns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) and "politico-ukraine-guarantees-s05" in edge_ids


@pytest.mark.needs("node", "graphology")
def test_graphology_and_igraph_read_every_graphml_attribute(
        seed_store: Store, stance: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = _save(tmp_path, "stance.graphml", export(seed_store, "graphml"))
    read = graphology("graphml", path)
    assert (read["order"], read["size"], read["multi"]) == (
        stance.number_of_nodes(), stance.number_of_edges(), True)
    for u, v, key, data in stance.edges(keys=True, data=True):
        assert read["edges"][key] == {"source": u, "target": v, "attributes": data}
    for n, data in stance.nodes(data=True):
        assert read["nodes"][n] == data
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount(), g.is_directed()) == (
        stance.number_of_nodes(), stance.number_of_edges(), True)
    node_names = {a for _, d in stance.nodes(data=True) for a in d}
    edge_names = {a for *_, d in stance.edges(data=True) for a in d}
    assert node_names <= set(g.vs.attributes()) and edge_names <= set(g.es.attributes())
    by_quote = {(g.vs[e.source]["id"], g.vs[e.target]["id"], e["quote"], e["relation"]): e
                for e in g.es}
    for u, v, data in stance.edges(data=True):
        edge = by_quote[(u, v, data["quote"], data["relation"])]
        assert edge["weight"] == data["weight"] and edge["polarity"] == data["polarity"]
        assert edge["speaker"] == data.get("speaker", "")  # igraph fills absent values with ""


@pytest.mark.needs("xmllint")
def test_graphml_of_any_weighted_signed_graph(tmp_path: Path) -> None:
    """The discourse networks' shape: undirected, signed weights (0 allowed), odd node names."""
    G = nx.Graph(kind="congruence", start="2025-08-01")
    G.add_node("New York", label="New York", bipartite=0)
    G.add_node("a/b", label="A/B", bipartite=0)
    G.add_edge("New York", "a/b", weight=-0.5)
    G.add_edge("a/b", "c", weight=0.0, congruent=True)
    buffer = io.BytesIO()
    write_graphml(G, buffer)
    path = _save(tmp_path, "discourse.graphml", buffer.getvalue())
    assert xmllint("--schema", GRAPHML_XSD, path).returncode == 0
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount(), g.is_directed()) == (3, 2, False)
    assert sorted(g.vs["original_id"]) == ["New York", "a/b", "c"]
    assert sorted(g.es["weight"]) == [-0.5, 0.0] and g["kind"] == "congruence"
    back = nx.read_graphml(path)
    assert nx.get_node_attributes(back, "original_id") == {"n0": "New York", "n1": "a/b", "n2": "c"}


# --- CSV ------------------------------------------------------------------------

def _tables(data: bytes) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        return tuple(list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8")))
                     for name in ("nodes.csv", "edges.csv"))


def test_csv_tables_in_gephis_spreadsheet_layout(seed_store: Store, stance: nx.MultiDiGraph) -> None:
    data = export(seed_store, "csv")
    assert data == export(seed_store, "csv"), "the same store gives the same bytes"
    nodes, edges = _tables(data)
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:7] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind"]
    assert "source_attr" in edges[0], "a column named source would be taken for the Source"
    assert len(nodes) == stance.number_of_nodes() and len(edges) == stance.number_of_edges()
    s05 = next(e for e in edges if e["Id"] == "politico-ukraine-guarantees-s05")
    assert (s05["Source"], s05["Target"], s05["Type"]) == ("united-states", "article-5-like-guarantee",
                                                           "Directed")
    assert (s05["Label"], s05["Weight"], s05["Kind"]) == ("assures", "1.0", "assures")
    assert s05["source_attr"] == "politico-ukraine-guarantees" and s05["speaker"] == "donald-trump"
    assert all(float(e["Weight"]) != 0 for e in edges)
    assert Counter((e["Source"], e["Target"], e["Kind"]) for e in edges).most_common(1)[0][1] == 1


def test_write_tables_writes_two_files(seed_store: Store, tmp_path: Path) -> None:
    nodes, edges = write_tables(seed_store, tmp_path / "tables")
    assert nodes.read_bytes().startswith(b"Id,Label,")
    assert edges.read_bytes().startswith(b"Source,Target,Type,Id,Label,Weight,Kind,")


def test_matrix_for_r_and_visone() -> None:
    buffer = io.BytesIO()
    write_matrix(["Poland", "Italy, Rome"], ["troops", "pact"], [[-1.0, 1.0], [0.5, 0.0]], buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue().decode())))
    assert rows == [["", "troops", "pact"], ["Poland", "-1", "1"], ["Italy, Rome", "0.5", "0"]]
    with pytest.raises(ValueError, match="row 'Poland' has 1 cells for 2 columns"):
        write_matrix(["Poland"], ["troops", "pact"], [[1]], io.BytesIO())


# --- the generic writers' guards ------------------------------------------------

def test_values_must_be_plain_scalars() -> None:
    G = nx.DiGraph()
    G.add_node("a", aliases=["A", "Alpha"])
    for writer in (write_graphml, write_gexf):
        with pytest.raises(TypeError, match="node 'a': attribute 'aliases' is a list"):
            writer(G, io.BytesIO())


def test_gephi_bound_writers_refuse_a_zero_weight() -> None:
    G = nx.Graph()
    G.add_edge("a", "b", weight=0)
    with pytest.raises(ValueError, match="weight 0, which Gephi drops"):
        write_gexf(G, io.BytesIO())
    with pytest.raises(ValueError, match="weight 0"):
        write_csv(G, io.BytesIO(), io.BytesIO())


def test_dynamic_gexf_needs_iso_dates() -> None:
    G = nx.DiGraph()
    G.add_edge("a", "b", date="19 August 2025")
    with pytest.raises(ValueError, match=r"date '19 August 2025' is not a date \(YYYY-MM-DD\)"):
        write_gexf(G, io.BytesIO(), dynamic=True)


def test_attribute_names_that_clash_as_xml_names() -> None:
    G = nx.Graph()
    G.add_node("a", **{"first name": "x", "first_name": "y"})
    with pytest.raises(ValueError, match="clash once made XML names: first_name"):
        write_graphml(G, io.BytesIO())


@pytest.mark.needs("xmllint")
def test_control_characters_and_none_never_reach_the_files(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", label="Al\x07pha\nBeta", note=None, type="State")
    G.add_edge("a", "b", quote="one\x00two\tthree", weight=2.5, kind="backs")
    gexf, graphml = io.BytesIO(), io.BytesIO()
    write_gexf(G, gexf)
    write_graphml(G, graphml)
    for data in (gexf.getvalue(), graphml.getvalue()):
        assert b"note" not in data and b"\x07" not in data and b"&#" not in data
        assert b"one two three" in data
    assert b'label="Al pha Beta"' in gexf.getvalue()
    assert xmllint("--relaxng", GEXF_RNG, _save(tmp_path, "c.gexf", gexf.getvalue())).returncode == 0
    assert xmllint("--schema", GRAPHML_XSD, _save(tmp_path, "c.graphml", graphml.getvalue())).returncode == 0


@pytest.mark.needs("xmllint")
def test_gexf_escapes_markup_as_lxml_does(tmp_path: Path) -> None:
    tricky = 'R&D <"quoted"> Zoë 𝄞'
    G = nx.MultiDiGraph(description=tricky)
    G.add_node(tricky, label=tricky, note=tricky, type="State")
    G.add_edge(tricky, "b", key="s1", kind=tricky, label=tricky, quote=tricky, weight=1.5)
    buffer = io.BytesIO()
    write_gexf(G, buffer)
    data = buffer.getvalue()
    # What lxml writes for the string as an attribute value (quoted) and as text.
    attribute = etree.tostring(etree.Element("x", v=tricky), encoding="utf-8")[len(b"<x v="):-2]
    holder = etree.Element("x")
    holder.text = tricky
    text = etree.tostring(holder, encoding="utf-8")[len(b"<x>"):-len(b"</x>")]
    assert b"&lt;&quot;quoted&quot;&gt;" in attribute and b'&lt;"quoted"&gt;' in text
    assert data.count(attribute) == 7  # node id, label, note; edge source, kind, label, quote
    assert b"<description>" + text + b"</description>" in data
    root = etree.fromstring(data)
    assert root.find(f"{GEXF}meta/{GEXF}description").text == tricky
    node = root.find(f"{GEXF}graph/{GEXF}nodes/{GEXF}node")
    assert node.get("id") == node.get("label") == tricky
    edge = root.find(f"{GEXF}graph/{GEXF}edges/{GEXF}edge")
    assert edge.get("kind") == edge.get("label") == edge.get("source") == tricky
    assert [a.get("value") for a in edge.iter(f"{GEXF}attvalue")] == [tricky]
    assert xmllint("--relaxng", GEXF_RNG, _save(tmp_path, "m.gexf", data)).returncode == 0


def test_integer_columns_widen_to_long_past_32_bits() -> None:
    cols = columns([("a", {"n": 1, "m": 2**40}), ("b", {"n": -(2**31), "m": 3})])
    assert [(c.name, c.type) for c in cols] == [("n", "int"), ("m", "long")]


# --- the view ---------------------------------------------------------------------

def test_network_edges_carry_label_kind_and_signed_weight(stance: nx.MultiDiGraph) -> None:
    edge = stance.edges["poland", "sending-national-troops", "politico-ukraine-guarantees-s23"]
    assert (edge["label"], edge["kind"], edge["weight"]) == ("declines to contribute to",
                                                             "declines-to-contribute", -1.0)
    weights = {d["family"]: d["weight"] for *_, d in stance.edges(data=True)}
    assert weights["supports"] == 1.0 and weights["neutral"] == weights["hesitant"] == 0.5


def test_network_refuses_unknown_filters(seed_store: Store) -> None:
    with pytest.raises(NotFound, match="no source 'politico-ukraine-guarante'; did you mean"):
        network(seed_store, ViewFilter(sources=("politico-ukraine-guarante",)))
    with pytest.raises(InvalidOption, match="family 'suports' is not one of supports, opposes, hesitant, neutral; "
                                            "did you mean supports"):
        network(seed_store, ViewFilter(families=("suports",)))
    with pytest.raises(InvalidOption, match="to '2025-8-1' is not a date"):
        network(seed_store, ViewFilter(end="2025-8-1"))


# --- the command line -----------------------------------------------------------

@pytest.fixture
def store_env(tmp_path: Path, mini_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STANCEGRAPH_STORE", str(tmp_path / "store"))
    assert runner.invoke(app, ["load", str(mini_dir)]).exit_code == 0
    return tmp_path


@pytest.mark.needs("xmllint", "node", "graphology")
def test_cli_exports_to_a_file_by_its_extension(store_env: Path) -> None:
    target = store_env / "mini.gexf"
    result = runner.invoke(app, ["export", "-o", str(target), "--dynamic", "--family", "opposes"])
    assert result.exit_code == 0, result.output
    assert f"wrote {target} (gexf" in result.stdout
    read = graphology("gexf", target)
    assert sorted(read["edges"]) == ["mini-s1", "mini-s4"]
    assert xmllint("--relaxng", GEXF_RNG, target).returncode == 0


def test_cli_exports_rdf_to_stdout(store_env: Path) -> None:
    result = runner.invoke(app, ["export", "--format", "ntriples"])
    assert result.exit_code == 0, result.output
    assert len(Graph().parse(data=result.stdout_bytes, format="nt")) > 100


def test_cli_writes_csv_as_a_zip_or_two_tables(store_env: Path) -> None:
    archive = store_env / "mini.zip"
    assert runner.invoke(app, ["export", "-o", str(archive)]).exit_code == 0
    _, edges = _tables(archive.read_bytes())
    assert {e["Id"] for e in edges} >= {"mini-s1", "mini-s2", "mini-s3", "mini-s4"}
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(store_env / "tables"),
                                 "--fold-persons"])
    assert result.exit_code == 0, result.output
    edges_csv = (store_env / "tables" / "edges.csv").read_text(encoding="utf-8")
    assert "anna-berg,ruritania,Directed,mini-s2" in edges_csv
    refused = runner.invoke(app, ["export", "-f", "csv", "-o", str(store_env / "edges.csv")])
    assert refused.exit_code == 1 and "csv is two tables" in refused.output


def test_cli_export_errors_are_one_line(store_env: Path) -> None:
    unknown = runner.invoke(app, ["export", "-f", "pdf"])
    assert unknown.exit_code == 1 and "no export format 'pdf'" in unknown.output
    missing = runner.invoke(app, ["export"])
    assert missing.exit_code == 1 and "give --format" in missing.output
    filtered = runner.invoke(app, ["export", "-f", "turtle", "--from", "2025-01-01"])
    assert filtered.exit_code == 1 and "exports the whole store" in filtered.output
    target = store_env / "bad.graphml"
    bad_date = runner.invoke(app, ["export", "-o", str(target), "--to", "tomorrow"])
    assert bad_date.exit_code == 1 and "to 'tomorrow' is not a date (YYYY-MM-DD)" in bad_date.output
    assert not target.exists(), "a failed export leaves no file behind"


@pytest.mark.needs("xmllint", "node", "graphology")
def test_a_discourse_network_graphml_is_valid_and_read_by_every_parser(
        seed_store: Store, seed_files: list[Path], tmp_path: Path) -> None:
    """`stancegraph network congruence --format graphml`: the signed, weighted one-mode network."""
    path = tmp_path / "congruence.graphml"
    store_dir = tmp_path / "seed-store"
    with Store(store_dir) as store:
        store.load(seed_files)
    result = CliRunner().invoke(app, ["network", "congruence", "--roll-up", "troop-deployment",
                                      "--format", "graphml", "-o", str(path), "--store", str(store_dir)])
    assert result.exit_code == 0, result.output
    assert xmllint("--schema", GRAPHML_XSD, path).returncode == 0
    expected = discourse.one_mode_network(
        stance_graph(seed_store, ViewFilter(hierarchy=True)), aggregation="congruence",
        selection=discourse.Selection(roll_up=("troop-deployment",))).to_graph()
    read = graphology("graphml", path)
    assert (read["order"], read["size"]) == (expected.number_of_nodes(), expected.number_of_edges())
    assert read["size"] > 0
    g = igraph.Graph.Read_GraphML(str(path))
    weights = {frozenset((g.vs[e.source]["id"], g.vs[e.target]["id"])): e["weight"] for e in g.es}
    assert weights == {frozenset((u, v)): w for u, v, w in expected.edges(data="weight")}
    assert weights[frozenset(("france", "united-kingdom"))] > 0
