"""The SHACL shapes compiled to SPARQL queries that list violations, for the engine to run.

pyshacl validates what a person codes; a bulk load of a million statements is beyond it (it
parses each ``sh:sparql`` query once per focus node). Here every constraint of
``ontology/shapes.ttl`` becomes one SELECT query returning the focus nodes (and values) that
violate it, run by the store over all graphs. The tests prove these queries find the same
(focus node, path, constraint) violations as pyshacl on the fixtures, and a constraint this
compiler does not know is an error, never silently skipped.

Examples
--------
>>> found = rules()
>>> sorted({r.component for r in found})[:3]
['ClassConstraintComponent', 'DatatypeConstraintComponent', 'HasValueConstraintComponent']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from graph.load import ontology_graph
from graph.validate import shapes_graph
from graph.vocab import PREFIXES

_IGNORED = {SH.path, SH.message, SH.name, SH.description, SH.order, SH.group, RDF.type,
            SH.severity, SH.flags}
_CASTS = {XSD.integer, XSD.date, XSD.boolean, XSD.decimal, XSD.double}
"""Datatypes whose lexical forms are checked by casting (an ill-typed literal violates)."""


@dataclass(frozen=True)
class Rule:
    """One constraint as a query: it selects ``?this`` (and ``?value``) for each violation."""

    focus_class: str
    path: str | None
    component: str
    message: str
    query: str


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


def _values(nodes: Iterable[URIRef]) -> str:
    return " ".join(f"<{n}>" for n in nodes)


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class _Compiler:
    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        self.shapes, self.ontology = shapes, ontology
        self.prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

    def focus(self, cls: URIRef) -> str:
        return f"VALUES ?focusClass {{ {_values(_subclasses(self.ontology, cls))} }} ?this a ?focusClass ."

    def instance_of(self, classes: Iterable[URIRef]) -> str:
        every = sorted({sub for cls in classes for sub in _subclasses(self.ontology, cls)})
        return f"FILTER NOT EXISTS {{ VALUES ?valueClass {{ {_values(every)} }} ?value a ?valueClass }}"

    def select(self, cls: URIRef, body: str) -> str:
        return f"{self.prefixes}SELECT DISTINCT ?this ?value WHERE {{\n  {self.focus(cls)}\n  {body}\n}}"

    def value_rule(self, cls: URIRef, path: URIRef, condition: str) -> str:
        return self.select(cls, f"?this <{path}> ?value .\n  {condition}")

    def property_rules(self, cls: URIRef, shape: URIRef | BNode) -> Iterable[Rule]:
        path = self.shapes.value(shape, SH.path)
        if not isinstance(path, URIRef):
            raise ValueError(f"shape {shape}: only IRI paths are compiled, not {path!r}")
        message = self.shapes.value(shape, SH.message)
        for predicate, obj in self.shapes.predicate_objects(shape):
            if predicate in _IGNORED:
                continue
            component, query = self.property_constraint(cls, path, predicate, obj)
            text = str(message) if message is not None else f"{component} on {path}"
            yield Rule(str(cls), str(path), component, text, query)

    def property_constraint(self, cls: URIRef, path: URIRef, predicate: URIRef,
                            obj: object) -> tuple[str, str]:
        if predicate == SH.minCount:
            count = int(obj)  # type: ignore[call-overload]
            if count == 1:
                return "MinCountConstraintComponent", self.select(
                    cls, f"FILTER NOT EXISTS {{ ?this <{path}> ?any }}")
            return "MinCountConstraintComponent", self.select(cls, (
                f"{{ SELECT ?this (COUNT(DISTINCT ?any) AS ?n) WHERE {{ {self.focus(cls)} "
                f"OPTIONAL {{ ?this <{path}> ?any }} }} GROUP BY ?this }} FILTER (?n < {count})"))
        if predicate == SH.maxCount:
            return "MaxCountConstraintComponent", self.select(cls, (
                f"{{ SELECT ?this (COUNT(DISTINCT ?any) AS ?n) WHERE {{ {self.focus(cls)} "
                f"?this <{path}> ?any }} GROUP BY ?this }} FILTER (?n > {int(obj)})"))  # type: ignore[call-overload]
        if predicate == SH.datatype:
            return "DatatypeConstraintComponent", self.value_rule(cls, path, _datatype(obj))  # type: ignore[arg-type]
        if predicate == SH.pattern:
            flags = self.shapes.value(self._owner(path, obj), SH.flags)
            extra = f", {_string(str(flags))}" if flags is not None else ""
            return "PatternConstraintComponent", self.value_rule(
                cls, path, f"FILTER (isBlank(?value) || !REGEX(STR(?value), {_string(str(obj))}{extra}))")
        if predicate == SH.minLength:
            return "MinLengthConstraintComponent", self.value_rule(
                cls, path, f"FILTER (isBlank(?value) || STRLEN(STR(?value)) < {int(obj)})")  # type: ignore[call-overload]
        if predicate == SH.minInclusive:
            return "MinInclusiveConstraintComponent", self.value_rule(
                cls, path, f"FILTER (COALESCE(?value >= {obj.n3()}, false) = false)")  # type: ignore[attr-defined]
        if predicate == SH["class"]:
            return "ClassConstraintComponent", self.value_rule(cls, path, self.instance_of([obj]))  # type: ignore[list-item]
        if predicate == SH["in"]:
            members = " || ".join(f"sameTerm(?value, {m.n3()})" for m in Collection(self.shapes, obj))  # type: ignore[arg-type]
            return "InConstraintComponent", self.value_rule(cls, path, f"FILTER (!({members}))")
        if predicate == SH.hasValue:
            return "HasValueConstraintComponent", self.select(
                cls, f"FILTER NOT EXISTS {{ ?this <{path}> {obj.n3()} }}")  # type: ignore[attr-defined]
        if predicate == SH["or"]:
            classes = []
            for member in Collection(self.shapes, obj):  # type: ignore[arg-type]
                keys = set(self.shapes.predicates(member))
                if keys != {SH["class"]}:
                    raise ValueError(f"sh:or is compiled only over shapes of one sh:class, not {keys}")
                classes.append(self.shapes.value(member, SH["class"]))
            return "OrConstraintComponent", self.value_rule(cls, path, self.instance_of(classes))
        if predicate == SH.nodeKind and obj == SH.IRI:
            return "NodeKindConstraintComponent", self.value_rule(cls, path, "FILTER (!isIRI(?value))")
        raise ValueError(f"the constraint {predicate} {obj} on {path} is not compiled to SPARQL")

    def _owner(self, path: URIRef, pattern: object) -> object:
        return next(s for s in self.shapes.subjects(SH.pattern, pattern)
                    if self.shapes.value(s, SH.path) == path)

    def sparql_rule(self, cls: URIRef, constraint: object) -> Rule:
        select = self.shapes.value(constraint, SH.select)  # type: ignore[arg-type]
        message = self.shapes.value(constraint, SH.message)  # type: ignore[arg-type]
        inner = str(select).replace("$this", "?this")
        query = self.select(cls, f"{{ {inner} }}")
        return Rule(str(cls), None, "SPARQLConstraintComponent", str(message), query)

    def node_rules(self, shape: URIRef) -> Iterable[Rule]:
        for cls in self.shapes.objects(shape, SH.targetClass):
            assert isinstance(cls, URIRef)
            for predicate, obj in self.shapes.predicate_objects(shape):
                if predicate in (RDF.type, SH.targetClass):
                    continue
                if predicate == SH.property:
                    yield from self.property_rules(cls, obj)  # type: ignore[arg-type]
                elif predicate == SH.sparql:
                    yield self.sparql_rule(cls, obj)
                elif predicate == SH.nodeKind and obj == SH.IRI:
                    yield Rule(str(cls), None, "NodeKindConstraintComponent", "the node is not an IRI",
                               self.select(cls, "FILTER (!isIRI(?this))"))
                else:
                    raise ValueError(f"the constraint {predicate} {obj} of {shape} is not compiled to SPARQL")


def _datatype(datatype: URIRef) -> str:
    if datatype == RDF.langString:
        return "FILTER (!isLiteral(?value) || LANG(?value) = \"\")"
    check = f"!isLiteral(?value) || DATATYPE(?value) != <{datatype}>"
    if datatype in _CASTS:
        return f"BIND (<{datatype}>(STR(?value)) AS ?lexical) FILTER ({check} || !BOUND(?lexical))"
    return f"FILTER ({check})"


@cache
def rules() -> tuple[Rule, ...]:
    """Every constraint of the shapes as a query, compiled once.

    Raises
    ------
    ValueError
        A shape uses a constraint this compiler does not know.
    """
    compiler = _Compiler(shapes_graph(), ontology_graph())
    found: list[Rule] = []
    for shape in sorted(shapes_graph().subjects(RDF.type, SH.NodeShape)):
        found.extend(compiler.node_rules(shape))  # type: ignore[arg-type]
    return tuple(found)
