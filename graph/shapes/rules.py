"""The SHACL shapes compiled to SPARQL queries that list violations, for the engine to run.

pyshacl validates what a person codes; a bulk load of a million statements is beyond it (it
parses each ``sh:sparql`` query once per focus node). Here every constraint of
``ontology/shapes.ttl`` becomes one SELECT query returning the focus nodes (and values) that
violate it, run by the store over all graphs. The tests prove these queries find the same
(focus node, path, constraint) violations as pyshacl on the fixtures, and a constraint this
compiler does not know is an error, never silently skipped.

The queries are shaped for Oxigraph, whose index lookups (~20 µs a row) dominate a naive plan:
sub-selects make it hash-join whole scans, filters run before the focus class is looked up,
and the count and value constraints of a class share one *screen*, a single pass over the
values of all its paths that names the paths where those rules can find anything. On a
conforming corpus the screens and the few unscreened rules are all that runs.

Examples
--------
>>> found = rules()
>>> sorted({r.component for r in found})[:3]
['ClassConstraintComponent', 'DatatypeConstraintComponent', 'HasValueConstraintComponent']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

from graph.ingest.triples import ontology_graph
from graph.shapes.validate import shapes_graph
from graph.vocab import PREFIXES

_IGNORED = {SH.path, SH.message, SH.name, SH.description, SH.order, SH.group, RDF.type,
            SH.severity, SH.flags}
CAST_DATATYPES = frozenset({XSD.integer, XSD.date, XSD.boolean, XSD.decimal, XSD.double})
"""Datatypes whose lexical forms are checked by casting (an ill-typed literal violates)."""
_TOKENS = re.compile(
    r'(?P<skip>"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*)'
    r'|(?P<stop>\{|(?<![\w:?$])(?i:FILTER|MINUS|OPTIONAL|BIND|VALUES|GRAPH|SERVICE)\b)')
"""Strings, IRIs and comments (skipped), then what ends a leading block of triple patterns."""


@dataclass(frozen=True)
class Rule:
    """One constraint as a query: it selects ``?this`` (and ``?value``) for each violation."""

    focus_class: str
    path: str | None
    component: str
    message: str
    query: str
    screen: str | None = None
    """A query over the focus class, shared with the class's other screened rules, that returns
    (as ``?p``) every path on which they may find a violation; on other paths they find none."""
    focus_classes: tuple[str, ...] = ()
    """The focus class and its subclasses."""
    parameter: tuple[str | int, ...] = ()
    """The constraint's argument: the count or length; the class IRIs a value may have
    (sh:class, sh:or: each with its subclasses); the datatype; the pattern and its flags; the
    sh:in members or sh:hasValue term in N-Triples; the minimum's lexical form and datatype;
    the sh:sparql constraint's IRI. Empty for sh:nodeKind."""


@dataclass
class _Coverage:
    """What the screen of a focus class checks on one path."""

    least: bool = False
    most: bool = False
    conditions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Violation:
    """A violation found by a rule."""

    focus: str
    path: str | None
    component: str
    message: str
    value: str | None = None


def _subclasses(ontology: Graph, cls: URIRef) -> list[URIRef]:
    found = [cls]
    for sub in ontology.transitive_subjects(RDFS.subClassOf, cls):
        if isinstance(sub, URIRef) and sub not in found:
            found.append(sub)
    return sorted(found)


def _iri(node: Node | None) -> URIRef:
    """``node`` where the shapes must name an IRI (a class, a datatype, a path)."""
    if not isinstance(node, URIRef):
        raise ValueError(f"only an IRI is compiled to SPARQL here, not {node!r}")
    return node


def _literal(node: Node) -> Literal:
    """``node`` where the shapes must give a literal (a count, a length, a minimum)."""
    if not isinstance(node, Literal):
        raise ValueError(f"only a literal is compiled to SPARQL here, not {node!r}")
    return node


def _shape(node: Node) -> URIRef | BNode:
    """``node`` where the shapes must have a shape (an IRI or a blank node)."""
    if not isinstance(node, URIRef | BNode):
        raise ValueError(f"a shape is an IRI or a blank node, not {node!r}")
    return node


def _values(nodes: Iterable[URIRef]) -> str:
    return " ".join(f"<{n}>" for n in nodes)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class _Compiler:
    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes, self.ontology = shapes, ontology
        self.prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        self.coverage: dict[URIRef, dict[URIRef, _Coverage]] = {}

    def covered(self, cls: URIRef, path: URIRef) -> _Coverage:
        return self.coverage.setdefault(cls, {}).setdefault(path, _Coverage())

    def screen(self, cls: URIRef) -> str:
        """One pass over the values of the class's paths that flags each path where a focus node
        lacks a value (sh:minCount 1), has two (sh:maxCount 1: more pairs than subjects) or
        has a value breaking a value constraint (an error in a condition counts as broken)."""
        paths = sorted(self.coverage[cls].items())
        limits = " ".join(f"(<{path}> {int(c.least)} {int(c.most)})" for path, c in paths)
        branches = " UNION ".join(
            f"{{ SELECT ?this ?p ?value ?bad WHERE {{ ?this <{path}> ?value BIND (<{path}> AS ?p) "
            f"BIND (IF(COALESCE({' || '.join(c.conditions) or 'false'}, true), 1, 0) AS ?bad) }} }}"
            for path, c in paths)
        return (f"{self.prefixes}SELECT ?p WHERE {{\n"
                f"  {{ SELECT (COUNT(?this) AS ?focus) WHERE {{ {self.focus(cls)} }} }}\n"
                f"  {{ SELECT ?p (MAX(COALESCE(?l, 0)) AS ?least) (MAX(COALESCE(?m, 0)) AS ?most) "
                f"(COUNT(?value) AS ?pairs) (COUNT(DISTINCT ?this) AS ?subjects) "
                f"(SUM(COALESCE(?bad, 0)) AS ?broken) WHERE {{\n"
                f"    {{ VALUES (?p ?l ?m) {{ {limits} }} }}\n"
                f"    UNION {{ {self.focus(cls)} {{ {branches} }} }}\n"
                f"  }} GROUP BY ?p }}\n"
                f"  FILTER (?broken > 0 || (?least = 1 && ?subjects < ?focus)"
                f" || (?most = 1 && ?pairs > ?subjects))\n}}")

    def focus(self, cls: URIRef) -> str:
        """The focus nodes as a sub-select, which Oxigraph hash-joins: for anti-joins, where
        every focus node is visited anyway."""
        return f"{{ SELECT DISTINCT ?this WHERE {{ {self.of_focus(cls)} }} }}"

    def of_focus(self, cls: URIRef) -> str:
        """The focus nodes as a pattern after a query's body: Oxigraph then looks up only the
        rows the body found (none, on conforming data) rather than every focus node."""
        return f"VALUES ?focusClass {{ {_values(_subclasses(self.ontology, cls))} }} ?this a ?focusClass ."

    def instance_of(self, classes: Iterable[URIRef]) -> str:
        every = sorted({sub for cls in classes for sub in _subclasses(self.ontology, cls)})
        return f"MINUS {{ VALUES ?valueClass {{ {_values(every)} }} ?value a ?valueClass }}"

    def select(self, cls: URIRef, body: str) -> str:
        return f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n  {body}\n  {self.of_focus(cls)}\n}}"

    def value_rule(self, cls: URIRef, path: URIRef, condition: str) -> str:
        """Values of ``path`` meeting ``condition`` (a filter expression, or a MINUS), filtered in
        one scan of the path before the (few) survivors are joined with the focus nodes."""
        return self.select(cls, f"{{ SELECT ?this ?value WHERE {{ ?this <{path}> ?value {condition} }} }}")

    def broken(self, cls: URIRef, path: URIRef, condition: str) -> str:
        """The rule of a value constraint, ``condition`` true of a value breaking it; screened."""
        self.covered(cls, path).conditions.append(f"({condition})")
        return self.value_rule(cls, path, f"FILTER ({condition})")

    def lacking(self, cls: URIRef, pattern: str) -> str:
        """Focus nodes without a match of ``pattern`` (about ``?this``), by a hash anti-join."""
        return (f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n"
                f"  {self.focus(cls)}\n  MINUS {{ {pattern} }}\n}}")

    def property_rules(self, cls: URIRef, shape: URIRef | BNode) -> Iterable[tuple[Rule, bool]]:
        path = self.shapes.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise ValueError(f"shape {shape}: only IRI paths are compiled, not {path!r}")
        message = self.shapes.value(shape, SH.message)
        for predicate, obj in self.shapes.predicate_objects(shape):
            if predicate in _IGNORED:
                continue
            component, query, screened = self.property_constraint(cls, path, predicate, obj)
            text = str(message) if message is not None else f"{component} on {path}"
            yield Rule(str(cls), str(path), component, text, query,
                       parameter=self.parameter(path, predicate, obj)), screened

    def parameter(self, path: URIRef, predicate: Node, obj: Node) -> tuple[str | int, ...]:
        """The argument of a property constraint, as :attr:`Rule.parameter` describes it."""
        if predicate in (SH.minCount, SH.maxCount, SH.minLength):
            return (int(_literal(obj)),)
        if predicate == SH["class"]:
            return tuple(str(c) for c in _subclasses(self.ontology, _iri(obj)))
        if predicate == SH["or"]:
            members = Collection(self.shapes, obj)
            return tuple(sorted({str(c) for m in members
                                 for c in _subclasses(self.ontology, _iri(self.shapes.value(m, SH["class"])))}))
        if predicate == SH.pattern:
            flags = self.shapes.value(self._owner(path, obj), SH.flags)
            return str(obj), "" if flags is None else str(flags)
        if predicate == SH.minInclusive:
            return str(obj), str(_literal(obj).datatype)
        if predicate == SH["in"]:
            return tuple(m.n3() for m in Collection(self.shapes, obj))
        if predicate in (SH.hasValue, SH.datatype):
            return (obj.n3() if predicate == SH.hasValue else str(obj),)
        return ()

    def property_constraint(self, cls: URIRef, path: URIRef, predicate: Node,
                            obj: Node) -> tuple[str, str, bool]:
        """The component, the query and whether the class's screen covers the constraint."""
        if predicate == SH.minCount:
            count = int(_literal(obj))
            if count == 1:
                self.covered(cls, path).least = True
                return "MinCountConstraintComponent", self.lacking(cls, f"?this <{path}> ?any"), True
            return "MinCountConstraintComponent", self.lacking(cls, (
                f"SELECT ?this WHERE {{ ?this <{path}> ?any }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?any) >= {count})")), False
        if predicate == SH.maxCount:
            count = int(_literal(obj))
            if count == 1:
                self.covered(cls, path).most = True
            return "MaxCountConstraintComponent", self.select(cls, (
                f"{{ SELECT ?this WHERE {{ ?this <{path}> ?any }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT ?any) > {count}) }}")), count == 1
        if predicate == SH["class"]:
            return "ClassConstraintComponent", self.value_rule(cls, path, self.instance_of([_iri(obj)])), False
        if predicate == SH.hasValue:
            return "HasValueConstraintComponent", self.lacking(cls, f"?this <{path}> {obj.n3()}"), False
        if predicate == SH["or"]:
            classes = []
            for member in Collection(self.shapes, obj):
                keys = set(self.shapes.predicates(member))
                if keys != {SH["class"]}:
                    raise ValueError(f"sh:or is compiled only over shapes of one sh:class, not {keys}")
                classes.append(_iri(self.shapes.value(member, SH["class"])))
            return "OrConstraintComponent", self.value_rule(cls, path, self.instance_of(classes)), False
        component, condition = self.value_condition(path, predicate, obj)
        return component, self.broken(cls, path, condition), True

    def value_condition(self, path: URIRef, predicate: Node, obj: Node) -> tuple[str, str]:
        """The component of a value constraint and an expression true of a value breaking it."""
        if predicate == SH.datatype:
            return "DatatypeConstraintComponent", _datatype(_iri(obj))
        if predicate == SH.pattern:
            flags = self.shapes.value(self._owner(path, obj), SH.flags)
            extra = f", {_string(str(flags))}" if flags is not None else ""
            return "PatternConstraintComponent", (
                f"isBlank(?value) || !REGEX(STR(?value), {_string(str(obj))}{extra})")
        if predicate == SH.minLength:
            return "MinLengthConstraintComponent", f"isBlank(?value) || STRLEN(STR(?value)) < {int(_literal(obj))}"
        if predicate == SH.minInclusive:
            return "MinInclusiveConstraintComponent", f"COALESCE(?value >= {obj.n3()}, false) = false"
        if predicate == SH["in"]:
            members = " || ".join(f"sameTerm(?value, {m.n3()})" for m in Collection(self.shapes, obj))
            return "InConstraintComponent", f"!({members})"
        if predicate == SH.nodeKind and obj == SH.IRI:
            return "NodeKindConstraintComponent", "!isIRI(?value)"
        raise ValueError(f"the constraint {predicate} {obj} on {path} is not compiled to SPARQL")

    def _owner(self, path: URIRef, pattern: Node) -> Node:
        return next(s for s in self.shapes.subjects(SH.pattern, pattern)
                    if self.shapes.value(s, SH.path) == path)

    def sparql_rule(self, cls: URIRef, constraint: Node) -> Rule:
        if not isinstance(constraint, URIRef):
            raise ValueError(f"the sh:sparql constraint {constraint} of {cls} needs a name (an IRI)")
        select = self.shapes.value(constraint, SH.select)
        message = self.shapes.value(constraint, SH.message)
        inner = _hash_joined(str(select).replace("$this", "?this"))
        query = self.select(cls, f"{{ {inner} }}")
        return Rule(str(cls), None, "SPARQLConstraintComponent", str(message), query,
                    parameter=(str(constraint),))

    def node_rules(self, shape: URIRef | BNode) -> Iterable[tuple[Rule, bool]]:
        for cls in map(_iri, self.shapes.objects(shape, SH.targetClass)):
            for predicate, obj in self.shapes.predicate_objects(shape):
                if predicate in (RDF.type, SH.targetClass):
                    continue
                if predicate == SH.property:
                    yield from self.property_rules(cls, _shape(obj))
                elif predicate == SH.sparql:
                    yield self.sparql_rule(cls, obj), False
                elif predicate == SH.nodeKind and obj == SH.IRI:
                    yield Rule(str(cls), None, "NodeKindConstraintComponent", "the node is not an IRI",
                               self.select(cls, "FILTER (!isIRI(?this))")), False
                else:
                    raise ValueError(f"the constraint {predicate} {obj} of {shape} is not compiled to SPARQL")


def _hash_joined(select: str) -> str:
    """``select`` with its leading triple patterns each in a sub-select of its own.

    Oxigraph joins the patterns of one block by looking each row up in the index (~20 µs a
    row); sub-selects it joins by hashing, several times faster on a whole corpus. A query
    whose leading block is not plain triples (blank nodes, fewer than two) is kept as written.
    """
    start, end = select.index("{") + 1, select.rindex("}")
    body = select[start:end]
    stop = next((m.start() for m in _TOKENS.finditer(body) if m.lastgroup == "stop"), len(body))
    try:
        block = prepareQuery(f"SELECT * WHERE {{ {body[:stop]} }}", initNs=PREFIXES).algebra.p.p
    except Exception:  # noqa: BLE001 - rdflib raises a bare Exception for an unknown prefix
        return select
    triples = block.get("triples", []) if block.name == "BGP" else []
    if len(triples) < 2 or any(isinstance(term, BNode) for triple in triples for term in triple):
        return select
    joined = " ".join(f"{{ SELECT * WHERE {{ {' '.join(t.n3() for t in triple)} }} }}" for triple in triples)
    return f"{select[:start]} {joined} {body[stop:]}{select[end:]}"


def _datatype(datatype: URIRef) -> str:
    if datatype == RDF.langString:
        return "!isLiteral(?value) || LANG(?value) = \"\""
    check = f"!isLiteral(?value) || DATATYPE(?value) != <{datatype}>"
    if datatype in CAST_DATATYPES:
        return f"{check} || !COALESCE(isLiteral(<{datatype}>(STR(?value))), false)"
    return check


@cache
def rules() -> tuple[Rule, ...]:
    """Every constraint of the shapes as a query, compiled once.

    Raises
    ------
    ValueError
        A shape uses a constraint this compiler does not know.
    """
    compiler = _Compiler(shapes_graph(), ontology_graph())
    compiled = [pair for shape in sorted(map(_shape, shapes_graph().subjects(RDF.type, SH.NodeShape)))
                for pair in compiler.node_rules(shape)]
    screens = {str(cls): compiler.screen(cls) for cls in compiler.coverage}
    return tuple(replace(rule, screen=screens[rule.focus_class] if screened else None,
                         focus_classes=tuple(str(c) for c in _subclasses(compiler.ontology, URIRef(rule.focus_class))))
                 for rule, screened in compiled)
