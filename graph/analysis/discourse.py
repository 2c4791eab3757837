"""Discourse networks in the manner of the Discourse Network Analyzer (DNA), as sparse matrices.

A stance statement on an issue is what DNA calls a statement: actor (DNA's organization), target
(concept) and a qualifier. Our qualifier is the relation's polarity on the fixed integer scale
-1 (opposes), 0 (hesitant), +1 (supports), which DNA treats like an integer qualifier with range 2:
two stances on the same target are congruent with weight ``1 - |p - q| / 2`` and in conflict with
weight ``|p - q| / 2``. With supports and opposes only this is DNA's boolean ``agreement``
exactly; a hesitant stance is half congruent and half in conflict with either side.

Only statements whose target is an issue enter (actor relations do not), by default those of the
families supports, opposes and hesitant; ``discusses`` (neutral, no side) can be let in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

import networkx as nx
import numpy as np
import scipy.sparse as sp

from graph import checks
from graph.analysis.stancetable import StanceTable, first_of_each, period, stance_table
from graph.errors import InvalidOption, NotFound

LEVELS = (-1, 0, 1)
"""The qualifier levels: polarity of the relation."""


class Aggregation(StrEnum):
    """How the qualifier aggregates ties: one-mode ``ignore``, ``congruence``, ``conflict``,
    ``subtract``; two-mode ``ignore``, ``subtract``, ``combine``."""

    IGNORE = "ignore"
    CONGRUENCE = "congruence"
    CONFLICT = "conflict"
    SUBTRACT = "subtract"
    COMBINE = "combine"


ONE_MODE = (Aggregation.IGNORE, Aggregation.CONGRUENCE, Aggregation.CONFLICT, Aggregation.SUBTRACT)
TWO_MODE = (Aggregation.IGNORE, Aggregation.SUBTRACT, Aggregation.COMBINE)


class Normalization(StrEnum):
    """Normalisation of one-mode tie weights.

    ``average`` divides by the mean of the two actors' statement counts (DNA's), ``jaccard`` by
    DNA's Jaccard denominator, ``dna-cosine`` by the product of the two counts (what DNA calls
    cosine), ``cosine`` by the product of the Euclidean norms of the two actors' vectors (the
    true cosine similarity).
    """

    NONE = "none"
    AVERAGE = "average"
    JACCARD = "jaccard"
    COSINE = "cosine"
    DNA_COSINE = "dna-cosine"


class Duplicates(StrEnum):
    """Which repeated statements (same actor, target and, unless the qualifier is ignored,
    polarity) count: ``all``; once per ``document``; per ``week`` (ISO), ``month`` or ``year``
    (calendar periods of a given year, unlike DNA's week and month rules, which ignore the year);
    once across the whole ``range``."""

    ALL = "all"
    DOCUMENT = "document"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"


class Mode(StrEnum):
    """The nodes of a one-mode network: actors (tied by shared targets) or proposals (tied by
    shared actors)."""

    ACTORS = "actors"
    PROPOSALS = "proposals"


@dataclass(frozen=True)
class Stance:
    """One statement as a discourse network sees it: actor, (rolled-up) target, polarity."""

    statement: str
    actor: str
    target: str
    polarity: int
    date: str
    source: str


@dataclass(frozen=True)
class Selection:
    """Which statements a discourse network counts, and how targets are grouped.

    Parameters
    ----------
    duplicates
        The duplicate rule (:class:`Duplicates`).
    isolates
        Keep every actor and every issue of the view as a row or column, also without a
        statement in the selection (so matrices of successive time windows line up).
    roll_up
        Issue ids: a target at or under one of them is replaced by it (by the narrowest of
        them when several apply), as a DNA user would recode concepts.
    level
        Replace each target deeper than this level of the issue hierarchy by its ancestor at
        this level (0 = top concepts). Applied after ``roll_up``.
    families
        The relation families that count.
    """

    duplicates: Duplicates = Duplicates.ALL
    isolates: bool = False
    roll_up: tuple[str, ...] = ()
    level: int | None = None
    families: tuple[str, ...] = checks.STANCE_FAMILIES


@dataclass(frozen=True)
class DiscourseNetwork:
    """A discourse network: a sparse matrix with labelled rows and columns.

    ``rows``/``columns`` are ids, ``row_labels``/``column_labels`` their labels, in the order
    of the matrix (sorted by label, then id, as DNA sorts its labels).
    """

    kind: str
    aggregation: Aggregation
    normalization: Normalization
    rows: tuple[str, ...]
    row_labels: tuple[str, ...]
    columns: tuple[str, ...]
    column_labels: tuple[str, ...]
    matrix: sp.csr_array
    start: str = ""
    end: str = ""

    @property
    def one_mode(self) -> bool:
        """Whether rows and columns are the same nodes."""
        return self.kind != "affiliation"

    def dense(self) -> np.ndarray:
        """The matrix as a dense numpy array."""
        return self.matrix.toarray()

    def to_dict(self) -> dict[str, list]:
        """``{"rows": [labels], "columns": [labels], "matrix": [[numbers]]}``; whole numbers as int."""
        return {"rows": list(self.row_labels), "columns": list(self.column_labels),
                "matrix": [[_number(x) for x in row] for row in self.dense()]}

    def to_graph(self) -> nx.Graph[str]:
        """The network as a weighted networkx Graph with plain attributes.

        One-mode: undirected ties between rows, weight = cell value (zero cells are no tie).
        Two-mode: a bipartite graph (node attribute ``bipartite`` 0 for rows, 1 for columns).
        """
        G: nx.Graph[str] = nx.Graph(kind=self.kind, aggregation=str(self.aggregation),
                                    normalization=str(self.normalization), start=self.start, end=self.end)
        G.add_nodes_from((node, {"label": label, "bipartite": 0})
                         for node, label in zip(self.rows, self.row_labels, strict=True))
        if not self.one_mode:
            G.add_nodes_from((node, {"label": label, "bipartite": 1})
                             for node, label in zip(self.columns, self.column_labels, strict=True))
        coo = self.matrix.tocoo()
        for i, j, value in zip(coo.row, coo.col, coo.data, strict=True):
            if value and (not self.one_mode or i < j):
                G.add_edge(self.rows[i], self.columns[j], weight=float(value))
        return G


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


# --- statements ---------------------------------------------------------------


def _hierarchy(G: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Each issue's broader issues, from the view's hierarchy edges."""
    if not G.graph.get("hierarchy"):
        raise InvalidOption("grouping targets needs the issue hierarchy: build the view with "
                            "ViewFilter(hierarchy=True)")
    broader: dict[str, list[str]] = {n: [] for n, kind in G.nodes(data="kind") if kind == "issue"}
    for u, v, data in G.edges(data=True):
        if data.get("family") == "hierarchy":
            broader[u].append(v)
    return broader


def _grouping(G: nx.MultiDiGraph, roll_up: Sequence[str], level: int | None) -> dict[str, str]:
    """Map every issue to the issue its statements count for under ``roll_up`` and ``level``."""
    issues = sorted(n for n, kind in G.nodes(data="kind") if kind == "issue")
    if not roll_up and level is None:
        return {issue: issue for issue in issues}
    if level is not None and level < 0:
        raise InvalidOption(f"level must be 0 or more, not {level}")
    for concept in roll_up:
        if concept not in issues:
            raise NotFound.among("issue", concept, issues)
    broader = _hierarchy(G)

    @functools.cache
    def ancestors(issue: str) -> dict[str, int]:
        """Ancestors-or-self with their distance."""
        found = {issue: 0}
        for parent in broader[issue]:
            for node, distance in ancestors(parent).items():
                found[node] = min(found.get(node, distance + 1), distance + 1)
        return found

    @functools.cache
    def depth(issue: str) -> int:
        return 0 if not broader[issue] else 1 + min(depth(p) for p in broader[issue])

    def group(issue: str) -> str:
        up = ancestors(issue)
        listed = [c for c in roll_up if c in up]
        if listed:
            issue = min(listed, key=lambda c: (up[c], c))
        while level is not None and depth(issue) > level:
            issue = min(broader[issue], key=lambda p: (depth(p), p))
        return issue

    return {issue: group(issue) for issue in issues}


def _table(G: nx.MultiDiGraph, selection: Selection, details: bool) -> StanceTable:
    checks.families(selection.families)
    group = _grouping(G, selection.roll_up, selection.level)
    return stance_table(G, set(selection.families), group, details)


def stances(G: nx.MultiDiGraph, selection: Selection = Selection()) -> list[Stance]:
    """The stance statements of the view ``G`` on issues, targets grouped, sorted by date and id.

    Duplicates are not yet removed (see :func:`deduplicate`).

    Raises
    ------
    NotFound
        A ``roll_up`` id is not an issue.
    InvalidOption
        Grouping was asked of a view without the issue hierarchy, a negative level, or an
        unknown family.
    """
    table = _table(G, selection, details=True)
    statement, date, source = table.details()
    return [Stance(statement=str(statement[i]), actor=table.actors[table.actor[i]],
                   target=table.targets[table.target[i]], polarity=int(table.polarity[i]),
                   date=str(date[i]), source=str(source[i]))
            for i in table.chronological()]


def _selected(G: nx.MultiDiGraph, selection: Selection, qualifier: bool) -> StanceTable:
    """The statements of ``G`` that count under ``selection``, duplicates removed."""
    rule = _option(Duplicates, selection.duplicates, "duplicates")
    if rule is Duplicates.ALL:
        return _table(G, selection, details=False)
    table = _table(G, selection, details=True)
    _, date, source = table.details()
    return table.take(first_of_each(
        _duplicate_key(table.actor, table.target, table.polarity, date, source, rule, qualifier),
        table.chronological()))


def _duplicate_key(actor: np.ndarray, target: np.ndarray, polarity: np.ndarray,
                   date: np.ndarray, source: np.ndarray, rule: Duplicates,
                   qualifier: bool) -> list[np.ndarray]:
    key = [actor, target, period(rule, date, source)]
    return [*key, polarity] if qualifier else key


def deduplicate(found: Iterable[Stance], rule: Duplicates | str = Duplicates.ALL, *,
                qualifier: bool = True) -> list[Stance]:
    """Keep the first of each group of repeated stances under ``rule``.

    Repeated means same actor, same target, the same period under ``rule`` and, when
    ``qualifier`` is true, the same polarity (DNA compares the qualifier unless it is ignored).

    Examples
    --------
    >>> a = Stance("s1", "x", "t", 1, "2024-01-02", "d1")
    >>> b = Stance("s2", "x", "t", 1, "2025-01-03", "d2")  # same ISO week number, next year
    >>> [s.statement for s in deduplicate([a, b], "week")]
    ['s1', 's2']
    >>> [s.statement for s in deduplicate([a, b], "range")]
    ['s1']
    """
    rule = _option(Duplicates, rule, "duplicates")
    found = list(found)
    if rule is Duplicates.ALL or not found:
        return found
    actor, target, polarity, date, source = (np.array([getattr(s, name) for s in found])
                                             for name in ("actor", "target", "polarity", "date", "source"))
    key = _duplicate_key(actor, target, polarity, date, source, rule, qualifier)
    return [found[i] for i in first_of_each(key)]


# --- matrices -----------------------------------------------------------------


E = TypeVar("E", bound=StrEnum)


def _option(enum: type[E], value: str, name: str) -> E:
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise InvalidOption(f"unknown {name} {value!r}; choose one of {choices}") from None


def _ordered(G: nx.MultiDiGraph, nodes: Iterable[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ordered = sorted(set(nodes), key=lambda n: (G.nodes[n].get("label", n), n))
    return tuple(ordered), tuple(G.nodes[n].get("label", n) for n in ordered)


def _axes(G: nx.MultiDiGraph, table: StanceTable, selection: Selection):
    if selection.isolates:
        group = _grouping(G, selection.roll_up, selection.level)
        actors: Iterable[str] = [n for n, kind in G.nodes(data="kind") if kind == "actor"]
        targets: Iterable[str] = group.values()
    else:
        actors, targets = table.actors, table.targets
    return _ordered(G, actors), _ordered(G, targets)


def _incidence(table: StanceTable, actors: Sequence[str], targets: Sequence[str],
               transpose: bool = False) -> sp.csr_array:
    """The count of stances of each actor on each target (of each target by each actor if
    ``transpose``), one block of columns per qualifier level: rows x (levels x columns)."""
    def positions(names: Sequence[str], axis: Sequence[str]) -> np.ndarray:
        where = {n: i for i, n in enumerate(axis)}
        return np.array([where[n] for n in names], dtype=np.int64)

    a = positions(table.actors, actors)[table.actor]
    t = positions(table.targets, targets)[table.target]
    r, c, shape = ((t, a, (len(targets), len(actors))) if transpose
                   else (a, t, (len(actors), len(targets))))
    counted = np.isin(table.polarity, LEVELS)
    cells = (r[counted], np.searchsorted(LEVELS, table.polarity[counted]) * shape[1] + c[counted])
    return sp.csr_array((np.ones(len(cells[0])), cells), shape=(shape[0], len(LEVELS) * shape[1]))


def _levels(cells: sp.csr_array) -> dict[int, sp.csr_array]:
    """The blocks of :func:`_incidence`, by qualifier level."""
    width = cells.shape[1] // len(LEVELS)
    return {p: cells[:, i * width:(i + 1) * width] for i, p in enumerate(LEVELS)}


def _view_dates(G: nx.MultiDiGraph) -> dict[str, str]:
    return {"start": G.graph.get("start", ""), "end": G.graph.get("end", "")}


def affiliation_network(G: nx.MultiDiGraph, selection: Selection = Selection(),
                        aggregation: Aggregation | str = Aggregation.SUBTRACT) -> DiscourseNetwork:
    """The two-mode network actors x targets.

    ``ignore`` counts the stances of each actor on each target; ``subtract`` sums their
    polarities (supports minus opposes; hesitant counts 0); ``combine`` codes which sides an
    actor takes on a target: 1 supports, 2 opposes, 3 both (DNA's codes for a boolean
    qualifier), plus 4 if it is also hesitant.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"kind": "actor", "label": "A"}), ("t", {"kind": "issue", "label": "T"})])
    >>> for key, polarity in (("s1", 1), ("s2", 1), ("s3", -1)):
    ...     _ = G.add_edge("a", "t", key=key, polarity=polarity, family="supports" if polarity > 0
    ...                    else "opposes", date="2025-01-01", source="d")
    >>> affiliation_network(G).to_dict()
    {'rows': ['A'], 'columns': ['T'], 'matrix': [[1]]}
    >>> affiliation_network(G, aggregation="combine").to_dict()["matrix"]
    [[3]]
    """
    aggregation = _option(Aggregation, aggregation, "aggregation")
    if aggregation not in TWO_MODE:
        raise InvalidOption(f"a two-mode network aggregates by ignore, subtract or combine, "
                            f"not {aggregation.value!r}")
    table = _selected(G, selection, qualifier=aggregation is not Aggregation.IGNORE)
    (rows, row_labels), (columns, column_labels) = _axes(G, table, selection)
    X = _levels(_incidence(table, rows, columns))
    if aggregation is Aggregation.IGNORE:
        M = X[-1] + X[0] + X[1]
    elif aggregation is Aggregation.SUBTRACT:
        M = X[1] - X[-1]
    else:
        M = ((X[1] > 0).astype(float) + 2 * (X[-1] > 0).astype(float)
             + 4 * (X[0] > 0).astype(float))
    M = sp.csr_array(M, dtype=float)
    M.eliminate_zeros()
    return DiscourseNetwork("affiliation", aggregation, Normalization.NONE, rows, row_labels,
                            columns, column_labels, M, **_view_dates(G))


def one_mode_network(G: nx.MultiDiGraph, aggregation: Aggregation | str = Aggregation.CONGRUENCE,
                     selection: Selection = Selection(),
                     normalization: Normalization | str = Normalization.NONE,
                     mode: Mode | str = Mode.ACTORS) -> DiscourseNetwork:
    """The one-mode network of actors tied by shared targets (or proposals by shared actors).

    For two actors i and j and each target k, with a_ikp the number of i's stances of polarity p
    on k (after the duplicate rule):

    - ``ignore``: sum over k of n_ik * n_jk, n_ik = sum over p of a_ikp;
    - ``congruence``: sum over k, p, q of a_ikp * a_jkq * (1 - |p - q| / 2);
    - ``conflict``: the same with weight |p - q| / 2;
    - ``subtract``: congruence minus conflict.

    The diagonal is zero. Normalisation divides each tie by (n_i = i's stance count):
    ``average`` (n_i + n_j) / 2; ``dna-cosine`` n_i * n_j; ``cosine`` the product of the
    Euclidean norms of i's and j's vectors (over targets for ``ignore``, over target x
    polarity cells otherwise); ``jaccard`` DNA's m10 + m01 + m11 over target x polarity cells.

    Raises
    ------
    InvalidOption
        An unknown option, or ``combine`` (a two-mode aggregation).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"kind": "actor", "label": "A"}), ("b", {"kind": "actor", "label": "B"}),
    ...                   ("t", {"kind": "issue", "label": "T"})])
    >>> _ = G.add_edge("a", "t", key="s1", polarity=1, family="supports", date="2025-01-01", source="d")
    >>> _ = G.add_edge("b", "t", key="s2", polarity=-1, family="opposes", date="2025-01-01", source="d")
    >>> one_mode_network(G, "conflict").to_dict()["matrix"]
    [[0, 1], [1, 0]]
    >>> one_mode_network(G, "congruence").to_dict()["matrix"]
    [[0, 0], [0, 0]]
    """
    aggregation = _option(Aggregation, aggregation, "aggregation")
    normalization = _option(Normalization, normalization, "normalization")
    mode = _option(Mode, mode, "mode")
    if aggregation not in ONE_MODE:
        raise InvalidOption(f"a one-mode network aggregates by ignore, congruence, conflict or "
                            f"subtract, not {aggregation.value!r}")
    table = _selected(G, selection, qualifier=aggregation is not Aggregation.IGNORE)
    (actors, actor_labels), (targets, target_labels) = _axes(G, table, selection)
    cells = _incidence(table, actors, targets, transpose=mode is Mode.PROPOSALS)
    nodes, labels = (actors, actor_labels) if mode is Mode.ACTORS else (targets, target_labels)
    _check_size(cells, aggregation, mode)
    M = _normalize(_zero_diagonal(_aggregate(cells, aggregation)), cells, aggregation, normalization)
    M.eliminate_zeros()
    return DiscourseNetwork(str(mode), aggregation, normalization, nodes, labels, nodes, labels,
                            M, **_view_dates(G))


class NetworkKind(StrEnum):
    """A discourse network: the two-mode ``affiliation`` network or a one-mode aggregation."""

    AFFILIATION = "affiliation"
    IGNORE = "ignore"
    CONGRUENCE = "congruence"
    CONFLICT = "conflict"
    SUBTRACT = "subtract"


def network(G: nx.MultiDiGraph, kind: NetworkKind | str, selection: Selection = Selection(),
            normalization: Normalization | str = Normalization.NONE, mode: Mode | str = Mode.ACTORS,
            two_mode_aggregation: Aggregation | str | None = None) -> DiscourseNetwork:
    """The discourse network ``kind`` of ``G``: :func:`affiliation_network` for ``affiliation``
    (aggregated by ``two_mode_aggregation``, default subtract), else :func:`one_mode_network`
    with ``kind`` as its aggregation.

    Raises
    ------
    InvalidOption
        A normalisation asked of an affiliation network, or a two-mode aggregation of a
        one-mode one.
    """
    kind = _option(NetworkKind, kind, "network kind")
    if kind is NetworkKind.AFFILIATION:
        if _option(Normalization, normalization, "normalization") is not Normalization.NONE:
            raise InvalidOption("an affiliation network is not normalised; drop the normalisation")
        return affiliation_network(G, selection, two_mode_aggregation or Aggregation.SUBTRACT)
    if two_mode_aggregation is not None:
        raise InvalidOption("a two-mode aggregation is for affiliation networks; a one-mode "
                            "network's aggregation is its kind")
    return one_mode_network(G, kind.value, selection, normalization, mode)


MAX_TIES = 200_000_000
"""The most ties a one-mode product may hold, bounded before it is computed: at 25-50 bytes a
tie while the product is built, this keeps a network under about 10 GB. All actors of a
1,000,000-statement corpus over all time would need far more and kill the process."""


def _check_size(cells: sp.csr_array, aggregation: Aggregation, mode: Mode) -> None:
    """Refuse a one-mode network that may hold more than :data:`MAX_TIES` ties.

    Two rows are tied only through a column both have a stance on, so the ties are at most the
    sum over columns of the square of the rows with a stance there (and the rows squared)."""
    rows = _summed(cells)
    per_column = np.bincount(rows.indices, minlength=rows.shape[1]).astype(np.int64)
    bound = min(int((per_column ** 2).sum()), rows.shape[0] ** 2)
    if bound > MAX_TIES:
        raise InvalidOption(
            f"the {aggregation.value} network of {rows.shape[0]:,} {mode.value} could hold up to "
            f"{bound:,} ties, more than the {MAX_TIES:,} one network may hold; narrow the "
            "statements (a date range, sources, relation families) or the targets")


_WEIGHTS = {Aggregation.CONGRUENCE: lambda d: 1 - d, Aggregation.CONFLICT: lambda d: d,
            Aggregation.SUBTRACT: lambda d: 1 - 2 * d}
"""Tie weight by aggregation, as a function of the qualifier distance |p - q| / 2."""


def _aggregate(cells: sp.csr_array, aggregation: Aggregation) -> sp.csr_array:
    """The one-mode product: N N^T for ``ignore``, else X (W (x) I) X^T with X the cells and
    W the weights between qualifier levels: one sparse product, not one per pair of levels."""
    if aggregation is Aggregation.IGNORE:
        N = _summed(cells)
        return sp.csr_array(N @ N.T, dtype=float)
    weight = _WEIGHTS[aggregation]
    W = sp.csr_array([[weight(abs(p - q) / 2) for q in LEVELS] for p in LEVELS])
    width = cells.shape[1] // len(LEVELS)
    return sp.csr_array(cells @ (cells @ sp.kron(W, sp.eye_array(width), format="csr")).T)


def _summed(cells: sp.csr_array) -> sp.csr_array:
    """The counts of stances of each row on each column, whatever the qualifier."""
    X = _levels(cells)
    return X[-1] + X[0] + X[1]


def _zero_diagonal(M: sp.csr_array) -> sp.csr_array:
    """``M`` with its stored diagonal entries set to zero, in place (``setdiag`` would also
    insert the missing ones, a copy of the matrix)."""
    rows = np.repeat(np.arange(M.shape[0], dtype=M.indices.dtype), np.diff(M.indptr))
    M.data[M.indices == rows] = 0
    return M


def _normalize(M: sp.csr_array, cells: sp.csr_array, aggregation: Aggregation,
               normalization: Normalization) -> sp.csr_array:
    if normalization is Normalization.NONE:
        return M
    counts = np.asarray(cells.sum(axis=1)).ravel()
    coo = M.tocoo()
    i, j = coo.row, coo.col
    norm: np.ndarray
    if normalization is Normalization.AVERAGE:
        norm = (counts[i] + counts[j]) / 2
    elif normalization is Normalization.DNA_COSINE:
        norm = counts[i] * counts[j]
    elif normalization is Normalization.COSINE:
        vectors = _summed(cells) if aggregation is Aggregation.IGNORE else cells
        lengths = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
        norm = lengths[i] * lengths[j]
    else:
        present = (cells > 0).astype(float)
        both = cells @ cells.T
        ones = cells @ present.T
        norm = (counts[i] + counts[j] - _at(ones, i, j) - _at(ones.T, i, j) + _at(both, i, j))
    values = np.divide(coo.data, norm, out=np.zeros_like(coo.data), where=norm != 0)
    return sp.coo_array((values, (i, j)), shape=M.shape).tocsr()


def _at(matrix: sp.csr_array | sp.csc_array, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The entries of a sparse matrix at the positions (i, j), by a binary search of its keys.

    >>> _at(sp.csr_array([[0, 2], [3, 0]]), np.array([0, 1, 1]), np.array([1, 0, 1]))
    array([2., 3., 0.])
    """
    coo = sp.coo_array(matrix)
    coo.sum_duplicates()
    width = matrix.shape[1]
    keys = coo.row.astype(np.int64) * width + coo.col
    order = np.argsort(keys)
    keys, data = keys[order], coo.data[order]
    wanted = i.astype(np.int64) * width + j
    found = np.searchsorted(keys, wanted)
    hit = found < len(keys)
    hit[hit] = keys[found[hit]] == wanted[hit]
    values = np.zeros(len(wanted))
    values[hit] = data[found[hit]]
    return values
