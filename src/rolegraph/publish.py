"""Publish the knowledge base to a triple store: SPARQL 1.1 Graph Store Protocol (default) or
a SPARQL 1.1 Update endpoint. Uses the same HTTP layer, credentials and errors as
:mod:`rolegraph.endpoint`.

The data is sent as N-Triples (which is also valid Turtle) with ``Content-Type:
text/turtle``: ``PUT`` replaces the target graph, ``POST`` adds to it. With ``update=True``
the URL is an update endpoint and the data goes in ``INSERT DATA`` batches (after ``CLEAR``
when replacing).
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
    quads = iter(store)
    while True:
        chunk = [q.triple for _, q in zip(range(BATCH), quads, strict=False)]
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
    timeout: float | None = None,
) -> Published:
    """Send the triples of ``files`` to the store at ``to`` (Graph Store Protocol, or Update)."""
    if graph is not None:
        graph = check_iri(graph)
    store = load_store([Path(f) for f in files])
    http = Http(to, timeout=timeout)
    sent = 0
    if update:
        target = f"GRAPH <{graph}>" if graph else "DEFAULT"
        if replace:
            http.request("POST", f"CLEAR SILENT {target}".encode(), "application/sparql-update", "*/*")
        for count, data in _batches(store):
            triples = data.decode("utf-8")
            text = f"INSERT DATA {{ GRAPH <{graph}> {{ {triples} }} }}" if graph else f"INSERT DATA {{ {triples} }}"
            http.request("POST", text.encode("utf-8"), "application/sparql-update", "*/*")
            sent += count
    else:
        url = _graph_url(http.url, graph)
        body = ntriples(q.triple for q in store)
        http.request("PUT" if replace else "POST", body, "text/turtle", "*/*", url=url)
        sent = len(store)
    return Published(sent, redact(http.url), graph, replace)
