"""``--endpoint`` overhead: rolegraph's HTTP client against a bare request, and a whole command
against the local one. Starts ``oxigraph serve`` on 127.0.0.1 and publishes the shipped graph to it.

* per query — ``EndpointEngine.select`` (warm, kept-alive connection) against a bare form POST
  of the same query text (urlencoded) on a kept-alive ``http.client`` connection plus
  ``json.loads`` of the answer (medians of interleaved runs). Goal ≤ 1.2×.
* per command — a cold ``rolegraph compare … --format json`` process with ``--endpoint``
  against the same command on the local store plus the network time: the requests that command
  sends (recorded in-process), replayed bare. Goal ≤ 1.2×.

    python benchmarks/bench_endpoint.py              # 21 rounds
    python benchmarks/bench_endpoint.py --rounds 41
    python benchmarks/bench_endpoint.py --endpoint http://127.0.0.1:8890/sparql --graph G   # per query only
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from rolegraph import queries, resources
from rolegraph.engines.base import plan_named
from rolegraph.engines.endpoint import EndpointEngine, Http
from rolegraph.publish import publish

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from oxigraph_server import oxigraph_server  # the tests' loopback server

ROLE = "https://w3id.org/rolegraph/id/role/"
PAIR = {"a": ROLE + "technical-product-manager", "b": ROLE + "technical-program-manager"}
QUERIES = {  # name: parameters
    "roles": {},
    "statement-sources": {},
    "skill-profile": {"role": PAIR["a"]},
    "skill-differences": PAIR,
}
COMMAND = ["compare", "Tech PM", "Technical Program Manager", "--format", "json"]
GOAL = 1.2


class Bare:
    """Form POSTs on one kept-alive ``http.client`` connection, answers decoded with ``json.loads``."""

    def __init__(self, url: str, graphs: list[str] | None = None) -> None:
        self.graphs = graphs or []
        parts = urllib.parse.urlsplit(url)
        self.path = parts.path
        self.connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)

    def post(self, query: str) -> object:
        form = urllib.parse.urlencode({"query": query, "default-graph-uri": self.graphs, "named-graph-uri": self.graphs}, doseq=True).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
        self.connection.request("POST", self.path, body=form, headers=headers)
        return json.loads(self.connection.getresponse().read())


def medians(calls: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Median seconds of each call over interleaved rounds (after one warm-up round)."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    for round_ in range(rounds + 1):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            if round_:
                times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def per_query(url: str, rounds: int, graphs: list[str] | None = None) -> list[str]:
    engine, bare = EndpointEngine(url, graphs=graphs or ()), Bare(url, graphs or [])
    lines = []
    for name, raw in QUERIES.items():
        query = queries.get(name)
        plan_named(query)  # as KnowledgeBase.named does: a named query takes its VALUES block without the SPARQL lexer
        params = query.coerce(dict(raw))
        text = queries.inject_values(query.text, params)
        rows = len(engine.select(query.text, params).rows)
        m = medians({"ours": lambda q=query, p=params: engine.select(q.text, p), "bare": lambda t=text: bare.post(t)}, rounds)
        ratio = m["ours"] / m["bare"]
        lines.append(f"  {name:18} {rows:5} rows: ours {m['ours'] * 1000:7.2f} ms, bare {m['bare'] * 1000:7.2f} ms -> {ratio:.2f}x")
    return lines


def recorded_requests(url: str) -> list[str]:
    """The queries the command sends, recorded by running it in this process once."""
    from rolegraph.cli.app import click_command

    sent: list[str] = []
    original = Http.request

    def record(self: Http, method: str, **kwargs: object) -> object:
        form = kwargs.get("form")
        if isinstance(form, dict):
            sent.append(str(form["query"]))
        return original(self, method, **kwargs)  # type: ignore[arg-type]

    Http.request = record  # type: ignore[assignment,method-assign]
    try:
        click_command(COMMAND)([*COMMAND, "--endpoint", url, "--output", str(Path(tempfile.gettempdir()) / "bench-endpoint.json")],
                               prog_name="rolegraph", standalone_mode=False)  # fmt: skip
    finally:
        Http.request = original  # type: ignore[method-assign]
    return sent


def per_command(url: str, rounds: int) -> list[str]:
    rolegraph = shutil.which("rolegraph") or str(Path(sys.executable).parent / "rolegraph")
    forms = recorded_requests(url)
    bare = Bare(url)

    def run(*extra: str) -> Callable[[], object]:
        return lambda: subprocess.run([rolegraph, *COMMAND, *extra], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def replay() -> None:
        for query in forms:
            bare.post(query)

    m = medians({"local": run(), "endpoint": run("--endpoint", url), "network": replay}, rounds)
    ratio = m["endpoint"] / (m["local"] + m["network"])
    return [
        f"  rolegraph {' '.join(COMMAND[:3])}: {len(forms)} requests on one connection",
        f"  local {m['local'] * 1000:.0f} ms, endpoint {m['endpoint'] * 1000:.0f} ms, the same requests bare {m['network'] * 1000:.1f} ms"
        f" -> endpoint / (local + network) = {ratio:.2f}x",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--endpoint", help="measure per query against this running endpoint instead (e.g. Virtuoso's /sparql)")
    parser.add_argument("--graph", action="append", help="with --endpoint: the graph holding the shipped data")
    args = parser.parse_args()
    if args.endpoint:
        print(f"per query on {args.endpoint} (goal <= {GOAL}x a bare kept-alive form POST + json.loads):")
        print("\n".join(per_query(args.endpoint, args.rounds, args.graph)))
        return
    with tempfile.TemporaryDirectory() as work, oxigraph_server(Path(work)) as server:
        publish(resources.packaged_graph_paths(), server.store, replace=True)
        url = server.query
        print(f"per query (goal <= {GOAL}x a bare kept-alive form POST + json.loads):")
        print("\n".join(per_query(url, args.rounds)))
        print(f"per command (goal <= {GOAL}x local + network):")
        print("\n".join(per_command(url, max(5, args.rounds // 2))))


if __name__ == "__main__":
    main()
