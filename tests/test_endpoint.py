"""Remote endpoints: answers from a real Oxigraph server, publishing, and one-line errors
(unreachable, HTTP errors, timeouts, malformed answers) that never show credentials."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from oxigraph_server import Server, free_port, oxigraph_server
from test_cross_engine import ICT_PRODUCT_MANAGER, graph_files
from typer.testing import CliRunner

from rolegraph.cli.app import app
from rolegraph.endpoint import EndpointEngine, redact, split_auth
from rolegraph.errors import EndpointError, ExitCode
from rolegraph.kb import open_kb
from rolegraph.publish import publish
from rolegraph.queries import IRI

SECRET = "s3cret-Pa55word"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EMPTY = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": []}}).encode()


# --- a real server -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return graph_files(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as running:
        yield running


def count(server: Server, graph: str | None = None) -> int:
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" if graph else COUNT
    return int(EndpointEngine(server.query).select(text, {}).rows[0][0] or 0)


@pytest.mark.slow
def test_publish_replace_and_add(server: Server, files: list[Path]) -> None:
    done = publish(files, server.store, replace=True)
    assert done.triples == count(server) > 500
    publish(files, server.store)  # adding the same triples again changes nothing
    assert count(server) == done.triples
    publish(files[-1:], server.store, replace=True)
    assert count(server) < done.triples
    publish(files, server.store, replace=True)
    assert count(server) == done.triples


@pytest.mark.slow
def test_publish_named_graph_through_update_endpoint(server: Server, files: list[Path]) -> None:
    graph = "https://example.org/graphs/rolegraph"
    done = publish(files[-1:], server.update, graph=graph, update=True, replace=True)
    assert count(server, graph) == done.triples
    publish(files[-1:], server.update, graph=graph, update=True, replace=True)
    assert count(server, graph) == done.triples


@pytest.mark.slow
def test_update_batches_keep_a_blank_node_whole(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "blank.ttl"
    data.write_text("<https://example.org/a> <https://example.org/p> [ <https://example.org/q> 1 ; <https://example.org/r> 2 ] .\n")
    monkeypatch.setattr("rolegraph.publish.BATCH", 1)
    graph = "https://example.org/graphs/blank"
    publish([data], server.update, graph=graph, update=True, replace=True)
    text = f"SELECT (COUNT(DISTINCT ?b) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?b ?p ?o FILTER(isBlank(?b)) }} }}"
    assert EndpointEngine(server.query).select(text, {}).rows[0][0] == 1
    assert count(server, graph) == 3
    publish([], server.update, graph=graph, update=True, replace=True)  # replacing with nothing clears
    assert count(server, graph) == 0


@pytest.mark.slow
def test_cli_roles_from_endpoint_match_local(server: Server, files: list[Path]) -> None:
    publish(files, server.store, replace=True)
    runner = CliRunner()
    remote = runner.invoke(app, ["roles", "--format", "json"], env={"ROLEGRAPH_ENDPOINT": server.query})
    local = runner.invoke(app, ["roles", "--format", "json", *[a for f in files[2:] for a in ("--data", str(f))]])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert "ICT product manager" in remote.stdout


@pytest.mark.slow
def test_library_reads_imported_esco_from_endpoint(server: Server, files: list[Path]) -> None:
    publish(files, server.store, replace=True)
    kb = open_kb(endpoint=server.query)
    profile = kb.named("skill-profile", role=IRI(ICT_PRODUCT_MANAGER)).records()
    assert {r["importance"] for r in profile} == {2, 4}


@pytest.mark.slow
def test_cli_publish(server: Server, files: list[Path]) -> None:
    result = CliRunner().invoke(app, ["publish", "--to", server.store, "--replace", "--data", str(files[-1])])
    assert result.exit_code == 0, result.output
    assert "triples" in result.stderr and str(count(server)) in result.stderr


# --- errors ---------------------------------------------------------------------------------------


class Stub(http.server.BaseHTTPRequestHandler):
    """Answers by path: /500, /404, /slow, /garbage, /ok (which records the Authorization header)."""

    seen: ClassVar[list[str | None]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Stub.seen.append(self.headers.get("Authorization"))
        if self.path.startswith("/slow"):
            time.sleep(2)
        status, body = {
            "/500": (500, b"internal failure\nstack trace line"),
            "/404": (404, b"no such service"),
            "/garbage": (200, b"<html>not json</html>"),
            "/echo": (500, self.headers.get("Authorization", "").encode()),
        }.get(self.path.split("?")[0], (200, EMPTY))
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def stub() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def message(url: str, **kwargs: float) -> str:
    with pytest.raises(EndpointError) as caught:
        EndpointEngine(url, **kwargs).select(COUNT, {})
    assert caught.value.exit_code == ExitCode.ENDPOINT
    text = str(caught.value)
    assert "\n" not in text
    return text


def test_unreachable_port() -> None:
    assert "connection refused" in message(f"http://127.0.0.1:{free_port()}/query")


def test_http_errors(stub: str) -> None:
    assert "HTTP 500" in message(stub + "/500") and "internal failure" in message(stub + "/500")
    assert "HTTP 404" in message(stub + "/404")


def test_timeout(stub: str) -> None:
    assert "did not answer within 0.2 s" in message(stub + "/slow", timeout=0.2)


def test_malformed_answer(stub: str) -> None:
    assert "malformed" in message(stub + "/garbage")


def test_not_http() -> None:
    assert "not an http(s) URL" in message("file:///etc/passwd")


def test_credentials_are_sent_but_never_shown(stub: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_TOKEN", SECRET)
    Stub.seen.clear()
    engine = EndpointEngine(stub + "/ok")
    engine.select(COUNT, {})
    assert Stub.seen == [f"Bearer {SECRET}"]
    assert SECRET not in repr(engine) and SECRET not in repr(engine.auth)
    assert SECRET not in message(stub + "/echo")  # even a server echoing the header is scrubbed


def test_url_credentials_are_used_and_hidden(stub: str) -> None:
    url = stub.replace("http://", f"http://alice:{SECRET}@") + "/500?api_key=" + SECRET
    _clean, auth = split_auth(url)
    assert auth.header and auth.header.startswith("Basic ")
    assert SECRET not in redact(url) and "alice" not in redact(url)
    assert SECRET not in message(url)


def test_cli_errors_are_one_line_with_exit_code_4(stub: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", SECRET)
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_USER", "alice")
    for url in (stub + "/500", stub + "/echo", f"http://alice:{SECRET}@127.0.0.1:{free_port()}/q"):
        result = CliRunner().invoke(app, ["roles", "--endpoint", url])
        assert result.exit_code == ExitCode.ENDPOINT
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("rolegraph: error: ")
        assert SECRET not in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["publish", "--to", f"http://127.0.0.1:{free_port()}/store"])
    assert result.exit_code == ExitCode.ENDPOINT and "cannot reach" in result.stderr
