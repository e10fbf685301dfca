"""Hostile SPARQL: the read-only check proved by difference, bound parameters, size limits, deadlines.

The property test builds queries with SERVICE in every position the grammar allows (after each
kind of term, in every group form, behind strings, comments, escapes and ``<`` operators),
runs each in pyoxigraph against a sentinel HTTP server on 127.0.0.1, and requires the check to
refuse every text that reached the sentinel.
"""

from __future__ import annotations

import contextlib
import http.server
import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolegraph import sparql_tokens
from rolegraph.cli.app import app
from rolegraph.errors import ExitCode, QueryError, UsageError
from rolegraph.kb import KnowledgeBase
from rolegraph.sparql import run_query

EMPTY = b'{"head":{"vars":["a","b","c"]},"results":{"bindings":[{"a":{"type":"literal","value":"x"}}]}}'


class Sentinel(http.server.BaseHTTPRequestHandler):
    """Answers every request with one SPARQL JSON row and remembers its path."""

    hits: list[str] = []  # noqa: RUF012 - shared by the handler instances of one server

    def _any(self) -> None:
        Sentinel.hits.append(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY)))
        self.end_headers()
        self.wfile.write(EMPTY)

    do_GET = do_POST = _any

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def sentinel() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sentinel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# Terms a SERVICE keyword may follow directly; the store holds a triple ending in each, so the
# pattern before SERVICE matches and the engine goes on to call it.
GLUE = ["?o", "1", "12", "1.5", ".5", "1e3", "1.E2", "true", "false", "TRUE", '"x"', "'x'", "'''a\\''''", '"""a\\""""', "'a\\''",
        '"x"@en', '"x"@en-GB', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>', '"1"^^xsd:integer', "<http://e/o>", "e:o",
        "e:o\\'x", "e:o\\#x", "e:o%41", "e:", "_:b", "[]", "()", "(1 2)", "[ e:q 1 ]", "<<e:a e:b e:c>>"]
SEP = ["", " ", "\n", "\t", "\r\n", " # note\n", "#\n", "# SERVICE <x> {}\n"]
KEYWORD = ["SERVICE", "service", "Service", "sErViCe"]
PROLOGUE = "PREFIX e: <http://e/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "


def _store() -> ox.Store:
    store = ox.Store()
    store.update(PROLOGUE + "INSERT DATA { e:s e:p e:o . e:a e:b e:c }")
    for glue in GLUE:
        with contextlib.suppress(SyntaxError):  # variables, blank nodes, collections: matched by the triples above
            store.update(PROLOGUE + f"INSERT DATA {{ e:s e:p {glue} }}")
    return store


STORE = _store()


@st.composite
def service_queries(draw: st.DrawFn, base: str) -> tuple[str, str]:
    """A query with one SERVICE call placed by the grammar; and the path the sentinel sees when it runs."""
    path = f"/hit-{draw(st.integers(0, 10**9))}"
    sep = lambda: draw(st.sampled_from(SEP))  # noqa: E731
    kw = draw(st.sampled_from(KEYWORD))
    silent = draw(st.sampled_from(["", "SILENT", "silent"]))
    target = draw(st.sampled_from(["iri", "pname", "var"]))
    prologue = PROLOGUE + f"PREFIX : <{base}/> PREFIX s: <{base}/> "
    binder = ""
    if target == "iri":
        where = f"<{base}{path}>"
    elif target == "pname":
        where = draw(st.sampled_from([":", "s:"])) + path[1:]
    else:
        where, binder = "?svc", f"BIND(<{base}{path}> AS ?svc)"
    call = f"{kw}{sep()}{silent}{sep()}{where}{sep()}{{ ?a ?b ?c }}"
    glue = draw(st.sampled_from(GLUE))
    lead = draw(st.sampled_from([
        f"{binder} ?s e:p {glue}{sep()}",                      # right after a term
        f"?s e:p ?o . {binder}{sep()}",                       # after a full stop
        f"?s e:p ?o {binder} FILTER(?o != 'b>x'){sep()}",     # after a FILTER holding '>' in a string
        f"?s e:p ?o {binder} FILTER(?o<'b>x'||true){sep()}",  # '<' as less-than, then text an IRI reader would swallow
        f"?s e:p ?o {binder} FILTER(1<2){sep()}",
        f"?s e:p ?o {binder} FILTER(2*<http://e/f>(1)!='b>x'||true){sep()}",
        f"?s e:p ?o {binder} FILTER(e:f(?o)<'b>x'||true){sep()}",
        f"?s e:p ?o {binder} BIND(1 AS ?z){sep()}",
        f"{{ ?s e:p ?o }} {binder}{sep()}",
        f"?s e:p ?o ; e:p {glue} {binder}{sep()}",
        f"?s e:p ?o , {glue} {binder}{sep()}",
    ]))
    body = lead + call
    shape = draw(st.sampled_from(["plain", "optional", "union", "minus", "sub", "exists", "exists-expr", "group", "nested"]))
    if shape == "optional":
        body = f"?s e:p ?o OPTIONAL {{ {body} }}"
    elif shape == "union":
        body = f"{{ ?s e:p ?o }} UNION {{ {body} }}"
    elif shape == "minus":
        body = f"?s e:p ?o MINUS {{ {body} }}"
    elif shape == "sub":
        body = f"{{ SELECT * WHERE {{ {body} }} }}"
    elif shape == "exists":
        body = f"?s e:p ?o FILTER EXISTS {{ {body} }}"
    elif shape == "exists-expr":
        body = f"?s e:p ?o FILTER(?o<'b>x' || EXISTS {{ {body} }})"
    elif shape == "group":
        body = f"{{ {body} }}"
    elif shape == "nested":
        body = f"{{ {{ {body} }} . ?s e:p ?o }}"
    tail = draw(st.sampled_from(["", " LIMIT 5", " ORDER BY ?s", " VALUES ?q { 1 }"]))
    return prologue + f"SELECT * WHERE {{ {body} }}{tail}", path


def _runs_into(query: str, path: str) -> bool:
    before = len(Sentinel.hits)
    try:
        answer = STORE.query(query)
        if isinstance(answer, ox.QuerySolutions):
            list(itertools.islice(answer, 10))
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return path in Sentinel.hits[before:]


def _refused(query: str) -> bool:
    try:
        sparql_tokens.check_read_only(query)
    except QueryError:
        return True
    return False


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_query_that_reaches_the_network_is_refused(sentinel: str, data: st.DataObject) -> None:
    query, path = data.draw(service_queries(sentinel))
    reached = _runs_into(query, path)
    event("reached the sentinel" if reached else "did not reach it")
    if reached:
        assert _refused(query), query


def test_the_sentinel_sees_a_plain_service_call(sentinel: str) -> None:
    """The harness can fail: an unchecked SERVICE does reach the sentinel."""
    query = f"SELECT * WHERE {{ ?s ?p ?o SERVICE <{sentinel}/plain> {{ ?a ?b ?c }} }}"
    assert _runs_into(query, "/plain") and _refused(query)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?s ?p 1SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p trueSERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
    "SELECT * WHERE { $s $p 10SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
    "SELECT * WHERE { BIND('''a\\'''' AS ?x) SERVICE <http://127.0.0.1:9/> { ?a ?b 'z' } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<'b>x')SERVICE<http://127.0.0.1:9/>{?a ?b ?c}#'\n}",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?b)SERVICE?x#>\n{?a ?b ?c}}",
    "PREFIX : <http://127.0.0.1:9/> SELECT * WHERE { ?s ?p ?o . SERVICE:x { ?a ?b ?c } }",
    "PREFIX e: <http://e/> SELECT * WHERE { ?s e:p\\'x ?o . SERVICE <http://127.0.0.1:9/> {} }",
    "SELECT * WHERE { ?s ?p ?o . \\u0053ERVICE <http://127.0.0.1:9/> {} }",
    "SELECT * WHERE { ?s ?p ?o . SERVICESILENT<http://127.0.0.1:9/>{} }",
    "DELETE WHERE { ?s ?p ?o }",
    "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
])
def test_known_hiding_places_are_refused(query: str) -> None:
    assert _refused(query)


@pytest.mark.parametrize("query", [
    'SELECT ?load ?from WHERE { ?load <http://e/insert> "DELETE SERVICE" . # LOAD\n ?from ?p ?o }',
    "SELECT * WHERE { ?s ?p (<http://a> <http://b>) . ?s (<http://p>/<http://q>)* ?o FILTER(<http://f>(?s) < 2) }",
    "SELECT ?x WHERE { ?x <http://e/p> <http://example.org/service#a> FILTER(?x < 3 && ?x > 1) } ORDER BY ?x",
    "PREFIX rg: <https://w3id.org/rolegraph/ns#> SELECT ?s WHERE { ?s rg:serviceLevel 'SERVICE' }",
])
def test_read_only_queries_pass(query: str) -> None:
    assert not _refused(query)


@given(st.text(max_size=300))
def test_the_lexer_takes_any_text(text: str) -> None:
    """Any text lexes, and the tokens are in order and never overlap."""
    toks = sparql_tokens.tokens(text)
    ends = [t.start + len(t.text) for t in toks]
    assert all(a <= b.start for a, b in zip(ends, toks[1:], strict=False))
    assert all(text[t.start : t.start + len(t.text)] == t.text for t in toks)


@pytest.mark.parametrize(("query", "fragment"), [
    ("SELECT * WHERE { FILTER(" + "(" * 100_000 + "1" + ")" * 100_000 + ") }", "characters long"),
    ("SELECT * WHERE { FILTER(" + "(" * 1000 + "1" + ")" * 1000 + ") }", "levels deep"),
    ("SELECT * WHERE { ?s " + "(" * 500 + "<urn:p>" + ")" * 500 + " ?o }", "levels deep"),
    ("SELECT * WHERE { " + "?s <urn:p> ?o . " * 6000 + "}", "tokens"),
])
def test_size_limits(query: str, fragment: str) -> None:
    with pytest.raises(QueryError, match=fragment):
        sparql_tokens.check_read_only(query)


def _cli(tmp_path: Path, text: str, *args: str) -> tuple[int, str]:
    q = tmp_path / "q.rq"
    q.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["query", str(q), *args])
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit))
    return result.exit_code, result.stderr


def test_a_param_name_is_never_query_text(mini_kb: KnowledgeBase) -> None:
    with pytest.raises(UsageError, match="no parameter"):
        run_query(mini_kb, "counts", ['x) {("a")} SERVICE <http://127.0.0.1:9/s1> {?s ?p ?o} VALUES (?y=1'])


def test_an_undeclared_param_is_a_usage_error(tmp_path: Path) -> None:
    code, err = _cli(tmp_path, "SELECT ?s WHERE { ?s ?p ?o }", "-p", "colour=red")
    assert code == ExitCode.USAGE and "no parameter 'colour'" in err and "its parameters: o, p, s" in err


@given(st.text(min_size=1, max_size=40).filter(lambda s: "=" not in s))
@example("s")
@example(" o")
@settings(max_examples=60, deadline=None)
def test_any_param_name_binds_or_is_refused(mini_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    q = tmp_path_factory.mktemp("q") / "mine.rq"
    q.write_text("SELECT ?s WHERE { OPTIONAL { ?s ?p ?o } } LIMIT 1", encoding="utf-8")
    try:
        result = run_query(mini_kb, str(q), [f"{name}=<http://e/x>"])
    except (QueryError, UsageError):
        return
    # Only the query's own variables bind; a bound ?p or ?o matches nothing here, a bound ?s is projected as given.
    assert name.strip() in {"s", "p", "o"}
    assert result.table.rows == ([["http://e/x"]] if name.strip() == "s" else [[None]])


def test_a_runaway_query_stops_at_its_deadline(tmp_path: Path) -> None:
    code, err = _cli(tmp_path, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", "--timeout", "0.5")
    assert code == ExitCode.ERROR and "did not finish within 0.5 s" in err


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0", "soon", "1e9"])
def test_a_bad_timeout_is_one_line(tmp_path: Path, value: str) -> None:
    code, err = _cli(tmp_path, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--timeout", value)
    assert code == ExitCode.ERROR and "query timeout" in err and len(err.strip().splitlines()) == 1


def test_an_error_while_running_is_one_line(mini_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise RuntimeError("The variable encoding the service name is unbound\nsecond line")

    monkeypatch.setattr(mini_kb.engine, "select", fails)
    with pytest.raises(QueryError, match=r"failed while running: The variable .* unbound second line"):
        run_query(mini_kb, "counts", [])
