"""Work proportional to the answer: the result commands bind their queries to the roles they show and
never run a query that reads every role, label or text of the graph (those grow with an ESCO import).
Timings are in benchmarks/bench_scale.py; this checks which named queries run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TECH_PGM, TECH_PM
from typer.testing import CliRunner

from rolegraph.cli.app import app
from rolegraph.engines.base import Rows
from rolegraph.engines.local import LocalEngine
from rolegraph.interviews import parent_role
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import ParamValue

#: Named queries whose answer grows with the whole graph (every role, name, text or statement).
WHOLE_GRAPH = {"roles", "role-names", "texts", "statement-sources", "skills", "skill-names", "statement-ids"}

COMMANDS = {
    "compare": ["compare", "Tech PM", "Technical Program Manager"],
    "separate": ["separate", "Tech PM", "Tech PgM"],
    "shared": ["shared", "Tech PM", "Tech PgM"],
    "show": ["show", "Tech PgM"],
    "path": ["path", "Software Engineer", "Tech PM"],
    "why": ["why", "Tech PgM", "team"],
}


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    names: list[str] = []
    named, run = KnowledgeBase.named, KnowledgeBase.run

    def spy_named(self: KnowledgeBase, name: str, **params: object) -> object:
        names.append(name)
        return named(self, name, **params)  # type: ignore[arg-type]

    def spy_run(self: KnowledgeBase, name: str, **params: object) -> object:
        names.append(name)
        return run(self, name, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(KnowledgeBase, "named", spy_named)
    monkeypatch.setattr(KnowledgeBase, "run", spy_run)
    yield names


@pytest.fixture(scope="module")
def store_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("stores")  # one prepared store of the shipped graph for the module


@pytest.mark.parametrize("store", ["memory", "prepared"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_result_commands_read_no_whole_graph_query(
    command: str, store: str, ran: list[str], store_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEGRAPH_STORE", store)
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(store_cache))
    result = CliRunner().invoke(app, [*COMMANDS[command], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran, "the spy saw no query"
    assert not WHOLE_GRAPH & set(ran), sorted(WHOLE_GRAPH & set(ran))


@pytest.mark.parametrize("store", ["memory", "prepared"])
def test_whole_graph_queries_run_once_per_data(store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables a command reads whole (sources, their notices, transitions, gaps, dimensions) are run once per
    prepared store or set of data files parsed into memory and kept: a later command on the same data runs only
    queries bound to what it shows."""
    monkeypatch.setenv("ROLEGRAPH_STORE", store)
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path))
    ran: list[dict[str, object]] = []
    select = LocalEngine._select

    def spy(self: LocalEngine, text: str, params: dict[str, ParamValue], max_rows: int | None) -> Rows:
        ran.append(params)
        return select(self, text, params, max_rows)

    monkeypatch.setattr(LocalEngine, "_select", spy)
    answers = []
    for _ in range(2):
        ran.clear()
        result = CliRunner().invoke(app, [*COMMANDS["compare"], "--format", "json"])
        assert result.exit_code == 0, result.output
        answers.append(result.output)
    assert answers[0] == answers[1]
    assert all(ran), "a whole-graph query ran on the store again"  # a bound one may be kept too (KEEP_BOUND): none may run


def test_parent_role_is_one_bound_lookup(kb: KnowledgeBase, mini_kb: KnowledgeBase) -> None:
    assert parent_role(mini_kb, "https://w3id.org/rolegraph/id/role/gamma") == "https://w3id.org/rolegraph/id/role/alpha"
    assert parent_role(mini_kb, "https://w3id.org/rolegraph/id/role/alpha") is None
    assert parent_role(kb, TECH_PM) == "https://w3id.org/rolegraph/id/role/product-manager"
    assert parent_role(kb, TECH_PGM) == "https://w3id.org/rolegraph/id/role/program-manager"


@pytest.mark.parametrize("command", ["compare", "show", "separate", "shared"])
def test_role_commands_read_only_the_disagreements_they_show(command: str, ran: list[str]) -> None:
    result = CliRunner().invoke(app, [*COMMANDS[command], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "disagreements" not in ran, ran
    if command == "compare":  # its skill summary comes from the two profiles it has read
        assert "skill-profile" not in ran


def test_only_the_views_with_a_facts_column_read_fact_ids(ran: list[str]) -> None:
    """compare's rows show fact-sheet IDs (one bound ids-of query); show and path use the same profiles but never show them."""
    for command, reads in (("compare", True), ("show", False), ("path", False)):
        ran.clear()
        result = CliRunner().invoke(app, [*COMMANDS[command], "--format", "json"])
        assert result.exit_code == 0, result.output
        assert ("ids-of" in ran) is reads, (command, ran)


@pytest.mark.parametrize("store", ["memory", "prepared"])
def test_a_role_card_reads_its_sources_in_one_query(store: str, ran: list[str], store_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """show: one bound sources-of query for the links it shows, its incoming transitions, ladder and interview rows and
    the positions of the disagreements it cites (read before its sections, not one per section)."""
    monkeypatch.setenv("ROLEGRAPH_STORE", store)
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(store_cache))
    result = CliRunner().invoke(app, [*COMMANDS["show"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran.count("sources-of") == 1, ran


def test_compare_reads_the_sources_of_its_links_roles_and_incoming_transitions_at_once(ran: list[str]) -> None:
    """compare: one bound sources-of query for both roles, their links, the transitions into them and the positions of
    the disagreements it cites (read once, before its tables)."""
    result = CliRunner().invoke(app, [*COMMANDS["compare"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran.count("sources-of") == 1, ran


def test_compare_reads_fact_ids_once(ran: list[str], store_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """compare: one bound ids-of query for its links and the transitions into its roles."""
    monkeypatch.setenv("ROLEGRAPH_STORE", "prepared")
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(store_cache))
    result = CliRunner().invoke(app, [*COMMANDS["compare"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran.count("ids-of") == 1, ran
