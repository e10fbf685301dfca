"""Running named or user-supplied SPARQL queries safely (read-only, bound parameters)."""

from __future__ import annotations

import re
from pathlib import Path

from rolegraph import queries
from rolegraph.errors import QueryError
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI, NamedQuery, ParamValue
from rolegraph.results import Result, Table


def list_queries() -> Result:
    """The named queries with their summaries, parameters and columns."""
    table = Table("Named queries", ["name", "summary", "parameters", "columns"])
    for q in queries.catalogue().values():
        params = ", ".join(f"{p.name} ({p.type})" for p in q.params)
        table.rows.append([q.name, q.summary, params, ", ".join(q.columns)])
    return Result("Named queries", [table], kind="queries")


def load_query(name_or_file: str) -> NamedQuery:
    """A named query, or a user's ``.rq`` file checked to be read-only."""
    path = Path(name_or_file)
    if name_or_file.endswith(".rq") or path.is_file():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read ({exc.strerror})", "give a SPARQL file or a named query (rolegraph query --list)") from None
        queries.check_read_only(text)
        return queries.parse(path.stem, text)
    return queries.get(name_or_file)


def parse_params(query: NamedQuery, pairs: list[str]) -> dict[str, ParamValue]:
    """``["role=<https://…>", "threshold=2"]`` → checked, typed values."""
    raw: dict[str, ParamValue | str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"parameter {pair!r} is not name=value", "e.g. --param threshold=2")
        value = value.strip()
        raw[name.strip()] = IRI(queries.check_iri(value[1:-1])) if value.startswith("<") and value.endswith(">") else value
    if query.params:
        return query.coerce(raw)
    return {k: v if isinstance(v, IRI) else str(v) for k, v in raw.items()}


_FORM = re.compile(r"\b(SELECT|CONSTRUCT|DESCRIBE|ASK)\b", re.IGNORECASE)


def run_query(kb: KnowledgeBase, name_or_file: str, pairs: list[str]) -> Result:
    """Run a query and return its rows (SELECT) or triples (CONSTRUCT/DESCRIBE) as a table."""
    query = load_query(name_or_file)
    params = parse_params(query, pairs)
    form = _FORM.search(queries.code_only(query.text))
    kind = form.group(1).upper() if form else ""
    if kind == "SELECT":
        rows = kb.engine.select(query.text, params)
        table = Table(query.summary or query.name, rows.columns, rows.rows)
    elif kind in ("CONSTRUCT", "DESCRIBE"):
        triples = [line[:-2].split(" ", 2) for line in kb.engine.construct(query.text, params).splitlines() if line.endswith(" .")]
        table = Table(query.summary or query.name, ["subject", "predicate", "object"], [[s, p, o] for s, p, o in triples])
    else:
        raise QueryError(f"{query.name}: only SELECT, CONSTRUCT and DESCRIBE queries are supported", "rewrite an ASK as a SELECT")
    return Result(table.title, [table], kind="query", meta={"query": query.name, "params": {k: str(v) for k, v in params.items()}})
