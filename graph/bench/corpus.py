"""A seeded generator of stance corpora shaped like real coding work, at any size.

For ``n`` statements: ``n / 20`` actors (states, persons who speak for them, organisations,
alliances, groups, anonymous sources), ``n / 50`` proposals and commitments in a three-level
``skos:broader`` hierarchy, sources of 5 to 30 statements each dated over eleven years, and
statements whose actors and targets follow a Zipf law (a few actors and proposals take most of
the coverage, as in the news). Relations are the ontology's own, read from
``ontology/stancegraph.ttl``; every quote is a sentence of its source's text at the right
code-point offsets.

Examples
--------
>>> corpus = generate(200, seed=7)
>>> sum(1 for _ in corpus.statements), len(corpus.actors), len(corpus.issues)
(200, 10, 4)
>>> s = corpus.sources[0]
>>> all(s.text[st.start:st.end] == st.quote for st in s.statements)
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from graph.bench import words
from graph.ingest.records import LANG
from graph.ingest.triples import ontology_graph
from graph.vocab import SG, relation_slug

ACTOR_MIX = (("Person", 0.38), ("State", 0.2), ("Organization", 0.12), ("Group", 0.08),
             ("AnonymousSource", 0.08), ("Alliance", 0.05), ("Committee", 0.05),
             ("MediaOutlet", 0.04))
"""Actor types and their shares of all actors."""

FAMILY_MIX = (("supports", 0.38), ("opposes", 0.33), ("hesitant", 0.12), ("neutral", 0.1),
              ("actor", 0.07))
"""Relation families and their shares of all statements (``actor``: actor-to-actor relations)."""

MODALITY_MIX = (("asserted", 0.8), ("conditional", 0.07), ("reported", 0.05),
                ("hypothetical", 0.04), ("historical", 0.04))
ZIPF_EXPONENT = 1.1
FIRST_DAY = dt.date(2015, 1, 1)
DAYS = 11 * 365


@dataclass(frozen=True)
class Actor:
    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    member_of: tuple[str, ...] = ()
    affiliation: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Issue:
    id: str
    type: str
    label: str
    level: int
    broader: tuple[str, ...] = ()
    definition: str | None = None
    year: int | None = None
    fulfilled: bool | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Statement:
    id: str
    actor: str
    relation: str
    target: str
    quote: str
    start: int
    end: int
    attribution: str
    modality: str = "asserted"
    speaker: str | None = None
    condition: str | None = None
    reason: str | None = None
    role: str | None = None
    according_to: str | None = None
    addressees: tuple[str, ...] = ()
    date: dt.date | None = None
    date_basis: str | None = None


@dataclass
class Source:
    id: str
    title: str
    date: dt.date
    text: str = ""
    statements: list[Statement] = field(default_factory=list)
    title_basis: str | None = None
    language: str = LANG
    reports_on: str | None = None
    date_basis: str | None = None


@dataclass
class Corpus:
    """A generated corpus: actors, issues and sources with their statements."""

    n: int
    seed: int
    actors: list[Actor]
    issues: list[Issue]
    sources: list[Source]

    @property
    def statements(self) -> Iterator[Statement]:
        """Every statement, source by source."""
        return itertools.chain.from_iterable(s.statements for s in self.sources)


@dataclass(frozen=True)
class RelationInfo:
    slug: str
    family: str
    actor_relation: bool


@cache
def ontology_relations() -> tuple[RelationInfo, ...]:
    """The relations of the ontology with their family, sorted by slug."""
    g = ontology_graph()
    found = []
    for kind, is_actor in ((SG.StanceRelation, False), (SG.ActorRelation, True)):
        for relation in g.subjects(predicate=None, object=kind):
            family = g.value(relation, SG.family)
            if family is not None:
                found.append(RelationInfo(relation_slug(str(relation)), str(family), is_actor))
    return tuple(sorted(found, key=lambda r: r.slug))


def _zipf_weights(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, count + 1)))


def _pick(rng: random.Random, mix: Sequence[tuple[str, float]]) -> str:
    return rng.choices([name for name, _ in mix], weights=[w for _, w in mix])[0]


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _actors(rng: random.Random, count: int, taken: set[str]) -> list[Actor]:
    kinds = [_pick(rng, ACTOR_MIX) for _ in range(count)]
    # every corpus has at least two states, a person and an organisation to relate them
    for index, kind in enumerate(("State", "State", "Person", "Organization")[:count]):
        kinds[index] = kind
    drafts = []
    for kind in kinds:
        label = words.actor_label(rng, kind)
        drafts.append((kind, label, _unique(words.slugify(label), taken)))
    bodies = [slug for kind, _, slug in drafts if kind in ("State", "Organization", "Alliance", "Committee")]
    orgs = [slug for kind, _, slug in drafts if kind in ("Organization", "Alliance")]
    actors = []
    for kind, label, slug in drafts:
        aliases = (f"{label.split()[0]} capital",) if kind == "State" and rng.random() < 0.3 else ()
        member_of = tuple(sorted(set(rng.sample(orgs, k=min(len(orgs), rng.choice((1, 2)))))))\
            if kind == "State" and orgs and rng.random() < 0.6 else ()
        wikidata = f"Q{rng.randrange(1, 10**8)}" if kind in ("State", "Person") and rng.random() < 0.5 else None
        affiliation = rng.choice(bodies) if kind in ("Person", "AnonymousSource") and bodies else None
        actors.append(Actor(slug, kind, label, aliases, wikidata, member_of, affiliation))
    return actors


def _issues(rng: random.Random, count: int, taken: set[str]) -> list[Issue]:
    """Issues in three levels: about count^(1/3) roots, their square below, the rest as leaves."""
    roots = max(1, round(count ** (1 / 3)))
    middle = min(count - roots, roots * roots) if count > 2 else count - roots
    issues: list[Issue] = []
    for index in range(count):
        level = 0 if index < roots else 1 if index < roots + middle else 2
        parents = ([issues[index % roots].id] if level == 1 else
                   [issues[roots + (index - roots - middle) % middle].id] if level == 2 else [])
        label = words.issue_label(rng, parents[0] if parents else None)
        slug = _unique(words.slugify(label), taken)
        kind = "Commitment" if rng.random() < 0.1 else "Proposal"
        year = rng.randrange(1994, 2026) if kind == "Commitment" else None
        fulfilled = rng.random() < 0.5 if kind == "Commitment" and rng.random() < 0.7 else None
        issues.append(Issue(slug, kind, label, level, tuple(parents),
                            words.definition(rng, label) if rng.random() < 0.6 else None, year, fulfilled))
    return issues


def _sizes(rng: random.Random, n: int) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < n:
        sizes.append(rng.randint(5, 30))
    sizes[-1] -= sum(sizes) - n
    return [s for s in sizes if s > 0]


class _Draw:
    """Draws actors, targets and relations for statements with the corpus's skew."""

    def __init__(self, rng: random.Random, actors: list[Actor], issues: list[Issue]) -> None:
        self.rng, self.actors, self.issues = rng, actors, issues
        # shuffled ranks, so the busiest actor is not always the first generated
        self.actor_order = rng.sample(actors, len(actors))
        self.issue_order = rng.sample(issues, len(issues))
        self.actor_weights = _zipf_weights(len(actors))
        self.issue_weights = _zipf_weights(len(issues))
        relations = ontology_relations()
        self.by_family = {
            family: [r.slug for r in relations if r.family == family and not r.actor_relation
                     and r.slug not in ("takes-stance-on",)]
            for family in ("supports", "opposes", "hesitant", "neutral")}
        self.by_id = {a.id: a for a in actors}
        self.speakers: dict[str, list[str]] = {}
        for actor in actors:
            if actor.affiliation and actor.type == "Person":
                self.speakers.setdefault(actor.affiliation, []).append(actor.id)
        # persons and anonymous sources, each with the body it speaks for
        self.persons = [(a, self.by_id[a.affiliation]) for a in actors
                        if a.type in ("Person", "AnonymousSource") and a.affiliation]
        self.states = [a for a in actors if a.type == "State"]
        self.orgs = [a for a in actors if a.type in ("Organization", "Alliance")]

    def actor(self) -> Actor:
        return self.rng.choices(self.actor_order, cum_weights=self.actor_weights)[0]

    def issue(self) -> Issue:
        return self.rng.choices(self.issue_order, cum_weights=self.issue_weights)[0]

    def stance(self) -> tuple[Actor, str, str, str]:
        """An (actor, relation, target id, target label) to code."""
        family = _pick(self.rng, FAMILY_MIX)
        if family != "actor":
            actor, issue = self.actor(), self.issue()
            return actor, self.rng.choice(self.by_family[family]), issue.id, issue.label
        kind = self.rng.random()
        if kind < 0.5 and self.persons:
            person, body = self.rng.choice(self.persons)
            return person, "speaks-for", body.id, body.label
        if kind < 0.7 and self.orgs:
            state = self.rng.choice(self.states)
            org = self.rng.choice(self.orgs)
            return state, "member-of", org.id, org.label
        first, second = self.rng.sample(self.states, 2)
        relation = self.rng.choice(("ally-of", "backs", "at-war-with"))
        return first, relation, second.id, second.label


def _statement(draw: _Draw, index: int, source: Source, start: int) -> tuple[Statement, str]:
    """One statement of ``source`` whose quote starts at ``start``; returns it and its quote."""
    rng = draw.rng
    actor, relation, target, target_label = draw.stance()
    speaker = None
    if relation != "speaks-for" and draw.speakers.get(actor.id) and rng.random() < 0.4:
        speaker = rng.choice(draw.speakers[actor.id])
    subject = draw.by_id[speaker].label if speaker else actor.label
    text = words.quote(rng, subject, relation, target_label)
    modality = "asserted" if relation == "speaks-for" else _pick(rng, MODALITY_MIX)
    according_to = None
    if modality == "reported":
        according_to = draw.actor().id
        if according_to == actor.id:
            modality, according_to = "asserted", None
    attribution = "named" if speaker or actor.type == "Person" else \
        "anonymous" if actor.type == "AnonymousSource" else rng.choice(("collective", "unattributed"))
    day = source.date - dt.timedelta(days=rng.randrange(1, 30)) if rng.random() < 0.1 else None
    record = Statement(
        id=f"s{index:03d}", actor=actor.id, relation=relation, target=target, quote=text,
        start=start, end=start + len(text), attribution=attribution, modality=modality,
        speaker=speaker, according_to=according_to,
        condition=words.condition(rng) if modality == "conditional" else None,
        reason=words.reason(rng) if rng.random() < 0.05 else None,
        role=rng.choice(words.ROLES) if relation == "speaks-for" else None,
        addressees=(draw.actor().id,) if rng.random() < 0.03 else (), date=day)
    return record, text


def _source(draw: _Draw, index: int, size: int) -> Source:
    rng = draw.rng
    date = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    source = Source(f"src-{index:06d}", words.title(rng, draw.issue().label), date)
    parts: list[str] = []
    length = 0
    for number in range(1, size + 1):
        if parts:
            parts.append(" " if rng.random() < 0.8 else "\n\n")
            length += len(parts[-1])
        if rng.random() < 0.4:
            parts.append(words.filler(rng) + " ")
            length += len(parts[-1])
        record, text = _statement(draw, number, source, length)
        parts.append(text + ".")
        length += len(text) + 1
        source.statements.append(record)
    source.text = "".join(parts) + "\n"
    return source


def generate(n: int, seed: int = 0) -> Corpus:
    """A corpus of ``n`` statements; the same ``n`` and ``seed`` give the same corpus.

    Parameters
    ----------
    n
        Number of statements (at least 20).
    seed
        Seed of the generator.

    Raises
    ------
    ValueError
        ``n`` is below 20.
    """
    if n < 20:
        raise ValueError(f"a corpus needs at least 20 statements, not {n}")
    rng = random.Random(seed)
    taken: set[str] = set()
    actors = _actors(rng, max(4, n // 20), taken)
    issues = _issues(rng, max(3, n // 50), taken)
    draw = _Draw(rng, actors, issues)
    sources = [_source(draw, index, size) for index, size in enumerate(_sizes(rng, n))]
    return Corpus(n, seed, actors, issues, sources)
