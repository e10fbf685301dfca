"""How commands declare themselves, without typer: :func:`command` registers a function, and its
parameters carry :class:`Opt` or :class:`Arg` (typer.Option's and typer.Argument's arguments, kept).

These declarations are the single source of the command line: :mod:`rolegraph.cli.app` turns
them into typer's, and :mod:`rolegraph.cli.dispatch` parses a plain command line from them
without importing typer (tests/test_dispatch.py checks both read every command line alike).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

from rolegraph import formats

F = TypeVar("F", bound=Callable[..., Any])

#: Every command, by name, in the order registered.
COMMANDS: dict[str, Callable[..., Any]] = {}


def command(name: str | None = None) -> Callable[[F], F]:
    """Register the decorated function as the command ``name`` (default: its name, ``_`` as ``-``)."""

    def register(func: F) -> F:
        COMMANDS[name or func.__name__.lower().replace("_", "-")] = func
        return func

    return register


class Param:
    """A parameter's declaration: option names (or none) and typer's settings (help, envvar, min, ...)."""

    def __init__(self, *decls: str, **settings: Any) -> None:
        self.decls = decls
        self.settings = settings


class Opt(Param):
    """An option: ``typer.Option(*decls, **settings)``."""


class Arg(Param):
    """An argument: ``typer.Argument(*decls, **settings)``."""


class CommandExit(Exception):
    """End the command with ``code`` (a documented exit code) after it has said why."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


# --- shared options (declared once, same meaning everywhere) ------------------------------------

DataOpt = Annotated[
    list[Path] | None,
    Opt("--data", "-d", help="Extra Turtle file merged on top of the shipped knowledge base (repeatable).", show_default=False),
]
FormatOpt = Annotated[
    str | None,
    Opt(
        "--format",
        "-f",
        help="Output format: rich (terminal view), " + ", ".join(formats.names()) + ". Default: rich, or the --output file's extension.",
        show_default=False,
    ),
]
OutputOpt = Annotated[Path | None, Opt("--output", "-o", help="Write to this file (atomically) instead of stdout.", show_default=False)]
FragmentOpt = Annotated[bool, Opt("--fragment", help="With --format html: a <section> to embed in a page or LMS instead of a whole page.")]
DetailOpt = Annotated[bool, Opt("--detail", help="In the terminal view, every table and note after the summary (files always hold everything).")]
EndpointOpt = Annotated[
    str | None,
    Opt(
        "--endpoint",
        envvar="ROLEGRAPH_ENDPOINT",
        help="Answer from this SPARQL 1.1 query endpoint instead of the local store (env ROLEGRAPH_ENDPOINT; "
        "credentials only from ROLEGRAPH_ENDPOINT_TOKEN or ROLEGRAPH_ENDPOINT_USER/_PASSWORD; see docs/scale.md).",
        show_default=False,
    ),
]
GraphOpt = Annotated[
    list[str] | None,
    Opt(
        "--graph",
        envvar="ROLEGRAPH_ENDPOINT_GRAPH",
        help="With --endpoint: query only this named graph (IRI; repeatable; env ROLEGRAPH_ENDPOINT_GRAPH), "
        "sent as the protocol's default-graph-uri and named-graph-uri.",
        show_default=False,
    ),
]
