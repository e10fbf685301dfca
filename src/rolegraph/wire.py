"""One kept-alive HTTP/1.1 connection to one server, on the standard library's ``http.client``.

The endpoint client's direct path (no proxy, no credentials to negotiate): a request costs about
what a bare ``http.client`` request does, and an answer is read in large blocks however finely the
server chunks it. Bounding the time and size of an answer is the caller's job
(:class:`rolegraph.endpoint.Http`).
"""

from __future__ import annotations

import http.client
import select
import socket
import ssl
from collections.abc import Iterator

#: Bytes asked for per read of an answer.
BLOCK = 1 << 16

_tls: ssl.SSLContext | None = None


class Connection:
    """Requests to one scheme, host and port, on one connection kept open between them."""

    def __init__(self, scheme: str, host: str, port: int | None, timeout: float) -> None:
        self.scheme, self.host, self.port, self.timeout = scheme, host, port, timeout
        self._conn: http.client.HTTPConnection | None = None

    def _open(self) -> http.client.HTTPConnection:
        conn = self._conn
        if conn is not None and conn.sock is not None and _readable(conn.sock):
            conn.close()  # the server closed the idle connection (or sent bytes nobody asked for): reconnect
        if conn is None:
            if self.scheme == "https":
                conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=tls_context())
            else:
                conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._conn = conn
        return conn

    def send(self, method: str, target: str, headers: dict[str, str], body: bytes | None) -> http.client.HTTPResponse:
        """Send one request (``target``: path and query) and return the answer with its body unread."""
        conn = self._open()
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
        if self._conn is not None:
            self._conn.close()
            self._conn = None


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
        _tls = ssl.create_default_context()
    return _tls
