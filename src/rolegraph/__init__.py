"""rolegraph: a sourced knowledge graph of job roles, with queries that explain how they differ.

>>> import rolegraph
>>> kb = rolegraph.open_kb()
>>> "Technical Product Manager" in [r["label"] for r in kb.named("roles").records()]
True
"""

from __future__ import annotations

import os as _os
import sys as _sys

TYPE_CHECKING = False  # typing itself is imported after the CLI has started its background parse (rolegraph.cli.main)
if TYPE_CHECKING:  # type checkers know the functions by the module that re-exports them
    import signal as _signal
else:  # the C module behind ``signal``: the same functions, without the enums ``signal`` builds when imported (3.3M
    import _signal  # instructions, a twelfth of ``python -c pass``), so Ctrl-C is handled that much sooner too


def _interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C while the ``rolegraph`` command starts: nothing to clean up yet."""
    _os.write(2, b"rolegraph: interrupted\n")
    _os._exit(130)


# The console script imports this package first, so this is the earliest point rolegraph's code
# runs: from here on Ctrl-C ends the command with one line and exit 130, never a traceback.
# Only for the ``rolegraph`` command; a program importing the library keeps its own handling.
if _os.path.basename(_sys.argv[0] if _sys.argv else "") == "rolegraph" and _signal.getsignal(_signal.SIGINT) is _signal.default_int_handler:
    _signal.signal(_signal.SIGINT, _interrupted_at_start)

from rolegraph.errors import (  # noqa: E402
    AmbiguousRole,
    DataFileError,
    EndpointError,
    ExitCode,
    QueryError,
    RolegraphError,
    RoleNotFound,
    ValidationFailed,
)

if TYPE_CHECKING:
    from typing import Any

    from rolegraph.kb import KnowledgeBase, open_kb
    from rolegraph.results import Result, SourceRef, Table

__version__ = "0.1.0"

# Imported on first use, so that `import rolegraph.cli` stays light until the CLI has set up
# its Ctrl-C handling (pyoxigraph takes a while to import).
_LAZY = {"KnowledgeBase": "rolegraph.kb", "open_kb": "rolegraph.kb", "Result": "rolegraph.results", "SourceRef": "rolegraph.results",
         "Table": "rolegraph.results"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'rolegraph' has no attribute {name!r}")

__all__ = [
    "AmbiguousRole",
    "DataFileError",
    "EndpointError",
    "ExitCode",
    "KnowledgeBase",
    "QueryError",
    "Result",
    "RoleNotFound",
    "RolegraphError",
    "SourceRef",
    "Table",
    "ValidationFailed",
    "__version__",
    "open_kb",
]
