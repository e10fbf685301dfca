"""Hostile files, data and processes: --output onto what exists, scratch from killed runs, data that
parses but does not conform, bytes that are not UTF-8, controls in messages, ESCO packages, Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolegraph.cli.app import app, fail, visible
from rolegraph.engines import prepared
from rolegraph.errors import ExitCode, RolegraphError
from rolegraph.output import sweep_parts, write_atomic

P = ("@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix role: <https://w3id.org/rolegraph/id/role/> . "
     "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix link: <https://w3id.org/rolegraph/id/link/> . "
     "@prefix skill: <https://w3id.org/rolegraph/id/skill/> .\n")


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1


# --- --output -------------------------------------------------------------------------------------

def test_output_writes_through_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_text("old\n")
    (tmp_path / "link.csv").symlink_to("real.csv")
    write_atomic(tmp_path / "link.csv", b"new\n")
    assert (tmp_path / "link.csv").is_symlink() and (tmp_path / "real.csv").read_text() == "new\n"


def test_output_keeps_a_files_mode_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    keep = tmp_path / "keep.csv"
    keep.write_text("x")
    keep.chmod(0o640)
    write_atomic(keep, b"y")
    assert stat.S_IMODE(keep.stat().st_mode) == 0o640 and keep.read_bytes() == b"y"
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.csv", b"z")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o640


def test_output_into_a_fifo_without_reader_is_one_line_and_keeps_the_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(RolegraphError, match="no process is reading"):
        write_atomic(fifo, b"x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_device_fails_and_stays_a_device() -> None:
    with pytest.raises(RolegraphError, match="No space left"):
        write_atomic("/dev/full", b"x" * 100_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    code, _, err = cli("roles", "-f", "csv", "-o", str(tmp_path))
    assert code == ExitCode.ERROR and "not a regular file" in err and one_line(err)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_parts_of_dead_writers_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / f".out.csv.{dead_pid()}.abc123.part"
    live = tmp_path / f".out.csv.{os.getppid()}.abc123.part"
    other = tmp_path / ".notes.part"
    for f in (dead, live, other):
        f.write_text("half")
    sweep_parts(tmp_path)
    assert not dead.exists() and live.exists() and other.exists()


def test_store_scratch_of_a_dead_build_is_swept(tmp_path: Path) -> None:
    data = tmp_path / "d.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .\n")
    stores = tmp_path / "cache" / "stores"
    (stores / f"abc.tmp-{dead_pid()}").mkdir(parents=True)
    (stores / f"abc.tmp-{os.getpid()}x").mkdir()
    prepared.prepared_path([data], tmp_path / "cache")
    assert [p.name for p in stores.iterdir() if ".tmp-" in p.name] == [f"abc.tmp-{os.getpid()}x"]


# --- data that parses but does not conform ---------------------------------------------------------

@pytest.mark.parametrize(("body", "args", "words"), [
    ('role:imp a rg:Role ; skos:prefLabel "Imp Wrangler"@en ; skos:definition "x"@en . link:i1 a rg:SkillLink ; rg:dimension rg:TechSkills ; '
     'rg:role role:imp ; rg:target skill:coding ; rg:importance "high" ; rg:basis rg:External .', ["show", "Imp Wrangler"],
     ["link/i1", "rg:importance", "'high'"]),
    ('role:imp a rg:Role ; skos:prefLabel "Imp Wrangler"@en ; skos:definition "x"@en . link:i1 a rg:SkillLink ; rg:dimension rg:TechSkills ; '
     'rg:role role:imp ; rg:target skill:coding ; rg:importance 2.5 ; rg:basis rg:External .', ["fit", "-s", "coding=3"], ["rg:importance"]),
    ('role:nodef a rg:Role ; skos:prefLabel "Nodef Wrangler"@en .', ["show", "Nodef Wrangler"], ["role/nodef", "skos:definition"]),
    ('role:de a rg:Role ; skos:prefLabel "Produktverantwortlicher"@de ; skos:definition "x"@de .', ["path", "Produktverantwortlicher", "Tech PM"],
     ["role/de", "skos:prefLabel"]),
])
def test_nonconforming_data_names_file_node_and_property(tmp_path: Path, body: str, args: list[str], words: list[str]) -> None:
    data = tmp_path / "mine.ttl"
    data.write_text(P + body + "\n", encoding="utf-8")
    code, out, err = cli(*args, "--data", str(data))
    assert code == ExitCode.ERROR and out == "" and one_line(err)
    assert all(w in err for w in [str(data), *words]), err


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.text(max_size=20).map(lambda t: '"' + t.replace("\\", "").replace('"', "").replace("\n", "") + '"'),
                 st.integers(-5, 99).map(str), st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str)))
def test_any_importance_value_is_read_or_named(tmp_path_factory: pytest.TempPathFactory, value: str) -> None:
    data = tmp_path_factory.mktemp("d") / "imp.ttl"
    data.write_text(P + 'role:imp a rg:Role ; skos:prefLabel "Imp Wrangler"@en ; skos:definition "x"@en . link:i1 a rg:SkillLink ; '
                    f'rg:dimension rg:TechSkills ; rg:role role:imp ; rg:target skill:coding ; rg:importance {value} ; rg:basis rg:External .\n')
    code, _, err = cli("show", "Imp Wrangler", "--data", str(data), "-f", "json")
    assert code == 0 or (code in (ExitCode.ERROR, ExitCode.NOT_FOUND) and one_line(err))


# --- bytes that are not UTF-8, controls in messages ------------------------------------------------

@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_as_a_query_file_or_skills_file_are_one_line(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("b")
    (folder / "q.rq").write_bytes(data)
    (folder / "s.txt").write_bytes(data)
    for args in (["query", str(folder / "q.rq"), "-f", "json"], ["fit", "--file", str(folder / "s.txt"), "-f", "json"]):
        code, _, err = cli(*args)
        assert code == 0 or one_line(err), (args, err)


def test_a_non_utf8_argument_is_one_line() -> None:
    from rolegraph.cli.app import run

    assert run(["why", "caf\udce9", "-f", "html"]) == ExitCode.USAGE


@given(st.text())
def test_error_lines_carry_no_control_characters(text: str) -> None:
    shown = visible(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in shown)


def test_a_hint_from_data_cannot_drive_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "esc.ttl"
    data.write_text(P + 'role:esc a rg:Role ; skos:prefLabel "Esc\\u001B]0;pwned\\u0007 Role"@en ; skos:definition "x"@en .\n')
    code, _, err = cli("show", "Esc Rol", "--data", str(data))
    assert "\x1b" not in err and "\x07" not in err and code in (0, ExitCode.NOT_FOUND)
    with pytest.raises(Exception):  # noqa: B017 - typer.Exit
        fail(RolegraphError("bad \x1b[2J\x9b1m", "hint \x07"))
    assert capsys.readouterr().err == "rolegraph: error: bad \\x1b[2J\\x9b1m — hint \\x07\n"


# --- ESCO packages ----------------------------------------------------------------------------------

ESCO = {
    "occupations_en.csv": "conceptUri,preferredLabel,iscoGroup\nhttp://data.europa.eu/esco/occupation/o1,occ one,2511\n",
    "skills_en.csv": "conceptUri,preferredLabel,skillType\nhttp://data.europa.eu/esco/skill/s1,skill one,knowledge\n",
    "occupationSkillRelations_en.csv": "occupationUri,relationType,skillUri\nhttp://data.europa.eu/esco/occupation/o1,essential,"
                                       "http://data.europa.eu/esco/skill/s1\n",
    "ISCOGroups_en.csv": "code,preferredLabel\n2511,Systems analysts\n",
}


@pytest.mark.parametrize("name", sorted(ESCO))
def test_an_esco_file_missing_a_column_is_one_line_and_writes_nothing(tmp_path: Path, name: str) -> None:
    for file, text in ESCO.items():
        header, rest = text.split("\n", 1)
        (tmp_path / file).write_text((header.replace(header.split(",")[0], "other") if file == name else header) + "\n" + rest)
    code, _, err = cli("import-esco", str(tmp_path), "-o", str(tmp_path / "out.ttl"))
    assert code == ExitCode.ERROR and "missing column" in err and one_line(err) and not (tmp_path / "out.ttl").exists()


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(sorted(ESCO)), st.binary(max_size=300))
def test_any_esco_file_bytes_are_imported_or_one_line(tmp_path_factory: pytest.TempPathFactory, name: str, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("esco")
    for file, text in ESCO.items():
        (folder / file).write_text(text)
    (folder / name).write_bytes(data)
    code, _, err = cli("import-esco", str(folder), "-o", str(folder / "out.ttl"))
    assert code == 0 or (code == ExitCode.ERROR and one_line(err) and not (folder / "out.ttl").exists())


# --- Ctrl-C ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("delay", [0.3, 1.0])
def test_ctrl_c_at_any_moment_is_interrupted_130(delay: float) -> None:
    exe = shutil.which("rolegraph", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the rolegraph command is not installed beside this Python")
    proc = subprocess.Popen([exe, "validate"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    err = proc.communicate(timeout=120)[1].decode()
    assert "Traceback" not in err
    assert (proc.returncode, err) == (0, "") or (proc.returncode == ExitCode.INTERRUPTED and err == "rolegraph: interrupted\n"), err


@pytest.mark.parametrize(("argv0", "caught"), [("/usr/bin/rolegraph", True), ("notebook.py", False)])
def test_ctrl_c_is_caught_from_the_first_line_of_the_command(argv0: str, caught: bool) -> None:
    """The console script imports the package first: Ctrl-C right after that is one line and 130."""
    program = (f"import os, signal, sys, time; sys.argv = [{argv0!r}]; import rolegraph; "
               "os.kill(os.getpid(), signal.SIGINT); time.sleep(5)")
    proc = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    if caught:
        assert (proc.returncode, proc.stderr) == (ExitCode.INTERRUPTED, "rolegraph: interrupted\n")
    else:  # a program importing the library keeps Python's own KeyboardInterrupt
        assert "KeyboardInterrupt" in proc.stderr


def test_skipped_esco_rows_cannot_drive_the_terminal(tmp_path: Path) -> None:
    for file, text in ESCO.items():
        (tmp_path / file).write_text(text.replace(",essential,", ",essential\x1b[2J,"), encoding="utf-8")
    code, _, err = cli("import-esco", str(tmp_path), "-o", str(tmp_path / "out.ttl"))
    assert code == 0 and "(essential\\x1b[2j)" in err and "\x1b" not in err


def test_an_output_path_with_controls_is_reported_escaped(tmp_path: Path) -> None:
    code, _, err = cli("formats", "-o", str(tmp_path / "out\x9b31m.txt"))
    assert code == 0 and "out\\x9b31m.txt" in err and "\x9b" not in err
