"""A prepared local store for large data: the Turtle files bulk-loaded once into an on-disk
pyoxigraph store, then opened read-only (in milliseconds) by every later command.

The store lives in ``$ROLEGRAPH_CACHE_DIR`` (default ``$XDG_CACHE_HOME/rolegraph`` or
``~/.cache/rolegraph``) under ``stores/<hash of the paths>-<hash of their sizes and mtimes>``;
when a source file changes, the next open builds a fresh store and removes the stale one.
A store is built in a temporary directory and renamed into place, so a reader never sees a
half-built store.

``ROLEGRAPH_STORE`` chooses for the CLI: ``auto`` (default: prepared when the data files
total more than :data:`AUTO_BYTES`), ``prepared`` (always) or ``memory`` (never).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from rolegraph.errors import DataFileError, RolegraphError

ENV_CACHE = "ROLEGRAPH_CACHE_DIR"
ENV_MODE = "ROLEGRAPH_STORE"
AUTO_BYTES = 8 * 1024 * 1024


def cache_dir() -> Path:
    """Where prepared stores are kept."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rolegraph"


def _stat(path: Path) -> os.stat_result:
    try:
        stat = path.stat()
    except OSError:
        raise DataFileError(f"{path}: no such file", "check the path", path=str(path)) from None
    if not path.is_file():
        raise DataFileError(f"{path}: not a file", "give a Turtle (.ttl) file", path=str(path))
    return stat


def store_key(paths: Sequence[Path]) -> tuple[str, str]:
    """The cache key: a hash of the resolved paths, and a hash of their sizes and mtimes."""
    resolved = [str(p.resolve()) for p in paths]
    states = [(s.st_size, s.st_mtime_ns) for s in map(_stat, paths)]
    return _digest(resolved), _digest([states, ox.__version__])


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
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        store = ox.Store(str(scratch))
        for path in paths:
            _bulk_load(store, path)
        store.flush()
        del store  # closes the database before it is moved
        try:
            scratch.rename(target)
        except OSError:
            if not target.is_dir():  # another process won the race: keep theirs
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _bulk_load(store: ox.Store, path: Path) -> None:
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except SyntaxError as exc:
        detail = str(getattr(exc, "msg", exc)).split(" (", 1)[0]
        raise DataFileError(
            f"{path}:{exc.lineno}: Turtle syntax error: {detail}", "fix the line", path=str(path), line=exc.lineno
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})", path=str(path)) from None


def prepared_path(paths: Sequence[str | Path], root: Path | None = None) -> Path:
    """The prepared store for ``paths``, built (and stale versions removed) if needed."""
    files = [Path(p) for p in paths]
    which, state = store_key(files)
    stores = (root or cache_dir()) / "stores"
    target = stores / f"{which}-{state}"
    if not target.is_dir():
        build(files, target)
        for stale in stores.glob(f"{which}-*"):
            if stale != target and ".tmp-" not in stale.name:
                shutil.rmtree(stale, ignore_errors=True)
    return target


def prepared_store(paths: Sequence[str | Path], root: Path | None = None) -> ox.Store:
    """A read-only store holding ``paths``, prepared once and reused while they are unchanged."""
    target = prepared_path(paths, root)
    try:
        return ox.Store.read_only(str(target))
    except OSError as exc:
        raise RolegraphError(f"cannot open the prepared store {target}: {exc}", f"delete it or set {ENV_MODE}=memory") from None
