"""Remote endpoints: answers from a real Oxigraph server, publishing, and one-line errors
(unreachable, HTTP errors, timeouts, malformed answers) that never show credentials."""

from __future__ import annotations

import base64
import json
import logging
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from http_stub import Request, Stub, http_stub, response, select
from hypothesis import given, settings
from hypothesis import strategies as st
from oxigraph_server import Server, free_port, oxigraph_server
from test_cross_engine import ICT_PRODUCT_MANAGER, graph_files
from typer.testing import CliRunner
from virtuoso_server import Virtuoso

from rolegraph import queries
from rolegraph.cli.app import app
from rolegraph.engines.base import Rows
from rolegraph.engines.endpoint import Auth, EndpointEngine, lexed_projection, parse_select, redact, split_auth
from rolegraph.engines.local import LocalEngine
from rolegraph.errors import EndpointError, ExitCode
from rolegraph.kb import open_kb
from rolegraph.publish import publish
from rolegraph.queries import IRI, ParamValue

SECRET = "s3cret-Pa55word"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


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
def test_update_batches_keep_a_blank_node_whole(server: Server, tmp_path: Path) -> None:
    data = tmp_path / "blank.ttl"
    data.write_text("<https://example.org/a> <https://example.org/p> [ <https://example.org/q> 1 ; <https://example.org/r> 2 ] .\n")
    graph = "https://example.org/graphs/blank"
    publish([data], server.update, graph=graph, update=True, replace=True, batch_size=1)
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


@pytest.mark.slow
def test_publish_finds_the_graph_store_from_the_base_url_in_batches(server: Server, files: list[Path]) -> None:
    graph = "https://example.org/graphs/found"
    done = publish(files, server.base, graph=graph, replace=True, batch_size=1000)
    assert done.target == server.store and done.batches == -(-done.triples // 1000) > 1
    assert done.counted == done.triples == count(server, graph)


@pytest.mark.slow
def test_wrong_graph_says_so(server: Server, files: list[Path]) -> None:
    graph = "https://example.org/graphs/only"
    publish(files, server.store, graph=graph, replace=True)
    publish([], server.store, replace=True)  # an empty default graph
    runner = CliRunner()
    wrong = runner.invoke(app, ["show", "Tech PM", "--endpoint", server.query, "--graph", "https://example.org/graphs/none"])
    assert wrong.exit_code == ExitCode.ENDPOINT
    assert "holds no rolegraph data" in wrong.stderr and "wrong graph?" in wrong.stderr
    assert "not a modelled role" not in wrong.stderr
    empty = runner.invoke(app, ["roles", "--endpoint", server.query])
    assert empty.exit_code == ExitCode.ENDPOINT and "holds no rolegraph data" in empty.stderr
    right = runner.invoke(app, ["show", "Tech PM", "--format", "json", "--endpoint", server.query], env={"ROLEGRAPH_ENDPOINT_GRAPH": graph})
    assert right.exit_code == 0, right.output
    assert json.loads(right.stdout)["kind"] == "show"


@pytest.mark.slow
def test_publish_to_virtuoso_with_digest_credentials_from_the_environment(virtuoso: Virtuoso, files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    args = ["publish", "--to", virtuoso.base, "--graph", virtuoso.graph, "--replace", "--batch-size", "1000", "--data", str(files[-1])]
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_USER", virtuoso.user)
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", "not-" + virtuoso.password)
    refused = runner.invoke(app, args)
    assert refused.exit_code == ExitCode.ENDPOINT and "HTTP 401" in refused.stderr and virtuoso.password not in refused.stderr
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    sent = int(re.search(r": (\d+) triples in (\d+) batch", result.stderr).group(1))  # type: ignore[union-attr]
    assert f"{virtuoso.crud_auth}: {sent} triples in {-(-sent // 1000)} batch(es); the store counts {sent}" in result.stderr
    engine = EndpointEngine(virtuoso.query, graphs=[virtuoso.graph])
    assert engine.select(COUNT, {}).rows == [[sent]]


@pytest.mark.slow
def test_virtuoso_truncation_and_wrong_graph_are_reported(virtuoso: Virtuoso, files: list[Path], tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ROLEGRAPH_ENDPOINT_USER", virtuoso.user)
        env.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", virtuoso.password)
        publish(files, virtuoso.crud_auth, graph=virtuoso.graph, replace=True)
    everything = tmp_path / "everything.rq"
    everything.write_text("SELECT ?s ?p ?o WHERE { ?s ?p ?o }\n")
    runner = CliRunner()
    cut = runner.invoke(app, ["query", str(everything), "--endpoint", virtuoso.query, "--format", "json"])  # every graph: > 10,000 rows
    assert cut.exit_code == ExitCode.ENDPOINT and "cut the answer at 10000 rows (X-SPARQL-MaxRows)" in cut.stderr
    wrong = runner.invoke(app, ["compare", "Tech PM", "Tech PgM", "--endpoint", virtuoso.query, "--graph", virtuoso.graph + "-typo"])
    assert wrong.exit_code == ExitCode.ENDPOINT and "holds no rolegraph data" in wrong.stderr


# --- the protocol, against a stub -------------------------------------------------------------


@pytest.fixture
def stub() -> Iterator[Stub]:
    with http_stub() as running:
        yield running


def message(url: str, **kwargs: float) -> str:
    with pytest.raises(EndpointError) as caught:
        EndpointEngine(url, **kwargs).select(COUNT, {})
    assert caught.value.exit_code == ExitCode.ENDPOINT
    text = str(caught.value)
    assert "\n" not in text
    return text


ONE = response(body=select(["n"], [{"n": "1"}]))


def test_queries_go_as_a_form_post_with_the_graphs_on_one_connection(stub: Stub) -> None:
    stub.answers["/q"] = ONE
    engine = EndpointEngine(stub.base + "/q", graphs=["https://example.org/g1", "https://example.org/g2"])
    for _ in range(3):
        assert engine.select(COUNT, {}).rows == [["1"]]
    first = stub.seen[0]
    assert first.method == "POST" and first.headers["content-type"] == "application/x-www-form-urlencoded"
    form = urllib.parse.parse_qs(first.body.decode())
    assert form["query"] == [COUNT]
    assert form["default-graph-uri"] == form["named-graph-uri"] == ["https://example.org/g1", "https://example.org/g2"]
    assert stub.connections == 1


@pytest.mark.parametrize(("method", "verb", "content_type"), [("direct", "POST", "application/sparql-query"), ("get", "GET", None)])
def test_direct_post_and_get_as_options(stub: Stub, monkeypatch: pytest.MonkeyPatch, method: str, verb: str, content_type: str | None) -> None:
    stub.answers["/q"] = ONE
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_METHOD", method)
    EndpointEngine(stub.base + "/q", graphs=["https://example.org/g"]).select(COUNT, {})
    seen = stub.seen[0]
    assert seen.method == verb and seen.headers.get("content-type") == content_type
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(seen.path).query)
    assert query["default-graph-uri"] == ["https://example.org/g"]
    assert (seen.body.decode() if verb == "POST" else query["query"][0]) == COUNT


def test_a_truncated_result_is_an_error(stub: Stub) -> None:
    rows = [{"n": str(i)} for i in range(3)]
    stub.answers["/capped"] = response(body=select(["n"], rows), X_SPARQL_MaxRows="3")
    stub.answers["/under"] = response(body=select(["n"], rows[:2]), X_SPARQL_MaxRows="3")
    assert "cut the answer at 3 rows" in message(stub.base + "/capped")
    assert len(EndpointEngine(stub.base + "/under").select(COUNT, {}).rows) == 2


def test_an_html_answer_is_named_and_error_pages_are_text(stub: Stub) -> None:
    page = b"<!DOCTYPE HTML><html><head><title>t</title><style>x{}</style></head><body><h1>Oops</h1><xmp>SQ110: Permission denied</xmp></body></html>"
    stub.answers["/html"] = response(body=page, content_type="text/html")
    stub.answers["/403"] = response("403 Forbidden", body=page, content_type="text/html; charset=UTF-8")
    assert "answered text/html, not application/sparql-results+json" in message(stub.base + "/html")
    text = message(stub.base + "/403")
    assert "HTTP 403" in text and "Oops SQ110: Permission denied" in text and "<" not in text


def test_timeout_names_the_request(stub: Stub) -> None:
    stub.answers["/hang"] = lambda request, out: time.sleep(3)
    assert "did not answer a form POST in 0.3 s; is this the query URL?" in message(stub.base + "/hang", timeout=0.3)


def trickling(finished: threading.Event, head: bytes, body: bytes) -> Callable[[Request, BinaryIO], None]:
    """An answer that sends ``head`` at once, then ``body`` one byte every 0.1 s, then sets ``finished``."""

    def answer(request: Request, out: BinaryIO) -> None:
        out.write(head)
        for byte in body:
            out.write(bytes([byte]))
            out.flush()
            time.sleep(0.1)
        finished.set()

    return answer


def test_the_timeout_is_a_deadline_for_the_whole_request(stub: Stub) -> None:
    header = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 100000\r\n\r\n"
    cases = {"/trickle": (header, b" " * 40), "/slowhead": (b"", header[:-2] + b"X-Slow: " + b"y" * 40 + b"\r\n\r\n")}
    for path, (head, body) in cases.items():
        finished = threading.Event()
        stub.answers[path] = trickling(finished, head, body)
        assert "did not answer a form POST in 0.5 s" in message(stub.base + path, timeout=0.5)
        assert not finished.is_set()  # cut off at the deadline, not when the 4 s of trickle end


def test_the_answer_size_is_bounded(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("rolegraph.engines.endpoint.MAX_RESPONSE_BYTES", 1000)
    stub.answers["/big"] = response(body=select(["n"], [{"n": "x" * 2000}]))
    chunk = b"400\r\n" + b" " * 1024 + b"\r\n"
    stub.answers["/chunked"] = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk * 2 + b"0\r\n\r\n"
    assert "larger than" in message(stub.base + "/big")
    assert "larger than" in message(stub.base + "/chunked")


PROTOCOL_ERRORS = {
    "/badstatus": b"HELLO\r\n\r\n",
    "/incomplete": b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"head\":",
    "/longheader": b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70000 + b"\r\n\r\n{}",
    "/deepjson": response(body=b"[" * 200_000 + b"]" * 200_000),
    "/wrongvars": response(body=select(["zzz"], [{"zzz": "x"}])),
    "/oddjson": response(body=b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": 5}]}}'),
    "/extravar": response(body=b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "1"}, "m": {}}]}}'),
    "/closed": b"",
}


@pytest.mark.parametrize("path", list(PROTOCOL_ERRORS))
def test_protocol_errors_are_one_line(stub: Stub, path: str) -> None:
    stub.answers[path] = PROTOCOL_ERRORS[path]
    text = message(stub.base + path, timeout=5)
    assert "Traceback" not in text


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:abc/", "http://[::1/", "file:///etc/passwd", "http:///nohost", "http://exa mple.org/q", "ftp://example.org/"],
)
def test_bad_urls(url: str) -> None:
    with pytest.raises(EndpointError) as caught:
        EndpointEngine(url)
    assert caught.value.exit_code == ExitCode.ENDPOINT


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "0", "-3", "1e300", "abc", "9" * 400])
def test_absurd_timeouts(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_TIMEOUT", value)
    result = CliRunner().invoke(app, ["roles", "--endpoint", "http://127.0.0.1:9/q"])
    assert result.exit_code == ExitCode.ENDPOINT and "ROLEGRAPH_ENDPOINT_TIMEOUT" in result.stderr
    assert result.stderr.count("\n") == 1


def test_unreachable_port() -> None:
    assert "connection refused" in message(f"http://127.0.0.1:{free_port()}/query")


def test_http_errors(stub: Stub) -> None:
    stub.answers["/500"] = response("500 Internal Server Error", b"internal failure\nstack trace line", "text/plain")
    stub.answers["/404"] = response("404 Not Found", b"no such service", "text/plain")
    assert "HTTP 500" in message(stub.base + "/500") and "internal failure stack trace line" in message(stub.base + "/500")
    assert "HTTP 404" in message(stub.base + "/404")


# --- credentials ------------------------------------------------------------------------------


def echo(request: Request, out: BinaryIO) -> None:
    """Asks for Basic credentials, then prints the ones it got."""
    said = f"denied for {request.headers.get('authorization')} in {request.path}".encode()
    out.write(response("401 Unauthorized", said, "text/plain", WWW_Authenticate='Basic realm="x"'))


def test_credentials_are_sent_but_never_shown(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_TOKEN", SECRET)
    stub.answers["/ok"] = ONE
    stub.answers["/echo"] = echo
    engine = EndpointEngine(stub.base + "/ok")
    engine.select(COUNT, {})
    assert stub.seen[0].headers["authorization"] == f"Bearer {SECRET}"
    assert SECRET not in repr(engine) and SECRET not in repr(engine.auth)
    assert SECRET not in message(stub.base + "/echo")  # even a server echoing the header is scrubbed


@settings(max_examples=40, deadline=None)
@given(user=st.text(st.characters(min_codepoint=33, max_codepoint=0x2FF, exclude_characters=":"), min_size=1, max_size=12),
       password=st.text(st.characters(min_codepoint=33, max_codepoint=0x2FF), min_size=3, max_size=20))  # fmt: skip
def test_every_form_of_a_secret_is_scrubbed(user: str, password: str) -> None:
    auth = Auth("basic", user, password)
    pair = base64.b64encode(f"{user}:{password}".encode()).decode()
    for echoed in (password, urllib.parse.quote(password, safe=""), urllib.parse.quote_plus(password), pair, f"Basic {pair}", auth.header or ""):
        assert password not in auth.scrub(f"server said {echoed}!") and pair not in auth.scrub(f"server said {echoed}!")


def test_basic_credentials_echoed_base64_are_scrubbed(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_USER", "alice")
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", "hunter2")
    stub.answers["/echo"] = echo
    text = message(stub.base + "/echo")
    assert "YWxpY2U6aHVudGVyMg==" not in text and "hunter2" not in text and "HTTP 401" in text
    assert [r.headers.get("authorization") for r in stub.seen] == [None, "Basic YWxpY2U6aHVudGVyMg=="]  # sent once asked


def test_url_credentials_are_used_and_hidden(stub: Stub) -> None:
    stub.answers["/echo"] = echo
    url = stub.base.replace("http://", f"http://alice:{SECRET}@") + "/echo?api_key=" + SECRET
    _clean, auth = split_auth(url)
    assert (auth.scheme, auth.user, auth.password) == ("auto", "alice", SECRET)
    assert SECRET not in redact(url) and "alice" not in redact(url)
    assert SECRET not in message(url)


def test_credentials_never_follow_a_redirect_to_another_origin(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_TOKEN", SECRET)
    with http_stub() as other:
        stub.answers["/away"] = response("302 Found", Location=other.base + "/elsewhere")
        assert "redirected to another origin" in message(stub.base + "/away")
        assert other.seen == []


@pytest.mark.parametrize("status", ["301 Moved Permanently", "302 Found", "303 See Other"])
def test_a_redirect_that_drops_the_body_is_an_error(stub: Stub, status: str) -> None:
    stub.answers["/moved"] = response(status, Location="/q")
    stub.answers["/q"] = ONE
    assert "would turn the POST into a GET" in message(stub.base + "/moved")
    assert [r.path for r in stub.seen] == ["/moved"]


def test_a_same_origin_307_is_followed_with_the_body(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_TOKEN", SECRET)
    stub.answers["/moved"] = response("307 Temporary Redirect", Location="/q")
    stub.answers["/q"] = ONE
    assert EndpointEngine(stub.base + "/moved").select(COUNT, {}).rows == [["1"]]
    assert [(r.method, r.path) for r in stub.seen] == [("POST", "/moved"), ("POST", "/q")]
    assert stub.seen[1].body == stub.seen[0].body and stub.seen[1].headers["authorization"] == f"Bearer {SECRET}"


def test_an_answer_in_thousands_of_small_chunks_is_read_whole_on_one_connection(stub: Stub) -> None:
    body = select(["n"], [{"n": str(i)} for i in range(2000)])
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i : i + 55]), body[i : i + 55]) for i in range(0, len(body), 55))
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nTransfer-Encoding: chunked\r\n\r\n"
    stub.answers["/chunks"] = head + chunks + b"0\r\n\r\n"
    engine = EndpointEngine(stub.base + "/chunks")
    for _ in range(2):
        assert engine.select(COUNT, {}).rows == [[str(i)] for i in range(2000)]
    assert stub.connections == 1


def test_a_connection_the_server_closed_while_idle_is_opened_again(stub: Stub) -> None:
    def answer_and_hang_up(request: Request, out: BinaryIO) -> None:
        out.write(ONE)
        out.flush()
        raise OSError("the stub closes the connection")

    stub.answers["/q"] = answer_and_hang_up
    engine = EndpointEngine(stub.base + "/q")
    for _ in range(2):
        assert engine.select(COUNT, {}).rows == [["1"]]
        time.sleep(0.1)  # the server's close arrives before the next request
    assert stub.connections == 2


def test_requests_are_logged_at_debug_level_without_secrets(stub: Stub, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="rolegraph.engines.endpoint")
    stub.answers["/q"] = ONE
    host = stub.base.removeprefix("http://")
    EndpointEngine(f"http://alice:{SECRET}@{host}/q?token={SECRET}").select(COUNT, {})
    assert f"POST {stub.base}/q?token=***" in caplog.text and SECRET not in caplog.text


def test_queries_go_through_a_proxy_from_the_environment(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_PROXY", "no_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", stub.base)
    stub.answers["http://sparql.example/q"] = ONE  # a proxy is asked for the whole URL
    assert EndpointEngine("http://sparql.example/q").select(COUNT, {}).rows == [["1"]]
    assert [r.path for r in stub.seen] == ["http://sparql.example/q"]


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_a_named_query_projects_its_columns_header_in_order(name: str) -> None:
    """The endpoint takes a named query's columns from its header, not from the lexer: both must agree."""
    query = queries.get(name)
    assert query.columns == (lexed_projection(query.text) or ())


#: The most queries (so requests, on an endpoint) each command sends: the sources and fact IDs of a
#: table's rows come in one bound query, not one per row (path sent 45, show 26, compare 21).
REQUEST_BUDGET = {"compare": 12, "show": 12, "path": 12, "separate": 9, "shared": 11}
BUDGET_ARGS = {"compare": ["Tech PM", "Technical Program Manager"], "show": ["Tech PM"], "path": ["Software Engineer", "Tech PM"],
               "separate": ["Tech PM", "Tech PgM"], "shared": ["Tech PM", "Tech PgM"]}


@pytest.mark.parametrize("command", sorted(REQUEST_BUDGET))
def test_a_command_sends_a_few_queries_not_one_per_row(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    select = LocalEngine.select

    def spy(self: LocalEngine, text: str, params: dict[str, ParamValue], **kwargs: Any) -> Rows:
        sent.append(text)
        return select(self, text, params, **kwargs)

    monkeypatch.setattr(LocalEngine, "select", spy)
    result = CliRunner().invoke(app, [command, *BUDGET_ARGS[command], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert 0 < len(sent) <= REQUEST_BUDGET[command]


KEYS = ["head", "vars", "results", "bindings", "n", "type", "value"]


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
        max_leaves=20,
    )
)
def test_any_json_answer_gives_rows_or_one_endpoint_error(doc: object) -> None:
    try:
        parse_select(json.dumps(doc).encode(), ["n"])
    except EndpointError as error:
        assert "\n" not in str(error)


def test_cli_errors_are_one_line_with_exit_code_4(stub: Stub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_PASSWORD", SECRET)
    monkeypatch.setenv("ROLEGRAPH_ENDPOINT_USER", "alice")
    stub.answers["/500"] = response("500 Internal Server Error", b"broken", "text/plain")
    stub.answers["/echo"] = echo
    for url in (stub.base + "/500", stub.base + "/echo", f"http://alice:{SECRET}@127.0.0.1:{free_port()}/q"):
        result = CliRunner().invoke(app, ["roles", "--endpoint", url])
        assert result.exit_code == ExitCode.ENDPOINT
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("rolegraph: error: ")
        assert SECRET not in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(app, ["publish", "--to", f"http://127.0.0.1:{free_port()}/store"])
    assert result.exit_code == ExitCode.ENDPOINT and "cannot reach" in result.stderr


def test_publish_to_an_unknown_server_names_the_urls(stub: Stub) -> None:
    for path in ("/store", "/sparql-graph-crud", "/$/datasets"):
        stub.answers[path] = response("404 Not Found", b"", "text/plain")
    result = CliRunner().invoke(app, ["publish", "--to", stub.base])
    assert result.exit_code == ExitCode.ENDPOINT
    assert "found no Graph Store endpoint" in result.stderr and "/sparql-graph-crud-auth" in result.stderr and "/DATASET/data" in result.stderr
