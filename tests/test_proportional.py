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
from rolegraph.interviews import parent_role
from rolegraph.kb import KnowledgeBase

#: Named queries whose answer grows with the whole graph (every role, name, text or statement).
WHOLE_GRAPH = {"roles", "role-names", "texts", "statement-sources", "skills", "skill-names", "statement-ids"}
#: On a prepared (on-disk) store, where every row read costs, the sources and their notices too: only those shown are read.
WHOLE_GRAPH_ON_DISK = WHOLE_GRAPH | {"sources", "attributions"}

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
    whole = WHOLE_GRAPH_ON_DISK if store == "prepared" else WHOLE_GRAPH
    assert not whole & set(ran), sorted(whole & set(ran))


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
    the positions of the disagreements it cites (read before its sections, not one per section); on a prepared store
    one source-info query for those sources."""
    monkeypatch.setenv("ROLEGRAPH_STORE", store)
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(store_cache))
    result = CliRunner().invoke(app, [*COMMANDS["show"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran.count("sources-of") == 1, ran
    assert ran.count("source-info") == (store == "prepared"), ran


def test_compare_reads_the_sources_of_its_links_roles_and_incoming_transitions_at_once(ran: list[str]) -> None:
    """compare: one bound sources-of query for both roles, their links, the transitions into them and the positions of
    the disagreements it cites (read once, before its tables)."""
    result = CliRunner().invoke(app, [*COMMANDS["compare"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran.count("sources-of") == 1, ran


def test_compare_reads_fact_ids_and_notices_once(ran: list[str], store_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """compare: one bound ids-of query for its links and the transitions into its roles; on a prepared store, one bound
    attributions-of query for the notices of every source it read (not one per table it attributes)."""
    monkeypatch.setenv("ROLEGRAPH_STORE", "prepared")
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(store_cache))
    result = CliRunner().invoke(app, [*COMMANDS["compare"], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert (ran.count("ids-of"), ran.count("attributions-of")) == (1, 1), ran
