"""Remote SPARQL 1.1 endpoints: the :class:`~rolegraph.kb.Engine` over HTTP (stdlib only).

Queries are sent with the SPARQL 1.1 Protocol (``POST`` ``application/sparql-query``);
parameters travel as an escaped ``VALUES`` block, never pasted in. Every failure —
unreachable host, timeout, HTTP error, malformed answer — becomes one
:class:`~rolegraph.errors.EndpointError` line (exit code 4).

Credentials come from the environment, never from the command line:

* ``ROLEGRAPH_ENDPOINT_TOKEN`` — sent as ``Authorization: Bearer …``; or
* ``ROLEGRAPH_ENDPOINT_USER`` and ``ROLEGRAPH_ENDPOINT_PASSWORD`` — HTTP Basic.

User info written into a URL (``https://user:pw@host/sparql``) is also used as Basic
credentials. URLs in messages, logs and reprs have their user info and secret-looking query
parameters removed, and any secret text is scrubbed from error messages.
``ROLEGRAPH_ENDPOINT_TIMEOUT`` sets the timeout in seconds (default 30).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from typing import Any

from rolegraph.errors import EndpointError, QueryError
from rolegraph.kb import Rows, literal_cell, ntriples_text
from rolegraph.queries import ParamValue, inject_values
from rolegraph.results import Cell

ENV_TOKEN = "ROLEGRAPH_ENDPOINT_TOKEN"
ENV_USER = "ROLEGRAPH_ENDPOINT_USER"
ENV_PASSWORD = "ROLEGRAPH_ENDPOINT_PASSWORD"
ENV_TIMEOUT = "ROLEGRAPH_ENDPOINT_TIMEOUT"
DEFAULT_TIMEOUT = 30.0

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"

log = logging.getLogger(__name__)
_SECRET_PARAM = re.compile(r"(?i)(key|token|secret|pass|auth|sig)")


class Auth:
    """An ``Authorization`` header value and the secrets to scrub from messages; never printed."""

    __slots__ = ("header", "secrets")

    def __init__(self, header: str | None = None, secrets: Iterable[str] = ()) -> None:
        self.header = header
        self.secrets = tuple(s for s in secrets if s)

    def __repr__(self) -> str:
        return "Auth(<hidden>)" if self.header else "Auth(None)"

    def scrub(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def redact(url: str) -> str:
    """``url`` without user info and with secret-looking query values hidden."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = urllib.parse.urlencode(
        [(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)],
        safe="/:",
    )
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, ""))


def split_auth(url: str) -> tuple[str, Auth]:
    """The URL without user info, and the credentials to send (URL user info, then the environment)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        raise EndpointError("the endpoint URL is not valid", "give an http:// or https:// URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{redact(url)!r} is not an http(s) URL", "give an http:// or https:// URL")
    clean = urllib.parse.urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1], parts.path, parts.query, ""))
    secrets = [s for s in (parts.password, os.environ.get(ENV_TOKEN), os.environ.get(ENV_PASSWORD)) if s]
    if parts.username is not None:
        user, password = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
        return clean, Auth(_basic(user, password), [*secrets, password])
    if os.environ.get(ENV_TOKEN):
        return clean, Auth("Bearer " + os.environ[ENV_TOKEN], secrets)
    if os.environ.get(ENV_USER):
        return clean, Auth(_basic(os.environ[ENV_USER], os.environ.get(ENV_PASSWORD, "")), secrets)
    return clean, Auth(None, secrets)


def env_timeout() -> float:
    """The timeout from ``ROLEGRAPH_ENDPOINT_TIMEOUT`` (seconds), or the default."""
    raw = os.environ.get(ENV_TIMEOUT, "")
    try:
        return float(raw) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise EndpointError(f"{ENV_TIMEOUT}={raw!r} is not a number of seconds") from None


class Http:
    """One endpoint URL with its credentials and timeout; sends requests, raises one-line errors."""

    def __init__(self, url: str, *, timeout: float | None = None) -> None:
        self.url, self.auth = split_auth(url)
        self.timeout = env_timeout() if timeout is None else timeout

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact(self.url)!r})"

    def request(self, method: str, body: bytes | None, content_type: str | None, accept: str, url: str | None = None) -> bytes:
        """Send one request and return the response body."""
        target = url or self.url
        shown = redact(target)
        headers = {"Accept": accept, "User-Agent": "rolegraph"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.auth.header:
            headers["Authorization"] = self.auth.header
        log.debug("%s %s", method, shown)
        req = urllib.request.Request(target, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                data: bytes = response.read()
                return data
        except urllib.error.HTTPError as exc:
            message = f"SPARQL endpoint {shown} answered HTTP {exc.code} {exc.reason}" + _error_detail(exc)
            hint = "check the credentials in the environment" if exc.code in (401, 403) else "check the URL and the server's log"
        except (OSError, ValueError) as exc:  # URLError, timeouts, resets, malformed URLs
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(reason, TimeoutError):
                message, hint = f"SPARQL endpoint {shown} did not answer within {self.timeout:g} s", "try again or raise " + ENV_TIMEOUT
            else:
                message, hint = f"cannot reach SPARQL endpoint {shown}: {_reason(reason)}", "check the URL and that the server is running"
        raise EndpointError(self.auth.scrub(message), hint) from None


def _error_detail(error: urllib.error.HTTPError) -> str:
    """': ' and the first line of an error response's body, or '' when it has none or cannot be read."""
    try:
        line = _first_line(error.read(2000))
    except OSError:
        return ""
    return f": {line}" if line else ""


def _first_line(data: bytes) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text.splitlines()[0][:200] if text else ""


def _reason(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    return str(getattr(reason, "strerror", None) or reason)


def json_cell(term: dict[str, Any] | None) -> Cell:
    """A SPARQL JSON result term as the same plain cell the local engine gives."""
    if term is None:
        return None
    kind, value = term.get("type"), str(term.get("value", ""))
    if kind in ("literal", "typed-literal"):
        return literal_cell(value, term.get("datatype"))
    if kind == "bnode":
        return "_:" + value
    return value


def parse_select(data: bytes) -> Rows:
    """Rows from a ``application/sparql-results+json`` document."""
    try:
        doc = json.loads(data)
        columns = [str(v) for v in doc["head"]["vars"]]
        bindings = doc["results"]["bindings"]
        return Rows(columns, [[json_cell(b.get(c)) for c in columns] for b in bindings])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EndpointError(
            "the SPARQL endpoint returned a malformed JSON result", "is the URL a SPARQL query endpoint?"
        ) from None


def _construct_answer(data: bytes) -> str:
    """The endpoint's N-Triples, formatted like the local engine's CONSTRUCT answer."""
    import pyoxigraph as ox

    try:
        return ntriples_text([q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)])
    except SyntaxError:
        raise EndpointError("the SPARQL endpoint returned malformed N-Triples") from None


class EndpointEngine(Http):
    """Answers SPARQL from a remote SPARQL 1.1 query endpoint.

    >>> EndpointEngine("https://user:secret@example.org/sparql")
    EndpointEngine('https://example.org/sparql')
    """

    def _post(self, text: str, params: dict[str, ParamValue], accept: str) -> bytes:
        return self.request("POST", inject_values(text, params).encode("utf-8"), "application/sparql-query", accept)

    def select(self, text: str, params: dict[str, ParamValue]) -> Rows:
        return parse_select(self._post(text, params, SPARQL_JSON))

    def ask(self, text: str, params: dict[str, ParamValue]) -> bool:
        try:
            answer = json.loads(self._post(text, params, SPARQL_JSON))["boolean"]
        except (ValueError, KeyError, TypeError):
            raise EndpointError("the SPARQL endpoint returned a malformed ASK result") from None
        if not isinstance(answer, bool):
            raise QueryError("expected an ASK query")
        return answer

    def construct(self, text: str, params: dict[str, ParamValue]) -> str:
        return _construct_answer(self._post(text, params, N_TRIPLES))
