"""One kept-alive HTTP/1.1 connection to one server, on the standard library's ``http.client``.

The endpoint client's direct path (no proxy, no credentials to negotiate): a request costs about
what a bare ``http.client`` request does, and an answer is read in large blocks however finely the
server chunks it. Every send and read of a request gives up at its deadline, so a server that
trickles bytes is cut off there; opening the connection (name lookup, TCP, TLS) is bounded by
the caller (:class:`rolegraph.engines.endpoint.Http` runs it on a worker thread), as is the answer's size.
"""

from __future__ import annotations

import http.client
import io
import math
import select
import socket
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl

#: Bytes asked for per read of an answer.
BLOCK = 1 << 16

_tls: ssl.SSLContext | None = None


class Connection:
    """Requests to one scheme, host and port, on one connection kept open between them."""

    def __init__(self, scheme: str, host: str, port: int | None, timeout: float) -> None:
        tls = scheme == "https"
        self._conn = _Connection(host, port or (443 if tls else 80), timeout=timeout)
        self._conn.tls = tls
        self._conn.default_port = 443 if tls else 80  # the Host header names other ports only

    @property
    def ready(self) -> bool:
        """Whether the connection is open and idle; one the server closed meanwhile is closed here too."""
        sock = self._conn.sock
        if isinstance(sock, _Deadline) and _readable(sock.sock):
            self._conn.close()  # the server closed the idle connection (or sent bytes nobody asked for)
        return self._conn.sock is not None

    def connect(self) -> None:
        """Open the connection (name lookup, TCP, TLS): only this is not bounded by a request's deadline."""
        self._conn.connect()

    def send(self, method: str, target: str, headers: dict[str, str], body: bytes | None, deadline: float) -> http.client.HTTPResponse:
        """Send one request (``target``: path and query) on the open connection; return the answer with its body unread."""
        conn = self._conn
        if not isinstance(conn.sock, _Deadline):
            raise ConnectionError("the connection is not open")
        conn.sock.deadline = deadline
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            for name, value in headers.items():
                conn.putheader(name, value.encode("utf-8"))
            if body is not None or method in ("POST", "PUT"):
                conn.putheader("Content-Length", str(len(body or b"")))
            try:
                conn.endheaders(body)
            except (BrokenPipeError, ConnectionResetError) as cut:
                try:
                    return conn.getresponse()  # a server that stopped reading the body may have said why (413, 401, …)
                except (OSError, http.client.HTTPException):
                    raise cut from None
            return conn.getresponse()
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()


class _Connection(http.client.HTTPConnection):
    """``http.client``'s connection, whose socket gives up at each request's deadline."""

    tls = False

    def connect(self) -> None:
        sock = socket.create_connection((self.host, self.port), self.timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.tls:
            sock = tls_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = _Deadline(sock)


class _Deadline:
    """A socket as ``http.client`` uses it (send, read, close), each call bounded by what is left until ``deadline``."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.deadline = sock, math.inf

    def _arm(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("past the deadline")
        self.sock.settimeout(min(left, 24 * 3600.0))

    def sendall(self, data: bytes) -> None:
        self._arm()
        self.sock.sendall(data)

    def recv_into(self, buffer: memoryview) -> int:
        self._arm()
        return self.sock.recv_into(buffer)

    def makefile(self, mode: str = "rb") -> io.BufferedReader:
        return io.BufferedReader(_Reader(self))

    def close(self) -> None:
        self.sock.close()


class _Reader(io.RawIOBase):
    """The reading end of a :class:`_Deadline` socket, for the buffered reader ``http.client`` reads answers through."""

    def __init__(self, sock: _Deadline) -> None:
        self.sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        return self.sock.recv_into(buffer)


def blocks(response: http.client.HTTPResponse) -> Iterator[bytes]:
    """The body of ``response`` in blocks of at most :data:`BLOCK` bytes; a body cut short raises ``IncompleteRead``."""
    while block := response.read(BLOCK):
        yield block
    if response.length:  # a Content-Length body ended early (chunked bodies check themselves)
        raise http.client.IncompleteRead(b"", response.length)


def _readable(sock: socket.socket) -> bool:
    """Whether an idle connection has something to read: the server closed it, or broke the protocol."""
    if hasattr(select, "poll"):
        poll = select.poll()
        poll.register(sock, select.POLLIN)
        return bool(poll.poll(0))
    return bool(select.select([sock], [], [], 0)[0])


def tls_context() -> ssl.SSLContext:
    """The default TLS context (system certificates, or ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``), made once."""
    global _tls
    if _tls is None:
        import ssl

        _tls = ssl.create_default_context()
    return _tls
