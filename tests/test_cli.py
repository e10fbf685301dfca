"""The command line: every command in-process (typer's runner), exit codes, output rules, and one
real run of the installed entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from rolegraph.cli.app import app
from rolegraph.errors import ExitCode


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=env)


@pytest.mark.parametrize("args", [
    ["roles"], ["skills"], ["show", "Tech PgM"], ["compare", "Tech PM", "Technical Program Manager"],
    ["compare", "Tech PM", "Tech PgM", "--dimension", "team", "--dimension", "day-to-day"],
    ["separate", "Tech PM", "Tech PgM"], ["shared", "tech-pm", "tech pgm"], ["path", "Software Engineer", "Tech PM"],
    ["neighbours", "EM"], ["centrality", "--top", "5"], ["fit", "-s", "writing code=5", "-s", "product strategy"],
    ["why", "Tech PgM", "how"], ["why", "Tech PM", "Tech PgM", "team"], ["sources"], ["disagreements"],
    ["ask", "Which skills separate a Tech PM from a Technical Program Manager?"], ["query", "--list"],
    ["query", "skill-profile", "-p", "role=<https://w3id.org/rolegraph/id/role/software-engineer>"], ["formats"],
])
@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "rich"])
def test_every_command_every_core_format(runner: CliRunner, args: list[str], fmt: str) -> None:
    result = run(runner, *args, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.endswith("\n")
    assert "\x1b[" not in out, "no colour codes when not on a terminal"
    if fmt == "json":
        data = json.loads(out)
        assert data["schema_version"] == 1 and data["tables"]
    if fmt == "csv":
        assert next(iter(csv.reader(io.StringIO(out))))


def test_compare_json_is_sourced_and_marks_basis(runner: CliRunner) -> None:
    data = json.loads(run(runner, "compare", "Tech PM", "Technical Program Manager", "-f", "json").stdout)
    assert data["kind"] == "compare"
    assert {s["id"] for s in data["sources"]} >= {"S1", "E1"}
    focus = data["tables"][0]
    assert focus["columns"][3:5] == ["basis", "sources"]


@pytest.mark.parametrize(("args", "code", "fragment"), [
    (["show", "TPM"], ExitCode.NOT_FOUND, "ambiguous"),
    (["show", "Scrum Master"], ExitCode.NOT_FOUND, "not a modelled role"),
    (["compare", "Tech PM", "Tech PgM", "--dimension", "vibes"], ExitCode.ERROR, "unknown dimension"),
    (["show", "Tech PM", "--format", "pdf"], ExitCode.ERROR, "unknown format"),
    (["roles", "--data", "missing.ttl"], ExitCode.ERROR, "no such file"),
    (["roles", "--data", str(FIXTURES / "bad" / "syntax.ttl")], ExitCode.ERROR, "syntax.ttl:5"),
    (["query", "no-such-query"], ExitCode.ERROR, "no named query"),
    (["fit", "-s", "juggling=5"], ExitCode.ERROR, "not a modelled skill"),
    (["fit", "-s", "writing code=9"], ExitCode.ERROR, "outside 0–5"),
    (["separate", "Tech PM"], ExitCode.USAGE, ""),
    (["no-such-command"], ExitCode.USAGE, ""),
    (["validate", str(FIXTURES / "bad" / "violations.ttl"), "-f", "csv"], ExitCode.VALIDATION_FAILED, "validation failed"),
    (["validate", str(FIXTURES / "bad" / "syntax.ttl")], ExitCode.ERROR, "syntax.ttl:5"),
])
def test_exit_codes_and_one_line_errors(runner: CliRunner, args: list[str], code: int, fragment: str) -> None:
    result = run(runner, *args)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if fragment:
        assert fragment in result.stderr
    if code in (ExitCode.ERROR, ExitCode.NOT_FOUND):
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_user_query_refused_before_running(runner: CliRunner, tmp_path: Path) -> None:
    q = tmp_path / "evil.rq"
    q.write_text("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", encoding="utf-8")
    result = run(runner, "query", str(q))
    assert result.exit_code == ExitCode.ERROR and "SERVICE" in result.stderr


def test_output_file_is_written_and_format_inferred(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "cmp.md"
    result = run(runner, "separate", "Tech PM", "Tech PgM", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("# Skills that separate")
    assert [p.name for p in tmp_path.iterdir()] == ["cmp.md"], "no temporary files left behind"


def test_failed_command_leaves_no_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run(runner, "show", "Scrum Master", "-o", str(target))
    assert result.exit_code == ExitCode.NOT_FOUND and not target.exists()


def test_fit_from_a_file(runner: CliRunner, tmp_path: Path) -> None:
    ratings = tmp_path / "me.txt"
    ratings.write_text("# my skills\ncustomer discovery=5\nproduct strategy=5\nfeature prioritisation=4\n", encoding="utf-8")
    data = json.loads(run(runner, "fit", "--file", str(ratings), "-f", "json").stdout)
    assert data["tables"][0]["rows"][0][1] in ("Product Manager", "Technical Product Manager")


def test_help_has_an_example_for_every_command(runner: CliRunner) -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name in group.list_commands(None):  # type: ignore[attr-defined,arg-type]
        result = run(runner, name, "--help")
        assert result.exit_code == 0, name
        assert "Example:" in result.stdout, f"{name} --help has no example"


def test_no_color_and_pipe_give_plain_text(runner: CliRunner) -> None:
    result = run(runner, "roles", env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b[" not in result.stdout


@pytest.mark.slow
def test_installed_entry_point_runs_as_a_real_process(tmp_path: Path) -> None:
    exe = shutil.which("rolegraph", path=str(Path(sys.executable).parent)) or shutil.which("rolegraph")
    assert exe, "the console script is installed with the package"
    env = {k: v for k, v in os.environ.items() if k != "ROLEGRAPH_ENDPOINT"}
    proc = subprocess.run([exe, "compare", "Tech PM", "Technical Program Manager", "--format", "json"],
                          cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "Technical Product Manager vs Technical Program Manager"
    bad = subprocess.run([exe, "show", "TPM"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == ExitCode.NOT_FOUND and "Traceback" not in bad.stderr
    module = subprocess.run([sys.executable, "-m", "rolegraph", "roles", "-f", "csv"], cwd=tmp_path, capture_output=True, text=True,
                            env=env, timeout=120)
    assert module.returncode == 0 and module.stdout.startswith("label,")



def test_entry_point_leaves_garbage_collection_on(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """main() imports with collection off and freezes what it imported; the command itself runs with it on."""
    import gc

    from rolegraph.cli import main
    from rolegraph.cli.commands import kbcmds

    seen: list[bool] = []
    real_get_kb = kbcmds.get_kb

    def get_kb(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return real_get_kb(*args)

    monkeypatch.setattr(sys, "argv", ["rolegraph", "roles", "--format", "json"])
    monkeypatch.setattr(kbcmds, "get_kb", get_kb)
    try:
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code in (0, None)
        assert seen == [True] and gc.isenabled() and gc.get_freeze_count() > 0
        assert json.loads(capsysbinary.readouterr().out)["kind"] == "roles"
    finally:
        gc.unfreeze()
        gc.enable()
