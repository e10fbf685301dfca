"""Work proportional to the answer: the result commands bind their queries to the roles they show and
never run a query that reads every role, label or text of the graph (those grow with an ESCO import).
Timings are in benchmarks/bench_scale.py; this checks which named queries run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import TECH_PGM, TECH_PM
from typer.testing import CliRunner

from rolegraph.cli.app import app
from rolegraph.interviews import parent_role
from rolegraph.kb import KnowledgeBase

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


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_result_commands_read_no_whole_graph_query(command: str, ran: list[str]) -> None:
    result = CliRunner().invoke(app, [*COMMANDS[command], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert ran, "the spy saw no query"
    assert not WHOLE_GRAPH & set(ran), sorted(WHOLE_GRAPH & set(ran))


def test_parent_role_is_one_bound_lookup(kb: KnowledgeBase, mini_kb: KnowledgeBase) -> None:
    assert parent_role(mini_kb, "https://w3id.org/rolegraph/id/role/gamma") == "https://w3id.org/rolegraph/id/role/alpha"
    assert parent_role(mini_kb, "https://w3id.org/rolegraph/id/role/alpha") is None
    assert parent_role(kb, TECH_PM) == "https://w3id.org/rolegraph/id/role/product-manager"
    assert parent_role(kb, TECH_PGM) == "https://w3id.org/rolegraph/id/role/program-manager"
