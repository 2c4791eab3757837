"""Analyses: camps, paths, discourse networks, coalitions, blocs, centrality; whole or per window.

The parameters are the CLI commands' options by the same names; with ``window`` (and ``step``)
a route answers a list, one result per sliding window with its ``start`` and ``end``, as the
command's JSON does.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.deps import DateFrom, DateTo, StoreDep
from graph.analysis import camps, discourse, paths, runs, windows
from graph.analysis.centrality import ActorCentrality
from graph.analysis.coalitions import Blocs, Coalitions

router = APIRouter(tags=["analysis"])

Window = Annotated[int | None, Query(ge=1, description="Run over sliding windows of this many days "
                                                        "(a list, one result per window).")]
Step = Annotated[int | None, Query(ge=1, description="Days between the starts of windows (default: "
                                                      "the window length).")]
Families = Annotated[list[str], Query(description="Relation families that count (default: supports, "
                                                  "opposes, hesitant).")]
RollUp = Annotated[list[str], Query(max_length=200, description="Count statements on a proposal "
                                                                "or a narrower one as on it.")]
Level = Annotated[int | None, Query(ge=0, description="Group targets at this level of the hierarchy.")]
Method = Annotated[str, Query(description="Community detection: greedy (modularity) or louvain.")]
Seed = Annotated[int, Query(description="Seed of the louvain method.")]


def network_options(
    normalize: discourse.Normalization = discourse.Normalization.AVERAGE,
    duplicates: discourse.Duplicates = discourse.Duplicates.ALL,
    roll_up: RollUp = [],  # noqa: B006 (FastAPI copies defaults)
    level: Level = None,
    family: Families = [],  # noqa: B006 (FastAPI copies defaults)
    fold_persons: bool = False,
    date_from: DateFrom = None, date_to: DateTo = None,
    window: Window = None, step: Step = None,
) -> runs.NetworkOptions:
    """The options the analyses of the congruence network share (coalitions, blocs, centrality)."""
    return runs.NetworkOptions(normalization=normalize, duplicates=duplicates, roll_up=tuple(roll_up),
                               level=level, families=tuple(family), fold_persons=fold_persons,
                               start=date_from, end=date_to, window=window, step=step)


NetworkOptionsDep = Annotated[runs.NetworkOptions, Depends(network_options)]


@router.get("/camps/{proposal_id}", summary="Who is for, against and hesitant about a proposal")
def get_camps(store: StoreDep, proposal_id: Annotated[str, Path(max_length=200)],
              date_from: DateFrom = None, date_to: DateTo = None,
              direct_only: Annotated[bool, Query(description="Leave narrower proposals out.")] = False,
              window: Window = None, step: Step = None,
              ) -> camps.Camps | list[windows.CampsWindow]:
    if windows.windowed(window, step):
        return windows.camps_windows(store, proposal_id, window, step, start=date_from,
                                     end=date_to, direct_only=direct_only)
    return camps.camps(store, proposal_id, start=date_from, end=date_to,
                         direct_only=direct_only)


@router.get("/paths", summary="The shortest paths between two actors or proposals, with quotes")
def get_paths(
    store: StoreDep,
    source: Annotated[str, Query(min_length=1, max_length=200, examples=["poland"])],
    target: Annotated[str, Query(min_length=1, max_length=200, examples=["russia"])],
    k: Annotated[int, Query(ge=1, le=20, description="At most this many paths.")] = 3,
    max_length: Annotated[int, Query(ge=1, le=12, description="No path longer than this.")] = 6,
    direction: Annotated[str, Query(description="any, forward or backward")] = "any",
    family: Annotated[list[str], Query(description="Families a path may cross (default all, and "
                                                   "the proposal hierarchy).")] = [],  # noqa: B006
    date_from: DateFrom = None, date_to: DateTo = None,
    window: Window = None, step: Step = None,
) -> paths.Paths | list[windows.PathsWindow]:
    families = tuple(family)
    if windows.windowed(window, step):
        return windows.paths_windows(store, source, target, window, step, k=k, max_length=max_length,
                                     direction=direction, families=families, start=date_from,
                                     end=date_to)
    return paths.paths(store, source, target, k=k, max_length=max_length, direction=direction,
                         families=families, start=date_from, end=date_to)


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


def _network(network: discourse.DiscourseNetwork) -> Network:
    H = network.to_graph()
    return Network(kind=network.kind, aggregation=str(network.aggregation),
                   normalization=str(network.normalization), start=network.start, end=network.end,
                   nodes=[NetworkNode(id=n, label=data["label"], side=data["bipartite"])
                          for n, data in H.nodes(data=True)],
                   ties=[Tie(source=u, target=v, weight=data["weight"]) for u, v, data in H.edges(data=True)])


@router.get("/networks/{kind}", summary="A discourse network (DNA-compatible) as a weighted graph")
def get_network(
    store: StoreDep, kind: discourse.NetworkKind,
    of: discourse.Mode = discourse.Mode.ACTORS,
    aggregate: Annotated[discourse.Aggregation | None, Query(
        description="affiliation only: subtract (default), ignore or combine.")] = None,
    normalize: discourse.Normalization = discourse.Normalization.NONE,
    duplicates: discourse.Duplicates = discourse.Duplicates.ALL,
    roll_up: RollUp = [],  # noqa: B006 (FastAPI copies defaults)
    level: Level = None,
    family: Families = [],  # noqa: B006 (FastAPI copies defaults)
    isolates: bool = False,
    fold_persons: bool = False,
    date_from: DateFrom = None, date_to: DateTo = None,
    window: Window = None, step: Step = None,
) -> Network | list[Network]:
    options = runs.NetworkOptions(
        normalization=normalize, duplicates=duplicates, isolates=isolates, roll_up=tuple(roll_up),
        level=level, families=tuple(family), fold_persons=fold_persons, start=date_from,
        end=date_to, window=window, step=step)
    found = [_network(n) for n in runs.networks(store, kind, options, of, aggregate)]
    return found if window is not None else found[0]


@router.get("/coalitions", summary="Coalitions: communities of the congruence network")
def get_coalitions(store: StoreDep, options: NetworkOptionsDep, method: Method = "greedy",
                   seed: Seed = 0) -> Coalitions | list[Coalitions]:
    found = runs.coalitions(store, options, method, seed)
    return found if options.window is not None else found[0]


@router.get("/blocs", summary="Blocs of least frustration of the signed network, and the polarisation")
def get_blocs(store: StoreDep, options: NetworkOptionsDep,
              blocs: Annotated[int, Query(ge=2, description="Number of blocs.")] = 2,
              ) -> Blocs | list[Blocs]:
    found = runs.blocs(store, options, blocs)
    return found if options.window is not None else found[0]


@router.get("/centrality", summary="Degree, betweenness and brokerage on the congruence network")
def get_centrality(store: StoreDep, options: NetworkOptionsDep, method: Method = "greedy",
                   seed: Seed = 0) -> list[ActorCentrality] | list[runs.CentralityWindow]:
    found = runs.centrality(store, options, method, seed)
    return found if options.window is not None else found[0].actors
