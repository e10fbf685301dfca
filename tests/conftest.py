"""Shared fixtures: the shipped knowledge base, the small fixture graph, the CLI runner."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from rolegraph import resources
from rolegraph.kb import KnowledgeBase, open_kb

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
sys.path.insert(0, str(TESTS))  # helper modules shared by test files
from virtuoso_server import Virtuoso, virtuoso_server  # noqa: E402

ROLE = "https://w3id.org/rolegraph/id/role/"
TECH_PM = ROLE + "technical-product-manager"
TECH_PGM = ROLE + "technical-program-manager"
SWE = ROLE + "software-engineer"

# A loaded machine must not turn a slow example into a failure: no per-example deadline.
settings.register_profile("rolegraph", deadline=None)
settings.load_profile("rolegraph")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base (ontology + data)."""
    return open_kb()


@pytest.fixture(scope="session")
def mini_kb() -> KnowledgeBase:
    """The ontology plus the small fixture graph tests/fixtures/mini.ttl."""
    return open_kb([resources.ontology_path(), FIXTURES / "mini.ttl"], include_packaged=False)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A real Virtuoso server (see tests/virtuoso_server.py): CI's, or one started for this session; else skip."""
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as running:
        yield running


@pytest.fixture
def runner() -> CliRunner:
    """typer's in-process runner."""
    return CliRunner()


def run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int | str | None:
    """Run the console script's ``command_line()`` (its ``main()`` without the quick end) in process on ``args``; its exit code.
    Collection is left on and unfrozen."""
    import gc

    from rolegraph import deadline
    from rolegraph.cli import command_line

    monkeypatch.setattr(deadline, "abandoned", False)  # a worker another test abandoned would make main() end the process
    monkeypatch.setattr(sys, "argv", ["rolegraph", *args])
    try:
        with pytest.raises(SystemExit) as done:
            command_line()
    finally:
        gc.unfreeze()
        gc.enable()
    return done.value.code
