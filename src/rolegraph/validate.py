"""SHACL validation of the knowledge base (rdflib + pySHACL, imported only here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rolegraph import resources
from rolegraph.kb import open_kb
from rolegraph.results import Cell, Result, Table


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
    kb = open_kb(extra)  # parses every file first, so syntax errors name file and line
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    for path in kb.files:
        data.parse(path, format="turtle")
    shapes = rdflib.Graph().parse(resources.shapes_path(), format="turtle")
    conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False)
    report = Report(bool(conforms), _violations(results), kb.named("counts").records()[0], [str(p) for p in kb.files])
    return report


def _violations(results: object) -> list[Violation]:
    import rdflib
    from rdflib.namespace import SH

    assert isinstance(results, rdflib.Graph)
    found = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        def get(p: rdflib.URIRef, r: rdflib.term.Node = r) -> str:
            value = results.value(r, p)
            if value is None:
                return ""
            if isinstance(value, rdflib.BNode):
                return "[blank node]"
            return _short(str(value))

        message = get(SH.resultMessage)
        found.append(Violation(get(SH.focusNode), get(SH.resultPath), get(SH.value), message, get(SH.resultSeverity)))
    return sorted(set(found), key=lambda v: (v.focus, v.path, v.message, v.value))


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
