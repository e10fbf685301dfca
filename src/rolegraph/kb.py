"""The knowledge base: the packaged ontology and data (plus any user Turtle files) on one of
the engines of :mod:`rolegraph.engines`, and the one place that runs SPARQL.

The default engine is pyoxigraph in memory (fast to import and to load); rdflib is used only
for validation and RDF formats, and is never imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rolegraph import loading, queries, resources
from rolegraph.engines.base import Engine, Rows, plan_named
from rolegraph.engines.local import LocalEngine
from rolegraph.errors import QueryError
from rolegraph.loading import load_store
from rolegraph.queries import IRI, NamedQuery, ParamValue
from rolegraph.results import Cell, Result, SourceRef, Table

#: Statements per bound ``sources-of`` query (a VALUES block of this many rows).
_BATCH = 500


class KnowledgeBase:
    """The graph and the queries over it.

    >>> kb = open_kb()
    >>> kb.run("roles").columns[:2]
    ['role', 'label']
    """

    def __init__(self, engine: Engine, files: Sequence[Path] = ()) -> None:
        self.engine = engine
        self.files = list(files)
        self._sources: dict[str, SourceRef] | None = None
        self._indexes: dict[str, dict[str, list[str]]] = {}
        self._memo: dict[tuple[str, tuple[tuple[str, ParamValue], ...]], Rows] = {}

    def select(self, text: str, **params: ParamValue) -> Rows:
        """Run a SELECT query with bound parameters."""
        return self.engine.select(text, params)

    def named(self, name: str, **params: ParamValue | str) -> Rows:
        """Run a named query from ``kb/queries`` with checked, bound parameters.

        Each query runs once per knowledge base and parameter values (like :meth:`sources`):
        later calls get a copy of the first answer, which spares a remote endpoint a request.
        """
        query: NamedQuery = queries.get(name)
        plan_named(query)
        bound = query.coerce(dict(params))
        key = (name, tuple(sorted(bound.items())))
        rows = self._memo.get(key)
        if rows is None:
            rows = self._memo[key] = self.engine.select(query.text, bound)
        return Rows(list(rows.columns), [list(r) for r in rows.rows])

    def run(self, name: str, **params: ParamValue | str) -> Table:
        """Run a named query and return it as a table titled by its summary."""
        query = queries.get(name)
        plan_named(query)
        rows = self.engine.select(query.text, query.coerce(dict(params)))
        return Table(query.summary or name, rows.columns, rows.rows)

    def sources(self) -> dict[str, SourceRef]:
        """Every source in the graph, by IRI (on a prepared store, read from its kept answer: see
        :class:`~rolegraph.engines.local.LocalEngine`)."""
        if self._sources is None:
            self._sources = _source_refs(self.run("sources").records())  # run, not named: this dict is the cache
        return self._sources

    def sources_of(self, statement: str) -> list[str]:
        """The source IRIs of a sourced statement (link, fact, gap, position, …)."""
        return self.sources_by_statement([statement]).get(statement, [])

    def sources_by_statement(self, statements: Iterable[str | None]) -> dict[str, list[str]]:
        """The source IRIs of each of ``statements``: one bound ``sources-of`` query for those not asked before.

        Commands call it once with every statement they show, so later look-ups are free.
        """
        return self._bound_index("sources-of", statements)

    def ids_by_statement(self, statements: Iterable[str | None]) -> dict[str, list[str]]:
        """The fact-sheet IDs of each of ``statements`` (role links), fetched like :meth:`sources_by_statement`."""
        return self._bound_index("ids-of", statements)

    def _bound_index(self, name: str, statements: Iterable[str | None]) -> dict[str, list[str]]:
        """Statement → values from the named query ``name`` (columns statement, value; parameter ``statement``), bound
        to the statements not asked before."""
        wanted = list(dict.fromkeys(str(s) for s in statements if s))
        cache = self._indexes.setdefault(name, {})
        missing = [s for s in wanted if s not in cache]
        for s in missing:
            cache[s] = []
        missing = [s for s in missing if not s.startswith("_:")]  # a blank node cannot be bound
        for start in range(0, len(missing), _BATCH):
            batch = missing[start : start + _BATCH]
            for row in self.named(name, statement=tuple(IRI(s) for s in batch)).rows:
                cache[str(row[0])].append(str(row[1]))
        return {s: cache[s] for s in wanted}

    def source_ids(self, statements: Iterable[str | None]) -> str:
        """The short IDs of the sources behind ``statements``, sorted, comma-separated."""
        iris = [s for sources in self.sources_by_statement(statements).values() for s in sources]
        known = self.sources()
        ids = {known[s].id for s in iris if s in known}
        return ", ".join(sorted(ids, key=source_sort_key))

    def statement_refs(self, statements: Iterable[str | None]) -> list[SourceRef]:
        """The :class:`SourceRef` of every source behind ``statements`` (see :meth:`source_refs`)."""
        return self.source_refs(s for sources in self.sources_by_statement(statements).values() for s in sources)

    def attributions(self, refs: Iterable[SourceRef]) -> list[str]:
        """The notices a result drawing on ``refs`` must carry (a source's ``rg:attribution``, e.g. ESCO's)."""
        return sorted(self.notice_holders(refs))

    def notice_holders(self, refs: Iterable[SourceRef]) -> dict[str, list[str]]:
        """Each notice the sources ``refs`` require, with the IDs of the sources that require it."""
        ids = {r.id for r in refs}
        rows = [(str(r["id"]), str(r["attribution"])) for r in self.named("attributions").records() if r["id"] in ids]
        holders: dict[str, list[str]] = {}
        for source_id, notice in rows:
            holders.setdefault(notice, []).append(source_id)
        return holders

    def attribute(self, result: Result) -> Result:
        """Add the licence notices that ``result``'s sources require (ESCO, O*NET, SFIA), in place;
        ``meta["notices"]`` maps each to the source IDs that require it, so a view can show a
        notice only beside rows that use its standard."""
        holders = self.notice_holders(result.sources)
        result.attribution = sorted(set(result.attribution) | set(holders))
        if holders:
            result.meta["notices"] = {n: sorted(set(ids)) for n, ids in sorted(holders.items())}
        return result

    def source_refs(self, iris: Iterable[str]) -> list[SourceRef]:
        """The :class:`SourceRef` of each source IRI, in source-ID order, without repeats."""
        iris = list(iris)
        known = self.sources()
        refs = {known[i].id: known[i] for i in iris if i in known}
        return [refs[k] for k in sorted(refs, key=source_sort_key)]


def _source_refs(rows: Iterable[dict[str, Cell]]) -> dict[str, SourceRef]:
    """``sources`` rows as :class:`SourceRef` by source IRI."""
    return {
        str(r["source"]): SourceRef(
            id=str(r["id"] or ""),
            title=str(r["title"] or ""),
            url=str(r["url"] or ""),
            creator=str(r["creator"] or ""),
            date=str(r["date"] or ""),
            tier=str(r["tier"] or ""),
        )
        for r in rows
    }


def source_sort_key(source_id: str) -> tuple[str, int, str]:
    """Sort S0..S4 before E1..E45, numerically."""
    head = source_id.rstrip("0123456789")
    digits = source_id[len(head):]
    return ({"S": "0", "E": "1"}.get(head, "2" + head), int(digits) if digits else 0, source_id)


def open_kb(
    extra: Sequence[str | Path] = (),
    *,
    include_packaged: bool = True,
    endpoint: str | None = None,
    graphs: Sequence[str] = (),
    prepared: bool | None = False,
    conform: bool = True,
) -> KnowledgeBase:
    """Load the packaged knowledge base, with ``extra`` Turtle files merged on top.

    ``endpoint`` answers every query from a remote SPARQL 1.1 endpoint instead (see
    :mod:`rolegraph.engines.endpoint`), restricted to the named ``graphs`` if any; ``prepared`` uses an on-disk store built once and cached
    (see :mod:`rolegraph.engines.prepared`) instead of parsing the files into memory; ``None`` lets
    ``ROLEGRAPH_STORE`` and the size of the data decide, as the CLI does. Merged data that the
    commands cannot read (see :mod:`rolegraph.conform`) raises :class:`DataFileError`, unless
    ``conform`` is false (``validate``, which reports every such problem itself).
    """
    if endpoint:
        if extra:
            raise QueryError("extra data files cannot be merged into a remote endpoint", "publish them with `rolegraph publish`")
        from rolegraph.engines.endpoint import EndpointEngine

        return KnowledgeBase(EndpointEngine(endpoint, graphs=graphs), [])
    if graphs:
        raise QueryError("--graph names graphs of a remote endpoint", "use it with --endpoint")
    files = (resources.packaged_graph_paths() if include_packaged else []) + [Path(p) for p in extra]
    if prepared is None:
        from rolegraph.engines.prepared import wants_prepared

        prepared = wants_prepared(files)
    if prepared:
        from rolegraph.engines.prepared import open_prepared

        on_disk, folder = open_prepared(files)  # checked by rolegraph.conform when built
        return KnowledgeBase(LocalEngine(on_disk, kept=folder / "answers"), files)
    store = loading.take(files)  # the CLI may have started parsing these files while it started
    if store is None:
        store = load_store(files)
    if extra and conform:
        from rolegraph.conform import check

        check(store, files)
    return KnowledgeBase(LocalEngine(store, *_kept_for(files)), files)


def _kept_for(files: Sequence[Path]) -> tuple[Path | None, object]:
    """Where the answers of whole-graph queries over ``files`` parsed into memory are kept (see
    :class:`~rolegraph.engines.local.LocalEngine`), and the files' sizes and mtimes, part of each answer's key."""
    from rolegraph import cache

    try:
        stamp = cache.file_stamp(files)
    except OSError:
        return None, None
    return cache.directory() / cache.file_name("answers", repr([str(f) for f in files]), ""), stamp

