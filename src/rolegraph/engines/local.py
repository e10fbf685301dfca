"""The local engine: an in-memory (or prepared, on-disk) pyoxigraph store."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from rolegraph import cache, queries
from rolegraph.engines.base import NAMED_ORDERS, NAMED_PLANS, XSD, Rows, ntriples_text, to_cell
from rolegraph.errors import QueryError
from rolegraph.queries import IRI, LangString, ParamValue, Term

T = TypeVar("T")

#: A bound named query's answer is kept (see :meth:`LocalEngine._kept`) when it took at least this many seconds: the
#: few costly ones, not each cheap look-up (an ``ask`` question makes a dozen, with parameters that rarely repeat).
KEEP_BOUND = 0.005


class LocalEngine:
    """An in-memory pyoxigraph store.

    A named query's values are bound with a ``VALUES`` block of escaped terms at the start of
    its WHERE group, as for a remote endpoint (a term substituted into its patterns can make
    pyoxigraph plan it far worse: ``role-links`` for one role took 20 s at 1.13M triples, 15 ms
    with ``VALUES``). In a query the user wrote, a single value of a variable it projects is
    bound with pyoxigraph's ``substitutions`` (SEP-0007: the variable is replaced by the term,
    never by text); a tuple, or a variable it does not project, with a ``VALUES`` block
    (:func:`rolegraph.queries.inject_values`).
    """

    def __init__(self, store: ox.Store, kept: Path | None = None, loaded: object = None) -> None:
        self.store = store
        #: A folder where the answers of named queries without parameters (whole-graph tables: sources,
        #: transitions, gaps, ...) are kept between processes, for a store nothing changes once loaded: a prepared
        #: store's own folder, or one for files parsed into memory, whose sizes and mtimes are then ``loaded``.
        self.kept = kept
        self.loaded = loaded

    def _query(self, text: str, params: dict[str, ParamValue]) -> object:
        plan = NAMED_PLANS.get(text)
        if plan is not None or not params:
            several = params
        else:
            from rolegraph.sparql_tokens import projection  # the lexer (and its regexes): only for queries the user wrote

            projected = projection(text)
            several = {k: v for k, v in params.items() if isinstance(v, tuple) or (projected is not None and k not in projected)}
        single: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(queries.check_name(k)): ox_term(v) for k, v in params.items() if k not in several and not isinstance(v, tuple)
        }
        try:
            bound = f"{text[:plan]} {queries.values_block(several)} {text[plan:]}" if plan and several else queries.inject_values(text, several)
            return self.store.query(bound, substitutions=single or None)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from None

    def select(self, text: str, params: dict[str, ParamValue], *, max_rows: int | None = None) -> Rows:
        if self.kept is not None and max_rows is None and text in NAMED_PLANS:
            return self._kept(text, params, self.kept)
        return self._select(text, params, max_rows)

    def _kept(self, text: str, params: dict[str, ParamValue], folder: Path) -> Rows:
        """The answer of the named query ``text`` bound to ``params``, kept in ``folder``: read from there when kept,
        else run, and kept when it has no parameters or took at least :data:`KEEP_BOUND` seconds.

        A whole-graph query reads blocks all over an on-disk store: at 1.13M triples, ``gaps``, ``transitions``,
        ``dimensions``, ``sources`` and ``attributions`` took 10-25 ms of a cold ``compare``; a kept answer reads one file.
        In memory, planning and running them was 7 ms of the command's 33 ms of queries on the shipped graph. A bound
        query looks a few links up, but each look-up in a prepared store costs a RocksDB seek: ``role-links`` of two
        roles took 50 ms at 1.13M triples (11 ms in memory, most of it planning); its kept answer reads in 0.3 ms."""
        bound = _key(params)
        path = folder / cache.file_name("answer", text if not bound else repr([text, bound]), ".marshal")
        key = [_code_stamp(), self.loaded, text, *([bound] if bound else [])]
        kept = cache.load(path, key)
        if kept is not None:
            return Rows(*kept)
        start = time.perf_counter()
        rows = self._select(text, params, None)
        if not params or time.perf_counter() - start >= KEEP_BOUND:
            cache.save(path, key, [rows.columns, rows.rows])
        return rows

    def _select(self, text: str, params: dict[str, ParamValue], max_rows: int | None) -> Rows:
        order = NAMED_ORDERS.get(text) if max_rows is None else None
        if order is not None:
            unordered, keys = order
            rows = self._sorted(unordered, params, keys)
            if rows is not None:
                return rows
        solutions = self._query(text, params)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        columns = [v.value for v in solutions.variables]
        each = solutions if max_rows is None else _at_most(solutions, max_rows)
        return Rows(columns, [[to_cell(term) for term in solution] for solution in each])  # a solution iterates in column order

    def _sorted(self, text: str, params: dict[str, ParamValue], keys: tuple[tuple[str, bool], ...]) -> Rows | None:
        """A named query's rows, run without its ORDER BY (``text``) and sorted here by ``keys`` (variable, descending);
        None unless that order is total and over terms that sort in Python as in SPARQL (then the query sorts them).

        pyoxigraph's ORDER BY reads an IRI's or a string's text from the store at each comparison: in a prepared store
        that was 9 of ``role-links``' 42 ms at 1.13M triples; Python sorts its 177 rows in a fraction of a millisecond."""
        solutions = self._query(text, params)
        if not isinstance(solutions, ox.QuerySolutions):
            return None
        columns = [v.value for v in solutions.variables]
        if any(name not in columns for name, _ in keys):
            return None
        at = [columns.index(name) for name, _ in keys]
        rows = [list(solution) for solution in solutions]
        ranked = []
        for row in rows:
            values = [_sort_value(row[i]) for i in at]
            if _UNSORTABLE in values:
                return None
            ranked.append((values, row))
        for k in range(len(keys)):  # one kind of value per key (and unbound): never an IRI against a string
            if len({type(values[k]) for values, _ in ranked} - {type(None)}) > 1:
                return None
        for k, (_, descending) in reversed(list(enumerate(keys))):  # stable sorts, last key first; unbound sorts lowest
            ranked.sort(key=lambda r: (0, 0) if r[0][k] is None else (1, r[0][k]), reverse=descending)
        if any(a == b for (a, _), (b, _) in pairwise(ranked)):  # a tie: the query's own order decides
            return None
        return Rows(columns, [[to_cell(term) for term in row] for _, row in ranked])

    def ask(self, text: str, params: dict[str, ParamValue]) -> bool:
        answer = self._query(text, params)
        if not isinstance(answer, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(answer)

    def construct(self, text: str, params: dict[str, ParamValue], *, max_rows: int | None = None) -> str:
        triples = self._query(text, params)
        if not isinstance(triples, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return ntriples_text(triples if max_rows is None else _at_most(triples, max_rows))


@functools.cache
def _code_stamp() -> list[object]:
    """pyoxigraph's version and this module's and :mod:`rolegraph.engines.base`'s files (size, modification time): the
    code that answers a query and turns its solutions into rows, which a kept answer also depends on."""
    from rolegraph.engines import base

    return [ox.__version__, *cache.file_stamp([__file__, base.__file__])]


def _key(params: dict[str, ParamValue]) -> list[object]:
    """``params`` in a kept answer's key: each value with its kind (an IRI and a string of the same text differ)."""
    def term(value: Term) -> list[object]:
        return [type(value).__name__, str(value), getattr(value, "lang", None)]

    return [[name, [term(v) for v in value] if isinstance(value, tuple) else term(value)] for name, value in sorted(params.items())]


_UNSORTABLE = object()
_STRING = XSD + "string"


def _sort_value(term: object) -> object:
    """What ``term`` sorts by: an IRI's or a plain string's text, an ``xsd:integer``'s value, None when unbound;
    :data:`_UNSORTABLE` for any other term (SPARQL orders those by rules this does not copy)."""
    if term is None:
        return None
    if type(term) is ox.NamedNode:
        return term.value
    if type(term) is ox.Literal:
        datatype = term.datatype.value
        if datatype == _STRING:
            return term.value
        if datatype == XSD + "integer":
            try:
                return int(term.value)
            except ValueError:
                return _UNSORTABLE
    return _UNSORTABLE


def _at_most(items: Iterable[T], limit: int) -> Iterator[T]:
    """``items``, or a one-line :class:`QueryError` once there are more than ``limit``."""
    for count, item in enumerate(items, 1):
        if count > limit:
            raise QueryError(f"the query returns more than {limit:,} rows", "add a LIMIT or narrow the patterns")
        yield item


def ox_term(value: Term) -> ox.NamedNode | ox.Literal:
    """A parameter value as a pyoxigraph term, typed as :func:`rolegraph.queries.sparql_term` writes it."""
    if isinstance(value, IRI):
        return ox.NamedNode(queries.check_iri(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, LangString):
        return ox.Literal(str(value), language=value.lang)
    return ox.Literal(str(value))
