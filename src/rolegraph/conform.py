"""The shape the commands rely on, checked when user data is merged in.

Turtle can parse and still not be what a command reads: an ``rg:importance`` that is text, a
role without an English label or definition. ``validate`` reports every such violation;
:func:`rolegraph.kb.open_kb` stops at the first with one line naming the file, the node and the
property. It checks once per load: an in-memory store when user files are merged in, a
prepared store when it is built (a cached store has passed already).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from rolegraph.errors import DataFileError

_PREFIXES = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

#: (property, what it must be, a query whose first row is a node that breaks it)
CHECKS = (
    ("rg:importance", "an integer (0-5)", "SELECT ?node ?value WHERE { ?node rg:importance ?value FILTER(!(isNUMERIC(?value) && DATATYPE(?value) IN "
     "(xsd:integer, xsd:int, xsd:long, xsd:short, xsd:byte, xsd:nonNegativeInteger, xsd:positiveInteger))) } LIMIT 1"),
    ("rg:prevalence", "an integer (1-3)", "SELECT ?node ?value WHERE { ?node rg:prevalence ?value FILTER(!(isNUMERIC(?value) && DATATYPE(?value) IN "
     "(xsd:integer, xsd:int, xsd:long, xsd:short, xsd:byte, xsd:nonNegativeInteger, xsd:positiveInteger))) } LIMIT 1"),
    ("skos:prefLabel", "an English label (@en) on every role", "SELECT ?node ?value WHERE { ?node a rg:Role "
     "FILTER NOT EXISTS { ?node skos:prefLabel ?l FILTER(LANGMATCHES(LANG(?l), 'en')) } } LIMIT 1"),
    ("skos:definition", "an English definition (@en) on every role", "SELECT ?node ?value WHERE { ?node a rg:Role "
     "FILTER NOT EXISTS { ?node skos:definition ?d FILTER(LANGMATCHES(LANG(?d), 'en')) } } LIMIT 1"),
)


def check(store: ox.Store, files: Sequence[Path]) -> None:
    """Raise a one-line :class:`DataFileError` for the first node of ``store`` (loaded from ``files``) the commands cannot read."""
    for prop, wanted, query in CHECKS:
        solutions = store.query(_PREFIXES + query)
        assert isinstance(solutions, ox.QuerySolutions)  # every check is a SELECT
        row = next(solutions, None)
        if row is not None:
            node, value = row["node"].value, row["value"]
            where = _file_of(node, files)
            got = "" if value is None else f", not {value.value[:60]!r}"
            raise DataFileError(
                f"{where}: <{node}> {prop} must be {wanted}{got}",
                "fix the data (rolegraph validate FILE lists every problem)",
                path=where,
            )


def _file_of(node: str, files: Sequence[Path]) -> str:
    """The user file that says something about ``node`` (the first one, else all of them)."""
    for path in files:
        try:
            for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=Path(path).resolve().as_uri()):
                if quad.subject.value == node:
                    return str(path)
        except (SyntaxError, OSError, ValueError):
            continue
    return ", ".join(str(p) for p in files)
