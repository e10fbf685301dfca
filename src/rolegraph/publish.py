"""Publish the knowledge base to a triple store: SPARQL 1.1 Graph Store Protocol (default) or
a SPARQL 1.1 Update endpoint, in batches, checked with a count query afterwards. Uses the same
HTTP client, credentials (Basic, or Digest when the server asks) and errors as
:mod:`rolegraph.engines.endpoint`.

``to`` may be a server's base URL (``http://localhost:7878``): the Graph Store endpoint of
Oxigraph (``/store``), Virtuoso (``/sparql-graph-crud-auth`` with credentials, else
``/sparql-graph-crud``) or Fuseki (``/DATASET/data``) is found by asking the server. The data
goes as N-Triples (also valid Turtle, sent as ``text/turtle``) in ``batch_size`` pieces: the
first ``PUT`` when replacing, then ``POST``; with ``update=True`` as ``INSERT DATA`` (the first
after ``CLEAR`` when replacing). Triples with blank nodes travel together in the first batch, so
each node stays one node. A failure part-way leaves the batches already sent.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rolegraph.engines.endpoint import Auth, EndpointEngine, Http, redact
from rolegraph.errors import EndpointError
from rolegraph.loading import load_store
from rolegraph.queries import check_iri

BATCH = 5_000
GRAPH_STORE_HINT = (
    "give the Graph Store URL: Oxigraph http://HOST:7878/store, Virtuoso http://HOST:8890/sparql-graph-crud-auth, "
    "Fuseki http://HOST:3030/DATASET/data (or an update endpoint with --update)"
)


@dataclass(frozen=True)
class Published:
    """What was sent where, and what the store counted afterwards."""

    triples: int
    target: str
    graph: str | None
    replaced: bool
    batches: int = 0
    counted: int | None = None


@dataclass(frozen=True)
class Target:
    """Where to write (Graph Store or Update URL) and where to count (a query URL, if known)."""

    write: str
    query: str | None


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as N-Triples bytes."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def batches(store: ox.Store, size: int) -> Iterator[list[ox.Triple]]:
    """The store's triples in pieces of at most ``size``; every triple with a blank node goes in the first piece."""
    blank = [q.triple for q in store if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)]
    plain = (q.triple for q in store if not (isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)))
    first = blank + [t for _, t in zip(range(max(0, size - len(blank))), plain, strict=False)]
    if first:
        yield first
    while chunk := [t for _, t in zip(range(size), plain, strict=False)]:
        yield chunk


def _base(url: str) -> str | None:
    """The server's base URL if ``url`` names no path, else None."""
    parts = urllib.parse.urlsplit(url)
    return url.rstrip("/") if parts.path in ("", "/") and not parts.query else None


def _with_path(url: str, path: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def _answers(http: Http, url: str) -> int:
    """The status a HEAD request to ``url`` gets; probes never carry credentials."""
    return Http(url, timeout=http.timeout, auth=Auth()).request("HEAD", what="HEAD", check=False).status


def discover(http: Http, graph: str | None) -> Target:
    """The Graph Store and query URLs of the server at base URL ``http.url`` (Oxigraph, Virtuoso, Fuseki)."""
    base = http.url.rstrip("/")
    if _answers(http, base + "/store") < 300:
        return Target(base + "/store", base + "/query")
    if _answers(http, base + "/sparql-graph-crud") < 300:
        if graph is None:
            raise EndpointError("Virtuoso's Graph Store has no default graph", "name one with --graph, e.g. --graph https://example.org/rolegraph")
        if http.auth.scheme:
            return Target(base + "/sparql-graph-crud-auth", base + "/sparql-auth")
        return Target(base + "/sparql-graph-crud", base + "/sparql")
    try:
        listing = http.request("GET", url=base + "/$/datasets", accept="application/json").body
        names = [str(d["ds.name"]).strip("/") for d in json.loads(listing)["datasets"]]
    except (EndpointError, ValueError, KeyError, TypeError):
        names = []
    if len(names) == 1:
        return Target(f"{base}/{names[0]}/data", f"{base}/{names[0]}/sparql")
    found = f" (Fuseki datasets: {', '.join(names)})" if names else ""
    raise EndpointError(f"found no Graph Store endpoint at {redact(http.url)}{found}", GRAPH_STORE_HINT)


def query_url_for(url: str) -> str | None:
    """The query URL that goes with a Graph Store or Update URL of a known server, if any."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    for suffix, query in (("/store", "/query"), ("/update", "/query"), ("/sparql-graph-crud-auth", "/sparql-auth"),
                          ("/sparql-graph-crud", "/sparql"), ("/sparql-auth", "/sparql-auth"), ("/sparql", "/sparql"), ("/data", "/sparql")):  # fmt: skip
        if path.endswith(suffix):
            return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len(suffix)] + query, "", ""))
    return None


def _graph_params(graph: str | None) -> dict[str, str | list[str]]:
    return {"graph": graph} if graph else {"default": ""}


def publish(
    files: Sequence[str | Path],
    to: str,
    *,
    graph: str | None = None,
    replace: bool = False,
    update: bool = False,
    batch_size: int = BATCH,
    verify: bool = True,
) -> Published:
    """Send the triples of ``files`` to the store at ``to`` in batches, then count them there."""
    if graph is not None:
        graph = check_iri(graph)
    if batch_size < 1:
        raise EndpointError(f"batch size {batch_size} is not a positive number of triples", "e.g. --batch-size 5000")
    store = load_store([Path(f) for f in files])
    http = Http(to)
    base = None if update else _base(http.url)
    target = discover(http, graph) if base else Target(http.url, query_url_for(http.url))
    if base:
        http = Http(target.write, timeout=http.timeout, auth=http.auth)
    sent = count = 0
    for count, chunk in enumerate(batches(store, batch_size), 1):
        _send(http, chunk, graph, replace=replace and count == 1, update=update)
        sent += len(chunk)
    if count == 0 and replace:  # replacing with nothing
        _send(http, [], graph, replace=True, update=update)
    counted = _count(http, target, graph, update) if verify else None
    if counted is not None and (counted != sent if replace else counted < sent):
        raise EndpointError(
            f"after publishing {sent} triples the store counts {counted} in {_where(graph)}", "check the server's log and the graph name"
        )
    return Published(sent, redact(http.url), graph, replace, count, counted)


def _where(graph: str | None) -> str:
    return f"graph <{graph}>" if graph else "the default graph"


def _send(http: Http, chunk: list[ox.Triple], graph: str | None, *, replace: bool, update: bool) -> None:
    data = ntriples(chunk)
    if update:
        target = f"GRAPH <{graph}>" if graph else "DEFAULT"
        operations = [f"CLEAR SILENT {target}"] if replace else []  # with the first batch: a failure there keeps the old graph
        if chunk:
            text = data.decode("utf-8")
            operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{ {text} }} }}" if graph else f"INSERT DATA {{ {text} }}")
        http.request("POST", content=" ;\n".join(operations).encode("utf-8"), content_type="application/sparql-update", what="SPARQL update")
    else:
        method = "PUT" if replace else "POST"
        http.request(method, content=data, params=_graph_params(graph), content_type="text/turtle", what=f"Graph Store {method}")


def _count(http: Http, target: Target, graph: str | None, update: bool) -> int | None:
    """The triples in the graph after publishing: a count query where the query URL is known, else a Graph Store GET."""
    if target.query:
        engine = EndpointEngine(target.query, timeout=http.timeout, auth=http.auth)
        text = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}" if graph else "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        value = engine.select(text, {}).rows[0][0]
        return value if isinstance(value, int) else int(str(value))
    if update:
        return None
    answer = http.request("GET", params=_graph_params(graph), accept="application/n-triples", what="Graph Store GET")
    return sum(1 for _ in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
