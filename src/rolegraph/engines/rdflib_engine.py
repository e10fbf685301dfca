"""An :class:`~rolegraph.engines.base.Engine` over an rdflib graph: the naive baseline and the third
engine of the cross-engine test. Importing this module imports rdflib (slow); nothing on the
CLI's default path does.

Parameters are bound with rdflib's ``initBindings`` (outer-level bindings, like the local
engine's substitutions and a remote endpoint's ``VALUES`` block): rdflib joins a leading
``VALUES`` block without pushing it into the patterns, which made a two-role query 160×
slower (120 s instead of 0.8 s on the shipped graph plus ESCO fixtures).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import rdflib

from rolegraph.engines.base import Rows, literal_cell, ntriples_text
from rolegraph.errors import QueryError
from rolegraph.queries import IRI, LangString, ParamValue, Term, inject_values
from rolegraph.results import Cell


def rdflib_cell(term: object) -> Cell:
    """An rdflib term as the same plain cell the local engine gives."""
    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        return literal_cell(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, rdflib.BNode):
        return "_:" + str(term)
    return str(term)


def rdflib_term(value: Term) -> rdflib.term.Identifier:
    """A parameter value as an rdflib term, typed like the local engine's."""
    if isinstance(value, IRI):
        return rdflib.URIRef(value)
    if isinstance(value, float):
        return rdflib.Literal(repr(value), datatype=rdflib.XSD.decimal)
    if isinstance(value, LangString):
        return rdflib.Literal(str(value), lang=value.lang)
    return rdflib.Literal(value)


class RdflibEngine:
    """Answers SPARQL with rdflib's own engine."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> RdflibEngine:
        """Parse Turtle files into one graph."""
        graph = rdflib.Graph()
        for path in paths:
            graph.parse(str(path), format="turtle")
        return cls(graph)

    def _query(self, text: str, params: dict[str, ParamValue]) -> rdflib.query.Result:
        try:
            several: dict[str, ParamValue] = {k: v for k, v in params.items() if isinstance(v, tuple)}  # VALUES, as on the other engines
            single = {k: rdflib_term(v) for k, v in params.items() if not isinstance(v, tuple)}
            return self.graph.query(inject_values(text, several), initBindings=single)
        except Exception as exc:  # rdflib raises pyparsing and plain exceptions for bad SPARQL
            raise QueryError(f"invalid SPARQL: {exc}") from None

    def select(self, text: str, params: dict[str, ParamValue]) -> Rows:
        result = self._query(text, params)
        if result.type != "SELECT":
            raise QueryError("expected a SELECT query")
        columns = [str(v) for v in result.vars or []]
        return Rows(columns, [[rdflib_cell(row[i]) for i in range(len(columns))] for row in result])  # type: ignore[index]

    def ask(self, text: str, params: dict[str, ParamValue]) -> bool:
        result = self._query(text, params)
        if result.type != "ASK":
            raise QueryError("expected an ASK query")
        return bool(result.askAnswer)

    def construct(self, text: str, params: dict[str, ParamValue]) -> str:
        result = self._query(text, params)
        if result.graph is None:
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return ntriples_text(q.triple for q in ox.parse(result.graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
