"""The ``rolegraph`` command line: a thin layer over the library (typer + rich live only here)."""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    from rolegraph.cli.app import click_command
    from rolegraph.errors import ExitCode

    try:
        click_command(sys.argv[1:])(prog_name="rolegraph")
    except KeyboardInterrupt:
        sys.stderr.write("rolegraph: interrupted\n")
        sys.exit(ExitCode.INTERRUPTED)
