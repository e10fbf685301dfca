"""Parsing Turtle files into a pyoxigraph store, and reading the packaged graph in the background
while the ``rolegraph`` command starts.

Light on purpose (os, threading, pyoxigraph and the errors only): the CLI starts the background read
before it imports anything else (pathlib, typer, the command), and pyoxigraph releases the GIL while it
parses, so the two overlap on a machine with a free core.

The packaged graph is read from an N-Triples copy of its Turtle files kept in the cache
directory: pyoxigraph reads that, without checking it again, in about two thirds of the time.
The copy's first line (a comment) names the files, their sizes and modification times and
pyoxigraph's version; a copy that does not match is written again from the Turtle files.
"""

from __future__ import annotations

import os
import threading

import pyoxigraph as ox

from rolegraph.errors import DataFileError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

    Copy = tuple[int, Path, bytes]


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
    from pathlib import Path

    files = [Path(p) for p in paths]
    return _load(files, packaged_copy(files))


def packaged_copy(paths: Sequence[Path]) -> Copy | None:
    """When ``paths`` begin with the packaged graph's files: how many, where their N-Triples copy is kept and the
    first line it must have; else None."""
    from pathlib import Path

    from rolegraph import cache, resources

    packaged = resources.packaged_graph_paths()
    if list(paths[: len(packaged)]) != packaged:
        return None
    try:
        stats = cache.file_stamp(packaged)
    except OSError:
        return None  # the Turtle files are read, and the one missing is reported
    header = f"# rolegraph's packaged graph: {stats!r}, pyoxigraph {ox.__version__}\n".encode()
    return len(packaged), Path(_copy_path()), header


def _copy_path() -> str:
    """Where the packaged graph's N-Triples copy is kept (one per installed package), found without pathlib."""
    from rolegraph import cache

    return os.path.join(cache.folder(), cache.file_name("packaged", os.path.dirname(os.path.abspath(__file__)), ".nt"))


def _load(paths: list[Path], copy: Copy | None) -> ox.Store:
    """:func:`load_store`, the first files from ``copy`` when it is current (and written when it is not)."""
    if copy is not None:
        count, where, header = copy
        store = _read_copy(where, header)
        if store is None:
            store = ox.Store()
            for path in paths[:count]:
                load_turtle(store, path)
            _write_copy(store, where, header)
        paths = paths[count:]
    else:
        store = ox.Store()
    for path in paths:
        load_turtle(store, path)
    return store


def _read_copy(where: Path, header: bytes) -> ox.Store | None:
    """A store read from the copy at ``where`` if it starts with ``header``, else None."""
    return _read(str(where), header)[1]


def _read(where: str, header: bytes | None = None) -> tuple[bytes, ox.Store | None]:
    """The first line of the copy at ``where`` and a store read from it (not read when the line is not ``header``, if
    given); an empty line and None when it cannot be read."""
    try:
        with open(where, "rb") as file:
            line = file.readline()
        if header is not None and line != header:
            return line, None
        store = ox.Store()
        store.load(path=where, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    except (OSError, SyntaxError):
        return b"", None
    return line, store


def _write_copy(store: ox.Store, where: Path, header: bytes) -> None:
    """Keep ``store``'s triples at ``where`` as N-Triples after ``header``; a read-only cache directory is not an error."""
    from rolegraph.errors import RolegraphError
    from rolegraph.output import write_atomic  # only when the copy is written: its imports stay off the common path

    triples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(where, header + (triples or b""))
    except (OSError, RolegraphError):
        pass


class _Background:
    """The packaged graph's copy read in a daemon thread, with its first line; handed over once."""

    def __init__(self) -> None:
        self.where = _copy_path()  # found here: the thread imports nothing
        self.first_line = b""
        self.store: ox.Store | None = None
        self.thread = threading.Thread(target=self._run, name="rolegraph-load", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        self.first_line, self.store = _read(self.where)  # no copy yet, or a broken one: the files are parsed on the main path


_background: _Background | None = None


def start_packaged() -> None:
    """Start reading the packaged graph's copy in the background; :func:`take` checks its first line (the files' stamps)
    and hands the store to the first open of the packaged files alone."""
    global _background
    if _background is None:
        _background = _Background()


def take(paths: Sequence[Path]) -> ox.Store | None:
    """The packaged graph read in the background when ``paths`` are its files alone and its copy is current (waiting for
    it), else None: other files are parsed afresh (the background read is then left for :func:`discard`)."""
    global _background
    if _background is None:
        return None
    copy = packaged_copy(paths)
    if copy is None or copy[0] != len(paths):
        return None
    started, _background = _background, None
    started.thread.join()
    return started.store if started.first_line == copy[2] else None


def pending() -> bool:
    """Whether a background read was started and not taken."""
    return _background is not None


def discard() -> None:
    """Wait for a background read nobody took, and drop it: no thread may still be inside pyoxigraph when the
    interpreter shuts down. It ends within milliseconds (the packaged graph parses in about 20 ms)."""
    global _background
    if _background is not None:
        _background.thread.join()
        _background = None
