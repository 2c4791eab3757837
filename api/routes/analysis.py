"""Analyses: the camps on a proposal, paths between two nodes, discourse networks, coalitions."""

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from api.deps import StoreDep
from graph.analysis import camps, discourse, paths
from graph.analysis.coalitions import Coalitions, coalitions
from graph.analysis.view import ViewFilter, stance_graph
from graph.checks import FAMILIES
from graph.errors import InvalidOption
from graph.store import Store

router = APIRouter(tags=["analysis"])

DateFrom = Annotated[dt.date | None, Query(alias="from", description="Only statements dated from this day.")]
DateTo = Annotated[dt.date | None, Query(alias="to", description="Only statements dated up to this day.")]
Families = Annotated[list[str], Query(description="Relation families that count (default: supports, "
                                                  "opposes, hesitant).")]
RollUp = Annotated[list[str], Query(max_length=200, description="Count statements on a proposal "
                                                                "or a narrower one as on it.")]
Level = Annotated[int | None, Query(ge=0, description="Group targets at this level of the hierarchy.")]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class NetworkNode(BaseModel):
    id: str
    label: str
    side: int = Field(description="0 for rows (actors, or proposals), 1 for the columns of a two-mode network")


class Tie(BaseModel):
    source: str
    target: str
    weight: float


class Network(BaseModel):
    """A discourse network as a weighted graph: its rows (and columns) and non-zero ties."""

    kind: str
    aggregation: str
    normalization: str
    start: str
    end: str
    nodes: list[NetworkNode]
    ties: list[Tie]


def _view(store: Store, start: dt.date | None, end: dt.date | None, fold_persons: bool,
          selection: discourse.Selection):
    grouped = bool(selection.roll_up) or selection.level is not None
    return stance_graph(store, ViewFilter(start=_iso(start), end=_iso(end), fold_persons=fold_persons,
                                          hierarchy=grouped))


def _selection(duplicates: discourse.Duplicates, roll_up: list[str], level: int | None,
               families: list[str], isolates: bool = False) -> discourse.Selection:
    unknown = sorted(set(families) - set(FAMILIES))
    if unknown:
        raise InvalidOption(f"no relation family {', '.join(unknown)} (one of {', '.join(FAMILIES)})")
    return discourse.Selection(duplicates=duplicates, isolates=isolates, roll_up=tuple(roll_up),
                               level=level, families=tuple(families or discourse.STANCE_FAMILIES))


@router.get("/camps/{proposal_id}", summary="Who is for, against and hesitant about a proposal")
def get_camps(store: StoreDep, proposal_id: Annotated[str, Path(max_length=200)],
              date_from: DateFrom = None, date_to: DateTo = None,
              direct_only: Annotated[bool, Query(description="Leave narrower proposals out.")] = False,
              ) -> camps.Camps:
    return camps.camps(store, proposal_id, start=_iso(date_from), end=_iso(date_to),
                         direct_only=direct_only)


@router.get("/paths", summary="The shortest paths between two actors or proposals, with quotes")
def get_paths(
    store: StoreDep,
    source: Annotated[str, Query(alias="from", min_length=1, max_length=200, examples=["poland"])],
    target: Annotated[str, Query(alias="to", min_length=1, max_length=200, examples=["russia"])],
    k: Annotated[int, Query(ge=1, le=20, description="At most this many paths.")] = 3,
    max_length: Annotated[int, Query(ge=1, le=12, description="No path longer than this.")] = 6,
    direction: Annotated[str, Query(description="any, forward or backward")] = "any",
    family: Annotated[list[str], Query(description="Families a path may cross (default all, and "
                                                   "the proposal hierarchy).")] = [],  # noqa: B006
    start: Annotated[dt.date | None, Query(description="Only statements from this day.")] = None,
    end: Annotated[dt.date | None, Query(description="Only statements up to this day.")] = None,
) -> paths.Paths:
    return paths.paths(store, source, target, k=k, max_length=max_length, direction=direction,
                         families=tuple(family) or paths.PATH_FAMILIES, start=_iso(start),
                         end=_iso(end))


@router.get("/networks/{kind}", summary="A discourse network (DNA-compatible) as a weighted graph")
def get_network(
    store: StoreDep, kind: discourse.NetworkKind,
    of: discourse.Mode = discourse.Mode.ACTORS,
    normalize: discourse.Normalization = discourse.Normalization.NONE,
    duplicates: discourse.Duplicates = discourse.Duplicates.ALL,
    roll_up: RollUp = [],  # noqa: B006
    level: Level = None,
    family: Families = [],  # noqa: B006
    isolates: bool = False,
    fold_persons: bool = False,
    date_from: DateFrom = None, date_to: DateTo = None,
) -> Network:
    selection = _selection(duplicates, roll_up, level, family, isolates)
    G = _view(store, date_from, date_to, fold_persons, selection)
    network = discourse.network(G, kind, selection, normalize, of)
    H = network.to_graph()
    return Network(kind=network.kind, aggregation=str(network.aggregation),
                   normalization=str(network.normalization), start=network.start, end=network.end,
                   nodes=[NetworkNode(id=n, label=data["label"], side=data["bipartite"])
                          for n, data in H.nodes(data=True)],
                   ties=[Tie(source=u, target=v, weight=w) for u, v, w in H.edges(data="weight")])


@router.get("/coalitions", summary="Coalitions: communities of the congruence network")
def get_coalitions(
    store: StoreDep,
    method: Annotated[str, Query(description="greedy (modularity) or louvain")] = "greedy",
    seed: int = 0,
    normalize: discourse.Normalization = discourse.Normalization.AVERAGE,
    duplicates: discourse.Duplicates = discourse.Duplicates.ALL,
    roll_up: RollUp = [],  # noqa: B006
    level: Level = None,
    family: Families = [],  # noqa: B006
    fold_persons: bool = False,
    date_from: DateFrom = None, date_to: DateTo = None,
) -> Coalitions:
    selection = _selection(duplicates, roll_up, level, family)
    G = _view(store, date_from, date_to, fold_persons, selection)
    return coalitions(G, selection, normalize, method, seed)
