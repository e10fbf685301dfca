"""A real Oxigraph SPARQL server for tests: ``oxigraph serve`` on 127.0.0.1, a free port and a
temporary directory, started on demand and stopped afterwards.

Without the ``oxigraph`` command the tests that need it are skipped — unless
``ROLEGRAPH_REQUIRE_SERVER=1`` (set by CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Server:
    """Where a running server answers."""

    base: str

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def update(self) -> str:
        return self.base + "/update"

    @property
    def store(self) -> str:
        return self.base + "/store"


def oxigraph_command() -> str:
    """The ``oxigraph`` executable, or skip (fail under ROLEGRAPH_REQUIRE_SERVER=1)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if found:
        return found
    if os.environ.get("ROLEGRAPH_REQUIRE_SERVER") == "1":
        pytest.fail("the oxigraph server is not installed (pip install oxigraph) but ROLEGRAPH_REQUIRE_SERVER=1")
    pytest.skip("the oxigraph server is not installed (pip install oxigraph)")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _ready(server: Server) -> bool:
    try:
        with urllib.request.urlopen(server.query + "?query=ASK%7B%7D", timeout=1) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def oxigraph_server(location: Path, timeout: float = 20.0) -> Iterator[Server]:
    """Run ``oxigraph serve`` until the block ends."""
    port = free_port()
    server = Server(f"http://127.0.0.1:{port}")
    # its log goes to a file, not a pipe: nobody reads while it runs, and a full pipe would stall the server
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [oxigraph_command(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + timeout
            while not _ready(server):
                if process.poll() is not None:
                    log.seek(0)
                    raise RuntimeError("oxigraph serve exited: " + log.read().decode(errors="replace"))
                if time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not answer on {server.base} within {timeout} s")
                time.sleep(0.05)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
