"""What ``ask`` keeps between processes in the cache directory (the compiled cue vocabulary, with
:mod:`rolegraph.cache`'s load and save) and the stamp that tells when something cached is stale.
"""

from __future__ import annotations

from pathlib import Path

from rolegraph import __version__
from rolegraph.cache import directory, file_name, file_stamp, load, save

__all__ = ["code_stamp", "directory", "file_name", "load", "save"]

_HERE = Path(__file__).resolve().parent
#: Files whose change changes what ask derives from the data: its own modules, the cues and the resolver.
_CODE = (*sorted(str(p.relative_to(_HERE)) for p in (*_HERE.glob("*.py"), *_HERE.glob("parse/*.py"))), "cues.toml")


def code_stamp() -> str:
    """rolegraph's version and the size and modification time of ask's modules, ``cues.toml`` and the
    resolver: it changes whenever the code that compiles cues or builds the index may have changed."""
    files = [_HERE / name for name in _CODE] + [_HERE.parent / "resolve.py"]
    return repr([__version__, *file_stamp(files)])
