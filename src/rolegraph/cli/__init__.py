"""The ``rolegraph`` command line: a thin layer over the library (typer + rich live only here)."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    """Console-script entry point."""
    # Start-up creates tens of thousands of objects that live until exit (typer, click, the
    # commands). Scanning them for reference cycles, while importing and again during every
    # full collection of the run, cost about a tenth of a short command's time
    # (benchmarks/bench_cli.py): import without collecting, then freeze what was imported so
    # later collections skip it. Collection stays on for the command itself.
    gc.disable()
    from rolegraph.cli.app import click_command
    from rolegraph.errors import ExitCode

    gc.freeze()
    gc.enable()
    try:
        click_command(sys.argv[1:])(prog_name="rolegraph")
    except KeyboardInterrupt:
        sys.stderr.write("rolegraph: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
