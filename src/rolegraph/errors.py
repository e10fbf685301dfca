"""The error tree. Every error carries a one-line message, a hint and an exit code.

The library raises these; only the CLI turns them into stderr lines and exit codes.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes of the ``rolegraph`` command."""

    OK = 0
    ERROR = 1  # unreadable input, bad query, bad option value
    USAGE = 2  # wrong command-line usage (reported by the CLI framework)
    VALIDATION_FAILED = 3  # SHACL validation found violations
    ENDPOINT = 4  # a SPARQL endpoint timed out, refused or answered with an HTTP error
    NOT_FOUND = 5  # a role name is unknown or ambiguous
    INTERRUPTED = 130  # Ctrl-C


class RolegraphError(Exception):
    """Base class: a message, a hint for what would work, and an exit code."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class DataFileError(RolegraphError):
    """A Turtle file is missing, unreadable or has a syntax error."""

    def __init__(self, message: str, hint: str = "", *, path: str = "", line: int | None = None) -> None:
        super().__init__(message, hint)
        self.path = path
        self.line = line


class QueryError(RolegraphError):
    """A SPARQL query is invalid, unknown, not read-only or missing a parameter."""


class UsageError(RolegraphError):
    """The command line asks for something the command does not take (e.g. an undeclared ``--param``)."""

    exit_code = ExitCode.USAGE


class RoleNotFound(RolegraphError):
    """A role name matches no modelled role."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = "closest modelled roles: " + ", ".join(suggestions) if suggestions else "run `rolegraph roles`"
        super().__init__(f"{name!r} is not a modelled role", hint)
        self.name = name
        self.suggestions = suggestions


class AmbiguousRole(RolegraphError):
    """A role name (such as TPM) has several readings; it is never guessed."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, name: str, readings: list[str]) -> None:
        super().__init__(
            f"{name!r} is ambiguous: it can mean " + " or ".join(readings),
            "say which one you mean, e.g. " + " / ".join(repr(r) for r in readings[:2]),
        )
        self.name = name
        self.readings = readings


class ValidationFailed(RolegraphError):
    """SHACL validation found violations."""

    exit_code = ExitCode.VALIDATION_FAILED


class EndpointError(RolegraphError):
    """A remote SPARQL endpoint could not answer."""

    exit_code = ExitCode.ENDPOINT
