"""The ``rolegraph`` command line: a thin layer over the library (typer + rich live only here)."""

from __future__ import annotations

import gc
import os
import signal
import sys

import rolegraph


def main() -> None:
    """Console-script entry point."""
    # Start-up creates tens of thousands of objects that live until exit (typer, click, the
    # commands). Scanning them for reference cycles, while importing and again during every
    # full collection of the run, cost about a tenth of a short command's time
    # (benchmarks/bench_cli.py): import without collecting, then freeze what was imported so
    # later collections skip it. Collection stays on for the command itself.
    gc.disable()
    from rolegraph.cli.app import run
    from rolegraph.errors import ExitCode

    gc.freeze()
    gc.enable()
    try:
        if signal.getsignal(signal.SIGINT) is rolegraph._interrupted_at_start:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        sys.stderr.write("rolegraph: interrupted\n")
        code = ExitCode.INTERRUPTED
    from rolegraph import deadline

    if deadline.abandoned:  # a query worker is still running: do not wait for it
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
