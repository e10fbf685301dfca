"""The prepared on-disk store: built once, reused read-only, rebuilt when a source changes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from test_cross_engine import ESCO_FIXTURES, ICT_PRODUCT_MANAGER
from typer.testing import CliRunner

from rolegraph import resources
from rolegraph.cli.app import app
from rolegraph.engines.prepared import prepared_path, prepared_store, store_key, wants_prepared
from rolegraph.errors import DataFileError
from rolegraph.esco import import_csv
from rolegraph.kb import open_kb

TRIPLE = "<https://example.org/a> <https://example.org/p> {} .\n"


def test_built_once_then_reused(tmp_path: Path) -> None:
    data = tmp_path / "a.ttl"
    data.write_text(TRIPLE.format(1), encoding="utf-8")
    first = prepared_path([data], tmp_path / "cache")
    marker = first / "rolegraph-test-marker"
    marker.touch()
    assert prepared_path([data], tmp_path / "cache") == first and marker.exists()
    assert len(prepared_store([data], tmp_path / "cache")) == 1


def test_rebuilt_when_a_source_changes(tmp_path: Path) -> None:
    data = tmp_path / "a.ttl"
    data.write_text(TRIPLE.format(1), encoding="utf-8")
    first = prepared_path([data], tmp_path / "cache")
    data.write_text(TRIPLE.format(1) + TRIPLE.format(2), encoding="utf-8")
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 1_000_000))
    second = prepared_path([data], tmp_path / "cache")
    assert second != first and not first.exists()
    assert len(prepared_store([data], tmp_path / "cache")) == 2


def test_a_built_store_is_found_again_without_hashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "a.ttl"
    data.write_text(TRIPLE.format(1), encoding="utf-8")
    built = prepared_path([data], tmp_path / "cache")
    which, state = store_key([data])
    assert built.name == f"{which}-{state}"  # the name the index keeps is the hashed one
    assert prepared_path([data], tmp_path / "cache") == built  # the first open of a built store indexes it
    monkeypatch.setitem(sys.modules, "hashlib", None)  # importing hashlib now fails: the index must answer
    assert prepared_path([data], tmp_path / "cache") == built
    data.write_text(TRIPLE.format(2), encoding="utf-8")
    os.utime(data, ns=(data.stat().st_atime_ns, data.stat().st_mtime_ns + 1_000_000))
    with pytest.raises(ImportError):  # a changed file misses the index: the name is hashed again
        prepared_path([data], tmp_path / "cache")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(TRIPLE.format(1) + "<https://example.org/a> oops .\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad.ttl:2: Turtle syntax error"):
        prepared_path([bad], tmp_path / "cache")
    assert not list((tmp_path / "cache" / "stores").iterdir())
    with pytest.raises(DataFileError, match="no such file"):
        prepared_path([tmp_path / "missing.ttl"], tmp_path / "cache")


def test_prepared_kb_answers_like_the_in_memory_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    esco = tmp_path / "esco.ttl"
    import_csv(ESCO_FIXTURES, esco)
    prepared, memory = open_kb([esco], prepared=True), open_kb([esco])
    for name, params in (("roles", {}), ("skill-profile", {"role": ICT_PRODUCT_MANAGER}), ("counts", {})):
        assert prepared.named(name, **params).rows == memory.named(name, **params).rows


def test_cli_chooses_the_prepared_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    files = resources.packaged_graph_paths()
    assert not wants_prepared(files)  # small data stays in memory
    monkeypatch.setenv("ROLEGRAPH_STORE", "prepared")
    assert wants_prepared(files)
    result = CliRunner().invoke(app, ["roles", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "cache" / "stores").iterdir())
    monkeypatch.setenv("ROLEGRAPH_STORE", "memory")
    assert not wants_prepared(files)


def test_unwritable_cache_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(blocker))
    monkeypatch.setenv("ROLEGRAPH_STORE", "prepared")
    result = CliRunner().invoke(app, ["roles", "--format", "json"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("rolegraph: error: cannot build the prepared store") and "ROLEGRAPH_STORE=memory" in result.stderr


def test_nonconforming_data_fails_the_build_and_nothing_is_cached(tmp_path: Path) -> None:
    bad = tmp_path / "mine.ttl"
    bad.write_text('@prefix rg: <https://w3id.org/rolegraph/ns#> . <https://example.org/r> a rg:Role .\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"mine.ttl: <https://example.org/r> skos:prefLabel must be an English label"):
        prepared_path([bad], tmp_path / "cache")
    assert not list((tmp_path / "cache" / "stores").iterdir())


def test_the_cli_opens_a_built_store_in_the_background_and_the_command_takes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import run_main

    from rolegraph.cli import data_files
    from rolegraph.engines import prepared

    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ROLEGRAPH_STORE", "prepared")
    esco = tmp_path / "esco.ttl"
    import_csv(ESCO_FIXTURES, esco)
    files = [*resources.packaged_graph_paths(), esco]
    prepared.open_in_background([esco])  # replaced by the next one, untaken
    assert data_files(["roles", "--data", str(esco), "-f", "json"]) == [str(esco)]
    assert data_files(["roles", f"--data={esco}", "-d", "b.ttl"]) == [str(esco), "b.ttl"]
    assert data_files(["roles", "--data", str(esco), "--endpoint", "http://x"]) == data_files(["validate", "-d", "x"]) == []

    prepared.open_in_background(files)  # not built yet: nothing is opened (and nothing built)
    assert prepared._take(files) is None and not (tmp_path / "cache" / "stores").exists()
    assert run_main(monkeypatch, "roles", "--data", str(esco), "--format", "json") == 0  # builds it
    built = capsys.readouterr().out

    prepared.open_in_background(files)  # built: opened in the background
    assert prepared._take([esco]) is None  # not for other paths
    opened = prepared._take(files)
    assert opened is not None and len(opened[0]) == len(prepared_store(files)) > 0 and prepared._opening is None
    assert run_main(monkeypatch, "roles", "--data", str(esco), "--format", "json") == 0  # main() opens it in the background
    assert capsys.readouterr().out == built and prepared._opening is None  # taken by the command, same answer


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or len(os.sched_getaffinity(0)) < 2, reason="needs two CPUs and sched_setaffinity")
def test_a_store_opens_on_one_cpu_and_the_thread_gets_its_cpus_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """RocksDB's burst of file-opening threads inherits the opener's CPUs: one CPU spares their cross-CPU wake-ups."""
    from types import SimpleNamespace

    from rolegraph.engines import prepared

    before, during = os.sched_getaffinity(0), []

    def read_only(path: str) -> str:
        during.append(os.sched_getaffinity(0))
        if path.endswith("damaged"):
            raise OSError("damaged")
        return path

    monkeypatch.setattr(prepared, "ox", SimpleNamespace(Store=SimpleNamespace(read_only=read_only)))
    assert prepared.open_read_only(tmp_path) == str(tmp_path)
    with pytest.raises(OSError):
        prepared.open_read_only(tmp_path / "damaged")
    assert [len(cpus) for cpus in during] == [1, 1] and os.sched_getaffinity(0) == before
