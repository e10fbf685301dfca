"""The typer application, its error handling and the shared options every command uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rolegraph import formats
from rolegraph.errors import ExitCode, RolegraphError
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.results import Result

TERMINAL_FORMAT = "rich"


class RolegraphGroup(TyperGroup):
    """Turns library errors into one line on stderr and a documented exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RolegraphError as error:
            fail(error)
        except KeyboardInterrupt:
            sys.stderr.write("rolegraph: interrupted\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def fail(error: RolegraphError) -> None:
    """Print ``error`` as one line on stderr and exit with its code."""
    line = f"rolegraph: error: {error.message}"
    if error.hint:
        line += f" — {error.hint}"
    sys.stderr.write(visible(line.replace("\n", " ")) + "\n")
    raise typer.Exit(int(error.exit_code))


# C0 and C1 controls (ESC starts terminal sequences), DEL, and the line/paragraph separators.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def visible(text: str, keep: str = "") -> str:
    """``text`` with control characters (but those in ``keep``) shown as ``\\xNN``: nothing from data drives the terminal."""
    return text.translate({c: r for c, r in _CONTROLS.items() if chr(c) not in keep})


def run(argv: list[str]) -> int:
    """Run the command line ``argv``; return the exit code. Every error is one line (or click's usage text) on stderr."""
    from typer._click.exceptions import ClickException

    for n, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            sys.stderr.write(f"rolegraph: error: argument {n} ({visible(ascii(arg))}) is not valid UTF-8 — pass text and file names as UTF-8\n")
            return int(ExitCode.USAGE)
    try:
        code = click_command(argv).main(argv, prog_name="rolegraph", standalone_mode=False)
    except ClickException as exc:
        import io

        text = io.StringIO()
        exc.show(file=text)
        sys.stderr.write(visible(text.getvalue(), keep="\n"))
        return exc.exit_code
    except typer.Abort:
        sys.stderr.write("rolegraph: aborted\n")
        return int(ExitCode.ERROR)
    return int(code) if isinstance(code, int) else 0


app = typer.Typer(
    cls=RolegraphGroup,
    help="Explain how job roles differ — Technical Product Manager vs Technical Program Manager and their neighbours — "
    "from a sourced knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)

# --- shared options (declared once, same meaning everywhere) ------------------------------------

DataOpt = Annotated[
    list[Path] | None,
    typer.Option("--data", "-d", help="Extra Turtle file merged on top of the shipped knowledge base (repeatable).", show_default=False),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: rich (terminal view), "
        + ", ".join(formats.names())
        + ". Default: rich, or the --output file's extension.",
        show_default=False,
    ),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.", show_default=False)]
FragmentOpt = Annotated[
    bool, typer.Option("--fragment", help="With --format html: a <section> to embed in a page or LMS instead of a whole page.")
]
DetailOpt = Annotated[
    bool, typer.Option("--detail", help="In the terminal view, every table and note after the summary (files always hold everything).")
]


EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="ROLEGRAPH_ENDPOINT",
        help="Answer from this SPARQL 1.1 query endpoint instead of the local store (env ROLEGRAPH_ENDPOINT; "
        "credentials only from ROLEGRAPH_ENDPOINT_TOKEN or ROLEGRAPH_ENDPOINT_USER/_PASSWORD; see docs/scale.md).",
        show_default=False,
    ),
]
GraphOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--graph",
        envvar="ROLEGRAPH_ENDPOINT_GRAPH",
        help="With --endpoint: query only this named graph (IRI; repeatable; env ROLEGRAPH_ENDPOINT_GRAPH), "
        "sent as the protocol's default-graph-uri and named-graph-uri.",
        show_default=False,
    ),
]


def get_kb(data: list[Path] | None, endpoint: str | None = None, graph: list[str] | None = None) -> KnowledgeBase:
    """The knowledge base for a command: packaged data plus ``--data`` files, or a remote endpoint (``graph``: its graphs).

    Large data is served from a prepared on-disk store (see :mod:`rolegraph.store`). User
    data is checked for the shape the commands read (see :mod:`rolegraph.conform`).
    """
    return open_kb(data or [], endpoint=endpoint, graphs=graph or (), prepared=None)


def _format_for(fmt: str | None, output: Path | None) -> str:
    if fmt:
        if fmt != TERMINAL_FORMAT:
            formats.get(fmt)  # unknown names fail here with the list of known ones
        return fmt
    if output is not None:
        suffix = output.suffix.lstrip(".").lower()
        for f in formats.all_formats():
            if f.extension == suffix or f.name == suffix:
                return f.name
    return TERMINAL_FORMAT


def emit(result: Result, fmt: str | None, output: Path | None, *, kb: KnowledgeBase | None, fragment: bool = False, detail: bool = False) -> None:
    """Write ``result`` to stdout or ``output`` in the chosen format.

    ``kb`` is the knowledge base the result came from (the graph of Turtle and JSON-LD
    exports), or None for results that come from no graph (validation, formats, query list).
    ``detail`` shows a summarised result whole in the terminal view.
    """
    name = _format_for(fmt, output)
    if name == TERMINAL_FORMAT:
        from rolegraph.cli.render import render_text

        data = render_text(result, to_terminal=output is None and sys.stdout.isatty(), detail=detail).encode("utf-8")
    else:
        data = formats.render(result, name, kb=kb, fragment=fragment)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_output(output, data)


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and say so on stderr."""
    from rolegraph.output import write_atomic  # tempfile, only when writing a file

    write_atomic(path, data)
    sys.stderr.write(f"rolegraph: wrote {visible(str(path))}\n")


# Commands register themselves on ``app`` when their modules are imported.
from rolegraph.cli import commands  # noqa: E402,F401


def click_command(argv: list[str]) -> Any:
    """The click command that runs ``argv`` (the arguments after the program name).

    When ``argv`` starts with a command's name, a group holding only that command: typer
    otherwise builds every command's parameters from its signature first (~25 ms). The
    command, its help and its errors are the same. Anything else — no command, an option
    first, an unknown name, shell completion — gets the whole application.
    """
    import typer.main

    completing = any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
    wanted = [
        info
        for info in app.registered_commands
        if argv and (info.name or (info.callback and typer.main.get_command_name(info.callback.__name__))) == argv[0]
    ]
    if completing or len(wanted) != 1 or app.registered_groups or app.registered_callback:
        return typer.main.get_command(app)
    everything = app.registered_commands
    app.registered_commands = wanted
    try:
        return typer.main.get_group(app)
    finally:
        app.registered_commands = everything
