"""What ``ask`` keeps between processes in the cache directory (the compiled cue vocabulary) and
the stamp that tells when something cached is stale.

A cached value is stored with its key, and read back only when the stored key equals the
current one, compared whole (no hash, so no collision and no hashlib import on every question).
"""

from __future__ import annotations

import binascii
import marshal
from pathlib import Path
from typing import Any

from rolegraph import __version__

_HERE = Path(__file__).resolve().parent
#: Files whose change changes what ask derives from the data: its own modules, the cues and the resolver.
_CODE = (*sorted(p.name for p in _HERE.glob("*.py")), "cues.toml")


def code_stamp() -> str:
    """rolegraph's version and the size and modification time of ask's modules, ``cues.toml`` and the
    resolver: it changes whenever the code that compiles cues or builds the index may have changed."""
    files = [_HERE / name for name in _CODE] + [_HERE.parent / "resolve.py"]
    return repr([__version__, *((f.name, s.st_size, s.st_mtime_ns) for f, s in ((f, f.stat()) for f in files))])


def file_name(prefix: str, what: str, suffix: str) -> str:
    """A cache file name for ``what`` (e.g. the paths of the data files): a short checksum of it."""
    return f"{prefix}-{binascii.crc32(what.encode()):08x}{suffix}"


def directory() -> Path:
    """The cache directory (``ROLEGRAPH_CACHE_DIR``, as for prepared stores)."""
    from rolegraph.store import cache_dir

    return cache_dir()


def load(path: Path, key: str) -> Any:
    """The value stored at ``path`` under ``key``, or None when absent, unreadable or stored under another key."""
    try:
        stored_key, value = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return value if stored_key == key else None


def save(path: Path, key: str, value: Any) -> None:
    """Store ``value`` under ``key`` at ``path``, atomically; a read-only cache directory is not an error."""
    from rolegraph.errors import RolegraphError
    from rolegraph.output import write_atomic  # only when something is cached: its imports stay off the common path

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, marshal.dumps((key, value)))
    except (OSError, ValueError, RolegraphError):
        pass
