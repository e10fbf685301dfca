"""Running a call under a deadline: in a worker thread that is abandoned when time runs out.

pyoxigraph releases the GIL while it evaluates, so the caller can stop waiting; the worker
cannot be stopped, so the process must end soon after (the CLI exits with ``os._exit``
when :data:`abandoned` is set). The worker gets a large stack: deeply nested queries that
pass the size limits still recurse in the engine. A worker whose process grows by more than
:data:`MAX_GROWTH_BYTES` is abandoned too.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from rolegraph.errors import QueryError

T = TypeVar("T")
ENV_TIMEOUT = "ROLEGRAPH_QUERY_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 24 * 3600.0
STACK_BYTES = 256 * 1024 * 1024
#: How much the process may grow while a query runs (the worker is abandoned beyond it).
MAX_GROWTH_BYTES = 2 * 1024**3
#: Set when a worker was left running: the process should exit without waiting for it.
abandoned = False


def timeout_from(value: float | str | None) -> float:
    """A deadline in seconds from an option or ``ROLEGRAPH_QUERY_TIMEOUT`` (default 30 s); a bad value is one line."""
    raw = value if value is not None else os.environ.get(ENV_TIMEOUT) or DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= MAX_TIMEOUT:
        raise QueryError(f"query timeout {raw!r} is not a number of seconds between 0 and {MAX_TIMEOUT:.0f}", f"e.g. --timeout 10 or {ENV_TIMEOUT}=10")
    return seconds


def run_with_deadline(call: Callable[[], T], seconds: float) -> T:
    """``call()`` if it returns within ``seconds``; else a one-line :class:`QueryError` (its worker is abandoned)."""
    global abandoned
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:  # handed to the caller's thread, which re-raises it
            box["error"] = exc

    previous = threading.stack_size(STACK_BYTES)
    try:
        worker = threading.Thread(target=work, name="rolegraph-query", daemon=True)
        worker.start()
    finally:
        threading.stack_size(previous)
    start, base = time.monotonic(), _peak_bytes()
    while worker.is_alive():
        worker.join(min(0.05, max(seconds - (time.monotonic() - start), 0)))
        if not worker.is_alive():
            break
        if time.monotonic() - start >= seconds:
            abandoned = True
            raise QueryError(f"the query did not finish within {seconds:g} s", "narrow it (LIMIT, more specific patterns) or raise --timeout")
        if _peak_bytes() - base > MAX_GROWTH_BYTES:
            abandoned = True
            raise QueryError(f"the query needed more than {MAX_GROWTH_BYTES // 1024**2} MB of memory", "narrow it (LIMIT, more specific patterns)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]


def _peak_bytes() -> int:
    """The process's peak resident size so far (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
