"""SHACL validation of the knowledge base.

The data is read by the loader every command uses (:func:`rolegraph.kb.open_kb`, pyoxigraph), so
``validate`` accepts exactly what the other commands accept. The SHACL Core constraints run on
the Rust engine ``shacl-rust``; each SPARQL-based constraint (``sh:sparql``) runs once, as one
query over the whole graph joined with its shape's targets, on pyoxigraph. pySHACL is the
reference: ``tests/test_validate_engines.py`` checks that both report the same violations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rolegraph import resources
from rolegraph.engines.local import LocalEngine
from rolegraph.errors import RolegraphError
from rolegraph.kb import open_kb
from rolegraph.results import Cell, Result, Table

SH = "http://www.w3.org/ns/shacl#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@dataclass(frozen=True)
class Violation:
    """One failed rule: which node, which property, what was found, what the rule asks."""

    focus: str
    path: str
    value: str
    message: str
    severity: str


@dataclass
class Report:
    """The outcome of a validation run."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    counts: dict[str, Cell] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def to_result(self) -> Result:
        """The report as a plain result (violations, then counts)."""
        violations = Table(
            "Violations",
            ["node", "property", "value", "rule", "severity"],
            [[v.focus, v.path, v.value, v.message, v.severity] for v in self.violations],
        )
        counts = Table("Counts", ["what", "count"], [[k, v] for k, v in self.counts.items()])
        verdict = "conforms" if self.conforms else f"does not conform: {len(self.violations)} violation(s)"
        return Result(f"Validation: {verdict}", [violations, counts], kind="validate", meta={"conforms": self.conforms, "files": self.files})


def validate(extra: Sequence[str | Path] = ()) -> Report:
    """Validate the packaged data plus ``extra`` Turtle files against the shapes.

    Syntax errors surface as :class:`~rolegraph.errors.DataFileError` (file and line).
    """
    kb = open_kb(extra, conform=False)
    assert isinstance(kb.engine, LocalEngine)
    data = kb.engine.store
    shapes = ox.Store()
    shapes.load(path=str(resources.shapes_path()), format=ox.RdfFormat.TURTLE)
    found = core_violations(data, shapes) + sparql_violations(data, shapes)
    violations = sorted(set(found), key=lambda v: (v.focus, v.path, v.message, v.value))
    return Report(not violations, violations, kb.named("counts").records()[0], [str(p) for p in kb.files])


# --- SHACL Core: shacl-rust -------------------------------------------------------------------------


def core_violations(data: ox.Store, shapes: ox.Store) -> list[Violation]:
    """The SHACL Core violations of ``data`` (every constraint except ``sh:sparql``), checked by shacl-rust.

    Its interned index ("experimental" upstream) is 3x faster at 1M triples (7.6 against 23 s of
    CPU); tests/test_validate_engines.py holds its reports equal to pySHACL's. Measured engines:
    shacl-rust 0.02 s of CPU on the shipped data and 7.6 s at 1.13M triples; pyrudof 0.3.35 0.2 s
    and about 150 s; pyshacl-turbo 0.13 s and 4.2 s at 114k triples.
    """
    import shacl_rust

    core = ox.Store()
    core.extend(q for q in shapes if q.predicate.value != SH + "sparql")
    try:
        report = shacl_rust.validate(_triple_terms_as_blank_nodes(_ntriples(data)), _ntriples(core), data_format="nt",
                                     shapes_format="nt", experimental_index=True)
    except ValueError as exc:
        raise RolegraphError(f"the SHACL engine cannot check this data: {str(exc).splitlines()[0]}", "report it with the file") from None
    return [
        Violation(
            _node(r["focusNode"]),
            _path(r.get("resultPath")),
            _node(r.get("value")),
            str(r["messages"][-1]),  # the shape's sh:message (after the engine's own text), else the engine's
            _short(str(r["severity"]).strip("<>")),
        )
        for r in report["results"]
    ]


def _triple_terms_as_blank_nodes(ntriples: str) -> str:
    """RDF 1.2 triple terms (``<<( s p o )>>``, only ever an object) as fresh blank nodes: the engine
    reads RDF 1.1, and no shape says anything about a triple term."""
    if "<<(" not in ntriples:
        return ntriples
    lines = ntriples.splitlines(keepends=True)
    for n, line in enumerate(lines):
        start = line.find("<<(")
        if start >= 0:
            lines[n] = f"{line[:start]}_:rolegraph-triple-term-{n} .\n"
    return "".join(lines)


def _ntriples(store: ox.Store) -> str:
    return bytes(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b"").decode("utf-8")


def _select(store: ox.Store, text: str) -> ox.QuerySolutions:
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


_LITERAL = re.compile(r'"(.*)"(?:@[A-Za-z0-9-]+|\^\^\S+)?', re.DOTALL)


def _node(text: object) -> str:
    """A term as the engine prints it (IRI, ``_:b``, ``"lexical"^^type``) → the report's form."""
    if text is None:
        return ""
    term = str(text)
    if term.startswith("_:"):
        return "[blank node]"
    literal = _LITERAL.fullmatch(term)
    return literal.group(1) if literal else _short(term.strip("<>"))


def _path(text: object) -> str:
    """A property path: ``rg:role``, or ``^rg:role`` for an inverse path."""
    term = "" if text is None else str(text)
    return "^" + _node(term[1:]) if term.startswith("^") else _node(term)


# --- SPARQL-based constraints: one query each on pyoxigraph -----------------------------------------


def sparql_violations(data: ox.Store, shapes: ox.Store) -> list[Violation]:
    """The violations of every ``sh:sparql`` constraint on a node shape, each run once over the whole graph.

    The constraint's SELECT (which must project ``$this``) is joined with the shape's targets,
    which is what evaluating it once per focus node with ``$this`` pre-bound gives.
    """
    rows = _select(
        shapes,
        f"""PREFIX sh: <{SH}>
        SELECT ?shape ?constraint ?select ?message ?severity WHERE {{
            ?shape sh:sparql ?constraint . ?constraint sh:select ?select .
            FILTER NOT EXISTS {{ ?constraint sh:deactivated true }}
            FILTER NOT EXISTS {{ ?shape sh:path ?anyPath }}
            OPTIONAL {{ ?constraint sh:message ?message }}
            OPTIONAL {{ ?shape sh:severity ?severity }}
        }}"""
    )
    prefixes = _prefixes(shapes)
    found = []
    for shape, _constraint, select, message, severity in rows:
        targets = _targets(shapes, shape)
        if not targets:
            continue
        body = select.value.replace("$this", "?this")
        if not re.search(r"SELECT\s+(DISTINCT\s+)?[^{]*\?this\b", body, re.IGNORECASE):
            raise RolegraphError(f"the SPARQL constraint of {shape} does not select $this", "select $this in every sh:sparql query")
        query = f"{prefixes}SELECT * WHERE {{ {{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(targets)} }} }} {{ {body} }} }}"
        for solution in _select(data, query):
            def bound(name: str, s: ox.QuerySolution = solution) -> object:
                try:
                    return s[name]
                except KeyError:
                    return None

            focus, value = bound("this"), bound("value")
            text = (message.value if message else "") or "SPARQL constraint failed"
            text = re.sub(r"\{[?$](\w+)\}", lambda m, b=bound: _plain(b(m.group(1))), text)
            found.append(Violation(_term(focus), _term(bound("path")), _term(value if value is not None else focus), _short(text),
                                   _short(severity.value if severity else SH + "Violation")))
    return found


def _prefixes(shapes: ox.Store) -> str:
    """PREFIX lines for every ``sh:declare`` in the shapes graph."""
    rows = _select(shapes, f"PREFIX sh: <{SH}> SELECT DISTINCT ?p ?ns WHERE {{ ?d sh:prefix ?p ; sh:namespace ?ns }}")
    return "".join(f"PREFIX {p.value}: <{ns.value}>\n" for p, ns in rows)


def _targets(shapes: ox.Store, shape: ox.NamedNode | ox.BlankNode) -> list[str]:
    """Graph patterns that bind ``?this`` to each focus node of ``shape``."""
    patterns = []
    for quad in shapes.quads_for_pattern(shape, None, None):
        kind, target = quad.predicate.value, quad.object
        if kind == SH + "targetClass":
            patterns.append(f"{{ ?this <{_RDF_TYPE}>/<{_SUBCLASS}>* {target} }}")
        elif kind == SH + "targetNode":
            patterns.append(f"{{ VALUES ?this {{ {target} }} }}")
        elif kind == SH + "targetSubjectsOf":
            patterns.append(f"{{ ?this {target} [] }}")
        elif kind == SH + "targetObjectsOf":
            patterns.append(f"{{ [] {target} ?this }}")
    if ox.Quad(shape, ox.NamedNode(_RDF_TYPE), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#Class")) in shapes:
        patterns.append(f"{{ ?this <{_RDF_TYPE}>/<{_SUBCLASS}>* {shape} }}")
    return patterns


def _term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "[blank node]"
    return _short(term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term))


def _plain(term: object) -> str:
    """A term as it reads inside a message (pySHACL's form: the IRI or the lexical value)."""
    return "" if term is None else str(term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else term)


_PREFIXES = {
    "https://w3id.org/rolegraph/ns#": "rg:",
    "https://w3id.org/rolegraph/id/": "",
    "http://www.w3.org/2004/02/skos/core#": "skos:",
    "http://purl.org/dc/terms/": "dct:",
    "https://schema.org/": "schema:",
    "http://www.w3.org/ns/shacl#": "sh:",
    "http://www.w3.org/ns/prov#": "prov:",
}


def _short(iri: str) -> str:
    for long, short in _PREFIXES.items():
        if iri.startswith(long):
            return short + iri[len(long):]
    return iri
