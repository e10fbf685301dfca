"""Parsing Turtle files into a pyoxigraph store, and parsing the packaged graph in the background
while the ``rolegraph`` command starts.

Light on purpose (pyoxigraph, pathlib and the errors only): the CLI's background thread imports
it and is parsing within milliseconds, while the main thread imports typer and the command.
pyoxigraph releases the GIL while it parses, so the two overlap on a machine with a free core.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from rolegraph.errors import DataFileError


def check_file(path: Path) -> None:
    """Fail with a one-line error unless ``path`` is an existing file."""
    if not path.exists():
        raise DataFileError(f"{path}: no such file", "check the path", path=str(path))
    if not path.is_file():
        raise DataFileError(f"{path}: not a file", "give a Turtle (.ttl) file", path=str(path))


def load_turtle(store: ox.Store, path: Path, *, bulk: bool = False) -> None:
    """Parse one Turtle file into ``store`` (``bulk``: the fast, non-transactional loader); errors name the file and line."""
    check_file(path)
    load = store.bulk_load if bulk else store.load
    try:
        load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        line = exc.lineno
        detail = str(exc.msg if hasattr(exc, "msg") else exc).split(" (", 1)[0]
        raise DataFileError(
            f"{path}:{line}: Turtle syntax error: {detail}", "fix the line or check the file is Turtle", path=str(path), line=line
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})", path=str(path)) from None


def load_store(paths: Iterable[Path]) -> ox.Store:
    """Parse Turtle files into a fresh in-memory store; errors name the file and line."""
    store = ox.Store()
    for path in paths:
        load_turtle(store, Path(path))
    return store


class _Background:
    """:func:`load_store` of ``paths`` in a daemon thread; its store or its error is handed over once."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self.store: ox.Store | None = None
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._run, name="rolegraph-load", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.store = load_store(self.paths)
        except Exception as exc:  # handed to the thread that opens the knowledge base, raised there
            self.error = exc


_background: _Background | None = None


def start_background(paths: Sequence[Path]) -> None:
    """Start parsing ``paths`` in the background; :func:`take` hands the store to the first open of the same files."""
    global _background
    if _background is None:
        _background = _Background(paths)


def take(paths: Sequence[Path]) -> ox.Store | None:
    """The store parsed in the background from exactly ``paths`` (waiting for it; its error is raised here), else None."""
    global _background
    if _background is None or _background.paths != list(paths):
        return None
    started, _background = _background, None
    started.thread.join()
    if started.error is not None:
        raise started.error
    return started.store


def pending() -> bool:
    """Whether a background parse was started and not taken."""
    return _background is not None


def discard() -> None:
    """Wait for a background parse nobody took, and drop it: no thread may still be inside pyoxigraph when the
    interpreter shuts down. It ends within milliseconds (the packaged graph parses in about 20 ms)."""
    global _background
    if _background is not None:
        _background.thread.join()
        _background = None
