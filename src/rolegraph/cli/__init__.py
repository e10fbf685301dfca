"""The ``rolegraph`` command line: a thin layer over the library (typer + rich live only here)."""

from __future__ import annotations

import gc
import os
import sys

import rolegraph

TYPE_CHECKING = False
if TYPE_CHECKING:
    import signal
else:
    import _signal as signal  # as rolegraph/__init__.py: without the enums of ``signal``

#: Commands that open the packaged graph: unless the command line or environment points them at other
#: data, command_line() starts parsing it in the background before importing the CLI (see rolegraph.loading).
GRAPH_COMMANDS = frozenset({
    "ask", "centrality", "chart", "cheatsheet", "collaborate", "compare", "disagreements", "fit", "handbook", "neighbours", "path",
    "query", "quiz", "roles", "separate", "shared", "show", "skills", "slides", "sources", "validate", "why",
})


def opens_packaged_graph(argv: list[str]) -> bool:
    """Whether ``argv`` surely runs a command on the packaged graph alone (no --data, --endpoint, help or query list)."""
    if not argv or argv[0] not in GRAPH_COMMANDS or os.environ.get("ROLEGRAPH_ENDPOINT"):
        return False
    if os.environ.get("ROLEGRAPH_STORE", "auto").lower() not in ("auto", "memory", "never"):
        return False
    for arg in argv[1:]:
        name = arg.split("=", 1)[0]
        if name in ("--data", "--endpoint", "--help", "--list") or (arg[:1] == "-" and arg[1:2] != "-" and ("d" in arg or "h" in arg)):
            return False
    return True


def data_files(argv: list[str]) -> list[str]:
    """The ``--data`` files of a graph command line that may read them from a prepared store (else none)."""
    if not argv or argv[0] not in GRAPH_COMMANDS or argv[0] == "validate" or os.environ.get("ROLEGRAPH_ENDPOINT"):
        return []
    files, args = [], iter(argv[1:])
    for arg in args:
        if arg in ("--data", "-d"):
            files.append(next(args, ""))
        elif arg.startswith("--data="):
            files.append(arg.split("=", 1)[1])
        elif arg.split("=", 1)[0] in ("--endpoint", "--"):
            return []
    return [f for f in files if f]


def main() -> None:
    """The ``rolegraph`` command (and ``python -m rolegraph``): :func:`command_line`, then the process ends at once.

    Tearing the interpreter down (every module, the store, tens of thousands of objects) takes a few
    milliseconds that no command needs: all output is written and flushed when :func:`command_line` ends, no
    thread is left running and rolegraph registers no exit handlers. When a stream cannot be flushed
    (a closed pipe), or when this process is not the command (a program or test calling this), it ends
    as usual.
    """
    try:
        command_line()
    except SystemExit as done:
        code = done.code
        if isinstance(code, int | None) and is_the_command():
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            except (OSError, ValueError):
                raise done from None
            os._exit(code or 0)
        raise


def is_the_command() -> bool:
    """Whether this process is the ``rolegraph`` command: its console script or ``python -m rolegraph``."""
    started = sys.modules.get("__main__")
    spec = getattr(started, "__spec__", None)
    return getattr(spec, "name", None) == "rolegraph.__main__" or os.path.basename(getattr(started, "__file__", None) or "") == "rolegraph"


def command_line() -> None:
    """Run the command line in ``sys.argv`` and exit with its code (SystemExit): :func:`main` without its quick end, for tests."""
    # Start-up creates tens of thousands of objects that live until exit (the commands, and typer
    # and click when the command line needs them). Scanning them for reference cycles, while importing and again during every
    # full collection of the run, cost about a tenth of a short command's time
    # (benchmarks/bench_cli.py): import without collecting, then freeze what was imported so
    # later collections skip it. Collection stays on for the command itself.
    gc.disable()
    argv = sys.argv[1:]
    if opens_packaged_graph(argv):
        from rolegraph import loading

        loading.start_packaged()
    elif data := data_files(argv):  # a prepared store opens in the background too (rolegraph.engines.prepared.open_in_background)
        from pathlib import Path

        from rolegraph import resources
        from rolegraph.engines import prepared

        prepared.open_in_background([*resources.packaged_graph_paths(), *map(Path, data)])
    from rolegraph.cli import dispatch  # a plain command line runs without importing typer

    command = dispatch.parse(argv)
    if command is None:
        from rolegraph.cli.app import run
    from rolegraph.errors import ExitCode

    gc.freeze()
    gc.enable()
    try:
        if signal.getsignal(signal.SIGINT) is rolegraph._interrupted_at_start:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        code = dispatch.call(command) if command is not None else run(argv)
    except KeyboardInterrupt:
        sys.stderr.write("rolegraph: interrupted\n")
        code = ExitCode.INTERRUPTED
    from rolegraph import loading

    deadline = sys.modules.get("rolegraph.deadline")  # imported only by a command that runs queries under a deadline
    if deadline is not None and deadline.abandoned:  # a query worker is still running: do not wait for it
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    opening = sys.modules.get("rolegraph.engines.prepared")  # a prepared store opened in the background for --data
    if loading.pending() or (opening is not None and opening._opening is not None):
        # a parse or open the command did not use (a usage error, a missing file, Ctrl-C) ends before command_line() returns
        handler = signal.signal(signal.SIGINT, signal.SIG_IGN)  # all is said: a late Ctrl-C must not break the short wait
        loading.discard()
        if opening is not None:
            opening.discard()
        signal.signal(signal.SIGINT, handler)
    sys.exit(code)
