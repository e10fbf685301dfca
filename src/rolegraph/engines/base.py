"""What every engine shares: the :class:`Engine` protocol, the :class:`Rows` of a SELECT answer,
and how terms become plain Python cells."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple, Protocol

import pyoxigraph as ox

from rolegraph.queries import NamedQuery, ParamValue
from rolegraph.results import Cell

RG = "https://w3id.org/rolegraph/ns#"
ID = "https://w3id.org/rolegraph/id/"

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "byte")}
_DECIMALS = {XSD + t for t in ("decimal", "double", "float")}


class Rows(NamedTuple):
    """The answer to a SELECT query: variable names and rows of plain cells."""

    columns: list[str]
    rows: list[list[Cell]]

    def records(self) -> list[dict[str, Cell]]:
        """Rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, r, strict=True)) for r in self.rows]


class Engine(Protocol):
    """Something that answers SPARQL: the local store, rdflib, or a remote endpoint."""

    def select(self, text: str, params: dict[str, ParamValue]) -> Rows: ...

    def construct(self, text: str, params: dict[str, ParamValue]) -> str: ...

_PLAIN_TEXT = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}


def to_cell(term: object) -> Cell:
    """Turn a pyoxigraph term into a plain Python value (exact type checks: this runs for every cell)."""
    if type(term) is ox.NamedNode:
        return term.value
    if term is None:
        return None
    if type(term) is ox.Literal:
        datatype = term.datatype.value
        return term.value if datatype in _PLAIN_TEXT else literal_cell(term.value, datatype)
    return str(term)


def literal_cell(lexical: str, datatype: str | None) -> Cell:
    """A literal's plain Python value: int, float or bool by datatype, else its text (all engines use this)."""
    try:
        if datatype in _INTEGERS:
            return int(lexical)
        if datatype in _DECIMALS:
            return float(lexical)
        if datatype == XSD + "boolean":
            return lexical in ("true", "1")
    except ValueError:
        return lexical
    return lexical


#: Named queries' own text → the offset just inside their WHERE brace, where the engines put the VALUES block
#: that binds their parameters, without lexing the text again. tests/test_kb.py checks it against the lexer.
NAMED_PLANS: dict[str, int] = {}


#: Named queries that end in an ORDER BY of projected variables only: their text → the text without it, and the
#: variables with ``True`` for DESC. The local engine may sort their rows itself (:mod:`rolegraph.engines.local`).
NAMED_ORDERS: dict[str, tuple[str, tuple[tuple[str, bool], ...]]] = {}

_ORDER_BY = re.compile(r"\bORDER\s+BY((?:\s*(?:\?\w+|(?:ASC|DESC)\s*\(\s*\?\w+\s*\)))+)\s*$", re.IGNORECASE)
_ORDER_KEY = re.compile(r"(?:(ASC|DESC)\s*\(\s*)?\?(\w+)", re.IGNORECASE)


def plan_named(query: NamedQuery) -> None:
    """Record where ``query`` takes its VALUES block, and its plain ORDER BY if it ends in one."""
    if query.text not in NAMED_PLANS:
        code = re.sub(r"(?m)^[ \t]*#.*$", lambda m: " " * len(m.group(0)), query.text)  # whole-line comments only
        where = re.search(r"\bWHERE\s*\{", code, re.IGNORECASE)
        if where:
            NAMED_PLANS[query.text] = where.end()
            order = _ORDER_BY.search(code, where.end())
            if order:  # the last clause (a LIMIT or OFFSET after it, or anything but variables, and it stays in the query)
                unordered = query.text[: order.start()]
                NAMED_PLANS[unordered] = where.end()
                keys = tuple((m.group(2), (m.group(1) or "").upper() == "DESC") for m in _ORDER_KEY.finditer(order.group(1)))
                NAMED_ORDERS[query.text] = (unordered, keys)


def ntriples_text(triples: Iterable[ox.Triple]) -> str:
    """Triples as sorted ``<s> <p> <o> .`` lines: every engine's CONSTRUCT answer looks the same."""
    return "".join(sorted(f"{t} .\n" for t in triples))
