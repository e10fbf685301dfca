"""The command line: every command in-process (typer's runner), exit codes, output rules, and one
real run of the installed entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, TECH_PM, run_main
from typer.testing import CliRunner

from rolegraph.ask.plan import STATUSES
from rolegraph.ask.text import vocabulary
from rolegraph.cli.app import app
from rolegraph.errors import ExitCode
from rolegraph.kb import KnowledgeBase


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
    if fmt in ("csv", "markdown"):
        data = json.loads(run(runner, *args, "--format", "json").stdout)
        if fmt == "markdown":
            assert out.splitlines()[0] == "# " + data["title"]
        else:
            header, *body = csv.reader(io.StringIO(out))
            footer = [row for row in body if header[0] == "part" and row[0] in ("note", "source", "licence")]
            assert header and len(body) - len(footer) == sum(len(t["rows"]) for t in data["tables"])
            notes = [r[-1] for r in footer if r[0] == "note"]
            assert all(any(n in row for row in notes) for n in [n for t in data["tables"] for n in t["notes"]] + data["notes"])
            if len(data["tables"]) > 1:  # several tables: one grid, a leading part column names each row's table
                assert header[0] == "part"
                assert Counter(row[0] for row in body if row not in footer) == Counter(
                    {t["title"]: len(t["rows"]) for t in data["tables"] if t["rows"]})


def test_compare_dimensions_select_the_tables(runner: CliRunner) -> None:
    data = json.loads(run(runner, "compare", "Tech PM", "Tech PgM", "--dimension", "team", "--dimension", "day-to-day", "-f", "json").stdout)
    assert [t["title"] for t in data["tables"]] == ["team structure", "day-to-day work"]


def test_compare_json_is_sourced_and_marks_basis(runner: CliRunner) -> None:
    data = json.loads(run(runner, "compare", "Tech PM", "Technical Program Manager", "-f", "json").stdout)
    assert data["kind"] == "compare"
    assert {s["id"] for s in data["sources"]} >= {"S1", "E1"}
    assert data["tables"][0]["title"] == "What separates them"
    focus = data["tables"][data["meta"]["summary"]]
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
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if fragment:
        assert fragment in result.stderr
    if code in (ExitCode.ERROR, ExitCode.NOT_FOUND):
        assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_role_errors_name_the_readings_and_the_closest_roles(runner: CliRunner) -> None:
    ambiguous = run(runner, "show", "TPM")
    assert ambiguous.exit_code == ExitCode.NOT_FOUND and ambiguous.stdout == ""
    assert "Technical Product Manager" in ambiguous.stderr and "Technical Program Manager" in ambiguous.stderr
    unknown = run(runner, "show", "Scrum Master")
    assert unknown.exit_code == ExitCode.NOT_FOUND and unknown.stdout == ""
    modelled = {row[0] for row in json.loads(run(runner, "roles", "-f", "json").stdout)["tables"][0]["rows"]}
    suggested = unknown.stderr.strip().split("closest modelled roles: ", 1)[1].split(", ")
    assert "Project Manager" in suggested and set(suggested) <= modelled, suggested


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
    assert module.returncode == 0 and module.stdout.startswith("part,label,")



def test_the_console_script_ends_the_process_with_mains_code_once_output_is_flushed(monkeypatch: pytest.MonkeyPatch) -> None:
    import rolegraph.cli as cli

    class Ended(Exception):
        pass

    def exit_now(code: int) -> None:
        raise Ended(code)

    flushed: list[str] = []
    assert not cli.is_the_command()  # pytest is not the rolegraph command: main() would raise SystemExit, not end the tests
    monkeypatch.setattr(cli, "is_the_command", lambda: True)
    monkeypatch.setattr(cli.os, "_exit", exit_now)
    monkeypatch.setattr(sys, "stdout", type("Out", (), {"flush": lambda self: flushed.append("out")})())
    for code in (0, None, ExitCode.NOT_FOUND):
        monkeypatch.setattr(cli, "command_line", lambda code=code: sys.exit(code))
        with pytest.raises(Ended) as ended:
            cli.main()
        assert ended.value.args == (int(code or 0),) and flushed[-1:] == ["out"]

    def broken() -> None:
        raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", type("Out", (), {"flush": lambda self: broken()})())
    with pytest.raises(SystemExit) as done:  # a stream that cannot be flushed: the interpreter ends as usual and says so
        cli.main()
    assert done.value.code == ExitCode.NOT_FOUND


def test_entry_point_leaves_garbage_collection_on(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    """command_line() imports with collection off and freezes what it imported; the command itself runs with it on."""
    import gc

    from rolegraph.cli import command_line
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
            command_line()
        assert done.value.code in (0, None)
        assert seen == [True] and gc.isenabled() and gc.get_freeze_count() > 0
        assert json.loads(capsysbinary.readouterr().out)["kind"] == "roles"
    finally:
        gc.unfreeze()
        gc.enable()


@pytest.mark.parametrize("args", [
    ["compare", "Tech PM", "Tech PgM"], ["show", "Tech PgM"], ["shared", "Tech PM", "Tech PgM"],
    ["ask", "Who owns the how?"], ["roles"],
])
def test_output_file_holds_exactly_what_stdout_would(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "result.json"
    written = run(runner, *args, "--output", str(target))
    assert written.exit_code == 0, written.output
    assert written.stdout == "" and written.stderr == f"rolegraph: wrote {target}\n"
    assert target.read_text(encoding="utf-8") == run(runner, *args, "-f", "json").stdout


def test_render_text_colours_only_a_terminal_without_no_color(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    from rolegraph.cli.render import render_text
    from rolegraph.compare import show

    card = show(kb, TECH_PM, top=3)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "\x1b[" in render_text(card, to_terminal=True)
    assert "\x1b[" not in render_text(card, to_terminal=False)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = render_text(card, to_terminal=True)
    assert "\x1b[" not in plain and "Technical Product Manager" in plain


def test_fit_prompts_on_a_terminal(runner: CliRunner, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """With no --skill and no --file, fit asks for a rating of each skill on stderr — only when stdin is a terminal."""
    import typer.testing

    monkeypatch.setattr(typer.testing._NamedTextIOWrapper, "isatty", lambda self: self.name == "<stdin>", raising=False)
    skills = [str(r["label"]) for r in kb.named("skills").records()]
    answers = "".join("5\n" if s in ("writing code", "software architecture") else "\n" for s in skills)
    result = runner.invoke(app, ["fit", "-f", "json"], input=answers)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"Rate {len(skills)} skills from 0 (none) to 5 (expert).")
    assert "] writing code [technical]: " in result.stderr and result.stderr.count("your level (0-5") == len(skills)
    assert f"[{len(skills)}/{len(skills)}] " in result.stderr and f"2 of {len(skills)} skills rated." in result.stderr
    data = json.loads(result.stdout)  # nothing but the result on stdout: the prompts stay on stderr
    assert data["kind"] == "fit" and data["tables"][0]["rows"][0][1] == "Software Engineer"


def test_fit_interview_reasks_skips_and_stops_with_the_answers_so_far(kb: KnowledgeBase) -> None:
    """A progress counter and a definition per skill; 'seven' and 9 are asked again; Enter skips; q keeps the answers so far."""
    import io

    from rolegraph.cli.rate import prompt_ratings

    skills = kb.named("skills").records()
    prompts = io.StringIO()
    entries = prompt_ratings(kb, io.StringIO("5\nseven\n9\n4\n\nq\n"), prompts)
    assert entries == [f"{skills[0]['label']}=5", f"{skills[1]['label']}=4"]
    text = prompts.getvalue()
    assert f"[1/{len(skills)}] {skills[0]['label']} [{skills[0]['category']}]: {skills[0]['definition']}" in text
    assert "'seven' is not a level" in text and "'9' is not a level" in text
    assert f"[4/{len(skills)}]" in text and f"[5/{len(skills)}]" not in text and "Stopped: 2 of" in text
    assert prompt_ratings(kb, io.StringIO("3\n"), io.StringIO()) == [f"{skills[0]['label']}=3"]  # end of input keeps what was said


def test_fit_shows_every_skill_name_it_read_as_another(runner: CliRunner) -> None:
    """No silent remap: an alias or typo is named in the result; a different skill is refused with the closest names."""
    data = json.loads(run(runner, "fit", "-s", "coding=5", "-s", "risk managment=3", "-f", "json").stdout)
    assert data["notes"][:2] == ["'coding' read as 'writing code'.", "'risk managment' read as 'risk management'."]
    refused = run(runner, "fit", "-s", "stakeholder management=3")
    assert refused.exit_code == ExitCode.ERROR and "'stakeholder management' is not a modelled skill" in refused.stderr
    assert "stakeholder communication" in refused.stderr and refused.stdout == ""


def test_fit_without_skills_off_a_terminal_is_one_line_error(runner: CliRunner) -> None:
    result = run(runner, "fit", "-f", "json")
    assert result.exit_code == ExitCode.ERROR and result.stdout == ""
    assert result.stderr.startswith("rolegraph: error: no skills given") and len(result.stderr.strip().splitlines()) == 1
    assert "Rate each skill" not in result.output, "no prompt when stdin is not a terminal"


def test_exit_code_table_in_readme_matches_the_code() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Exit codes", 1)[1].split("\n#", 1)[0]
    table = {int(code): meaning for code, meaning in re.findall(r"^\| (\d+) \| (.+?) \|$", section, re.MULTILINE)}
    assert {c.name: int(c) for c in ExitCode} == {"OK": 0, "ERROR": 1, "USAGE": 2, "VALIDATION_FAILED": 3, "ENDPOINT": 4, "NOT_FOUND": 5,
                                                  "INTERRUPTED": 130}
    assert set(table) == {int(c) for c in ExitCode}
    words = {ExitCode.OK: "ok", ExitCode.ERROR: "error", ExitCode.USAGE: "usage", ExitCode.VALIDATION_FAILED: "validation failed",
             ExitCode.ENDPOINT: "endpoint", ExitCode.NOT_FOUND: "unknown or ambiguous", ExitCode.INTERRUPTED: "interrupted"}
    for code, word in words.items():
        assert word in table[code].lower(), (code, table[code])


def test_interrupt_exits_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C while typer reads the command line (the command itself: tests/test_dispatch.py)."""
    from rolegraph.cli import app as app_module

    def interrupted(argv: list[str]) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(app_module, "click_command", interrupted)
    assert run_main(monkeypatch, "roles", "-fjson") == ExitCode.INTERRUPTED == 130  # -fjson: typer reads it
    assert capsys.readouterr().err == "rolegraph: interrupted\n"


def test_shell_completion(runner: CliRunner) -> None:
    script = runner.invoke(app, ["--show-completion", "bash"], prog_name="rolegraph")
    assert script.exit_code == 0, script.output
    assert "_ROLEGRAPH_COMPLETE=complete_bash" in script.stdout and "complete -o default -F _rolegraph_completion rolegraph" in script.stdout
    env = {"_ROLEGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "rolegraph comp", "COMP_CWORD": "1"}
    assert runner.invoke(app, [], env=env, prog_name="rolegraph").stdout.split() == ["compare"]
    env = {"_ROLEGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "rolegraph compare --dim", "COMP_CWORD": "2"}
    assert runner.invoke(app, [], env=env, prog_name="rolegraph").stdout.split() == ["--dimension"]


def test_ask_json_has_the_documented_layout(runner: CliRunner) -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "json.md").read_text(encoding="utf-8")
    layout, ask_meta = re.findall(r"```json\n(.*?)```", doc, re.DOTALL)[:2]
    intents = set(re.findall(r"[a-z-]+", " ".join(re.findall(r"//(.*)", ask_meta.split('"intent"')[1].split('"roles"')[0]))))
    item_keys = re.findall(r'"(\w+)":', re.search(r"^    \{(.*)\}$", ask_meta, re.MULTILINE).group(1))  # type: ignore[union-attr]
    question = 'Which role is responsible for the "what" and "why" of a solution?'
    assert json.dumps(question) in doc, "the documented example question"
    data = json.loads(run(runner, "ask", question, "-f", "json").stdout)
    assert list(data) == re.findall(r'^  "(\w+)":', layout, re.MULTILINE)
    assert list(data["meta"]) == [*re.findall(r'^  "(\w+)":', ask_meta, re.MULTILINE), "subjects"] and "`meta.subjects`" in doc
    assert list(data["meta"]["interpretation"]) == re.findall(r'^    "(\w+)":', ask_meta, re.MULTILINE)
    assert data["meta"]["interpretation"]["intent"] in intents
    assert intents == {*vocabulary()["intents"], "unknown", *STATUSES} - {"answered"}, "every intent and status is documented"
    assert data["meta"]["answer"] and all(list(item) == item_keys == ["text", "basis", "sources"] for item in data["meta"]["answer"])


@pytest.mark.slow
def test_start_up_benchmark_prints_both_ratios() -> None:
    """benchmarks/bench_cli.py runs and reports; its exit code (timing) never decides a test."""
    bench = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_cli.py"
    env = {k: v for k, v in os.environ.items() if k != "ROLEGRAPH_ENDPOINT"}
    proc = subprocess.run([sys.executable, str(bench), "--rounds", "1"], capture_output=True, text=True, env=env, timeout=600)
    assert "cli / naive =" in proc.stdout and re.search(r"compare … --format json .* [\d.]+×", proc.stdout), proc.stdout + proc.stderr


def test_a_command_keeps_only_the_knowledge_base_it_opened_last() -> None:
    from rolegraph.cli import shared

    runner = CliRunner()
    assert runner.invoke(app, ["show", "Tech PM", "--format", "json"]).exit_code == 0
    (first,) = shared._last_opened  # still referenced: the process can end without freeing it
    assert runner.invoke(app, ["show", "Tech PgM", "--format", "json"]).exit_code == 0
    (second,) = shared._last_opened  # ... and replaced by the next command's, so in-process callers hold one at most
    assert second is not first
