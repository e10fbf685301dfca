"""The typer application, built from the commands' declarations (:mod:`rolegraph.cli.options`), and its error handling.

A plain command line is run without it (:mod:`rolegraph.cli.dispatch`); help, completion, usage
errors and anything unusual come here.
"""

from __future__ import annotations

import os
import sys
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rolegraph.cli.options import COMMANDS, CommandExit, Opt, Param
from rolegraph.cli.shared import error_line, visible
from rolegraph.errors import ExitCode, RolegraphError


class RolegraphGroup(TyperGroup):
    """Turns library errors into one line on stderr and a documented exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RolegraphError as error:
            fail(error)
        except CommandExit as done:
            raise typer.Exit(done.code) from None
        except KeyboardInterrupt:
            sys.stderr.write("rolegraph: interrupted\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def fail(error: RolegraphError) -> None:
    """Print ``error`` as one line on stderr and exit with its code."""
    sys.stderr.write(error_line(error))
    raise typer.Exit(int(error.exit_code))


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


def typer_callback(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its :class:`Opt` and :class:`Arg` declarations as typer's (a copy: ``func`` keeps its own)."""
    hints = typing.get_type_hints(func, include_extras=True)
    for name, hint in hints.items():
        if typing.get_origin(hint) is Annotated:
            base, *extras = typing.get_args(hint)
            hints[name] = Annotated[(base, *(typer_param(e) if isinstance(e, Param) else e for e in extras))]
    copy = types.FunctionType(func.__code__, func.__globals__, func.__name__, func.__defaults__, func.__closure__)
    copy.__kwdefaults__, copy.__doc__, copy.__module__, copy.__qualname__ = func.__kwdefaults__, func.__doc__, func.__module__, func.__qualname__
    copy.__annotations__ = hints
    return copy


def typer_param(param: Param) -> Any:
    """typer's Option or Argument for a declaration."""
    make = typer.Option if isinstance(param, Opt) else typer.Argument
    return make(*param.decls, **param.settings)


# Importing the command modules registers them; typer gets each with typer's declarations.
from rolegraph.cli import commands  # noqa: E402

commands.register()
for _name in commands.MODULES:
    app.command(_name)(typer_callback(COMMANDS[_name]))


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
