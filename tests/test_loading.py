"""The packaged graph parsed in the background while the CLI starts (rolegraph.loading)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import run_main

from rolegraph import kb as kb_module
from rolegraph import loading, open_kb, resources
from rolegraph.cli import GRAPH_COMMANDS, opens_packaged_graph
from rolegraph.cli.app import app


@pytest.fixture(autouse=True)
def _nothing_left_running() -> Any:
    yield
    loading.discard()


def test_open_kb_takes_the_store_parsed_in_the_background(monkeypatch: pytest.MonkeyPatch) -> None:
    loading.load_store(resources.packaged_graph_paths())  # the copy is current
    loading.start_packaged()

    def parse_again(paths: Any) -> None:
        raise AssertionError("the packaged files were parsed twice")

    monkeypatch.setattr(kb_module, "load_store", parse_again)
    kb = open_kb()
    assert not loading.pending()
    assert kb.named("roles").rows == kb_module.KnowledgeBase(kb_module.LocalEngine(loading.load_store(kb.files))).named("roles").rows


def test_other_files_are_parsed_afresh_and_the_background_store_waits(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    loading.load_store(resources.packaged_graph_paths())
    loading.start_packaged()
    assert len(open_kb([extra]).engine.store) == len(loading.load_store([*resources.packaged_graph_paths(), extra]))  # type: ignore[attr-defined]
    assert loading.pending()
    assert loading.take([*resources.packaged_graph_paths(), extra]) is None
    assert loading.take(resources.packaged_graph_paths()) is not None and not loading.pending()


@pytest.mark.parametrize(("argv", "env", "expected"), [
    (["compare", "Tech PM", "Tech PgM", "--format", "json"], {}, True),
    (["path", "Software Engineer", "Tech PM", "-f", "json", "--detail"], {}, True),
    (["compare", "Tech PM", "Tech PgM", "--data", "x.ttl"], {}, False),
    (["compare", "Tech PM", "Tech PgM", "--data=x.ttl"], {}, False),
    (["compare", "Tech PM", "Tech PgM", "-dx.ttl"], {}, False),
    (["ask", "-id", "x.ttl"], {}, False),
    (["show", "Tech PM", "--endpoint", "http://localhost:1/sparql"], {}, False),
    (["show", "Tech PM"], {"ROLEGRAPH_ENDPOINT": "http://localhost:1/sparql"}, False),
    (["show", "Tech PM"], {"ROLEGRAPH_STORE": "prepared"}, False),
    (["show", "--help"], {}, False),
    (["show", "-h"], {}, False),
    (["query", "--list"], {}, False),
    (["formats"], {}, False),
    (["--help"], {}, False),
    ([], {}, False),
])
def test_the_cli_parses_in_the_background_only_for_the_packaged_graph_alone(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str], expected: bool
) -> None:
    for name in ("ROLEGRAPH_ENDPOINT", "ROLEGRAPH_STORE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert opens_packaged_graph(argv) is expected


def test_graph_commands_are_commands() -> None:
    assert {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands} >= GRAPH_COMMANDS


def test_an_unused_background_parse_ends_before_main_returns(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(monkeypatch, "compare", "Tech PM") == 2  # a usage error: the graph is never opened
    assert "Missing argument 'b'" in capsys.readouterr().err
    assert not loading.pending()


def test_an_unused_background_open_of_a_prepared_store_ends_before_main_returns(monkeypatch: pytest.MonkeyPatch) -> None:
    from rolegraph.engines import prepared

    assert run_main(monkeypatch, "roles", "--data", "/nonexistent/x.ttl") != 0  # the file is missing: no store is taken
    assert prepared._opening is None, "the next command line may open its own"


def quads(store: Any) -> set[str]:
    return {str(q) for q in store}


@pytest.fixture
def packaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Copies of the packaged Turtle files standing in for them, and an empty cache directory."""
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    files = []
    for number, source in enumerate(resources.packaged_graph_paths()):
        files.append(tmp_path / f"{number}-{source.name}")
        files[-1].write_bytes(source.read_bytes())
    monkeypatch.setattr(resources, "packaged_graph_paths", lambda: list(files))
    return files


def turtle_only(paths: list[Path]) -> Any:
    store = loading.ox.Store()
    for path in paths:
        loading.load_turtle(store, path)
    return store


def test_the_packaged_graph_s_copy_holds_exactly_its_turtle_triples(packaged: list[Path]) -> None:
    expected = quads(turtle_only(packaged))
    assert quads(loading.load_store(packaged)) == expected  # parsed from Turtle, the copy written
    copy = loading.packaged_copy(packaged)
    assert copy is not None and copy[1].read_bytes().startswith(copy[2])
    assert quads(loading.load_store(packaged)) == expected  # read from the copy
    assert quads(loading._read_copy(copy[1], copy[2])) == expected


def test_the_copy_is_read_while_the_files_are_unchanged_and_written_again_after(packaged: list[Path]) -> None:
    loading.load_store(packaged)
    copy = loading.packaged_copy(packaged)
    assert copy is not None
    _, where, header = copy
    where.write_bytes(header + b"<http://example.org/planted> <http://example.org/p> <http://example.org/o> .\n")
    assert quads(loading.load_store(packaged)) == {"<http://example.org/planted> <http://example.org/p> <http://example.org/o>"}  # the copy
    with packaged[-1].open("a", encoding="utf-8") as file:
        file.write("\n<http://example.org/new> <http://example.org/p> <http://example.org/o> .\n")
    fresh = quads(loading.load_store(packaged))
    assert not any("planted" in q for q in fresh) and any("example.org/new" in q for q in fresh)
    assert fresh == quads(turtle_only(packaged)) == quads(loading.load_store(packaged))


def test_a_broken_copy_is_replaced_and_other_files_are_read_on_top(packaged: list[Path], tmp_path: Path) -> None:
    loading.load_store(packaged)
    copy = loading.packaged_copy(packaged)
    assert copy is not None
    copy[1].write_bytes(copy[2] + b"<http://example.org/broken> <http://example.org/p> .\n")
    extra = tmp_path / "extra.ttl"
    extra.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", encoding="utf-8")
    assert quads(loading.load_store([*packaged, extra])) == quads(turtle_only([*packaged, extra]))
    assert loading._read_copy(copy[1], copy[2]) is not None, "written again"
    assert loading.packaged_copy([extra, *packaged]) is None, "only a list that starts with the packaged files uses the copy"


def test_the_background_parse_and_open_start_before_typing_is_imported() -> None:
    """What rolegraph.cli.main imports before it starts the background parse (or open) leaves out typing, which the
    command's own imports take a few milliseconds over while pyoxigraph reads in the other thread."""
    import subprocess
    import sys

    code = ("import sys; import rolegraph.cli, rolegraph.loading, rolegraph.resources, rolegraph.cache, rolegraph.engines.prepared; "
            "print('typing' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_copy_read_in_the_background_is_handed_over_only_while_the_files_are_unchanged(packaged: list[Path]) -> None:
    """The background read starts before the files' stamps are known: take() compares the copy's first line with them."""
    loading.load_store(packaged)
    copy = loading.packaged_copy(packaged)
    assert copy is not None
    _, where, header = copy
    planted = b"<http://example.org/planted> <http://example.org/p> <http://example.org/o> .\n"
    where.write_bytes(header + planted)
    loading.start_packaged()
    assert quads(loading.take(packaged)) == {"<http://example.org/planted> <http://example.org/p> <http://example.org/o>"}
    where.write_bytes(header.replace(b"pyoxigraph", b"an older pyoxigraph") + planted)
    loading.start_packaged()
    assert loading.take(packaged) is None and not loading.pending()
    where.unlink()
    loading.start_packaged()
    assert loading.take(packaged) is None
    assert quads(loading.load_store(packaged)) == quads(turtle_only(packaged))


def test_the_background_read_starts_before_pathlib_is_imported() -> None:
    """pathlib (with urllib.parse, fnmatch and what they load) is about a fifth of what the command runs before the
    read starts: the copy is found with os.path alone."""
    import subprocess
    import sys

    code = "import sys; import rolegraph.cli, rolegraph.loading; rolegraph.loading.start_packaged(); print('pathlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
