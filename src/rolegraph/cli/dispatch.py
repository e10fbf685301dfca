"""Runs a plain command line without typer: parsed from the commands' own declarations
(:mod:`rolegraph.cli.options`), as click would parse it, or declined.

Importing typer and click takes longer than most commands' work. A command line made only of a
command's name, its arguments and its options written out (``--format json``, ``--format=json``,
``-f json``, flags, repeated options, ``--``) is read here, converted as typer would convert it
(str, int within its range, Path, lists) and the command called. Anything else is declined and
goes to typer (:func:`rolegraph.cli.app.run`): help, an unknown or misspelt option, a short option
with its value attached, a value that starts with ``-``, a missing or extra argument, a value
typer would refuse, an environment variable an option reads, shell completion, other types.
tests/test_dispatch.py checks that every command line parsed here calls the command exactly as typer does.
"""

from __future__ import annotations

import errno
import os
import sys
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from rolegraph.cli import commands
from rolegraph.cli.options import COMMANDS, Arg, CommandExit, Opt
from rolegraph.errors import ExitCode, RolegraphError

#: typer's settings that change nothing in how a value is read.
_DISPLAY = {"help", "show_default", "metavar"}
_SCALARS = {str, int, Path}

Call = tuple[Callable[..., Any], dict[str, Any]]

#: A parameter without a default (inspect.Parameter.empty: inspect and the modules it loads are a tenth of a compare).
_EMPTY = object()


class _Param:
    """One parameter as the parser needs it."""

    def __init__(self, name: str, kind: type, many: bool, default: Any, settings: dict[str, Any]) -> None:
        self.name, self.kind, self.many, self.default = name, kind, many, default
        self.low, self.high = settings.get("min"), settings.get("max")

    def convert(self, text: str) -> Any:
        """``text`` as typer passes it (int in range, Path, str); ValueError when typer would refuse it."""
        if self.kind is int:
            number = int(text)
            if (self.low is not None and number < self.low) or (self.high is not None and number > self.high):
                raise ValueError(text)
            return number
        if self.kind is Path:
            try:
                os.stat(text)
            except OSError:
                return Path(text)
            if not os.access(text, os.R_OK):  # typer's path type refuses an existing path it cannot read
                raise ValueError(text)
            return Path(text)
        return text


def _read(hint: Any) -> tuple[type, bool, bool] | None:
    """(value type, a list?, may be None?) of a parameter's type, or None when not plain."""
    optional = False
    if isinstance(hint, types.UnionType) and len(hint.__args__) == 2 and type(None) in hint.__args__:
        hint, optional = next(a for a in hint.__args__ if a is not type(None)), True
    many = typing.get_origin(hint) is list
    if many:
        (hint,) = typing.get_args(hint)
    return (hint, many, optional) if hint in _SCALARS or (hint is bool and not many and not optional) else None


def _parameters(func: types.FunctionType) -> list[tuple[str, Any]]:
    """The names of ``func``'s parameters in order, each with its default (``_EMPTY`` when it has none)."""
    code, defaults = func.__code__, func.__defaults__ or ()
    names = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    known = dict(zip(names[code.co_argcount - len(defaults) : code.co_argcount], defaults, strict=True)) | (func.__kwdefaults__ or {})
    return [(name, known.get(name, _EMPTY)) for name in names]


def _signature(func: Callable[..., Any]) -> tuple[dict[str, tuple[_Param, bool]], list[_Param]] | None:
    """The options (by every name: the parameter and whether it is a flag) and arguments (in order) of ``func``, or None."""
    if not isinstance(func, types.FunctionType):
        return None
    hints = typing.get_type_hints(func, include_extras=True)
    options: dict[str, tuple[_Param, bool]] = {}
    arguments: list[_Param] = []
    for name, default in _parameters(func):
        hint = hints[name]
        if typing.get_origin(hint) is not Annotated:
            return None
        base, *extras = typing.get_args(hint)
        decls = [e for e in extras if isinstance(e, Opt | Arg)]
        read = _read(base)
        if len(decls) != 1 or read is None or set(decls[0].settings) - _DISPLAY - {"min", "max", "envvar"}:
            return None
        decl, (kind, many, optional) = decls[0], read
        envvar = decl.settings.get("envvar")
        if envvar and any(v in os.environ for v in ([envvar] if isinstance(envvar, str) else envvar)):
            return None  # click would read the variable: left to it
        if default is _EMPTY and (optional or kind is bool):
            return None
        param = _Param(name, kind, many, default, decl.settings)
        if isinstance(decl, Arg):
            if decl.decls or kind is bool or (many and default is not None and default is not _EMPTY):
                return None
            arguments.append(param)
            continue
        names = decl.decls or ("--" + name.lower().replace("_", "-"),)
        if kind is bool and (default is not False or not decl.decls):
            return None
        if any(not n.startswith("-") or "/" in n for n in names):
            return None
        options |= dict.fromkeys(names, (param, kind is bool))
    if any(a.many for a in arguments[:-1]):
        return None
    return options, arguments


def parse(argv: list[str]) -> Call | None:
    """The command and the keyword arguments ``argv`` calls it with, or None when typer should read it."""
    if not argv or argv[0] not in commands.MODULES or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None
    commands.register(argv[0])
    try:
        for arg in argv:
            arg.encode("utf-8")
    except UnicodeEncodeError:
        return None
    func = COMMANDS[argv[0]]
    found = _signature(func)
    if found is None:
        return None
    options, arguments = found
    values: dict[str, Any] = {}
    positional: list[str] = []
    rest = iter(argv[1:])
    try:
        for token in rest:
            if token == "--":
                positional += rest
            elif token == "-" or not token.startswith("-"):
                positional.append(token)
            else:
                name, equals, value = token.partition("=") if token.startswith("--") else (token, "", "")
                param, flag = options[name]
                if flag:
                    if equals:
                        return None
                    values[param.name] = True
                    continue
                if not equals:
                    value = next(rest)
                    if value.startswith("-"):
                        return None
                converted = param.convert(value)
                values[param.name] = [*values.get(param.name, []), converted] if param.many else converted
    except (KeyError, StopIteration, ValueError):
        return None
    for param in arguments:
        if param.many and positional:
            taken, positional = positional, []
        elif positional and not param.many:
            taken, positional = positional[:1], positional[1:]
        elif param.default is _EMPTY:
            return None
        else:
            continue
        try:
            converted = [param.convert(t) for t in taken]
        except ValueError:
            return None
        values[param.name] = converted if param.many else converted[0]
    if positional:
        return None
    for param, _ in options.values():
        if param.name not in values:
            if param.default is _EMPTY:
                return None
            values[param.name] = param.default
    for param in arguments:
        values.setdefault(param.name, param.default)
    return func, values


def call(command: Call) -> int:
    """Run a parsed command as typer runs it (rolegraph.cli.app): its exit code; library errors as one line."""
    func, kwargs = command
    try:
        try:
            func(**kwargs)
        except RolegraphError as error:
            from rolegraph.cli.shared import error_line

            sys.stderr.write(error_line(error))
            return int(error.exit_code)
        except CommandExit as done:
            return done.code
        except KeyboardInterrupt:
            sys.stderr.write("rolegraph: interrupted\n")
            return int(ExitCode.INTERRUPTED)
    except EOFError:
        sys.stderr.write("\nrolegraph: aborted\n")
        return int(ExitCode.ERROR)
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout, sys.stderr = _Quiet(sys.stdout), _Quiet(sys.stderr)
        sys.exit(1)
    return 0


class _Quiet:
    """A stream whose flush ignores a closed pipe (click's PacifyFlushWrapper: the reader has gone)."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)
