"""Publish the knowledge base to a triple store: SPARQL 1.1 Graph Store Protocol (default) or
a SPARQL 1.1 Update endpoint. Uses the same HTTP layer, credentials and errors as
:mod:`rolegraph.endpoint`.

The data is sent as N-Triples (which is also valid Turtle) with ``Content-Type:
text/turtle``: ``PUT`` replaces the target graph, ``POST`` adds to it. With ``update=True``
the URL is an update endpoint and the data goes in ``INSERT DATA`` batches (the first one
after ``CLEAR`` when replacing). Data with more than one batch is not published atomically
over Update: a failure part-way leaves the batches already sent; the Graph Store Protocol sends
everything in one request.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from rolegraph.endpoint import Http, redact
from rolegraph.kb import load_store
from rolegraph.queries import check_iri

BATCH = 50_000


@dataclass(frozen=True)
class Published:
    """What was sent where."""

    triples: int
    target: str
    graph: str | None
    replaced: bool


def _graph_url(url: str, graph: str | None) -> str:
    parts = urllib.parse.urlsplit(url)
    extra = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def ntriples(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as N-Triples bytes."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _batches(store: ox.Store) -> Iterator[tuple[int, bytes]]:
    """``BATCH``-triple pieces; data with blank nodes goes whole, since each request would make its own copy of a node."""
    blank = any(isinstance(term, ox.BlankNode) for q in store for term in (q.subject, q.object))
    size = len(store) if blank else BATCH
    quads = iter(store)
    while True:
        chunk = [q.triple for _, q in zip(range(size), quads, strict=False)]
        if not chunk:
            return
        yield len(chunk), ntriples(chunk)


def publish(
    files: Sequence[str | Path],
    to: str,
    *,
    graph: str | None = None,
    replace: bool = False,
    update: bool = False,
) -> Published:
    """Send the triples of ``files`` to the store at ``to`` (Graph Store Protocol, or Update)."""
    if graph is not None:
        graph = check_iri(graph)
    store = load_store([Path(f) for f in files])
    http = Http(to)
    sent = 0
    if update:
        target = f"GRAPH <{graph}>" if graph else "DEFAULT"
        operations = [f"CLEAR SILENT {target}"] if replace else []  # sent with the first batch: a failure there keeps the old graph
        for count, data in _batches(store):
            triples = data.decode("utf-8")
            operations.append(f"INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}" if graph else f"INSERT DATA {{ {triples} }}")
            http.request("POST", " ;\n".join(operations).encode("utf-8"), "application/sparql-update", "*/*")
            operations = []
            sent += count
        if operations:  # replacing with nothing
            http.request("POST", operations[0].encode("utf-8"), "application/sparql-update", "*/*")
    else:
        url = _graph_url(http.url, graph)
        body = ntriples(q.triple for q in store)
        http.request("PUT" if replace else "POST", body, "text/turtle", "*/*", url=url)
        sent = len(store)
    return Published(sent, redact(http.url), graph, replace)
