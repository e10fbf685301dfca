"""Values kept between processes in the cache directory, each stored with the key it was derived
under and read back only when the stored key equals the current one, compared whole (no hash, so
no collision and no hashlib import on every command). ``ask`` keeps its compiled cues here, the
graph commands what networkx derives from the data (see :mod:`rolegraph.graph`).
"""

from __future__ import annotations

import binascii
import marshal
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any

#: Overrides where the cache directory is (prepared stores, the ask index, derived values).
ENV = "ROLEGRAPH_CACHE_DIR"


def file_name(prefix: str, what: str, suffix: str) -> str:
    """A cache file name for ``what`` (e.g. the paths of the data files): a short checksum of it."""
    return f"{prefix}-{binascii.crc32(what.encode()):08x}{suffix}"


def directory() -> Path:
    """The cache directory: ``$ROLEGRAPH_CACHE_DIR``, else ``rolegraph`` under the XDG cache home."""
    from pathlib import Path

    return Path(folder())


def folder() -> str:
    """:func:`directory` as text, found without pathlib (the CLI starts reading the packaged graph before importing it)."""
    if os.environ.get(ENV):
        return os.environ[ENV]
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "rolegraph")


def file_stamp(files: Iterable[str | Path]) -> list[tuple[str, int, int]]:
    """Each file's path, size and modification time: part of a key that must change when a file does (OSError if one is missing)."""
    return [(str(f), s.st_size, s.st_mtime_ns) for f, s in ((f, os.stat(f)) for f in files)]


def load(path: Path, key: Any) -> Any:
    """The value stored at ``path`` under ``key``, or None when absent, unreadable or stored under another key."""
    try:
        stored_key, value = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if stored_key == key else None


def save(path: Path, key: Any, value: Any) -> None:
    """Store ``value`` under ``key`` at ``path``, atomically; a read-only cache directory is not an error."""
    from rolegraph.errors import RolegraphError
    from rolegraph.output import write_atomic  # only when something is cached: its imports stay off the common path

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, marshal.dumps((key, value)))
    except (OSError, ValueError, RolegraphError):
        pass
