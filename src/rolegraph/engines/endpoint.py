"""Remote SPARQL 1.1 endpoints: the :class:`~rolegraph.engines.base.Engine` over HTTP.

Queries are sent with the SPARQL 1.1 Protocol as a form-encoded POST (``query=…``), which
every server accepts; ``ROLEGRAPH_ENDPOINT_METHOD=direct`` sends a direct POST
(``application/sparql-query``) and ``=get`` a GET instead. Parameters travel as an escaped
``VALUES`` block, never pasted in. ``graphs`` (the CLI's ``--graph``) become the protocol's
``default-graph-uri`` and ``named-graph-uri``: the query sees only those graphs.

One HTTP connection is kept open for every query of a command (keep-alive). Requests go out on
the standard library's ``http.client`` (:mod:`rolegraph.engines.wire`), which costs about what a bare
request does; through a proxy, or with a user and password to negotiate, httpx sends them
(:mod:`rolegraph.engines.endpoint_httpx`). Every failure —
unreachable host, timeout, HTTP error, redirect, broken protocol, malformed or truncated
answer — becomes one :class:`~rolegraph.errors.EndpointError` line (exit code 4).

Credentials come from the environment, never from the command line:

* ``ROLEGRAPH_ENDPOINT_TOKEN`` — sent as ``Authorization: Bearer …``; or
* ``ROLEGRAPH_ENDPOINT_USER`` and ``ROLEGRAPH_ENDPOINT_PASSWORD`` — sent only when the
  server asks (HTTP 401), as Basic or Digest as its challenge says; ``ROLEGRAPH_ENDPOINT_AUTH``
  ``=basic`` sends Basic with every request, ``=digest`` only Digest.

User info written into a URL (``https://user:pw@host/sparql``) is used like USER/PASSWORD.
Credentials are sent only to the endpoint's own origin: a redirect elsewhere is an error. URLs
in messages have their user info and secret-looking query values removed, and every form of a
secret (raw, URL-encoded, base64 ``user:password``, the header value) is scrubbed from messages.

``ROLEGRAPH_ENDPOINT_TIMEOUT`` (seconds, default 30) is a deadline for the whole request, not
per network read, and an answer larger than :data:`MAX_RESPONSE_BYTES` is refused. Proxies
come from the usual ``HTTPS_PROXY`` / ``HTTP_PROXY`` / ``NO_PROXY`` variables.
"""

from __future__ import annotations

import functools
import gc
import http.client
import json
import math
import os
import queue
import re
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from rolegraph.engines.base import NAMED_PLANS, RG, Rows, literal_cell, ntriples_text
from rolegraph.errors import EndpointError, QueryError
from rolegraph.queries import ParamValue, catalogue, code_only, inject_values, values_block
from rolegraph.results import Cell

ENV_TOKEN = "ROLEGRAPH_ENDPOINT_TOKEN"
ENV_USER = "ROLEGRAPH_ENDPOINT_USER"
ENV_PASSWORD = "ROLEGRAPH_ENDPOINT_PASSWORD"
ENV_AUTH = "ROLEGRAPH_ENDPOINT_AUTH"
ENV_TIMEOUT = "ROLEGRAPH_ENDPOINT_TIMEOUT"
ENV_METHOD = "ROLEGRAPH_ENDPOINT_METHOD"
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 24 * 3600.0
#: The largest answer accepted (after decompression).
MAX_RESPONSE_BYTES = 512 * 1024 * 1024
METHODS = {"form": "form POST", "direct": "direct POST", "get": "GET"}

SPARQL_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_HOPS = 5

_SECRET_PARAM = re.compile(r"(?i)(key|token|secret|pass|auth|sig)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
T = TypeVar("T")


class Auth:
    """Credentials for one endpoint and every form of them to scrub from messages; never printed."""

    __slots__ = ("password", "scheme", "secrets", "user")

    def __init__(self, scheme: str | None = None, user: str = "", password: str = "", extra: Iterable[str] = ()) -> None:
        self.scheme, self.user, self.password = scheme, user, password
        forms = [password, *extra]
        if scheme == "bearer":
            forms.append("Bearer " + password)
        elif scheme:
            forms.append(_b64(f"{user}:{password}"))
        forms += [urllib.parse.quote(f, safe="") for f in list(forms)] + [urllib.parse.quote_plus(f) for f in list(forms)]
        self.secrets = tuple(sorted({s for s in forms if len(s) >= 3}, key=len, reverse=True))

    def __repr__(self) -> str:
        return f"Auth({self.scheme or 'None'}, <hidden>)" if self.scheme else "Auth(None)"

    @property
    def header(self) -> str | None:
        """The ``Authorization`` value sent unasked (Bearer, or Basic when chosen); None for Digest, auto or no credentials."""
        if self.scheme == "bearer":
            return "Bearer " + self.password
        if self.scheme == "basic":
            return "Basic " + _b64(f"{self.user}:{self.password}")
        return None

    def scrub(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``."""
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


def _b64(text: str) -> str:
    import base64

    return base64.b64encode(text.encode()).decode("ascii")


def redact(url: str) -> str:
    """``url`` without user info and with secret-looking query values hidden."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "<invalid URL>"
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = urllib.parse.urlencode(
        [(k, "***" if _SECRET_PARAM.search(k) else v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)],
        safe="/:*",
    )
    return _CONTROL.sub("", urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, "")))


def split_auth(url: str) -> tuple[str, Auth]:
    """The URL without user info, and the credentials to send (URL user info, then the environment)."""
    hint = "give an http:// or https:// URL such as http://localhost:7878/query"
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        raise EndpointError(f"the endpoint URL {redact(url)!r} is not valid (bad host or port)", hint) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{redact(url)!r} is not an http(s) URL", hint)
    if _CONTROL.search(url) or " " in url:
        raise EndpointError(f"the endpoint URL {redact(url)!r} contains spaces or control characters", hint)
    del port
    clean = urllib.parse.urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1], parts.path, parts.query, ""))
    env = os.environ
    extra = [s for s in (env.get(ENV_TOKEN), env.get(ENV_PASSWORD), parts.password) if s]
    scheme = env.get(ENV_AUTH, "").strip().lower() or "auto"
    if scheme not in ("auto", "basic", "digest"):
        raise EndpointError(f"{ENV_AUTH}={scheme[:20]!r} is not an authentication scheme", "use auto, basic or digest")
    if parts.username is not None:
        user, password = urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
        return clean, Auth(scheme, user, password, extra)
    if env.get(ENV_TOKEN):
        return clean, Auth("bearer", "", env[ENV_TOKEN], extra)
    if env.get(ENV_USER):
        return clean, Auth(scheme, env[ENV_USER], env.get(ENV_PASSWORD, ""), extra)
    return clean, Auth(None, extra=extra)


def check_timeout(seconds: float, where: str = ENV_TIMEOUT) -> float:
    """``seconds`` if it is a usable timeout (finite, positive, at most a day)."""
    if not math.isfinite(seconds) or not 0 < seconds <= MAX_TIMEOUT:
        raise EndpointError(f"{where}={seconds:g} is not a usable timeout", f"give a number of seconds between 0 and {MAX_TIMEOUT:g}, e.g. 30")
    return seconds


def env_timeout() -> float:
    """The timeout from ``ROLEGRAPH_ENDPOINT_TIMEOUT`` (seconds), or the default."""
    raw = os.environ.get(ENV_TIMEOUT, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        raise EndpointError(f"{ENV_TIMEOUT}={raw[:40]!r} is not a number of seconds", "e.g. 30") from None
    return check_timeout(seconds)


def _debug(method: str, url: str) -> None:
    """Log a request at DEBUG level, if the program uses :mod:`logging` at all (it is not imported for this)."""
    logging = sys.modules.get("logging")
    if logging is not None and logging.getLogger(__name__).isEnabledFor(logging.DEBUG):
        logging.getLogger(__name__).debug("%s %s", method, redact(url))


def _proxies_set() -> bool:
    """Whether the environment names a proxy (then httpx sends the requests, honouring ``NO_PROXY``)."""
    return any(os.environ.get(name) for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"))


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or {"http": 80, "https": 443}.get(parts.scheme)


@dataclass(frozen=True)
class Answer:
    """One HTTP response: status, headers (lower-case names) and the whole body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class Http:
    """One server URL with its credentials and deadline; sends requests on one kept-alive connection."""

    kind = "right URL"  # what the URL should be, named in a timeout message

    def __init__(self, url: str, *, timeout: float | None = None, auth: Auth | None = None) -> None:
        self.url, found = split_auth(url)
        self.auth = found if auth is None else auth
        self.timeout = env_timeout() if timeout is None else check_timeout(timeout, "timeout")
        self._via_httpx = self.auth.scheme in ("auto", "digest") or _proxies_set()
        self._connection: Any = None  # a wire.Connection, or (through a proxy or with negotiated credentials) an endpoint_httpx.Client
        self._worker: _Worker | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact(self.url)!r})"

    def close(self) -> None:
        """Close the kept-alive connection."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def fail(self, message: str, hint: str = "") -> EndpointError:
        """A one-line error with every secret scrubbed and control characters removed."""
        return EndpointError(_CONTROL.sub(" ", self.auth.scrub(message)), _CONTROL.sub(" ", self.auth.scrub(hint)))

    def request(
        self,
        method: str,
        *,
        url: str | None = None,
        content: bytes | None = None,
        form: dict[str, str | list[str]] | None = None,
        params: dict[str, str | list[str]] | None = None,
        content_type: str | None = None,
        accept: str = "*/*",
        what: str = "",
        check: bool = True,
    ) -> Answer:
        """Send one request (following same-origin redirects that keep the method and body) and return the answer.

        A status other than 2xx raises unless ``check`` is false; ``what`` names the request in a timeout message.
        """
        target = url or self.url
        headers = {"Accept": accept, "User-Agent": "rolegraph"}
        if self.auth.header:
            headers["Authorization"] = self.auth.header
        if content_type:
            headers["Content-Type"] = content_type
        if form is not None:
            content = urllib.parse.urlencode(form, doseq=True).encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if params:
            target = _with_params(target, params)
        deadline = time.monotonic() + self.timeout
        what = what or method
        for _hop in range(_MAX_HOPS + 1):
            _debug(method, target)
            answer = self._exchange(method, target, content, headers, deadline, what)
            if answer.status not in _REDIRECTS:
                break
            target = self._redirect(method, target, answer)
        else:
            raise self.fail(f"the server {redact(self.url)} redirected more than {_MAX_HOPS} times", "give the final URL")
        if check and not 200 <= answer.status < 300:
            raise self._status_error(answer, target)
        return answer

    def _redirect(self, method: str, target: str, answer: Answer) -> str:
        location = urllib.parse.urljoin(target, answer.headers.get("location", ""))
        shown = redact(location)
        if _origin(location) != _origin(self.url):
            raise self.fail(
                f"the server {redact(target)} redirected to another origin ({shown}); rolegraph does not send credentials or queries there",
                "give that URL directly if you trust it",
            )
        if method != "GET" and answer.status not in (307, 308):
            raise self.fail(
                f"the server {redact(target)} answered HTTP {answer.status} (redirect to {shown}), which would turn the {method} into a GET without its body",
                "give the final URL",
            )
        return location

    def _status_error(self, answer: Answer, target: str) -> EndpointError:
        reason = _REASONS.get(answer.status, "")
        message = f"the server {redact(target)} answered HTTP {answer.status}{' ' + reason if reason else ''}"
        detail = error_text(answer.body, answer.media_type)
        if detail:
            message += f": {detail}"
        if answer.status in (401, 403):
            hint = f"check the credentials in the environment ({ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}) and the user's rights"
        elif answer.status in (404, 405):
            hint = "check the URL: is it the server's SPARQL query URL (or Graph Store URL for publish)?"
        else:
            hint = "check the URL and the server's log"
        return self.fail(message, hint)

    def _within_deadline(self, deadline: float, what: str, target: str, call: Callable[[], T]) -> T:
        """Run ``call`` on the worker thread and give up at ``deadline`` (a server trickling bytes is cut off)."""
        if self._worker is None:
            self._worker = _Worker()
        job = self._worker.submit(call)
        if not job.done.wait(max(0.0, deadline - time.monotonic())):
            self._worker = self._connection = None  # both abandoned to the stuck call; the next request starts afresh
            raise self._timeout(what, target)
        if job.error is not None:
            raise self._translate(job.error, what, target)
        value: T = job.value
        return value

    def _timeout(self, what: str, target: str) -> EndpointError:
        return self.fail(f"the server {redact(target)} did not answer a {what} in {self.timeout:g} s; is this the {self.kind}?", f"or raise {ENV_TIMEOUT}")

    def _translate(self, error: BaseException, what: str, target: str) -> BaseException:
        shown = redact(target)
        if isinstance(error, EndpointError):
            return error
        if isinstance(error, TimeoutError):
            return self._timeout(what, target)
        if isinstance(error, http.client.InvalidURL):
            return self.fail(f"the endpoint URL {shown} is not valid: {_short(error)}", "give an http:// or https:// URL")
        if isinstance(error, http.client.HTTPException):
            return self.fail(f"the server {shown} broke the HTTP protocol: {_short(error)}", "is this an HTTP server speaking the SPARQL protocol?")
        if isinstance(error, OSError):
            return self.fail(f"cannot reach the server {shown}: {_reason(error)}", "check the URL and that the server is running")
        if isinstance(error, ValueError | UnicodeError):
            return self.fail(f"the server {shown} sent an unreadable answer: {_short(error)}")
        return error  # a programming error: keep its traceback

    def _exchange(self, method: str, target: str, content: bytes | None, headers: dict[str, str], deadline: float, what: str) -> Answer:
        """One request and its whole answer, by the deadline."""
        if self._via_httpx:
            return self._within_deadline(deadline, what, target, functools.partial(self._send_httpx, method, target, content, headers, deadline))
        from rolegraph.engines import wire

        if self._connection is None:
            self._connection = wire.Connection(*_origin(target), self.timeout)  # redirects stay on this origin
        connection: wire.Connection = self._connection
        if not connection.ready:
            self._within_deadline(deadline, what, target, connection.connect)
        parts = urllib.parse.urlsplit(target)
        try:
            response = connection.send(method, (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), headers, content, deadline)
            try:
                body = self._read(wire.blocks(response), response.getheader("content-length") or "", target, deadline)
            finally:
                if not response.isclosed():
                    connection.close()  # an answer left half-read spoils the connection
        except BaseException as exc:
            raise self._translate(exc, what, target) from None
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)

    def _send_httpx(self, method: str, target: str, content: bytes | None, headers: dict[str, str], deadline: float) -> Answer:
        """One request through httpx (a proxy, or credentials to negotiate), on the worker thread."""
        from rolegraph.engines.endpoint_httpx import Client

        if self._connection is None:
            self._connection = Client(self.timeout, self.auth)
        answer: Answer = self._connection.send(method, target, content, headers, lambda blocks, length: self._read(blocks, length, target, deadline))
        return answer

    def _read(self, blocks: Iterator[bytes], length: str, target: str, deadline: float) -> bytes:
        """A body from its blocks, refused past :data:`MAX_RESPONSE_BYTES` (by its Content-Length first) or past the deadline."""
        if length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
            raise self._too_large(target)
        body = bytearray()
        for block in blocks:
            body += block
            if len(body) > MAX_RESPONSE_BYTES:
                raise self._too_large(target)
            if time.monotonic() > deadline:
                raise TimeoutError("past the deadline")  # reported as a timeout, whichever thread sees it first
        return bytes(body)

    def _too_large(self, target: str) -> EndpointError:
        return self.fail(
            f"the answer of {redact(target)} is larger than {MAX_RESPONSE_BYTES // 2**20} MiB", "narrow the query (LIMIT) or use the server's own tools"
        )


class _Job:
    """A call handed to a worker thread, and its outcome."""

    __slots__ = ("call", "done", "error", "value")

    def __init__(self, call: Callable[[], Any]) -> None:
        self.call, self.done = call, threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class _Worker:
    """One daemon thread that runs the requests of an endpoint, so the caller can stop waiting at a deadline."""

    def __init__(self) -> None:
        self.jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="rolegraph-http", daemon=True).start()

    def submit(self, call: Callable[[], Any]) -> _Job:
        job = _Job(call)
        self.jobs.put(job)
        return job

    def _serve(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                job.value = job.call()
            except BaseException as exc:  # re-raised in the caller's thread
                job.error = exc
            finally:
                job.done.set()


_REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
            408: "Request Timeout", 413: "Content Too Large", 415: "Unsupported Media Type", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}  # fmt: skip


def _with_params(url: str, params: dict[str, str | list[str]]) -> str:
    parts = urllib.parse.urlsplit(url)
    extra = urllib.parse.urlencode(params, doseq=True)
    return urllib.parse.urlunsplit(parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra))


def _reason(error: BaseException) -> str:
    text = str(error).lower()
    if "refused" in text:
        return "connection refused"
    if "name or service not known" in text or "nodename nor servname" in text or "temporary failure in name resolution" in text:
        return "unknown host"
    return _short(error) or type(error).__name__


def _short(error: BaseException) -> str:
    return _CONTROL.sub(" ", str(error)).strip()[:200] or type(error).__name__


_TAGS = re.compile(r"<(script|style|head)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


def error_text(body: bytes, media_type: str = "") -> str:
    """An error body as one short line of text (HTML reduced to its words)."""
    import html

    text = body[:20_000].decode("utf-8", "replace")
    if "html" in media_type or text.lstrip()[:1] == "<":
        text = html.unescape(_TAGS.sub(" ", text))
    return " ".join(_CONTROL.sub(" ", text).split())[:300]


# --- answers -------------------------------------------------------------------------------------


def _cells(bindings: list[Any], columns: list[str]) -> list[list[Cell]]:
    """Each binding as a row of the plain cells the local engine gives (TypeError, KeyError or ValueError if malformed).

    Written out in one loop, without a call per cell: it runs for every cell of every answer.
    """
    known = set(columns)
    rows = []
    for binding in bindings:
        if type(binding) is not dict or not known.issuperset(binding):
            raise ValueError("a row binds variables not in the head")
        row: list[Cell] = []
        for column in columns:
            term = binding.get(column)
            if term is None:
                row.append(None)
                continue
            value, kind = term["value"], term["type"]
            if type(value) is not str:
                raise ValueError("a term's value is not text")
            if kind == "uri":
                row.append(value)
            elif kind == "literal" or kind == "typed-literal":
                datatype = term.get("datatype")
                row.append(value if datatype is None else literal_cell(value, datatype))
            elif kind == "bnode":
                row.append("_:" + value)
            else:
                raise ValueError(f"unknown term type {kind!r}")
        rows.append(row)
    return rows


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def parse_select(data: bytes, expected: Sequence[str] | None = None) -> Rows:
    """Rows from a ``application/sparql-results+json`` document; ``expected``: the variables the query projects."""
    collecting = gc.isenabled()
    gc.disable()  # the decoded answer and its rows hold no cycles: collector passes over them cost a fifth of the parse
    try:
        doc = _json(data)
        head = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        if not isinstance(head, list) or not all(isinstance(v, str) for v in head) or not isinstance(bindings, list):
            raise ValueError("head or bindings of the wrong type")
        columns = list(expected) if expected is not None and set(expected) == set(head) else head
        rows = _cells(bindings, columns)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EndpointError("the SPARQL endpoint returned a malformed JSON result", "is the URL a SPARQL query endpoint?") from None
    finally:
        if collecting:
            gc.enable()
    if expected is not None and set(expected) != set(head):
        raise EndpointError(
            f"the SPARQL endpoint answered with variables {', '.join(head) or '(none)'}, not the query's {', '.join(expected)}",
            "is the URL a SPARQL query endpoint?",
        )
    return Rows(columns, rows)


@functools.cache
def _named_columns() -> dict[str, tuple[str, ...]]:
    """The columns of each named query (their ``#+ columns`` header, in projection order: tests check it), by text."""
    return {q.text: q.columns for q in catalogue().values() if q.columns}


def projected(text: str) -> tuple[str, ...] | None:
    """The variables a SELECT query projects, in order (None for ``SELECT *`` or a non-SELECT query).

    A named query's come from its header; only other queries are read with the SPARQL lexer.
    """
    return _named_columns().get(text) or lexed_projection(text)


@functools.lru_cache(maxsize=256)
def lexed_projection(text: str) -> tuple[str, ...] | None:
    """:func:`projected`, read from the query text."""
    code = code_only(text)
    select = re.search(r"\bSELECT\b", code, re.IGNORECASE)
    if not select:
        return None
    names: list[str] = []
    depth, after_as = 0, False
    projection = re.compile(r"\(|\)|[?$]([A-Za-z_0-9\u00b7\u00c0-\ufffd]+)|\bAS\b|\*|\bWHERE\b|\{", re.IGNORECASE)  # cached by re
    for m in projection.finditer(code, select.end()):
        token = m.group(0)
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
        elif token == "*" and depth == 0:
            return None
        elif token == "{" or token.upper() == "WHERE":
            break
        elif token.upper() == "AS":
            after_as = depth == 1
        elif m.group(1) and (depth == 0 or after_as):
            names.append(m.group(1))
            after_as = False
    return tuple(names) or None


def _construct_answer(data: bytes, media_type: str) -> str:
    """The endpoint's triples, formatted like the local engine's CONSTRUCT answer."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
    if media_type in ("text/plain", ""):
        fmt = ox.RdfFormat.N_TRIPLES
    try:
        return ntriples_text([q.triple for q in ox.parse(data, format=fmt)])
    except (SyntaxError, ValueError):
        raise EndpointError(f"the SPARQL endpoint returned malformed RDF ({media_type or 'no content type'})") from None


class EndpointEngine(Http):
    """Answers SPARQL from a remote SPARQL 1.1 query endpoint.

    >>> EndpointEngine("https://user:secret@example.org/sparql")
    EndpointEngine('https://example.org/sparql')
    """

    kind = "query URL"

    def __init__(
        self, url: str, *, timeout: float | None = None, graphs: Sequence[str] = (), method: str | None = None, auth: Auth | None = None
    ) -> None:
        super().__init__(url, timeout=timeout, auth=auth)
        from rolegraph.queries import check_iri

        self.graphs = [check_iri(g) for g in graphs]
        self.method = (method or os.environ.get(ENV_METHOD, "") or "form").strip().lower()
        if self.method not in METHODS:
            raise EndpointError(f"{ENV_METHOD}={self.method!r} is not a way to send queries", "use form, direct or get")
        self._holds_data: bool | None = None

    def _query(self, text: str, params: dict[str, ParamValue], accept: str) -> Answer:
        plan = NAMED_PLANS.get(text)  # a named query takes its VALUES block without the SPARQL lexer
        query = f"{text[:plan]} {values_block(params)} {text[plan:]}" if plan and params else inject_values(text, params)
        dataset: dict[str, str | list[str]] = {"default-graph-uri": list(self.graphs), "named-graph-uri": list(self.graphs)} if self.graphs else {}
        what = METHODS[self.method]
        if self.method == "form":
            return self.request("POST", form={"query": query, **dataset}, accept=accept, what=what)
        if self.method == "direct":
            return self.request("POST", content=query.encode("utf-8"), params=dataset, content_type="application/sparql-query", accept=accept, what=what)
        return self.request("GET", params={"query": query, **dataset}, accept=accept, what=what)

    def _expect(self, answer: Answer, media_types: tuple[str, ...]) -> None:
        if answer.media_type and answer.media_type not in media_types:
            detail = error_text(answer.body, answer.media_type)
            raise self.fail(
                f"the server {redact(self.url)} answered {answer.media_type}, not {media_types[0]}" + (f": {detail[:120]}" if detail else ""),
                "is this the server's SPARQL query URL?",
            )

    def select(self, text: str, params: dict[str, ParamValue]) -> Rows:
        answer = self._query(text, params, SPARQL_JSON)
        self._expect(answer, (SPARQL_JSON, "application/json"))
        rows = parse_select(answer.body, projected(text))
        cap = answer.headers.get("x-sparql-maxrows", "").strip()
        if cap.isdigit() and len(rows.rows) >= int(cap):
            raise self.fail(
                f"the server {redact(self.url)} cut the answer at {cap} rows (X-SPARQL-MaxRows): it would be incomplete",
                "raise the server's row limit (Virtuoso: ResultSetMaxRows in [SPARQL]) or narrow the query",
            )
        if not rows.rows:
            self.check_holds_data()
        return rows

    def check_holds_data(self) -> None:
        """Fail when the endpoint (in the chosen graphs) holds no rolegraph roles at all (asked once)."""
        if self._holds_data is None:
            self._holds_data = self.ask(f"ASK {{ ?role a <{RG}Role> }}", {})
        if not self._holds_data:
            where = f"graph {', '.join(f'<{g}>' for g in self.graphs)}" if self.graphs else "its default graph"
            raise self.fail(
                f"the endpoint {redact(self.url)} holds no rolegraph data in {where} (wrong graph?)",
                "name the graph the data was published to with --graph, or publish it with `rolegraph publish`",
            )

    def ask(self, text: str, params: dict[str, ParamValue]) -> bool:
        answer = self._query(text, params, SPARQL_JSON)
        self._expect(answer, (SPARQL_JSON, "application/json"))
        try:
            value = _json(answer.body)["boolean"]
        except (ValueError, KeyError, TypeError):
            raise EndpointError("the SPARQL endpoint returned a malformed ASK result", "is the URL a SPARQL query endpoint?") from None
        if not isinstance(value, bool):
            raise QueryError("expected an ASK query")
        return value

    def construct(self, text: str, params: dict[str, ParamValue]) -> str:
        answer = self._query(text, params, f"{N_TRIPLES}, text/turtle;q=0.9, text/plain;q=0.5")
        return _construct_answer(answer.body, answer.media_type)
