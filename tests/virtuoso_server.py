"""A real Virtuoso 7 server for tests (Debian's ``virtuoso-opensource``): the stock ini copied to
a temporary folder with its files moved there and its ports rebound to free loopback ports,
and a user allowed to write the test graph (HTTP Digest on ``/sparql-graph-crud-auth``).

``.ci/run`` starts one for the whole run (``python tests/virtuoso_server.py start DIR`` prints
its base URL, which it passes as ``ROLEGRAPH_TEST_VIRTUOSO``; ``stop DIR`` ends it). Without
that variable the tests start their own, or skip when ``virtuoso-t`` is not installed — unless
``ROLEGRAPH_REQUIRE_SERVER=1`` (set by CI), where a missing server is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

STOCK_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
ENV_URL = "ROLEGRAPH_TEST_VIRTUOSO"
USER, PASSWORD = "rolegraph", "rolegraph-test-pw"
GRAPH = "https://example.org/graphs/rolegraph-test"


@dataclass(frozen=True)
class Virtuoso:
    """Where a running Virtuoso answers, and who may write ``GRAPH`` there."""

    base: str
    user: str = USER
    password: str = PASSWORD
    graph: str = GRAPH

    @property
    def query(self) -> str:
        return self.base + "/sparql"

    @property
    def crud_auth(self) -> str:
        return self.base + "/sparql-graph-crud-auth"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def write_ini(folder: Path, sql_port: int, http_port: int) -> Path:
    """The stock ini with the database files in ``folder`` and both ports on 127.0.0.1."""
    moved = {
        ("Database", "DatabaseFile"): "virtuoso.db", ("Database", "ErrorLogFile"): "virtuoso.log",
        ("Database", "LockFile"): "virtuoso.lck", ("Database", "TransactionFile"): "virtuoso.trx",
        ("Database", "xa_persistent_file"): "virtuoso.pxa", ("TempDatabase", "DatabaseFile"): "virtuoso-temp.db",
        ("TempDatabase", "TransactionFile"): "virtuoso-temp.trx",
    }  # fmt: skip
    values = {key: str(folder / name) for key, name in moved.items()}
    values[("Parameters", "ServerPort")] = f"127.0.0.1:{sql_port}"
    values[("HTTPServer", "ServerPort")] = f"127.0.0.1:{http_port}"
    values[("URIQA", "DefaultHost")] = f"127.0.0.1:{http_port}"
    section, lines = "", []
    for line in STOCK_INI.read_text(encoding="utf-8").splitlines():
        header = re.match(r"\[(.+)\]", line)
        section = header.group(1) if header else section
        key = re.match(r"(\w+)\s*=", line)
        if key and (section, key.group(1)) in values:
            line = f"{key.group(1)} = {values[(section, key.group(1))]}"
        lines.append(line)
    ini = folder / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ini


def _ready(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start(folder: Path, timeout: float = 180.0) -> tuple[subprocess.Popen[bytes], Virtuoso]:
    """Start Virtuoso in ``folder`` and grant the test user; the caller stops the process."""
    command = shutil.which("virtuoso-t")
    if not command or not STOCK_INI.is_file():
        raise FileNotFoundError("virtuoso-t (Debian package virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = _free_port(), _free_port()
    ini = write_ini(folder, sql_port, http_port)
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen([command, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    server = Virtuoso(f"http://127.0.0.1:{http_port}")
    deadline = time.monotonic() + timeout
    while not _ready(server.base):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError("Virtuoso did not start: " + (folder / "virtuoso.log").read_text(errors="replace")[-2000:])
        time.sleep(0.25)
    grants = (
        f"DB.DBA.USER_CREATE('{USER}', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"{USER}\"; "
        f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('nobody', 1); DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{USER}', 1); "
        f"DB.DBA.RDF_GRAPH_USER_PERMS_SET('{GRAPH}', '{USER}', 3);"
    )
    done = subprocess.run(["isql-vt", str(sql_port), "dba", "dba", f"exec={grants}"], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        stop(process)
        raise RuntimeError("granting writes failed: " + done.stdout + done.stderr)
    (folder / "pid").write_text(str(process.pid))
    return process, server


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Virtuoso]:
    """The server CI started (``ROLEGRAPH_TEST_VIRTUOSO``), or one of our own until the block ends; else skip."""
    import pytest

    if os.environ.get(ENV_URL):
        yield Virtuoso(os.environ[ENV_URL].rstrip("/"))
        return
    try:
        process, server = start(folder)
    except FileNotFoundError as missing:
        if os.environ.get("ROLEGRAPH_REQUIRE_SERVER") == "1":
            pytest.fail(f"Virtuoso is not installed ({missing}) but ROLEGRAPH_REQUIRE_SERVER=1")
        pytest.skip(f"Virtuoso is not installed ({missing})")
    try:
        yield server
    finally:
        stop(process)


def main(argv: list[str]) -> int:
    """``start DIR`` (prints the base URL, leaves the server running) or ``stop DIR``."""
    action, folder = argv[0], Path(argv[1])
    if action == "start":
        _process, server = start(folder)
        print(server.base)
        return 0
    pid = folder / "pid"
    if pid.is_file():
        number = int(pid.read_text())
        with suppress(ProcessLookupError):
            os.kill(number, signal.SIGTERM)
            for _ in range(120):  # Virtuoso checkpoints before it exits
                time.sleep(0.25)
                os.kill(number, 0)
            os.kill(number, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
