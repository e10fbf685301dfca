"""Running named or user-supplied SPARQL queries safely (read-only, bound parameters)."""

from __future__ import annotations

from pathlib import Path

from rolegraph import queries
from rolegraph.deadline import run_with_deadline, timeout_from
from rolegraph.engines.base import plan_named
from rolegraph.engines.local import LocalEngine
from rolegraph.errors import QueryError, RolegraphError, UsageError
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI, NamedQuery, ParamValue
from rolegraph.results import Result, Table
from rolegraph.sparql_tokens import query_form, variables


def list_queries() -> Result:
    """The named queries with their summaries, parameters and columns."""
    table = Table("Named queries", ["name", "summary", "parameters", "columns"])
    for q in queries.catalogue().values():
        params = ", ".join(f"{p.name} ({p.type})" for p in q.params)
        table.rows.append([q.name, q.summary, params, ", ".join(q.columns)])
    return Result("Named queries", [table], kind="queries")


def load_query(name_or_file: str) -> NamedQuery:
    """A named query, or a user's ``.rq`` file checked to be read-only and within the size limits."""
    path = Path(name_or_file)
    if name_or_file.endswith(".rq") or path.is_file():
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read ({exc.strerror})", "give a SPARQL file or a named query (rolegraph query --list)") from None
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path}: byte {exc.start} is not UTF-8", "save the query as UTF-8") from None
        queries.check_read_only(text)
        return queries.parse(path.stem, text)
    query = queries.get(name_or_file)
    plan_named(query)  # bound like the library binds it (rolegraph.engines.local.LocalEngine)
    return query


def parse_params(query: NamedQuery, pairs: list[str]) -> dict[str, ParamValue]:
    """``["role=<https://…>", "threshold=2"]`` → checked, typed values.

    A named query's parameters are its header's; a user's query's are its variables. Any other
    name is a usage error, never text for the query.
    """
    raw: dict[str, ParamValue | str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"parameter {pair!r} is not name=value", "e.g. --param threshold=2")
        value = value.strip()
        raw[name.strip()] = IRI(queries.check_iri(value[1:-1])) if value.startswith("<") and value.endswith(">") else value
    named = queries.catalogue().get(query.name) is query
    declared = {p.name for p in query.params} if query.params or named else variables(query.text)
    unknown = sorted(set(raw) - declared)
    if unknown:
        raise UsageError(f"query {query.name!r} has no parameter {unknown[0]!r}", "its parameters: " + (", ".join(sorted(declared)) or "none"))
    if query.params:
        return query.coerce(raw)
    return {queries.check_name(k): v if isinstance(v, IRI) else str(v) for k, v in raw.items()}


#: Most rows (or triples) a query from the command line may return.
MAX_ROWS = 1_000_000


def run_query(kb: KnowledgeBase, name_or_file: str, pairs: list[str], timeout: float | str | None = None) -> Result:
    """Run a query and return its rows (SELECT) or triples (CONSTRUCT/DESCRIBE) as a table.

    It runs under a deadline (``timeout`` seconds, else ``ROLEGRAPH_QUERY_TIMEOUT``, else 30 s);
    an error while it runs is a one-line :class:`QueryError`.
    """
    seconds = timeout_from(timeout)
    query = load_query(name_or_file)
    params = parse_params(query, pairs)
    kind = query_form(query.text)
    if kind not in ("SELECT", "CONSTRUCT", "DESCRIBE"):
        raise QueryError(f"{query.name}: only SELECT, CONSTRUCT and DESCRIBE queries are supported", "rewrite an ASK as a SELECT")
    table = run_with_deadline(lambda: _answer(kb, query, params, kind), seconds)
    return Result(table.title, [table], kind="query", meta={"query": query.name, "params": {k: str(v) for k, v in params.items()}})


def _answer(kb: KnowledgeBase, query: NamedQuery, params: dict[str, ParamValue], kind: str) -> Table:
    title = query.summary or query.name
    engine = kb.engine
    try:
        if kind == "SELECT":
            rows = engine.select(query.text, params, max_rows=MAX_ROWS) if isinstance(engine, LocalEngine) else engine.select(query.text, params)
            return Table(title, rows.columns, rows.rows)
        text = engine.construct(query.text, params, max_rows=MAX_ROWS) if isinstance(engine, LocalEngine) else engine.construct(query.text, params)
    except RolegraphError:
        raise
    except Exception as exc:  # the engine's own evaluation errors (OSError, RuntimeError, …)
        detail = " ".join(str(exc).split())[:300] or type(exc).__name__
        raise QueryError(f"{query.name}: the query failed while running: {detail}") from None
    triples = [line[:-2].split(" ", 2) for line in text.splitlines() if line.endswith(" .")]
    return Table(title, ["subject", "predicate", "object"], [[s, p, o] for s, p, o in triples])
