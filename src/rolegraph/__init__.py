"""rolegraph: a sourced knowledge graph of job roles, with queries that explain how they differ.

>>> import rolegraph
>>> kb = rolegraph.open_kb()
>>> "Technical Product Manager" in [r["label"] for r in kb.named("roles").records()]
True
"""

from typing import TYPE_CHECKING, Any

from rolegraph.errors import (
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
