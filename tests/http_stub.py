"""A misbehaving HTTP server on 127.0.0.1 for endpoint tests: raw bytes per path, every request recorded.

``stub.answers[path]`` is the raw response (bytes), or a callable taking the request and the
socket file (for trickling, hanging or echoing); unknown paths answer an empty SELECT result.
"""

from __future__ import annotations

import json
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Answer = bytes | Callable[[Request, BinaryIO], None]


def response(status: str = "200 OK", body: bytes = b"", content_type: str = "application/sparql-results+json", **headers: str) -> bytes:
    """A whole HTTP/1.1 response (the connection stays open)."""
    lines = [f"HTTP/1.1 {status}", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def select(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    """A SELECT result of literals."""
    bindings = [{k: {"type": "literal", "value": v} for k, v in row.items()} for row in rows]
    return json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}}).encode()


@dataclass
class Stub:
    base: str
    answers: dict[str, Answer] = field(default_factory=dict)
    seen: list[Request] = field(default_factory=list)
    connections: int = 0


@contextmanager
def http_stub() -> Iterator[Stub]:
    """Run the stub until the block ends."""
    stub = Stub("")

    class Handler(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            stub.connections += 1
            while True:
                line = self.rfile.readline()
                if not line.strip():
                    return
                method, path = line.decode("latin-1").split()[:2]
                headers = {}
                while (header := self.rfile.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = header.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = self.rfile.read(int(headers.get("content-length", 0)))
                request = Request(method, path, headers, body)
                stub.seen.append(request)
                answer = stub.answers.get(path.split("?")[0], response(body=select(["n"], [])))
                try:
                    if callable(answer):
                        answer(request, self.wfile)
                    else:
                        self.wfile.write(answer)
                    self.wfile.flush()
                except OSError:
                    return

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    stub.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
