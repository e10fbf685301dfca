"""A plain command line run without typer (rolegraph.cli.dispatch) calls the command exactly as typer would, or is declined."""

from __future__ import annotations

import errno
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from conftest import run_main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.main import get_command

from rolegraph.cli import dispatch
from rolegraph.cli.app import app, run
from rolegraph.cli.options import COMMANDS
from rolegraph.errors import RolegraphError

#: Command lines the start-up benchmark times (benchmarks/bench_cli.py): each must run without typer.
PLAIN = [
    ["compare", "Tech PM", "Technical Program Manager", "--format", "json"], ["compare", "Tech PM", "Technical Program Manager"],
    ["show", "Tech PgM", "--format=json"], ["separate", "Tech PM", "Tech PgM", "-f", "json"], ["path", "Software Engineer", "Tech PM"],
    ["neighbours", "Tech PgM"], ["centrality", "--top", "3"], ["skills"], ["fit", "-s", "coding=5", "-s", "product strategy=2"],
    ["why", "Tech PgM", "team"], ["sources"], ["disagreements"], ["roles", "-o", "x.json"], ["ask", "Who owns the how?", "--detail"],
    ["query", "skill-profile", "-p", "role=<https://w3id.org/rolegraph/id/role/technical-program-manager>"],
    ["validate", "--", "-x.ttl"], ["quiz", "--seed", "7", "-n", "3"],
]
#: Values and words a command line may hold: text, numbers in and out of range, option-like and empty strings, paths.
NUMBERS = [" 2", "1_0", "+4", "٣", "2.0", "0x1", ""]
WORDS = ["Tech PM", "json", "x.ttl", "0", "3", "6", "-1", " 2", "1_0", "+4", "abc", "", "-", "--", "a=b", "é", "/", "/nonexistent/x"]


def test_the_command_table_names_each_command_s_module_in_the_registered_order() -> None:
    from rolegraph.cli import commands

    commands.register()
    assert {name: func.__module__.rsplit(".", 1)[-1] for name, func in COMMANDS.items()} == commands.MODULES
    in_module_order = [name for module in dict.fromkeys(commands.MODULES.values()) for name, f in COMMANDS.items() if f.__module__.endswith("." + module)]
    assert list(commands.MODULES) == in_module_order


def test_a_plain_command_line_imports_only_its_command_s_module() -> None:
    import subprocess

    script = ("import sys; from rolegraph.cli import dispatch; dispatch.parse(sys.argv[1:]); "
              "print(sorted(m for m in sys.modules if m.startswith('rolegraph.cli.commands.')))")
    out = subprocess.run([sys.executable, "-c", script, "compare", "a", "b", "--format", "json"], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['rolegraph.cli.commands.querycmds']"


def test_the_compare_command_line_imports_neither_inspect_nor_dataclasses_nor_signal() -> None:
    """inspect imports ast, dis, tokenize and linecache: with them it is about a tenth of a cold compare's instructions
    (callgrind). dataclasses imports inspect, and each dataclass generates and compiles its methods while the command
    starts, so the records a command builds are NamedTuples or plain classes. The signal module builds enums of every
    signal and handler (3.3M instructions): Ctrl-C is handled through the C module beneath it."""
    import subprocess

    script = ("import sys\nfrom rolegraph.cli import command_line\ntry:\n    command_line()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in ('inspect', 'dataclasses', 'ast', 'dis', 'signal') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script, "compare", "Tech PM", "Technical Program Manager", "--format", "json"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.startswith("{")
    assert done.stderr.strip() == "[]"


def recorded_by_typer(argv: list[str]) -> tuple[int, dict[str, Any] | None]:
    """The exit code of ``argv`` run by typer, and the keyword arguments it called the command with (its body not run)."""
    calls: list[dict[str, Any]] = []
    info = next(i for i in app.registered_commands if i.name == argv[0])
    typed = info.callback
    assert typed is not None

    def record(**kwargs: Any) -> None:
        calls.append(kwargs)

    record.__signature__ = __import__("inspect").signature(typed)  # type: ignore[attr-defined]
    record.__annotations__, record.__doc__ = typed.__annotations__, typed.__doc__
    info.callback = record
    try:
        with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
            code = run(argv)
    finally:
        info.callback = typed
    return code, (calls[0] if calls else None)


def tokens(name: str) -> st.SearchStrategy[list[str]]:
    """Pieces of a command line for the command ``name``: its options (alone, before a word, with =word), words, help, unknown options."""
    params = get_command(app).commands[name].params  # type: ignore[attr-defined]
    names = sorted({o for p in params for o in [*p.opts, *p.secondary_opts]})
    numeric = sorted({o for p in params if p.type.name in ("integer", "int range") for o in p.opts})
    word = st.sampled_from(WORDS)
    valued = st.tuples(st.sampled_from(names or ["--x"]), word).map(list) | st.builds(lambda n, w: [f"{n}={w}"], st.sampled_from(names or ["--x"]), word)
    number = st.tuples(st.sampled_from(numeric or ["--x"]), st.integers(-2, 7).map(str) | st.sampled_from(NUMBERS)).map(list)
    odd = (st.sampled_from([*names, "-h", "--help", "--bogus", "-z", "--"]) | word
           | st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=5)).map(lambda t: [t])
    return st.one_of(valued, valued, number, number, odd)  # options with values most often


def command_lines(name: str) -> st.SearchStrategy[list[str]]:
    """``name``, most often the words its required arguments take, then pieces in any order."""
    required = sum(1 for p in get_command(app).commands[name].params if p.param_type_name == "argument" and p.required)  # type: ignore[attr-defined]
    words = st.lists(st.sampled_from(WORDS), min_size=required, max_size=required) | st.just([])
    return st.tuples(words, st.lists(tokens(name), max_size=4)).map(lambda w: [name, *w[0], *(t for piece in w[1] for t in piece)])


@contextmanager
def no_option_variables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("ROLEGRAPH_ENDPOINT", "ROLEGRAPH_ENDPOINT_GRAPH"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_line_is_parsed_as_typer_parses_it_or_declined(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    @settings(max_examples=150, deadline=None)
    @given(command_lines(name))
    def parsed_alike(argv: list[str]) -> None:
        parsed = dispatch.parse(argv)
        if parsed is not None:
            func, kwargs = parsed
            assert func is COMMANDS[name]
            assert recorded_by_typer(argv) == (0, kwargs), argv

    with no_option_variables(monkeypatch):
        parsed_alike()


def numbered_lines() -> list[list[str]]:
    """Each integer option of each command with numbers in and out of its range, and what else int() reads or refuses."""
    lines = []
    for name, click in sorted(get_command(app).commands.items()):  # type: ignore[attr-defined]
        words = ["Tech PM"] * sum(1 for p in click.params if p.param_type_name == "argument" and p.required)
        for param in click.params:
            if param.type.name in ("integer", "int range"):
                lines += [[name, *words, param.opts[0], n] for n in ["0", "1", "5", "6", "7", *NUMBERS]]
    return lines


@pytest.mark.parametrize("argv", numbered_lines())
def test_numbers_are_read_as_typer_reads_them(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    with no_option_variables(monkeypatch):
        parsed, (code, kwargs) = dispatch.parse(argv), recorded_by_typer(argv)
        assert (code, kwargs) == ((0, parsed[1]) if parsed else (2, None))


@pytest.mark.parametrize("argv", PLAIN)
def test_plain_command_lines_run_without_typer(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> None:
    with no_option_variables(monkeypatch):
        parsed = dispatch.parse(argv)
        assert parsed is not None, argv
        assert recorded_by_typer(argv) == (0, parsed[1])


@pytest.mark.parametrize(("variable", "argv"), [
    ("ROLEGRAPH_ENDPOINT", ["show", "Tech PM"]), ("ROLEGRAPH_ENDPOINT_GRAPH", ["roles"]), ("_ROLEGRAPH_COMPLETE", ["roles"]),
])
def test_what_an_environment_variable_changes_is_left_to_typer(monkeypatch: pytest.MonkeyPatch, variable: str, argv: list[str]) -> None:
    monkeypatch.setenv(variable, "x")
    assert dispatch.parse(argv) is None


def test_a_command_of_a_type_it_does_not_read_is_left_to_typer() -> None:
    assert dispatch.parse(["chart", "radar", "Tech PM", "Tech PgM"]) is None  # an enum argument


@pytest.mark.parametrize("argv", [
    ["show", "No Such Role", "-f", "json"], ["compare", "Tech PM", "Tech PgM", "--level", "bogus"],
    ["compare", "Tech PM", "Tech PgM", "--level", "senior", "--dimension", "team"], ["roles", "--format", "nope"],
    ["validate", "BAD"], ["query", "no-such-query"], ["roles", "--data", "/nonexistent/x.ttl"],
])
def test_errors_are_reported_as_typer_reports_them(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, argv: list[str]
) -> None:
    """One line on stderr and the documented exit code, the same with and without typer."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "BAD").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    assert dispatch.parse(argv) is not None
    fast = run_main(monkeypatch, *argv), capsysbinary.readouterr()
    with no_option_variables(monkeypatch):
        slow = run(argv), capsysbinary.readouterr()
    assert fast == slow and fast[0] != 0 and fast[1].err.count(b"\n") == 1, fast


@pytest.mark.parametrize(("raised", "code", "err"), [
    (KeyboardInterrupt, 130, "rolegraph: interrupted\n"), (EOFError, 1, "\nrolegraph: aborted\n"),
    (RolegraphError("no such thing", "try another"), 1, "rolegraph: error: no such thing — try another\n"),
])
def test_what_a_command_raises_ends_it_as_under_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], raised: BaseException, code: int, err: str
) -> None:
    from rolegraph.cli.commands import kbcmds

    def get_kb(*args: Any) -> Any:
        raise raised

    monkeypatch.setattr(kbcmds, "get_kb", get_kb)
    assert run_main(monkeypatch, "roles", "-f", "json") == code and capsys.readouterr().err == err
    assert run(["roles", "-f", "json"]) == code and capsys.readouterr().err == err


def test_a_closed_pipe_ends_the_command_quietly_with_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from rolegraph.cli.commands import kbcmds

    def get_kb(*args: Any) -> Any:
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr(kbcmds, "get_kb", get_kb)
    out, err = sys.stdout, sys.stderr
    try:
        assert run_main(monkeypatch, "roles") == 1
        assert type(sys.stdout).__name__ == "_Quiet"
        sys.stdout.flush()
    finally:
        sys.stdout, sys.stderr = out, err
    assert capsys.readouterr().err == ""
