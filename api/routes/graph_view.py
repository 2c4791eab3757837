"""The stance graph as JSON for the web viewer: nodes, edges and the colours of the GEXF export."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import DateFrom, DateTo, StoreDep
from graph.analysis.view import ViewFilter
from graph.checks import FAMILIES
from graph.export import network, palette

router = APIRouter(tags=["graph"])


class GraphNode(BaseModel):
    """An actor, proposal or source document of the stance graph."""

    id: str
    label: str
    kind: Literal["actor", "issue", "source"]
    type: str = Field(description="State, Person, Proposal, SourceDocument ...")
    color: str = Field(description="#rrggbb, by type, as in the GEXF export")
    size: float = Field(description="grows with the square root of the degree, as in the GEXF export")
    degree: int
    qid: str | None = None
    definition: str | None = None
    date: str | None = Field(None, description="a source document's date")


class GraphEdge(BaseModel):
    """One statement (or a background tie: a membership, the proposal hierarchy)."""

    id: str = Field(description="the statement id, or a made-up id for a background tie")
    source: str = Field(description="the node the edge starts from: the actor")
    target: str = Field(description="the node the edge points to: a proposal or an actor")
    relation: str
    relation_label: str
    family: str = Field(description="supports, opposes, hesitant, neutral, or hierarchy")
    polarity: int
    weight: float = Field(description="the signed weight of the GEXF export, never 0")
    color: str = Field(description="#rrggbb, by the sign of the polarity, as in the GEXF export")
    date: str = Field(description="ISO date of the statement; empty for a background tie")
    quote: str = Field(description="the statement's verbatim quote; empty for a background tie")
    quote_start: int
    quote_end: int
    document: str = Field(description="the id of the source document (or background graph)")
    modality: str
    attribution: str
    speaker: str | None = None
    condition: str | None = None
    background: bool = Field(description="a tie from a background graph, not a statement of a source")


class LegendEntry(BaseModel):
    key: str
    label: str
    color: str


class Palette(BaseModel):
    """The colours of the GEXF export (graph/palette.py), for a legend."""

    node_types: list[LegendEntry]
    other_node: str
    edge_signs: list[LegendEntry]


class StanceGraph(BaseModel):
    """The stance graph of a view: what ``GET /export?format=gexf`` exports, as JSON."""

    description: str
    start: str = Field(description="the view's first date, empty when open")
    end: str = Field(description="the view's last date, empty when open")
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    palette: Palette


def _palette() -> Palette:
    return Palette(
        node_types=[LegendEntry(key=name, label=name, color=palette.hex_color(rgb))
                    for name, rgb in palette.NODE_COLORS.items()],
        other_node=palette.hex_color(palette.OTHER_NODE),
        edge_signs=[LegendEntry(key=str(sign), label=palette.EDGE_MEANINGS[sign],
                                color=palette.hex_color(rgb))
                    for sign, rgb in palette.EDGE_COLORS.items()])


@router.get("/graph", summary="The stance graph as nodes and edges, coloured as in the GEXF export")
def get_graph(
    store: StoreDep, date_from: DateFrom = None, date_to: DateTo = None,
    source: Annotated[list[str], Query(max_length=200)] = [],  # noqa: B006 (FastAPI copies defaults)
    family: Annotated[list[str], Query(description=f"Any of {', '.join(FAMILIES)}.")] = [],  # noqa: B006
    fold_persons: Annotated[bool, Query(description="Draw a person's statements from whom they speak for.")] = False,
    hierarchy: Annotated[bool, Query(description="Add an edge from each proposal to its broader ones.")] = False,
) -> StanceGraph:
    view = ViewFilter(start=date_from, end=date_to, sources=tuple(source),
                      families=tuple(family), fold_persons=fold_persons,
                      hierarchy=hierarchy)
    G = network(store, view)
    nodes = [GraphNode(id=n, label=data["label"], kind=data["kind"], type=data["type"],
                       color=palette.hex_color(palette.node_color(data)),
                       size=palette.node_size(G.degree(n)), degree=G.degree(n),
                       qid=data.get("qid"), definition=data.get("definition"), date=data.get("date"))
             for n, data in G.nodes(data=True)]
    edges = [GraphEdge(id=key, source=u, target=v, relation=data["relation"],
                       relation_label=data["relation_label"], family=data["family"],
                       polarity=data["polarity"], weight=data["weight"],
                       color=palette.hex_color(palette.edge_color(data)), date=data["date"],
                       quote=data["quote"], quote_start=data["quote_start"],
                       quote_end=data["quote_end"], document=data["source"],
                       modality=data["modality"], attribution=data["attribution"],
                       speaker=data.get("speaker"), condition=data.get("condition"),
                       background=data["modality"] == "background")
             for u, v, key, data in G.edges(keys=True, data=True)]
    return StanceGraph(description=G.graph["description"], start=G.graph["start"],
                       end=G.graph["end"], nodes=nodes, edges=edges, palette=_palette())
