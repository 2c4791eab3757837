"""Camps: the actors for, against and hesitant about a proposal, with the evidence."""

from __future__ import annotations

from pydantic import BaseModel
from rdflib import Literal

from graph import checks
from graph.analysis._bound import values
from graph.analysis.evidence import Evidence, date_filters, matching
from graph.analysis.resolution import Entity, narrower_issues, resolve
from graph.store import Store


_STANCES = f"?rel sg:family ?fam . FILTER (?fam IN ({', '.join(Literal(f).n3() for f in checks.STANCE_FAMILIES)}))"


class CampMember(BaseModel):
    """An actor in a camp, with the statements that put it there."""

    actor: str
    label: str
    evidence: list[Evidence]


class Camps(BaseModel):
    """The actors for, against and hesitant about a proposal (and its narrower proposals)."""

    proposal: Entity
    supporters: list[CampMember]
    opponents: list[CampMember]
    hesitant: list[CampMember]


def camps(store: Store, proposal: str, *, start: str | None = None, end: str | None = None,
          direct_only: bool = False) -> Camps:
    """Who supports, opposes or hesitates about ``proposal`` (or a narrower one), with evidence.

    ``start``/``end`` (YYYY-MM-DD) restrict to statements dated in that inclusive range. An
    actor with statements of several families is in several camps.

    Raises
    ------
    NotFound
        ``proposal`` is not a known proposal; close matches are offered.
    InvalidOption
        A bound is not a date.
    """
    filters, bindings = date_filters(start, end)
    goal = resolve(store, proposal, ("issue",))
    reach = values("t", [goal.iri] if direct_only else narrower_issues(store, goal.iri))
    groups: dict[str, dict[str, list[Evidence]]] = {f: {} for f in checks.STANCE_FAMILIES}
    for e in matching(store, "\n  ".join([reach, _STANCES, *filters]), **bindings):
        groups[e.family].setdefault(e.actor, []).append(e)

    def members(family: str) -> list[CampMember]:
        found = [CampMember(actor=actor, label=rows[0].actor_label, evidence=rows)
                 for actor, rows in groups[family].items()]
        return sorted(found, key=lambda m: (m.label, m.actor))

    return Camps(proposal=goal, supporters=members("supports"), opponents=members("opposes"),
                 hesitant=members("hesitant"))
