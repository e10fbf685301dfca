"""Every named query and every result command (show, compare, separate, shared, path, ask) gives
identical answers on the local engine (pyoxigraph), on rdflib, and on a real Oxigraph server and
a real Virtuoso server the knowledge base was published to (Virtuoso: into a named graph, with
HTTP Digest credentials, queried with ``--graph``)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import Server, oxigraph_server
from virtuoso_server import Virtuoso

from rolegraph import compare, formats, graph, queries, resources
from rolegraph.ask import ask
from rolegraph.engines.base import Engine
from rolegraph.engines.endpoint import EndpointEngine
from rolegraph.engines.local import LocalEngine
from rolegraph.engines.rdflib_engine import RdflibEngine
from rolegraph.esco import import_csv
from rolegraph.kb import KnowledgeBase
from rolegraph.loading import load_store
from rolegraph.publish import publish
from rolegraph.queries import NamedQuery, ParamValue
from rolegraph.results import Cell

ESCO_FIXTURES = Path(__file__).parent / "fixtures" / "esco"
ROLE = "https://w3id.org/rolegraph/id/role/"
ESCO = "http://data.europa.eu/esco/occupation/"
ICT_PRODUCT_MANAGER = ESCO + "a79170ad-0b7b-4697-864f-1748359aa10a"
ICT_PROJECT_MANAGER = ESCO + "8b6388a4-4904-471b-9331-d3b1211f5525"

#: Role parameter values: the curated TPM pair, and two imported ESCO occupations.
ROLE_SETS = {
    "curated": {
        "role": ROLE + "technical-product-manager",
        "a": ROLE + "technical-product-manager",
        "b": ROLE + "technical-program-manager",
        "from_role": ROLE + "software-engineer",
        "to_role": ROLE + "technical-product-manager",
    },
    "esco": {
        "role": ICT_PRODUCT_MANAGER,
        "a": ICT_PRODUCT_MANAGER,
        "b": ICT_PROJECT_MANAGER,
        "from_role": ICT_PROJECT_MANAGER,
        "to_role": ICT_PRODUCT_MANAGER,
    },
}
FALLBACK = {"iri": ROLE + "technical-product-manager", "string": "product", "integer": "1", "decimal": "0.5", "boolean": "true"}


def graph_files(directory: Path) -> list[Path]:
    """The shipped graph (whatever exists of it yet) plus the ESCO fixtures, imported."""
    esco = directory / "esco.ttl"
    import_csv(ESCO_FIXTURES, esco)
    return [p for p in resources.packaged_graph_paths() if p.is_file()] + [esco]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return graph_files(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, files: list[Path]) -> Iterator[Server]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as running:
        publish(files, running.store, replace=True)
        yield running


@pytest.fixture(scope="module")
def virtuoso_engine(virtuoso: Virtuoso, files: list[Path]) -> EndpointEngine:
    """Virtuoso holds the data in a named graph (it queries every graph by default), written with Digest credentials."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ROLEGRAPH_ENDPOINT_USER", virtuoso.user)
        env.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
        done = publish(files, virtuoso.base, graph=virtuoso.graph, replace=True, batch_size=2000)
    assert done.counted == done.triples
    return EndpointEngine(virtuoso.query, graphs=[virtuoso.graph])


@pytest.fixture(scope="module")
def engines(files: list[Path], server: Server, virtuoso_engine: EndpointEngine) -> dict[str, Engine]:
    return {
        "local": LocalEngine(load_store(files)),
        "rdflib": RdflibEngine.from_files(files),
        "endpoint": EndpointEngine(server.query),
        "virtuoso": virtuoso_engine,
    }


def params_for(query: NamedQuery, roles: dict[str, str]) -> dict[str, ParamValue]:
    raw = {p.name: roles.get(p.name, query.defaults.get(p.name, FALLBACK[p.type])) for p in query.params}
    return query.coerce(dict(raw))


def cases() -> Iterator[tuple[str, str]]:
    for name, query in queries.catalogue().items():
        role_params = any(p.name in ROLE_SETS["curated"] for p in query.params)
        for role_set in ROLE_SETS if role_params else ["none"]:
            yield name, role_set


def concat_columns(text: str) -> dict[str, str]:
    """Columns built with GROUP_CONCAT, and their separators (their order is not defined by SPARQL)."""
    found = re.finditer(r'GROUP_CONCAT\s*\([^;)]*(?:;\s*SEPARATOR\s*=\s*"([^"]*)")?\s*\)\s*AS\s*\?(\w+)', text, re.IGNORECASE)
    return {m.group(2): m.group(1) if m.group(1) is not None else " " for m in found}


def normal(cell: Cell, separator: str | None) -> object:
    if isinstance(cell, float):
        return round(cell, 9) if math.isfinite(cell) else str(cell)
    if isinstance(cell, str) and cell.startswith("_:"):
        return "_:blank"
    if separator is not None and isinstance(cell, str):
        return tuple(sorted(cell.split(separator))) if separator else tuple(sorted(cell))
    return cell


def normalised(query: NamedQuery, columns: list[str], rows: list[list[Cell]]) -> list[tuple[object, ...]]:
    concat = concat_columns(query.text)
    out = [tuple(normal(c, concat.get(col)) for col, c in zip(columns, row, strict=True)) for row in rows]
    ordered = re.search(r"\bORDER\s+BY\b", queries.code_only(query.text), re.IGNORECASE)
    return out if ordered else sorted(out, key=repr)


def test_every_query_has_a_case() -> None:
    assert {name for name, _ in cases()} == set(queries.catalogue())


@pytest.mark.slow
@pytest.mark.parametrize(("name", "role_set"), list(cases()))
def test_same_answer_on_every_engine(name: str, role_set: str, engines: dict[str, Engine]) -> None:
    query = queries.catalogue()[name]
    params = params_for(query, ROLE_SETS.get(role_set, {}))
    answers = {}
    for engine_name, engine in engines.items():
        rows = engine.select(query.text, params)
        answers[engine_name] = (rows.columns, normalised(query, rows.columns, rows.rows))
    assert answers["rdflib"] == answers["local"]
    assert answers["endpoint"] == answers["local"]
    assert answers["virtuoso"] == answers["local"]


CURATED, ESCO_PAIR = ROLE_SETS["curated"], ROLE_SETS["esco"]
COMMANDS = {
    "show": lambda kb: compare.show(kb, CURATED["a"]),
    "show-esco": lambda kb: compare.show(kb, ESCO_PAIR["a"]),
    "compare": lambda kb: compare.compare(kb, CURATED["a"], CURATED["b"]),
    "compare-esco": lambda kb: compare.compare(kb, ESCO_PAIR["a"], ESCO_PAIR["b"]),
    "separate": lambda kb: compare.separate(kb, CURATED["a"], CURATED["b"]),
    "separate-esco": lambda kb: compare.separate(kb, ESCO_PAIR["a"], ESCO_PAIR["b"]),
    "shared": lambda kb: compare.shared(kb, CURATED["a"], CURATED["b"]),
    "shared-esco": lambda kb: compare.shared(kb, ESCO_PAIR["a"], ESCO_PAIR["b"]),
    "path": lambda kb: graph.path(kb, CURATED["from_role"], CURATED["to_role"]),
    "ask-differ": lambda kb: ask(kb, "How does a Tech PM differ from a Technical Program Manager?"),
    "ask-shared": lambda kb: ask(kb, "Which skills do Tech PM and Tech PgM share?"),
    "ask-move": lambda kb: ask(kb, "How do I move from software engineer to Tech PM?"),
}


@pytest.mark.slow
@pytest.mark.parametrize("command", list(COMMANDS))
def test_same_command_answer_on_every_engine(command: str, engines: dict[str, Engine], files: list[Path]) -> None:
    answers = {}
    for name, engine in engines.items():
        kb = KnowledgeBase(engine, files if name in ("local", "rdflib") else [])
        answers[name] = json.loads(formats.render(COMMANDS[command](kb), "json", kb=kb))
    for name in ("rdflib", "endpoint", "virtuoso"):
        assert answers[name] == answers["local"], name


@pytest.mark.slow
def test_imported_esco_data_answers_on_the_server(engines: dict[str, Engine]) -> None:
    rows = engines["endpoint"].select(queries.get("skill-profile").text, {"role": queries.IRI(ICT_PRODUCT_MANAGER)})
    labels = {r["label"]: r["importance"] for r in rows.records()}
    assert labels["market research"] == 4
    assert labels["perform market research"] == 2


@pytest.mark.slow
def test_several_values_for_one_parameter_on_every_engine(engines: dict[str, Engine]) -> None:
    """A tuple binds one VALUES row per value; every engine gives the union of the single answers."""
    query = queries.get("role-links")
    pair = (ROLE_SETS["curated"]["a"], ROLE_SETS["curated"]["b"])
    both = query.coerce({"role": pair})
    for engine in engines.values():
        rows = engine.select(query.text, both)
        singles = [r for role in pair for r in engine.select(query.text, query.coerce({"role": role})).rows]
        assert sorted(rows.rows, key=repr) == sorted(singles, key=repr)
        assert {r[0] for r in rows.rows} == set(pair)
