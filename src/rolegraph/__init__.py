"""rolegraph: a sourced knowledge graph of job roles, with queries that explain how they differ.

>>> import rolegraph
>>> kb = rolegraph.open_kb()
>>> "Technical Product Manager" in [r["label"] for r in kb.named("roles").records()]
True
"""

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
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.results import Result, SourceRef, Table

__version__ = "0.1.0"

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
