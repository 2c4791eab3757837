"""The shape rules screened in Python while a bulk load reads its files, beside the loader.

Oxigraph's bulk loader keeps one core busy. On another, :func:`screen` reads the same files
with pyoxigraph's parser and flags each rule of :mod:`graph.shapes.rules` that may find a
violation; after the load the store runs only the flagged rules, so on conforming data the
checks cost little more than a parse running beside the loader. A rule may be flagged and find
nothing (its query decides), but never passed when it could find something: every test here
accepts only what the rule's query surely accepts, and a rule without a test is always flagged.
The screen sees the files and the ontology only, so it stands in for the queries only when the
store holds nothing else (a first load). Oxigraph stores some typed literals in a canonical
form (``"007"^^xsd:integer`` as ``"7"``, an ``xsd:int`` as an ``xsd:integer``); the tests here
judge a literal by its lexical form only where the store keeps it as written (strings,
language-tagged strings), and by its datatype only where the store keeps that. Like
the rest of :mod:`graph.store`, the module reads RDF with pyoxigraph: the speed it exists for
needs it. The five sh:sparql constraints are tested by name (their IRIs in the shapes), each by
a Python reading of what its query finds.

Examples
--------
>>> from graph.shapes.rules import rules
>>> unscreened(rules())
set()
"""

from __future__ import annotations

import contextlib
import datetime as dt
import graphlib
import os
import re
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeGuard

import numpy as np
import pyoxigraph as ox

from graph.shapes.rules import CAST_DATATYPES, Rule
from graph.vocab import RDF, SCHEMA, SG, SGSH, SKOS, XSD

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Test = Callable[[Term], bool]

_SG, _XSD, _SKOS = str(SG), str(XSD), str(SKOS)
_TEXT = str(SCHEMA.text)
_STRING, _INTEGER_TYPE = ox.NamedNode(str(XSD.string)), ox.NamedNode(str(XSD.integer))
_LANG_STRING = ox.NamedNode(str(RDF.langString))
_VERBATIM = frozenset({_STRING, _LANG_STRING, ox.NamedNode(str(RDF) + "dirLangString")})
"""Datatypes of the literals Oxigraph stores exactly as written."""
KEPT_DATATYPES = frozenset(str(d) for d in (XSD.string, RDF.langString, XSD.integer, XSD.date,
                                             XSD.boolean, XSD.gYear))
"""Datatypes Oxigraph keeps on a stored literal (``xsd:int`` it stores as ``xsd:integer``); a
datatype rule on another is not screened."""
_INTEGER = re.compile(r"[+-]?[0-9]{1,18}")
"""Integers Oxigraph surely reads (its xsd:integer is 64 bits)."""
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SIMPLE_PATTERN = re.compile(
    r"(?:[$^()|+*?]|\{[0-9]+(?:,[0-9]*)?\}|[A-Za-z0-9-]|\[\^?(?:[A-Za-z0-9](?:-[A-Za-z0-9])?)+\])*")
"""Patterns that mean the same to Python's re and to the regex engine of Oxigraph: anchors,
groups, alternatives, quantifiers, letters and digits, and classes of single letters, digits or
ranges of them (no escapes, nested classes or set operations); tested on values without a
line break, where ``$`` differs."""
_NONE = -1
"""The id of a literal where a node id is expected."""
_ABSENT = -2
"""The value of a node without a value on a path."""
_NICENESS = 10
_CHUNK = 1 << 16
"""Quads read between two looks at the stop event."""


@lru_cache(maxsize=1 << 16)  # offsets and dates repeat: a lookup instead of a match
def _integer(text: str) -> bool:
    return _INTEGER.fullmatch(text) is not None


@lru_cache(maxsize=1 << 16)
def _date(text: str) -> bool:
    if _DATE.fullmatch(text) is None:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


_LEXICAL: dict[str, Callable[[str], bool]] = {
    _XSD + "integer": _integer, _XSD + "date": _date,
    _XSD + "boolean": lambda text: text in ("true", "false", "1", "0"),
}
"""Lexical forms the rules check by casting, each with a test of forms Oxigraph casts."""
_CAST = frozenset(str(d) for d in CAST_DATATYPES)


def _verbatim(o: Term) -> TypeGuard[ox.NamedNode | ox.Literal]:
    """Whether ``o`` is an IRI or a literal the store keeps as written."""
    return type(o) is ox.NamedNode or (type(o) is ox.Literal and o.datatype in _VERBATIM)


def _datatype_test(datatype: str) -> Test | None:
    if datatype not in KEPT_DATATYPES:
        return None
    if datatype == str(RDF.langString):
        return lambda o: type(o) is ox.Literal and o.datatype == _LANG_STRING
    node = ox.NamedNode(datatype)
    if datatype not in _CAST:
        return lambda o: type(o) is ox.Literal and o.datatype == node
    lexical = _LEXICAL.get(datatype)
    if lexical is None:
        return None
    return lambda o: type(o) is ox.Literal and o.datatype == node and lexical(o.value)


def _pattern_test(pattern: str, flags: str) -> Test | None:
    if flags or _SIMPLE_PATTERN.fullmatch(pattern) is None:
        return None
    search = re.compile(pattern).search
    return lambda o: _verbatim(o) and "\n" not in o.value and search(o.value) is not None


def _minimum_test(lexical: str, datatype: str) -> Test | None:
    if datatype != _XSD + "integer" or not _integer(lexical):
        return None
    least, node = int(lexical), ox.NamedNode(datatype)
    return lambda o: type(o) is ox.Literal and o.datatype == node and _integer(o.value) \
        and int(o.value) >= least


def _term(ntriples: str) -> Term:
    """The RDF term written ``ntriples``, read by pyoxigraph."""
    return next(iter(ox.parse(f"<urn:x> <urn:x> {ntriples} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object


def value_test(rule: Rule) -> Test | None:
    """A test a value of the rule's path passes only if the rule surely accepts it; None when
    the rule is not a test of single values or has no such test here."""
    component, parameter = rule.component, rule.parameter
    if rule.path is None:
        return None
    if component == "DatatypeConstraintComponent":
        return _datatype_test(str(parameter[0]))
    if component == "PatternConstraintComponent":
        return _pattern_test(str(parameter[0]), str(parameter[1]))
    if component == "MinLengthConstraintComponent":
        least = int(parameter[0])
        return lambda o: _verbatim(o) and len(o.value) >= least
    if component == "MinInclusiveConstraintComponent":
        return _minimum_test(str(parameter[0]), str(parameter[1]))
    if component == "InConstraintComponent":
        members = frozenset(_term(str(member)) for member in parameter)
        return lambda o: o in members
    if component == "NodeKindConstraintComponent":
        return lambda o: type(o) is ox.NamedNode
    return None


_NODE_COMPONENTS = {"MinCountConstraintComponent", "MaxCountConstraintComponent",
                    "ClassConstraintComponent", "OrConstraintComponent",
                    "HasValueConstraintComponent"}
"""Components decided after the read from the subjects and objects of their paths."""


_SPARQL_PATHS = {
    str(SGSH.QuoteIsSourceText): (_SG + "source", _SG + "quote", _SG + "quoteStart", _SG + "quoteEnd", _TEXT),
    str(SGSH.DirectEdgeStated): (_SG + "actor", _SG + "relation", _SG + "target"),
    str(SGSH.ConditionGiven): (_SG + "modality", _SG + "condition"),
    str(SGSH.ClaimantNamed): (_SG + "modality", _SG + "accordingTo"),
    str(SGSH.NoBroaderCycle): (_SKOS + "broader",),
}
"""The sh:sparql constraints screened here, by name, and the paths each one's test reads."""


def _lexical(o: ox.Literal) -> str | None:
    return o.value if o.datatype in _VERBATIM else None


def _surely_integer(o: ox.Literal) -> int | None:
    return int(o.value) if o.datatype == _INTEGER_TYPE and _integer(o.value) else None


def _plain_string(o: ox.Literal) -> str | None:
    return o.value if o.datatype == _STRING else None


_KEPT_VALUES: dict[str, Callable[[ox.Literal], object]] = {
    _SG + "quote": _lexical, _SG + "quoteStart": _surely_integer, _SG + "quoteEnd": _surely_integer,
    _TEXT: _plain_string}
"""Paths whose values the quote screen keeps, each as what the query compares: a quote's
lexical form (of a string the store keeps as written), an offset that is surely an integer, a
text that is a plain string; None for anything else, which the screen flags (the query's
``||`` may still find a violation)."""


def unscreened(every: Sequence[Rule]) -> set[int]:
    """The indexes of the rules this module has no test for (always flagged)."""
    return {i for i, rule in enumerate(every) if not _screened(rule)}


def _screened(rule: Rule) -> bool:
    if rule.component == "SPARQLConstraintComponent":
        return str(rule.parameter[0]) in _SPARQL_PATHS
    if rule.path is None:
        return rule.component == "NodeKindConstraintComponent"
    if rule.component == "MinCountConstraintComponent":
        return rule.parameter == (1,)
    if rule.component == "HasValueConstraintComponent":
        return str(rule.parameter[0]).startswith("<")
    return rule.component in _NODE_COMPONENTS or value_test(rule) is not None


@dataclass
class _Path:
    """What the screen keeps of one predicate: its subjects and objects as ids, and the tests
    its values must pass."""

    tests: list[tuple[tuple[int, ...], Test]] = field(default_factory=list)
    """Each test with the rules (indexes) that fail where it fails."""
    subjects: array = field(default_factory=lambda: array("q"))
    objects: array = field(default_factory=lambda: array("q"))
    values: dict[int, object] | None = None
    keep: Callable[[ox.Literal], object] = _lexical
    """What of a literal value ``values`` keeps."""


class _Reader:
    """The state of one screen: node ids, the subjects and objects of the kept paths (rdf:type,
    the rules' paths, the relations) and the nodes that failed a test.

    Nodes and predicates are keyed by pyoxigraph's own terms, which hash and compare in Rust,
    so that no Python string is made for them."""

    def __init__(self, every: Sequence[Rule]) -> None:
        self.ids: dict[Term | tuple[int, Term], int] = {}
        self.blank: list[int] = []
        self.document = 0
        """The number of the document being read: blank nodes are keyed with it, as the bulk
        loader gives each file's blank nodes their own identity."""
        self.types = _Path()
        self.paths: dict[ox.NamedNode, _Path] = {ox.NamedNode(str(RDF.type)): self.types}
        self.failed: dict[int, set[int]] = {}
        self.relations: frozenset[ox.NamedNode] = frozenset()
        """The predicates of direct edges, kept for the edge screen."""
        shared: dict[tuple[str, str, tuple[str | int, ...]], tuple[Test, list[int]]] = {}
        for i, rule in enumerate(every):
            if rule.path is not None:
                self.paths.setdefault(ox.NamedNode(rule.path), _Path())
                test = None if rule.component in _NODE_COMPONENTS else value_test(rule)
                if test is not None:  # one test for the same constraint on several classes
                    shared.setdefault((rule.path, rule.component, rule.parameter), (test, []))[1].append(i)
            if rule.component == "SPARQLConstraintComponent":
                for name in _SPARQL_PATHS.get(str(rule.parameter[0]), ()):
                    self.paths.setdefault(ox.NamedNode(name), _Path())
        for (path, _, _), (test, indexes) in shared.items():
            self.paths[ox.NamedNode(path)].tests.append((tuple(indexes), test))
        for name, keep in _KEPT_VALUES.items():
            if ox.NamedNode(name) in self.paths:
                self.paths[ox.NamedNode(name)].values, self.paths[ox.NamedNode(name)].keep = {}, keep

    def path(self, name: str) -> _Path:
        return self.paths[ox.NamedNode(name)]

    def id_of(self, iri: str) -> int:
        """The id of the IRI, or ``_ABSENT`` when no quad names it."""
        return self.ids.get(ox.NamedNode(iri), _ABSENT)

    def node(self, term: Term) -> int:
        """The id of an IRI, or of a blank node or quoted triple in the current document."""
        key = term if type(term) is ox.NamedNode else (self.document, term)
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.ids)
            if key is not term:
                self.blank.append(found)
        return found

    def read(self, quads: Iterator[ox.Quad], stop: threading.Event) -> None:
        """Keep what the rules need of ``quads`` (one document), until they end or ``stop`` is set."""
        self.document += 1
        paths, ids, node, literal = self.paths, self.ids, self.node, ox.Literal
        for count, quad in enumerate(quads):
            if not count % _CHUNK and stop.is_set():
                return
            path = paths.get(quad.predicate)
            if path is None:
                continue
            term = quad.subject
            subject = ids.get(term)
            if subject is None:
                subject = node(term)
            path.subjects.append(subject)
            value = quad.object
            if type(value) is literal:
                path.objects.append(_NONE)
                if path.values is not None:
                    path.values[subject] = path.keep(value)
            else:
                found = ids.get(value)
                path.objects.append(node(value) if found is None else found)
                if path.values is not None:
                    path.values[subject] = None  # not a literal: the quote screen flags it
            for rules, test in path.tests:
                if not test(value):
                    for rule in rules:
                        self.failed.setdefault(rule, set()).add(subject)

    def nodes_of(self, classes: set[str]) -> list[ox.NamedNode]:
        """The IRIs typed (so far) with any of ``classes``."""
        wanted = {self.id_of(c) for c in classes}
        names = {number: key for key, number in self.ids.items()}
        typed = (names[node] for node, cls in zip(self.types.subjects, self.types.objects, strict=True)
                 if cls in wanted)
        return [node for node in typed if type(node) is ox.NamedNode]

    def keep_edges(self, relations: Iterable[ox.NamedNode]) -> None:
        """Keep the subjects and objects of ``relations`` too: the edge screen looks for the
        direct edges of statements among them."""
        self.relations = frozenset(relations)
        for predicate in self.relations:
            self.paths.setdefault(predicate, _Path())


class _Verdict:
    """The rules' verdicts, from what a :class:`_Reader` kept."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.size = len(reader.ids)
        self.typed = np.frombuffer(reader.types.subjects, dtype=np.int64)
        self.classes = np.frombuffer(reader.types.objects, dtype=np.int64)
        self.blank = np.array(reader.blank, dtype=np.int64)
        self._members: dict[frozenset[str], np.ndarray] = {}
        self._counts: dict[str, np.ndarray] = {}

    def members(self, classes: Iterable[str]) -> np.ndarray:
        """Which ids are nodes of any of ``classes`` (a boolean mask over the ids)."""
        key = frozenset(classes)
        if key not in self._members:
            wanted = np.array([self.reader.id_of(c) for c in key], dtype=np.int64)
            mask = np.zeros(self.size, dtype=bool)
            mask[self.typed[np.isin(self.classes, wanted)]] = True
            self._members[key] = mask
        return self._members[key]

    def pairs(self, path: str) -> tuple[np.ndarray, np.ndarray]:
        kept = self.reader.path(path)
        return np.frombuffer(kept.subjects, dtype=np.int64), np.frombuffer(kept.objects, dtype=np.int64)

    def counts(self, path: str) -> np.ndarray:
        """The number of values of ``path`` per node id (duplicates across graphs count twice)."""
        if path not in self._counts:
            self._counts[path] = np.bincount(self.pairs(path)[0], minlength=self.size)
        return self._counts[path]

    def several(self, path: str, focus: np.ndarray) -> bool:
        """Whether a focus node has several values of ``path``: the screens of the SPARQL rules
        read one value a node, and flag their rule otherwise."""
        return bool((self.counts(path)[focus] > 1).any())

    def single(self, path: str, focus: np.ndarray) -> np.ndarray | None:
        """The object id of ``path`` per node (``_ABSENT`` where it has none), or None when a
        focus node has :meth:`several`."""
        if self.several(path, focus):
            return None
        subjects, objects = self.pairs(path)
        value = np.full(self.size, _ABSENT, dtype=np.int64)
        value[subjects] = objects
        return value

    def flags(self, rule: Rule, index: int) -> bool:
        """Whether ``rule`` (the ``index``-th) may find a violation."""
        focus = self.members(rule.focus_classes)
        if not focus.any():
            return False
        if index in self.reader.failed and focus[list(self.reader.failed[index])].any():
            return True
        component = rule.component
        if rule.path is None:
            if component == "NodeKindConstraintComponent":
                return bool(focus[self.blank].any())
            return self.sparql(str(rule.parameter[0]), focus)
        if component == "MinCountConstraintComponent":
            return bool((self.counts(rule.path)[focus] < 1).any())
        if component == "MaxCountConstraintComponent":
            return bool((self.counts(rule.path)[focus] > int(rule.parameter[0])).any())
        subjects, objects = self.pairs(rule.path)
        if component in ("ClassConstraintComponent", "OrConstraintComponent"):
            values = objects[focus[subjects]]
            return bool((values == _NONE).any() or not self.members(map(str, rule.parameter))[values].all())
        if component == "HasValueConstraintComponent":
            wanted = self.reader.id_of(str(rule.parameter[0])[1:-1])
            having = np.zeros(self.size, dtype=bool)
            having[subjects[objects == wanted]] = True
            return not having[focus].all()
        return False  # a value test, decided by ``failed`` above

    def sparql(self, constraint: str, focus: np.ndarray) -> bool:
        """Whether the sh:sparql constraint ``constraint`` (one :data:`_SPARQL_PATHS` names) may
        find a violation among ``focus``."""
        if constraint == str(SGSH.NoBroaderCycle):
            subjects, objects = self.pairs(_SKOS + "broader")
            broader: dict[int, list[int]] = {}
            for narrower, wider in zip(subjects.tolist(), objects.tolist(), strict=True):
                broader.setdefault(narrower, []).append(wider)
            try:
                graphlib.TopologicalSorter(broader).prepare()
            except graphlib.CycleError:
                return True
            return False
        if constraint == str(SGSH.ConditionGiven):
            return self.lacking(focus, _SG + "conditional", _SG + "condition")
        if constraint == str(SGSH.ClaimantNamed):
            return self.lacking(focus, _SG + "reported", _SG + "accordingTo")
        if constraint == str(SGSH.DirectEdgeStated):
            return self.edges_missing(focus)
        assert constraint == str(SGSH.QuoteIsSourceText), constraint
        return self.quotes_off(focus)

    def lacking(self, focus: np.ndarray, modality: str, needed: str) -> bool:
        """Whether a focus node of ``modality`` has no value of ``needed``."""
        subjects, objects = self.pairs(_SG + "modality")
        marked = subjects[objects == self.reader.id_of(modality)]
        return bool((self.counts(needed)[marked[focus[marked]]] < 1).any())

    def edges_missing(self, focus: np.ndarray) -> bool:
        actor_of, relation_of, target_of = (self.single(_SG + name, focus) for name in ("actor", "relation", "target"))
        if actor_of is None or relation_of is None or target_of is None:
            return True
        actor, relation, target = actor_of[focus], relation_of[focus], target_of[focus]
        whole = (actor != _ABSENT) & (relation != _ABSENT) & (target != _ABSENT)
        actor, relation, target = actor[whole], relation[whole], target[whole]
        if ((actor == _NONE) | (relation == _NONE) | (target == _NONE)).any():
            return True  # a literal has no edges
        found = np.zeros(len(relation), dtype=bool)
        for predicate in self.reader.relations:
            chosen = relation == self.reader.ids.get(predicate, _ABSENT)
            if chosen.any():
                subjects, objects = self.pairs(predicate.value)
                nodes = objects != _NONE
                edges = subjects[nodes] * self.size + objects[nodes]
                found[chosen] = np.isin(actor[chosen] * self.size + target[chosen], edges)
        return not found.all()

    def quotes_off(self, focus: np.ndarray) -> bool:
        """Whether a statement's quote may not be the text of a source between its offsets."""
        if any(self.several(_SG + name, focus) for name in ("quote", "quoteStart", "quoteEnd")) \
                or (self.counts(_TEXT) > 1).any():
            return True
        texts, quotes, starts, ends = (self.reader.path(name).values or {} for name in (
            _TEXT, _SG + "quote", _SG + "quoteStart", _SG + "quoteEnd"))
        subjects, documents = self.pairs(_SG + "source")
        for statement, document in zip(subjects.tolist(), documents.tolist(), strict=True):
            if document not in texts or statement not in quotes or statement not in starts \
                    or statement not in ends:
                continue  # the query joins nothing for it
            text, first, last = texts[document], starts[statement], ends[statement]
            # kept as str and int where the screen could read them, None where it could not
            if not (isinstance(text, str) and isinstance(first, int) and isinstance(last, int)):
                return True
            if not 0 <= first <= last <= len(text) or text[first:last] != quotes[statement]:
                return True
        return False


def _yield_cores() -> None:
    """Lower this thread's priority (Linux), so that the bulk loader's threads keep their cores."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), _NICENESS)


def screen(every: Sequence[Rule], ontology: bytes, files: Sequence[tuple[Path, ox.RdfFormat]],
           stop: threading.Event | None = None, beside_loader: bool = False) -> set[int]:
    """The indexes of the rules of ``every`` that may find a violation in a store holding the
    ``ontology`` (N-Triples) and ``files`` only. Returns early, with every rule flagged, when
    ``stop`` is set. ``beside_loader``: the caller is a thread of its own beside a bulk load,
    whose priority is lowered so that the loader keeps its cores.

    Raises
    ------
    SyntaxError, OSError
        A file cannot be read.
    """
    stop = stop or threading.Event()
    if beside_loader:
        _yield_cores()
    reader = _Reader(every)
    reader.read(ox.parse(ontology, format=ox.RdfFormat.N_TRIPLES), stop)
    reader.keep_edges(reader.nodes_of({str(c) for rule in every if rule.path == _SG + "relation"
                                       and rule.component == "ClassConstraintComponent"
                                       for c in rule.parameter}))
    for path, fmt in files:
        reader.read(ox.parse(path=str(path), format=fmt, lenient=True), stop)
    if stop.is_set():
        return set(range(len(every)))
    verdict = _Verdict(reader)
    skipped = unscreened(every)
    return {i for i, rule in enumerate(every) if i in skipped or verdict.flags(rule, i)}
