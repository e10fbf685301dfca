"""A prepared local store for large data: the Turtle files bulk-loaded once into an on-disk
pyoxigraph store, then opened read-only (in milliseconds) by every later command.

The store lives in ``$ROLEGRAPH_CACHE_DIR`` (default ``$XDG_CACHE_HOME/rolegraph`` or
``~/.cache/rolegraph``) under ``stores/<hash of the paths>-<hash of their sizes and mtimes>``
(a small index beside it keeps that name under the unhashed key, see :func:`_target`);
when a source file changes, the next open builds a fresh store and removes the stale one.
A store is built in a temporary directory and renamed into place, so a reader never sees a
half-built store.

``ROLEGRAPH_STORE`` chooses for the CLI: ``auto`` (default: prepared when the data files
total more than :data:`AUTO_BYTES`), ``prepared`` (always) or ``memory`` (never).
"""

from __future__ import annotations

import os  # shutil (and its archive modules) only where a store is built or swept, not on every command
import threading
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from rolegraph import cache
from rolegraph.errors import RolegraphError
from rolegraph.loading import check_file, load_turtle

ENV_MODE = "ROLEGRAPH_STORE"
AUTO_BYTES = 8 * 1024 * 1024
#: Bumped when the way a store is built changes, so stores built the old way are rebuilt (2: compacted).
LAYOUT = 2


def store_key(paths: Sequence[Path]) -> tuple[str, str]:
    """The cache key: a hash of the resolved paths, and a hash of their sizes and mtimes."""
    resolved, state = _state(paths)
    return _digest(resolved), _digest(state)


def _state(paths: Sequence[Path]) -> tuple[list[str], list[object]]:
    """The resolved paths, and what a store of them was built from: their sizes and mtimes, pyoxigraph's version, :data:`LAYOUT`."""
    resolved = [str(p.resolve()) for p in paths]
    for path in paths:
        check_file(path)
    return resolved, [[(s.st_size, s.st_mtime_ns) for s in (p.stat() for p in paths)], ox.__version__, LAYOUT]


def _digest(obj: object) -> str:
    import hashlib  # imported here: every command checks wants_prepared, few build a store
    import json

    return hashlib.sha256(json.dumps(obj).encode()).hexdigest()[:16]


def wants_prepared(paths: Sequence[Path]) -> bool:
    """Whether the CLI should use a prepared store for ``paths`` (see ``ROLEGRAPH_STORE``)."""
    mode = os.environ.get(ENV_MODE, "auto").lower()
    if mode in ("prepared", "always"):
        return True
    if mode in ("memory", "never"):
        return False
    return sum(p.stat().st_size for p in paths if p.is_file()) > AUTO_BYTES


def build(paths: Sequence[Path], target: Path) -> None:
    """Bulk-load ``paths`` into a new on-disk store at ``target`` (renamed into place when done)."""
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        store = ox.Store(str(scratch))
        for path in paths:
            load_turtle(store, path, bulk=True)
        from rolegraph.conform import check

        check(store, paths)  # once, here: a store in the cache has passed
        store.flush()
        store.optimize()  # compacts the bulk-loaded files: a point lookup then costs ~30 µs at 1M triples, not ~0.5 ms
        del store  # closes the database before it is moved
        try:
            scratch.rename(target)
        except OSError:
            if not target.is_dir():  # another process won the race: keep theirs
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def prepared_path(paths: Sequence[str | Path], root: Path | None = None) -> Path:
    """The prepared store for ``paths``, built (and stale versions removed) if needed."""
    import shutil

    files = [Path(p) for p in paths]
    which, target = _target(files, root)
    stores = target.parent
    if not target.is_dir():
        sweep_scratch(stores)
        try:
            build(files, target)
        except OSError as exc:
            raise RolegraphError(
                f"cannot build the prepared store in {stores}: {exc.strerror or exc}", f"set {cache.ENV} to a writable directory or {ENV_MODE}=memory"
            ) from None
        for stale in stores.glob(f"{which}-*"):
            if stale != target and ".tmp-" not in stale.name:
                shutil.rmtree(stale, ignore_errors=True)
    return target


def _target(files: Sequence[Path], root: Path | None = None) -> tuple[str, Path]:
    """The hash of ``files``' paths, and where their current prepared store is (or will be).

    The name is kept in a small index beside the stores, under the whole key it was hashed from
    (:mod:`rolegraph.cache`): a command finds its store without importing hashlib and json (about
    5 ms, on the path of the background open)."""
    stores = (root or cache.directory()) / "stores"
    resolved, state = _state(files)
    index = stores / cache.file_name("index", repr(resolved), ".marshal")
    name = cache.load(index, [resolved, state])
    if not isinstance(name, str):
        name = f"{_digest(resolved)}-{_digest(state)}"
        if (stores / name).is_dir():  # only a store that was built (a failed build leaves nothing behind)
            cache.save(index, [resolved, state], name)
    return name.split("-", 1)[0], stores / name


def sweep_scratch(stores: Path) -> None:
    """Remove ``STORE.tmp-PID`` folders that a killed build left behind (only once that process is gone)."""
    import shutil

    from rolegraph.output import pid_alive

    for scratch in stores.glob("*.tmp-*"):
        pid = scratch.name.rsplit(".tmp-", 1)[1]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            shutil.rmtree(scratch, ignore_errors=True)


def prepared_store(paths: Sequence[str | Path], root: Path | None = None) -> ox.Store:
    """A read-only store holding ``paths``, prepared once and reused while they are unchanged."""
    return open_prepared(paths, root)[0]


def open_prepared(paths: Sequence[str | Path], root: Path | None = None) -> tuple[ox.Store, Path]:
    """:func:`prepared_store`, and its folder."""
    opened = _take(paths) if root is None else None
    if opened is not None:
        return opened
    target = prepared_path(paths, root)
    try:
        return open_read_only(target), target
    except OSError as exc:
        raise RolegraphError(f"cannot open the prepared store {target}: {exc}", f"delete it or set {ENV_MODE}=memory") from None


def open_read_only(target: Path) -> ox.Store:
    """Open the store at ``target`` read-only, with the calling thread kept on one CPU meanwhile.

    RocksDB opens each column family's files with a burst of new threads (they inherit the opener's CPUs) and waits
    for them: spread over two CPUs of a virtual machine, their wake-ups made the open of a 1.13M-triple store take
    25-40 ms for 8-10 ms of work; on one CPU it takes about 9 ms. The thread's CPUs are restored afterwards.
    """
    pin = getattr(os, "sched_setaffinity", None)
    cpus = os.sched_getaffinity(0) if pin is not None else set()
    if pin is None or len(cpus) < 2:
        return ox.Store.read_only(str(target))
    pin(0, {max(cpus)})  # 0: the calling thread (Linux)
    try:
        return ox.Store.read_only(str(target))
    finally:
        pin(0, cpus)


class _Opening:
    """The prepared store of ``paths`` opened read-only in a thread, if it is wanted and already built (else nothing)."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = [str(p) for p in paths]
        self.store: ox.Store | None = None
        self.target = Path()
        self.thread = threading.Thread(target=self._run, name="rolegraph-open")  # not a daemon: exit waits for the open
        self.thread.start()

    def _run(self) -> None:
        try:
            files = [Path(p) for p in self.paths]
            if wants_prepared(files):
                self.target = _target(files)[1]
                if self.target.is_dir():
                    self.store = open_read_only(self.target)
        except Exception:  # a missing file, a damaged store: the command's own open reports it
            pass


_opening: _Opening | None = None


def open_in_background(paths: Sequence[Path]) -> None:
    """Start opening the prepared store of ``paths`` (already built, and wanted as :func:`wants_prepared` says) in a thread.

    The CLI calls it first thing for a command with ``--data``: RocksDB's read-only open (about 30 ms at
    1.13M triples; pyoxigraph releases the GIL) then overlaps the command's imports. :func:`prepared_store`
    takes the store when it opens the same paths; a store nobody takes is dropped at exit.
    """
    global _opening
    if _opening is not None:  # one nobody took (in-process callers: tests, a command that failed early)
        _opening.thread.join()
    _opening = _Opening(paths)


def discard() -> None:
    """Wait for a background open nobody took, and drop it (the next :func:`open_in_background` starts afresh)."""
    global _opening
    if _opening is not None:
        _opening.thread.join()
        _opening = None


def _take(paths: Sequence[str | Path]) -> tuple[ox.Store, Path] | None:
    """The store opened in the background for exactly ``paths`` (waiting for it) and its folder, else None."""
    global _opening
    if _opening is None or _opening.paths != [str(p) for p in paths]:
        return None
    started, _opening = _opening, None
    started.thread.join()
    return None if started.store is None else (started.store, started.target)
